// Migration 0050: the LRS's text keys compare byte-wise (COLLATE "C"), their order is the one
// the database's collation gave before (code-point order), and on PostgreSQL the columns keep
// planner statistics across the change (the type change drops them; the migration re-analyses).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import * as m0050 from '../src/db/migrations/0050_xapi_key_collation.ts';
import { backends, createTestDatabase, type TestDatabase } from './helpers.ts';

const KEYS: [table: string, column: string][] = [
  ['xapi_statement', 'verb_id'],
  ['xapi_statement', 'activity_id'],
  ['xapi_statement_agent', 'agent_ifi'],
  ['xapi_statement_activity', 'activity_id'],
  ['xapi_activity', 'id'],
  ['xapi_actor', 'ifi'],
];

// IFIs and IRIs with upper case, punctuation and non-ASCII letters (BMP and beyond)
const IFIS = ['mbox:mailto:zed@x.id', 'mbox:mailto:Ana@x.id', 'account:["https://sso.go.id","199001012020121001"]', 'openid:https://x.id/ä', 'openid:https://x.id/b', 'openid:https://x.id/B', 'openid:https://x.id/日本', 'openid:https://x.id/𝒜', 'openid:https://x.id/ﬀ', 'openid:https://x.id/a-b', 'openid:https://x.id/a_b', 'openid:https://x.id/ab'];
/** Code-point order (what C.UTF-8 and "C" both give for UTF-8 text). */
const codePointOrder = (values: string[]) => [...values].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

for (const kind of backends()) {
  describe(`xAPI key collation (${kind})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(kind);
    });
    after(async () => t.drop());

    test('the key columns are COLLATE "C"', async () => {
      const { rows } = await sql<{ table_name: string; column_name: string; collation_name: string | null }>`
        select table_name, column_name, collation_name from information_schema.columns
        where table_name like 'xapi_%' and data_type = 'text'`.execute(t.database.db);
      for (const [table, column] of KEYS) assert.equal(rows.find((r) => r.table_name === table && r.column_name === column)?.collation_name, 'C', `${table}.${column}`);
    });

    test('keys sort in code-point order, before and after the migration', async () => {
      const db = t.database.db;
      await sql`insert into xapi_statement_agent (provider_id, seq, agent_ifi, direct) select 1, s.n, s.ifi, true from unnest(${IFIS}::text[]) with ordinality as s(ifi, n)`.execute(db);
      const order = async () => (await sql<{ agent_ifi: string }>`select agent_ifi from xapi_statement_agent where provider_id = 1 order by agent_ifi`.execute(db)).rows.map((r) => r.agent_ifi);
      const found = async (ifi: string) => (await sql<{ n: number }>`select count(*)::int as n from xapi_statement_agent where provider_id = 1 and agent_ifi = ${ifi}`.execute(db)).rows[0].n;
      const migrated = await order();
      await m0050.down(db as unknown as Kysely<unknown>);
      const original = await order();
      await m0050.up(db as unknown as Kysely<unknown>);
      if (kind === 'postgres') assert.deepEqual(original, codePointOrder(IFIS), 'the database collation (C.UTF-8 on the test server) orders by code point');
      assert.deepEqual(migrated, original);
      assert.deepEqual(await order(), original);
      assert.equal(await found('openid:https://x.id/B'), 1);
      assert.equal(await found('openid:https://x.id/b'), 1);
      if (kind === 'postgres') {
        const { rows } = await sql<{ tablename: string; attname: string }>`select tablename, attname from pg_stats where tablename = 'xapi_statement_agent' and attname = 'agent_ifi'`.execute(db);
        assert.equal(rows.length, 1, 'agent_ifi has planner statistics after the migration');
      }
    });
  });
}
