// Benchmark: faceted catalogue search over HTTP on the national catalogue (150+ providers,
// 5,000+ programmes, 50,000+ offerings). Prints JSON lines with p95 latency and searches/s,
// each against a bare Fastify route measured in the same run (the baseline): first with the
// answer cache off (`catalog.search`, every search computed: the target figure), then with it on
// (`catalog.search.cached`, CATALOG_SEARCH_CACHE_SECONDS or 10 s), then the earlier SQL search
// with the cache off (`catalog.search.sql`, CATALOG_SEARCH_ENGINE=sql: the "before", same run;
// BENCH_SQL=0 skips it). The first 50 searches must answer byte for byte the same in all three.
// Each line carries the load average before and after its run, and the CPU milliseconds per
// search of this process (server and load worker) and of its PostgreSQL backends (cpu_ms_*; the
// bare route's in bare_cpu_ms_*): steadier than wall-clock figures on a shared machine.
//
//   npx node bench/catalog-search.ts                         # PGlite, in memory
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kembang_bench npx node bench/catalog-search.ts
//   options (env): BENCH_SECONDS=10 BENCH_CONCURRENCY=16 BENCH_PROGRAMMES=5200 BENCH_OFFERINGS=52000
//   BENCH_WRITES=50: PostgreSQL only — during each timed search run, that many seat writes a second
//   (one seat taken or given back on a random upcoming offering, plain SQL, its own connection,
//   not counted in cpu_ms_postgres), as enrolments do: every sync then has changes to apply.
//
// The load runs in a worker thread (fetch/undici, keep-alive, fixed concurrency) so it does not
// share the server's event loop; on a 2-core machine it still shares the CPU, like any
// single-box benchmark.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateNationalCatalogue } from '../src/modules/catalog/national.ts';
import { createRandom } from '../src/seed/random.ts';
import { cpuDuring, withApplicationName } from './common.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const APP = 'kembang-bench-catalog';
const url = process.env.DATABASE_URL && withApplicationName(process.env.DATABASE_URL, APP);
const log = (msg: string) => process.stderr.write(`${msg}\n`);

const database = await openDatabase(url ? { url, poolSize: 10 } : { memory: true });
// A migration that rewrote catalog_search leaves dead rows and a pending GIN list behind: clean up before measuring.
if ((await migrateToLatest(database.db)).length && database.kind === 'postgres') await sql`vacuum analyze`.execute(database.db);
const have = await database.db.selectFrom('programme').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
if (Number(have.n) < 5000) {
  const t0 = performance.now();
  const made = await generateNationalCatalogue(database.db, {
    programmes: Number(process.env.BENCH_PROGRAMMES ?? 5200),
    offerings: Number(process.env.BENCH_OFFERINGS ?? 52000),
    onProgress: (stage, done, total) => log(`generate ${stage} ${done}/${total}`),
  });
  log(`generated ${JSON.stringify(made)} in ${Math.round(performance.now() - t0)} ms`);
  if (database.kind === 'postgres') await sql`vacuum analyze`.execute(database.db);
}

