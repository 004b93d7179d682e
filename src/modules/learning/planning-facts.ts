// What planning needs from learning, in one place and in few statements: a person's JP this year
// and the programmes they have completed or are enrolled in; the seats an agency can still take in
// offerings (the same quota rule as enrolment, rules.ts seatsFor); completions among many people
// (to skip candidates who already did a programme); and what an agency's people completed in a year.
import { sql, type Kysely } from 'kysely';
import { executePrepared } from '../../db/prepared.ts';
import type { DB } from '../../db/schema.ts';
import { LIVE } from './repository.ts';
import { seatsFor } from './rules.ts';

export interface LearnerFacts {
  /** credited JP in the year */
  creditedJp: number;
  completedProgrammeIds: number[];
  live: { programmeId: number; offeringId: number; enrolmentId: number; status: string }[];
}

/**
 * The facts as three columns: JP credited in `year`, programmes completed (enrolment or credited
 * record), live enrolments. `person` and `year` are values (parameters) or SQL (beside the
 * profile: the person as civil_servant.id).
 */
function factColumns(person: unknown, year: unknown) {
  return [
    sql<string | null>`(select sum(jp) from learning_record where civil_servant_id = ${person} and year = ${year} and status = 'credited')`.as('learner_jp'),
    sql<number[] | null>`(select array_agg(distinct x.programme_id) from (
       select programme_id from enrolment where civil_servant_id = ${person} and status = 'completed'
       union all
       select programme_id from learning_record where civil_servant_id = ${person} and status = 'credited' and programme_id is not null) x)`.as('learner_completed'),
    sql<LearnerFacts['live'] | null>`(select json_agg(json_build_object('programmeId', e.programme_id, 'offeringId', e.offering_id, 'enrolmentId', e.id, 'status', e.status))
       from enrolment e where e.civil_servant_id = ${person} and e.status = any(${LIVE}::text[]))`.as('learner_live'),
  ];
}

/** One statement: the facts of one person in `year`. */
export async function learnerFacts(db: Kysely<DB>, personId: number, year: number): Promise<LearnerFacts> {
  const query = sql<Record<string, unknown>>`select ${sql.join(factColumns(personId, year))}`;
  // on every plan read: a prepared statement (planned once per connection)
  const { rows } = await executePrepared(db, query.compile(db));
  return learnerFactsOf(rows[0] ?? {});
}

/** The same facts as columns beside the person's profile (competency's ProfileExtra): no round trip of their own. */
export const learnerFactsExtra = (year: number) => ({
  key: 'learning.learnerFacts',
  args: [year],
  columns: (arg: (i: number) => never) => factColumns(sql`civil_servant.id`, arg(0)),
});

/** The learner facts from a row with factColumns' columns. */
export function learnerFactsOf(row: Record<string, unknown>): LearnerFacts {
  const live = row.learner_live as LearnerFacts['live'] | null;
  return { creditedJp: Math.round(Number(row.learner_jp ?? 0) * 100) / 100, completedProgrammeIds: (row.learner_completed as number[] | null) ?? [], live: live ?? [] };
}

/**
 * Seats the agency can still take in each offering, now: capacity − seats taken, within quotas
 * (an agency with a quota up to its quota; others share what nobody reserved). One statement.
 */
export async function seatsLeftFor(db: Kysely<DB>, agencyId: number, offerings: { id: number; quotas: { agency_id: number; seats: number }[] }[]): Promise<Map<number, number>> {
  if (offerings.length === 0) return new Map();
  const withQuotas = offerings.filter((o) => o.quotas.length > 0).map((o) => o.id);
  const query = sql<{ id: number; capacity: number; taken: number; by_agency: [number, number][] | null }>`
    select o.id, o.capacity, o.enrolled_count as taken,
      case when o.id = any(${withQuotas}::int[]) then
        (select json_agg(json_build_array(e.agency_id, e.n)) from (select agency_id, count(*)::int as n from enrolment where offering_id = o.id and seat_held group by agency_id) e)
      end as by_agency
    from offering o where o.id = any(${offerings.map((o) => o.id)}::int[])`;
  const { rows } = await executePrepared(db, query.compile(db));
  const quotas = new Map(offerings.map((o) => [o.id, o.quotas]));
  return new Map(rows.map((r) => [r.id, seatsFor(agencyId, { capacity: r.capacity, taken: r.taken, quotas: quotas.get(r.id) ?? [], takenBy: new Map(r.by_agency ?? []) })]));
}

