// Two instances on one PostgreSQL database behave as one service: a session made on one is
// valid on the other, and login throttling counts across both (nothing lives in memory).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../src/app.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { seedDemo } from '../src/seed/demo.ts';
import type { FastifyInstance } from 'fastify';
import { asUser, createPostgresDatabase, login, TEST_PASSWORD, testConfig } from './helpers.ts';

describe('two instances on one PostgreSQL database', { skip: process.env.TEST_DATABASE_URL || process.env.CI ? false : 'needs TEST_DATABASE_URL (CI sets it)' }, () => {
  let drop: () => Promise<void>;
  const instances: { app: FastifyInstance; database: Database }[] = [];

  before(async () => {
    const pgdb = await createPostgresDatabase();
    drop = pgdb.drop;
    for (let i = 0; i < 2; i++) {
      const database = await openDatabase({ url: pgdb.url });
      await migrateToLatest(database.db); // concurrent-safe: the second finds nothing to do
      if (i === 0) await seedDemo(database.db, { password: TEST_PASSWORD, perAgency: 20 });
      const app = await buildApp({ config: testConfig({ loginMaxFailures: 4 }), database, logger: false });
      await app.ready();
      instances.push({ app, database });
    }
  });
  after(async () => {
    for (const i of instances) {
      await i.app.close();
      await i.database.close();
    }
    await drop?.();
  });

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
    let status = 0;
    for (const started = Date.now(); Date.now() - started < 2_000; await new Promise((r) => setTimeout(r, 20))) {
      status = (await asUser(a.app, session)('GET', '/api/auth/me')).statusCode;
      if (status === 401) break;
    }
    assert.equal(status, 401, 'logout on B ends the session on A');
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
