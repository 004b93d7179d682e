// Drops competency_assessment_agency (agency_id, assessed_on), made by 0002 for "tenant-local
// scans (agency imports and reports)": no query reads assessments by agency — they are read by id,
// by person (competency_assessment_latest serves the history and the current level), and the
// registry side of analytics and the gap roll-ups read competency_current — and no agency is
// deleted or re-keyed (the one thing its foreign key would need an index for). It cost every
// assessment write an index entry and the national load a sort of all assessments (~10% of the
// keys/indexes phase at 200k people). Bring it back (down) with the query that needs it.
import type { Kysely } from 'kysely';
import { runScript } from '../statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `drop index if exists competency_assessment_agency;`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `create index if not exists competency_assessment_agency on competency_assessment (agency_id, assessed_on);`);
}
