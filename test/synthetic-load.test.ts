// The synthetic loader on each back end (PGlite always; PostgreSQL's COPY FROM STDIN when
// TEST_DATABASE_URL is set), at a small scale: rows arrive, the schema ends up exactly as the
// migrations made it, the same seed gives the same rows, and a non-empty registry is loaded
// with its indexes in place.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { parseNip } from '../src/modules/org/nip.ts';
import { loadConfig } from '../src/config.ts';
import { nationalGapSummary } from '../src/modules/competency/service.ts';
import { gapRollUp } from '../src/modules/competency/repository.ts';
import { nationalGapRollUp } from '../src/modules/competency/national-rollup.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { copyRawBaseline, dropRawBaseline, loadSynthetic, type SyntheticResult } from '../src/seed/synthetic/load.ts';
import { backends, createTestDatabase, schemaOf, TEST_PASSWORD, type TestDatabase } from './helpers.ts';

const TODAY = '2026-06-15';

/** Every row of the derived tables the generator writes, as text. */
async function derivedRows(db: Kysely<DB>) {
  const { rows } = await sql<{ t: string }>`
    select concat_ws('|',
      (select md5(string_agg(concat_ws('/', civil_servant_id, competency_code, assessment_id, level, assessed_on, method), ';' order by civil_servant_id, competency_code)) from competency_current),
      (select md5(string_agg(concat_ws('/', position_id, competency_code, level, agency_id, people), ';' order by 1)) from competency_current_count),
      (select md5(string_agg(concat_ws('/', civil_servant_id, agency_id, unit_key, tier, status), ';' order by civil_servant_id)) from analytics_person),
      (select md5(string_agg(concat_ws('/', agency_id, unit_key, tier, status, people), ';' order by 1)) from analytics_headcount_unit),
      (select md5(string_agg(concat_ws('/', agency_id, unit_key, tier, competency_code, people, assessed, with_gap, gap_sum), ';' order by 1)) from analytics_gap_unit),
      (select md5(string_agg(concat_ws('/', agency_id, competency_code, people, assessed, with_gap, gap_sum), ';' order by 1)) from analytics_gap_agency),
      (select count(*) from competency_current)) as t`.execute(db);
  return rows[0].t;
}

async function fingerprint(db: Kysely<DB>) {
  const { rows } = await sql<{ people: string; assessments: string; talent: string }>`
    select (select md5(string_agg(concat_ws(',', id, agency_id, nip, name, gender, birth_date, tmt_cpns, rank, unit_id, position_id, supervisor_id, status), ';' order by id)) from civil_servant) as people,
           (select md5(string_agg(concat_ws(',', id, civil_servant_id, competency_code, level, method, assessed_on, voided_at is null), ';' order by id)) from competency_assessment) as assessments,
           (select md5(string_agg(concat_ws(',', id, civil_servant_id, period, performance, potential), ';' order by id)) from talent_rating) as talent`.execute(db);
  return rows[0];
}

