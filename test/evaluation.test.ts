// Evaluation: one reaction survey per participant, follow-up due dates and reminders, test
// scores, change projects' visibility and outcome, and the quality roll-up into the catalogue.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { systemCaller } from '../src/context.ts';
import { issueCertificate } from '../src/modules/certificate/service.ts';
import { addMonths, dueFollowUps, markFollowUpsReminded, submitReaction } from '../src/modules/evaluation/service.ts';
import { computeQuality } from '../src/modules/evaluation/quality.ts';
import { asUser, backends, createTestApp, demoEmail, isProblem, login, type Session, type TestApp } from './helpers.ts';
import { personCaller } from './certificate-fixtures.ts';

const ANSWERS = { relevance: 5, facilitators: 4, methods: 4, organisation: 5, application: 4, overall: 5 };

test('follow-up due dates add calendar months, clamped to the month end', () => {
  assert.equal(addMonths('2026-03-12', 3), '2026-06-12');
  assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
  assert.equal(addMonths('2024-11-30', 3), '2025-02-28');
  assert.equal(addMonths('2026-10-15', 6), '2027-04-15');
});

test('quality counts a level only from 3 answers and weights the levels that count', () => {
  const none = computeQuality({ l1: { n: 2, mean: 5 }, l2: { n: 0, meanPre: null, meanPost: null, meanGain: null }, l3: { n: 0, mean: null, pending: 0, overdue: 0 }, l4: { n: 0, mean: null } });
  assert.equal(none.quality, null);
  const l1 = computeQuality({ l1: { n: 3, mean: 4.5 }, l2: { n: 0, meanPre: null, meanPost: null, meanGain: null }, l3: { n: 0, mean: null, pending: 0, overdue: 0 }, l4: { n: 0, mean: null } });
  assert.equal(l1.quality, 4.5);
  const both = computeQuality({ l1: { n: 3, mean: 4 }, l2: { n: 3, meanPre: 50, meanPost: 75, meanGain: 0.5 }, l3: { n: 0, mean: null, pending: 0, overdue: 0 }, l4: { n: 0, mean: null } });
  // (0.4 × 4 + 0.2 × 3) / 0.6
  assert.equal(both.quality, 3.67);
});

