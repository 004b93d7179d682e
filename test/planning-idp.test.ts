// Individual development plans through the real app: drafting from the recommendations, editing
// items (with the checks on each), the state machine with its 409/422 answers, who may do what,
// approval turning open offerings into enrolment requests (and the worker doing it when
// registration opens, once even with two workers at the same time), and the audit trail.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { convertDueItems } from '../src/modules/planning/idp-service.ts';
import { asUser, backends, demoEmail, isProblem, login, type TestApp } from './helpers.ts';
import { addDays, as, makePeople, sessionFor, today, type FakeSession } from './learning-fixtures.ts';
import { ALL_AT_THREE, assess, buildWorld, createPlanningApp, type World } from './planning-fixtures.ts';

process.env.PLANNING_SUPPLY_POLL_MS = '0';

interface Plan {
  id: number;
  status: string;
  year: number;
  submissions: number;
  decision_comment: string | null;
  jp: { entitlement: number; credited: number; planned: number; remaining: number };
  items: { id: number; kind: string; programme: { id: number; code: string }; offering: { id: number } | null; planned_jp: number; target_competencies: { code: string }[]; origin: string; state: string; enrolment_id: number | null; state_detail: string | null }[];
  may: { edit: boolean; submit: boolean; withdraw: boolean; decide: boolean };
}