for (const kind of backends()) {
  describe(`synthetic load on ${kind}`, () => {
    let test: TestDatabase;
    let result: SyntheticResult;
    let schemaBefore: string[];

    before(async () => {
      test = await createTestDatabase(kind);
      schemaBefore = await schemaOf(test.database.db);
      // small segments: the civil servant and assessment COPYs are cut many times for the derived
      // rows (the path of a national load)
      result = await loadSynthetic(test.database, { scale: 'national', people: 3000, seed: 11, today: TODAY, segmentRows: 2000 });
    });
    after(() => test.drop());

    it('loads agencies, units, positions, standards, people, assessments and talent ratings', async () => {
      assert.ok(result.agencies >= 600);
      assert.equal(result.civilServants, 3000);
      assert.equal(result.indexesDeferred, true);
      assert.ok(result.assessments >= 3000 * 9);
      assert.ok(result.positionStandards > 0 && result.talentRatings > 0);
      const db = test.database.db;
      const count = async (table: 'civil_servant' | 'competency_assessment' | 'agency' | 'unit' | 'position') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      assert.equal(await count('civil_servant'), 3000);
      assert.equal(await count('competency_assessment'), result.assessments);
      assert.equal(await count('unit'), result.units);
      assert.equal(await count('position'), result.positions);
    });

    // first after the load: the roll-up tests below move the counted cutoff
    it('writes the current levels and the registry analytics from the generator exactly as competency_current_rebuild and analytics_rebuild derive them', async () => {
      const db = test.database.db;
      const lines = async (query: ReturnType<typeof sql<{ line: string }>>) => (await query.execute(db)).rows.map((r) => r.line);
      const snapshot = async () => ({
        current: await lines(sql`select concat_ws('/', civil_servant_id, competency_code, assessment_id, level, assessed_on, method) as line from competency_current order by 1`),
        counts: await lines(sql`select concat_ws('/', position_id, competency_code, level, agency_id, people) as line from competency_current_count order by 1`),
        cutoff: await lines(sql`select cutoff::text as line from competency_current_state`),
        person: await lines(sql`select concat_ws('/', civil_servant_id, agency_id, unit_key, tier, status) as line from analytics_person order by 1`),
        headcountUnit: await lines(sql`select concat_ws('/', agency_id, unit_key, tier, status, people) as line from analytics_headcount_unit order by 1`),
        headcountAgency: await lines(sql`select concat_ws('/', agency_id, status, people) as line from analytics_headcount_agency order by 1`),
        gapUnit: await lines(sql`select concat_ws('/', agency_id, unit_key, tier, competency_code, people, assessed, with_gap, gap_sum) as line from analytics_gap_unit order by 1`),
        gapAgency: await lines(sql`select concat_ws('/', agency_id, competency_code, people, assessed, with_gap, gap_sum) as line from analytics_gap_agency order by 1`),
        pending: await lines(sql`select concat_ws('/', (select count(*) from analytics_gap_delta), (select count(*) from analytics_headcount_delta), (select count(*) from analytics_jp_unit), (select count(*) from analytics_person_year)) as line`),
      });
      const copied = await snapshot();
      assert.equal(copied.current.length, 3000 * 9); // every pair has a non-void assessment
      assert.equal(copied.person.length, 3000);
      assert.ok(copied.counts.length > 1000 && copied.gapUnit.length > 1000 && copied.headcountUnit.length > 1000);
      assert.ok(copied.headcountAgency.some((l) => l.includes('/leave/')), 'people on leave are counted apart');
      assert.deepEqual(copied.cutoff, ['2023-06-15']);
      // frozen by COPY FREEZE: visibility map set, no vacuum needed (PostgreSQL)
      if (kind === 'postgres') {
        const { rows } = await sql<{ relname: string; all_visible: boolean }>`select relname, relallvisible >= relpages as all_visible from pg_class where relname in ('competency_current', 'analytics_person') order by 1`.execute(db);
        assert.deepEqual(rows, [{ relname: 'analytics_person', all_visible: true }, { relname: 'competency_current', all_visible: true }]);
      }
      await sql`select competency_current_rebuild(${'2023-06-15'}::date)`.execute(db);
      await sql`select analytics_rebuild()`.execute(db);
      assert.deepEqual(await snapshot(), copied);
    });

    it('ends with the schema the migrations made (keys, indexes and foreign keys re-created, all valid)', async () => {
      assert.deepEqual(await schemaOf(test.database.db), schemaBefore);
    });

    it('keeps NIPs valid and unique, supervisors in their agency, and sequences past the loaded ids', async () => {
      const db = test.database.db;
      const people = await db.selectFrom('civil_servant').select(['nip', 'birth_date', 'gender']).execute();
      assert.equal(new Set(people.map((p) => p.nip)).size, people.length);
      for (const p of people) assert.ok(parseNip(p.nip, new Date(`${TODAY}T12:00:00Z`)).ok, p.nip);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from civil_servant c join civil_servant s on s.id = c.supervisor_id where s.agency_id <> c.agency_id or s.id >= c.id`.execute(db);
      assert.equal(rows[0].n, 0);
      // new rows after the load get fresh ids, not a key violation
      const agency = await db.insertInto('agency').values({ code: 'SYN-NEW', name: 'Agency after the load', kind: 'national_agency' }).returning('id').executeTakeFirstOrThrow();
      assert.ok(agency.id > result.agencies);
    });

    it('gives the national gap summary real gaps', async () => {
      const actor = { type: 'user' as const, id: 't', label: 't', grants: [{ role: 'auditor' as const, scopeType: 'national' as const, scopeId: null }], civilServantId: null };
      const summary = await nationalGapSummary({ db: test.database.db, config: loadConfig({ LOG_LEVEL: 'silent' }) }, actor);
      assert.ok(summary.agencies.length >= 600);
      assert.equal(summary.competencies.length, 9);
      const m01 = summary.competencies.find((c) => c.code === 'M.01')!;
      assert.ok(m01.people > 2900 && m01.assessed < m01.people && m01.withGap > 0);
    });

    it('national roll-up gives the same numbers as the general roll-up', async () => {
      const cutoff = '2023-06-15';
      const norm = (rows: { group_id: number | null; code: string; people: number; assessed: number; with_gap: number; gap_sum: number }[]) =>
        rows.map((r) => `${r.group_id}/${r.code}/${r.people}/${r.assessed}/${r.with_gap}/${r.gap_sum}`).sort();
      const general = await gapRollUp(test.database.db, { groupBy: 'agency', cutoff });
      assert.ok(general.length > 0);
      assert.deepEqual(norm(await nationalGapRollUp(test.database.db, cutoff)), norm(general));
    });

    it('refuses to load the same agencies twice, and leaves everything as it was', async () => {
      await assert.rejects(loadSynthetic(test.database, { scale: 'national', people: 3000, seed: 11, today: TODAY }), /already in this database/);
      assert.deepEqual(await schemaOf(test.database.db), schemaBefore);
    });
  });
}

describe('synthetic load: determinism and a non-empty registry (PGlite)', () => {
  it('loads the same rows for the same seed', async () => {
    const a = await createTestDatabase('pglite');
    const b = await createTestDatabase('pglite');
    try {
      await loadSynthetic(a.database, { scale: 'agency', people: 1500, seed: 5, today: TODAY });
      await loadSynthetic(b.database, { scale: 'agency', people: 1500, seed: 5, today: TODAY });
      assert.deepEqual(await fingerprint(a.database.db), await fingerprint(b.database.db));
    } finally {
      await a.drop();
      await b.drop();
    }
  });

  it('loads the same rows and derived rows whatever the segment size (COPYs cut many times)', async () => {
    const a = await createTestDatabase('pglite');
    const b = await createTestDatabase('pglite');
    try {
      await loadSynthetic(a.database, { scale: 'agency', people: 1500, seed: 5, today: TODAY });
      await loadSynthetic(b.database, { scale: 'agency', people: 1500, seed: 5, today: TODAY, segmentRows: 700 });
      assert.deepEqual(await fingerprint(b.database.db), await fingerprint(a.database.db));
      const derived = await derivedRows(a.database.db);
      assert.ok(Number(derived.split('|').at(-1)) >= 1500 * 9);
      assert.equal(await derivedRows(b.database.db), derived);
    } finally {
      await a.drop();
      await b.drop();
    }
  });

  it('benchmark baselines: the registry rows, or every row the load writes (derived rows too), into plain tables dropped afterwards', async () => {
    const t = await createTestDatabase('pglite');
    try {
      const options = { scale: 'agency' as const, people: 800, seed: 5, today: TODAY };
      const registry = await copyRawBaseline(t.database, options);
      await dropRawBaseline(t.database);
      const all = await copyRawBaseline(t.database, { ...options, allRows: true, segmentRows: 500 });
      await dropRawBaseline(t.database);
      const raw = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name like 'raw\_%'`.execute(t.database.db);
      assert.equal(raw.rows[0].n, 0);
      const result = await loadSynthetic(t.database, options);
      const loaded = result.agencies + result.units + result.positions + result.positionStandards + result.civilServants + result.assessments + result.talentRatings;
      assert.equal(registry.rows, loaded);
      const { rows } = await sql<{ n: number }>`select ((select count(*) from competency_current) + (select count(*) from competency_current_count) + (select count(*) from analytics_person)
        + (select count(*) from analytics_headcount_unit) + (select count(*) from analytics_headcount_agency) + (select count(*) from analytics_gap_unit) + (select count(*) from analytics_gap_agency))::int as n`.execute(t.database.db);
      assert.ok(rows[0].n >= 800 * 10);
      assert.equal(all.rows, loaded + rows[0].n);
    } finally {
      await t.drop();
    }
  });

  it('loads next to the demo set with indexes in place, keeping clear of its NIPs', async () => {
    const t = await createTestDatabase('pglite');
    try {
      await seedDemo(t.database.db, { password: TEST_PASSWORD, perAgency: 20 });
      const before = await schemaOf(t.database.db);
      const result = await loadSynthetic(t.database, { scale: 'agency', people: 800, seed: 5, today: TODAY });
      assert.equal(result.indexesDeferred, false);
      assert.equal(result.civilServants, 800);
      assert.deepEqual(await schemaOf(t.database.db), before);
    } finally {
      await t.drop();
    }
  });
});
