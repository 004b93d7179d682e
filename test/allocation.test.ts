// The national allocation through the real app, on a hand-checkable instance inside the demo data:
// a technical competency only the fixture's people need (T.UJI.01, position standards of two new
// positions) and two offerings that develop it. Group A (West Java, 10 people, level 0 → 4) and
// group B (Central Java, 10 people, level 0 → 3), nobody assessed (level 0). X: online, 1→4, 10
// seats (A: 3 a seat, B: 2). Y: offline in West Java, 1→3, 10 seats (A: 2; B may not travel under
// the strict rule).
// Greedy takes X for A (3 a seat) and leaves B nothing: 30. The optimum sends A to Y, B to X: 40.
// Also: constraints respected, what-if (extra seats, budgets), compare, infeasible runs (422 with
// the reason), out-of-range parameters (400, nothing queued), the agency admin's slice, Latsar.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { kick } from '../src/modules/allocation/service.ts';
import { asUser, backends, createTestApp, demoEmail, isProblem, login, type Session, type TestApp } from './helpers.ts';
import { agencyId, makeOffering, makePeople, makeProgramme } from './learning-fixtures.ts';

async function position(db: Kysely<DB>, agency: number, code: string, tier: string, standards: [string, number][]) {
  const p = await db.insertInto('position').values({ agency_id: agency, code, name: `Jabatan uji ${code}`, kind: 'functional', tier }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('competency_position_standard').values(standards.map(([competency_code, required_level]) => ({ position_id: p.id, agency_id: agency, competency_code, required_level }))).execute();
  return p.id;
}

async function people(db: Kysely<DB>, n: number, agency: number, positionId: number, tmt?: string) {
  const ids = await makePeople(db, n, { agencyId: agency, tier: 'ahli_muda' });
  await db.updateTable('civil_servant').set({ position_id: positionId, ...(tmt ? { tmt_cpns: tmt } : {}) }).where('id', 'in', ids).execute();
  return ids;
}

for (const kind of backends()) {
  describe(`national allocation (${kind})`, () => {
    let t: TestApp;
    let national: Session;
    let agencyAdmin: Session;
    let west: number;
    let central: number;
    let x: number;
    let y: number;
    let paid: number;
    const n = () => asUser(t.app, national);

    async function run(body: object) {
      const res = await n()('POST', '/api/allocation/runs', body);
      assert.equal(res.statusCode, 202, res.body);
      const id = res.json().id as number;
      await kick({ db: t.database.db, config: t.config });
      const view = await n()('GET', `/api/allocation/runs/${id}`);
      assert.equal(view.statusCode, 200, view.body);
      return view.json();
    }

    before(async () => {
      t = await createTestApp(kind, { workerPollMs: 0 });
      const db = t.database.db;
      national = await login(t.app, demoEmail(t.demo, 'national_admin'));
      agencyAdmin = await login(t.app, demoEmail(t.demo, 'agency_admin'));
      west = await agencyId(db, '32');
      central = await agencyId(db, '33');
      const pa = await position(db, west, 'UJI-ALOK-A', 'ahli_muda', [['T.UJI.01', 4], ['T.UJI.02', 2], ['T.UJI.03', 2]]);
      const pb = await position(db, central, 'UJI-ALOK-B', 'ahli_muda', [['T.UJI.01', 3]]);
      await people(db, 10, west, pa);
      await people(db, 10, central, pb);
      const px = await makeProgramme(db, { competencies: [['T.UJI.01', 1, 4]] });
      x = (await makeOffering(db, px.id, { start: 40, opens: -5, closes: 30, capacity: 10 })).id;
      await db.updateTable('offering').set({ mode: 'online', province_code: null, fee: 0 }).where('id', '=', x).execute();
      const py = await makeProgramme(db, { competencies: [['T.UJI.01', 1, 3]] });
      y = (await makeOffering(db, py.id, { start: 41, opens: -5, closes: 30, capacity: 10 })).id;
      await db.updateTable('offering').set({ mode: 'offline', province_code: '32', online_url: null, fee: 0 }).where('id', '=', y).execute();
      // T.UJI.03: one paid offering only (for the budget case); T.UJI.02: nothing develops it
      const pp = await makeProgramme(db, { competencies: [['T.UJI.03', 1, 2]] });
      paid = (await makeOffering(db, pp.id, { start: 42, opens: -5, closes: 30, capacity: 10 })).id;
      await db.updateTable('offering').set({ mode: 'online', province_code: null, fee: 2_000_000 }).where('id', '=', paid).execute();
    });
    after(() => t?.close());

    test('the optimiser beats the greedy baseline by the known 10 gap levels; both are stored and explained', async () => {
      const r = await run({ label: 'uji', travel: 'strict', competencyCodes: ['T.UJI.01'] });
      assert.equal(r.status, 'done', JSON.stringify(r.problem));
      assert.equal(r.summary.greedy.gap_closed, 30);
      assert.equal(r.summary.optimiser.gap_closed, 40);
      assert.equal(r.summary.difference.gap_closed, 10);
      assert.equal(r.summary.optimiser.method, 'mip');
      assert.equal(r.summary.optimiser.seats, 20);
      const groups = (await n()('GET', `/api/allocation/runs/${r.id}/groups?lang=en`)).json();
      assert.equal(groups.total, 2);
      const a = groups.items.find((g: { agency: { id: number } }) => g.agency.id === west);
      const b = groups.items.find((g: { agency: { id: number } }) => g.agency.id === central);
      assert.deepEqual(a.assignments.map((s: { offering_id: number; seats: number }) => [s.offering_id, s.seats]), [[y, 10]]);
      assert.deepEqual(b.assignments.map((s: { offering_id: number; seats: number }) => [s.offering_id, s.seats]), [[x, 10]]);
      assert.deepEqual([a.greedy_gap_closed, b.greedy_gap_closed, b.greedy_seats], [30, 0, 0]);
      assert.match(a.explanation, /10 people .* level 0 of T\.UJI\.01.*requires level 4/);
      assert.match(b.explanation, /Given 10 seats/);
      const id = (await n()('GET', `/api/allocation/runs/${r.id}/groups?lang=id`)).json().items[0].explanation;
      assert.match(id, /orang di kelompok ini/);
    });

    test('capacity, people and travel: nothing beyond seats, B never travels to West Java under the strict rule', async () => {
      const r = await run({ travel: 'strict', competencyCodes: ['T.UJI.01'], extraSeats: [{ offeringId: x, seats: 5 }] });
      assert.equal(r.status, 'done');
      const rows = await t.database.db.selectFrom('allocation_assignment').selectAll().where('run_id', '=', r.id).execute();
      for (const method of ['optimiser', 'greedy']) {
        const m = rows.filter((a) => a.method === method);
        assert.ok(m.filter((a) => a.offering_id === x).reduce((s, a) => s + a.seats, 0) <= 15, `${method}: X has 10 + 5 seats`);
        assert.ok(m.filter((a) => a.offering_id === y).reduce((s, a) => s + a.seats, 0) <= 10);
        assert.ok(!m.some((a) => a.agency_id === central && a.offering_id === y), `${method}: no travel`);
        for (const agency of [west, central]) assert.ok(m.filter((a) => a.agency_id === agency).reduce((s, a) => s + a.seats, 0) <= 10, 'people');
      }
      // X's 15 seats: 10 for B (2 a seat) and 5 for A (3 a seat), whose other 5 take Y (2 a seat): 20 + 15 + 10
      assert.equal(r.summary.optimiser.gap_closed, 45);
      assert.equal(r.summary.seats_offered, 25);
    });

    test('what-if runs compare; a budget binds', async () => {
      const base = await run({ travel: 'any', competencyCodes: ['T.UJI.03'] });
      assert.equal(base.summary.optimiser.seats, 10);
      const tight = await run({ travel: 'any', competencyCodes: ['T.UJI.03'], budgets: [{ agencyId: west, amount: 7_000_000 }] });
      assert.equal(tight.summary.optimiser.seats, 3, '3 seats of Rp 2.000.000 within Rp 7.000.000');
      assert.equal(tight.summary.optimiser.cost, 6_000_000);
      const cmp = await n()('GET', `/api/allocation/runs/${base.id}/compare/${tight.id}`);
      assert.equal(cmp.statusCode, 200, cmp.body);
      assert.equal(cmp.json().totals.change.seats, -7);
      assert.equal(cmp.json().agencies[0].agency_id, west);
      const groups = (await n()('GET', `/api/allocation/runs/${tight.id}/groups?lang=en`)).json();
      assert.equal(groups.items[0].reason.cause, 'budget');
      assert.match(groups.items[0].explanation, /7 people got no seat: the 1 offerings with seats left cost more than the agency's remaining budget \(Rp 1\.000\.000\)/);
    });

    test('no feasible allocation: 422 that says why (no offering develops it; budget below every fee)', async () => {
      const none = await run({ competencyCodes: ['T.UJI.02'] });
      assert.equal(none.status, 'failed');
      const res = await n()('GET', `/api/allocation/runs/${none.id}/groups`);
      assert.ok(isProblem(res, 422), res.body);
      assert.match(res.json().detail, /no upcoming offering develops competency T\.UJI\.02/);
      const broke = await run({ competencyCodes: ['T.UJI.03'], budgets: [{ agencyId: west, amount: 1_000_000 }] });
      assert.equal(broke.status, 'failed');
      const res2 = await n()('GET', `/api/allocation/runs/${broke.id}/groups`);
      assert.ok(isProblem(res2, 422));
      assert.match(res2.json().detail, /budget of agency 32 \(Rp 1\.000\.000\) is below the fee of any offering/);
    });

    test('out-of-range what-if parameters: 400 naming the field, and no run is queued', async () => {
      const before = (await t.database.db.selectFrom('allocation_run').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      const cases: [object, string][] = [
        [{ budgetMultiplier: 11 }, 'budgetMultiplier'],
        [{ budgetMultiplier: -1 }, 'budgetMultiplier'],
        [{ extraSeats: [{ offeringId: x, seats: 0 }] }, 'seats'],
        [{ extraSeats: [{ offeringId: x, competencyCode: 'M.01', seats: 1 }] }, 'body.extraSeats.0'],
        [{ extraSeats: [{ offeringId: 2_147_483_000, seats: 1 }] }, 'body.extraSeats.0.offeringId'],
        [{ budgets: [{ agencyId: 2_147_483_000, amount: 1 }] }, 'body.budgets.0.agencyId'],
        [{ travel: 'teleport' }, 'travel'],
        [{ year: 2001 }, 'body.year'],
        [{ latsar: { cohortSize: 5 } }, 'cohortSize'],
        [{ unknown: 1 }, ''],
      ];
      for (const [body, field] of cases) {
        const res = await n()('POST', '/api/allocation/runs', body);
        assert.ok(isProblem(res, 400), `${JSON.stringify(body)}: ${res.statusCode} ${res.body}`);
        assert.ok(res.json().errors.some((e: { field: string }) => e.field.includes(field)), `${JSON.stringify(body)} names ${field}: ${res.body}`);
      }
      const after = (await t.database.db.selectFrom('allocation_run').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      assert.equal(Number(after), Number(before));
    });

    test("agency admins read a finished run's slice of their agency only; they cannot start or compare runs", async () => {
      const r = await run({ travel: 'strict', competencyCodes: ['T.UJI.01'] });
      const a = asUser(t.app, agencyAdmin);
      const view = await a('GET', `/api/allocation/runs/${r.id}`);
      assert.equal(view.statusCode, 200, view.body);
      assert.equal(view.json().scope, 'agency');
      assert.deepEqual(view.json().summary.agencies.map((x: { agency_id: number }) => x.agency_id), [west]);
      assert.equal(view.json().summary.optimiser.gap_closed, 20);
      assert.equal(view.json().params, null);
      const groups = (await a('GET', `/api/allocation/runs/${r.id}/groups`)).json();
      assert.deepEqual([...new Set(groups.items.map((g: { agency: { id: number } }) => g.agency.id))], [west]);
      assert.equal((await a('GET', `/api/allocation/runs/${r.id}/groups?agencyId=${central}`)).statusCode, 403);
      assert.equal((await a('POST', '/api/allocation/runs', {})).statusCode, 403);
      assert.equal((await a('GET', `/api/allocation/runs/${r.id}/compare/${r.id}`)).statusCode, 403);
      const csv = await a('GET', `/api/allocation/runs/${r.id}/export.csv?lang=en`);
      assert.equal(csv.statusCode, 200);
      assert.match(csv.body, /Agency,Tier/);
      assert.ok(!csv.body.includes(',33,') && csv.body.split('\n').filter((l) => l.startsWith('33,')).length === 0, 'no other agency in the export');
      const xlsx = await n()('GET', `/api/allocation/runs/${r.id}/export.xlsx`);
      assert.equal(xlsx.statusCode, 200);
      assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
    });

    test('Latsar wave: recruits of this year without Latsar, cohorts, seats in province and online, shortfall', async () => {
      const db = t.database.db;
      const year = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Jakarta' }).slice(0, 4);
      const pos = await position(db, west, 'UJI-CPNS', 'ahli_pertama', [['T.UJI.09', 1]]);
      await people(db, 45, west, pos, `${year}-01-02`);
      const latsar = await makeProgramme(db, { category: 'latsar', competencies: [['SK.01', 1, 2]] });
      const lo = (await makeOffering(db, latsar.id, { start: 43, opens: -5, closes: 30, capacity: 30 })).id;
      await db.updateTable('offering').set({ mode: 'offline', province_code: '32', online_url: null }).where('id', '=', lo).execute();
      const r = await run({ competencyCodes: ['T.UJI.01'], latsar: { cohortSize: 40 } });
      const registryWest = r.latsar.provinces.find((p: { province_code: string }) => p.province_code === '32');
      assert.equal(r.latsar.source, 'registry');
      assert.ok(registryWest.recruits >= 45, 'the 45 new CPNS of this year');
      assert.ok(registryWest.seats_in_province >= 30, 'the 30 seats of the fixture Latsar in West Java (and the demo\'s)');
      const p = await run({ competencyCodes: ['T.UJI.01'], latsar: { cohortSize: 40, newCpns: [{ agencyId: west, count: 100 }, { agencyId: central, count: 10 }] } });
      assert.equal(p.latsar.source, 'parameters');
      const w = p.latsar.provinces.find((x: { province_code: string }) => x.province_code === '32');
      const c = p.latsar.provinces.find((x: { province_code: string }) => x.province_code === '33');
      assert.deepEqual([w.recruits, w.cohorts_needed, w.seats_in_province + w.online_seats_used + w.shortfall, w.cohorts_to_open], [100, 3, 100, Math.ceil(w.shortfall / 40)]);
      assert.ok(w.seats_in_province >= 30 && w.seats_in_province <= 100);
      assert.deepEqual([c.recruits, c.cohorts_needed, c.seats_in_province], [10, 1, 0]);
      assert.equal(p.latsar.recruits, 110);
    });
  });
}
