// The SQL of the analytics module. It reads only analytics tables: the *_now views (counters
// plus the deltas not folded yet, migration 0012) and the mirrors. Every query is bounded by the
// size of the aggregates (agencies × tiers × competencies, offerings, …), never by the headcount,
// except the at-risk list, which pages through one agency's people by id.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB>;
const n = (v: unknown) => Number(v ?? 0);

export interface GapRow {
  code: string;
  people: number;
  assessed: number;
  with_gap: number;
  gap_sum: number;
}

/**
 * Per agency × competency: the national grain. The folded rows and the pending deltas are read
 * in one statement (one snapshot) and added up here: cheaper than a numeric GROUP BY in SQL.
 */
export async function gapByAgency(db: Db): Promise<(GapRow & { agency_id: number })[]> {
  const { rows } = await sql<{ agency_id: number; code: string; people: number; assessed: number; with_gap: number; gap_sum: number }>`
    select agency_id, competency_code as code, people, assessed, with_gap, gap_sum from analytics_gap_agency
    union all
    select agency_id, competency_code, people, assessed, with_gap, gap_sum from analytics_gap_delta`.execute(db);
  const acc = new Map<string, GapRow & { agency_id: number }>();
  for (const r of rows) {
    const key = `${r.agency_id}\u0000${r.code}`;
    const a = acc.get(key);
    if (a) {
      a.people += n(r.people);
      a.assessed += n(r.assessed);
      a.with_gap += n(r.with_gap);
      a.gap_sum += n(r.gap_sum);
    } else acc.set(key, { agency_id: r.agency_id, code: r.code, people: n(r.people), assessed: n(r.assessed), with_gap: n(r.with_gap), gap_sum: n(r.gap_sum) });
  }
  return [...acc.values()].filter((r) => r.people !== 0);
}

/** One agency's gap cells per group (unit or tier) × competency. */
export async function gapByGroup(db: Db, agencyId: number, by: 'unit' | 'tier'): Promise<(GapRow & { key: string })[]> {
  const rows =
    by === 'unit'
      ? await db
          .selectFrom('analytics_gap_unit_now')
          .select([sql<string>`unit_key::text`.as('key'), 'competency_code as code', sql<number>`sum(people)::bigint`.as('people'), sql<number>`sum(assessed)::bigint`.as('assessed'), sql<number>`sum(with_gap)::bigint`.as('with_gap'), sql<number>`sum(gap_sum)::bigint`.as('gap_sum')])
          .where('agency_id', '=', agencyId)
          .groupBy(['unit_key', 'competency_code'])
          .having(sql`sum(people)`, '<>', 0)
          .execute()
      : await db
          .selectFrom('analytics_gap_unit_now')
          .select(['tier as key', 'competency_code as code', sql<number>`sum(people)::bigint`.as('people'), sql<number>`sum(assessed)::bigint`.as('assessed'), sql<number>`sum(with_gap)::bigint`.as('with_gap'), sql<number>`sum(gap_sum)::bigint`.as('gap_sum')])
          .where('agency_id', '=', agencyId)
          .groupBy(['tier', 'competency_code'])
          .having(sql`sum(people)`, '<>', 0)
          .execute();
  return rows.map((r) => ({ key: String(r.key), code: r.code, people: n(r.people), assessed: n(r.assessed), with_gap: n(r.with_gap), gap_sum: n(r.gap_sum) }));
}

export interface ComplianceRow {
  /** people counted: status active or leave */
  people: number;
  met: number;
  on_track: number;
  /** sum of their credited JP (uncapped) */
  jp: number;
}

/**
 * met: credited JP ≥ 20; on track: below 20 and at least `expectedCenti` hundredths of a JP (the
 * pro-rata share, as learning's status). People without credited JP are the headcount minus
 * the histogram; they are on track only while nothing is expected yet.
 */
