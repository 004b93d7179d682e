// xapi.ingest: POST /xapi/statements in batches of 100 over HTTP on loopback (HTTP Basic LRS
// credentials), sustained for --duration seconds (default 60), from N keep-alive connections in a
// worker thread. The figure is statements acknowledged per second; the baseline is a raw
// multi-row INSERT of the same kind of rows (id, stored, verb, activity, registration, the
// statement as jsonb — 100 rows per INSERT, same concurrency) into a plain table with only a
// primary key, in the same run on the same database.
//
//   npx kembang bench xapi.ingest [--duration 60] [--concurrency 8] [--database-url postgres://…/kembang_bench_xapi]
//
// The default database is kembang_bench_xapi (created when missing; the LRS tables only get the
// benchmark provider XBENCH's rows). The per-credential rate limit is switched off for the run.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { systemCaller } from '../src/context.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createCredential } from '../src/modules/xapi/credentials.ts';
import { cpuDuring, DEFAULT_BENCH_URL, ensureDatabase, log, percentile, report, withApplicationName, type BenchOptions } from './common.ts';
import { statementStream, type Universe } from './xapi-data.ts';
import type { XapiLoadJob, XapiLoadResult } from './xapi-load-worker.ts';

export const XAPI_BENCH_URL = 'postgres://postgres@127.0.0.1:5432/kembang_bench_xapi';
export const BENCH_PROVIDER = 'XBENCH';
const BATCH = 100;
const UNIVERSE: Universe = { people: 500_000, courses: 5_000, seed: 11 };
/** application_name of the run's connections, so their PostgreSQL backends' CPU can be counted */
const APP = 'kembang_bench_xapi_ingest';

/** The xAPI benchmarks' own database unless another one is named. */
export function xapiBenchUrl(options: BenchOptions): string {
  return !options.databaseUrl || options.databaseUrl === DEFAULT_BENCH_URL ? XAPI_BENCH_URL : options.databaseUrl;
}

export async function openXapiBenchDatabase(url: string, poolSize = 10): Promise<{ database: Database; providerId: number }> {
  await ensureDatabase(url);
  const database = await openDatabase({ url, poolSize });
  await migrateToLatest(database.db);
  await database.db
    .insertInto('provider')
    .values({ code: BENCH_PROVIDER, name: 'LRS benchmark provider', kind: 'national_institute' })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const provider = await database.db.selectFrom('provider').select('id').where('code', '=', BENCH_PROVIDER).executeTakeFirstOrThrow();
  return { database, providerId: provider.id };
}

export function runLoad(job: XapiLoadJob): Promise<XapiLoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./xapi-load-worker.ts', import.meta.url), { workerData: job });
    worker.once('message', (result: XapiLoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

function poolOf(database: Database) {
  const pool = database.raw && 'pool' in database.raw ? database.raw.pool : null;
  if (!pool) throw new Error('benchmarks run on PostgreSQL');
  return pool;
}

/** The baseline: the same kind of rows by multi-row INSERT into a plain table, same concurrency. */
async function rawInsert(database: Database, providerId: number, concurrency: number, seconds: number, streamBase: number): Promise<{ rate: number; rows: number }> {
  const pool = poolOf(database);
  await pool.query(`create table if not exists xapi_bench_raw (
    provider_id integer not null, id uuid not null, stored timestamptz not null, verb_id text not null,
    activity_id text, registration uuid, statement jsonb not null, primary key (provider_id, id))`);
  await pool.query('truncate xapi_bench_raw');
  const cols = 7;
  const text = `insert into xapi_bench_raw (provider_id, id, stored, verb_id, activity_id, registration, statement) values ${Array.from({ length: BATCH }, (_, r) => `(${Array.from({ length: cols }, (_, c) => `$${r * cols + c + 1}`).join(',')})`).join(',')}`;
  const authority = { objectType: 'Agent', name: 'bench', account: { homePage: 'http://127.0.0.1/xapi', name: 'lrs_bench' } };
  let rows = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      const next = statementStream(UNIVERSE, streamBase + w);
      let n = 0;
      while (performance.now() < deadline) {
        const stored = new Date();
        const values: unknown[] = [];
        for (let i = 0; i < BATCH; i++) {
          const g = next(n++);
          // the same work a client would do to shape a row: the statement as the LRS keeps it
          const s: Record<string, unknown> = { ...g.statement, stored: stored.toISOString(), authority, version: "2.0.0" };
          values.push(providerId, s.id, stored, g.verb, g.activity, g.registration, JSON.stringify(s));
        }
        await pool.query(text, values);
        rows += BATCH;
      }
    }),
  );
  return { rate: rows / ((performance.now() - started) / 1000), rows };
}