/** For each of these people: which of these programmes they completed or are enrolled in now. */
export async function programmeHistoryOf(db: Kysely<DB>, personIds: number[], programmeIds: number[]): Promise<Map<number, { completed: Set<number>; live: Set<number> }>> {
  const out = new Map<number, { completed: Set<number>; live: Set<number> }>();
  for (const id of personIds) out.set(id, { completed: new Set(), live: new Set() });
  if (personIds.length === 0 || programmeIds.length === 0) return out;
  const { rows } = await sql<{ person: number; programme_id: number; kind: 'completed' | 'live' }>`
    select civil_servant_id as person, programme_id, case when status = 'completed' then 'completed' else 'live' end as kind
      from enrolment where civil_servant_id = any(${personIds}::bigint[]) and programme_id = any(${programmeIds}::int[])
        and (status = 'completed' or status = any(${LIVE}::text[]))
    union
    select civil_servant_id, programme_id, 'completed' from learning_record
      where civil_servant_id = any(${personIds}::bigint[]) and programme_id = any(${programmeIds}::int[]) and status = 'credited'`.execute(db);
  for (const r of rows) out.get(Number(r.person))?.[r.kind].add(r.programme_id);
  return out;
}

export interface Delivered {
  byProgramme: { programmeId: number; people: number; completions: number; jp: number }[];
  /** JP credited without a programme (self-reported, unmapped) */
  otherJp: number;
  people: number;
  jp: number;
}

/** What people of the agency completed in `year`: credited learning records, per programme. */
export async function deliveredInYear(db: Kysely<DB>, agencyId: number, year: number): Promise<Delivered> {
  const rows = await db
    .selectFrom('learning_record')
    .select(['programme_id', sql<number>`count(distinct civil_servant_id)::int`.as('people'), sql<number>`count(*)::int`.as('completions'), sql<string>`sum(jp)`.as('jp')])
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .where('status', '=', 'credited')
    .groupBy('programme_id')
    .execute();
  const total = await db
    .selectFrom('learning_record')
    .select([sql<number>`count(distinct civil_servant_id)::int`.as('people'), sql<string | null>`sum(jp)`.as('jp')])
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .where('status', '=', 'credited')
    .executeTakeFirstOrThrow();
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    byProgramme: rows.filter((r) => r.programme_id !== null).map((r) => ({ programmeId: r.programme_id as number, people: r.people, completions: r.completions, jp: round(Number(r.jp)) })),
    otherJp: round(rows.filter((r) => r.programme_id === null).reduce((n, r) => n + Number(r.jp), 0)),
    people: total.people,
    jp: round(Number(total.jp ?? 0)),
  };
}

/**
 * New recruits who still need Latsar (the basic training every new CPNS takes in the first year):
 * active civil servants whose TMT CPNS is in `year`, with no credited record of a Latsar programme
 * and no completed or live enrolment in one. Counted per agency.
 */
export async function recruitsWithoutLatsar(db: Kysely<DB>, year: number): Promise<{ agency_id: number; people: number }[]> {
  const { rows } = await sql<{ agency_id: number; people: number }>`
    select cs.agency_id, count(*)::int as people
      from civil_servant cs
     where cs.status = 'active' and cs.tmt_cpns >= ${`${year}-01-01`}::date and cs.tmt_cpns <= ${`${year}-12-31`}::date
       and not exists (select 1 from learning_record r join programme p on p.id = r.programme_id
                        where r.civil_servant_id = cs.id and r.status = 'credited' and p.category = 'latsar')
       and not exists (select 1 from enrolment e join programme p on p.id = e.programme_id
                        where e.civil_servant_id = cs.id and p.category = 'latsar' and (e.status = 'completed' or e.status = any(${LIVE}::text[])))
     group by cs.agency_id order by cs.agency_id`.execute(db);
  return rows;
}
