// The catalogue: providers, accreditation, programmes (joint ones), offerings, sessions and
// the rules on bad input, through the real server on every back end.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../src/modules/identity/passwords.ts';
import { asUser, backends, createTestApp, demoEmail, isProblem, login, TEST_PASSWORD, type TestApp } from './helpers.ts';
import { catalogFixtures, type CatalogFixtures } from './catalog-fixtures.ts';

type As = ReturnType<typeof asUser>;

function assertProblem(res: LightMyRequestResponse, status: number, field?: string | RegExp) {
  assert.ok(isProblem(res, status), `expected ${status} problem+json, got ${res.statusCode}: ${res.body}`);
  if (field) {
    const body = res.json() as { errors?: { field: string }[]; detail?: string };
    const fields = (body.errors ?? []).map((e) => e.field);
    const hit = typeof field === 'string' ? fields.includes(field) || (body.detail ?? '').includes(field) : fields.some((f) => field.test(f)) || field.test(body.detail ?? '');
    assert.ok(hit, `expected the problem to name ${field}: ${res.body}`);
  }
}

async function providerAdmin(t: TestApp, providerCode: string): Promise<As> {
  const db = t.database.db;
  const provider = await db.selectFrom('provider').select('id').where('code', '=', providerCode).executeTakeFirstOrThrow();
  const email = `admin.${providerCode.toLowerCase()}@kembang.test`;
  const user = await db.insertInto('user_account').values({ email, display_name: `Admin ${providerCode}`, password_hash: await hashPassword(TEST_PASSWORD) }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('role_grant').values({ user_id: user.id, role: 'provider_admin', scope_type: 'provider', scope_id: provider.id }).execute();
  return asUser(t.app, await login(t.app, email));
}

const providerId = async (t: TestApp, code: string) => (await t.database.db.selectFrom('provider').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const auditCount = async (t: TestApp) => Number((await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

for (const kind of backends()) {
  describe(`catalogue administration (${kind})`, () => {
    let t: TestApp;
    let f: CatalogFixtures;
    let lan: As;
    let national: As;
    let learner: As;
    let nusantara: As;
    let csc: As;
    let kemenkeu: As;
    let ids: Record<string, number>;

    before(async () => {
      t = await createTestApp(kind);
      f = await catalogFixtures(t.database.db);
      lan = asUser(t.app, await login(t.app, demoEmail(t.demo, 'provider_admin')));
      national = asUser(t.app, await login(t.app, demoEmail(t.demo, 'national_admin')));
      learner = asUser(t.app, await login(t.app, demoEmail(t.demo, 'learner')));
      nusantara = await providerAdmin(t, 'NUSANTARA-LEAD');
      csc = await providerAdmin(t, 'CSC-SG');
      kemenkeu = await providerAdmin(t, 'KEMENKEU-CU');
      ids = {};
      for (const code of ['LAN', 'NUSANTARA-LEAD', 'CSC-SG', 'UI', 'KEMENKEU-CU', 'BPSDM-JABAR']) ids[code] = await providerId(t, code);
    });
    after(() => t?.close());

    const newProgramme = (code: string, extra: Record<string, unknown> = {}) => ({
      code,
      titleId: 'Pelatihan Teknis Pengelolaan Arsip Digital',
      titleEn: 'Managing Digital Records',
      descriptionId: 'Mengelola arsip digital instansi.',
      descriptionEn: 'Managing an agency’s digital records.',
      category: 'technical',
      learningForm: 'e_learning',
      jp: 20,
      competencies: [{ code: 'T.ARSIP.DIGITAL', levelFrom: 1, levelTo: 3 }],
      languages: ['id'],
      activityIri: `https://kembang.go.id/xapi/activities/programme/${code.toLowerCase()}`,
      ...extra,
    });

    test('the demo joint PKP programme: LAN leads, a private company and a foreign institute partner, a cross-agency cohort', async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/catalog/programmes/${f.programmeId}` });
      assert.equal(res.statusCode, 200, res.body);
      const p = res.json();
      assert.equal(p.category, 'pkp');
      const roles = Object.fromEntries(p.partners.map((x: { code: string; roles: string[] }) => [x.code, x.roles]));
      assert.deepEqual(roles['LAN'], ['lead', 'host']);
      assert.deepEqual(roles['NUSANTARA-LEAD'], ['content', 'faculty']);
      assert.deepEqual(roles['CSC-SG'], ['faculty']);
      assert.equal(p.accreditation.status, 'valid');
      const first = p.offerings.find((o: { code: string }) => o.code === 'ANGKATAN-I');
      assert.ok(first.sessions.some((s: { provider_code: string }) => s.provider_code === 'CSC-SG'));
      assert.equal(first.seats_left, 40);
      // public: no online link, no quotas, no contact persons
      assert.equal(first.online_url, undefined);
      assert.equal(first.quotas, undefined);
      const admin = (await national('GET', `/api/catalog/manage/programmes/${f.programmeId}`)).json();
      const quotas = admin.offerings.find((o: { code: string }) => o.code === 'ANGKATAN-I').quotas;
      assert.ok(quotas.length >= 4, 'a cross-agency cohort');
      assert.ok(quotas.reduce((s: number, q: { seats: number }) => s + q.seats, 0) <= 40);
    });

    test('accreditation status is shown as valid / expiring / expired everywhere', async () => {
      const search = (await t.app.inject({ method: 'GET', url: '/api/catalog/search?pageSize=50' })).json();
      const status = (code: string) => search.items.find((i: { code: string }) => i.code === code)?.accreditation.status;
      assert.equal(status('PKP-KOLABORASI'), 'valid');
      assert.equal(status('PKA-LAN'), 'expiring');
      assert.equal(status('LATSAR-JABAR'), 'expired');
      assert.equal(status('UI-KEBIJAKAN-BUKTI'), 'none');
      const latsar = search.items.find((i: { code: string }) => i.code === 'LATSAR-JABAR');
      assert.equal(latsar.provider.accreditation_status, 'expiring', 'BPSDM Jawa Barat: renewal due within 90 days');
      const page = (await t.app.inject({ method: 'GET', url: `/api/catalog/programmes/${latsar.id}` })).json();
      assert.equal(page.accreditation.status, 'expired');
      const facet = Object.fromEntries(search.facets.accreditation.map((v: { value: string; count: number }) => [v.value, v.count]));
      assert.ok(facet.valid >= 1 && facet.expiring >= 1 && facet.expired >= 1);
    });

    test('accreditation: national admins only, full history, grades by scheme, dates checked', async () => {
      const body = { grade: 'A', validFrom: '2026-01-01', validTo: '2030-12-31', decisionNumber: 'KEP-9/2026' };
      assertProblem(await lan('POST', `/api/catalog/providers/${ids.LAN}/accreditations`, body), 403);
      const before = (await national('GET', `/api/catalog/providers/${ids['BPSDM-JABAR']}/accreditations`)).json().items.length;
      assert.equal((await national('POST', `/api/catalog/providers/${ids['BPSDM-JABAR']}/accreditations`, body)).statusCode, 201);
      const history = (await national('GET', `/api/catalog/providers/${ids['BPSDM-JABAR']}/accreditations`)).json().items;
      assert.equal(history.length, before + 1);
      assert.equal(history[0].decision_number, 'KEP-9/2026');
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/catalog/providers/${ids['BPSDM-JABAR']}` })).json().accreditation.status, 'valid');
      assertProblem(await national('POST', `/api/catalog/programmes/${f.programmeId}/accreditations`, { ...body, grade: 'C' }), 400, 'body.grade');
      assert.equal((await national('POST', `/api/catalog/programmes/${f.programmeId}/accreditations`, { ...body, grade: 'C', scheme: 'legacy' })).statusCode, 201);
      assertProblem(await national('POST', `/api/catalog/programmes/${f.programmeId}/accreditations`, { ...body, validTo: '2025-01-01' }), 400, 'body.validTo');
      assertProblem(await lan('GET', `/api/catalog/providers/${ids.UI}/accreditations`), 404);
    });

    test('providers: admins edit their own profile only; provinces are checked; contacts stay off the public profile', async () => {
      const res = await lan('PATCH', `/api/catalog/providers/${ids.LAN}`, { provincesServed: ['31', '32'], contacts: [{ name: 'Rina Lestari', email: 'rina@lan.go.id' }] });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().provinces_served, ['31', '32']);
      assertProblem(await lan('PATCH', `/api/catalog/providers/${ids.UI}`, { phone: '1' }), 404);
      assertProblem(await lan('PATCH', `/api/catalog/providers/${ids.LAN}`, { provincesServed: ['99'] }), 400, 'body.provincesServed.0');
      const pub = await t.app.inject({ method: 'GET', url: `/api/catalog/providers/${ids.LAN}` });
      assert.equal(pub.json().contacts, undefined);
      assert.ok(!pub.body.includes('Rina Lestari'));
      assertProblem(await lan('POST', '/api/catalog/providers', { code: 'X-1', name: 'X', kind: 'university' }), 403);
      assertProblem(await national('POST', '/api/catalog/providers', { code: 'LAN', name: 'Lagi', kind: 'university' }), 409, 'body.code');
    });

    test('programme lifecycle: draft → submitted → published → archived; publishing needs the required fields', async () => {
      const created = await lan('POST', '/api/catalog/programmes', newProgramme('ARSIP-1', { descriptionEn: null, activityIri: null }));
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id;
      assert.equal(created.json().status, 'draft');
      assert.deepEqual(created.json().partners.map((p: { code: string; roles: string[] }) => [p.code, p.roles]), [['LAN', ['lead']]]);
      const refused = await lan('POST', `/api/catalog/programmes/${id}/submit`);
      assertProblem(refused, 400, 'descriptionEn');
      assertProblem(refused, 400, 'activityIri');
      assertProblem(await lan('POST', `/api/catalog/programmes/${id}/publish`), 409);
      assert.equal((await lan('PATCH', `/api/catalog/programmes/${id}`, { descriptionEn: 'Managing digital records.', activityIri: 'https://kembang.go.id/xapi/activities/programme/arsip-1' })).statusCode, 200);
      assert.equal((await lan('POST', `/api/catalog/programmes/${id}/submit`)).json().status, 'submitted');
      assertProblem(await lan('PATCH', `/api/catalog/programmes/${id}`, { jp: 22 }), 409);
      const published = await lan('POST', `/api/catalog/programmes/${id}/publish`);
      assert.equal(published.json().status, 'published', published.body);
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/catalog/programmes/${id}` })).statusCode, 200);
      // the JP of a published programme may change while nobody is enrolled (programmeHasEnrolments)
      assert.equal((await lan('PATCH', `/api/catalog/programmes/${id}`, { jp: 24 })).json().jp, 24);
      assertProblem(await lan('PATCH', `/api/catalog/programmes/${id}`, { category: 'functional' }), 400, 'body.category');
      assert.equal((await lan('POST', `/api/catalog/programmes/${id}/archive`)).json().status, 'archived');
      assertProblem(await t.app.inject({ method: 'GET', url: `/api/catalog/programmes/${id}` }), 404);
    });

    test('leadership programmes need the national review before publishing; review may return them', async () => {
      const id = (await lan('POST', '/api/catalog/programmes', newProgramme('PKP-UJI', { category: 'pkp', learningForm: 'course', jp: 260, competencies: [{ code: 'M.01', levelFrom: 2, levelTo: 3 }] }))).json().id;
      const submitted = (await lan('POST', `/api/catalog/programmes/${id}/submit`)).json();
      assert.equal(submitted.review_status, 'pending');
      assertProblem(await lan('POST', `/api/catalog/programmes/${id}/publish`), 409, /review/);
      assertProblem(await lan('POST', `/api/catalog/programmes/${id}/review`, { decision: 'approve' }), 403);
      assertProblem(await national('POST', `/api/catalog/programmes/${id}/review`, { decision: 'return' }), 400, 'body.note');
      const returned = (await national('POST', `/api/catalog/programmes/${id}/review`, { decision: 'return', note: 'Lengkapi aksi perubahan.' })).json();
      assert.equal(returned.status, 'draft');
      assert.equal(returned.review_status, 'returned');
      await lan('POST', `/api/catalog/programmes/${id}/submit`);
      const queue = (await national('GET', '/api/catalog/manage/programmes?review=pending')).json().items.map((p: { id: number }) => p.id);
      assert.ok(queue.includes(id));
      assert.equal((await national('POST', `/api/catalog/programmes/${id}/review`, { decision: 'approve' })).json().review_status, 'approved');
      assert.equal((await lan('POST', `/api/catalog/programmes/${id}/publish`)).json().status, 'published');
    });

    test('bad programme input names the field and changes nothing', async () => {
      const audits = await auditCount(t);
      const cases: [Record<string, unknown>, string][] = [
        [{ competencies: [{ code: 'M.01', levelFrom: 4, levelTo: 2 }] }, 'body.competencies.0.levelTo'],
        [{ competencies: [{ code: 'X.1', levelFrom: 1, levelTo: 2 }] }, 'body.competencies.0.code'],
        [{ competencies: [{ code: 'M.01', levelFrom: 1, levelTo: 2 }, { code: 'M.01', levelFrom: 1, levelTo: 3 }] }, 'body.competencies.1.code'],
        [{ eligibility: { rankMin: 'IV/a', rankMax: 'III/a' } }, 'body.eligibility.rankMax'],
        [{ eligibility: { positionTiers: ['kepala'] } }, 'body.eligibility.positionTiers.0'],
        [{ eligibility: { prerequisites: [999999] } }, 'body.eligibility.prerequisites.0'],
        [{ jp: 0 }, 'body.jp'],
        [{ category: 'pkn3' }, 'body.category'],
        [{ partners: [{ providerId: ids.LAN, roles: ['lead'] }, { providerId: ids.UI, roles: ['content'] }, { providerId: ids.UI, roles: ['faculty'] }] }, 'body.partners.2.providerId'],
        [{ partners: [{ providerId: ids.LAN, roles: ['content'] }] }, 'body.partners'],
        [{ partners: [{ providerId: ids.LAN, roles: ['lead'] }, { providerId: ids.UI, roles: ['lead'] }] }, 'body.partners'],
      ];
      for (const [extra, field] of cases) assertProblem(await lan('POST', '/api/catalog/programmes', newProgramme('BAD-1', extra)), 400, field);
      assertProblem(await lan('POST', '/api/catalog/programmes', newProgramme('PKP-KOLABORASI')), 409, 'body.code');
      assertProblem(await lan('POST', '/api/catalog/programmes', newProgramme('IRI-DUP', { activityIri: 'https://kembang.go.id/xapi/activities/programme/pkp-kolaborasi' })), 409, 'body.activityIri');
      // another provider's programme
      assertProblem(await lan('POST', '/api/catalog/programmes', newProgramme('NOT-MINE', { providerId: ids.UI })), 403);
      const ui = (await national('POST', '/api/catalog/programmes', newProgramme('UI-OWN', { providerId: ids.UI }))).json().id;
      assertProblem(await lan('PATCH', `/api/catalog/programmes/${ui}`, { jp: 30 }), 404);
      assertProblem(await kemenkeu('PATCH', `/api/catalog/programmes/${f.programmeId}`, { jp: 30 }), 404);
      assertProblem(await learner('POST', '/api/catalog/programmes', newProgramme('LEARNER')), 403);
      assert.equal(await auditCount(t), audits + 1, 'only the national admin’s valid create was written');
      assert.equal(await t.database.db.selectFrom('programme').select('id').where('code', '=', 'BAD-1').executeTakeFirst(), undefined);
    });

    test('joint programmes: partners see their part; the lead manages; each partner manages only its own sessions', async () => {
      // The partners see the programme; a non-lead partner sees no quotas and only its own sessions.
      const asCsc = (await csc('GET', `/api/catalog/manage/programmes/${f.programmeId}`)).json();
      assert.equal(asCsc.my_part, 'partner');
      const cscOffering = asCsc.offerings.find((o: { id: number }) => o.id === f.offeringId);
      assert.deepEqual(cscOffering.quotas, []);
      assert.ok(cscOffering.sessions.length > 0);
      assert.ok(cscOffering.sessions.every((s: { provider_code: string }) => s.provider_code === 'CSC-SG'));
      assert.equal((await lan('GET', `/api/catalog/manage/programmes/${f.programmeId}`)).json().my_part, 'manager');
      assertProblem(await kemenkeu('GET', `/api/catalog/manage/programmes/${f.programmeId}`), 404);
      const listed = (await nusantara('GET', '/api/catalog/manage/programmes')).json().items.map((p: { code: string; my_part: string }) => `${p.code}:${p.my_part}`);
      assert.ok(listed.includes('PKP-KOLABORASI:partner'));
      assert.ok(listed.includes('KEPEMIMPINAN-DIGITAL:manager'));
      assert.ok(!listed.some((c: string) => c.startsWith('LATSAR-JABAR')));

      // Only the lead changes the programme, its offerings and its partners.
      assertProblem(await csc('PATCH', `/api/catalog/programmes/${f.programmeId}`, { jp: 300 }), 403);
      assertProblem(await csc('PATCH', `/api/catalog/offerings/${f.offeringId}`, { capacity: 50 }), 403);
      assertProblem(await nusantara('PUT', `/api/catalog/programmes/${f.programmeId}/partners`, { partners: [{ providerId: ids['NUSANTARA-LEAD'], roles: ['lead'] }] }), 403);

      // A partner adds and edits sessions it delivers, and no others.
      const start = f.offeringStart;
      const mine = await csc('POST', `/api/catalog/offerings/${f.offeringId}/sessions`, { title: 'Mentoring clinic', startsAt: `${start}T06:00:00Z`, endsAt: `${start}T08:00:00Z` });
      assert.equal(mine.statusCode, 201, mine.body);
      assertProblem(await csc('POST', `/api/catalog/offerings/${f.offeringId}/sessions`, { providerId: ids.LAN, title: 'Bukan milik saya', startsAt: `${start}T06:00:00Z`, endsAt: `${start}T08:00:00Z` }), 403);
      assert.equal((await csc('PATCH', `/api/catalog/sessions/${mine.json().id}`, { location: 'Zoom' })).statusCode, 204);
      assertProblem(await csc('PATCH', `/api/catalog/sessions/${f.sessionId}`, { location: 'Zoom' }), 404);
      assertProblem(await csc('DELETE', `/api/catalog/sessions/${f.sessionId}`), 404);
      assertProblem(await csc('PATCH', `/api/catalog/sessions/${mine.json().id}`, { providerId: ids.LAN }), 403);
      // The lead manages every session, and may say which partner delivers it; only partners deliver.
      assert.equal((await lan('PATCH', `/api/catalog/sessions/${mine.json().id}`, { title: 'Mentoring clinic (CSC)' })).statusCode, 204);
      assertProblem(await lan('POST', `/api/catalog/offerings/${f.offeringId}/sessions`, { providerId: ids.UI, title: 'x', startsAt: `${start}T06:00:00Z`, endsAt: `${start}T08:00:00Z` }), 400, 'body.providerId');
      assertProblem(await lan('POST', `/api/catalog/offerings/${f.offeringId}/sessions`, { title: 'x', startsAt: `${start}T08:00:00Z`, endsAt: `${start}T06:00:00Z` }), 400, 'body.endsAt');
      assertProblem(await lan('POST', `/api/catalog/offerings/${f.offeringId}/sessions`, { title: 'x', startsAt: '2001-01-01T06:00:00Z', endsAt: '2001-01-01T08:00:00Z' }), 400, 'body.startsAt');
      // Partners: each provider once, exactly one lead; a partner still delivering sessions stays.
      assertProblem(await lan('PUT', `/api/catalog/programmes/${f.programmeId}/partners`, { partners: [{ providerId: ids.LAN, roles: ['lead'] }, { providerId: ids.LAN, roles: ['host'] }] }), 400, 'body.partners.1.providerId');
      assertProblem(await lan('PUT', `/api/catalog/programmes/${f.programmeId}/partners`, { partners: [{ providerId: ids.LAN, roles: ['lead'] }] }), 409, /sessions/);
      assertProblem(await lan('PUT', `/api/catalog/programmes/${f.programmeId}/partners`, { partners: [{ providerId: ids.UI, roles: ['lead'] }, { providerId: ids.LAN, roles: ['host'] }, { providerId: ids['NUSANTARA-LEAD'], roles: ['content'] }, { providerId: ids['CSC-SG'], roles: ['faculty'] }] }), 403);
      const widened = await lan('PUT', `/api/catalog/programmes/${f.programmeId}/partners`, {
        partners: [
          { providerId: ids.LAN, roles: ['lead', 'host'] },
          { providerId: ids['NUSANTARA-LEAD'], roles: ['content', 'faculty'] },
          { providerId: ids['CSC-SG'], roles: ['faculty'] },
          { providerId: ids.UI, roles: ['co_organiser'], modules: ['Riset kebijakan'] },
        ],
      });
      assert.equal(widened.statusCode, 200, widened.body);
      assert.equal(widened.json().partners.length, 4);
      // UI is now a partner and sees the programme, but none of the other partners' sessions.
      const uiAdmin = await providerAdmin(t, 'UI');
      const asUi = (await uiAdmin('GET', `/api/catalog/manage/programmes/${f.programmeId}`)).json();
      assert.equal(asUi.my_part, 'partner');
      assert.ok(asUi.offerings.every((o: { sessions: unknown[] }) => o.sessions.length === 0));
    });

    test('offerings: dates, registration window, capacity, quotas, venue; nothing partially applied', async () => {
      const base = { code: 'UJI-1', startDate: '2030-03-02', endDate: '2030-03-06', registrationOpens: '2030-01-01', registrationCloses: '2030-02-20', capacity: 30, mode: 'offline', provinceCode: '32', regencyCode: '32.73', venue: 'Bandung' };
      const agency = async (code: string) => (await t.database.db.selectFrom('agency').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
      const jabar = await agency('32');
      const bkn = await agency('BKN');
      const url = `/api/catalog/programmes/${f.programmeId}/offerings`;
      const audits = await auditCount(t);
      const bad: [Record<string, unknown>, string][] = [
        [{ endDate: '2030-03-01' }, 'body.endDate'],
        [{ registrationCloses: '2030-03-03' }, 'body.registrationCloses'],
        [{ registrationOpens: '2030-02-25' }, 'body.registrationOpens'],
        [{ capacity: 0 }, 'body.capacity'],
        [{ capacity: -5 }, 'body.capacity'],
        [{ quotas: [{ agencyId: jabar, seats: 20 }, { agencyId: bkn, seats: 11 }] }, 'body.quotas'],
        [{ quotas: [{ agencyId: jabar, seats: 5 }, { agencyId: jabar, seats: 5 }] }, 'body.quotas.1.agencyId'],
        [{ quotas: [{ agencyId: 999999, seats: 5 }] }, 'body.quotas.0.agencyId'],
        [{ provinceCode: null, regencyCode: null }, 'body.provinceCode'],
        [{ provinceCode: '99', regencyCode: null }, 'body.provinceCode'],
        [{ regencyCode: '33.74' }, 'body.regencyCode'],
        [{ mode: 'online' }, 'body.onlineUrl'],
        [{ startDate: '2030-02-30' }, 'body.startDate'],
      ];
      for (const [extra, field] of bad) assertProblem(await lan('POST', url, { ...base, ...extra }), 400, field);
      assert.equal(await auditCount(t), audits);
      const ok = await lan('POST', url, { ...base, quotas: [{ agencyId: jabar, seats: 20 }, { agencyId: bkn, seats: 10 }] });
      assert.equal(ok.statusCode, 201, ok.body);
      assertProblem(await lan('POST', url, base), 409, 'body.code');
      const id = ok.json().id;
      // a change that breaks a rule leaves everything as it was
      assertProblem(await lan('PATCH', `/api/catalog/offerings/${id}`, { capacity: 25 }), 400, 'body.quotas');
      assertProblem(await lan('PATCH', `/api/catalog/offerings/${id}`, { venue: 'Gedung Baru', quotas: [{ agencyId: jabar, seats: 40 }] }), 400, 'body.quotas');
      const row = await t.database.db.selectFrom('offering').select(['capacity', 'venue']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { capacity: 30, venue: 'Bandung' });
      const patched = await lan('PATCH', `/api/catalog/offerings/${id}`, { capacity: 40, quotas: [{ agencyId: jabar, seats: 40 }] });
      assert.equal(patched.statusCode, 200, patched.body);
      // an offering of a programme that is not published cannot open
      const draft = (await lan('POST', '/api/catalog/programmes', newProgramme('DRAFT-OFF'))).json().id;
      assertProblem(await lan('POST', `/api/catalog/programmes/${draft}/offerings`, { ...base, status: 'open' }), 400, 'body.status');
    });

    test('every write is audited in its transaction', async () => {
      const before = await auditCount(t);
      await lan('PATCH', `/api/catalog/programmes/${f.programmeId}`, { descriptionEn: 'Updated description.' });
      const last = await t.database.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(await auditCount(t), before + 1);
      assert.equal(last.action, 'programme.updated');
      assert.equal(last.scope_type, 'provider');
      assert.equal(last.scope_id, ids.LAN);
    });
  });
}
