// Crash safety of the real server process: kill -9 in the middle of a stream of writes loses
// no write that was acknowledged (201 with an id), and the server restarts cleanly on the same
// data. On the embedded database the directory lock keeps a second server out while the first
// runs, and a lock left behind by a killed server is taken over.
import { after, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { acquireDirectoryLock, DatabaseLockedError } from '../src/db/lock.ts';
import { backends, createPostgresDatabase, TEST_PASSWORD } from './helpers.ts';
import { ensureStopped, httpLogin, runCli, startServeProcess, type HttpSession, type ServerProcess } from './support/server-process.ts';

// Writes go on for WRITE_MS and until MIN_ACKED were acknowledged (a slow machine), at most MAX_WRITE_MS.
const WRITE_MS = 1500;
const MIN_ACKED = 50;
const MAX_WRITE_MS = 60_000;
const WRITERS = 8;

interface WriteStream {
  acknowledged: Set<string>;
  /** Requests that had no complete answer: in flight when the process died. */
  unanswered: number;
  /** Answers other than 201 (there should be none). */
  otherStatuses: string[];
  done: Promise<void>;
}

/** WRITERS loops, each creating API tokens one after another until its requests stop getting through. */
function streamWrites(base: string, session: HttpSession): WriteStream {
  const stream: WriteStream = { acknowledged: new Set(), unanswered: 0, otherStatuses: [], done: Promise.resolve() };
  let n = 0;
  const writer = async (w: number) => {
    for (;;) {
      const name = `durability ${w}-${n++}`;
      let res: Response;
      let body: string;
      try {
        res = await fetch(`${base}/api/tokens`, {
          method: 'POST',
          headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ name, scope: 'national' }),
        });
        body = await res.text();
      } catch {
        stream.unanswered++;
        return; // the server is gone
      }
      if (res.status !== 201) {
        stream.otherStatuses.push(`${res.status} ${body.slice(0, 200)}`);
        continue;
      }
      const created = JSON.parse(body);
      assert.equal(created.name, name);
      stream.acknowledged.add(created.id);
    }
  };
  stream.done = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w))).then(() => {});
  return stream;
}

async function listTokenIds(base: string, session: HttpSession): Promise<Set<string>> {
  const res = await fetch(`${base}/api/tokens`, { headers: { cookie: session.cookie } });
  assert.equal(res.status, 200);
  return new Set((await res.json()).items.map((t: { id: string }) => t.id));
}

async function assertReady(base: string, kind: string): Promise<void> {
  const res = await fetch(`${base}/ready`);
  assert.equal(res.status, 200, await res.clone().text());
  assert.deepEqual(await res.json(), { status: 'ready', database: kind });
}

