// Two instances on one PostgreSQL database behave as one service: a session made on one is
// valid on the other, and login throttling counts across both (nothing lives in memory).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asUser, eventually, login, startInstances, TEST_PASSWORD } from './helpers.ts';
import type { FastifyInstance } from 'fastify';

describe('two instances on one PostgreSQL database', { skip: process.env.TEST_DATABASE_URL || process.env.CI ? false : 'needs TEST_DATABASE_URL (CI sets it)' }, () => {
  let service: Awaited<ReturnType<typeof startInstances>>;
  let instances: typeof service.instances;

  before(async () => {
    service = await startInstances(2, { loginMaxFailures: 4 });
    instances = service.instances;
  });
  after(async () => service?.close());

  test('a session from instance A works on instance B, including its CSRF token', async () => {
    const [a, b] = instances;
    const session = await login(a.app, 'admin.nasional@kembang.test');
    const me = await asUser(b.app, session)('GET', '/api/auth/me');
    assert.equal(me.statusCode, 200);
    const write = await asUser(b.app, session)('POST', '/api/tokens', { name: 'via-b', scope: 'national' });
    assert.equal(write.statusCode, 201);
    const out = await asUser(b.app, session)('POST', '/api/auth/logout');
    assert.equal(out.statusCode, 204);
    // A drops its cached copy when B's NOTIFY arrives (session-cache.ts): milliseconds, bounded here by 2 s
    await eventually(async () => (await asUser(a.app, session)('GET', '/api/auth/me')).statusCode === 401, 'logout on B ends the session on A');
  });

  test('failed sign-ins count across instances', async () => {
    const [a, b] = instances;
    const attempt = (app: FastifyInstance, password: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: 'auditor@kembang.test', password } });
    assert.equal((await attempt(a.app, 'wrong-1')).statusCode, 401);
    assert.equal((await attempt(b.app, 'wrong-2')).statusCode, 401);
    assert.equal((await attempt(a.app, 'wrong-3')).statusCode, 401);
    assert.equal((await attempt(b.app, 'wrong-4')).statusCode, 401);
    assert.equal((await attempt(a.app, TEST_PASSWORD)).statusCode, 423, 'the fifth attempt is locked, whichever instance it reaches');
  });
});
