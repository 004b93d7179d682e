// Graceful shutdown over real HTTP: a request in flight when shutdown begins still completes
// (and its database work with it), new connections are refused at once, idle keep-alive
// connections do not hold the shutdown up, and the real CLI server exits 0 on SIGTERM.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { openDatabase } from '../src/db/database.ts';
import { closeKeepAliveOnShutdown } from '../src/server.ts';
import { backends, createPostgresDatabase, createTestDatabase, TEST_PASSWORD, testConfig, type TestDatabase } from './helpers.ts';
import { tryConnect } from './support/net.ts';
import { ensureStopped, httpLogin, runCli, startServeProcess, type ServerProcess } from './support/server-process.ts';

/** Resolves when `check` holds, polling; rejects after `ms`. */
async function eventually(what: string, check: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Rejects if `promise` takes longer than `ms` (a shutdown that hangs must fail the test, not stall it). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]);
}

function get(port: number, urlPath: string, agent: http.Agent | false): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; socket: net.Socket }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body, socket: req.socket! }));
    });
    req.on('error', reject);
  });
}

for (const kind of backends()) {
  describe(`graceful shutdown in process (${kind})`, () => {
    let testDb: TestDatabase;
    let app: FastifyInstance;
    let port: number;
    let entered: () => void;
    const slowEntered = new Promise<void>((r) => (entered = r));
    let release: () => void;
    const slowReleased = new Promise<void>((r) => (release = r));
    // Two clients that keep their connections alive: one goes idle, one has the slow request.
    const idleClient = new http.Agent({ keepAlive: true });
    const slowClient = new http.Agent({ keepAlive: true });

    before(async () => {
      testDb = await createTestDatabase(kind);
      app = await buildApp({ config: testConfig({ host: '127.0.0.1' }), database: testDb.database, logger: false });
      // A slow route, public like /health: it waits until the test lets it go, then uses the database.
      app.get('/api/test/slow', { config: { access: 'public' } }, async () => {
        entered();
        await slowReleased;
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from kembang_migration`.execute(testDb.database.db);
        return { finished: true, migrations: rows[0].n };
      });
      closeKeepAliveOnShutdown(app); // as startServer does
      await app.listen({ host: '127.0.0.1', port: 0 });
      port = (app.server.address() as net.AddressInfo).port;
    });
    after(async () => {
      release?.();
      idleClient.destroy(); // so a failed test cannot hang on its connections
      slowClient.destroy();
      app?.server.closeAllConnections();
      await app?.close().catch(() => {});
      await testDb?.drop().catch(() => {});
    });

    test('the in-flight request completes with 200, new connections are refused, keep-alive does not delay the close', async () => {
      // An idle keep-alive connection, as a browser or proxy would keep one.
      const warm = await get(port, '/health', idleClient);
      assert.equal(warm.status, 200);
      let idleClosed = false;
      warm.socket.once('close', () => (idleClosed = true));

      // The slow request, on its own connection, from a client that would keep it alive.
      let slowDone = false;
      let slowSocketClosed = false;
      const slow = get(port, '/api/test/slow', slowClient).finally(() => (slowDone = true));
      await within(slowEntered, 3000, 'the slow request reaching its handler');

      // The SIGTERM path of `kembang serve`: stop the HTTP server, then close the database.
      let closed = false;
      const closing = (async () => {
        await app.close();
        await testDb.database.close();
      })().finally(() => (closed = true));

      await eventually('new connections to be refused', async () => (await tryConnect(port)) === 'ECONNREFUSED');
      await eventually('the idle keep-alive connection to be closed by the server', () => idleClosed);
      assert.equal(slowDone, false, 'the slow request is still in flight');
      assert.equal(closed, false, 'the shutdown waits for it');

      release();
      const res = await within(slow, 3000, 'the in-flight request');
      assert.equal(res.status, 200, res.body);
      const body = JSON.parse(res.body);
      assert.equal(body.finished, true);
      assert.ok(body.migrations >= 1, 'the database was still open for the in-flight request');
      assert.equal(res.headers.connection, 'close', 'the last response tells the client the connection ends');
      res.socket.once('close', () => (slowSocketClosed = true));
      await eventually('the in-flight connection to be closed after its response', () => slowSocketClosed || res.socket.destroyed);

      await within(closing, 3000, 'the shutdown after the last request');
      assert.equal(await tryConnect(port), 'ECONNREFUSED');
    });
  });

  describe(`kembang serve on SIGTERM (${kind})`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    let server: ServerProcess | undefined;
    after(async () => {
      await ensureStopped(server);
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    test('finishes a request that is in flight, refuses new connections, exits 0, and the write is kept', async () => {
      const admin = 'admin.shutdown@kembang.test';
      let env: Record<string, string>;
      let dir: string | undefined;
      if (kind === 'pglite') {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kembang-shutdown-'));
        cleanups.push(async () => fs.rmSync(dir!, { recursive: true, force: true }));
        env = { KEMBANG_DATA_DIR: dir, KEMBANG_AUTO_SEED: 'false', LOG_LEVEL: 'info' };
      } else {
        const pgdb = await createPostgresDatabase();
        cleanups.push(() => pgdb.drop());
        env = { DATABASE_URL: pgdb.url, LOG_LEVEL: 'info' };
      }
      const created = await runCli(['user', 'create', '--email', admin, '--password', TEST_PASSWORD, '--role', 'national_admin', '--scope', 'national'], env);
      assert.equal(created.code, 0, created.stderr);

      server = await startServeProcess(env);
      const session = await httpLogin(server.base, admin);

      // A write whose body is still arriving when SIGTERM comes: headers sent, half the body held back.
      const body = JSON.stringify({ name: 'in flight at SIGTERM', scope: 'national' });
      const socket = net.connect({ host: '127.0.0.1', port: server.port });
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      let response = '';
      socket.setEncoding('utf8');
      socket.on('data', (d) => (response += d));
      const socketClosed = new Promise<void>((r) => socket.once('close', () => r()));
      socket.write(
        [
          'POST /api/tokens HTTP/1.1',
          `Host: 127.0.0.1:${server.port}`,
          'Content-Type: application/json',
          `Content-Length: ${Buffer.byteLength(body)}`,
          `Cookie: ${session.cookie}`,
          `X-CSRF-Token: ${session.csrf}`,
          '',
          '',
        ].join('\r\n') + body.slice(0, 10),
      );
      await new Promise((r) => setTimeout(r, 200)); // the server has the request now

      server.child.kill('SIGTERM');
      await eventually('new connections to be refused', async () => (await tryConnect(server!.port)) === 'ECONNREFUSED');
      await eventually('the server to log the signal', () => /SIGTERM received/.test(server!.stdout()));
      assert.equal(server.child.exitCode, null, 'the server waits for the request in flight');

      socket.write(body.slice(10));
      await within(socketClosed, 5000, 'the in-flight response (and the end of its connection)').catch((error) => {
        throw new Error(`${error.message}; received: ${JSON.stringify(response)}`);
      });
      const [head, payload] = response.split('\r\n\r\n');
      assert.match(head, /^HTTP\/1\.1 201 /, response);
      assert.match(head, /^connection: close$/im, 'the connection is closed after the last response');
      const token = JSON.parse(payload);
      assert.equal(token.name, 'in flight at SIGTERM');

      const exit = await within(server.exited, 5000, 'the exit after SIGTERM');
      assert.deepEqual(exit, { code: 0, signal: null }, server.stderr());
      assert.doesNotMatch(server.stderr(), /error/i);
      if (dir) assert.equal(fs.existsSync(path.join(dir, 'kembang.lock')), false, 'the lock was released');

      // The write acknowledged during shutdown is in the database.
      const database = await openDatabase(dir ? { dataDir: dir } : { url: env.DATABASE_URL });
      try {
        const row = await database.db.selectFrom('api_token').select('name').where('id', '=', token.id).executeTakeFirst();
        assert.deepEqual(row, { name: 'in flight at SIGTERM' });
      } finally {
        await database.close();
      }
    });
  });
}
