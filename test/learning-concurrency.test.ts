// 500 simultaneous enrolment requests for 50 seats never overbook — through the real server, on
// PGlite and on PostgreSQL with a pool of 20 connections; then 500 simultaneous approvals and a
// burst of withdrawals with promotions, and the seat count still agrees with the enrolments.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, createTestApp, type TestApp } from './helpers.ts';
import { agencyId, as, makeOffering, makePeople, makeProgramme, seatCounts, sessionFor, type FakeSession } from './learning-fixtures.ts';

const N = 500;
const SEATS = 50;

for (const kind of backends()) {
  describe(`learning seats under concurrency (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(kind, { workerPollMs: 0 });
    });
    after(() => t?.close());

    test(`${N} simultaneous requests for ${SEATS} seats: exactly ${SEATS} seats held, never more`, async () => {
      const db = t.database.db;
      const agency = await agencyId(db, '32');
      const [supId] = await makePeople(db, 1, { agencyId: agency, tier: 'pengawas', rank: 'III/d' });
      const supervisor = as(t.app, await sessionFor(db, { civilServantId: supId, role: 'supervisor', scopeType: 'agency', scopeId: agency }));
      const programme = await makeProgramme(db);
      const offering = await makeOffering(db, programme.id, { capacity: SEATS });
      const ids = await makePeople(db, N, { agencyId: agency, supervisorId: supId });
      const sessions: FakeSession[] = [];
      for (const id of ids) sessions.push(await sessionFor(db, { civilServantId: id, role: 'learner', scopeType: 'agency', scopeId: agency }));

      const results = await Promise.all(sessions.map((s) => as(t.app, s)('POST', '/api/learning/enrolments', { offeringId: offering.id })));
      const statuses = results.map((r) => r.statusCode);
      assert.deepEqual([...new Set(statuses)], [201], `every request answered 201: ${results.find((r) => r.statusCode !== 201)?.body}`);
      const seats = results.map((r) => r.json().seat);
      assert.equal(seats.filter((s) => s === 'held').length, SEATS);
      assert.equal(seats.filter((s) => s === 'queued').length, N - SEATS);
      assert.deepEqual(await seatCounts(db, offering.id), { capacity: SEATS, enrolledCount: SEATS, held: SEATS, enrolled: 0 });
      const positions = results.filter((r) => r.json().seat === 'queued').map((r) => r.json().queuePosition);
      assert.ok(Math.max(...positions) <= N - SEATS);

      // the supervisor approves all 500 at once: 50 enrolled, 450 waitlisted
      const approvals = await Promise.all(results.map((r) => supervisor('POST', `/api/learning/enrolments/${r.json().id}/approve`, {})));
      assert.deepEqual([...new Set(approvals.map((a) => a.statusCode))], [200], approvals.find((a) => a.statusCode !== 200)?.body);
      assert.equal(approvals.filter((a) => a.json().status === 'enrolled').length, SEATS);
      assert.equal(approvals.filter((a) => a.json().status === 'waitlisted').length, N - SEATS);

      // 20 enrolled people withdraw at once while 20 more requests arrive: promotions fill the seats, never beyond
      const enrolledIds = approvals.filter((a) => a.json().status === 'enrolled').slice(0, 20).map((a) => a.json().id as number);
      const late = await makePeople(db, 20, { agencyId: agency, supervisorId: supId });
      const lateSessions: FakeSession[] = [];
      for (const id of late) lateSessions.push(await sessionFor(db, { civilServantId: id, role: 'learner', scopeType: 'agency', scopeId: agency }));
      const byId = new Map(results.map((r, i) => [r.json().id as number, sessions[i]]));
      const burst = await Promise.all([
        ...enrolledIds.map((id) => as(t.app, byId.get(id)!)('POST', `/api/learning/enrolments/${id}/withdraw`, {})),
        ...lateSessions.map((s) => as(t.app, s)('POST', '/api/learning/enrolments', { offeringId: offering.id })),
      ]);
      assert.ok(burst.every((r) => r.statusCode === 200 || r.statusCode === 201), burst.find((r) => r.statusCode >= 300)?.body);
      const after = await seatCounts(db, offering.id);
      assert.deepEqual(after, { capacity: SEATS, enrolledCount: SEATS, held: SEATS, enrolled: SEATS });
    });
  });
}
