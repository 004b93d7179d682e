// The maintained current levels (migration 0008: competency_current, competency_current_count)
// on each back end: filled by the synthetic loader, kept in step with every assessment insert,
// correction and void and with people changing position or status, and rolled correctly as
// assessments expire. After every step both tables must equal what a from-scratch derivation
// from the whole history gives, and the national roll-up must equal the general roll-up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { loadConfig } from '../src/config.ts';
import type { Actor } from '../src/http/actor.ts';
import { gapRollUp } from '../src/modules/competency/repository.ts';
import { nationalGapRollUp } from '../src/modules/competency/national-rollup.ts';
import { getProfile, recordAssessments, voidAssessment } from '../src/modules/competency/service.ts';
import { addMonths, todayInIndonesia, validityCutoff } from '../src/modules/competency/validity.ts';
import { loadSynthetic } from '../src/seed/synthetic/load.ts';
import { backends, createTestDatabase, type TestDatabase } from './helpers.ts';

const TODAY = '2026-06-15';
const admin: Actor = { type: 'user', id: 'cc-test', label: 'cc-test', grants: [{ role: 'national_admin', scopeType: 'national', scopeId: null }], civilServantId: null };

/** Rows that differ between the maintained tables and a derivation from the whole history (0 = in step), at `cutoff`. */
async function drift(db: Kysely<DB>, cutoff: string) {
  await sql`select competency_current_roll(${cutoff}::date)`.execute(db);
  const { rows } = await sql<{ current: number; counts: number; state: string }>`
    with derived as (
      select distinct on (civil_servant_id, competency_code) civil_servant_id, competency_code, id, level, assessed_on, method
        from competency_assessment where voided_at is null
       order by civil_servant_id, competency_code, assessed_on desc, id desc
    ),
    kept as (select civil_servant_id, competency_code, assessment_id as id, level, assessed_on, method from competency_current),
    want as (
      select cs.position_id, c.competency_code, c.level, cs.agency_id, count(*)::bigint as people
        from derived c join civil_servant cs on cs.id = c.civil_servant_id
       where c.assessed_on > ${cutoff}::date and cs.status = 'active' and cs.position_id is not null
       group by 1, 2, 3, 4
    ),
    have as (select position_id, competency_code, level, agency_id, people from competency_current_count where people <> 0)
    select (select count(*)::int from ((select * from derived except all select * from kept) union all (select * from kept except all select * from derived)) x) as current,
           (select count(*)::int from ((select * from want except all select * from have) union all (select * from have except all select * from want)) y) as counts,
           (select cutoff from competency_current_state) as state`.execute(db);
  return rows[0];
}

async function assertInStep(db: Kysely<DB>, cutoff: string) {
  assert.deepEqual(await drift(db, cutoff), { current: 0, counts: 0, state: cutoff });
  const norm = (rows: { group_id: number | null; code: string; people: number; assessed: number; with_gap: number; gap_sum: number }[]) =>
    rows.map((r) => `${r.group_id}/${r.code}/${r.people}/${r.assessed}/${r.with_gap}/${r.gap_sum}`).sort();
  assert.deepEqual(norm(await nationalGapRollUp(db, cutoff)), norm(await gapRollUp(db, { groupBy: 'agency', cutoff })));
}

async function currentOf(db: Kysely<DB>, personId: number, code: string) {
  return db.selectFrom('competency_current').select(['assessment_id', 'level', 'assessed_on', 'method']).where('civil_servant_id', '=', personId).where('competency_code', '=', code).executeTakeFirst();
}

