// Seats. Every seat decision on an offering runs with the offering's row locked
// (`select … for update`), so concurrent requests on one offering queue and the count of seats
// held never passes the capacity — on PostgreSQL with many connections as on PGlite.
import { sql, type Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { adjustEnrolledCount, lockOffering, type OfferingRow } from './catalog-port.ts';
import { notify } from './notifications.ts';
import * as repo from './repository.ts';
import { seatsFor, type SeatFacts } from './rules.ts';
import { todayJakarta } from '../catalog/rules.ts';
import { notificationText } from './notification-text.ts';

/**
 * Seats held (in all and per agency) and the quotas of an offering, in one statement. Read after
 * the offering row is locked, in a statement of its own: a statement's snapshot is taken when it
 * starts, so one that waited for the lock would not see the seats its predecessor just took.
 */
export async function seatFacts(db: Kysely<DB>, offering: OfferingRow): Promise<SeatFacts> {
  const { rows } = await sql<{ held: [number, number][] | null; quotas: { agency_id: number; seats: number; agency_code: string }[] | null }>`
    select
      (select json_agg(json_build_array(agency_id, n)) from (select agency_id, count(*)::int as n from enrolment where offering_id = ${offering.id}::int and seat_held group by agency_id) h) as held,
      (select json_agg(json_build_object('agency_id', q.agency_id, 'seats', q.seats, 'agency_code', a.code) order by a.name) from offering_quota q join agency a on a.id = q.agency_id where q.offering_id = ${offering.id}::int) as quotas`.execute(db);
  const takenBy = new Map((rows[0].held ?? []).map(([agency, n]) => [agency, n]));
  const taken = [...takenBy.values()].reduce((a, b) => a + b, 0);
  return { capacity: offering.capacity, taken, takenBy, quotas: rows[0].quotas ?? [] };
}

/** Whether seats still move on this offering: before it starts, while planned/open/closed. */
export function seatsMove(o: { status: string; start_date: string }, today = todayJakarta()): boolean {
  return ['planned', 'open', 'closed'].includes(o.status) && today < o.start_date;
}

/** Frees the seat of an enrolment (withdrawn, rejected) — the caller has locked the offering. */
export async function releaseSeat(db: Kysely<DB>, offering: OfferingRow, enrolmentId: number): Promise<boolean> {
  const r = await db.updateTable('enrolment').set({ seat_held: false, updated_at: new Date() }).where('id', '=', enrolmentId).where('seat_held', '=', true).executeTakeFirst();
  const freed = Number(r.numUpdatedRows) === 1;
  if (freed) await adjustEnrolledCount(db, offering.id, offering.programme_id, -1);
  return freed;
}

/**
 * Gives free seats to the people waiting, best first (required by position or mandate, larger
 * gap, earlier request). A waitlisted person (all approvals in) becomes enrolled; a person still
 * awaiting approval gets the seat held for them. Each is told. The caller has locked the offering.
 * Returns the ids promoted.
 */
export async function fillSeats(db: Kysely<DB>, config: Pick<Config, 'smtp' | 'publicUrl'>, offering: OfferingRow): Promise<number[]> {
  if (!seatsMove(offering)) return [];
  const facts = await seatFacts(db, offering);
  if (facts.capacity - facts.taken <= 0) return [];
  const waiting = await repo.queue(db, offering.id);
  const promoted: number[] = [];
  for (const w of waiting) {
    if (facts.capacity - facts.taken <= 0) break;
    if (seatsFor(w.agency_id, facts) <= 0) continue;
    const now = new Date();
    const enrolled = w.status === 'waitlisted';
    await db
      .updateTable('enrolment')
      .set({ seat_held: true, updated_at: now, ...(enrolled ? { status: 'enrolled' as const, seated_at: now } : {}) })
      .where('id', '=', w.id)
      .execute();
    facts.taken++;
    facts.takenBy.set(w.agency_id, (facts.takenBy.get(w.agency_id) ?? 0) + 1);
    promoted.push(w.id);
    await notify(db, config, [{ civilServantId: w.civil_servant_id }], enrolled
      ? { kind: 'enrolment.promoted', ...notificationText.promoted(offering.code), link: `/learning/enrolments/${w.id}`, entityType: 'enrolment', entityId: w.id, agencyId: w.agency_id }
      : { kind: 'enrolment.seat_held', ...notificationText.seatHeld(offering.code), link: `/learning/enrolments/${w.id}`, entityType: 'enrolment', entityId: w.id, agencyId: w.agency_id });
  }
  if (promoted.length) await adjustEnrolledCount(db, offering.id, offering.programme_id, promoted.length);
  return promoted;
}

/** Locks the offering and fills its free seats (worker sweep, capacity increases). */
export async function fillOffering(db: Kysely<DB>, config: Pick<Config, 'smtp' | 'publicUrl'>, offeringId: number): Promise<number[]> {
  return db.transaction().execute(async (tx) => {
    const o = await lockOffering(tx, offeringId);
    return o ? fillSeats(tx, config, o) : [];
  });
}
