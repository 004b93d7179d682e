// The SQL behind planning's reads of gaps: an agency's needs by competency × position tier × unit,
// and the people of an agency whose gaps a programme's level ranges close most. Same population
// and gap definition as gapRollUp (active people with a position; gap = max(0, required −
// current), no valid current level counted as 0).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface NeedRow {
  code: string;
  tier: string;
  unit_id: number | null;
  people: number;
  with_gap: number;
  gap_sum: number;
}

const standardsOfAgency = (agencyId: number) => sql`
    select o.position_id, o.competency_code as code, o.required_level as required
    from competency_position_standard o where o.agency_id = ${agencyId}
    union all
    select pos.id, t.competency_code, t.required_level
    from position pos join competency_tier_standard t on t.tier = pos.tier
    where pos.agency_id = ${agencyId}
      and not exists (select 1 from competency_position_standard o2 where o2.position_id = pos.id and o2.competency_code = t.competency_code)`;

export async function needsByTierAndUnit(db: Db, agencyId: number, cutoff: string): Promise<NeedRow[]> {
  const { rows } = await sql<NeedRow>`
    with people as (
      select cs.id, cs.unit_id, cs.position_id from civil_servant cs
      where cs.agency_id = ${agencyId} and cs.status = 'active' and cs.position_id is not null
    ),
    position_standard as (${standardsOfAgency(agencyId)})
    select ps.code, pos.tier, pe.unit_id,
           count(*)::int as people,
           count(*) filter (where ps.required - coalesce(c.level, 0) > 0)::int as with_gap,
           coalesce(sum(greatest(ps.required - coalesce(c.level, 0), 0)), 0)::int as gap_sum
    from people pe
    join position pos on pos.id = pe.position_id
    join position_standard ps on ps.position_id = pe.position_id
    left join competency_current c on c.civil_servant_id = pe.id and c.competency_code = ps.code and c.assessed_on > ${cutoff}::date
    group by 1, 2, 3`.execute(db);
  return rows;
}

export interface NeedingRow {
  id: number;
  name: string;
  rank: string;
  tier: string;
  position_name: string;
  unit_name: string | null;
  closed: number;
  cells: { code: string; required: number; current: number | null }[];
}

/**
 * People of the agency ranked by the gap the level ranges close: per target competency
 * max(0, min(required, to) − max(current, from)), summed. Optional tier and rank filters.
 */
export async function peopleByClosedGap(
  db: Db,
  q: { agencyId: number; targets: { code: string; from: number; to: number }[]; tiers: string[] | null; ranks: string[] | null; cutoff: string; limit: number },
): Promise<NeedingRow[]> {
  if (q.targets.length === 0) return [];
  const { rows } = await sql<NeedingRow>`
    with targets as (
      select * from unnest(${q.targets.map((t) => t.code)}::text[], ${q.targets.map((t) => t.from)}::int[], ${q.targets.map((t) => t.to)}::int[]) as t(code, level_from, level_to)
    ),
    people as (
      select cs.id, cs.name, cs.rank, cs.unit_id, cs.position_id from civil_servant cs
      where cs.agency_id = ${q.agencyId} and cs.status = 'active' and cs.position_id is not null
        ${q.ranks ? sql`and cs.rank = any(${q.ranks}::text[])` : sql``}
    ),
    position_standard as (
      select s.* from (${standardsOfAgency(q.agencyId)}) s where s.code in (select code from targets)
    ),
    cells as (
      select pe.id, ps.code, ps.required, c.level as current,
             greatest(0, least(ps.required, t.level_to) - greatest(coalesce(c.level, 0), t.level_from)) as closed
      from people pe
      join position pos on pos.id = pe.position_id ${q.tiers ? sql`and pos.tier = any(${q.tiers}::text[])` : sql``}
      join position_standard ps on ps.position_id = pe.position_id
      join targets t on t.code = ps.code
      left join competency_current c on c.civil_servant_id = pe.id and c.competency_code = ps.code and c.assessed_on > ${q.cutoff}::date
    ),
    ranked as (
      select id, sum(closed)::int as closed,
             json_agg(json_build_object('code', code, 'required', required, 'current', current) order by code) as cells
      from cells group by id having sum(closed) > 0
      order by sum(closed) desc, sum(greatest(required - coalesce(current, 0), 0)) desc, id
      limit ${q.limit}
    )
    select pe.id, pe.name, pe.rank, pos.tier, pos.name as position_name, u.name as unit_name, r.closed, r.cells
    from ranked r join people pe on pe.id = r.id
    join position pos on pos.id = pe.position_id
    left join unit u on u.id = pe.unit_id
    order by r.closed desc, pe.id`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export interface GapGroupCount {
  agency_id: number;
  tier: string;
  code: string;
  current: number;
  required: number;
  people: number;
}

/**
 * National allocation groups: active people with a position and a gap, counted per agency ×
 * position tier × competency × (current level, required level), from the maintained counts
 * (competency_current_count: assessed people per position × code × level × agency, still valid at
 * the counted cutoff) and one scan of civil_servant per position; people without a valid level
 * count as level 0 (gaps.ts). Rolls the counted cutoff to `cutoff` first, in the same transaction.
 */
export async function gapGroupCounts(db: Kysely<DB>, cutoff: string): Promise<GapGroupCount[]> {
  return db.transaction().execute(async (tx) => {
    await sql`select competency_current_roll(${cutoff}::date)`.execute(tx);
    const { rows } = await sql<GapGroupCount>`
      with std as (
        select o.position_id, o.competency_code as code, o.required_level as required
          from competency_position_standard o
        union all
        select pos.id, t.competency_code, t.required_level
          from position pos join competency_tier_standard t on t.tier = pos.tier
         where not exists (select 1 from competency_position_standard o2 where o2.position_id = pos.id and o2.competency_code = t.competency_code)
      ),
      per_position as (
        select agency_id, position_id, count(*)::bigint as n from civil_servant
         where status = 'active' and position_id is not null group by agency_id, position_id
      ),
      assessed as (
        select k.agency_id, k.position_id, k.competency_code as code, k.level, k.people
          from competency_current_count k where k.people <> 0
      ),
      assessed_total as (
        select agency_id, position_id, code, sum(people)::bigint as n from assessed group by 1, 2, 3
      ),
      cells as (
        select a.agency_id, a.position_id, s.code, s.required, a.level as current, a.people as n
          from assessed a join std s on s.position_id = a.position_id and s.code = a.code
         where a.level < s.required
        union all
        select pp.agency_id, pp.position_id, s.code, s.required, 0, pp.n - coalesce(t.n, 0)
          from per_position pp join std s on s.position_id = pp.position_id
          left join assessed_total t on t.agency_id = pp.agency_id and t.position_id = pp.position_id and t.code = s.code
         where s.required > 0
      )
      select c.agency_id, pos.tier, c.code, c.current::int as current, c.required::int as required, sum(c.n)::int as people
        from cells c join position pos on pos.id = c.position_id
       where c.n > 0
       group by 1, 2, 3, 4, 5
       order by 1, 2, 3, 4, 5`.execute(tx);
    return rows;
  });
}
