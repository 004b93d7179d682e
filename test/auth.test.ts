// Identity and access through the real server: sign-in by e-mail and NIP, sessions, CSRF,
// throttling and lockout, password change, API tokens, and the audit trail of it all.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asUser, backends, createTestApp, demoEmail, isProblem, login, TEST_PASSWORD, type TestApp } from './helpers.ts';

for (const kind of backends()) {
  describe(`identity and access (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(kind, { loginMaxFailures: 3, loginMaxPerIp: 40 });
    });
    after(() => t?.close());

    test('sign-in by e-mail sets an HTTP-only SameSite session cookie; /me shows roles per scope', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: demoEmail(t.demo, 'agency_admin'), password: TEST_PASSWORD } });
      assert.equal(res.statusCode, 200);
      const cookie = res.cookies.find((c) => c.name === 'kembang_session');
      assert.ok(cookie, 'session cookie set');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.path, '/');
      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `kembang_session=${cookie.value}` } });
      assert.equal(me.statusCode, 200);
      assert.deepEqual(me.json().grants.map((g: { role: string; scope: string }) => `${g.role}@${g.scope}`), ['agency_admin@agency:32']);
      assert.match(me.json().csrfToken, /^[\w-]{20,}$/);
      // the session id is stored hashed, never as the cookie value
      const stored = await t.database.db.selectFrom('user_session').select('id').execute();
      assert.ok(stored.every((s) => s.id !== cookie.value));
    });

    test('/api/auth/session: null for anonymous visitors (200, not 401), the user and CSRF token when signed in', async () => {
      const anonymous = await t.app.inject({ method: 'GET', url: '/api/auth/session' });
      assert.equal(anonymous.statusCode, 200);
      assert.deepEqual(anonymous.json(), { me: null });
      const session = await login(t.app, demoEmail(t.demo, 'auditor'));
      const signedIn = await asUser(t.app, session)('GET', '/api/auth/session');
      assert.equal(signedIn.json().me.id, session.me.id);
      assert.equal(signedIn.json().me.csrfToken, session.csrf);
    });

    test('sign-in by NIP works for a civil servant account', async () => {
      const learner = t.demo.accounts.find((a) => a.role === 'learner')!;
      assert.match(learner.nip!, /^\d{18}$/);
      const session = await login(t.app, learner.nip!);
      assert.equal(session.me.civilServantId !== null, true);
    });

    test('wrong password: 401 problem+json, and the same answer for an unknown account', async () => {
      const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: demoEmail(t.demo, 'auditor'), password: 'not-the-password' } });
      const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: 'no.one@kembang.test', password: 'not-the-password' } });
      assert.ok(isProblem(wrong, 401));
      assert.ok(isProblem(unknown, 401));
      assert.equal(wrong.json().detail, unknown.json().detail);
    });

    test('repeated failures lock the identifier (423 with retry-after), even with the right password', async () => {
      const identifier = demoEmail(t.demo, 'provider_admin');
      for (let i = 0; i < 3; i++) {
        const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier, password: `wrong-${i}` } });
        assert.equal(res.statusCode, 401);
      }
      const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier, password: TEST_PASSWORD } });
      assert.ok(isProblem(locked, 423), locked.body);
      assert.ok(Number(locked.headers['retry-after']) > 0);
      // unknown identifiers lock the same way, so locking reveals nothing about accounts
      for (let i = 0; i < 3; i++) await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: 'ghost@kembang.test', password: 'x' } });
      const ghost = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: 'ghost@kembang.test', password: 'x' } });
      assert.equal(ghost.statusCode, 423);
      const audited = await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'auth.login_failed').execute();
      assert.ok(audited.length >= 6);
    });

    test('too many attempts from one address: 429', async () => {
      let last = 0;
      for (let i = 0; i < 45 && last !== 429; i++) {
        const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.9.9.9', payload: { identifier: `flood${i}@kembang.test`, password: 'x' } });
        last = res.statusCode;
      }
      assert.equal(last, 429);
      // another address is unaffected
      const other = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.9.9.10', payload: { identifier: demoEmail(t.demo, 'auditor'), password: TEST_PASSWORD } });
      assert.equal(other.statusCode, 200);
    });

    test('cookie-authenticated writes need the CSRF token; bearer tokens do not', async () => {
      const session = await login(t.app, demoEmail(t.demo, 'national_admin'));
      const noCsrf = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie: session.cookie }, payload: { name: 'x', scope: 'national' } });
      assert.ok(isProblem(noCsrf, 403));
      assert.match(noCsrf.json().type, /csrf$/);
      const badCsrf = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie: session.cookie, 'x-csrf-token': 'forged' }, payload: { name: 'x', scope: 'national' } });
      assert.equal(badCsrf.statusCode, 403);
      const ok = await asUser(t.app, session)('POST', '/api/tokens', { name: 'lms-bpsdm', scope: 'agency:32' });
      assert.equal(ok.statusCode, 201, ok.body);
      const body = ok.json();
      assert.match(body.token, /^kmb_/);
      assert.equal(body.role, 'agency_admin');
      // the token authenticates, needs no CSRF, and is limited to its scope
      const bearer = { authorization: `Bearer ${body.token}` };
      const people = await t.app.inject({ method: 'GET', url: '/api/civil-servants?limit=200', headers: bearer });
      assert.equal(people.statusCode, 200);
      const agencies = new Set(people.json().items.map((p: { agency_name: string }) => p.agency_name));
      assert.deepEqual([...agencies], ['Pemerintah Provinsi Jawa Barat']);
      const created = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: bearer, payload: { name: 'child', scope: 'agency:32' } });
      assert.equal(created.statusCode, 201);
      const outside = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: bearer, payload: { name: 'x', scope: 'national' } });
      assert.equal(outside.statusCode, 403);
      // stored hashed; last-used time recorded
      const row = await t.database.db.selectFrom('api_token').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
      assert.notEqual(row.token_hash, body.token);
      assert.ok(!JSON.stringify(row).includes(body.token));
      assert.ok(row.last_used_at instanceof Date);
      // revoked tokens stop working at once
      const revoke = await asUser(t.app, session)('DELETE', `/api/tokens/${body.id}`);
      assert.equal(revoke.statusCode, 200);
      assert.ok(revoke.json().revoked_at);
      const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer });
      assert.ok(isProblem(after, 401));
      const again = await asUser(t.app, session)('DELETE', `/api/tokens/${body.id}`);
      assert.equal(again.statusCode, 409);
    });

    test('a malformed bearer token is 401, never a fall-back to anonymous or a 500', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Bearer kmb_nope_nope' } });
      assert.ok(isProblem(res, 401));
      const basic = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Basic Zm9vOmJhcg==' } });
      assert.ok(isProblem(basic, 401));
    });

    test('password change: checks the current one and strength, ends other sessions, keeps this one', async () => {
      const email = demoEmail(t.demo, 'supervisor');
      const first = await login(t.app, email);
      const second = await login(t.app, email);
      const as = asUser(t.app, first);
      const wrongCurrent = await as('POST', '/api/auth/password', { currentPassword: 'nope-nope-nope', newPassword: 'Bunga-Melati-2026' });
      assert.ok(isProblem(wrongCurrent, 400));
      assert.equal(wrongCurrent.json().errors[0].field, 'body.currentPassword');
      const weak = await as('POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
      assert.equal(weak.json().errors[0].field, 'body.newPassword');
      const ok = await as('POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Bunga-Melati-2026' });
      assert.equal(ok.statusCode, 204, ok.body);
      assert.equal((await as('GET', '/api/auth/me')).statusCode, 200);
      assert.equal((await asUser(t.app, second)('GET', '/api/auth/me')).statusCode, 401);
      const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: email, password: TEST_PASSWORD } });
      assert.equal(old.statusCode, 401);
      await login(t.app, email, 'Bunga-Melati-2026');
      const hash = await t.database.db.selectFrom('user_account').select('password_hash').where('email', '=', email).executeTakeFirstOrThrow();
      assert.match(hash.password_hash!, /^\$argon2id\$/);
    });

    test('logout ends the session', async () => {
      const session = await login(t.app, demoEmail(t.demo, 'learner'));
      const out = await asUser(t.app, session)('POST', '/api/auth/logout');
      assert.equal(out.statusCode, 204);
      assert.equal((await asUser(t.app, session)('GET', '/api/auth/me')).statusCode, 401);
    });

    test('account creation: scoped admins grant only in their scope; everything is audited with before/after', async () => {
      const agencyAdmin = asUser(t.app, await login(t.app, demoEmail(t.demo, 'agency_admin')));
      const created = await agencyAdmin('POST', '/api/users', { email: 'staf.baru@kembang.test', role: 'learner', scope: 'agency:32', password: 'Anggrek-Bulan-77' });
      assert.equal(created.statusCode, 201, created.body);
      const outOfScope = await agencyAdmin('POST', '/api/users', { email: 'lain@kembang.test', role: 'learner', scope: 'agency:33' });
      assert.equal(outOfScope.statusCode, 403);
      const tooHigh = await agencyAdmin('POST', '/api/users', { email: 'lain2@kembang.test', role: 'national_admin', scope: 'national' });
      assert.equal(tooHigh.statusCode, 403);
      const wrongScopeKind = await agencyAdmin('POST', '/api/users', { email: 'lain3@kembang.test', role: 'provider_admin', scope: 'agency:32' });
      assert.equal(wrongScopeKind.statusCode, 400);
      const unknownScope = await agencyAdmin('POST', '/api/users', { email: 'lain4@kembang.test', role: 'learner', scope: 'agency:NOPE' });
      assert.equal(unknownScope.json().errors[0].field, 'body.scope');
      const duplicate = await agencyAdmin('POST', '/api/users', { email: 'STAF.BARU@kembang.test', role: 'learner', scope: 'agency:32' });
      assert.equal(duplicate.statusCode, 409);
      await login(t.app, 'staf.baru@kembang.test', 'Anggrek-Bulan-77');

      const auditor = asUser(t.app, await login(t.app, demoEmail(t.demo, 'auditor')));
      const log = await auditor('GET', `/api/audit?entityType=user_account&entityId=${created.json().id}`);
      assert.equal(log.statusCode, 200);
      const entry = log.json().items.find((e: { action: string }) => e.action === 'user.created');
      assert.ok(entry, 'creation is in the audit log');
      assert.equal(entry.actor_label, demoEmail(t.demo, 'agency_admin'));
      assert.equal(entry.after.email, 'staf.baru@kembang.test');
      assert.equal(entry.after.password_hash, undefined, 'no secret in the audit log');
      assert.ok(entry.request_id);
      const learner = asUser(t.app, await login(t.app, demoEmail(t.demo, 'learner')));
      assert.equal((await learner('GET', '/api/audit')).statusCode, 403);
    });

    test('personal data (NIP, birth date) only for those who may see it', async () => {
      const learnerSession = await login(t.app, demoEmail(t.demo, 'learner'));
      const id = learnerSession.me.civilServantId!;
      const self = await asUser(t.app, learnerSession)('GET', `/api/civil-servants/${id}`);
      assert.match(self.json().nip, /^\d{18}$/);
      const supervisor = await asUser(t.app, await login(t.app, demoEmail(t.demo, 'supervisor'), 'Bunga-Melati-2026'))('GET', `/api/civil-servants/${id}`);
      assert.equal(supervisor.statusCode, 200);
      assert.equal(supervisor.json().nip, null);
      assert.equal(supervisor.json().birth_date, null);
      const admin = await asUser(t.app, await login(t.app, demoEmail(t.demo, 'agency_admin')))('GET', `/api/civil-servants/${id}`);
      assert.equal(admin.json().nip, self.json().nip);
      // a learner sees only themselves in lists
      const list = await asUser(t.app, learnerSession)('GET', '/api/civil-servants');
      assert.deepEqual(list.json().items.map((p: { id: number }) => p.id), [id]);
    });
  });
}
