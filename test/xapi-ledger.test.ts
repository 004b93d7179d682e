// From the LRS into the JP ledger: completions of known civil servants on programme activities
// become learning records exactly once, voiding reverses them, implausibly fast completions are
// held for review with the reason shown to admins, and unknown actors and activities stay on the
// unmapped list.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { asUser, backends, demoEmail, login } from './helpers.ts';
import { createLrsTestApp, statement, type LrsTestApp } from './xapi-helpers.ts';
import { durationMinutes } from '../src/modules/xapi/ledger.ts';

const V = (v: string) => ({ id: `http://adlnet.gov/expapi/verbs/${v}`, display: { 'en-US': v } });
const at = (base: number, minutes: number) => new Date(base + minutes * 60_000).toISOString();

test('ISO 8601 durations in minutes', () => {
  assert.equal(durationMinutes('PT1H30M'), 90);
  assert.equal(durationMinutes('P1DT2H'), 1560);
  assert.equal(durationMinutes('PT45S'), 0.75);
  assert.equal(durationMinutes('PT'), null);
  assert.equal(durationMinutes('1 hour'), null);
});

for (const kind of backends()) {
  describe(`xAPI into the JP ledger (${kind})`, () => {
    let t: LrsTestApp;
    let programmes: { id: number; activity_iri: string; jp: number }[];
    let person: { id: number; nip: string };
    let learnerEmail: string;

    before(async () => {
      t = await createLrsTestApp(kind);
      const db = t.database.db;
      const lan = await db.selectFrom('provider').select('id').where('code', '=', 'LAN').executeTakeFirstOrThrow();
      programmes = (
        await db.selectFrom('programme').select(['id', 'activity_iri', 'jp']).where('provider_id', '=', lan.id).where('jp', '>=', 10).where('activity_iri', 'is not', null).orderBy('id').limit(3).execute()
      ).map((p) => ({ id: p.id, activity_iri: p.activity_iri!, jp: Number(p.jp) }));
      assert.ok(programmes.length >= 3, 'the demo catalogue has LAN programmes of 10+ JP');
      learnerEmail = demoEmail(t.demo, 'learner');
      const session = await login(t.app, learnerEmail);
      const cs = await db.selectFrom('civil_servant').select(['id', 'nip']).where('id', '=', session.me.civilServantId!).executeTakeFirstOrThrow();
      person = { id: Number(cs.id), nip: cs.nip };
    });
    after(() => t?.close());

    const nipActor = () => ({ objectType: 'Agent', name: 'Pelajar Demo', account: { homePage: t.config.publicUrl, name: person.nip } });
    const records = (programmeId: number) =>
      t.database.db.selectFrom('learning_record').select(['id', 'source', 'source_ref', 'status', 'jp']).where('civil_servant_id', '=', person.id).where('programme_id', '=', programmeId).where('source', '=', 'xapi').execute();
    const post = async (body: unknown) => {
      const res = await t.lrs('POST', '/xapi/statements', { body });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as string[];
    };

    test('a plausible completion by NIP credits JP once; passed after completed is a duplicate; re-sending changes nothing; voiding reverses it', async () => {
      const p = programmes[0];
      const t0 = Date.now() - 30 * 86_400_000;
      const object = { objectType: 'Activity', id: p.activity_iri };
      const completedId = randomUUID();
      await post([
        statement({ id: randomUUID(), actor: nipActor(), verb: V('launched'), object, timestamp: at(t0, 0) }),
        statement({ id: completedId, actor: nipActor(), verb: V('completed'), object, timestamp: at(t0, p.jp * 45 + 30), result: { completion: true, duration: `PT${p.jp * 45}M` } }),
      ]);
      let rows = await records(p.id);
      assert.equal(rows.length, 1);
      assert.equal(rows[0].source_ref, completedId);
      assert.equal(rows[0].status, 'credited');
      assert.equal(Number(rows[0].jp), p.jp);

      // passed for the same programme: linked as a duplicate, no second record
      const passedId = randomUUID();
      await post(statement({ id: passedId, actor: nipActor(), verb: V('passed'), object, timestamp: at(t0, p.jp * 45 + 31), result: { success: true } }));
      // the same completion again (an LMS retrying): stored once, credited once
      await post(statement({ id: completedId, actor: nipActor(), verb: V('completed'), object, timestamp: at(t0, p.jp * 45 + 30), result: { completion: true, duration: `PT${p.jp * 45}M` } }));
      rows = await records(p.id);
      assert.equal(rows.length, 1);
      const entries = await t.database.db.selectFrom('xapi_ledger_entry').select(['statement_id', 'outcome']).where('civil_servant_id', '=', person.id).where('programme_id', '=', p.id).execute();
      assert.deepEqual(new Map(entries.map((e) => [e.statement_id, e.outcome])), new Map([[completedId, 'credited'], [passedId, 'duplicate']]));

      // voiding the completion reverses the record
      await post(statement({ id: randomUUID(), actor: nipActor(), verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } }, object: { objectType: 'StatementRef', id: completedId } }));
      rows = await records(p.id);
      assert.equal(rows.length, 1);
      assert.equal(rows[0].status, 'reversed');
      const entry = await t.database.db.selectFrom('xapi_ledger_entry').select('outcome').where('statement_id', '=', completedId).executeTakeFirstOrThrow();
      assert.equal(entry.outcome, 'reversed');
    });

    test('a completion minutes after launch (by the learner\'s registered e-mail) is stored but held, and the admin sees why', async () => {
      const p = programmes[1];
      const t0 = Date.now() - 10 * 86_400_000;
      const object = { objectType: 'Activity', id: p.activity_iri };
      const actor = { objectType: 'Agent', mbox: `mailto:${learnerEmail.toUpperCase()}` };
      const completedId = randomUUID();
      await post([statement({ id: randomUUID(), actor, verb: V('initialized'), object, timestamp: at(t0, 0) })]);
      await post([statement({ id: completedId, actor, verb: V('completed'), object, timestamp: at(t0, 6), result: { completion: true, duration: 'PT5M' } })]);
      const rows = await records(p.id);
      assert.equal(rows.length, 1);
      assert.equal(rows[0].status, 'held');
      // the statement itself is stored and readable
      const got = await t.lrs('GET', `/xapi/statements?statementId=${completedId}`);
      assert.equal(got.statusCode, 200);

      const admin = asUser(t.app, await login(t.app, demoEmail(t.demo, 'national_admin')));
      const res = await admin('GET', '/api/lrs/ledger?outcome=held');
      assert.equal(res.statusCode, 200, res.body);
      const item = res.json().items.find((i: { statement_id: string }) => i.statement_id === completedId);
      assert.ok(item, 'the held completion is listed');
      assert.equal(item.record_status, 'held');
      assert.match(item.reason, /Implausibly fast: completed 6 min after it was first launched, result\.duration 5 min/);
      assert.match(item.reason, new RegExp(`${p.jp} JP`));
    });

    test('unknown actors and activities are stored and stay on the unmapped list; a completion with no way to judge time is credited', async () => {
      const stranger = { objectType: 'Agent', mbox: `mailto:orang.asing.${randomUUID().slice(0, 8)}@example.org` };
      const unknownActivity = `https://lms.lan.go.id/course/${randomUUID()}`;
      const p = programmes[2];
      const ids = await post([
        statement({ actor: stranger, verb: V('completed'), object: { objectType: 'Activity', id: p.activity_iri } }),
        statement({ actor: nipActor(), verb: V('completed'), object: { objectType: 'Activity', id: unknownActivity } }),
        statement({ actor: nipActor(), verb: V('completed'), object: { objectType: 'Activity', id: p.activity_iri } }),
      ]);
      const refs = await t.database.db.selectFrom('learning_record').select(['source_ref', 'status']).where('source', '=', 'xapi').where('source_ref', 'in', ids).execute();
      assert.deepEqual(refs, [{ source_ref: ids[2], status: 'credited' }]);
      const admin = asUser(t.app, await login(t.app, demoEmail(t.demo, 'national_admin')));
      const res = await admin('GET', '/api/lrs/unmapped?limit=500');
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.ok(body.actors.some((a: { ifi: string }) => a.ifi === `mbox:${stranger.mbox}`), 'the unknown actor is listed');
      assert.ok(body.activities.some((a: { id: string }) => a.id === unknownActivity), 'the unknown activity is listed');
      assert.ok(!body.activities.some((a: { id: string }) => a.id === p.activity_iri), 'the programme activity is mapped');
      assert.ok(!body.actors.some((a: { ifi: string }) => a.ifi === `account:${JSON.stringify([t.config.publicUrl, person.nip])}`), 'the civil servant is mapped');
    });
  });
}
