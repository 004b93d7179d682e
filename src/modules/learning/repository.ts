// The SQL of enrolments (the ledger has ledger-repository.ts).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { EnrolmentStatus } from '../../db/learning-schema.ts';
import { findPerson } from '../org/repository.ts';
import type { auditRow } from '../audit/service.ts';
import { seatCountCtes } from './catalog-port.ts';

type Db = Kysely<DB>;

export const LIVE: EnrolmentStatus[] = ['requested', 'approved', 'enrolled', 'waitlisted'];
/** Statuses that may be waiting for a seat. */
export const QUEUED: EnrolmentStatus[] = ['requested', 'approved', 'waitlisted'];

/** A civil servant as enrolment needs them (registry read through the org module's repository). */
export async function personFacts(db: Db, id: number) {
  const p = await findPerson(db, { all: true }, id);
  if (!p) return undefined;
  return { id: Number(p.id), name: p.name, agency_id: p.agency_id, agency_name: p.agency_name, rank: p.rank, status: p.status, supervisor_id: p.supervisor_id === null ? null : Number(p.supervisor_id), tier: p.position_tier ?? null, position_name: p.position_name };
}

/** Of these programmes, the ones the person has completed (a completed enrolment or a credited record). */
export async function completedProgrammes(db: Db, personId: number, programmeIds: number[]): Promise<Set<number>> {
  if (programmeIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('enrolment')
    .select('programme_id')
    .where('civil_servant_id', '=', personId)
    .where('programme_id', 'in', programmeIds)
    .where('status', '=', 'completed')
    .union(db.selectFrom('learning_record').select((eb) => eb.ref('programme_id').$notNull().as('programme_id')).where('civil_servant_id', '=', personId).where('programme_id', 'in', programmeIds).where('status', '=', 'credited'))
    .execute();
  return new Set(rows.map((r) => r.programme_id));
}

/** A live or completed enrolment of the person in the programme, if any. */
export function blockingEnrolment(db: Db, programmeId: number, personId: number) {
  return db
    .selectFrom('enrolment')
    .select(['id', 'status', 'offering_id'])
    .where('programme_id', '=', programmeId)
    .where('civil_servant_id', '=', personId)
    .where('status', 'in', [...LIVE, 'completed'])
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Seats held in the offering, in all and per agency (call with the offering row locked). */
export async function seatsHeld(db: Db, offeringId: number): Promise<{ total: number; byAgency: Map<number, number> }> {
  const rows = await db
    .selectFrom('enrolment')
    .select(['agency_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('offering_id', '=', offeringId)
    .where('seat_held', '=', true)
    .groupBy('agency_id')
    .execute();
  const byAgency = new Map(rows.map((r) => [r.agency_id, Number(r.n)]));
  return { total: [...byAgency.values()].reduce((a, b) => a + b, 0), byAgency };
}

/**
 * Inserts an enrolment, takes its seat (catalog-port seatCountCtes: the offering count and the
 * programme's seats-left summary) when it holds one, and writes its audit entry — one
 * statement, so the part of a request that runs under the offering lock has fewer round trips.
 */
export async function insertEnrolmentWithSeat(
  db: Db,
  row: Record<string, unknown>,
  seat: { offeringId: number; programmeId: number } | null,
  audit: ReturnType<typeof auditRow>,
): Promise<{ id: number }> {
  const cols = Object.keys(row).filter((c) => row[c] !== undefined);
  const takeSeat = seat ? sql`, ${seatCountCtes(seat.offeringId, seat.programmeId, 1)}` : sql``;
  const { rows } = await sql<{ id: number }>`
    with e as (
      insert into enrolment (${sql.join(cols.map((c) => sql.ref(c)))}) values (${sql.join(cols.map((c) => sql`${row[c]}`))})
      returning id)${takeSeat},
    a as (
      insert into audit_log (actor_type, actor_id, actor_label, action, entity_type, entity_id, scope_type, scope_id, before, after, request_id)
      select ${audit.actor_type}::text, ${audit.actor_id}::text, ${audit.actor_label}::text, ${audit.action}::text, ${audit.entity_type}::text, e.id::text,
        ${audit.scope_type}::text, ${audit.scope_id}::int, ${audit.before}::jsonb, ${audit.after}::jsonb, ${audit.request_id}::text
      from e)
    select id from e`.execute(db);
  return { id: Number(rows[0].id) };
}

export function insertEnrolment(db: Db, row: Parameters<ReturnType<Db['insertInto']>['values']>[0] & object) {
  return db.insertInto('enrolment').values(row as never).returning(['id']).executeTakeFirstOrThrow();
}

const ENROLMENT = [
  'e.id',
  'e.offering_id',
  'e.programme_id',
  'e.civil_servant_id',
  'e.agency_id',
  'e.status',
  'e.seat_held',
  'e.origin',
  'e.nominated_by',
  'e.mandatory',
  'e.required_by_position',
  'e.priority_class',
  'e.priority_gap',
  'e.supervisor_approval',
  'e.supervisor_decided_by',
  'e.supervisor_decided_at',
  'e.agency_approval',
  'e.agency_decided_by',
  'e.agency_decided_at',
  'e.requested_at',
  'e.approved_at',
  'e.seated_at',
  'e.waitlisted_at',
  'e.finished_at',
  'e.reason',
  'e.score',
  'e.attendance_pct',
  'e.learning_record_id',
] as const;

/** Enrolments with their offering, programme and person names; also the person's current supervisor. */
export function enrolmentQuery(db: Db) {
  return db
    .selectFrom('enrolment as e')
    .innerJoin('offering as o', 'o.id', 'e.offering_id')
    .innerJoin('programme as p', 'p.id', 'e.programme_id')
    .innerJoin('civil_servant as cs', 'cs.id', 'e.civil_servant_id')
    .select(ENROLMENT)
    .select(['o.code as offering_code', 'o.start_date', 'o.end_date', 'o.registration_closes', 'p.code as programme_code', 'p.title_id as programme_title', 'p.title_en as programme_title_en', 'p.jp as programme_jp', 'cs.name as person_name', 'cs.supervisor_id as current_supervisor_id']);
}

export type EnrolmentRow = Awaited<ReturnType<ReturnType<typeof enrolmentQuery>['executeTakeFirstOrThrow']>>;

export function findEnrolment(db: Db, id: number) {
  return enrolmentQuery(db).where('e.id', '=', id).executeTakeFirst();
}

/** Locks one enrolment row (after its offering's row, always in that order). */
export function lockEnrolment(db: Db, id: number) {
  return db.selectFrom('enrolment').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function offeringOfEnrolment(db: Db, id: number) {
  return db.selectFrom('enrolment').select(['offering_id', 'programme_id', 'agency_id', 'civil_servant_id']).where('id', '=', id).executeTakeFirst();
}

/** People waiting for a seat, best first: required by position or mandate, larger gap, earlier request. */
export function queue(db: Db, offeringId: number, limit = 10_000) {
  return db
    .selectFrom('enrolment')
    .select(['id', 'agency_id', 'status', 'civil_servant_id', 'priority_class', 'priority_gap', 'requested_at'])
    .where('offering_id', '=', offeringId)
    .where('seat_held', '=', false)
    .where('status', 'in', QUEUED)
    .orderBy('priority_class', 'desc')
    .orderBy('priority_gap', 'desc')
    .orderBy('requested_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** 1-based place in the offering's queue of a queued enrolment. */
export async function queuePosition(db: Db, e: { id: number; offering_id: number; priority_class: number; priority_gap: number; requested_at: Date }): Promise<number> {
  const row = await db
    .selectFrom('enrolment')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('offering_id', '=', e.offering_id)
    .where('seat_held', '=', false)
    .where('status', 'in', QUEUED)
    .where(sql<boolean>`(-priority_class, -priority_gap, requested_at, id) < (${-e.priority_class}::int, ${-e.priority_gap}::int, ${e.requested_at}::timestamptz, ${e.id}::int)`)
    .executeTakeFirstOrThrow();
  return Number(row.n) + 1;
}

/** Offerings with a free seat and someone waiting (capacity raised, or a seat freed elsewhere): the worker's sweep. */
export function offeringsToFill(db: Db, limit = 50) {
  return db
    .selectFrom('offering as o')
    .select(['o.id'])
    .where(sql<boolean>`o.enrolled_count < o.capacity`)
    .where('o.status', 'in', ['planned', 'open', 'closed'])
    .where(sql<boolean>`o.start_date > (now() at time zone 'Asia/Jakarta')::date`)
    .where(({ exists, selectFrom }) => exists(selectFrom('enrolment as e').select('e.id').whereRef('e.offering_id', '=', 'o.id').where('e.seat_held', '=', false).where('e.status', 'in', QUEUED)))
    .limit(limit)
    .execute();
}

export async function agencyApprovalRequired(db: Db, agencyId: number): Promise<boolean> {
  const row = await db.selectFrom('learning_agency_setting').select('agency_approval_required').where('agency_id', '=', agencyId).executeTakeFirst();
  return row?.agency_approval_required ?? false;
}

export function programmeHasEnrolments(db: Db, programmeId: number) {
  return db
    .selectFrom('enrolment')
    .select('id')
    .where('programme_id', '=', programmeId)
    .where('status', 'not in', ['withdrawn', 'rejected'])
    .limit(1)
    .executeTakeFirst()
    .then(Boolean);
}

/** Offerings of programmes led or partnered by these providers ('all': every one), with their enrolment counts; newest start first. */
export function cohortList(db: Db, providers: 'all' | number[], q: { status?: string; limit: number }) {
  let query = db
    .selectFrom('offering as o')
    .innerJoin('programme as p', 'p.id', 'o.programme_id')
    .innerJoin('provider as pr', 'pr.id', 'p.provider_id')
    .select([
      'o.id',
      'o.code',
      'o.name',
      'o.status',
      'o.start_date',
      'o.end_date',
      'o.capacity',
      'o.enrolled_count',
      'p.id as programme_id',
      'p.code as programme_code',
      'p.title_id',
      'p.title_en',
      'p.provider_id',
      'pr.code as provider_code',
      (eb) => eb.selectFrom('enrolment as e').select((x) => x.fn.countAll<number>().as('n')).whereRef('e.offering_id', '=', 'o.id').where('e.status', '=', 'enrolled').as('enrolled'),
      (eb) => eb.selectFrom('enrolment as e').select((x) => x.fn.countAll<number>().as('n')).whereRef('e.offering_id', '=', 'o.id').where('e.seat_held', '=', false).where('e.status', 'in', QUEUED).as('waiting'),
      (eb) => eb.selectFrom('enrolment as e').select((x) => x.fn.countAll<number>().as('n')).whereRef('e.offering_id', '=', 'o.id').where('e.status', 'in', ['completed', 'not_completed', 'no_show']).as('finished'),
    ])
    .orderBy('o.start_date', 'desc')
    .orderBy('o.id', 'desc')
    .limit(q.limit);
  if (providers !== 'all') {
    if (providers.length === 0) return Promise.resolve([]);
    query = query.where((eb) => eb.or([eb('p.provider_id', 'in', providers), sql<boolean>`p.partner_provider_ids && ${providers}::int[]`]));
  }
  if (q.status) query = query.where('o.status', '=', q.status);
  return query.execute();
}
