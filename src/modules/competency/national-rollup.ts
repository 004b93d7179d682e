// The national gap roll-up (per agency × competency) for millions of people.
//
// Same numbers as repository.gapRollUp({ groupBy: 'agency' }) (test/synthetic-load.test.ts and
// test/competency-current.test.ts compare them), computed from maintained counts so that it reads
// thousands of rows instead of 63M assessments:
//   A. required population: active people with a position, counted per position (one scan of
//      civil_servant), joined with the effective standard of each position → per (agency, code)
//      the people for whom it is required and the sum of their required levels;
//   B. assessed population: competency_current_count (migration 0008, kept in step by triggers):
//      per (position, code, level, agency) the active people whose current level is that level and
//      still valid. It is first rolled to today's cutoff (competency_current_roll: the rows whose
//      date passed the cutoff since the last roll stop counting), then joined with the position's
//      standard → per (agency, code) the assessed people, those below the standard, the sum of
//      their required levels and of their gaps.
//   Unassessed people carry their whole required level as gap (gaps.ts), so
//      withGap = (people − assessed) + assessedBelow,  gapSum = (requiredSum − assessedRequiredSum) + assessedGapSum.
// The roll and the read of B run in one transaction (the roll holds the state row until commit,
// so B is exactly the counts at `cutoff`); A runs alongside on another connection.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { GapGroupRow } from './repository.ts';

const positionStandard = sql`
  select o.position_id, o.competency_code as code, o.required_level as required
    from competency_position_standard o
  union all
  select pos.id, t.competency_code, t.required_level
    from position pos join competency_tier_standard t on t.tier = pos.tier
   where not exists (select 1 from competency_position_standard o2 where o2.position_id = pos.id and o2.competency_code = t.competency_code)`;

export async function nationalGapRollUp(db: Kysely<DB>, cutoff: string): Promise<GapGroupRow[]> {
  const required = sql<{ group_id: number; code: string; people: string; required_sum: string }>`
    with std as (${positionStandard}),
    per_position as (
      select agency_id, position_id, count(*) as n from civil_servant
       where status = 'active' and position_id is not null group by agency_id, position_id
    )
    select pp.agency_id as group_id, s.code, sum(pp.n)::bigint as people, sum(pp.n * s.required)::bigint as required_sum
      from per_position pp join std s on s.position_id = pp.position_id
     group by 1, 2`.execute(db);
  const counted = db.transaction().execute(async (tx) => {
    await sql`select competency_current_roll(${cutoff}::date)`.execute(tx);
    return sql<{ group_id: number; code: string; assessed: string; below: string; required_sum: string; gap_sum: string }>`
      with std as (${positionStandard})
      select k.agency_id as group_id, k.competency_code as code,
             sum(k.people)::bigint as assessed,
             coalesce(sum(k.people) filter (where s.required > k.level), 0)::bigint as below,
             sum(k.people * s.required)::bigint as required_sum,
             sum(k.people * greatest(s.required - k.level, 0))::bigint as gap_sum
        from competency_current_count k
        join std s on s.position_id = k.position_id and s.code = k.competency_code
       where k.people <> 0
       group by 1, 2`.execute(tx);
  });
  const [req, part] = await Promise.all([required, counted]);
  const assessed = [part];
  const key = (g: number, c: string) => `${g}\u0000${c}`;
  const acc = new Map<string, { assessed: number; below: number; requiredSum: number; gapSum: number }>();
  for (const part of assessed) {
    for (const r of part.rows) {
      const k = key(r.group_id, r.code);
      const a = acc.get(k) ?? { assessed: 0, below: 0, requiredSum: 0, gapSum: 0 };
      a.assessed += Number(r.assessed);
      a.below += Number(r.below);
      a.requiredSum += Number(r.required_sum);
      a.gapSum += Number(r.gap_sum);
      acc.set(k, a);
    }
  }
  return req.rows.map((r) => {
    const a = acc.get(key(r.group_id, r.code)) ?? { assessed: 0, below: 0, requiredSum: 0, gapSum: 0 };
    const people = Number(r.people);
    return {
      group_id: r.group_id,
      code: r.code,
      people,
      assessed: a.assessed,
      with_gap: people - a.assessed + a.below,
      gap_sum: Number(r.required_sum) - a.requiredSum + a.gapSum,
    };
  });
}