function complianceSql(expectedCenti: number) {
  return {
    met: sql<number>`coalesce(sum(j.people) filter (where j.jp_centi >= 2000), 0)::bigint`,
    onTrack: sql<number>`coalesce(sum(j.people) filter (where j.jp_centi < 2000 and j.jp_centi >= ${expectedCenti}), 0)::bigint`,
    withJp: sql<number>`coalesce(sum(j.people), 0)::bigint`,
    jp: sql<string>`coalesce(sum(j.jp_sum), 0)`,
  };
}

const zeroOnTrack = (expectedCenti: number) => expectedCenti <= 0;

/** Per agency, for the national dashboard. */
export async function complianceByAgency(db: Db, year: number, expectedCenti: number): Promise<(ComplianceRow & { agency_id: number })[]> {
  const c = complianceSql(expectedCenti);
  const [heads, hist] = await Promise.all([
    sql<{ agency_id: number; people: number }>`
      select agency_id, sum(people)::bigint as people from analytics_headcount_agency_now where status in ('active', 'leave') group by 1 having sum(people) <> 0`.execute(db),
    sql<{ agency_id: number; met: number; on_track: number; with_jp: number; jp: string }>`
      select j.agency_id, ${c.met} as met, ${c.onTrack} as on_track, ${c.withJp} as with_jp, ${c.jp} as jp
        from analytics_jp_agency_now j where j.year = ${year} group by 1`.execute(db),
  ]);
  const byAgency = new Map(hist.rows.map((r) => [r.agency_id, r]));
  return heads.rows.map((h) => {
    const j = byAgency.get(h.agency_id);
    const people = n(h.people);
    const withJp = n(j?.with_jp);
    return { agency_id: h.agency_id, people, met: n(j?.met), on_track: n(j?.on_track) + (zeroOnTrack(expectedCenti) ? people - withJp : 0), jp: n(j?.jp) };
  });
}

/** One agency's compliance per group (unit or tier). */
export async function complianceByGroup(db: Db, agencyId: number, by: 'unit' | 'tier', year: number, expectedCenti: number): Promise<(ComplianceRow & { key: string })[]> {
  const c = complianceSql(expectedCenti);
  const group = by === 'unit' ? sql.ref('unit_key') : sql.ref('tier');
  const [heads, hist] = await Promise.all([
    sql<{ key: string; people: number }>`
      select ${group}::text as key, sum(people)::bigint as people from analytics_headcount_unit_now
       where agency_id = ${agencyId} and status in ('active', 'leave') group by 1 having sum(people) <> 0`.execute(db),
    sql<{ key: string; met: number; on_track: number; with_jp: number; jp: string }>`
      select ${group}::text as key, ${c.met} as met, ${c.onTrack} as on_track, ${c.withJp} as with_jp, ${c.jp} as jp
        from analytics_jp_unit_now j where j.agency_id = ${agencyId} and j.year = ${year} group by 1`.execute(db),
  ]);
  const byKey = new Map(hist.rows.map((r) => [r.key, r]));
  return heads.rows.map((h) => {
    const j = byKey.get(h.key);
    const people = n(h.people);
    return { key: h.key, people, met: n(j?.met), on_track: n(j?.on_track) + (zeroOnTrack(expectedCenti) ? people - n(j?.with_jp) : 0), jp: n(j?.jp) };
  });
}

/** Active people with a position per group of one agency (the people the gap cells are about). */
export async function peopleWithPosition(db: Db, agencyId: number, by: 'unit' | 'tier'): Promise<Map<string, number>> {
  const group = by === 'unit' ? sql.ref('unit_key') : sql.ref('tier');
  const { rows } = await sql<{ key: string; people: number }>`
    select ${group}::text as key, sum(people)::bigint as people from analytics_headcount_unit_now
     where agency_id = ${agencyId} and status = 'active' and tier <> '' group by 1 having sum(people) <> 0`.execute(db);
  return new Map(rows.map((r) => [r.key, n(r.people)]));
}

