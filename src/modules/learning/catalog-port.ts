// What learning needs from the catalogue, in one place: offering and programme facts through the
// catalogue's own repository and policy, and the one catalogue column learning keeps — the
// offering's enrolled_count (seats taken) — with the programme's seat summary after it.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import * as catalog from '../catalog/repository.ts';
import { TODAY } from '../catalog/summary.ts';

export { adminProviders, mayManageProgramme, mayManageSession, mayViewProgrammeAdmin, isNationalAdmin, programmeListScope } from '../catalog/policy.ts';

export type OfferingRow = NonNullable<Awaited<ReturnType<typeof catalog.findOffering>>>;

export const findOffering = catalog.findOffering;
/** Locks the offering row: every seat decision on an offering queues behind this lock. */
export const lockOffering = catalog.lockOffering;
export const programmeFacts = catalog.programmeFacts;
export const programmeCompetencies = catalog.programmeCompetencies;
export const programmePrerequisites = catalog.programmePrerequisites;

export async function quotasOf(db: Kysely<DB>, offeringId: number) {
  return (await catalog.quotasOf(db, [offeringId])).map((q) => ({ agency_id: q.agency_id, seats: q.seats, agency_code: q.agency_code }));
}

export const sessionsOf = (db: Kysely<DB>, offeringId: number, onlyProviders?: number[]) => catalog.sessionsOf(db, [offeringId], onlyProviders);

/** The programme as eligibility needs it. */
export async function programmeForEnrolment(db: Kysely<DB>, id: number) {
  const p = await catalog.findProgramme(db, id);
  if (!p) return undefined;
  const facts = await catalog.programmeFacts(db, id);
  return { ...p, partner_provider_ids: facts?.partner_provider_ids ?? [] };
}

/**
 * The CTEs `o` and `p` that add `delta` to the offering's seats taken and refresh the programme's
 * seats-left summary in the same statement: the sum over the programme's other live upcoming
 * offerings plus this one's new count (a statement does not see its own CTE's update, so this
 * offering's new row comes from `o`). Only seats_available depends on the count; the summary's
 * other columns are the catalogue's (refreshProgrammes) and do not change here.
 */
export function seatCountCtes(offeringId: number, programmeId: number, delta: number) {
  return sql`o as (
      update offering set enrolled_count = enrolled_count + ${delta}::int, updated_at = now() where id = ${offeringId}::int
      returning id, programme_id, capacity, enrolled_count, status, start_date),
    p as (
      update programme p set seats_available =
        coalesce((select sum(greatest(x.capacity - x.enrolled_count, 0)) from offering x
          where x.programme_id = p.id and x.id <> ${offeringId}::int and x.status in ('planned','open') and x.start_date >= ${TODAY}), 0)
        + coalesce((select greatest(o.capacity - o.enrolled_count, 0) from o
          where o.programme_id = p.id and o.status in ('planned','open') and o.start_date >= ${TODAY}), 0)
      where p.id = ${programmeId}::int
      returning p.id)`;
}

/** Adds `delta` to the seats taken and refreshes the programme's seats-left summary (same transaction, offering row locked), in one statement. */
export async function adjustEnrolledCount(db: Kysely<DB>, offeringId: number, programmeId: number, delta: number): Promise<void> {
  if (delta === 0) return;
  await sql`with ${seatCountCtes(offeringId, programmeId, delta)} select count(*) from p`.execute(db);
}
