// The dashboard routes through the real server on each back end: figures that agree with the
// modules' own reports, scope (other agencies and providers refused, missing ones 404), the
// at-risk list with its paging and personal data, CSV and XLSX exports of the table views,
// and bad input answered 400.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { nationalCompliance, agencyCompliance as learningAgencyCompliance } from '../src/modules/learning/ledger-service.ts';
import { creditRecord } from '../src/modules/learning/ledger-service.ts';
import type { Actor } from '../src/http/actor.ts';
import { agencyId, makeOffering, makeProgramme, providerId } from './learning-fixtures.ts';
import { asUser, backends, createTestApp, demoEmail, isProblem, login, type Session, type TestApp } from './helpers.ts';

const national: Actor = { type: 'user', id: 't', label: 't', grants: [{ role: 'national_admin', scopeType: 'national', scopeId: null }], civilServantId: null };

for (const kind of backends()) {
  describe(`analytics routes (${kind})`, () => {
    let t: TestApp;
    const s = new Map<string, Session>();
    let jabar: number;
    let jateng: number;
    let lan: number;
    const as = (role: string) => asUser(t.app, s.get(role)!);
    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(new Date()));

    before(async () => {
      t = await createTestApp(kind, { analyticsFoldMs: 0 });
      for (const role of ['learner', 'supervisor', 'agency_admin', 'provider_admin', 'national_admin', 'auditor']) s.set(role, await login(t.app, demoEmail(t.demo, role)));
      const db = t.database.db;
      jabar = await agencyId(db, '32');
      jateng = await agencyId(db, '33');
      lan = await providerId(db, 'LAN');
      // some credited JP in Jawa Barat, a few people past 20
      const people = await db.selectFrom('civil_servant').select(['id', 'agency_id']).where('agency_id', 'in', [jabar, jateng]).orderBy('id').limit(30).execute();
      for (const [i, p] of people.entries()) {
        await creditRecord(db, { civilServantId: p.id, agencyId: p.agency_id, source: 'self_report', sourceRef: `r-${p.id}`, learningForm: 'course', title: 'Uji', completedOn: `${year}-01-02`, jp: i % 3 === 0 ? 24 : i % 3 === 1 ? 0.5 : 9.75 });
      }
      const programme = await makeProgramme(db, { competencies: [['M.04', 1, 3], ['M.08', 2, 4]] });
      await makeOffering(db, programme.id, { capacity: 40, start: 20 });
    });
    after(() => t?.close());

    it('the province tiles agree with learning\'s national compliance and cover all 38 provinces', async () => {
      const res = await as('national_admin')('GET', `/api/analytics/national/provinces?year=${year}`);
      assert.equal(res.statusCode, 200, res.body);
      const v = res.json();
      assert.equal(v.provinces.length, 38);
      const theirs = await nationalCompliance({ db: t.database.db } as never, national, year);
      const agencies = await t.database.db.selectFrom('agency').select(['id', 'kind', 'province_code']).execute();
      const regionalIn = (code: string) => new Set(agencies.filter((a) => ['province', 'regency', 'city'].includes(a.kind) && a.province_code === code).map((a) => a.id));
      for (const code of ['32', '33', '51']) {
        const ids = regionalIn(code);
        const sum = theirs.agencies.filter((a) => ids.has(a.agencyId)).reduce((x, a) => ({ people: x.people + a.people, met: x.met + a.met, on: x.on + a.on_track }), { people: 0, met: 0, on: 0 });
        const tile = v.provinces.find((p: { code: string }) => p.code === code);
        assert.deepEqual([tile.people, tile.met, tile.onTrack], [sum.people, sum.met, sum.on], `province ${code}`);
        assert.ok(tile.gap.required > 0 && tile.gap.averageGap >= 0);
      }
      const central = theirs.agencies.filter((a) => agencies.find((x) => x.id === a.agencyId && !['province', 'regency', 'city'].includes(x.kind)));
      assert.equal(v.central.people, central.reduce((n, a) => n + a.people, 0));
      assert.equal(v.provinces.find((p: { code: string }) => p.code === '91').people, 0, 'a province without data is present, empty');
      assert.ok(v.provinces.find((p: { code: string }) => p.code === '32').met > 0);
    });

    it('the heatmap, supply vs demand, providers and accreditation answer for national roles', async () => {
      const heat = (await as('auditor')('GET', '/api/analytics/national/competencies')).json();
      assert.ok(heat.competencies.some((c: { code: string; name_id: string }) => c.code === 'M.01' && c.name_id === 'Integritas'));
      assert.ok(heat.cells.some((c: { agencyKind: string }) => c.agencyKind === 'province'));
      const supply = (await as('national_admin')('GET', '/api/analytics/national/supply-demand')).json();
      const m04 = supply.items.find((i: { code: string }) => i.code === 'M.04');
      assert.ok(m04.seats >= 40 && m04.peopleWithGap > 0, JSON.stringify(m04));
      const providers = (await as('national_admin')('GET', `/api/analytics/national/providers?year=${year}`)).json();
      assert.ok(providers.items.some((p: { code: string; offerings: number }) => p.code === 'LAN' && p.offerings > 0));
      await t.database.db.updateTable('provider').set({ accr_grade: 'A', accr_valid_to: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) }).where('code', '=', 'UI').execute();
      const accr = (await as('national_admin')('GET', '/api/analytics/national/accreditation')).json();
      assert.ok(accr.items.some((i: { code: string; state: string }) => i.code === 'UI' && i.state === 'expiring'));
      assert.ok(accr.counts.providers.expiring >= 1);
    });

    it('agency dashboards: by unit and by tier, equal to learning\'s agency compliance; other agencies refused', async () => {
      const byUnit = (await as('agency_admin')('GET', `/api/analytics/agencies/${jabar}/compliance?by=unit&year=${year}`)).json();
      const theirs = await learningAgencyCompliance({ db: t.database.db } as never, national, jabar, { year, limit: 1 });
      // learning counts active and leave people; the dashboard the same
      assert.deepEqual([byUnit.totals.people, byUnit.totals.met, byUnit.totals.onTrack, byUnit.totals.atRisk], [theirs.totals.people, theirs.totals.met, theirs.totals.on_track, theirs.totals.at_risk]);
      assert.ok(byUnit.groups.every((g: { name: string | null; key: string }) => g.name !== null || g.key === '0'));
      const byTier = (await as('agency_admin')('GET', `/api/analytics/agencies/${jabar}/compliance?by=tier`)).json();
      assert.equal(byTier.totals.people, byUnit.totals.people);
      const gaps = (await as('agency_admin')('GET', `/api/analytics/agencies/${jabar}/gaps?by=unit`)).json();
      assert.ok(gaps.groups.length > 0 && gaps.groups[0].cells.length > 0);
      const tierGaps = (await as('national_admin')('GET', `/api/analytics/agencies/${jabar}/gaps?by=tier`)).json();
      const total = (v: { groups: { required: number }[] }) => v.groups.reduce((n, g) => n + g.required, 0);
      assert.equal(total(tierGaps), total(gaps));
      assert.ok(isProblem(await as('agency_admin')('GET', `/api/analytics/agencies/${jateng}/compliance?by=unit`), 403));
      assert.ok(isProblem(await as('national_admin')('GET', '/api/analytics/agencies/999999/gaps?by=tier'), 404));
      assert.ok(isProblem(await as('provider_admin')('GET', `/api/analytics/agencies/${jabar}/gaps?by=tier`), 403));
    });

    it('the at-risk list: below the pro-rata share, paged by id, with NIP for the agency admin', async () => {
      const first = (await as('agency_admin')('GET', `/api/analytics/agencies/${jabar}/at-risk?limit=5`)).json();
      assert.equal(first.items.length, 5);
      assert.ok(first.total >= first.items.length);
      assert.ok(first.items.every((i: { jp: number; nip: string | null }) => i.jp < Math.min(first.expectedJp, 20) && /^\d{18}$/.test(i.nip!)));
      const second = (await as('agency_admin')('GET', `/api/analytics/agencies/${jabar}/at-risk?limit=5&after=${first.nextAfter}`)).json();
      assert.ok(second.items.every((i: { id: number }) => i.id > first.nextAfter));
      // everyone of the agency with credited JP ≥ 20 is never on the list
      const met = await t.database.db.selectFrom('learning_record').select('civil_servant_id').where('jp', '>=', '20').where('agency_id', '=', jabar).execute();
      const all = (await as('agency_admin')('GET', `/api/analytics/agencies/${jabar}/at-risk?limit=500`)).json();
      assert.equal(all.items.length, all.total);
      for (const m of met) assert.ok(!all.items.some((i: { id: number }) => i.id === m.civil_servant_id));
      const units = (await as('agency_admin')('GET', `/api/agencies/${jabar}/units`)).json().items;
      const unit = (await as('agency_admin')('GET', `/api/analytics/agencies/${jabar}/at-risk?limit=500&unitId=${units[0].id}`)).json();
      assert.ok(unit.items.length > 0 && unit.items.every((i: { unitName: string }) => i.unitName === units[0].name));
      assert.ok(isProblem(await as('supervisor')('GET', `/api/analytics/agencies/${jabar}/at-risk`), 403));
    });

    it('the provider dashboard: own provider and national roles; cohorts with fill rates', async () => {
      const res = await as('provider_admin')('GET', `/api/analytics/providers/${lan}/cohorts?year=${year}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.ok(res.json().items.length > 0);
      assert.ok(res.json().items.every((i: { fillRatePct: number; capacity: number }) => i.capacity > 0 && i.fillRatePct >= 0));
      const other = await providerId(t.database.db, 'UI');
      assert.ok(isProblem(await as('provider_admin')('GET', `/api/analytics/providers/${other}/cohorts`), 403));
      assert.equal((await as('auditor')('GET', `/api/analytics/providers/${other}/cohorts`)).statusCode, 200);
      assert.ok(isProblem(await as('national_admin')('GET', '/api/analytics/providers/999999/cohorts'), 404));
    });

    it('every dataset exports as CSV and XLSX with headers in the chosen language', async () => {
      const csv = await as('national_admin')('GET', `/api/analytics/national/provinces?year=${year}&format=csv`);
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.match(String(csv.headers['content-disposition']), /attachment; filename="provinsi-\d{4}\.csv"/);
      const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      assert.equal(lines.length, 1 + 38 + 1, 'header, 38 provinces, central');
      assert.match(lines[0], /^Kode provinsi,Provinsi,Instansi,Pegawai/);
      assert.ok(lines.some((l) => l.startsWith('32,Jawa Barat,')));
      const en = await as('national_admin')('GET', '/api/analytics/national/supply-demand?format=csv&lang=en');
      assert.match(en.body, /^\uFEFFCode,Competency,Seats/);
      const xlsx = await as('agency_admin')('GET', `/api/analytics/agencies/${jabar}/at-risk?format=xlsx`);
      assert.equal(xlsx.statusCode, 200);
      assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0];
      assert.match(String(sheet.getRow(1).getCell(1).value), /^Pegawai berisiko/);
      assert.equal(sheet.getRow(2).getCell(1).value, 'NIP');
      const list = (await as('agency_admin')('GET', `/api/analytics/agencies/${jabar}/at-risk?limit=500`)).json();
      assert.equal(sheet.actualRowCount, 2 + list.total);
      assert.match(String(sheet.getRow(3).getCell(1).value), /^\d{18}$/);
      for (const url of [
        '/api/analytics/national/competencies',
        `/api/analytics/national/providers?year=${year}`,
        '/api/analytics/national/accreditation',
        `/api/analytics/agencies/${jabar}/compliance?by=tier`,
        `/api/analytics/agencies/${jabar}/gaps?by=unit`,
        `/api/analytics/providers/${lan}/cohorts`,
      ]) {
        for (const format of ['csv', 'xlsx']) {
          const r = await as('national_admin')('GET', `${url}${url.includes('?') ? '&' : '?'}format=${format}&lang=en`);
          assert.equal(r.statusCode, 200, `${url} ${format}: ${r.body.slice(0, 200)}`);
          assert.ok(r.rawPayload.length > 20);
        }
      }
    });

    it('bad input: 400 naming the parameter', async () => {
      for (const [url, field] of [
        ['/api/analytics/national/provinces?year=1900', 'querystring.year'],
        ['/api/analytics/national/provinces?format=pdf', 'querystring.format'],
        [`/api/analytics/agencies/${jabar}/compliance`, 'querystring.by'],
        [`/api/analytics/agencies/${jabar}/gaps?by=planet`, 'querystring.by'],
        [`/api/analytics/agencies/${jabar}/at-risk?limit=0`, 'querystring.limit'],
        [`/api/analytics/agencies/${jabar}/at-risk?after=-1`, 'querystring.after'],
        ['/api/analytics/agencies/0/gaps?by=unit', 'params.id'],
        ['/api/analytics/national/competencies?lang=fr', 'querystring.lang'],
      ] as const) {
        const res = await as('national_admin')('GET', url);
        assert.ok(isProblem(res, 400), `${url}: ${res.statusCode} ${res.body}`);
        assert.ok(res.json().errors.some((e: { field: string }) => e.field.startsWith(field)), `${url}: ${res.body}`);
      }
      assert.ok(isProblem(await as('learner')('GET', '/api/analytics/national/provinces'), 403));
      assert.ok(isProblem(await t.app.inject({ method: 'GET', url: '/api/analytics/national/provinces' }), 401));
    });
  });
}