export interface AtRiskRow {
  civil_servant_id: number;
  unit_key: number;
  tier: string;
  jp: number;
}

/**
 * Counted people of an agency whose credited JP this year (folded + pending) is below
 * `limitJp` (= the lesser of the pro-rata share and 20), by id after `after`.
 */
export async function atRisk(db: Db, q: { agencyId: number; unitKey?: number; year: number; belowJp: number; after: number; limit: number }): Promise<AtRiskRow[]> {
  const { rows } = await sql<{ civil_servant_id: number; unit_key: number; tier: string; jp: string }>`
    with pending as (
      select civil_servant_id, sum(jp) as jp from analytics_person_jp_delta where year = ${q.year} group by 1
    )
    select a.civil_servant_id, a.unit_key, a.tier, coalesce(y.jp, 0) + coalesce(p.jp, 0) as jp
      from analytics_person a
      left join analytics_person_year y on y.civil_servant_id = a.civil_servant_id and y.year = ${q.year}
      left join pending p on p.civil_servant_id = a.civil_servant_id
     where a.agency_id = ${q.agencyId} and a.status in ('active', 'leave') and a.civil_servant_id > ${q.after}
       ${q.unitKey === undefined ? sql`` : sql`and a.unit_key = ${q.unitKey}`}
       and coalesce(y.jp, 0) + coalesce(p.jp, 0) < ${q.belowJp}
     order by a.civil_servant_id
     limit ${q.limit}`.execute(db);
  return rows.map((r) => ({ civil_servant_id: Number(r.civil_servant_id), unit_key: r.unit_key, tier: r.tier, jp: Number(r.jp) }));
}

/** Seats of live offerings of published programmes starting on or after `from`, per competency. */
export async function supplyByCompetency(db: Db, from: string): Promise<{ code: string; offerings: number; seats: number }[]> {
  const rows = await db
    .selectFrom('analytics_supply_now')
    .select(['competency_code as code', sql<number>`sum(offerings)::bigint`.as('offerings'), sql<number>`sum(seats)::bigint`.as('seats')])
    .where('start_date', '>=', from)
    .groupBy('competency_code')
    .having(sql`sum(offerings)`, '<>', 0)
    .execute();
  return rows.map((r) => ({ code: r.code, offerings: n(r.offerings), seats: n(r.seats) }));
}

export interface ProviderRow {
  provider_id: number;
  code: string;
  name: string;
  kind: string;
  offerings: number;
  capacity: number;
  seats_taken: number;
  completed: number;
  finished: number;
  reaction_n: number;
  reaction_sum: number;
}

/**
 * Per lead provider: offerings starting in [from, to) that were not cancelled, their seats, completions and reactions.
 * The year's offerings meet their counter row by its key (at most one) and, apart, the pending
 * deltas of those offerings: the sums are those of analytics_cohort_now joined per offering, without
 * grouping every cohort of every year (all 17 counters) first.
 */
