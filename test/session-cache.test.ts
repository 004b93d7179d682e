// The per-process session cache (src/modules/identity/session-cache.ts): it answers what the
// uncached read answers; a logout or password change is refused at once on this instance and,
// through the NOTIFY, on another instance; an expired session is never served; losing the LISTEN
// connection turns the cache off until it is back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import * as repo from '../src/modules/identity/repository.ts';
import { actorFromSession } from '../src/modules/identity/service.ts';
import { SessionCache, sessionCacheOf, TTL_MS, type LiveSession } from '../src/modules/identity/session-cache.ts';
import { sha256 } from '../src/modules/identity/tokens.ts';
import { asUser, backends, createTestApp, demoEmail, eventually, login, startInstances, TEST_PASSWORD, type Session, type TestApp } from './helpers.ts';

const sessionId = (s: Session) => sha256(s.cookie.slice('kembang_session='.length));

// Notifications arrive asynchronously: waits are bounded well under the TTL.
const WITHIN_TTL = Math.min(2_000, TTL_MS / 2);

for (const kind of backends()) {
  describe(`session cache (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(kind);
    });
    after(() => t?.close());

    test('a cached session answers exactly what the database read answers, and is used', async () => {
      const session = await login(t.app, demoEmail(t.demo, 'supervisor'));
      const as = asUser(t.app, session);
      const first = await as('GET', '/api/auth/me');
      assert.equal(first.statusCode, 200);
      const cache = sessionCacheOf(t.database.db);
      assert.ok(cache?.active, 'the cache is on');
      const id = sessionId(session);
      const cachedRow = cache.get(id);
      assert.ok(cachedRow, 'the request stored the session');
      assert.deepEqual(cachedRow, await repo.findLiveSessionWithGrants(t.database.db, id));
      // the actor built from the cache equals the one built from a fresh read
      const token = session.cookie.slice('kembang_session='.length);
      const cachedActor = await actorFromSession({ db: t.database.db, config: t.config }, token);
      cache.forgetAll();
      const freshActor = await actorFromSession({ db: t.database.db, config: t.config }, token);
      assert.deepEqual(cachedActor, freshActor);
      assert.deepEqual((await as('GET', '/api/auth/me')).json(), first.json());
    });

    test('logout: the cached session is refused at once', async () => {
      const session = await login(t.app, demoEmail(t.demo, 'learner'));
      const as = asUser(t.app, session);
      assert.equal((await as('GET', '/api/auth/me')).statusCode, 200);
      assert.ok(sessionCacheOf(t.database.db)?.get(sessionId(session)), 'cached before the logout');
      assert.equal((await as('POST', '/api/auth/logout')).statusCode, 204);
      assert.equal((await as('GET', '/api/auth/me')).statusCode, 401);
    });

    test('password change: the other (cached) sessions are refused at once, this one goes on', async () => {
      const email = demoEmail(t.demo, 'agency_admin');
      const first = await login(t.app, email);
      const second = await login(t.app, email);
      assert.equal((await asUser(t.app, second)('GET', '/api/auth/me')).statusCode, 200);
      assert.ok(sessionCacheOf(t.database.db)?.get(sessionId(second)));
      const changed = await asUser(t.app, first)('POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Kenanga-Wangi-2026' });
      assert.equal(changed.statusCode, 204, changed.body);
      assert.equal((await asUser(t.app, second)('GET', '/api/auth/me')).statusCode, 401);
      assert.equal((await asUser(t.app, first)('GET', '/api/auth/me')).statusCode, 200);
    });

    test('an entry is never served past its session\'s expiry, nor past the TTL', async () => {
      const session = await login(t.app, demoEmail(t.demo, 'auditor'));
      assert.equal((await asUser(t.app, session)('GET', '/api/auth/me')).statusCode, 200);
      const cache = sessionCacheOf(t.database.db)!;
      const id = sessionId(session);
      const row = cache.get(id)!;
      assert.ok(row);
      assert.equal(cache.get(id, Date.now() + TTL_MS), undefined, 'older than the TTL: not served');
      assert.equal(cache.get(id), undefined, 'and dropped');
      assert.equal((await asUser(t.app, session)('GET', '/api/auth/me')).statusCode, 200);
      assert.ok(cache.get(id), 'stored again');
      assert.equal(cache.get(id, row.expires_at.getTime()), undefined, 'the session\'s expiry passed: not served');
      assert.equal(cache.get(id), undefined, 'and dropped');
    });
  });
}

describe('session cache, unit', () => {
  const row = (userId: string, expiresIn = 3_600_000): LiveSession => ({
    user_id: userId,
    csrf_token: 'c',
    last_seen_at: new Date(),
    expires_at: new Date(Date.now() + expiresIn),
    email: `${userId}@x`,
    civil_servant_id: null,
    disabled: false,
    grants: [],
  });

  test('a read that began before a change of the user does not store its (possibly old) row', async () => {
    const cache = new SessionCache(true);
    const got = await cache.read('s1', async () => {
      cache.forgetUser('u1'); // e.g. a logout commits while this read is on its way
      return row('u1');
    });
    assert.equal(got?.user_id, 'u1');
    assert.equal(cache.get('s1'), undefined);
    await cache.read('s1', async () => row('u1'));
    assert.ok(cache.get('s1'));
    cache.forgetUser('u2');
    assert.ok(cache.get('s1'), 'another user\'s change leaves it');
    cache.forgetUser('u1');
    assert.equal(cache.get('s1'), undefined);
  });

  test('an inactive cache (not listening) serves and stores nothing', async () => {
    const cache = new SessionCache(false);
    let reads = 0;
    for (let i = 0; i < 3; i++) await cache.read('s1', async () => (reads++, row('u1')));
    assert.equal(reads, 3);
    assert.equal(cache.size, 0);
  });
});

describe('session cache across two instances on one PostgreSQL database', { skip: process.env.TEST_DATABASE_URL || process.env.CI ? false : 'needs TEST_DATABASE_URL (CI sets it)' }, () => {
  let service: Awaited<ReturnType<typeof startInstances>>;
  let instances: typeof service.instances;
  let url: string;
  before(async () => {
    service = await startInstances(2);
    instances = service.instances;
    url = service.url;
  });
  after(async () => service?.close());

  test('a logout on B removes the session from A\'s cache (NOTIFY), well within the TTL', async () => {
    const [a, b] = instances;
    const session = await login(a.app, 'admin.nasional@kembang.test');
    assert.equal((await asUser(a.app, session)('GET', '/api/auth/me')).statusCode, 200);
    const cacheA = sessionCacheOf(a.database.db)!;
    assert.ok(cacheA.get(sessionId(session)), 'cached on A');
    assert.equal((await asUser(b.app, session)('POST', '/api/auth/logout')).statusCode, 204);
    await eventually(() => cacheA.get(sessionId(session)) === undefined, 'A forgets the session', WITHIN_TTL);
    assert.equal((await asUser(a.app, session)('GET', '/api/auth/me')).statusCode, 401);
  });

  test('losing the LISTEN connection turns the cache off (requests still answered from the database) until it is back', async () => {
    const [a] = instances;
    const session = await login(a.app, 'auditor@kembang.test');
    const as = asUser(a.app, session);
    assert.equal((await as('GET', '/api/auth/me')).statusCode, 200);
    const cache = sessionCacheOf(a.database.db)!;
    assert.ok(cache.get(sessionId(session)));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const { rowCount } = await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = 'kembang_session_cache'");
      assert.equal(rowCount, 2, 'one listener per instance');
      await eventually(() => !cache.active, 'the cache turns off', WITHIN_TTL);
      assert.equal(cache.size, 0, 'and is emptied');
      assert.equal((await as('GET', '/api/auth/me')).statusCode, 200, 'answered uncached');
      assert.equal(cache.size, 0, 'nothing stored while off');
      await new Promise((r) => setTimeout(r, 1_100)); // the listener reconnects after 1 s
      await eventually(() => cache.active, 'the cache is back on', WITHIN_TTL);
      assert.equal((await as('GET', '/api/auth/me')).statusCode, 200);
      assert.ok(cache.get(sessionId(session)));
    } finally {
      await admin.end();
    }
  });
});
