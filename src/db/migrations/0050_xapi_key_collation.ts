// The LRS's text keys (verb and activity IRIs, agent IFIs) compare byte-wise: COLLATE "C" on the
// columns, so every btree step of the statement and register indexes is a memcmp instead of a
// locale comparison (the keys are IRIs and IFIs, compared for equality and ordered only for
// keyset paging by seq, never by these columns). With the database's C.UTF-8 collation the order
// of any two strings is the same (both are code-point order), so no answer changes.
//
// Only the column collation changes (text stays text): PostgreSQL keeps the table files and
// rebuilds the indexes on these columns. On a large store that takes a while under an exclusive
// lock (the 10M-statement benchmark store: minutes), like any index build.
import type { Kysely } from 'kysely';
import { runScript } from '../statements.ts';

const COLUMNS: [table: string, columns: string[]][] = [
  ['xapi_statement', ['verb_id', 'activity_id']],
  ['xapi_statement_agent', ['agent_ifi']],
  ['xapi_statement_activity', ['activity_id']],
  ['xapi_activity', ['id']],
  ['xapi_actor', ['ifi']],
];

// Changing a column's type or collation drops its planner statistics: without them (and with
// autovacuum off or not yet round) the query by agent on the 10M store was planned as a scan taking
// 13 s. So the columns are analysed again right away (a sample of rows: seconds, not a rewrite).
function script(collation: string): string {
  const alter = COLUMNS.map(([table, columns]) => `alter table ${table} ${columns.map((c) => `alter column ${c} type text collate ${collation}`).join(', ')};`);
  const analyze = COLUMNS.map(([table, columns]) => `analyze ${table} (${columns.join(', ')});`);
  return [...alter, ...analyze].join('\n');
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, script('"C"'));
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, script('"default"'));
}
