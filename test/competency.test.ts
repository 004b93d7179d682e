// Competency routes end to end through the real server (app.inject), on every back end:
// dictionary versions, position standards, assessments, talent ratings, profile, gaps, roll-ups.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { formatNip } from '../src/modules/org/nip.ts';
import { rollUp, type GapCell } from '../src/modules/competency/gaps.ts';
import { PERFORMANCE, POTENTIAL, talentBox } from '../src/modules/competency/talent.ts';
import { addMonths, todayInIndonesia } from '../src/modules/competency/validity.ts';
import { asUser, backends, createTestApp, demoEmail, isProblem, login, type Session, type TestApp } from './helpers.ts';

const NATIONAL_CODES = ['M.01', 'M.02', 'M.03', 'M.04', 'M.05', 'M.06', 'M.07', 'M.08', 'SK.01'];
const levels5 = (label: string) => [1, 2, 3, 4, 5].map((n) => ({ id: `${label} tingkat ${n}`, en: `${label} level ${n}` }));

function daysAgo(n: number): string {
  const d = new Date(`${todayInIndonesia()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

function assertProblem(res: LightMyRequestResponse, status: number, field?: string) {
  assert.ok(isProblem(res, status), `expected ${status} problem+json, got ${res.statusCode}: ${res.body}`);
  if (field) {
    const fields = (res.json().errors ?? []).map((e: { field: string }) => e.field);
    assert.ok(fields.includes(field), `expected an error naming ${field}, got ${JSON.stringify(fields)}`);
  }
}

const cellsOf = (items: GapCell[]) => items.map(({ code, required, current, gap }) => ({ code, required, current, gap }));
const statsOnly = (stats: { code: string; people: number; assessed: number; withGap: number; averageGap: number }[]) =>
  stats.map(({ code, people, assessed, withGap, averageGap }) => ({ code, people, assessed, withGap, averageGap }));

for (const kind of backends()) {
  describe(`competency (${kind})`, () => {
    let t: TestApp;
    const as: Record<string, ReturnType<typeof asUser>> = {};
    const sessions: Record<string, Session> = {};
    let agencyId: number;
    let foreignAgencyId: number;
    let foreignPersonId: number;
    /** a fresh civil servant (ahli_muda) with no assessments, reporting to the demo supervisor */
    let personId: number;
    let unitId: number;
    let pengawasPositionId: number;
    let foreignPositionId: number;

    const auditCount = async (action?: string) => {
      let q = t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', 'like', 'competency.%');
      if (action) q = q.where('action', '=', action);
      return Number((await q.executeTakeFirstOrThrow()).n);
    };
    const assessmentCount = async () => Number((await t.database.db.selectFrom('competency_assessment').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const profile = async (id = personId, role = 'national_admin') => {
      const res = await as[role]('GET', `/api/civil-servants/${id}/profile`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    const item = (p: { items: { code: string }[] }, code: string) => p.items.find((i) => i.code === code) as Record<string, unknown> | undefined;
    const assess = (role: string, rows: Record<string, unknown>[]) =>
      as[role]('POST', '/api/competency/assessments', { assessments: rows.map((r) => ({ civilServantId: personId, method: 'assessment_centre', assessor: 'UPT Penilaian Kompetensi', assessedOn: daysAgo(3), ...r })) });

    before(async () => {
      t = await createTestApp(kind);
      for (const role of ['learner', 'supervisor', 'agency_admin', 'provider_admin', 'national_admin', 'auditor']) {
        sessions[role] = await login(t.app, demoEmail(t.demo, role));
        as[role] = asUser(t.app, sessions[role]);
      }
      const db = t.database.db;
      agencyId = (await db.selectFrom('agency').select('id').where('code', '=', '32').executeTakeFirstOrThrow()).id;
      const foreign = await db.selectFrom('civil_servant').select(['id', 'agency_id']).where('agency_id', '<>', agencyId).orderBy('id').executeTakeFirstOrThrow();
      foreignPersonId = foreign.id;
      foreignAgencyId = foreign.agency_id;
      const position = await db.selectFrom('position').select('id').where('agency_id', '=', agencyId).where('code', '=', 'AK-MUDA').executeTakeFirstOrThrow();
      pengawasPositionId = (await db.selectFrom('position').select('id').where('agency_id', '=', agencyId).where('code', '=', 'PENGAWAS').executeTakeFirstOrThrow()).id;
      foreignPositionId = (await db.selectFrom('position').select('id').where('agency_id', '=', foreignAgencyId).orderBy('id').executeTakeFirstOrThrow()).id;
      unitId = (await db.selectFrom('unit').select('id').where('agency_id', '=', agencyId).where('code', '=', 'U02').executeTakeFirstOrThrow()).id;
      const person = await db
        .insertInto('civil_servant')
        .values({
          agency_id: agencyId,
          nip: formatNip({ birthDate: '1991-04-17', tmtCpns: '2016-03-01', gender: 2, sequence: 987 }),
          name: 'Ratna Uji Kompetensi',
          gender: 2,
          birth_date: '1991-04-17',
          tmt_cpns: '2016-03-01',
          rank: 'III/c',
          unit_id: unitId,
          position_id: position.id,
          supervisor_id: sessions.supervisor.me.civilServantId,
          status: 'active',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      personId = person.id;
    });
    after(() => t?.close());

    test('dictionary v1 is published with the nine national competencies, five bilingual descriptors each', async () => {
      const res = await as.learner('GET', '/api/competency/dictionary/current');
      assert.equal(res.statusCode, 200, res.body);
      const v = res.json();
      assert.equal(v.number, 1);
      assert.equal(v.status, 'published');
      assert.ok(v.published_at);
      assert.deepEqual(v.competencies.map((c: { code: string }) => c.code), NATIONAL_CODES);
      assert.equal(v.competencies.find((c: { code: string }) => c.code === 'M.01').name_id, 'Integritas');
      assert.equal(v.competencies.find((c: { code: string }) => c.code === 'SK.01').kind, 'socio_cultural');
      for (const c of v.competencies) {
        assert.deepEqual(c.levels.map((l: { level: number }) => l.level), [1, 2, 3, 4, 5], c.code);
        for (const l of c.levels) assert.ok(l.id.length > 20 && l.en.length > 20, `${c.code} level ${l.level} has both descriptors`);
        assert.equal(new Set(c.levels.map((l: { en: string }) => l.en)).size, 5, `${c.code} descriptors differ per level`);
      }
      const versions = (await as.provider_admin('GET', '/api/competency/dictionary/versions')).json();
      assert.deepEqual(versions.items.map((x: { number: number; competency_count: number }) => [x.number, x.competency_count]), [[1, 9]]);
    });

    test('a published version refuses every write with 409 and stays as it was', async () => {
      const before = (await as.national_admin('GET', '/api/competency/dictionary/versions/1')).json();
      assertProblem(await as.national_admin('PATCH', '/api/competency/dictionary/versions/1', { notes: 'changed' }), 409);
      assertProblem(await as.national_admin('POST', '/api/competency/dictionary/versions/1/competencies', { kind: 'technical', code: 'T.NEW', nameId: 'Baru', nameEn: 'New', levels: levels5('Baru') }), 409);
      assertProblem(await as.national_admin('PATCH', '/api/competency/dictionary/versions/1/competencies/M.01', { nameEn: 'Honesty' }), 409);
      assertProblem(await as.national_admin('POST', '/api/competency/dictionary/versions/1/publish'), 409);
      assert.deepEqual((await as.national_admin('GET', '/api/competency/dictionary/versions/1')).json(), before);
      // The database refuses too, whoever asks.
      await assert.rejects(t.database.db.updateTable('competency').set({ name_en: 'x' }).where('version_id', '=', 1).execute());
      await assert.rejects(t.database.db.updateTable('competency_dictionary_version').set({ notes: 'x' }).where('id', '=', 1).execute());
      assertProblem(await as.national_admin('GET', '/api/competency/dictionary/versions/999'), 404);
    });

    test('a new version is a draft copy of the latest published one; it grows, changes and is published', async () => {
      const created = await as.national_admin('POST', '/api/competency/dictionary/versions', { notes: 'Agility and digital literacy' });
      assert.equal(created.statusCode, 201, created.body);
      const draft = created.json();
      assert.equal(draft.number, 2);
      assert.equal(draft.status, 'draft');
      const v1 = (await as.national_admin('GET', '/api/competency/dictionary/versions/1')).json();
      assert.deepEqual(
        draft.competencies.map((c: { code: string; levels: unknown }) => [c.code, c.levels]),
        v1.competencies.map((c: { code: string; levels: unknown }) => [c.code, c.levels]),
      );
      assert.notDeepEqual(draft.competencies.map((c: { id: number }) => c.id), v1.competencies.map((c: { id: number }) => c.id), 'the copy has its own rows');
      assertProblem(await as.national_admin('POST', '/api/competency/dictionary/versions', {}), 409);
      const url = `/api/competency/dictionary/versions/${draft.id}`;

      // bad input names the field
      assertProblem(await as.national_admin('POST', `${url}/competencies`, { kind: 'managerial', code: 'T.DIGITAL', nameId: 'x', nameEn: 'x', levels: levels5('x') }), 400, 'body.code');
      assertProblem(await as.national_admin('POST', `${url}/competencies`, { kind: 'technical', code: 'T.DIGITAL', nameId: 'x', nameEn: 'x', levels: levels5('x').slice(0, 4) }), 400, 'body.levels');
      assertProblem(await as.national_admin('POST', `${url}/competencies`, { kind: 'managerial', code: 'M.09', nameId: 'x', nameEn: 'x', agencyId, levels: levels5('x') }), 400, 'body.agencyId');
      assertProblem(await as.national_admin('POST', `${url}/competencies`, { kind: 'managerial', code: 'M.01', nameId: 'x', nameEn: 'x', levels: levels5('x') }), 409);
      assertProblem(await as.agency_admin('POST', `${url}/competencies`, { kind: 'technical', code: 'T.DIGITAL', nameId: 'x', nameEn: 'x', levels: levels5('x') }), 403);

      const added = await as.national_admin('POST', `${url}/competencies`, { kind: 'technical', code: 'T.DIGITAL', nameId: 'Literasi Digital', nameEn: 'Digital Literacy', levels: levels5('Digital') });
      assert.equal(added.statusCode, 201, added.body);
      assert.equal(added.json().levels.length, 5);
      const agility = await as.national_admin('POST', `${url}/competencies`, { kind: 'managerial', code: 'M.09', nameId: 'Kelincahan', nameEn: 'Agility', levels: levels5('Agility') });
      assert.equal(agility.statusCode, 201, agility.body);
      const patched = await as.national_admin('PATCH', `${url}/competencies/M.07`, { levels: [{ level: 3, id: 'Memimpin perubahan digital di unitnya.', en: 'Leads digital change in the unit.' }] });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal(patched.json().levels[2].en, 'Leads digital change in the unit.');
      assert.equal(patched.json().levels.length, 5);
      assertProblem(await as.national_admin('PATCH', `${url}/competencies/M.07`, { levels: [{ level: 6, id: 'x', en: 'x' }] }), 400, 'body.levels.0.level');
      assertProblem(await as.national_admin('PATCH', `${url}/competencies/M.99`, { nameEn: 'x' }), 404);
      assertProblem(await as.national_admin('PATCH', `${url}/competencies/M.07`, {}), 400);

      // version 1 is untouched
      const v1After = (await as.national_admin('GET', '/api/competency/dictionary/versions/1')).json();
      assert.notEqual(v1After.competencies.find((c: { code: string }) => c.code === 'M.07').levels[2].en, 'Leads digital change in the unit.');
      // the current dictionary is still v1 until the draft is published
      assert.equal((await as.learner('GET', '/api/competency/dictionary/current')).json().number, 1);

      const published = await as.national_admin('POST', `${url}/publish`);
      assert.equal(published.statusCode, 200, published.body);
      assert.equal(published.json().status, 'published');
      const current = (await as.learner('GET', '/api/competency/dictionary/current')).json();
      assert.equal(current.number, 2);
      assert.deepEqual(current.competencies.map((c: { code: string }) => c.code), ['M.01', 'M.02', 'M.03', 'M.04', 'M.05', 'M.06', 'M.07', 'M.08', 'M.09', 'SK.01', 'T.DIGITAL']);
      assertProblem(await as.national_admin('POST', `${url}/competencies`, { kind: 'technical', code: 'T.LATE', nameId: 'x', nameEn: 'x', levels: levels5('x') }), 409);

      // An agency-specific technical competency (v3), used below for scope checks.
      const v3 = (await as.national_admin('POST', '/api/competency/dictionary/versions', {})).json();
      const own = await as.national_admin('POST', `/api/competency/dictionary/versions/${v3.id}/competencies`, { kind: 'technical', code: 'T.ANGGARAN', nameId: 'Penganggaran', nameEn: 'Budgeting', agencyId: foreignAgencyId, levels: levels5('Anggaran') });
      assert.equal(own.statusCode, 201, own.body);
      assert.equal(own.json().agency_id, foreignAgencyId);
      assert.equal((await as.national_admin('POST', `/api/competency/dictionary/versions/${v3.id}/publish`)).statusCode, 200);

      for (const action of ['version_created', 'added', 'updated', 'version_published']) assert.ok((await auditCount(`competency.${action}`)) > 0, action);
    });

    test('the shipped tier defaults are marked as not the regulation\'s, and national admins replace them', async () => {
      const res = await as.learner('GET', '/api/competency/tier-standards');
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.match(body.note, /NOT the regulation/);
      assert.equal(body.tiers.length, 14);
      const ahliMuda = body.tiers.find((x: { tier: string }) => x.tier === 'ahli_muda');
      assert.deepEqual(ahliMuda.levels.map((l: { code: string; level: number }) => [l.code, l.level]), NATIONAL_CODES.map((c) => [c, 3]));
      const docs = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
      assert.match(docs.paths['/api/competency/tier-standards'].get.description, /NOT the regulation/);

      assertProblem(await as.national_admin('PUT', '/api/competency/tier-standards/pemula', { levels: [{ code: 'T.NOPE', level: 1 }] }), 400, 'body.levels.0.code');
      assertProblem(await as.national_admin('PUT', '/api/competency/tier-standards/pemula', { levels: [{ code: 'M.01', level: 7 }] }), 400, 'body.levels.0.level');
      assertProblem(await as.national_admin('PUT', '/api/competency/tier-standards/pemula', { levels: [{ code: 'M.01', level: 1 }, { code: 'M.01', level: 2 }] }), 400, 'body.levels.1.code');
      assertProblem(await as.national_admin('PUT', '/api/competency/tier-standards/pemula', { levels: [{ code: 'T.ANGGARAN', level: 1 }] }), 400, 'body.levels.0.code');
      assertProblem(await as.national_admin('PUT', '/api/competency/tier-standards/astronaut', { levels: [] }), 400, 'params.tier');
      assertProblem(await as.agency_admin('PUT', '/api/competency/tier-standards/pemula', { levels: [] }), 403);

      const put = await as.national_admin('PUT', '/api/competency/tier-standards/pemula', { levels: [...NATIONAL_CODES.map((code) => ({ code, level: 1 })), { code: 'T.DIGITAL', level: 2 }] });
      assert.equal(put.statusCode, 200, put.body);
      const after = (await as.learner('GET', '/api/competency/tier-standards')).json().tiers.find((x: { tier: string }) => x.tier === 'pemula');
      assert.equal(after.levels.length, 10);
      assert.equal(after.levels.at(-1).code, 'T.DIGITAL');
      assert.equal(after.levels.at(-1).name_en, 'Digital Literacy');
    });

    test('position overrides: agency admins for their agency\'s positions; the effective standard takes the override, else the tier default', async () => {
      const url = `/api/positions/${pengawasPositionId}`;
      const put = await as.agency_admin('PUT', `${url}/competency-overrides`, { overrides: [{ code: 'M.01', level: 5 }, { code: 'T.DIGITAL', level: 2 }] });
      assert.equal(put.statusCode, 200, put.body);
      const std = (await as.learner('GET', `${url}/competency-standard`)).json();
      const byCode = Object.fromEntries(std.items.map((i: { code: string; required: number; source: string }) => [i.code, [i.required, i.source]]));
      assert.deepEqual(byCode['M.01'], [5, 'position']);
      assert.deepEqual(byCode['M.02'], [3, 'tier_default']);
      assert.deepEqual(byCode['T.DIGITAL'], [2, 'position']);
      assert.match(std.note, /NOT the regulation/);
      assert.deepEqual((await as.learner('GET', `${url}/competency-overrides`)).json().overrides.map((o: { code: string }) => o.code), ['M.01', 'T.DIGITAL']);

      assertProblem(await as.agency_admin('PUT', `/api/positions/${foreignPositionId}/competency-overrides`, { overrides: [{ code: 'M.01', level: 5 }] }), 403);
      assert.deepEqual((await as.national_admin('GET', `/api/positions/${foreignPositionId}/competency-overrides`)).json().overrides, []);
      assertProblem(await as.agency_admin('PUT', `${url}/competency-overrides`, { overrides: [{ code: 'T.ANGGARAN', level: 2 }] }), 400, 'body.overrides.0.code');
      assertProblem(await as.agency_admin('PUT', `${url}/competency-overrides`, { overrides: [{ code: 'M.01', level: 0 }] }), 400, 'body.overrides.0.level');
      assertProblem(await as.agency_admin('PUT', `${url}/competency-overrides`, { overrides: [{ code: 'X.01', level: 2 }] }), 400, 'body.overrides.0.code');
      assertProblem(await as.agency_admin('GET', '/api/positions/999999/competency-standard'), 404);
      // the failed writes left the overrides as they were
      assert.equal((await as.learner('GET', `${url}/competency-overrides`)).json().overrides.length, 2);
      // the foreign agency's own technical competency is fine for its own positions
      const foreignPut = await as.national_admin('PUT', `/api/positions/${foreignPositionId}/competency-overrides`, { overrides: [{ code: 'T.ANGGARAN', level: 2 }] });
      assert.equal(foreignPut.statusCode, 200, foreignPut.body);
      assert.ok((await auditCount('competency.position_standard_replaced')) >= 2);
    });

    test('assessments recorded by the agency admin give the profile its current levels and gaps', async () => {
      const res = await assess('agency_admin', [
        { competencyCode: 'M.01', level: 1 },
        { competencyCode: 'M.02', level: 5, method: '360' },
        { competencyCode: 'T.DIGITAL', level: 2, method: 'portfolio', evidence: 'https://example.go.id/portofolio/123' },
      ]);
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().dictionaryVersion, 3);
      assert.equal(res.json().items.length, 3);
      assert.ok(res.json().items.every((r: { agency_id: number }) => r.agency_id === agencyId));

      const p = await profile();
      assert.equal(p.person.position_tier, 'ahli_muda');
      assert.deepEqual(cellsOf([item(p, 'M.01')] as never), [{ code: 'M.01', required: 3, current: 1, gap: 2 }]);
      assert.deepEqual(cellsOf([item(p, 'M.02')] as never), [{ code: 'M.02', required: 3, current: 5, gap: 0 }]);
      // never assessed: the whole required level is the gap
      assert.deepEqual(cellsOf([item(p, 'M.04')] as never), [{ code: 'M.04', required: 3, current: null, gap: 3 }]);
      // assessed but not required: no gap
      assert.deepEqual(cellsOf([item(p, 'T.DIGITAL')] as never), [{ code: 'T.DIGITAL', required: null, current: 2, gap: null }]);
      assert.equal(item(p, 'M.01')?.source, 'tier_default');
      assert.equal(item(p, 'M.02')?.method, '360');
      assert.deepEqual(p.totals, { required: 9, withGap: 8, totalGap: 2 + 0 + 3 * 7 });
      assert.equal(p.talent, null);
    });

    test('bad assessments are refused as a whole, naming the field; nothing is written', async () => {
      const rows = await assessmentCount();
      const audits = await auditCount();
      assertProblem(await assess('agency_admin', [{ competencyCode: 'M.03', level: 2 }, { competencyCode: 'M.03', level: 2, civilServantId: foreignPersonId }]), 400, 'body.assessments.1.civilServantId');
      assertProblem(await assess('agency_admin', [{ competencyCode: 'M.99', level: 2 }]), 400, 'body.assessments.0.competencyCode');
      assertProblem(await assess('agency_admin', [{ competencyCode: 'm.01', level: 2 }]), 400, 'body.assessments.0.competencyCode');
      assertProblem(await assess('agency_admin', [{ competencyCode: 'M.03', level: 6 }]), 400, 'body.assessments.0.level');
      assertProblem(await assess('agency_admin', [{ competencyCode: 'M.03', level: 0 }]), 400, 'body.assessments.0.level');
      assertProblem(await assess('agency_admin', [{ competencyCode: 'M.03', level: 2, assessedOn: daysAgo(-3) }]), 400, 'body.assessments.0.assessedOn');
      assertProblem(await assess('agency_admin', [{ competencyCode: 'M.03', level: 2, assessedOn: '2025-02-30' }]), 400, 'body.assessments.0.assessedOn');
      assertProblem(await assess('agency_admin', [{ competencyCode: 'M.03', level: 2, method: 'guess' }]), 400, 'body.assessments.0.method');
      assertProblem(await assess('agency_admin', [{ competencyCode: 'M.03', level: 2, civilServantId: 99_999_999 }]), 400, 'body.assessments.0.civilServantId');
      // a technical competency of another agency cannot be assessed here
      assertProblem(await assess('agency_admin', [{ competencyCode: 'T.ANGGARAN', level: 2 }]), 400, 'body.assessments.0.competencyCode');
      assertProblem(await as.agency_admin('POST', '/api/competency/assessments', { assessments: [] }), 400, 'body.assessments');
      assertProblem(await assess('supervisor', [{ competencyCode: 'M.03', level: 2 }]), 403);
      assert.equal(await assessmentCount(), rows);
      assert.equal(await auditCount(), audits);
      // the national admin may assess anyone, including in other agencies
      const ok = await as.national_admin('POST', '/api/competency/assessments', {
        assessments: [{ civilServantId: foreignPersonId, competencyCode: 'T.ANGGARAN', level: 3, method: 'cat', assessedOn: daysAgo(1), assessor: 'BKN' }],
      });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json().items[0].agency_id, foreignAgencyId);
    });

    test('history is kept: a correction is a new row, a void keeps the row, and the current level follows', async () => {
      const on = daysAgo(2);
      const first = (await assess('agency_admin', [{ competencyCode: 'M.03', level: 2, assessedOn: on }])).json().items[0];
      const correction = (await assess('agency_admin', [{ competencyCode: 'M.03', level: 3, assessedOn: on }])).json().items[0];
      assert.equal(item(await profile(), 'M.03')?.current, 3, 'the later entry for the same day wins');

      assertProblem(await as.agency_admin('POST', `/api/competency/assessments/${correction.id}/void`, {}), 400, 'body.reason');
      assertProblem(await as.learner('POST', `/api/competency/assessments/${correction.id}/void`, { reason: 'x' }), 403);
      const voided = await as.agency_admin('POST', `/api/competency/assessments/${correction.id}/void`, { reason: 'Entered for the wrong person' });
      assert.equal(voided.statusCode, 200, voided.body);
      assert.equal(voided.json().void_reason, 'Entered for the wrong person');
      assert.equal(voided.json().level, 3, 'the voided row keeps its content');
      assertProblem(await as.national_admin('POST', `/api/competency/assessments/${correction.id}/void`, { reason: 'again' }), 409);
      assert.equal(item(await profile(), 'M.03')?.current, 2, 'back to the earlier assessment');

      const history = (await as.learner('GET', `/api/civil-servants/${sessions.learner.me.civilServantId}/competency-assessments`)).json();
      assert.ok(history.items.length > 0);
      const mine = (await as.agency_admin('GET', `/api/civil-servants/${personId}/competency-assessments`)).json();
      const rowOf = (id: number) => mine.items.find((r: { id: number }) => r.id === id);
      assert.equal(rowOf(correction.id).voided_by, demoEmail(t.demo, 'agency_admin'));
      assert.equal(rowOf(correction.id).current, false);
      assert.equal(rowOf(first.id).current, true);
      assert.equal(mine.total, mine.items.length);

      // a foreign agency's assessment is invisible to this agency admin
      const foreignRow = await t.database.db.selectFrom('competency_assessment').select('id').where('agency_id', '=', foreignAgencyId).executeTakeFirstOrThrow();
      assertProblem(await as.agency_admin('POST', `/api/competency/assessments/${foreignRow.id}/void`, { reason: 'x' }), 404);
      // and the database itself keeps history: no edits, no deletes
      await assert.rejects(t.database.db.updateTable('competency_assessment').set({ level: 5 }).where('id', '=', first.id).execute());
      await assert.rejects(t.database.db.deleteFrom('competency_assessment').where('id', '=', first.id).execute());
      await assert.rejects(t.database.db.updateTable('competency_assessment').set({ void_reason: 'edited' }).where('id', '=', correction.id).execute());
    });

    test('old assessments keep pointing at the dictionary version they used and still count by code', async () => {
      const learnerId = sessions.learner.me.civilServantId!;
      const history = (await as.learner('GET', `/api/civil-servants/${learnerId}/competency-assessments`)).json();
      const seeded = history.items.filter((r: { dictionary_version: number }) => r.dictionary_version === 1);
      assert.ok(seeded.length > 0, 'demo assessments were made against version 1');
      const p = await profile(learnerId, 'learner');
      assert.equal(p.dictionaryVersion, 3);
      const current = seeded.find((r: { current: boolean }) => r.current);
      assert.ok(current, 'a version-1 assessment is still current');
      assert.equal(item(p, current.competency_code)?.assessment_id, current.id);
      const v1Row = await t.database.db.selectFrom('competency').select('version_id').where('id', '=', current.competency_id).executeTakeFirstOrThrow();
      assert.equal(v1Row.version_id, 1);
    });

    test('validity: assessments older than the configured period no longer count', async () => {
      await assess('agency_admin', [
        { competencyCode: 'M.05', level: 3, assessedOn: addMonths(todayInIndonesia(), -2) },
        { competencyCode: 'M.06', level: 3, assessedOn: daysAgo(1) },
      ]);
      let p = await profile();
      assert.equal(item(p, 'M.05')?.current, 3);
      assert.equal(p.validityMonths, 36);
      assertProblem(await as.national_admin('PUT', '/api/competency/settings', { validityMonths: 0 }), 400, 'body.validityMonths');
      assertProblem(await as.agency_admin('PUT', '/api/competency/settings', { validityMonths: 1 }), 403);
      const set = await as.national_admin('PUT', '/api/competency/settings', { validityMonths: 1 });
      assert.equal(set.statusCode, 200, set.body);
      try {
        p = await profile();
        assert.equal(p.validityMonths, 1);
        assert.deepEqual(cellsOf([item(p, 'M.05')] as never), [{ code: 'M.05', required: 3, current: null, gap: 3 }]);
        assert.equal(item(p, 'M.06')?.current, 3);
        const history = (await as.national_admin('GET', `/api/civil-servants/${personId}/competency-assessments`)).json();
        assert.equal(history.items.find((r: { competency_code: string }) => r.competency_code === 'M.05').expired, true);
      } finally {
        await as.national_admin('PUT', '/api/competency/settings', { validityMonths: 36 });
      }
      assert.equal(item(await profile(), 'M.05')?.current, 3);
    });

    test('talent ratings map performance × potential to the agreed 9-box, per period', async () => {
      let year = 2015;
      for (const performance of PERFORMANCE) {
        for (const potential of POTENTIAL) {
          const res = await as.agency_admin('PUT', `/api/civil-servants/${personId}/talent-ratings/${year++}`, { performance, potential });
          assert.equal(res.statusCode, 200, res.body);
          assert.equal(res.json().box, talentBox(performance, potential), `${performance}+${potential}`);
        }
      }
      // the latest period is shown; a period can be re-rated
      assert.deepEqual((await profile()).talent, { period: '2023', performance: 'above', potential: 'high', box: 9 });
      const again = await as.national_admin('PUT', `/api/civil-servants/${personId}/talent-ratings/2023`, { performance: 'meets', potential: 'middle', notes: 'after calibration' });
      assert.equal(again.json().box, 5);
      const half = await as.agency_admin('PUT', `/api/civil-servants/${personId}/talent-ratings/2023-S2`, { performance: 'above', potential: 'middle' });
      assert.equal(half.statusCode, 200, half.body);
      assert.deepEqual((await profile(personId, 'supervisor')).talent, { period: '2023-S2', performance: 'above', potential: 'middle', box: 7 });
      assertProblem(await as.agency_admin('PUT', `/api/civil-servants/${personId}/talent-ratings/last-year`, { performance: 'meets', potential: 'low' }), 400, 'params.period');
      assertProblem(await as.agency_admin('PUT', `/api/civil-servants/${personId}/talent-ratings/2024`, { performance: 'excellent', potential: 'low' }), 400, 'body.performance');
      assertProblem(await as.agency_admin('PUT', `/api/civil-servants/${foreignPersonId}/talent-ratings/2024`, { performance: 'meets', potential: 'low' }), 404);
      assertProblem(await as.supervisor('PUT', `/api/civil-servants/${personId}/talent-ratings/2024`, { performance: 'meets', potential: 'low' }), 403);
      assert.ok((await auditCount('competency.talent_rated')) >= 11);
    });

    test('a profile is visible to the person, their supervisor, their agency admin/auditor and national roles; others get 404', async () => {
      const learnerId = sessions.learner.me.civilServantId!;
      assert.equal((await as.learner('GET', `/api/civil-servants/${learnerId}/profile`)).statusCode, 200);
      assert.equal((await as.supervisor('GET', `/api/civil-servants/${learnerId}/profile`)).statusCode, 200);
      assert.equal((await as.supervisor('GET', `/api/civil-servants/${personId}/profile`)).statusCode, 200);
      assert.equal((await as.agency_admin('GET', `/api/civil-servants/${personId}/profile`)).statusCode, 200);
      assert.equal((await as.auditor('GET', `/api/civil-servants/${foreignPersonId}/profile`)).statusCode, 200);
      assertProblem(await as.learner('GET', `/api/civil-servants/${personId}/profile`), 404);
      assertProblem(await as.agency_admin('GET', `/api/civil-servants/${foreignPersonId}/profile`), 404);
      assertProblem(await as.learner('GET', `/api/civil-servants/${personId}/competency-assessments`), 404);
      assertProblem(await as.national_admin('GET', '/api/civil-servants/99999999/profile'), 404);
      assertProblem(await as.provider_admin('GET', `/api/civil-servants/${learnerId}/profile`), 403);
    });

    test('team gaps: a people × competencies matrix of the supervisor\'s direct reports, the same numbers as their profiles', async () => {
      const res = await as.supervisor('GET', '/api/competency/team-gaps');
      assert.equal(res.statusCode, 200, res.body);
      const team = res.json();
      const reports = await t.database.db.selectFrom('civil_servant').select('id').where('supervisor_id', '=', sessions.supervisor.me.civilServantId).execute();
      assert.deepEqual(team.people.map((p: { id: number }) => p.id).sort(), reports.map((r) => r.id).sort());
      const codes = team.competencies.map((c: { code: string }) => c.code);
      assert.ok(codes.includes('T.DIGITAL'));
      for (const person of team.people) {
        assert.deepEqual(person.cells.map((c: { code: string }) => c.code), codes, 'cells line up with the columns');
        const p = await profile(person.id);
        const fromProfile = Object.fromEntries(cellsOf(p.items).map((c) => [c.code, c]));
        for (const cell of person.cells) if (fromProfile[cell.code]) assert.deepEqual(cell, fromProfile[cell.code]);
        assert.deepEqual(person.totals, p.totals);
      }
      assert.equal(team.people.find((p: { id: number }) => p.id === personId).talentBox, 7);
      assert.deepEqual(statsOnly(team.summary), rollUp(team.people.map((p: { cells: GapCell[] }) => p.cells)));
      assertProblem(await as.learner('GET', '/api/competency/team-gaps'), 403);
    });

    test('agency and national roll-ups agree with the person-level gaps', async () => {
      const res = await as.agency_admin('GET', `/api/agencies/${agencyId}/competency-gaps`);
      assert.equal(res.statusCode, 200, res.body);
      const summary = res.json();
      const people = await t.database.db.selectFrom('civil_servant').select('id').where('agency_id', '=', agencyId).where('status', '=', 'active').where('position_id', 'is not', null).execute();
      assert.equal(summary.people, people.length);
      const cells: GapCell[][] = [];
      for (const p of people) cells.push(cellsOf((await profile(p.id)).items));
      assert.deepEqual(statsOnly(summary.competencies), rollUp(cells));
      assert.ok(summary.competencies.find((c: { code: string }) => c.code === 'M.01').withGap > 0, 'the demo data shows real gaps');
      assert.equal(summary.units.reduce((n: number, u: { people: number }) => n + u.people, 0), summary.people);

      const unit = await as.agency_admin('GET', `/api/agencies/${agencyId}/competency-gaps?unitId=${unitId}`);
      assert.equal(unit.statusCode, 200, unit.body);
      assert.equal(unit.json().units.length, 1);
      assert.deepEqual(unit.json().competencies, summary.units.find((u: { unitId: number }) => u.unitId === unitId).competencies);
      const foreignUnit = await t.database.db.selectFrom('unit').select('id').where('agency_id', '=', foreignAgencyId).executeTakeFirstOrThrow();
      assertProblem(await as.agency_admin('GET', `/api/agencies/${agencyId}/competency-gaps?unitId=${foreignUnit.id}`), 400, 'querystring.unitId');
      assertProblem(await as.agency_admin('GET', `/api/agencies/${foreignAgencyId}/competency-gaps`), 403);
      assertProblem(await as.national_admin('GET', '/api/agencies/999999/competency-gaps'), 404);

      const national = (await as.auditor('GET', '/api/competency/gaps/national')).json();
      const own = national.agencies.find((a: { agencyId: number }) => a.agencyId === agencyId);
      assert.deepEqual(own.competencies, summary.competencies);
      assert.equal(national.people, national.agencies.reduce((n: number, a: { people: number }) => n + a.people, 0));
      const m01 = national.competencies.find((c: { code: string }) => c.code === 'M.01');
      assert.equal(m01.people, national.agencies.reduce((n: number, a: { competencies: { code: string; people: number }[] }) => n + (a.competencies.find((c) => c.code === 'M.01')?.people ?? 0), 0));
      assertProblem(await as.agency_admin('GET', '/api/competency/gaps/national'), 403);
    });

    test('every kind of competency write left an audit entry', async () => {
      const rows = await t.database.db.selectFrom('audit_log').select(['action', 'scope_type', 'scope_id']).where('action', 'like', 'competency.%').execute();
      const actions = new Set(rows.map((r) => r.action));
      for (const a of ['version_created', 'added', 'updated', 'version_published', 'settings_updated', 'tier_standard_replaced', 'position_standard_replaced', 'assessed', 'assessment_voided', 'talent_rated']) {
        assert.ok(actions.has(`competency.${a}`), a);
      }
      assert.ok(rows.filter((r) => r.action === 'competency.assessed').every((r) => r.scope_type === 'agency' && r.scope_id !== null));
    });
  });
}
