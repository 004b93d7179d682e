// Recommendations through the real app: ranking by the gap closed, the rules that filter
// (eligibility, prerequisites, history, dates, seats, location), the reasons in both languages,
// scope, bad input, freshness after catalogue changes (also across two instances), and the
// reverse list of people who most need an offering.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../src/app.ts';
import { openDatabase } from '../src/db/database.ts';
import { formatDate } from '../src/http/language.ts';
import { asUser, backends, demoEmail, isProblem, login, testConfig, type Session, type TestApp } from './helpers.ts';
import { addDays, as, makeOffering, makePeople, sessionFor, today } from './learning-fixtures.ts';
import { ALL_AT_THREE, assess, buildWorld, createPlanningApp, type World } from './planning-fixtures.ts';

process.env.PLANNING_SUPPLY_POLL_MS = '0';

interface Item {
  rank: number;
  kind: 'offering' | 'programme';
  score: number;
  closes: number;
  weights: { jp: number; quality: number; availability: number };
  programme: { id: number; code: string };
  offering: null | { id: number; code: string; seats_left: number; registration: string; mode: string; start_date: string; registration_closes: string };
  reason: { cohort: string; perspective: string; competencies: { code: string; current: number | null; required: number; from: number; to: number; closes: number }[] };
  reason_text: string;
}

