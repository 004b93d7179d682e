// Learning through the real server on every back end: enrolment (eligibility, window, double
// enrolment, quotas, approvals, waitlist order and promotion, withdrawal), attendance and
// completion, the JP ledger, notifications — and every bad input of issue 5.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { sweepWaitlists } from '../src/modules/learning/worker.ts';
import { asUser, backends, createTestApp, demoEmail, isProblem, login, type TestApp } from './helpers.ts';
import { addDays, agencyId, as, makeOffering, makePeople, makeProgramme, makeSessions, providerId, seatCounts, sessionFor, shiftIntoPast, today, type FakeSession } from './learning-fixtures.ts';

type As = ReturnType<typeof as>;

function assertProblem(res: LightMyRequestResponse, status: number, type?: string, field?: string) {
  assert.ok(isProblem(res, status), `expected ${status} problem+json, got ${res.statusCode}: ${res.body}`);
  const body = res.json() as { type: string; errors?: { field: string }[]; detail?: string };
  if (type) assert.equal(body.type, `https://kembang.go.id/problems/${type}`, res.body);
  if (field) assert.ok((body.errors ?? []).some((e) => e.field === field), `expected the problem to name ${field}: ${res.body}`);
}

const count = async (db: Kysely<DB>, table: 'enrolment' | 'audit_log' | 'learning_record' | 'notification') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

