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