export async function providerTotals(db: Db, from: string, to: string): Promise<ProviderRow[]> {
  const { rows } = await sql<ProviderRow>`
    with totals as (
      select pr.provider_id, count(*) as offerings, sum(o.capacity) as capacity, sum(o.seats_taken) as seats_taken,
             sum(c.completed) as completed, sum(c.completed + c.not_completed + c.no_show) as finished, sum(c.reaction_n) as reaction_n, sum(c.reaction_sum) as reaction_sum
        from analytics_offering o
        join analytics_programme pr on pr.programme_id = o.programme_id
        left join analytics_cohort c on c.programme_id = o.programme_id and c.offering_key = o.offering_id
       where o.start_date >= ${from} and o.start_date < ${to} and o.status <> 'cancelled'
       group by 1
      union all
      select pr.provider_id, 0, 0, 0, sum(d.completed), sum(coalesce(d.completed, 0) + coalesce(d.not_completed, 0) + coalesce(d.no_show, 0)), sum(d.reaction_n), sum(d.reaction_sum)
        from analytics_cohort_delta d
        join analytics_offering o on o.offering_id = d.offering_key and o.programme_id = d.programme_id
        join analytics_programme pr on pr.programme_id = o.programme_id
       where o.start_date >= ${from} and o.start_date < ${to} and o.status <> 'cancelled'
       group by 1)
    select pv.provider_id, pv.code, pv.name, pv.kind,
           coalesce(sum(t.offerings), 0)::bigint as offerings, coalesce(sum(t.capacity), 0)::bigint as capacity, coalesce(sum(t.seats_taken), 0)::bigint as seats_taken,
           coalesce(sum(t.completed), 0)::bigint as completed, coalesce(sum(t.finished), 0)::bigint as finished,
           coalesce(sum(t.reaction_n), 0)::bigint as reaction_n, coalesce(sum(t.reaction_sum), 0) as reaction_sum
      from analytics_provider pv
      left join totals t on t.provider_id = pv.provider_id
     group by 1, 2, 3, 4`.execute(db);
  return rows.map((r) => ({ ...r, offerings: n(r.offerings), capacity: n(r.capacity), seats_taken: n(r.seats_taken), completed: n(r.completed), finished: n(r.finished), reaction_n: n(r.reaction_n), reaction_sum: n(r.reaction_sum) }));
}

/**
 * Programme quality (the evaluation module's, mirrored) and reaction responses, per lead provider, in
 * programme order. Responses are summed over the counters and pending deltas of the reaction count
 * only (what analytics_cohort_now gives, without grouping its 17 counters per cohort first).
 */
export async function programmeQuality(db: Db): Promise<{ provider_id: number; quality: number; responses: number }[]> {
  const { rows } = await sql<{ provider_id: number; quality: string; responses: number }>`
    select pr.provider_id, pr.quality, coalesce(r.responses, 0)::bigint as responses
      from analytics_programme pr
      left join (select programme_id, sum(reaction_n) as responses from (
                   select programme_id, reaction_n from analytics_cohort
                   union all select programme_id, reaction_n from analytics_cohort_delta) x
                 group by 1) r on r.programme_id = pr.programme_id
     where pr.quality is not null
     order by pr.programme_id`.execute(db);
  return rows.map((r) => ({ provider_id: r.provider_id, quality: Number(r.quality), responses: n(r.responses) }));
}

export interface AccreditationRow {
  type: 'provider' | 'programme';
  id: number;
  code: string;
  name: string;
  provider_name: string | null;
  grade: string | null;
  valid_to: string | null;
}

const ACCREDITED = sql`
  select 'provider' as type, provider_id as id, code, name, null as provider_name, accr_grade as grade, accr_valid_to as valid_to from analytics_provider
  union all
  select 'programme', pr.programme_id, pr.code, pr.title_id, pv.name, pr.accr_grade, pr.accr_valid_to
    from analytics_programme pr left join analytics_provider pv on pv.provider_id = pr.provider_id
   where pr.status <> 'archived'`;

/** Providers, and programmes not archived: how many are expired, expiring by `until`, valid beyond, or without accreditation. */
export async function accreditationCounts(db: Db, today: string, until: string) {
  const { rows } = await sql<{ type: 'provider' | 'programme'; expired: number; expiring: number; valid: number; none: number }>`
    select type, count(*) filter (where valid_to < ${today}::date)::int as expired,
           count(*) filter (where valid_to >= ${today}::date and valid_to <= ${until}::date)::int as expiring,
           count(*) filter (where valid_to > ${until}::date)::int as valid, count(*) filter (where valid_to is null)::int as none
      from (${ACCREDITED}) a group by 1`.execute(db);
  return rows;
}

