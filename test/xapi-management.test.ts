// The LRS management API under /api/lrs: credentials per provider store, browsing statements,
// the unmapped actors and activities; and the hook the JP ledger will use.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asUser, backends, demoEmail, login, type Session } from './helpers.ts';
import { storeStatements, type StoredStatement } from '../src/modules/xapi/store.ts';
import { basic, createLrsTestApp, statement, type LrsTestApp } from './xapi-helpers.ts';

for (const kind of backends()) {
  describe(`LRS management (${kind})`, () => {
    let t: LrsTestApp;
    let national: Session;
    let lanAdmin: Session;
    before(async () => {
      t = await createLrsTestApp(kind);
      national = await login(t.app, demoEmail(t.demo, 'national_admin'));
      lanAdmin = await login(t.app, demoEmail(t.demo, 'provider_admin'));
    });
    after(() => t?.close());

    test('a provider admin creates, lists and revokes credentials of their own store only', async () => {
      const created = await asUser(t.app, lanAdmin)('POST', '/api/lrs/credentials', { provider: 'LAN', name: 'Moodle LAN' });
      assert.equal(created.statusCode, 201, created.body);
      const c = created.json();
      assert.match(c.key, /^lrs_/);
      assert.ok(c.secret.length >= 40);
      assert.match(c.endpoint, /\/xapi\/$/);
      const ok = await t.app.inject({ method: 'GET', url: '/xapi/statements', headers: { authorization: basic(c.key, c.secret), 'x-experience-api-version': '2.0.0' } });
      assert.equal(ok.statusCode, 200);

      assert.equal((await asUser(t.app, lanAdmin)('POST', '/api/lrs/credentials', { provider: 'UI', name: 'x' })).statusCode, 403);
      assert.equal((await asUser(t.app, national)('POST', '/api/lrs/credentials', { provider: 'UI', name: 'UI LMS' })).statusCode, 201);
      const mine = (await asUser(t.app, lanAdmin)('GET', '/api/lrs/credentials')).json().items;
      assert.ok(mine.every((x: { provider_code: string }) => x.provider_code === 'LAN'));
      assert.ok(!JSON.stringify(mine).includes('secret'));
      const all = (await asUser(t.app, national)('GET', '/api/lrs/credentials')).json().items;
      assert.ok(all.some((x: { provider_code: string }) => x.provider_code === 'UI'));
      const ui = all.find((x: { provider_code: string }) => x.provider_code === 'UI');
      assert.equal((await asUser(t.app, lanAdmin)('DELETE', `/api/lrs/credentials/${ui.id}`)).statusCode, 404);

      const revoked = await asUser(t.app, lanAdmin)('DELETE', `/api/lrs/credentials/${c.id}`);
      assert.equal(revoked.statusCode, 200);
      assert.ok(revoked.json().revoked_at);
      assert.equal((await asUser(t.app, lanAdmin)('DELETE', `/api/lrs/credentials/${c.id}`)).statusCode, 409);
      const after = await t.app.inject({ method: 'GET', url: '/xapi/statements', headers: { authorization: basic(c.key, c.secret), 'x-experience-api-version': '2.0.0' } });
      assert.equal(after.statusCode, 401);
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'xapi_credential').execute();
      assert.ok(audit.some((a) => a.action === 'lrs_credential.revoked'));
    });

    test('browsing statements by person, activity and verb, and the unmapped list', async () => {
      const nip = '199001012015011001';
      await t.lrs('POST', '/xapi/statements', { body: statement({ actor: { account: { homePage: t.config.publicUrl, name: nip } }, object: { id: 'https://lms.lan.go.id/course/browse' } }) });
      await t.lrs('POST', '/xapi/statements', { body: statement() });
      const browse = async (s: Session, q: string) => {
        const res = await asUser(t.app, s)('GET', `/api/lrs/statements?${q}`);
        assert.equal(res.statusCode, 200, res.body);
        return res.json().items as { activity_id: string; provider_code: string }[];
      };
      assert.equal((await browse(lanAdmin, `person=${nip}`)).length, 1);
      assert.equal((await browse(lanAdmin, 'person=siti.rahma@kembang.test')).length, 1);
      assert.equal((await browse(national, `activity=${encodeURIComponent('https://lms.lan.go.id/course/browse')}`))[0].provider_code, 'LAN');
      assert.equal((await browse(national, `verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/completed')}&from=2000-01-01&to=2999-12-31`)).length, 2);
      assert.equal((await asUser(t.app, lanAdmin)('GET', '/api/lrs/statements?provider=UI')).statusCode, 404);
      const unmapped = (await asUser(t.app, lanAdmin)('GET', '/api/lrs/unmapped')).json();
      assert.ok(unmapped.actors.some((a: { ifi: string }) => a.ifi.includes(nip)));
      assert.ok(unmapped.activities.some((a: { id: string }) => a.id === 'https://lms.lan.go.id/course/browse'));
    });

    test('onStatementsStored hooks run in the storing transaction: a failing hook stores nothing', async () => {
      const lan = await t.database.db.selectFrom('provider').select('id').where('code', '=', 'LAN').executeTakeFirstOrThrow();
      const seen: StoredStatement[] = [];
      const ctx = (hook: (tx: unknown, s: StoredStatement[]) => Promise<void>) => ({
        db: t.database.db, providerId: lan.id, credentialId: null, authority: { objectType: 'Agent', mbox: 'mailto:lrs@kembang.test' }, version: '2.0.0' as const, hooks: [hook],
      });
      const ids = await storeStatements(ctx(async (_tx, s) => void seen.push(...s)), [statement(), statement()], new Map(), { batchLimit: 10 });
      assert.deepEqual(seen.map((s) => s.id), ids);
      assert.ok(seen.every((s) => s.seq > 0 && s.providerId === lan.id));
      const before = await t.statementCount();
      await assert.rejects(storeStatements(ctx(async () => { throw new Error('ledger down'); }), [statement()], new Map(), { batchLimit: 10 }), /ledger down/);
      assert.equal(await t.statementCount(), before);
    });
  });
}