for (const kind of backends()) {
  describe(`evaluation (${kind})`, () => {
    let t: TestApp;
    let learner: Session;
    let supervisor: Session;
    let agencyAdmin: Session;
    let providerAdmin: Session;
    let pkpId: number;
    let technicalId: number;
    let agencyId: number;
    let learnerId: number;
    const issue = (personId: number, programmeId: number, completedOn: string, offeringId: number | null = null) =>
      issueCertificate(t.database.db, systemCaller('test'), { civilServantId: personId, programmeId, offeringId, learningRecordId: Math.floor(Math.random() * 1e9), completedOn, jp: 20 });

    before(async () => {
      t = await createTestApp(kind);
      learner = await login(t.app, demoEmail(t.demo, 'learner'));
      supervisor = await login(t.app, demoEmail(t.demo, 'supervisor'));
      agencyAdmin = await login(t.app, demoEmail(t.demo, 'agency_admin'));
      providerAdmin = await login(t.app, demoEmail(t.demo, 'provider_admin'));
      learnerId = learner.me.civilServantId!;
      const db = t.database.db;
      agencyId = (await db.selectFrom('civil_servant').select('agency_id').where('id', '=', learnerId).executeTakeFirstOrThrow()).agency_id;
      pkpId = (await db.selectFrom('programme').select('id').where('code', '=', 'PKP-KOLABORASI').executeTakeFirstOrThrow()).id;
      const lanId = (await db.selectFrom('provider').select('id').where('code', '=', 'LAN').executeTakeFirstOrThrow()).id;
      technicalId = (await db.selectFrom('programme').select('id').where('category', 'not in', ['pkn1', 'pkn2', 'pka', 'pkp', 'latsar']).where('provider_id', '=', lanId).executeTakeFirstOrThrow()).id;
    });
    after(() => t?.close());

    test('level 1: one survey per participant, every question answered 1–5, only by the holder', async () => {
      const offering = (await t.database.db.selectFrom('offering').select('id').where('programme_id', '=', pkpId).orderBy('id').executeTakeFirstOrThrow()).id;
      const cert = await issue(learnerId, pkpId, '2026-03-12', offering);
      const url = `/api/evaluation/certificates/${cert.id}/reaction`;
      const missing = await asUser(t.app, learner)('POST', url, { answers: { ...ANSWERS, overall: undefined } });
      assert.ok(isProblem(missing, 400));
      assert.ok(missing.json().errors.some((e: { field: string }) => e.field === 'body.answers.overall'));
      const extra = await asUser(t.app, learner)('POST', url, { answers: { ...ANSWERS, mood: 3 } });
      assert.ok(extra.json().errors.some((e: { field: string }) => e.field === 'body.answers.mood'));
      const outOfRange = await asUser(t.app, learner)('POST', url, { answers: { ...ANSWERS, methods: 7 } });
      assert.ok(outOfRange.json().errors.some((e: { field: string }) => e.field === 'body.answers.methods'));
      assert.ok(isProblem(await asUser(t.app, supervisor)('POST', url, { answers: ANSWERS }), 404), 'not the holder');

      const ok = await asUser(t.app, learner)('POST', url, { answers: ANSWERS, comments: 'Materi aksi perubahan sangat membantu' });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json().score, 4.5);
      const twice = await asUser(t.app, learner)('POST', url, { answers: ANSWERS });
      assert.ok(isProblem(twice, 409));
      const count = await t.database.db.selectFrom('evaluation_reaction').select((eb) => eb.fn.countAll<number>().as('n')).where('certificate_id', '=', cert.id).executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1);
      const mine = (await asUser(t.app, learner)('GET', '/api/evaluation/mine')).json().items;
      assert.equal(mine.find((m: { certificate_id: string }) => m.certificate_id === cert.id).reaction_submitted, true);
    });

    test('level 3: follow-up due months after completion (default 3, configurable); due list, reminders, the supervisor fills it in once', async () => {
      const cert = await issue(learnerId, pkpId, '2025-01-10');
      const due = await t.database.db.selectFrom('evaluation_follow_up').select(['id', 'due_on']).where('certificate_id', '=', cert.id).executeTakeFirstOrThrow();
      assert.equal(due.due_on, '2025-04-10');

      const set = await asUser(t.app, providerAdmin)('PUT', `/api/evaluation/programmes/${pkpId}/settings`, { followUpMonths: 6 });
      assert.equal(set.statusCode, 200, set.body);
      const later = await issue(learnerId, pkpId, '2025-01-10');
      assert.equal((await t.database.db.selectFrom('evaluation_follow_up').select('due_on').where('certificate_id', '=', later.id).executeTakeFirstOrThrow()).due_on, '2025-07-10');
      assert.ok(isProblem(await asUser(t.app, learner)('PUT', `/api/evaluation/programmes/${pkpId}/settings`, { followUpMonths: 6 }), 403));
      const bad = await asUser(t.app, providerAdmin)('PUT', `/api/evaluation/programmes/${pkpId}/settings`, { followUpMonths: 0 });
      assert.equal(bad.json().errors[0].field, 'body.followUpMonths');
      await asUser(t.app, providerAdmin)('PUT', `/api/evaluation/programmes/${pkpId}/settings`, { followUpMonths: 3 });

      // reminders: due by 2025-05-01 is the first, not the second
      const dueNow = await dueFollowUps(t.database.db, '2025-05-01');
      const entry = dueNow.find((d) => d.followUpId === due.id);
      assert.ok(entry, 'due follow-up listed');
      assert.ok(!dueNow.some((d) => d.certificateId === later.id));
      assert.equal(entry.supervisorId, supervisor.me.civilServantId);
      assert.ok(entry.supervisorUserIds.includes(supervisor.me.id));
      await markFollowUpsReminded(t.database.db, [due.id]);
      assert.equal((await dueFollowUps(t.database.db, '2025-05-01')).find((d) => d.followUpId === due.id)!.reminderCount, 1);

      const inbox = (await asUser(t.app, supervisor)('GET', '/api/evaluation/follow-ups?due=true')).json().items;
      assert.ok(inbox.some((f: { id: number }) => f.id === due.id));
      const incomplete = await asUser(t.app, supervisor)('POST', `/api/evaluation/follow-ups/${due.id}`, { answers: { applies: 4 } });
      assert.ok(incomplete.json().errors.some((e: { field: string }) => e.field === 'body.answers.performance'));
      assert.ok(isProblem(await asUser(t.app, agencyAdmin)('POST', `/api/evaluation/follow-ups/${due.id}`, { answers: { applies: 4, performance: 4, sharing: 4, initiative: 4 } }), 403));
      const done = await asUser(t.app, supervisor)('POST', `/api/evaluation/follow-ups/${due.id}`, { answers: { applies: 4, performance: 5, sharing: 3, initiative: 4 }, comments: 'Lebih proaktif' });
      assert.equal(done.statusCode, 200, done.body);
      assert.ok(isProblem(await asUser(t.app, supervisor)('POST', `/api/evaluation/follow-ups/${due.id}`, { answers: { applies: 4, performance: 5, sharing: 3, initiative: 4 } }), 409));
      assert.ok(!(await dueFollowUps(t.database.db, '2025-05-01')).some((d) => d.followUpId === due.id));
    });

    test('level 2: pre/post scores by the programme\'s provider; unknown people are named', async () => {
      const offering = (await t.database.db.selectFrom('offering').select('id').where('programme_id', '=', pkpId).orderBy('id').executeTakeFirstOrThrow()).id;
      const ok = await asUser(t.app, providerAdmin)('PUT', `/api/evaluation/offerings/${offering}/test-scores`, { scores: [{ civilServantId: learnerId, pre: 50, post: 85 }] });
      assert.equal(ok.statusCode, 200, ok.body);
      const bad = await asUser(t.app, providerAdmin)('PUT', `/api/evaluation/offerings/${offering}/test-scores`, { scores: [{ civilServantId: learnerId, pre: 40 }, { civilServantId: 987654321, post: 80 }] });
      assert.ok(isProblem(bad, 400));
      assert.equal(bad.json().errors[0].field, 'body.scores.1.civilServantId');
      const row = await t.database.db.selectFrom('evaluation_test_score').select(['pre_score', 'post_score']).where('civil_servant_id', '=', learnerId).executeTakeFirstOrThrow();
      assert.deepEqual([Number(row.pre_score), Number(row.post_score)], [50, 85], 'the refused batch changed nothing');
      assert.ok(isProblem(await asUser(t.app, agencyAdmin)('PUT', `/api/evaluation/offerings/${offering}/test-scores`, { scores: [{ civilServantId: learnerId, pre: 1 }] }), 403));
    });

    test('change projects: leadership programmes only; public only when the participant and the agency both agree; outcome by the supervisor', async () => {
      const pkp = await issue(learnerId, pkpId, '2025-06-01');
      const technical = await issue(learnerId, technicalId, '2025-06-01');
      const body = { certificateId: pkp.id, title: 'Sistem antrean daring puskesmas', problem: 'Antrean pasien mengular sejak subuh.', change: 'Nomor antrean lewat aplikasi dan SMS.', results: 'Waktu tunggu turun 60 persen.', contacts: [{ name: 'Bagian Umum', email: 'umum@example.go.id' }] };
      const notLeadership = await asUser(t.app, learner)('POST', '/api/evaluation/change-projects', { ...body, certificateId: technical.id });
      assert.ok(isProblem(notLeadership, 400));
      assert.equal(notLeadership.json().errors[0].field, 'body.certificateId');
      const selfConsentOfAgency = await asUser(t.app, learner)('POST', '/api/evaluation/change-projects', { ...body, agencyPublic: true });
      assert.ok(isProblem(selfConsentOfAgency, 403));
      const created = await asUser(t.app, learner)('POST', '/api/evaluation/change-projects', body);
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id;
      assert.ok(isProblem(await asUser(t.app, learner)('POST', '/api/evaluation/change-projects', body), 409));

      const search = async () => (await t.app.inject({ method: 'GET', url: '/api/evaluation/change-projects/search?q=antrean' })).json().items.map((p: { id: number }) => p.id);
      assert.ok(!(await search()).includes(id));
      assert.ok(isProblem(await t.app.inject({ method: 'GET', url: `/api/evaluation/change-projects/${id}` }), 404));

      const agencyFirst = await asUser(t.app, agencyAdmin)('PATCH', `/api/evaluation/change-projects/${id}`, { agencyPublic: true });
      assert.equal(agencyFirst.statusCode, 200, agencyFirst.body);
      assert.equal(agencyFirst.json().public, false);
      assert.ok(!(await search()).includes(id), 'the agency alone does not publish');
      const wrongConsent = await asUser(t.app, agencyAdmin)('PATCH', `/api/evaluation/change-projects/${id}`, { participantPublic: true });
      assert.ok(isProblem(wrongConsent, 403));
      assert.equal(wrongConsent.json().errors[0].field, 'body.participantPublic');
      const learnerForAgency = await asUser(t.app, learner)('PATCH', `/api/evaluation/change-projects/${id}`, { agencyPublic: false });
      assert.equal(learnerForAgency.json().errors[0].field, 'body.agencyPublic');

      const both = await asUser(t.app, learner)('PATCH', `/api/evaluation/change-projects/${id}`, { participantPublic: true });
      assert.equal(both.json().public, true);
      assert.ok((await search()).includes(id));
      assert.ok((await t.app.inject({ method: 'GET', url: '/api/evaluation/change-projects/search?q=waktu%20tunggu' })).json().items.some((p: { id: number }) => p.id === id));
      const anonymous = await t.app.inject({ method: 'GET', url: `/api/evaluation/change-projects/${id}` });
      assert.equal(anonymous.statusCode, 200);
      assert.equal(anonymous.json().holder_name, null);
      assert.equal(anonymous.json().agency.id, agencyId);

      // the agency withdraws: gone from the repository again
      await asUser(t.app, agencyAdmin)('PATCH', `/api/evaluation/change-projects/${id}`, { agencyPublic: false });
      assert.ok(!(await search()).includes(id));

      assert.ok(isProblem(await asUser(t.app, learner)('PUT', `/api/evaluation/change-projects/${id}/outcome`, { status: 'implemented', score: 5 }), 403));
      const outcome = await asUser(t.app, supervisor)('PUT', `/api/evaluation/change-projects/${id}/outcome`, { status: 'implemented', score: 4, note: 'Diterapkan di 3 puskesmas' });
      assert.equal(outcome.statusCode, 200, outcome.body);
      assert.equal(outcome.json().outcome.score, 4);
      const badOutcome = await asUser(t.app, supervisor)('PUT', `/api/evaluation/change-projects/${id}/outcome`, { status: 'done', score: 9 });
      assert.ok(isProblem(badOutcome, 400));
    });

    test('scores roll up into the programme\'s quality in the catalogue and the provider\'s quality', async () => {
      const people = await t.database.db.selectFrom('civil_servant').select(['id', 'agency_id']).where('agency_id', '=', agencyId).where('id', '<>', learnerId).orderBy('id').limit(3).execute();
      const lanId = (await t.database.db.selectFrom('provider').select('id').where('code', '=', 'LAN').executeTakeFirstOrThrow()).id;
      for (const [i, p] of people.entries()) {
        const cert = await issue(p.id, technicalId, '2026-02-01');
        await submitReaction(t.database.db, personCaller(p.id, p.agency_id), cert.id, { answers: { ...ANSWERS, overall: 3 + i } });
      }
      const quality = (await t.database.db.selectFrom('programme').select('quality').where('id', '=', technicalId).executeTakeFirstOrThrow()).quality;
      assert.ok(quality !== null);
      assert.ok(Number(quality) > 3.5 && Number(quality) < 5, `quality ${quality}`);
      const provider = (await t.app.inject({ method: 'GET', url: `/api/evaluation/providers/${lanId}/quality` })).json();
      assert.ok(provider.quality !== null);
      assert.ok(provider.programmes.some((p: { programme_id: number; quality: number }) => p.programme_id === technicalId && p.quality === Number(quality)));
      const summary = await asUser(t.app, providerAdmin)('GET', `/api/evaluation/programmes/${technicalId}/summary`);
      assert.equal(summary.statusCode, 200, summary.body);
      assert.equal(summary.json().levels.reaction.responses, 3);
      assert.equal(summary.json().questions.find((q: { key: string }) => q.key === 'overall').mean, 4);
    });
  });
}