/** Writes for a while, kill -9 mid-stream, restart on the same data, check every acknowledged write. */
async function crashAndRecover(
  t: TestContext,
  kind: 'pglite' | 'postgres',
  env: Record<string, string>,
  admin: string,
  beforeWrites?: (server: ServerProcess) => Promise<void>,
) {
  let first: ServerProcess | undefined;
  let second: ServerProcess | undefined;
  const t0 = Date.now();
  const phase = (what: string) => t.diagnostic(`${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  try {
    first = await startServeProcess(env);
    phase('first server running');
    await assertReady(first.base, kind);
    if (beforeWrites) await beforeWrites(first);
    phase('writes start');
    const session = await httpLogin(first.base, admin);
    const beforeCrash = await listTokenIds(first.base, session);

    const stream = streamWrites(first.base, session);
    const started = Date.now();
    while (Date.now() - started < MAX_WRITE_MS && (Date.now() - started < WRITE_MS || stream.acknowledged.size < MIN_ACKED)) {
      await new Promise((r) => setTimeout(r, 50));
    }
    first.child.kill('SIGKILL');
    const { signal } = await first.exited;
    await stream.done;
    assert.equal(signal, 'SIGKILL');
    assert.deepEqual(stream.otherStatuses, []);
    assert.ok(stream.acknowledged.size >= MIN_ACKED, `only ${stream.acknowledged.size} writes were acknowledged in ${MAX_WRITE_MS} ms`);
    assert.ok(stream.unanswered > 0, 'the kill came while writes were in flight');
    t.diagnostic(`${stream.acknowledged.size} writes acknowledged, ${stream.unanswered} in flight at kill -9`);

    if (kind === 'pglite') {
      // The killed server could not remove its lock: the restart must take it over.
      const lock = path.join(env.KEMBANG_DATA_DIR, 'kembang.lock');
      assert.equal(fs.readFileSync(lock, 'utf8'), String(first.pid), 'the dead server left its lock behind');
    }

    phase('killed');
    second = await startServeProcess(env);
    phase('restarted');
    await assertReady(second.base, kind);
    const again = await httpLogin(second.base, admin);
    const afterCrash = await listTokenIds(second.base, again);
    const lost = [...stream.acknowledged].filter((id) => !afterCrash.has(id));
    t.diagnostic(`${afterCrash.size - beforeCrash.size} new tokens found after the restart`);
    assert.deepEqual(lost, [], `${lost.length} of ${stream.acknowledged.size} acknowledged writes were lost`);
    for (const id of beforeCrash) assert.ok(afterCrash.has(id));
    // At most the requests that were in flight may have been committed without an answer.
    assert.ok(afterCrash.size - beforeCrash.size <= stream.acknowledged.size + stream.unanswered);
    // Writes work after the crash, too.
    const res = await fetch(`${second.base}/api/tokens`, {
      method: 'POST',
      headers: { cookie: again.cookie, 'x-csrf-token': again.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'after the crash', scope: 'national' }),
    });
    assert.equal(res.status, 201, await res.text());
    if (kind === 'pglite') {
      assert.equal(fs.readFileSync(path.join(env.KEMBANG_DATA_DIR, 'kembang.lock'), 'utf8'), String(second.pid), 'the restarted server holds the lock');
    }

    // A clean stop after a crash recovery: SIGTERM, exit code 0.
    second.child.kill('SIGTERM');
    assert.deepEqual(await second.exited, { code: 0, signal: null });
    phase('stopped');
    assert.doesNotMatch(second.stderr(), /error/i, 'the restart logged no errors');
  } finally {
    await ensureStopped(first);
    await ensureStopped(second);
  }
}

for (const kind of backends()) {
  describe(`kill -9 during writes (${kind})`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    if (kind === 'pglite') {
      test('no acknowledged write is lost; the lock keeps a second server out and is taken over after the crash', async (t) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kembang-durability-'));
        cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
        const env = { KEMBANG_DATA_DIR: dir, KEMBANG_AUTO_SEED: 'false' };
        // A national admin is enough (the full demo seed takes long on the embedded database).
        const admin = 'admin.ketahanan@kembang.test';
        const created = await runCli(['user', 'create', '--email', admin, '--password', TEST_PASSWORD, '--role', 'national_admin', '--scope', 'national'], env);
        assert.equal(created.code, 0, created.stderr);
        assert.equal(fs.existsSync(path.join(dir, 'kembang.lock')), false, 'the CLI released the lock');

        await crashAndRecover(t, 'pglite', env, admin, async (running) => {
          // While it runs, a second server on the same directory refuses to start, and says why.
          const intruder = await runCli(['serve'], env, 120_000);
          assert.notEqual(intruder.code, 0);
          assert.match(intruder.stderr, /database in .* is in use by another Kembang process \(pid \d+\)/);
          assert.match(intruder.stderr, new RegExp(`pid ${running.pid}\\b`));
          assert.doesNotMatch(intruder.stdout, /running at/);
          // And the first server was not disturbed.
          await assertReady(running.base, 'pglite');
        });
      });
    } else {
      test('no acknowledged write is lost; restart is clean', async (t) => {
        const pgdb = await createPostgresDatabase();
        cleanups.push(() => pgdb.drop());
        const env = { DATABASE_URL: pgdb.url };
        const seeded = await runCli(['seed', '--demo', '--password', TEST_PASSWORD], env, 240_000);
        assert.equal(seeded.code, 0, seeded.stderr);
        await crashAndRecover(t, 'postgres', env, 'admin.nasional@kembang.test');
      });
    }
  });
}

describe('the embedded database directory lock', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kembang-lock-'));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('processes starting at the same moment: exactly one gets each lock, fresh or stale', async () => {
    const ROUNDS = 20;
    const CONTENDERS = 6;
    const dead = spawnSync(process.execPath, ['-e', '']).pid!; // a PID whose process has ended
    const roundDirs = Array.from({ length: ROUNDS }, (_, round) => {
      const dir = tempDir();
      // Odd rounds: a lock left behind by a killed server, to be taken over by exactly one.
      if (round % 2) fs.writeFileSync(path.join(dir, 'kembang.lock'), String(dead));
      return dir;
    });
    const job = JSON.stringify({ dirs: roundDirs, slotMs: 25 });
    const worker = path.join(import.meta.dirname, 'support', 'lock-worker.ts');
    const contenders = Array.from({ length: CONTENDERS }, () => {
      const child = spawn(process.execPath, [worker, job], { stdio: ['pipe', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      /** The next line the worker prints. */
      const nextLine = async (): Promise<string> => {
        const { value, done } = await lines.next();
        if (done) throw new Error(`lock worker exited (${await exited}): ${err}`);
        return value;
      };
      return { child, nextLine, exited };
    });
    let results: { won: number[]; errors: string[] }[];
    try {
      for (const c of contenders) assert.equal(await c.nextLine(), 'ready');
      const start = String(Date.now() + 200);
      for (const c of contenders) c.child.stdin.write(`${start}\n`);
      results = await Promise.all(contenders.map(async (c) => JSON.parse(await c.nextLine())));
    } finally {
      for (const c of contenders) c.child.stdin.end();
      await Promise.all(contenders.map((c) => c.exited));
    }
    const winners = roundDirs.map((_, round) => results.filter((r) => r.won.includes(round)).length);
    assert.deepEqual(winners, roundDirs.map(() => 1), 'lock holders per round');
    assert.deepEqual(results.flatMap((r) => r.errors), [], 'contenders fail only with "database in use"');
  });

  test('a stale lock with our own PID (a restarted container reuses it) is taken over; a second lock in-process is refused', () => {
    const dir = tempDir();
    const lockFile = path.join(dir, 'kembang.lock');
    fs.writeFileSync(lockFile, String(process.pid));
    const release = acquireDirectoryLock(dir);
    try {
      assert.equal(fs.readFileSync(lockFile, 'utf8'), String(process.pid));
      assert.throws(() => acquireDirectoryLock(dir), (error: Error) => error instanceof DatabaseLockedError && /already open in this process/.test(error.message));
      assert.throws(() => acquireDirectoryLock(`${dir}/.`), DatabaseLockedError, 'the same directory spelled differently');
    } finally {
      release();
    }
    assert.deepEqual(fs.readdirSync(dir), [], 'release removes the lock and leaves no litter');
    acquireDirectoryLock(dir)();
  });
});