for (const kind of backends()) {
  describe(`learning (${kind})`, () => {
    let t: TestApp;
    let db: Kysely<DB>;
    let agency: number;
    let otherAgency: number;
    let supervisorId: number;
    let supervisor: As;
    let agencyAdmin: As;
    let lanAdmin: As;
    let national: As;

    /** n learners of the demo agency reporting to the test supervisor, each signed in. */
    async function learners(n: number, spec: { tier?: string; rank?: string; agency?: number; supervisor?: number | null } = {}) {
      const ids = await makePeople(db, n, { agencyId: spec.agency ?? agency, tier: spec.tier ?? 'ahli_muda', rank: spec.rank ?? 'III/c', supervisorId: spec.supervisor === undefined ? supervisorId : spec.supervisor });
      const out: { id: number; as: As; session: FakeSession }[] = [];
      for (const id of ids) {
        const session = await sessionFor(db, { civilServantId: id, role: 'learner', scopeType: 'agency', scopeId: spec.agency ?? agency });
        out.push({ id, session, as: as(t.app, session) });
      }
      return out;
    }

    before(async () => {
      t = await createTestApp(kind, { workerPollMs: 0 });
      db = t.database.db;
      agency = await agencyId(db, '32');
      otherAgency = await agencyId(db, 'KEMENKEU');
      [supervisorId] = await makePeople(db, 1, { agencyId: agency, tier: 'pengawas', rank: 'III/d' });
      supervisor = as(t.app, await sessionFor(db, { civilServantId: supervisorId, role: 'supervisor', scopeType: 'agency', scopeId: agency, extraRoles: ['learner'] }));
      agencyAdmin = asUser(t.app, await login(t.app, demoEmail(t.demo, 'agency_admin'))) as unknown as As;
      lanAdmin = asUser(t.app, await login(t.app, demoEmail(t.demo, 'provider_admin'))) as unknown as As;
      national = asUser(t.app, await login(t.app, demoEmail(t.demo, 'national_admin'))) as unknown as As;
    });
    after(() => t?.close());

    test('request → supervisor approves → enrolled; the seat is held from the request; audit and notifications at each step', async () => {
      const p = await makeProgramme(db);
      const o = await makeOffering(db, p.id, { capacity: 5 });
      const [l] = await learners(1);
      const audits = await count(db, 'audit_log');
      const res = await l.as('POST', '/api/learning/enrolments', { offeringId: o.id });
      assert.equal(res.statusCode, 201, res.body);
      const e = res.json();
      assert.equal(e.status, 'requested');
      assert.equal(e.seat, 'held');
      assert.equal(e.approvals.supervisor, 'pending');
      assert.deepEqual(await seatCounts(db, o.id), { capacity: 5, enrolledCount: 1, held: 1, enrolled: 0 });
      const inbox = (await supervisor('GET', '/api/learning/approvals')).json();
      assert.ok(inbox.asSupervisor.some((x: { id: number }) => x.id === e.id));
      const supNotes = (await supervisor('GET', '/api/notifications')).json();
      assert.ok(supNotes.items.some((n: { kind: string }) => n.kind === 'enrolment.approval_needed'));
      const ok = await supervisor('POST', `/api/learning/enrolments/${e.id}/approve`, {});
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().status, 'enrolled');
      assert.deepEqual(await seatCounts(db, o.id), { capacity: 5, enrolledCount: 1, held: 1, enrolled: 1 });
      type Note = { kind: string; title: string; body: string; title_en: string | null; body_en: string | null };
      const notes = (await l.as('GET', '/api/notifications')).json().items as Note[];
      const kinds = notes.map((n) => n.kind);
      for (const k of ['enrolment.requested', 'enrolment.approved', 'enrolment.enrolled']) assert.ok(kinds.includes(k), `${k} in ${kinds}`);
      // each language in its own field, none of them "Indonesian / English" in one string
      for (const n of notes) {
        for (const text of [n.title, n.body, n.title_en, n.body_en]) assert.ok(text && !text.includes(' / '), `${n.kind}: ${JSON.stringify(n)}`);
        assert.notEqual(n.body, n.body_en, n.kind);
      }
      const enrolled = notes.find((n) => n.kind === 'enrolment.enrolled')!;
      const [y, m, d] = o.start_date.split('-').map(Number);
      const months = { id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'], en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] };
      assert.equal(enrolled.title, `Terdaftar: ${o.code}`);
      assert.equal(enrolled.title_en, `Enrolled: ${o.code}`);
      assert.equal(enrolled.body, `Anda terdaftar di ${o.code}, mulai ${d} ${months.id[m - 1]} ${y}.`);
      assert.equal(enrolled.body_en, `You are enrolled in ${o.code}, starting ${d} ${months.en[m - 1]} ${y}.`);
      assert.ok((await count(db, 'audit_log')) >= audits + 2);
      const mine = (await l.as('GET', '/api/learning/enrolments/mine')).json().items;
      assert.equal(mine[0].id, e.id);
      // the catalogue shows the seats left
      const pub = (await t.app.inject({ method: 'GET', url: `/api/catalog/programmes/${p.id}` })).json();
      assert.equal(pub.offerings[0].seats_left, 4);
    });

    test('bad input: ineligible (tier, rank, prerequisite), outside the registration window, twice, above quota — clear errors, nothing written', async () => {
      const prereq = await makeProgramme(db);
      const p = await makeProgramme(db, { tiers: ['administrator'], rankMin: 'III/d', rankMax: 'IV/b', prerequisites: [prereq.id] });
      const o = await makeOffering(db, p.id);
      const [wrongTier] = await learners(1, { tier: 'ahli_muda', rank: 'IV/a' });
      const [lowRank] = await learners(1, { tier: 'administrator', rank: 'III/a' });
      const [highRank] = await learners(1, { tier: 'administrator', rank: 'IV/d' });
      const [noPrereq] = await learners(1, { tier: 'administrator', rank: 'IV/a' });
      const before = [await count(db, 'enrolment'), await count(db, 'audit_log')];
      for (const [who, text] of [[wrongTier, /position tiers administrator/], [lowRank, /below the programme's minimum III\/d/], [highRank, /above the programme's maximum IV\/b/], [noPrereq, /prerequisite/]] as const) {
        const res = await who.as('POST', '/api/learning/enrolments', { offeringId: o.id });
        assertProblem(res, 422, 'not-eligible', 'body.offeringId');
        assert.match(res.json().detail, text);
      }
      assert.deepEqual([await count(db, 'enrolment'), await count(db, 'audit_log')], before, 'nothing partially applied');
      // registration window
      const q = await makeProgramme(db);
      const early = await makeOffering(db, q.id, { opens: 3, closes: 10 });
      const late = await makeOffering(db, q.id, { opens: -10, closes: -1 });
      const [l] = await learners(1);
      assertProblem(await l.as('POST', '/api/learning/enrolments', { offeringId: early.id }), 409, 'registration-closed', 'body.offeringId');
      assertProblem(await l.as('POST', '/api/learning/enrolments', { offeringId: late.id }), 409, 'registration-closed', 'body.offeringId');
      // twice: the same offering, and another offering of the same programme
      const open = await makeOffering(db, q.id);
      const open2 = await makeOffering(db, q.id);
      assert.equal((await l.as('POST', '/api/learning/enrolments', { offeringId: open.id })).statusCode, 201);
      assertProblem(await l.as('POST', '/api/learning/enrolments', { offeringId: open.id }), 409, 'already-enrolled', 'body.offeringId');
      assertProblem(await l.as('POST', '/api/learning/enrolments', { offeringId: open2.id }), 409, 'already-enrolled');
      // quota: agency 32 has 2 seats, KEMENKEU 3; capacity 7 → 2 unreserved for other agencies
      const quota = await makeOffering(db, q.id, { capacity: 7, quotas: [[agency, 2], [otherAgency, 3]] });
      const ours = await learners(3);
      assert.equal((await ours[0].as('POST', '/api/learning/enrolments', { offeringId: quota.id })).statusCode, 201);
      assert.equal((await ours[1].as('POST', '/api/learning/enrolments', { offeringId: quota.id })).statusCode, 201);
      const above = await ours[2].as('POST', '/api/learning/enrolments', { offeringId: quota.id });
      assertProblem(above, 409, 'quota-exceeded', 'body.offeringId');
      assert.match(above.json().detail, /quota/);
      const reserved = await makeOffering(db, q.id, { capacity: 5, quotas: [[otherAgency, 5]] });
      assertProblem(await ours[2].as('POST', '/api/learning/enrolments', { offeringId: reserved.id }), 409, 'quota-exceeded');
      // unknown offering, malformed body
      assertProblem(await ours[2].as('POST', '/api/learning/enrolments', { offeringId: 99999999 }), 404);
      assertProblem(await ours[2].as('POST', '/api/learning/enrolments', { offeringId: 'x' }), 400, 'validation', 'body.offeringId');
      assertProblem(await ours[2].as('POST', '/api/learning/enrolments', {}), 400, 'validation', 'body.offeringId');
      // an account that is not a civil servant cannot enrol
      assertProblem(await agencyAdmin('POST', '/api/learning/enrolments', { offeringId: open.id }), 403);
      assert.deepEqual(await seatCounts(db, quota.id), { capacity: 7, enrolledCount: 2, held: 2, enrolled: 0 });
    });

    test('approving someone who is not your report: 404; the agency admin cannot take the supervisor step; reject needs a reason', async () => {
      const p = await makeProgramme(db);
      const o = await makeOffering(db, p.id);
      const [l] = await learners(1);
      const e = (await l.as('POST', '/api/learning/enrolments', { offeringId: o.id })).json();
      const [otherSupId] = await makePeople(db, 1, { agencyId: agency, tier: 'pengawas', rank: 'III/d' });
      const otherSup = as(t.app, await sessionFor(db, { civilServantId: otherSupId, role: 'supervisor', scopeType: 'agency', scopeId: agency }));
      assertProblem(await otherSup('POST', `/api/learning/enrolments/${e.id}/approve`, {}), 404);
      assertProblem(await otherSup('POST', `/api/learning/enrolments/${e.id}/reject`, { reason: 'no' }), 404);
      assertProblem(await agencyAdmin('POST', `/api/learning/enrolments/${e.id}/approve`, {}), 403);
      assertProblem(await l.as('POST', `/api/learning/enrolments/${e.id}/approve`, {}), 403);
      assertProblem(await supervisor('POST', `/api/learning/enrolments/${e.id}/reject`, {}), 400, 'validation', 'body.reason');
      assertProblem(await supervisor('POST', '/api/learning/enrolments/99999999/approve', {}), 404);
      assert.equal((await l.as('GET', `/api/learning/enrolments/${e.id}`)).json().status, 'requested', 'nothing changed');
      const rejected = await supervisor('POST', `/api/learning/enrolments/${e.id}/reject`, { reason: 'Beban kerja unit sedang tinggi' });
      assert.equal(rejected.json().status, 'rejected');
      assertProblem(await supervisor('POST', `/api/learning/enrolments/${e.id}/approve`, {}), 409);
      assert.deepEqual(await seatCounts(db, o.id), { capacity: 30, enrolledCount: 0, held: 0, enrolled: 0 }, 'the rejection freed the seat');
    });

    test('waitlist: required by position or mandate first, then the larger gap, then request time; freed seats (withdrawal, rejection, capacity increase) promote automatically', async () => {
      const p = await makeProgramme(db, { competencies: [['M.01', 1, 3], ['M.02', 1, 3]] });
      const o = await makeOffering(db, p.id, { capacity: 2 });
      const people = await learners(5);
      const [a, b, small, large, early] = people;
      // `small` is assessed at the required level (gap 0), `large` and `early` not at all (gap 3 + 3)
      const assess = await agencyAdmin('POST', '/api/competency/assessments', { assessments: ['M.01', 'M.02'].map((c) => ({ civilServantId: small.id, competencyCode: c, level: 3, method: 'cat', assessedOn: addDays(today(), -10), assessor: 'UPT Penilaian' })) });
      assert.equal(assess.statusCode, 201, assess.body);
      for (const x of [a, b, early, small, large]) assert.equal((await x.as('POST', '/api/learning/enrolments', { offeringId: o.id })).statusCode, 201);
      // an agency mandate (nomination) of someone without a supervisor: approved by the nomination, straight to the waitlist, first in line
      const [mandatedId] = await makePeople(db, 1, { agencyId: agency, supervisorId: null });
      const nom = await agencyAdmin('POST', '/api/learning/nominations', { offeringId: o.id, civilServantIds: [mandatedId], mandatory: true });
      assert.equal(nom.statusCode, 200, nom.body);
      assert.equal(nom.json().items[0].outcome, 'waitlisted');
      for (const x of people) {
        const mine = (await x.as('GET', '/api/learning/enrolments/mine')).json().items[0];
        assert.equal((await supervisor('POST', `/api/learning/enrolments/${mine.id}/approve`, {})).statusCode, 200);
      }
      const cohort = (await lanAdmin('GET', `/api/learning/offerings/${o.id}/cohort`)).json();
      assert.deepEqual(cohort.participants.map((x: { person: { id: number } }) => x.person.id).sort(), [a.id, b.id].sort());
      assert.deepEqual(cohort.waitlist.map((x: { person: { id: number } }) => x.person.id), [mandatedId, early.id, large.id, small.id], 'mandate first, then gap, then request time');
      assert.deepEqual(cohort.waitlist.map((x: { queuePosition: number }) => x.queuePosition), [1, 2, 3, 4]);
      // withdrawal frees a seat → the mandated person is promoted and told
      const aEnrolment = (await a.as('GET', '/api/learning/enrolments/mine')).json().items[0];
      const w = await a.as('POST', `/api/learning/enrolments/${aEnrolment.id}/withdraw`, { reason: 'Tugas dinas luar kota' });
      assert.equal(w.statusCode, 200, w.body);
      const promotedId = w.json().promoted[0];
      const promoted = await db.selectFrom('enrolment').select(['civil_servant_id', 'status']).where('id', '=', promotedId).executeTakeFirstOrThrow();
      assert.deepEqual([Number(promoted.civil_servant_id), promoted.status], [mandatedId, 'enrolled']);
      assert.ok(await db.selectFrom('notification').select('id').where('recipient_civil_servant_id', '=', mandatedId).where('kind', '=', 'enrolment.promoted').executeTakeFirst());
      assert.deepEqual(await seatCounts(db, o.id), { capacity: 2, enrolledCount: 2, held: 2, enrolled: 2 });
      // capacity raised in the catalogue → the worker's sweep gives the new seat to the next in line (larger gap before earlier small gap)
      const patch = await lanAdmin('PATCH', `/api/catalog/offerings/${o.id}`, { capacity: 4 });
      assert.equal(patch.statusCode, 200, patch.body);
      assert.equal(await sweepWaitlists({ db, config: t.config }), 2);
      const statuses = async (id: number) => (await db.selectFrom('enrolment').select('status').where('civil_servant_id', '=', id).where('offering_id', '=', o.id).executeTakeFirstOrThrow()).status;
      assert.equal(await statuses(early.id), 'enrolled');
      assert.equal(await statuses(large.id), 'enrolled');
      assert.equal(await statuses(small.id), 'waitlisted');
      assert.deepEqual(await seatCounts(db, o.id), { capacity: 4, enrolledCount: 4, held: 4, enrolled: 4 });
      // the catalogue refuses to shrink below the seats taken
      assertProblem(await lanAdmin('PATCH', `/api/catalog/offerings/${o.id}`, { capacity: 3 }), 400, 'validation', 'body.capacity');
      // a rejection of a seat-holding request frees its seat for the next person waiting
      const p2 = await makeProgramme(db);
      const o2 = await makeOffering(db, p2.id, { capacity: 1 });
      const [g, h] = await learners(2);
      const ge = (await g.as('POST', '/api/learning/enrolments', { offeringId: o2.id })).json();
      const he = (await h.as('POST', '/api/learning/enrolments', { offeringId: o2.id })).json();
      assert.deepEqual([ge.seat, he.seat, he.queuePosition], ['held', 'queued', 1]);
      await supervisor('POST', `/api/learning/enrolments/${ge.id}/reject`, { reason: 'Belum prioritas' });
      assert.equal((await h.as('GET', `/api/learning/enrolments/${he.id}`)).json().seat, 'held');
      assert.deepEqual(await seatCounts(db, o2.id), { capacity: 1, enrolledCount: 1, held: 1, enrolled: 0 });
    });

    test('withdrawal deadline: the learner until registration closes, the agency admin until the start', async () => {
      const p = await makeProgramme(db);
      const o = await makeOffering(db, p.id, { capacity: 3 });
      const [l, m] = await learners(2);
      const e = (await l.as('POST', '/api/learning/enrolments', { offeringId: o.id })).json();
      const e2 = (await m.as('POST', '/api/learning/enrolments', { offeringId: o.id })).json();
      await db.updateTable('offering').set({ registration_opens: addDays(today(), -20), registration_closes: addDays(today(), -1) }).where('id', '=', o.id).execute();
      assertProblem(await l.as('POST', `/api/learning/enrolments/${e.id}/withdraw`, {}), 409, 'deadline-passed');
      assertProblem(await l.as('POST', `/api/learning/enrolments/${e2.id}/withdraw`, {}), 404, undefined, undefined);
      const ok = await agencyAdmin('POST', `/api/learning/enrolments/${e.id}/withdraw`, { reason: 'Mutasi jabatan' });
      assert.equal(ok.statusCode, 200, ok.body);
      assertProblem(await agencyAdmin('POST', `/api/learning/enrolments/${e.id}/withdraw`, {}), 409);
      assert.deepEqual(await seatCounts(db, o.id), { capacity: 3, enrolledCount: 1, held: 1, enrolled: 0 });
    });

    test('nominations: a batch reports each person; allOrNothing refuses the batch and applies nothing', async () => {
      const p = await makeProgramme(db, { tiers: ['ahli_muda'] });
      const o = await makeOffering(db, p.id, { capacity: 10 });
      const ok = await makePeople(db, 2, { agencyId: agency, supervisorId: supervisorId });
      const [wrongTier] = await makePeople(db, 1, { agencyId: agency, tier: 'pelaksana', rank: 'II/c' });
      const [foreign] = await makePeople(db, 1, { agencyId: otherAgency });
      const before = await count(db, 'enrolment');
      const all = await agencyAdmin('POST', '/api/learning/nominations', { offeringId: o.id, civilServantIds: [ok[0], wrongTier, foreign], allOrNothing: true });
      assertProblem(all, 409, undefined, 'body.civilServantIds.1');
      assert.ok(all.json().errors.some((x: { field: string }) => x.field === 'body.civilServantIds.2'));
      assert.equal(await count(db, 'enrolment'), before, 'nothing applied');
      const each = await agencyAdmin('POST', '/api/learning/nominations', { offeringId: o.id, civilServantIds: [ok[0], wrongTier, foreign, ok[1]] });
      assert.equal(each.statusCode, 200, each.body);
      assert.deepEqual(each.json().items.map((x: { outcome: string }) => x.outcome), ['requested', 'refused', 'refused', 'requested']);
      assert.equal(each.json().items[1].problem.status, 422);
      assert.equal(each.json().items[2].problem.status, 404);
      assert.equal(await count(db, 'enrolment'), before + 2);
      assertProblem(await agencyAdmin('POST', '/api/learning/nominations', { offeringId: o.id, civilServantIds: [ok[0], ok[0]] }), 400, 'validation', 'body.civilServantIds.1');
      assertProblem(await agencyAdmin('POST', '/api/learning/nominations', { offeringId: o.id, civilServantIds: [] }), 400, 'validation');
      // the nominee was told
      assert.ok(await db.selectFrom('notification').select('id').where('recipient_civil_servant_id', '=', ok[0]).where('kind', '=', 'enrolment.nominated').executeTakeFirst());
    });

    test('an agency that requires its own approval: supervisor → approved → agency admin → enrolled', async () => {
      const [otherSupId] = await makePeople(db, 1, { agencyId: otherAgency, tier: 'pengawas', rank: 'III/d' });
      const kemenkeuSup = as(t.app, await sessionFor(db, { civilServantId: otherSupId, role: 'supervisor', scopeType: 'agency', scopeId: otherAgency }));
      const kemenkeuAdmin = as(t.app, await sessionFor(db, { role: 'agency_admin', scopeType: 'agency', scopeId: otherAgency }));
      const set = await kemenkeuAdmin('PUT', `/api/learning/agencies/${otherAgency}/settings`, { agencyApprovalRequired: true });
      assert.equal(set.statusCode, 200, set.body);
      assertProblem(await agencyAdmin('PUT', `/api/learning/agencies/${otherAgency}/settings`, { agencyApprovalRequired: false }), 403);
      const p = await makeProgramme(db);
      const o = await makeOffering(db, p.id);
      const [l] = await learners(1, { agency: otherAgency, supervisor: otherSupId });
      const e = (await l.as('POST', '/api/learning/enrolments', { offeringId: o.id })).json();
      assert.equal(e.approvals.agency, 'pending');
      assertProblem(await kemenkeuAdmin('POST', `/api/learning/enrolments/${e.id}/approve`, {}), 403, undefined, undefined);
      assert.equal((await kemenkeuSup('POST', `/api/learning/enrolments/${e.id}/approve`, {})).json().status, 'approved');
      assert.ok((await kemenkeuAdmin('GET', '/api/learning/approvals')).json().asAgency.some((x: { id: number }) => x.id === e.id));
      assertProblem(await agencyAdmin('POST', `/api/learning/enrolments/${e.id}/approve`, {}), 404);
      assert.equal((await kemenkeuAdmin('POST', `/api/learning/enrolments/${e.id}/approve`, {})).json().status, 'enrolled');
    });

    test('attendance (grid, bulk, by the delivering partner), scores, completion by the rules; completing without attendance data is refused', async () => {
      const lan = await providerId(db, 'LAN');
      const nus = await providerId(db, 'NUSANTARA-LEAD');
      const p = await makeProgramme(db, { partners: ['NUSANTARA-LEAD'], jp: 30, learningForm: 'course' });
      const o = await makeOffering(db, p.id, { capacity: 10 });
      const sessions = await makeSessions(db, o, [lan, nus, lan], ['Inti', 'Inovasi', 'Inovasi']);
      const rules = await lanAdmin('PUT', `/api/learning/programmes/${p.id}/completion-rules`, { minAttendancePct: 60, passScore: 70, requiredModules: ['Inti'] });
      assert.equal(rules.statusCode, 200, rules.body);
      const nusAdmin = as(t.app, await sessionFor(db, { role: 'provider_admin', scopeType: 'provider', scopeId: nus }));
      assertProblem(await nusAdmin('PUT', `/api/learning/programmes/${p.id}/completion-rules`, { minAttendancePct: 0, passScore: null, requiredModules: [] }), 403);
      const ids = await makePeople(db, 5, { agencyId: agency, supervisorId: null });
      const nom = (await agencyAdmin('POST', '/api/learning/nominations', { offeringId: o.id, civilServantIds: ids })).json().items;
      assert.ok(nom.every((x: { outcome: string }) => x.outcome === 'enrolled'), JSON.stringify(nom));
      const [e1, e2, e3, e4, e5] = nom.map((x: { enrolmentId: number }) => x.enrolmentId);
      // before the offering: no attendance yet → completion refused, nothing written
      const records = await count(db, 'learning_record');
      const early = await lanAdmin('POST', `/api/learning/offerings/${o.id}/completions`, { items: [{ enrolmentId: e1 }], allOrNothing: true });
      assertProblem(early, 422, 'no-attendance-data', 'body.items.0.enrolmentId');
      const each = (await lanAdmin('POST', `/api/learning/offerings/${o.id}/completions`, { items: [{ enrolmentId: e1 }] })).json().items;
      assert.equal(each[0].outcome, 'refused');
      assert.match(each[0].reasons[0], /attendance is not recorded/);
      assertProblem(await lanAdmin('PUT', `/api/learning/offerings/${o.id}/attendance`, { records: [{ enrolmentId: e1, sessionId: sessions[0], status: 'present' }] }), 400, 'validation', 'body.records.0.sessionId');
      await shiftIntoPast(db, o.id, 40);
      // the partner records only the session it delivers; the lead records any; a bad cell refuses the whole batch
      assert.equal((await lanAdmin('PUT', `/api/learning/offerings/${o.id}/attendance`, { records: [{ enrolmentId: e1, sessionId: sessions[1], status: 'absent' }] })).statusCode, 200);
      assertProblem(await nusAdmin('PUT', `/api/learning/offerings/${o.id}/attendance`, { records: [{ enrolmentId: e1, sessionId: sessions[0], status: 'present' }] }), 400, 'validation', 'body.records.0.sessionId');
      assertProblem(await lanAdmin('PUT', `/api/learning/offerings/${o.id}/attendance`, { records: [{ enrolmentId: e1, sessionId: sessions[0], status: 'present' }, { enrolmentId: 99999, sessionId: sessions[0], status: 'present' }] }), 400, 'validation', 'body.records.1.enrolmentId');
      assertProblem(await lanAdmin('PUT', `/api/learning/offerings/${o.id}/attendance`, { records: [{ enrolmentId: e1, sessionId: sessions[0], status: 'maybe' }] }), 400, 'validation');
      const grid: Record<number, string[]> = { [e1]: ['present', 'present', 'late'], [e2]: ['absent', 'present', 'present'], [e3]: ['present', 'present', 'absent'], [e4]: ['present', 'absent', 'absent'] };
      const lanCells = Object.entries(grid).flatMap(([e, s]) => [0, 2].map((i) => ({ enrolmentId: Number(e), sessionId: sessions[i], status: s[i] })));
      const nusCells = Object.entries(grid).map(([e, s]) => ({ enrolmentId: Number(e), sessionId: sessions[1], status: s[1] }));
      assert.equal((await lanAdmin('PUT', `/api/learning/offerings/${o.id}/attendance`, { records: lanCells })).json().recorded, 8);
      assert.equal((await nusAdmin('PUT', `/api/learning/offerings/${o.id}/attendance`, { records: nusCells })).json().recorded, 4);
      // e5 has no marks at all; scores: e3 fails the pass score, e4 has none
      assertProblem(await nusAdmin('PUT', `/api/learning/offerings/${o.id}/scores`, { scores: [{ enrolmentId: e1, score: 80 }] }), 403);
      assertProblem(await lanAdmin('PUT', `/api/learning/offerings/${o.id}/scores`, { scores: [{ enrolmentId: e1, score: 101 }] }), 400, 'validation');
      assert.equal((await lanAdmin('PUT', `/api/learning/offerings/${o.id}/scores`, { scores: [{ enrolmentId: e1, score: 85 }, { enrolmentId: e2, score: 90 }, { enrolmentId: e3, score: 50 }] })).statusCode, 200);
      const cohort = (await lanAdmin('GET', `/api/learning/offerings/${o.id}/cohort`)).json();
      const row1 = cohort.participants.find((x: { id: number }) => x.id === e1);
      assert.deepEqual(row1.attendance, ['present', 'present', 'late']);
      assert.equal(row1.score, 85);
      assert.deepEqual(cohort.sessions.map((s: { mayRecord: boolean }) => s.mayRecord), [true, true, true]);
      assert.deepEqual((await nusAdmin('GET', `/api/learning/offerings/${o.id}/cohort`)).json().sessions.map((s: { mayRecord: boolean }) => s.mayRecord), [false, true, false]);
      // all-or-nothing with one refusal (e5: no attendance data) applies nothing
      assertProblem(await lanAdmin('POST', `/api/learning/offerings/${o.id}/completions`, { items: [{ enrolmentId: e1 }, { enrolmentId: e5 }], allOrNothing: true }), 422, 'no-attendance-data', 'body.items.1.enrolmentId');
      assert.equal(await count(db, 'learning_record'), records);
      assertProblem(await nusAdmin('POST', `/api/learning/offerings/${o.id}/completions`, { items: [{ enrolmentId: e1 }] }), 403);
      assertProblem(await lanAdmin('POST', `/api/learning/offerings/${o.id}/completions`, { items: [{ enrolmentId: e1, decision: 'not_completed' }] }), 400, 'validation', 'body.items.0.reason');
      const out = await lanAdmin('POST', `/api/learning/offerings/${o.id}/completions`, { items: [e1, e2, e3, e4, e5].map((enrolmentId) => ({ enrolmentId })) });
      assert.equal(out.statusCode, 200, out.body);
      const byId = Object.fromEntries(out.json().items.map((x: { enrolmentId: number }) => [x.enrolmentId, x]));
      assert.equal(byId[e1].outcome, 'completed');
      assert.equal(byId[e1].attendancePct, 100);
      assert.ok(byId[e1].learningRecordId);
      assert.ok(byId[e1].certificateId, 'the certificate is issued in the completion transaction');
      assert.ok(await db.selectFrom('notification').select('id').where('recipient_civil_servant_id', '=', ids[0]).where('kind', '=', 'certificate.issued').executeTakeFirst());
      assert.equal(byId[e2].outcome, 'not_completed');
      assert.match(byId[e2].reasons.join(), /required module "Inti"/);
      assert.equal(byId[e3].outcome, 'not_completed');
      assert.match(byId[e3].reasons.join(), /score 50 is below the pass score 70/);
      assert.equal(byId[e4].outcome, 'refused', 'no score while the programme has a pass score');
      assert.equal(byId[e5].outcome, 'refused');
      // the JP of the programme are credited once; completing again is refused and credits nothing
      const rec = await db.selectFrom('learning_record').selectAll().where('id', '=', byId[e1].learningRecordId).executeTakeFirstOrThrow();
      assert.deepEqual([rec.source, rec.source_ref, Number(rec.jp), rec.status], ['offering', `enrolment:${e1}`, 30, 'credited']);
      assertProblem(await lanAdmin('POST', `/api/learning/offerings/${o.id}/completions`, { items: [{ enrolmentId: e1 }], allOrNothing: true }), 422);
      assert.equal(await count(db, 'learning_record'), records + 1);
      const ledger = (await national('GET', `/api/learning/people/${ids[0]}/jp?year=${rec.year}`)).json();
      assert.equal(ledger.jp, 30);
      assert.equal(ledger.status, 'met');
      // no-show: once started, enrolled only
      assert.equal((await lanAdmin('POST', `/api/learning/offerings/${o.id}/no-shows`, { enrolmentIds: [e5] })).json().marked, 1);
      assertProblem(await lanAdmin('POST', `/api/learning/offerings/${o.id}/no-shows`, { enrolmentIds: [e1] }), 400, 'validation', 'body.enrolmentIds.0');
      // the programme's JP cannot change now that it has enrolments (catalogue hook)
      assertProblem(await lanAdmin('PATCH', `/api/catalog/programmes/${p.id}`, { jp: 31 }), 409);
      // someone outside the programme sees no cohort
      const ui = as(t.app, await sessionFor(db, { role: 'provider_admin', scopeType: 'provider', scopeId: await providerId(db, 'UI') }));
      assertProblem(await ui('GET', `/api/learning/offerings/${o.id}/cohort`), 404);
    });

    test('JP ledger: self-reported activities with evidence and supervisor approval, the conversion table, 20-JP status, compliance by unit, agency, nation', async () => {
      const [l] = await learners(1);
      const good = { learningForm: 'seminar', title: 'Seminar nasional reformasi birokrasi', startedOn: addDays(today(), -3), endedOn: addDays(today(), -3), minutes: 270, evidenceUrl: 'https://example.id/sertifikat.pdf' };
      assertProblem(await l.as('POST', '/api/learning/activities', { ...good, evidenceUrl: undefined }), 400, 'validation', 'body.evidenceUrl');
      assertProblem(await l.as('POST', '/api/learning/activities', { ...good, endedOn: addDays(today(), 5), startedOn: addDays(today(), 4) }), 400, 'validation', 'body.endedOn');
      assertProblem(await l.as('POST', '/api/learning/activities', { ...good, startedOn: '2025-02-30' }), 400, 'validation', 'body.startedOn');
      assertProblem(await l.as('POST', '/api/learning/activities', { ...good, learningForm: 'party' }), 400, 'validation', 'body.learningForm');
      assertProblem(await l.as('POST', '/api/learning/activities', { ...good, minutes: 0 }), 400, 'validation', 'body.minutes');
      const a = await l.as('POST', '/api/learning/activities', good);
      assert.equal(a.statusCode, 201, a.body);
      assert.equal(a.json().jp, 6, '270 minutes / 45 = 6 JP');
      // the cap per activity: seminars count at most 8 JP
      const capped = (await l.as('POST', '/api/learning/activities', { ...good, title: 'Seminar panjang', minutes: 900 })).json();
      assert.equal(capped.jp, 8);
      const [otherSupId] = await makePeople(db, 1, { agencyId: agency, tier: 'pengawas', rank: 'III/d' });
      const otherSup = as(t.app, await sessionFor(db, { civilServantId: otherSupId, role: 'supervisor', scopeType: 'agency', scopeId: agency }));
      assertProblem(await otherSup('POST', `/api/learning/activities/${a.json().id}/approve`, {}), 404);
      assertProblem(await agencyAdmin('POST', `/api/learning/activities/${a.json().id}/approve`, {}), 403);
      assert.ok((await supervisor('GET', '/api/learning/approvals')).json().activities.some((x: { id: number }) => x.id === a.json().id));
      const ok = await supervisor('POST', `/api/learning/activities/${a.json().id}/approve`, {});
      assert.equal(ok.statusCode, 200, ok.body);
      assert.ok(ok.json().learningRecordId);
      assertProblem(await supervisor('POST', `/api/learning/activities/${a.json().id}/approve`, {}), 409);
      assert.equal((await supervisor('POST', `/api/learning/activities/${capped.id}/reject`, { reason: 'Bukti tidak sesuai' })).json().status, 'rejected');
      const mine = (await l.as('GET', '/api/learning/jp/mine')).json();
      assert.equal(mine.jp, 6);
      assert.equal(mine.entitlement, 20);
      assert.ok(['on_track', 'at_risk'].includes(mine.status));
      assert.equal(mine.records[0].source, 'self_report');
      // conversion table: national admins only; a new rate applies to new reports
      assertProblem(await agencyAdmin('PUT', '/api/learning/jp-conversions/seminar', { minutesPerJp: 60, maxJpPerActivity: null, selfReportAllowed: true }), 403);
      assertProblem(await national('PUT', '/api/learning/jp-conversions/party', { minutesPerJp: 60, maxJpPerActivity: null, selfReportAllowed: true }), 400, 'validation', 'params.form');
      assert.equal((await national('PUT', '/api/learning/jp-conversions/seminar', { minutesPerJp: 60, maxJpPerActivity: null, selfReportAllowed: true })).statusCode, 200);
      assert.equal((await l.as('POST', '/api/learning/activities', { ...good, title: 'Seminar lain', minutes: 900 })).json().jp, 15);
      assert.equal((await national('PUT', '/api/learning/jp-conversions/internship', { minutesPerJp: 45, maxJpPerActivity: null, selfReportAllowed: false })).statusCode, 200);
      assertProblem(await l.as('POST', '/api/learning/activities', { ...good, learningForm: 'internship' }), 400, 'validation', 'body.learningForm');
      // compliance: the agency admin for their agency, national roles for all
      const comp = await agencyAdmin('GET', `/api/learning/agencies/${agency}/jp-compliance?limit=500`);
      assert.equal(comp.statusCode, 200, comp.body);
      const c = comp.json();
      assert.equal(c.totals.people, c.totals.met + c.totals.on_track + c.totals.at_risk);
      assert.ok(c.totals.met >= 1, 'the completer of 30 JP');
      const me = c.people.find((x: { id: number }) => x.id === l.id);
      assert.equal(me.jp, 6);
      const atRisk = (await agencyAdmin('GET', `/api/learning/agencies/${agency}/jp-compliance?status=at_risk&limit=5`)).json();
      assert.ok(atRisk.people.every((x: { status: string }) => x.status === 'at_risk'));
      assertProblem(await agencyAdmin('GET', `/api/learning/agencies/${otherAgency}/jp-compliance`), 403);
      const nation = (await national('GET', '/api/learning/jp-compliance/national')).json();
      assert.ok(nation.agencies.length >= 5);
      assert.equal(nation.nation.people, nation.agencies.reduce((n: number, a: { people: number }) => n + a.people, 0));
      assert.equal(nation.agencies.find((a: { agencyId: number }) => a.agencyId === agency).met, c.totals.met);
      assertProblem(await agencyAdmin('GET', '/api/learning/jp-compliance/national'), 403);
      // a ledger out of scope: 404
      const [stranger] = await makePeople(db, 1, { agencyId: otherAgency });
      assertProblem(await l.as('GET', `/api/learning/people/${stranger}/jp`), 404);
    });

    test('notifications: mine only, newest first, mark read (some or all); another person\'s are not found', async () => {
      const [l] = await learners(1);
      const p = await makeProgramme(db);
      const o = await makeOffering(db, p.id);
      await l.as('POST', '/api/learning/enrolments', { offeringId: o.id });
      const list = (await l.as('GET', '/api/notifications')).json();
      assert.ok(list.unread >= 1);
      const first = list.items[0].id;
      const other = (await supervisor('GET', '/api/notifications')).json().items[0].id;
      assertProblem(await l.as('POST', '/api/notifications/read', { ids: [other] }), 404);
      assertProblem(await l.as('POST', '/api/notifications/read', {}), 400, 'validation', 'body.ids');
      assert.equal((await l.as('POST', '/api/notifications/read', { ids: [first] })).json().updated, 1);
      assert.equal((await l.as('GET', '/api/notifications?unreadOnly=true')).json().items.some((n: { id: number }) => n.id === first), false);
      await l.as('POST', '/api/notifications/read', { all: true });
      assert.equal((await l.as('GET', '/api/notifications')).json().unread, 0);
      assert.ok((await supervisor('GET', '/api/notifications')).json().unread >= 1, "the supervisor's stay unread");
    });

    test('the demo seed: a partly filled 20-JP bar for the demo learner and requests in the demo supervisor\'s inbox; seats agree with enrolments', async () => {
      const learner = asUser(t.app, await login(t.app, demoEmail(t.demo, 'learner')));
      const sup = asUser(t.app, await login(t.app, demoEmail(t.demo, 'supervisor')));
      const ledger = (await learner('GET', '/api/learning/jp/mine')).json();
      assert.ok(ledger.jp > 0 && ledger.jp < 20, `partly filled: ${ledger.jp}`);
      assert.ok(ledger.records.some((r: { source: string }) => r.source === 'offering'));
      assert.ok(ledger.records.some((r: { source: string }) => r.source === 'self_report'));
      const inbox = (await sup('GET', '/api/learning/approvals')).json();
      assert.ok(inbox.asSupervisor.length >= 1);
      assert.ok(inbox.activities.length >= 1);
      const mismatched = await db
        .selectFrom('offering as o')
        .select('o.id')
        .where((eb) => eb('o.enrolled_count', '<>', eb.selectFrom('enrolment as e').select((x) => x.fn.countAll<number>().as('n')).whereRef('e.offering_id', '=', 'o.id').where('e.seat_held', '=', true)))
        .execute();
      assert.deepEqual(mismatched, []);
    });
  });
}