// A deterministic mix of searches: text (some with typos), facets, sorting, pages.
const rng = createRandom(7);
const WORDS = ['kepemimpinan', 'keuangan', 'pengadaan', 'kebijakan', 'pelayanan', 'digital', 'data', 'audit', 'risiko', 'arsip', 'bencana', 'leadership', 'budgeting', 'procurement', 'kepemimpnan', 'pengadan', 'kebjakan', 'pelatihan', 'inovasi', 'integritas'];
const CATS = ['technical', 'functional', 'managerial', 'pkp', 'pka', 'latsar'];
const FORMS = ['course', 'e_learning', 'workshop', 'coaching', 'seminar'];
const queries: string[] = [];
for (let i = 0; i < 400; i++) {
  const p = new URLSearchParams();
  if (rng.next() < 0.7) p.set('q', rng.next() < 0.3 ? `${rng.pick(WORDS)} ${rng.pick(WORDS)}` : rng.pick(WORDS));
  if (rng.next() < 0.4) p.append('category', rng.pick(CATS));
  if (rng.next() < 0.3) p.append('form', rng.pick(FORMS));
  if (rng.next() < 0.3) p.append('delivery', rng.pick(['online', 'offline']));
  if (rng.next() < 0.3) p.append('province', String(rng.pick([11, 12, 31, 32, 33, 34, 35, 36, 51, 52, 61, 64, 73, 91])));
  if (rng.next() < 0.3) p.append('competency', rng.pick(['M.01', 'M.04', 'M.07', 'SK.01', 'T.NAS.001', 'T.NAS.010']));
  if (rng.next() < 0.2) p.set('seatsAvailable', 'true');
  if (rng.next() < 0.2) p.set('jpMin', '9'), p.set('jpMax', '80');
  if (rng.next() < 0.2) p.append('accreditation', rng.pick(['valid', 'expiring', 'expired']));
  if (rng.next() < 0.3) p.set('sort', rng.pick(['start', 'quality']));
  if (rng.next() < 0.2) p.set('page', String(rng.int(2, 5)));
  queries.push(`/api/catalog/search?${p}`);
}

const cachedSeconds = Number(process.env.CATALOG_SEARCH_CACHE_SECONDS || 10);
// The answer cache reads its TTL when the app is built: one app without it, one with it.
process.env.CATALOG_SEARCH_CACHE_SECONDS = '0';
const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }, { port: 0 }), database, logger: false });
process.env.CATALOG_SEARCH_CACHE_SECONDS = String(cachedSeconds);
const cachedApp = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }, { port: 0 }), database, logger: false });
// The earlier single-statement SQL search (CATALOG_SEARCH_ENGINE=sql), cache off: the "before" in the same run.
process.env.CATALOG_SEARCH_CACHE_SECONDS = '0';
const sqlApp = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }, { port: 0, catalogSearchEngine: 'sql' }), database, logger: false });
const urlOf = async (a: typeof app) => {
  await a.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(a.server.address() as { port: number }).port}`;
};
const appUrl = await urlOf(app);
const cachedUrl = await urlOf(cachedApp);
const sqlUrl = await urlOf(sqlApp);
const bare = Fastify({ logger: false });
bare.get('/bare', async () => ({ items: [{ id: 1, title: 'bare' }], total: 1 }));
await bare.listen({ host: '127.0.0.1', port: 0 });
const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

// sanity: every query answers 200, and both apps answer the same
for (const q of queries.slice(0, 50)) {
  const [a, b, c] = await Promise.all([fetch(appUrl + q), fetch(cachedUrl + q), fetch(sqlUrl + q)]);
  if (a.status !== 200) throw new Error(`${q} → ${a.status} ${await a.text()}`);
  const body = await a.text();
  if (body !== (await b.text())) throw new Error(`${q}: the cached app answers differently`);
  if (body !== (await c.text())) throw new Error(`${q}: the SQL search answers differently`);
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, paths, seconds, concurrency } = workerData;
(async () => {
  const latencies = [];
  let errors = 0, i = 0;
  const deadline = performance.now() + seconds * 1000;
  async function loop() {
    while (performance.now() < deadline) {
      const path = paths[i++ % paths.length];
      const t0 = performance.now();
      try {
        const res = await fetch(base + path);
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
      } catch { errors++; }
      latencies.push(performance.now() - t0);
    }
  }
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  parentPort.postMessage({ n: latencies.length, errors, rps: latencies.length / elapsed, p50: q(0.5), p95: q(0.95), p99: q(0.99) });
})();
`;

function load(base: string, paths: string[], secs: number): Promise<{ n: number; errors: number; rps: number; p50: number; p95: number; p99: number }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: { base, paths, seconds: secs, concurrency } });
    w.once('message', (m) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

const backend = database.kind;
const bareQueries = ['/bare'];
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const loadavg = () => round(os.loadavg()[0]);
const line = (bench: string, metric: string, value: number, unit: string, base: number, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ bench, metric, backend, value: round(value), unit, baseline: round(base), ratio: round(value / base), ...extra }));

