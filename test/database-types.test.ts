// Both back ends return the same JS types for the same SQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { backends, createTestDatabase, type TestDatabase } from './helpers.ts';
import { splitStatements } from '../src/db/statements.ts';

const PROBE = sql<Record<string, unknown>>`
  select 9007199254740991::int8 as big, 42::int4 as small, 3.14159265358979323846::numeric as exact,
         '2026-11-28T01:02:03.456Z'::timestamptz as at, '2026-02-28'::date as day,
         '{"a":[1,"x",null]}'::jsonb as doc, '{"b":true}'::json as plain, true as flag,
         'teks'::text as word, null::int8 as nothing, count(*) as counted
  from (values (1), (2)) v(x)`;

const results = new Map<string, Record<string, unknown>>();

for (const kind of backends()) {
  describe(`database types (${kind})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(kind);
    });
    after(() => t?.drop());

    test('int8 → number, numeric → string, timestamptz → Date, date → string, json → object', async () => {
      const { rows } = await PROBE.execute(t.database.db);
      const row = rows[0];
      assert.equal(row.big, 9007199254740991);
      assert.equal(row.small, 42);
      assert.equal(row.exact, '3.14159265358979323846');
      assert.ok(row.at instanceof Date);
      assert.equal((row.at as Date).toISOString(), '2026-11-28T01:02:03.456Z');
      assert.equal(row.day, '2026-02-28');
      assert.deepEqual(row.doc, { a: [1, 'x', null] });
      assert.deepEqual(row.plain, { b: true });
      assert.equal(row.flag, true);
      assert.equal(row.word, 'teks');
      assert.equal(row.nothing, null);
      assert.equal(row.counted, 2);
      results.set(kind, row);
    });

    test('an int8 beyond 2^53 is refused, not rounded', async () => {
      await assert.rejects(sql`select 9007199254740993::int8 as v`.execute(t.database.db), /safe integer/);
    });

    test('the schema is migrated: the migration table lists the foundation', async () => {
      const { rows } = await sql<{ name: string }>`select name from kembang_migration order by name`.execute(t.database.db);
      assert.equal(rows[0].name, '0001_foundation');
    });
  });
}

test('both back ends gave identical values', { skip: results.size < 2 && !process.env.TEST_DATABASE_URL ? 'only PGlite configured' : false }, () => {
  const [a, b] = [...results.values()];
  assert.ok(a && b, 'both back ends ran');
  assert.deepEqual(a, b);
});

test('SQL scripts split into statements, respecting quotes, comments and $$ bodies', () => {
  const parts = splitStatements(`create table a (x text default ';'); -- a comment; here
    create function f() returns int as $$ begin return 1; end $$ language plpgsql;
    insert into a values ('it''s; fine');`);
  assert.equal(parts.length, 3);
  assert.match(parts[1], /begin return 1; end/);
  assert.match(parts[2], /it''s; fine/);
});