/** Those expired or expiring by `until`: the soonest to end first, then the most recently expired; at most `limit`. */
export async function accreditationsToAct(db: Db, today: string, until: string, limit: number): Promise<AccreditationRow[]> {
  const { rows } = await sql<AccreditationRow>`
    select * from (${ACCREDITED}) a where valid_to <= ${until}::date
     order by valid_to < ${today}::date, case when valid_to >= ${today}::date then valid_to end, valid_to desc, code
     limit ${limit}`.execute(db);
  return rows;
}

export async function findProvider(db: Db, id: number) {
  return db.selectFrom('analytics_provider').select(['provider_id as id', 'code', 'name', 'kind']).where('provider_id', '=', id).executeTakeFirst();
}

export interface CohortRow {
  offering_id: number;
  code: string;
  programme_id: number;
  programme_code: string;
  title_id: string;
  title_en: string | null;
  lead: boolean;
  start_date: string;
  end_date: string;
  status: string;
  capacity: number;
  seats_taken: number;
  requested: number;
  approved: number;
  enrolled: number;
  waitlisted: number;
  completed: number;
  not_completed: number;
  withdrawn: number;
  no_show: number;
  rejected: number;
  reaction_n: number;
  reaction_sum: number;
  pre_n: number;
  pre_sum: number;
  post_n: number;
  post_sum: number;
  follow_n: number;
  follow_sum: number;
}

/** Offerings starting in [from, to) of programmes the provider leads or partners in, with their cohort counters. */
export async function cohortsOf(db: Db, providerId: number, from: string, to: string): Promise<CohortRow[]> {
  const { rows } = await sql<CohortRow>`
    select o.offering_id, o.code, pr.programme_id, pr.code as programme_code, pr.title_id, pr.title_en, pr.provider_id = ${providerId} as lead,
           o.start_date, o.end_date, o.status, o.capacity, o.seats_taken,
           coalesce(c.requested, 0) as requested, coalesce(c.approved, 0) as approved, coalesce(c.enrolled, 0) as enrolled,
           coalesce(c.waitlisted, 0) as waitlisted, coalesce(c.completed, 0) as completed, coalesce(c.not_completed, 0) as not_completed,
           coalesce(c.withdrawn, 0) as withdrawn, coalesce(c.no_show, 0) as no_show, coalesce(c.rejected, 0) as rejected,
           coalesce(c.reaction_n, 0) as reaction_n, coalesce(c.reaction_sum, 0) as reaction_sum, coalesce(c.pre_n, 0) as pre_n,
           coalesce(c.pre_sum, 0) as pre_sum, coalesce(c.post_n, 0) as post_n, coalesce(c.post_sum, 0) as post_sum,
           coalesce(c.follow_n, 0) as follow_n, coalesce(c.follow_sum, 0) as follow_sum
      from analytics_programme pr
      join analytics_offering o on o.programme_id = pr.programme_id and o.start_date >= ${from} and o.start_date < ${to}
      left join analytics_cohort_now c on c.programme_id = o.programme_id and c.offering_key = o.offering_id
     where pr.provider_id = ${providerId} or ${providerId} = any(pr.partner_ids)
     order by o.start_date, o.offering_id`.execute(db);
  return rows.map((r) => {
    const out = { ...r } as Record<string, unknown>;
    for (const k of ['capacity', 'seats_taken', 'requested', 'approved', 'enrolled', 'waitlisted', 'completed', 'not_completed', 'withdrawn', 'no_show', 'rejected', 'reaction_n', 'reaction_sum', 'pre_n', 'pre_sum', 'post_n', 'post_sum', 'follow_n', 'follow_sum']) out[k] = n(out[k]);
    return out as unknown as CohortRow;
  });
}

/** Folds the pending deltas into the counters (migration 0012's analytics_fold); returns the delta rows folded. */
export async function fold(db: Db): Promise<number> {
  const { rows } = await sql<{ n: string | number }>`select analytics_fold() as n`.execute(db);
  return Number(rows[0].n);
}