// CPU of the PostgreSQL backends of this run's connections (PGlite runs inside this process).
const pool = url ? new pg.Pool({ connectionString: url, max: 1 }) : null;
const writesPerSecond = Number(process.env.BENCH_WRITES ?? 0);
const writer = url && writesPerSecond > 0 ? new pg.Pool({ connectionString: withApplicationName(process.env.DATABASE_URL!, `${APP}-writer`), max: 1 }) : null;
const upcoming = writer
  ? (await writer.query<{ id: number }>(`select o.id from offering o join programme p on p.id = o.programme_id
      where p.status = 'published' and o.status in ('planned','open') and o.start_date > current_date + 7 order by o.id`)).rows.map((r) => r.id)
  : [];
/** Seat writes at a fixed rate until `done` resolves; resolves to how many were made. */
async function seatWrites(done: Promise<unknown>): Promise<number> {
  if (!writer || upcoming.length === 0) return 0;
  let stop = false;
  void done.finally(() => (stop = true));
  const started = performance.now();
  const wr = createRandom(13);
  let made = 0;
  while (!stop) {
    const id = upcoming[wr.int(0, upcoming.length - 1)];
    await writer.query('update offering set enrolled_count = case when enrolled_count > 0 then enrolled_count - 1 else least(capacity, enrolled_count + 1) end where id = $1', [id]);
    made++;
    const due = started + (made * 1000) / writesPerSecond - performance.now();
    if (due > 0) await new Promise((r) => setTimeout(r, due));
  }
  return made;
}
let lastWrites = 0;
const timed = async (base: string, paths: string[]) => {
  if (writer && paths !== bareQueries) {
    const run = load(base, paths, seconds);
    const writes = seatWrites(run);
    const { result, nodeMs, postgresMs } = await cpuDuring(pool!, APP, () => run);
    lastWrites = await writes;
    return { ...result, nodeMs, postgresMs };
  }
  if (!pool) {
    const c0 = process.cpuUsage();
    const r = await load(base, paths, seconds);
    const c = process.cpuUsage(c0);
    return { ...r, nodeMs: (c.user + c.system) / 1000, postgresMs: 0 };
  }
  const { result, nodeMs, postgresMs } = await cpuDuring(pool, APP, () => load(base, paths, seconds));
  return { ...result, nodeMs, postgresMs };
};

async function measure(bench: string, url: string) {
  await load(url, queries, 2); // warm-up
  const before = loadavg();
  const baseline = await timed(bareUrl, bareQueries);
  const result = await timed(url, queries);
  const perRequest = (r: typeof result) => ({ node: round(r.nodeMs / r.n, 3), postgres: round(r.postgresMs / r.n, 3) });
  const cpu = perRequest(result);
  const bareCpu = perRequest(baseline);
  const extra = {
    programmes: programmes,
    concurrency,
    seconds,
    cpu_ms_node: cpu.node,
    cpu_ms_postgres: cpu.postgres,
    bare_cpu_ms_node: bareCpu.node,
    load_before: before,
    load_after: loadavg(),
    ...(writer ? { seat_writes_per_s: round(lastWrites / seconds, 1) } : {}),
  };
  line(bench, 'p95', result.p95, 'ms', baseline.p95, { p50: round(result.p50), p99: round(result.p99), requests: result.n, errors: result.errors, ...extra });
  line(bench, 'throughput', result.rps, 'searches/s', baseline.rps, extra);
}

const programmes = Number((await database.db.selectFrom('programme').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'published').executeTakeFirstOrThrow()).n);
await measure('catalog.search', appUrl);
await measure('catalog.search.cached', cachedUrl);
if (process.env.BENCH_SQL !== '0') await measure('catalog.search.sql', sqlUrl);

await app.close();
await cachedApp.close();
await sqlApp.close();
await bare.close();
await pool?.end();
await writer?.end();
await database.close();
