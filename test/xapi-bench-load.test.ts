// The bulk loader of the xapi.query benchmark (bench/xapi-copy.ts) on PostgreSQL (it uses COPY
// FROM STDIN on three connections): a fresh load by COPY FREEZE with keys and indexes re-created
// after, an append next to another provider's statements, and a failed load that changes
// nothing. The LRS answers queries over the loaded rows exactly as over rows it wrote itself, the
// schema ends as the migrations made it, and the store takes new statements afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { copyXapiStore } from '../bench/xapi-copy.ts';
import { statementStream, type Universe } from '../bench/xapi-data.ts';
import { ifiOf, mentionsOf } from '../src/modules/xapi/shape.ts';
import { schemaOf } from './helpers.ts';
import { createLrsTestApp, type LrsTestApp } from './xapi-helpers.ts';

const UNIVERSE: Universe = { people: 40, courses: 6, seed: 5 };

function generated(count: number) {
  const next = statementStream(UNIVERSE, 0);
  return Array.from({ length: count }, (_, n) => next(n));
}

describe('xapi.query bulk loader on PostgreSQL', { skip: process.env.TEST_DATABASE_URL || process.env.CI ? false : 'needs TEST_DATABASE_URL (CI sets it)' }, () => {
  let t: LrsTestApp;
  let pool: pg.Pool;
  let lan: number;
  let schemaBefore: string[];

  before(async () => {
    t = await createLrsTestApp('postgres');
    pool = (t.database.raw as { pool: pg.Pool }).pool;
    lan = (await t.database.db.selectFrom('provider').select('id').where('code', '=', 'LAN').executeTakeFirstOrThrow()).id;
    schemaBefore = await schemaOf(t.database.db);
  });
  after(() => t?.close());

  /** Every statement id a GET returns, following `more` links. */
  async function idsOf(query: Record<string, string>): Promise<Set<string>> {
    const ids = new Set<string>();
    let url: string | undefined = `/xapi/statements?${new URLSearchParams(query)}`;
    while (url) {
      const res = await t.lrs('GET', url);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { statements: { id: string }[]; more?: string };
      for (const s of body.statements) ids.add(s.id);
      url = body.more || undefined;
    }
    return ids;
  }

  const expectedIds = (count: number, keep: (g: ReturnType<typeof generated>[number]) => boolean) =>
    new Set(generated(count).filter(keep).map((g) => String(g.statement.id)));

  it('loads a fresh store by COPY FREEZE with the index rows the LRS would write, and the schema as migrated', async () => {
    const result = await copyXapiStore(pool, lan, 3000, { universe: UNIVERSE });
    assert.equal(result.fresh, true);
    assert.equal(result.indexesDeferred, true);
    assert.deepEqual([result.from, result.to], [0, 3000]);
    const gen = generated(3000);
    let agents = 0;
    let activities = 0;
    for (const g of gen) {
      const m = mentionsOf({ ...g.statement, authority: { objectType: 'Agent', account: { homePage: 'http://127.0.0.1/xapi', name: 'lrs_bench_copy' } } } as never);
      agents += m.agents.size;
      activities += m.activities.size;
    }
    assert.deepEqual(result.rows, { xapi_statement: 3000, xapi_statement_agent: agents, xapi_statement_activity: activities });
    assert.equal(await t.statementCount(), 3000);
    assert.deepEqual(await schemaOf(t.database.db), schemaBefore);
    // FREEZE: every page of the copied tables is all-visible at once (index-only scans, no vacuum).
    const { rows } = await pool.query<{ relname: string; relpages: number; relallvisible: number }>(
      `select relname, relpages, relallvisible from pg_class where relname in ('xapi_statement', 'xapi_statement_agent', 'xapi_statement_activity') order by relname`,
    );
    for (const r of rows) {
      assert.ok(r.relpages > 0, r.relname);
      assert.equal(r.relallvisible, r.relpages, `${r.relname} all-visible`);
    }
  });

  it('answers queries by agent, verb + activity and registration over the loaded rows', async () => {
    const sample = generated(3000)[1234];
    const actor = sample.statement.actor as Record<string, unknown>;
    const ifi = ifiOf(actor as never);
    const byAgent = await idsOf({ agent: JSON.stringify(actor) });
    assert.deepEqual(byAgent, expectedIds(3000, (g) => ifiOf(g.statement.actor as never) === ifi));
    assert.ok(byAgent.size > 1);
    assert.deepEqual(await idsOf({ verb: sample.verb, activity: sample.activity }), expectedIds(3000, (g) => g.verb === sample.verb && g.activity === sample.activity));
    assert.deepEqual(await idsOf({ registration: sample.registration }), expectedIds(3000, (g) => g.registration === sample.registration));
  });

  it('appends after what the store holds when another provider has statements, leaving those alone', async () => {
    const other = await t.credential('UI');
    const id = '0a1b2c3d-0000-4000-8000-000000000001';
    const posted = await t.lrs('POST', '/xapi/statements', {
      auth: other,
      body: { id, actor: { mbox: 'mailto:other@ui.ac.id' }, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: 'https://ui.ac.id/xapi/a' } },
    });
    assert.equal(posted.statusCode, 200, posted.body);
    const result = await copyXapiStore(pool, lan, 5000, { universe: UNIVERSE, deferIndexes: true });
    assert.equal(result.fresh, false);
    assert.deepEqual([result.from, result.to, result.rows.xapi_statement], [3000, 5000, 2000]);
    assert.deepEqual(await schemaOf(t.database.db), schemaBefore);
    assert.equal(await t.statementCount(), 5001);
    const { rows } = await pool.query('select id from xapi_statement where provider_id = $1 and seq = 3001', [lan]);
    assert.equal(rows[0].id, String(generated(3001)[3000].statement.id));
    const sample = generated(5000)[4321];
    assert.deepEqual(await idsOf({ registration: sample.registration }), expectedIds(5000, (g) => g.registration === sample.registration));
    const got = await t.lrs('GET', `/xapi/statements?statementId=${id}`, { auth: other });
    assert.equal(got.statusCode, 200);
  });

  it('changes nothing when a load fails (statements of a provider that does not exist)', async () => {
    const before = await schemaOf(t.database.db);
    const counts = `select (select count(*) from xapi_statement)::int as s, (select count(*) from xapi_statement_agent)::int as ag, (select count(*) from xapi_statement_activity)::int as ac`;
    const countsBefore = (await pool.query(counts)).rows[0];
    await assert.rejects(copyXapiStore(pool, 999_999, 2000, { universe: UNIVERSE, deferIndexes: false }), /foreign key|violates/);
    await assert.rejects(copyXapiStore(pool, 999_999, 2000, { universe: UNIVERSE, deferIndexes: true }), /foreign key|violates/);
    assert.deepEqual((await pool.query(counts)).rows[0], countsBefore);
    assert.equal(countsBefore.s, 5001);
    assert.deepEqual(await schemaOf(t.database.db), before);
  });

  it('takes new statements from the LRS after the load (identity column and its sequence restored)', async () => {
    const posted = await t.lrs('POST', '/xapi/statements', {
      body: { actor: { mbox: 'mailto:new@lan.go.id' }, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: 'https://lan.go.id/xapi/new' } },
    });
    assert.equal(posted.statusCode, 200, posted.body);
    const [id] = posted.json() as string[];
    const { rows } = await pool.query('select seq from xapi_statement where provider_id = $1 and id = $2', [lan, id]);
    assert.ok(Number(rows[0].seq) > 5000);
    const { rows: identity } = await pool.query(`select attidentity from pg_attribute where attrelid = 'xapi_statement'::regclass and attname = 'seq'`);
    assert.equal(identity[0].attidentity, 'a');
  });
});