for (const kind of backends()) {
  describe(`maintained current levels on ${kind}`, () => {
    let test: TestDatabase;
    let db: Kysely<DB>;
    let deps: { db: Kysely<DB>; config: ReturnType<typeof loadConfig> };
    let person: { id: number; position_id: number; agency_id: number };
    const caller = { actor: admin };
    const cutoff = validityCutoff(todayInIndonesia(), 36);
    /** n days before today in Indonesia, 'YYYY-MM-DD' */
    const day = (n: number) => new Date(Date.parse(`${todayInIndonesia()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

    before(async () => {
      test = await createTestDatabase(kind);
      db = test.database.db;
      deps = { db, config: loadConfig({ LOG_LEVEL: 'silent' }) };
      await loadSynthetic(test.database, { scale: 'national', people: 1200, seed: 3, today: TODAY });
      const row = await db.selectFrom('civil_servant').select(['id', 'position_id', 'agency_id']).where('status', '=', 'active').where('position_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
      person = { id: row.id, position_id: row.position_id!, agency_id: row.agency_id };
    });
    after(() => test.drop());

    it('the synthetic loader fills both tables and records its cutoff', async () => {
      const n = Number((await db.selectFrom('competency_current').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const pairs = await sql<{ n: number }>`select count(*)::int as n from (select distinct civil_servant_id, competency_code from competency_assessment where voided_at is null) x`.execute(db);
      assert.ok(n >= 1200 * 9);
      assert.equal(n, pairs.rows[0].n);
      const state = await db.selectFrom('competency_current_state').select('cutoff').executeTakeFirstOrThrow();
      assert.equal(state.cutoff, validityCutoff(TODAY, 36));
      assert.deepEqual(await drift(db, state.cutoff), { current: 0, counts: 0, state: state.cutoff });
      await assertInStep(db, cutoff);
    });

    it('an insert becomes the current level; a later entry for the same day (a correction) wins', async () => {
      const first = await recordAssessments(deps, caller, [{ civilServantId: person.id, competencyCode: 'M.01', level: 5, method: 'cat', assessedOn: day(3), assessor: 't' }]);
      assert.deepEqual(await currentOf(db, person.id, 'M.01'), { assessment_id: first.items[0].id, level: 5, assessed_on: day(3), method: 'cat' });
      await assertInStep(db, cutoff);
      // two rows for the same pair in one statement, and a correction of the same date
      const second = await recordAssessments(deps, caller, [
        { civilServantId: person.id, competencyCode: 'M.01', level: 1, method: 'self', assessedOn: day(3), assessor: 't' },
        { civilServantId: person.id, competencyCode: 'M.01', level: 2, method: '360', assessedOn: day(3), assessor: 't' },
        { civilServantId: person.id, competencyCode: 'M.02', level: 4, method: 'portfolio', assessedOn: day(400), assessor: 't' },
      ]);
      assert.equal((await currentOf(db, person.id, 'M.01'))?.assessment_id, second.items[1].id);
      assert.equal((await currentOf(db, person.id, 'M.01'))?.level, 2);
      await assertInStep(db, cutoff);
      const profile = await getProfile(deps, admin, person.id);
      assert.equal(profile.items.find((i) => i.code === 'M.01')?.current, 2);
      assert.equal(profile.items.find((i) => i.code === 'M.01')?.assessment_id, second.items[1].id);
    });

    it('concurrent assessments of the same people and competencies: the latest one ends current', async () => {
      const people = await db.selectFrom('civil_servant').select(['id', 'agency_id']).where('status', '=', 'active').where('position_id', 'is not', null).orderBy('id').offset(10).limit(8).execute();
      const competencies = await db.selectFrom('competency').select(['id', 'code']).where('code', 'in', ['M.05', 'M.06']).where('agency_id', 'is', null).orderBy('version_id', 'desc').limit(2).execute();
      // 12 statements at once, half of them in reverse order, each assessing every pair of the same date
      const runs = await Promise.allSettled(Array.from({ length: 12 }, (_, w) =>
        db.insertInto('competency_assessment').values((w % 2 ? [...people].reverse() : people).flatMap((p, i) => competencies.map((c) => ({
          agency_id: p.agency_id, civil_servant_id: p.id, competency_id: c.id, competency_code: c.code, level: ((w + i) % 5) + 1, method: 'cat' as const, assessed_on: day(1), assessor: `race-${w}`, evidence: null, recorded_by: 'race',
        })))).execute()));
      assert.deepEqual(runs.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)), []);
      await assertInStep(db, cutoff);
    });

    it('a void falls back to the previous assessment; voiding every one removes the row', async () => {
      const rows = await db.selectFrom('competency_assessment').select(['id', 'level']).where('civil_servant_id', '=', person.id).where('competency_code', '=', 'M.01').where('voided_at', 'is', null).orderBy('assessed_on', 'desc').orderBy('id', 'desc').execute();
      assert.ok(rows.length >= 3);
      await voidAssessment(deps, caller, rows[0].id, 'entered in error');
      assert.equal((await currentOf(db, person.id, 'M.01'))?.assessment_id, rows[1].id);
      await assertInStep(db, cutoff);
      for (const r of rows.slice(1)) await voidAssessment(deps, caller, r.id, 'entered in error');
      assert.equal(await currentOf(db, person.id, 'M.01'), undefined);
      await assertInStep(db, cutoff);
      const profile = await getProfile(deps, admin, person.id);
      assert.equal(profile.items.find((i) => i.code === 'M.01')?.current, null);
      // a plain insert (as an import would do) is kept in step as well
      const competency = await db.selectFrom('competency').select('id').where('code', '=', 'M.01').orderBy('version_id', 'desc').executeTakeFirstOrThrow();
      await db.insertInto('competency_assessment').values({ agency_id: person.agency_id, civil_servant_id: person.id, competency_id: competency.id, competency_code: 'M.01', level: 3, method: 'cat', assessed_on: day(10), assessor: 't', evidence: null, recorded_by: 't' }).execute();
      assert.equal((await currentOf(db, person.id, 'M.01'))?.level, 3);
      await assertInStep(db, cutoff);
    });

    it('expiry: a level stops counting the day after its validity ends, and the roll works both ways', async () => {
      // person's M.02 was assessed 400 days ago: valid at today's 36-month cutoff, expired at a 12-month one
      const shortCutoff = validityCutoff(todayInIndonesia(), 12);
      await assertInStep(db, shortCutoff);
      const expiredOn = day(400);
      await assertInStep(db, new Date(Date.parse(`${expiredOn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
      await assertInStep(db, expiredOn);
      await assertInStep(db, addMonths(cutoff, 6));
      await assertInStep(db, addMonths(cutoff, -24));
      await assertInStep(db, cutoff);
    });

    it('people moving position or status take their counts along', async () => {
      const other = await db.selectFrom('position').select('id').where('agency_id', '=', person.agency_id).where('id', '<>', person.position_id).orderBy('id').executeTakeFirstOrThrow();
      await db.updateTable('civil_servant').set({ position_id: other.id }).where('id', '=', person.id).execute();
      await assertInStep(db, cutoff);
      await db.updateTable('civil_servant').set({ status: 'retired' }).where('id', '=', person.id).execute();
      await assertInStep(db, cutoff);
      await db.updateTable('civil_servant').set({ status: 'active', position_id: null }).where('id', '=', person.id).execute();
      await assertInStep(db, cutoff);
      await db.updateTable('civil_servant').set({ position_id: person.position_id }).where('id', '=', person.id).execute();
      await db.updateTable('civil_servant').set({ name: 'Nama Baru' }).where('id', '=', person.id).execute();
      await assertInStep(db, cutoff);
    });

    it('a rebuild (what the migration backfill runs) gives the same tables', async () => {
      const snapshot = async () =>
        sql<{ a: string; b: string }>`select (select md5(string_agg(concat_ws(',', civil_servant_id, competency_code, assessment_id, level, assessed_on, method), ';' order by civil_servant_id, competency_code)) from competency_current) as a,
               (select md5(string_agg(concat_ws(',', position_id, competency_code, level, agency_id, people), ';' order by position_id, competency_code, level, agency_id)) from competency_current_count where people <> 0) as b`.execute(db);
      await sql`select competency_current_roll(${cutoff}::date)`.execute(db);
      const before = (await snapshot()).rows[0];
      await db.transaction().execute(async (tx) => {
        await sql`delete from competency_current`.execute(tx);
        await sql`delete from competency_current_count`.execute(tx);
        await sql`select competency_current_rebuild(${cutoff}::date)`.execute(tx);
      });
      assert.deepEqual((await snapshot()).rows[0], before);
      await assertInStep(db, cutoff);
    });
  });
}
