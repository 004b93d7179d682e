// Crash safety of the LRS: kill -9 of the real server process in the middle of a stream of
// statement batches loses no statement the LRS acknowledged (200 with the ids), a batch in
// flight at the kill is stored whole or not at all, and the server restarts cleanly on the same
// data and goes on storing. PGlite always; PostgreSQL when TEST_DATABASE_URL is set.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type OpenOptions } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { backends, createPostgresDatabase } from './helpers.ts';
import { ensureStopped, runCli, startServeProcess, type ServerProcess } from './support/server-process.ts';
import { basic, statement } from './xapi-helpers.ts';

// Batches go on for WRITE_MS and until MIN_ACKED statements were acknowledged, at most MAX_WRITE_MS.
const WRITE_MS = 1500;
const MIN_ACKED = 200;
const MAX_WRITE_MS = 20_000;
const WRITERS = 6;
const BATCH = 10;
const PROVIDER = 'LRSDUR';

interface Stream {
  acknowledged: Map<string, Record<string, unknown>>;
  /** Batches without a complete answer: in flight when the process died. */
  unanswered: string[][];
  otherStatuses: string[];
  done: Promise<void>;
}

function streamBatches(base: string, headers: Record<string, string>): Stream {
  const stream: Stream = { acknowledged: new Map(), unanswered: [], otherStatuses: [], done: Promise.resolve() };
  const writer = async (w: number) => {
    for (let n = 0; ; n++) {
      const batch = Array.from({ length: BATCH }, (_, i) =>
        statement({ id: randomUUID(), actor: { objectType: 'Agent', name: `Peserta ${w}`, mbox: `mailto:peserta.${w}.${n % 7}@kembang.test` }, context: { registration: randomUUID(), extensions: { 'https://kembang.test/x/n': `${w}-${n}-${i}` } } }),
      );
      let res: Response;
      let body: string;
      try {
        res = await fetch(`${base}/xapi/statements`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(batch) });
        body = await res.text();
      } catch {
        stream.unanswered.push(batch.map((s) => s.id as string));
        return; // the server is gone
      }
      if (res.status !== 200) {
        stream.otherStatuses.push(`${res.status} ${body.slice(0, 200)}`);
        continue;
      }
      assert.deepEqual(JSON.parse(body), batch.map((s) => s.id));
      for (const s of batch) stream.acknowledged.set(s.id as string, s);
    }
  };
  stream.done = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w))).then(() => {});
  return stream;
}

/** Migrates the database and adds the provider whose store the test writes to (no demo seed). */
async function prepare(open: OpenOptions) {
  const database = await openDatabase(open);
  try {
    await migrateToLatest(database.db);
    await database.db.insertInto('provider').values({ code: PROVIDER, name: 'Durability test provider', kind: 'national_institute' }).execute();
  } finally {
    await database.close();
  }
}

async function storedStatements(open: OpenOptions, ids: string[]) {
  const database = await openDatabase(open);
  try {
    const rows = ids.length ? await database.db.selectFrom('xapi_statement').select(['id', 'statement']).where('id', 'in', ids).execute() : [];
    return new Map(rows.map((r) => [r.id, r.statement as Record<string, unknown>]));
  } finally {
    await database.close();
  }
}

for (const kind of backends()) {
  describe(`LRS: kill -9 during statement ingest (${kind})`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    test('no acknowledged statement is lost; a batch in flight is stored whole or not at all; restart is clean', async (t) => {
      let env: Record<string, string>;
      let open: OpenOptions;
      if (kind === 'pglite') {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kembang-xapi-durability-'));
        cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
        env = { KEMBANG_DATA_DIR: dir, KEMBANG_AUTO_SEED: 'false', XAPI_RATE_LIMIT_PER_MINUTE: '0' };
        open = { dataDir: dir };
      } else {
        const pgdb = await createPostgresDatabase();
        cleanups.push(() => pgdb.drop());
        env = { DATABASE_URL: pgdb.url, XAPI_RATE_LIMIT_PER_MINUTE: '0' };
        open = { url: pgdb.url, poolSize: 2 };
      }
      await prepare(open);
      const created = await runCli(['lrs', 'credentials', 'create', '--provider', PROVIDER, '--name', 'durability'], env);
      assert.equal(created.code, 0, created.stderr);
      const { key, secret } = JSON.parse(created.stdout);
      const headers = { authorization: basic(key, secret), 'x-experience-api-version': '2.0.0' };

      let first: ServerProcess | undefined;
      let second: ServerProcess | undefined;
      try {
        first = await startServeProcess(env);
        const stream = streamBatches(first.base, headers);
        const started = Date.now();
        while (Date.now() - started < MAX_WRITE_MS && (Date.now() - started < WRITE_MS || stream.acknowledged.size < MIN_ACKED)) {
          await new Promise((r) => setTimeout(r, 50));
        }
        first.child.kill('SIGKILL');
        const { signal } = await first.exited;
        await stream.done;
        assert.equal(signal, 'SIGKILL');
        assert.deepEqual(stream.otherStatuses, []);
        assert.ok(stream.acknowledged.size >= MIN_ACKED, `only ${stream.acknowledged.size} statements were acknowledged in ${MAX_WRITE_MS} ms`);
        assert.ok(stream.unanswered.length > 0, 'the kill came while batches were in flight');
        t.diagnostic(`${stream.acknowledged.size} statements acknowledged, ${stream.unanswered.length} batches in flight at kill -9`);

        // Restart on the same data; it stores again.
        second = await startServeProcess(env);
        const one = statement({ id: randomUUID() });
        const res = await fetch(`${second.base}/xapi/statements`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(one) });
        assert.equal(res.status, 200, await res.text());
        const check = await fetch(`${second.base}/xapi/statements?statementId=${one.id}`, { headers });
        assert.equal(check.status, 200);
        second.child.kill('SIGTERM');
        assert.deepEqual(await second.exited, { code: 0, signal: null });
        assert.doesNotMatch(second.stderr(), /error/i, 'the restart logged no errors');

        // Every acknowledged statement is there, as sent; in-flight batches are all or nothing.
        const inFlight = stream.unanswered.flat();
        const stored = await storedStatements(open, [...stream.acknowledged.keys(), ...inFlight]);
        const lost = [...stream.acknowledged.keys()].filter((id) => !stored.has(id));
        assert.deepEqual(lost, [], `${lost.length} of ${stream.acknowledged.size} acknowledged statements were lost`);
        for (const [id, sent] of stream.acknowledged) {
          const s = stored.get(id)!;
          assert.deepEqual({ actor: s.actor, verb: s.verb, context: s.context }, { actor: sent.actor, verb: sent.verb, context: sent.context });
        }
        for (const batch of stream.unanswered) {
          const n = batch.filter((id) => stored.has(id)).length;
          assert.ok(n === 0 || n === batch.length, `a batch in flight was stored in part (${n} of ${batch.length})`);
        }
      } finally {
        await ensureStopped(first);
        await ensureStopped(second);
      }
    });
  });
}
