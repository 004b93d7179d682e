// One index entry less per stored statement: xapi_statement_activity_seq (provider_id,
// activity_id, seq) held nothing the agent/activity side table does not: the statement's object
// activity is its xapi_statement_activity row with direct = true (one row per activity and
// statement; direct when it is the object, wherever else it also appears). Queries by activity
// without a verb now go through that table's primary key (provider_id, activity_id, seq, direct),
// as queries by agent do; with a verb they keep xapi_statement_verb_activity.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists xapi_statement_activity_seq`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists xapi_statement_activity_seq on xapi_statement (provider_id, activity_id, seq)`.execute(db);
}