export async function run(options: BenchOptions): Promise<void> {
  const url = xapiBenchUrl(options);
  const seconds = options.duration ?? 60;
  const concurrency = options.concurrency ?? 8;
  const { database, providerId } = await openXapiBenchDatabase(withApplicationName(url, APP), 10);
  const pool = poolOf(database);
  const config = loadConfig({ LOG_LEVEL: process.env.BENCH_LOG ?? 'silent', XAPI_RATE_LIMIT_PER_MINUTE: '0', LEARNING_WORKER_MS: '0' }, { port: 0 });
  const deps = { db: database.db, config };
  const credential = await createCredential(deps, systemCaller('bench'), { provider: BENCH_PROVIDER, name: `bench-${Date.now()}` });
  const app = await buildApp({ config, database, logger: process.env.BENCH_LOG ? undefined : false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const headers = { authorization: `Basic ${Buffer.from(`${credential.key}:${credential.secret}`).toString('base64')}`, 'x-experience-api-version': '2.0.0' };
  const before = Number((await sql<{ n: string }>`select count(*) as n from xapi_statement where provider_id = ${providerId}`.execute(database.db)).rows[0].n);
  // Distinct streams per run: statement ids never repeat across runs.
  const streamBase = Math.floor(Date.now() / 1000) * 64;
  try {
    log(`xapi.ingest: warm-up 3 s, then ${seconds} s of batches of ${BATCH} from ${concurrency} connections (${url.replace(/\/\/[^@]*@/, '//')}, ${before} statements stored before)`);
    const job = { mode: 'ingest' as const, origin, headers, concurrency, batchSize: BATCH, universe: UNIVERSE };
    const warm = await runLoad({ ...job, durationSeconds: 3, streamBase });
    if (warm.firstError) throw new Error(`warm-up failed: ${warm.firstError}`);
    const load1 = os.loadavg();
    const measured = await cpuDuring(pool, APP, () => runLoad({ ...job, durationSeconds: seconds, streamBase: streamBase + concurrency }));
    const result = measured.result;
    const baselineSeconds = Math.max(5, Math.round(seconds / 4));
    log(`xapi.ingest: raw INSERT baseline for ${baselineSeconds} s`);
    const rawCpu = await cpuDuring(pool, APP, () => rawInsert(database, providerId, concurrency, baselineSeconds, streamBase + 2 * concurrency));
    const raw = rawCpu.result.rate;
    // CPU per batch of 100 (steadier than wall-clock on a shared machine): the server thread
    // (this process minus the load worker), the load worker, and the run's PostgreSQL backends.
    const batches = Math.max(1, result.latenciesMs.length);
    const perBatch = (ms: number, n: number) => Math.round((ms / n) * 100) / 100;
    const cpuMsPerBatch = { server: perBatch(measured.nodeMs - result.cpuMs, batches), loadWorker: perBatch(result.cpuMs, batches), postgres: perBatch(measured.postgresMs, batches) };
    const rawBatches = Math.max(1, rawCpu.result.rows / BATCH);
    const rawCpuMsPerBatch = { node: perBatch(rawCpu.nodeMs, rawBatches), postgres: perBatch(rawCpu.postgresMs, rawBatches) };
    log(`CPU ms per batch of ${BATCH}: LRS ${JSON.stringify(cpuMsPerBatch)}, raw INSERT ${JSON.stringify(rawCpuMsPerBatch)}`);
    const after = Number((await sql<{ n: string }>`select count(*) as n from xapi_statement where provider_id = ${providerId}`.execute(database.db)).rows[0].n);
    const sorted = [...result.latenciesMs].sort((a, b) => a - b);
    const rate = result.acknowledged / result.seconds;
    report({
      bench: 'xapi.ingest',
      value: rate,
      unit: 'statements/s',
      baseline: raw,
      baselineUnit: 'rows/s (multi-row INSERT, plain table)',
      seconds: Math.round(result.seconds * 10) / 10,
      concurrency,
      batch: BATCH,
      acknowledged: result.acknowledged,
      storedDelta: after - before - warm.acknowledged,
      batchP50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
      batchP95Ms: Math.round(percentile(sorted, 95) * 10) / 10,
      statuses: result.statuses,
      cpuMsPerBatch,
      rawCpuMsPerBatch,
      ...(result.firstError ? { firstError: result.firstError } : {}),
      loadavgBefore: load1.map((x) => Math.round(x * 100) / 100),
      loadavgAfter: os.loadavg().map((x) => Math.round(x * 100) / 100),
      cpus: os.cpus().length,
    });
  } finally {
    await app.close();
    await database.close();
  }
}