for (const kind of backends()) {
  describe(`recommendations (${kind})`, () => {
    let t: TestApp & { url?: string };
    let w: World;
    let admin: Session;
    const recs = async (query = '', headers: Record<string, string> = {}) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/planning/people/${w.personId}/recommendations${query}`, headers: { cookie: w.learner.cookie, ...headers } });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { items: Item[]; jp: { still_needed: number }; excluded: { already_taken: number; not_eligible: number }; gaps: { code: string }[] };
    };
    const byProgramme = (items: Item[], id: number) => items.find((i) => i.programme.id === id);

    before(async () => {
      t = await createPlanningApp(kind);
      w = await buildWorld(t);
      admin = await login(t.app, demoEmail(t.demo, 'agency_admin'));
    });
    after(() => t?.close());

    test('ranked by the gap closed, with the range overlap per competency and the weights of the formula', async () => {
      const r = await recs('?limit=50&location=any');
      assert.deepEqual(r.gaps.map((g) => g.code).sort(), ['M.07', 'M.08']);
      const b = byProgramme(r.items, w.b.programmeId)!;
      assert.equal(b.rank, 1, 'B closes the most (1→3 of Managing Change, 2→3 of Decision Making)');
      assert.equal(b.closes, 3);
      assert.deepEqual(b.reason.competencies.map((c) => [c.code, c.current, c.required, c.from, c.to, c.closes]), [['M.07', 1, 3, 1, 3, 2], ['M.08', 2, 3, 2, 4, 1]]);
      const a = byProgramme(r.items, w.a.programmeId)!;
      assert.equal(a.closes, 1);
      // 1 × (1 + 0.5 × 16/20) × (0.6 + 0.08 × 3, no quality yet) × 1 (registration open)
      assert.deepEqual(a.weights, { jp: 1.4, quality: 0.84, availability: 1 });
      assert.equal(a.score, 1.176);
      // B: 3 × (1 + 0.5 × 20/20) × (0.6 + 0.08 × 4.5) × 1
      assert.equal(b.score, 3 * 1.5 * 0.96);
      for (let i = 1; i < r.items.length; i++) assert.ok(r.items[i - 1].score >= r.items[i].score, 'sorted by score');
    });

    test('filtered: range that closes nothing, tier, prerequisites, programmes already done', async () => {
      const r = await recs('?limit=50&location=any');
      for (const p of [w.c, w.d, w.e, w.h]) assert.equal(byProgramme(r.items, p.programmeId), undefined, `${p.code} is not recommended`);
      assert.ok(r.excluded.not_eligible >= 2, 'the administrators-only programme and the one with an unmet prerequisite');
      assert.ok(r.excluded.already_taken >= 1, 'the programme completed last year');
    });

    test('location: an offline cohort in another province is not offered nearby; the programme still shows, as elsewhere', async () => {
      const near = await recs('?limit=50');
      const b = byProgramme(near.items, w.b.programmeId)!;
      assert.equal(b.kind, 'programme');
      assert.equal(b.offering, null);
      assert.equal(b.reason.cohort, 'elsewhere');
      assert.equal(b.weights.availability, 0.6);
      const any = byProgramme((await recs('?limit=50&location=any')).items, w.b.programmeId)!;
      assert.equal(any.kind, 'offering');
      assert.equal(any.offering?.mode, 'offline');
    });

    test('seats and registration: a full cohort is not offered; one whose registration opens later weighs 0.9', async () => {
      const r = await recs('?limit=50');
      const f = byProgramme(r.items, w.f.programmeId)!;
      assert.equal(f.kind, 'programme');
      assert.equal(f.reason.cohort, 'full');
      const g = byProgramme(r.items, w.g.programmeId)!;
      assert.equal(g.offering?.registration, 'upcoming');
      assert.equal(g.weights.availability, 0.9);
      const a = byProgramme(r.items, w.a.programmeId)!;
      assert.equal(a.offering?.seats_left, 30);
      assert.equal(a.offering?.registration, 'open');
    });

    test('reasons: Indonesian by default, English by ?lang=en or Accept-Language, from the same structure', async () => {
      const a = byProgramme((await recs('?limit=50')).items, w.a.programmeId)!;
      const o = a.offering!;
      assert.equal(
        a.reason_text,
        `Pengambilan Keputusan di level 2, jabatan Anda memerlukan 3; angkatan ini mengembangkannya dari 2 ke 3; sisa 30 kursi; daring; pendaftaran dibuka sampai ${formatDate(o.registration_closes, 'id')}; mulai ${formatDate(o.start_date, 'id')}; 16 JP; Anda masih memerlukan 20 JP tahun ini`,
      );
      const en = byProgramme((await recs('?limit=50&lang=en')).items, w.a.programmeId)!;
      assert.equal(en.reason_text, `Decision Making is at level 2, your position needs 3; this cohort develops it from 2 to 3; 30 seats left; online; registration open until ${formatDate(o.registration_closes, 'en')}; starts ${formatDate(o.start_date, 'en')}; 16 JP; you still need 20 JP this year`);
      assert.deepEqual(en.reason, a.reason);
      const header = byProgramme((await recs('?limit=50', { 'accept-language': 'en-GB,en;q=0.9,id;q=0.8' })).items, w.a.programmeId)!;
      assert.equal(header.reason_text, en.reason_text);
      const g = byProgramme((await recs('?limit=50&lang=en')).items, w.g.programmeId)!;
      assert.match(g.reason_text, /registration opens \d+ \w+ \d{4}/);
    });

    test('the supervisor reads the same list about their report, in the third person', async () => {
      const res = await as(t.app, w.supervisor)('GET', `/api/planning/people/${w.personId}/recommendations?lang=en&limit=50`);
      assert.equal(res.statusCode, 200, res.body);
      const a = (res.json().items as Item[]).find((i) => i.programme.id === w.a.programmeId)!;
      assert.equal(a.reason.perspective, 'other');
      assert.match(a.reason_text, /^Decision Making is at level 2, their position needs 3;/);
    });

    test('a year: only offerings starting in it, this year or the next', async () => {
      const r = await recs(`?year=${w.year}&limit=50`);
      assert.ok(byProgramme(r.items, w.a.programmeId)?.offering, 'the fixture offerings start in that year');
      const other = w.year === Number(today().slice(0, 4)) ? w.year + 1 : w.year - 1;
      const r2 = await recs(`?year=${other}&limit=50`);
      assert.equal(byProgramme(r2.items, w.a.programmeId)?.kind, 'programme', 'no cohort of A in the other year');
    });

    test('scope: outside it 404, the wrong role 403; bad input 400 naming the parameter', async () => {
      const other = await sessionFor(t.database.db, { role: 'agency_admin', scopeType: 'agency', scopeId: (await t.database.db.selectFrom('agency').select('id').where('code', '=', '33').executeTakeFirstOrThrow()).id });
      assert.ok(isProblem(await as(t.app, other)('GET', `/api/planning/people/${w.personId}/recommendations`), 404));
      const provider = await login(t.app, demoEmail(t.demo, 'provider_admin'));
      assert.ok(isProblem(await asUser(t.app, provider)('GET', `/api/planning/people/${w.personId}/recommendations`), 403));
      const demoSupervisor = await login(t.app, demoEmail(t.demo, 'supervisor'));
      assert.ok(isProblem(await asUser(t.app, demoSupervisor)('GET', `/api/planning/people/${w.personId}/recommendations`), 404), 'not their report');
      assert.equal((await asUser(t.app, admin)('GET', `/api/planning/people/${w.personId}/recommendations`)).statusCode, 200, 'the agency admin of the person');
      for (const [q, field] of [['year=2000', 'querystring.year'], ['limit=0', 'querystring.limit'], ['location=mars', 'querystring.location'], ['lang=fr', 'querystring.lang']]) {
        const res = await as(t.app, w.learner)('GET', `/api/planning/people/${w.personId}/recommendations?${q}`);
        assert.ok(isProblem(res, 400), `${q}: ${res.statusCode}`);
        assert.equal(res.json().errors[0].field, field);
      }
      assert.ok(isProblem(await as(t.app, w.learner)('GET', '/api/planning/people/99999999/recommendations'), 404));
    });

    test('the index lists exactly what the catalogue\'s competency-range query returns, step by step', async () => {
      await recs(); // index loaded
      const { supplyIndex } = await import('../src/modules/planning/supply-index.ts');
      const index = await supplyIndex({ db: t.database.db, config: t.config });
      for (const [code, level] of [['M.08', 3], ['M.08', 4], ['M.07', 2], ['M.07', 3], ['M.07', 4], ['SK.01', 2]] as const) {
        const res = await t.app.inject({ method: 'GET', url: `/api/catalog/competencies/${code}/programmes?from=${level - 1}&to=${level}&limit=200` });
        assert.equal(res.statusCode, 200);
        const catalogue = (res.json().items as { id: number }[]).map((p) => p.id).sort((x, y) => x - y);
        const mine = index.developing(code, level).map((p) => p.id).sort((x, y) => x - y);
        assert.deepEqual(mine, catalogue, `${code} step ${level - 1}→${level}`);
      }
    });

    test('catalogue changes reach the recommendations at once: an archived programme leaves, a new offering arrives', async () => {
      const provider = await login(t.app, demoEmail(t.demo, 'provider_admin'));
      const archived = await asUser(t.app, provider)('POST', `/api/catalog/programmes/${w.g.programmeId}/archive`);
      assert.equal(archived.statusCode, 200, archived.body);
      assert.equal(byProgramme((await recs('?limit=50')).items, w.g.programmeId), undefined);
      // B gets an online cohort: nearby now
      const created = await asUser(t.app, provider)('POST', `/api/catalog/programmes/${w.b.programmeId}/offerings`, {
        code: `ONLINE-${Date.now()}`, startDate: addDays(today(), w.start + 4), endDate: addDays(today(), w.start + 5), registrationOpens: addDays(today(), -1), registrationCloses: addDays(today(), w.start - 2), capacity: 12, mode: 'online', onlineUrl: 'https://belajar.example.id/b',
      });
      assert.equal(created.statusCode, 201, created.body);
      const b = byProgramme((await recs('?limit=50')).items, w.b.programmeId)!;
      assert.equal(b.kind, 'offering');
      assert.equal(b.offering?.id, created.json().id);
      assert.equal(b.offering?.seats_left, 12);
    });

    if (kind === 'postgres') {
      test('a second instance on the same database sees a catalogue change made through the first', async () => {
        assert.ok(t.url, 'the URL of the test database');
        const second = await openDatabase({ url: t.url, poolSize: 4 });
        const app2 = await buildApp({ config: testConfig(), database: second, logger: false });
        try {
          const get = async () => (await app2.inject({ method: 'GET', url: `/api/planning/people/${w.personId}/recommendations?limit=50`, headers: { cookie: w.learner.cookie } })).json().items as Item[];
          assert.ok(byProgramme(await get(), w.f.programmeId), 'F is listed (as full) by the second instance');
          const provider = await login(t.app, demoEmail(t.demo, 'provider_admin'));
          assert.equal((await asUser(t.app, provider)('POST', `/api/catalog/programmes/${w.f.programmeId}/archive`)).statusCode, 200);
          assert.equal(byProgramme(await get(), w.f.programmeId), undefined, 'gone from the second instance too');
        } finally {
          await app2.close();
          await second.close();
        }
      });
    }

    test('people who most need an offering: ranked, reasons, already enrolled or through it left out, scope', async () => {
      const db = t.database.db;
      const [needy, enrolled] = await makePeople(db, 2, { agencyId: w.agencyId, tier: 'ahli_muda', rank: 'III/c', supervisorId: w.supervisorId });
      await assess(t, needy, { ...ALL_AT_THREE, 'M.08': 1 });
      await assess(t, enrolled, { ...ALL_AT_THREE, 'M.08': 2 });
      const o = await makeOffering(db, w.a.programmeId, { start: w.start + 5, closes: w.start - 2 });
      await db.insertInto('enrolment').values({ offering_id: o.id, programme_id: w.a.programmeId, civil_servant_id: enrolled, agency_id: w.agencyId, status: 'enrolled', seat_held: true, origin: 'self', supervisor_id: w.supervisorId, supervisor_approval: 'approved', agency_approval: 'not_required' }).execute();
      const res = await asUser(t.app, admin)('GET', `/api/planning/offerings/${w.a.offeringId}/candidates?limit=200&lang=en`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { people: { person: { id: number }; closes: number; reason_text: string }[]; excluded: { already_taken: number } };
      const ids = body.people.map((p) => p.person.id);
      assert.ok(ids.includes(w.personId) && ids.includes(needy));
      assert.ok(!ids.includes(enrolled), 'enrolled in the programme already');
      assert.ok(body.excluded.already_taken >= 1);
      const mine = body.people.find((p) => p.person.id === w.personId)!;
      assert.equal(mine.closes, 1);
      assert.match(mine.reason_text, /^Decision Making is at level 2, their position needs 3; this cohort develops it from 2 to 3;/);
      for (let i = 1; i < body.people.length; i++) assert.ok(body.people[i - 1].closes >= body.people[i].closes);
      // a national admin names the agency; another agency's admin may not read West Java's people
      const national = await login(t.app, demoEmail(t.demo, 'national_admin'));
      const missing = await asUser(t.app, national)('GET', `/api/planning/offerings/${w.a.offeringId}/candidates`);
      assert.ok(isProblem(missing, 400));
      assert.equal(missing.json().errors[0].field, 'querystring.agencyId');
      assert.equal((await asUser(t.app, national)('GET', `/api/planning/offerings/${w.a.offeringId}/candidates?agencyId=${w.agencyId}`)).statusCode, 200);
      const other = await asUser(t.app, admin)('GET', `/api/planning/offerings/${w.a.offeringId}/candidates?agencyId=${(await db.selectFrom('agency').select('id').where('code', '=', '33').executeTakeFirstOrThrow()).id}`);
      assert.ok(isProblem(other, 403));
      assert.ok(isProblem(await asUser(t.app, admin)('GET', '/api/planning/offerings/2147483000/candidates'), 404));
    });
  });
}
