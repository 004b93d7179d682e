// The national gap roll-up (per agency × competency) for millions of people.
//
// Same numbers as repository.gapRollUp({ groupBy: 'agency' }) (test/synthetic-load.test.ts
// compares them), computed differently so that it stays fast at 6.5M people × 9 competencies:
//   A. required population: active people with a position, counted per position (one scan of
//      civil_servant), joined with the effective standard of each position → per (agency, code)
//      the people for whom it is required and the sum of their required levels;
//   B. assessed population: the current level per (person, code) — the latest non-voided
//      assessment, which is the current one when it is still valid (an older one never is) —
//      walked in index order (competency_assessment_latest, index-only) and joined with the
//      person's position standard → per (agency, code) the assessed people, those below the
//      standard, the sum of their required levels and of their gaps.
//   Unassessed people carry their whole required level as gap (gaps.ts), so
//      withGap = (people − assessed) + assessedBelow,  gapSum = (requiredSum − assessedRequiredSum) + assessedGapSum.
// B is split into ranges of civil_servant ids run concurrently on the pool: PostgreSQL uses
// every core; on PGlite (one connection) they simply run one after another.
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

export async function nationalGapRollUp(db: Kysely<DB>, cutoff: string, ranges = 4): Promise<GapGroupRow[]> {
  const bounds = await sql<{ lo: string | null; hi: string | null }>`select min(id) as lo, max(id) as hi from civil_servant`.execute(db);
  const lo = Number(bounds.rows[0]?.lo ?? 0);
  const hi = Number(bounds.rows[0]?.hi ?? -1);
  const required = sql<{ group_id: number; code: string; people: string; required_sum: string }>`
    with std as (${positionStandard}),
    per_position as (
      select agency_id, position_id, count(*) as n from civil_servant
       where status = 'active' and position_id is not null group by agency_id, position_id
    )
    select pp.agency_id as group_id, s.code, sum(pp.n)::bigint as people, sum(pp.n * s.required)::bigint as required_sum
      from per_position pp join std s on s.position_id = pp.position_id
     group by 1, 2`.execute(db);
  const step = Math.max(1, Math.ceil((hi - lo + 1) / ranges));
  const parts = [];
  for (let from = lo; from <= hi; from += step) {
    const to = Math.min(hi, from + step - 1);
    parts.push(
      sql<{ group_id: number; code: string; assessed: string; below: string; required_sum: string; gap_sum: string }>`
        with std as (${positionStandard}),
        latest as (
          select distinct on (a.civil_servant_id, a.competency_code) a.civil_servant_id, a.competency_code as code, a.level, a.assessed_on
            from competency_assessment a
           where a.civil_servant_id between ${from} and ${to} and a.voided_at is null
           order by a.civil_servant_id, a.competency_code, a.assessed_on desc, a.id desc
        )
        select cs.agency_id as group_id, c.code,
               count(*)::bigint as assessed,
               count(*) filter (where s.required > c.level)::bigint as below,
               sum(s.required)::bigint as required_sum,
               sum(greatest(s.required - c.level, 0))::bigint as gap_sum
          from latest c
          join civil_servant cs on cs.id = c.civil_servant_id
          join std s on s.position_id = cs.position_id and s.code = c.code
         where c.assessed_on > ${cutoff} and cs.status = 'active' and cs.position_id is not null and cs.id between ${from} and ${to}
         group by 1, 2`.execute(db),
    );
  }
  const [req, ...assessed] = await Promise.all([required, ...parts]);
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