for (const kind of backends()) {
  describe(`development plans (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let plan: Plan;
    const learner = () => as(t.app, w.learner);
    const supervisor = () => as(t.app, w.supervisor);

    before(async () => {
      t = await createPlanningApp(kind, { workerPollMs: 0 });
      w = await buildWorld(t);
    });
    after(() => t?.close());

    test('a draft from the recommendations: the best items, planned JP against the 20-JP entitlement', async () => {
      const res = await learner()('POST', '/api/planning/plans', { year: w.year });
      assert.equal(res.statusCode, 201, res.body);
      plan = res.json();
      assert.equal(plan.status, 'draft');
      assert.ok(plan.items.length >= 1 && plan.items.length <= 5);
      assert.ok(plan.items.every((i) => i.origin === 'recommendation' && i.state === 'planned'));
      const programmes = plan.items.map((i) => i.programme.id);
      for (const p of [w.c, w.d, w.e, w.h]) assert.ok(!programmes.includes(p.programmeId), `${p.code} is never drafted`);
      assert.equal(plan.jp.entitlement, 20);
      assert.equal(plan.jp.planned, plan.items.reduce((n, i) => n + i.planned_jp, 0));
      assert.equal(plan.jp.remaining, Math.max(0, 20 - plan.jp.credited - plan.jp.planned));
      assert.deepEqual(plan.may, { edit: true, submit: true, withdraw: false, decide: false });
      // one plan per person per year
      assert.ok(isProblem(await learner()('POST', '/api/planning/plans', { year: w.year }), 409));
      const mine = (await learner()('GET', `/api/planning/plans/mine?year=${w.year}`)).json();
      assert.equal(mine.plan.id, plan.id);
    });

    test('items: added, changed and removed by the learner, each checked, nothing half-done', async () => {
      // start from a clean slate: remove the drafted items
      for (const item of plan.items) assert.equal((await learner()('DELETE', `/api/planning/plans/${plan.id}/items/${item.id}`)).statusCode, 200);
      const add = await learner()('POST', `/api/planning/plans/${plan.id}/items`, { offeringId: w.a.offeringId, note: 'Prioritas tahun ini' });
      assert.equal(add.statusCode, 201, add.body);
      const item = add.json().plan.items.find((i: Plan['items'][number]) => i.id === add.json().itemId);
      assert.deepEqual([item.kind, item.planned_jp, item.target_competencies.map((c: { code: string }) => c.code), item.origin], ['offering', 16, ['M.08'], 'learner']);
      // a programme without a cohort yet
      assert.equal((await learner()('POST', `/api/planning/plans/${plan.id}/items`, { programmeId: w.b.programmeId, plannedJp: 8, targetCompetencies: ['M.07'] })).statusCode, 201);
      const refusals: [unknown, number, string, string?][] = [
        [{ offeringId: w.a.offeringId }, 409, 'duplicate-item'],
        [{ programmeId: w.d.programmeId }, 422, 'not-eligible', 'body.programmeId'],
        [{ programmeId: w.e.programmeId }, 422, 'not-eligible'],
        [{ programmeId: w.h.programmeId }, 422, 'invalid-item'],
        [{ programmeId: 2147483000 }, 422, 'invalid-item', 'body.programmeId'],
        [{ offeringId: 2147483000 }, 422, 'invalid-item', 'body.offeringId'],
        [{ programmeId: w.g.programmeId, offeringId: w.a.offeringId }, 422, 'invalid-item', 'body.programmeId'],
        [{ programmeId: w.g.programmeId, plannedJp: 13 }, 400, 'validation', 'body.plannedJp'],
        [{ programmeId: w.g.programmeId, targetCompetencies: ['M.01'] }, 400, 'validation', 'body.targetCompetencies.0'],
        [{}, 400, 'validation', 'body.programmeId'],
        [{ programmeId: w.g.programmeId, extra: 1 }, 400, 'validation', 'body.extra'],
      ];
      for (const [body, status, type, field] of refusals) {
        const res = await learner()('POST', `/api/planning/plans/${plan.id}/items`, body);
        assert.ok(isProblem(res, status), `${JSON.stringify(body)} → ${res.statusCode} ${res.body}`);
        assert.ok(res.json().type.endsWith(type), `${JSON.stringify(body)}: ${res.json().type}`);
        if (field) assert.ok(res.json().errors.some((e: { field: string }) => e.field === field), `${JSON.stringify(body)} names ${field}: ${res.body}`);
      }
      const g = await learner()('POST', `/api/planning/plans/${plan.id}/items`, { offeringId: w.g.offeringId });
      assert.equal(g.statusCode, 201);
      const gId = g.json().itemId;
      const patched = await learner()('PATCH', `/api/planning/plans/${plan.id}/items/${gId}`, { plannedJp: 6, note: 'separuh' });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal(patched.json().plan.items.find((i: { id: number }) => i.id === gId).planned_jp, 6);
      // an offering of another programme cannot replace this item's
      assert.ok(isProblem(await learner()('PATCH', `/api/planning/plans/${plan.id}/items/${gId}`, { offeringId: w.a.offeringId }), 422));
      plan = (await learner()('GET', `/api/planning/plans/${plan.id}`)).json();
      assert.deepEqual(plan.items.map((i) => i.programme.id).sort(), [w.a.programmeId, w.b.programmeId, w.g.programmeId].sort());
      assert.equal(plan.jp.planned, 16 + 8 + 6);
    });

    test('others: the supervisor reads but does not edit (403); out of scope 404', async () => {
      assert.equal((await supervisor()('GET', `/api/planning/plans/${plan.id}`)).statusCode, 200);
      assert.ok(isProblem(await supervisor()('POST', `/api/planning/plans/${plan.id}/items`, { offeringId: w.a.offeringId }), 403));
      const otherAgency = (await t.database.db.selectFrom('agency').select('id').where('code', '=', '33').executeTakeFirstOrThrow()).id;
      const stranger = await sessionFor(t.database.db, { role: 'agency_admin', scopeType: 'agency', scopeId: otherAgency });
      assert.ok(isProblem(await as(t.app, stranger)('GET', `/api/planning/plans/${plan.id}`), 404));
      assert.ok(isProblem(await as(t.app, stranger)('GET', `/api/planning/people/${w.personId}/plan?year=${w.year}`), 404));
      const demoLearner = await login(t.app, demoEmail(t.demo, 'learner'));
      assert.ok(isProblem(await asUser(t.app, demoLearner)('POST', `/api/planning/plans/${plan.id}/items`, { offeringId: w.a.offeringId }), 404));
      assert.ok(isProblem(await asUser(t.app, demoLearner)('POST', `/api/planning/plans/${plan.id}/submit`), 404));
    });

    test('state machine: out-of-order steps 409, the learner submits, edits are closed, the supervisor decides', async () => {
      assert.ok(isProblem(await supervisor()('POST', `/api/planning/plans/${plan.id}/approve`, {}), 409), 'a draft is not approved');
      assert.ok(isProblem(await learner()('POST', `/api/planning/plans/${plan.id}/withdraw`), 409), 'a draft is not withdrawn');
      const submitted = await learner()('POST', `/api/planning/plans/${plan.id}/submit`);
      assert.equal(submitted.statusCode, 200, submitted.body);
      assert.equal(submitted.json().status, 'submitted');
      assert.ok(isProblem(await learner()('POST', `/api/planning/plans/${plan.id}/submit`), 409));
      const closed = await learner()('POST', `/api/planning/plans/${plan.id}/items`, { offeringId: w.f.offeringId });
      assert.ok(isProblem(closed, 409));
      assert.match(closed.json().type, /plan-state$/);
      assert.ok(isProblem(await learner()('POST', `/api/planning/plans/${plan.id}/approve`, {}), 403), 'nobody approves their own plan');
      const admin = await login(t.app, demoEmail(t.demo, 'agency_admin'));
      assert.ok(isProblem(await asUser(t.app, admin)('POST', `/api/planning/plans/${plan.id}/approve`, {}), 403), 'the person has a supervisor: the agency admin does not decide');
      const inbox = (await supervisor()('GET', '/api/planning/plans/approvals')).json();
      assert.deepEqual(inbox.items.map((p: Plan) => p.id), [plan.id]);
      assert.equal(inbox.items[0].may.decide, true);
      const note = await t.database.db.selectFrom('notification').select(['kind', 'link']).where('recipient_civil_servant_id', '=', w.supervisorId).where('kind', '=', 'development_plan.submitted').execute();
      assert.equal(note.length, 1);
      // a return needs a comment; withdrawing and resubmitting counts submissions
      assert.ok(isProblem(await supervisor()('POST', `/api/planning/plans/${plan.id}/return`, { comment: '   ' }), 400));
      assert.equal((await learner()('POST', `/api/planning/plans/${plan.id}/withdraw`)).json().status, 'draft');
      assert.equal((await learner()('POST', `/api/planning/plans/${plan.id}/submit`)).json().submissions, 2);
      const returned = await supervisor()('POST', `/api/planning/plans/${plan.id}/return`, { comment: 'Tambahkan pelatihan Mengelola Perubahan yang daring.' });
      assert.equal(returned.statusCode, 200, returned.body);
      assert.deepEqual([returned.json().status, returned.json().decision_comment], ['returned', 'Tambahkan pelatihan Mengelola Perubahan yang daring.']);
      // returned: editable again
      assert.equal((await learner()('PATCH', `/api/planning/plans/${plan.id}/items/${plan.items.find((i) => i.programme.id === w.b.programmeId)!.id}`, { plannedJp: 10 })).statusCode, 200);
      assert.equal((await learner()('POST', `/api/planning/plans/${plan.id}/submit`)).json().submissions, 3);
    });

    test('approval: the open offering becomes an enrolment request at once; the one whose registration opens later waits', async () => {
      const approved = await supervisor()('POST', `/api/planning/plans/${plan.id}/approve`, { comment: 'Setuju.' });
      assert.equal(approved.statusCode, 200, approved.body);
      plan = approved.json();
      assert.equal(plan.status, 'approved');
      const a = plan.items.find((i) => i.programme.id === w.a.programmeId)!;
      assert.equal(a.state, 'requested');
      assert.ok(a.enrolment_id);
      const enrolment = (await learner()('GET', `/api/learning/enrolments/${a.enrolment_id}`)).json();
      assert.deepEqual([enrolment.status, enrolment.offering.id, enrolment.person.id], ['requested', w.a.offeringId, w.personId]);
      assert.equal(plan.items.find((i) => i.programme.id === w.g.programmeId)!.state, 'planned');
      assert.equal(plan.items.find((i) => i.programme.id === w.b.programmeId)!.state, 'planned', 'a programme item waits for a cohort');
      assert.ok(isProblem(await supervisor()('POST', `/api/planning/plans/${plan.id}/approve`, {}), 409), 'approved once');
      assert.ok(isProblem(await learner()('DELETE', `/api/planning/plans/${plan.id}/items/${a.id}`), 409), 'an approved plan is not edited');
    });

    test('when registration opens the worker makes the request, once, even with two workers at the same time', async () => {
      const provider = await login(t.app, demoEmail(t.demo, 'provider_admin'));
      const opened = await asUser(t.app, provider)('PATCH', `/api/catalog/offerings/${w.g.offeringId}`, { registrationOpens: addDays(today(), -1) });
      assert.equal(opened.statusCode, 200, opened.body);
      const deps = { db: t.database.db, config: t.config };
      const [one, two] = await Promise.all([convertDueItems(deps), convertDueItems(deps)]);
      const requested = [...one, ...two].filter((r) => r.state === 'requested');
      assert.equal(requested.length, 1, JSON.stringify([one, two]));
      const enrolments = await t.database.db.selectFrom('enrolment').select(['id', 'status']).where('civil_servant_id', '=', w.personId).where('offering_id', '=', w.g.offeringId).execute();
      assert.equal(enrolments.length, 1);
      const g = (await learner()('GET', `/api/planning/plans/${plan.id}`)).json().items.find((i: Plan['items'][number]) => i.programme.id === w.g.programmeId);
      assert.deepEqual([g.state, g.enrolment_id], ['requested', enrolments[0].id]);
      assert.deepEqual(await convertDueItems(deps), [], 'nothing left to do');
    });

    test('a refused request is recorded on the item with the reason', async () => {
      // someone without a supervisor: the agency admin decides; the offering's quota leaves their agency no seat
      const db = t.database.db;
      const [p] = await makePeople(db, 1, { agencyId: w.agencyId, tier: 'ahli_muda', rank: 'III/c', supervisorId: null });
      await assess(t, p, { ...ALL_AT_THREE, 'M.08': 2 });
      const s: FakeSession = await sessionFor(db, { civilServantId: p, role: 'learner', scopeType: 'agency', scopeId: w.agencyId });
      const mine = await as(t.app, s)('POST', '/api/planning/plans', { year: w.year, fromRecommendations: false });
      assert.equal(mine.statusCode, 201, mine.body);
      assert.deepEqual(mine.json().items, []);
      const id = mine.json().id;
      assert.ok(isProblem(await as(t.app, s)('POST', `/api/planning/plans/${id}/submit`), 422), 'an empty plan is not submitted');
      assert.equal((await as(t.app, s)('POST', `/api/planning/plans/${id}/items`, { offeringId: w.a.offeringId })).statusCode, 201);
      assert.equal((await as(t.app, s)('POST', `/api/planning/plans/${id}/submit`)).statusCode, 200);
      // every seat of A goes to another agency by quota before the decision
      const other = (await db.selectFrom('agency').select('id').where('code', '=', '33').executeTakeFirstOrThrow()).id;
      await db.insertInto('offering_quota').values({ offering_id: w.a.offeringId, agency_id: other, seats: 30 }).execute();
      const admin = await login(t.app, demoEmail(t.demo, 'agency_admin'));
      assert.deepEqual((await asUser(t.app, admin)('GET', '/api/planning/plans/approvals')).json().items.map((x: Plan) => x.id), [id]);
      const decided = await asUser(t.app, admin)('POST', `/api/planning/plans/${id}/approve`, {});
      assert.equal(decided.statusCode, 200, decided.body);
      const item = decided.json().items[0];
      assert.equal(item.state, 'refused');
      assert.match(item.state_detail, /quota|reserved/i);
      await db.deleteFrom('offering_quota').where('offering_id', '=', w.a.offeringId).execute();
    });

    test('bad years; the audit log has every step', async () => {
      for (const year of [2000, Number(today().slice(0, 4)) + 2]) {
        const res = await learner()('POST', '/api/planning/plans', { year });
        assert.ok(isProblem(res, 400));
        assert.equal(res.json().errors[0].field, 'body.year');
      }
      assert.ok(isProblem(await learner()('GET', '/api/planning/plans/mine?year=1999'), 400));
      const actions = (await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'development_plan').where('entity_id', '=', String(plan.id)).orderBy('id').execute()).map((r) => r.action);
      for (const a of ['development_plan.created', 'development_plan.item_added', 'development_plan.item_updated', 'development_plan.item_removed', 'development_plan.submitted', 'development_plan.withdrawn', 'development_plan.returned', 'development_plan.approved', 'development_plan.item_requested']) {
        assert.ok(actions.includes(a), `${a} in ${actions.join(', ')}`);
      }
    });
  });
}
