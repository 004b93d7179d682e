// Reference data every installation needs, demo or not: the national competency dictionary
// (version 1) and the default position standards. Safe to run on every start: it adds only
// what is missing and never changes what admins have edited.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { seedCompetencyBaseline } from '../modules/competency/seed.ts';

export async function ensureReferenceData(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute((tx) => seedCompetencyBaseline(tx));
}
