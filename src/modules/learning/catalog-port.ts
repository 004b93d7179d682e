// What learning needs from the catalogue, in one place: offering and programme facts through the
// catalogue's own repository and policy, and the one catalogue column learning keeps — the
// offering's enrolled_count (seats taken) — with the programme's seat summary after it.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import * as catalog from '../catalog/repository.ts';
import { refreshProgrammes } from '../catalog/summary.ts';

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

/** Adds `delta` to the seats taken and refreshes the programme's seats-left summary (same transaction, offering row locked). */
export async function adjustEnrolledCount(db: Kysely<DB>, offeringId: number, programmeId: number, delta: number): Promise<void> {
  if (delta === 0) return;
  await db.updateTable('offering').set({ enrolled_count: sql`enrolled_count + ${delta}`, updated_at: new Date() }).where('id', '=', offeringId).execute();
  await refreshProgrammes(db, [programmeId]);
}
