// planning.recommend: GET /api/planning/people/{id}/recommendations (one person's ranked
// offerings and programmes with reasons) over HTTP on loopback at national scale — the national
// set and the national catalogue (5,200 programmes, 52,000 offerings, made when the database has
// fewer than 5,000 programmes) — signed in as a national auditor (a session cookie), for random
// people across the whole registry, against a bare Fastify route in the same process and the
// same load loop (bench/load-worker.ts in a worker thread). Also CPU ms per request of this
// process and of its PostgreSQL backends. Targets: p95 ≤ 30 ms, ≥ 500 requests/s.
import Fastify from 'fastify';
import { buildApp } from '../src/app.ts';
import { systemCaller } from '../src/context.ts';
import { loadConfig } from '../src/config.ts';
import { generateNationalCatalogue } from '../src/modules/catalog/national.ts';
import { createUser } from '../src/modules/identity/service.ts';
import { cpuDuring, ensureNationalSet, log, openBenchDatabase, report, withApplicationName, type BenchOptions } from './common.ts';
import { cpuPerRequest, runLoad, summarise } from './http-load.ts';

const EMAIL = 'bench.auditor@kembang.test';
const PASSWORD = 'Bangku-Uji-Beban-2026';
const APP = 'kembang_bench_planning_recommend';
const PATH = '/api/planning/people/{id}/recommendations';

export async function run(options: BenchOptions): Promise<void> {
  const concurrency = options.concurrency ?? 16;
  const requests = options.requests ?? 20_000;
  const duration = options.duration ?? 20;
  const database = await openBenchDatabase({ ...options, databaseUrl: withApplicationName(options.databaseUrl, APP) }, Math.max(10, concurrency));
  const config = loadConfig({ LOG_LEVEL: 'silent' }, { port: 0, host: '127.0.0.1', databaseUrl: options.databaseUrl });
  const app = await buildApp({ config, database, logger: false });
  const bare = Fastify({ logger: false });
  bare.get('/bare/:id', async (request) => ({ id: Number((request.params as { id: string }).id), ok: true }));
  try {
    const scale = await ensureNationalSet(database, options);
    const pool = database.raw && 'pool' in database.raw ? database.raw.pool : null;
    if (!pool) throw new Error('planning.recommend runs on PostgreSQL');
    const { rows: [catalogue] } = await pool.query<{ programmes: number; offerings: number }>('select (select count(*) from programme)::int as programmes, (select count(*) from offering)::int as offerings');
    if (catalogue.programmes < 5000) {
      log('generating the national catalogue (5,200 programmes, 52,000 offerings)');
      await generateNationalCatalogue(database.db, { programmes: 5200, offerings: 52000 });
    }
    const { rows: [range] } = await pool.query('select min(id)::bigint as min, max(id)::bigint as max from civil_servant');
    try {
      await createUser({ db: database.db, config }, systemCaller('bench'), { email: EMAIL, password: PASSWORD, role: 'auditor', scope: 'national', displayName: 'Bench auditor' });
    } catch (error) {
      if ((error as { status?: number }).status !== 409) throw error;
    }
    await app.listen({ port: 0, host: '127.0.0.1' });
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const bareOrigin = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;
    const login = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: EMAIL, password: PASSWORD }) });
    if (login.status !== 200) throw new Error(`bench login failed: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    // a sample: the first call also builds the supply index (once per process)
    let sampleItems = 0;
    for (let id = Number(range.min), n = 0; n < 20; id += Math.floor((Number(range.max) - Number(range.min)) / 20), n++) {
      const check = await fetch(`${origin}${PATH.replace('{id}', String(id))}`, { headers: { cookie } });
      if (check.status !== 200) throw new Error(`recommendations answered ${check.status}: ${await check.text()}`);
      sampleItems += ((await check.json()) as { items: unknown[] }).items.length;
    }
    log(`planning.recommend: ${scale.people} people, ${Math.max(catalogue.programmes, 5200)} programmes; ${concurrency} workers, at most ${requests} requests or ${duration} s per run; ${(sampleItems / 20).toFixed(1)} items per answer in a sample of 20 people`);
    const job = { minId: Number(range.min), maxId: Number(range.max), concurrency, requests, durationSeconds: duration, seed: 17 };
    // warm-up (connections, JIT, plans), then the measured runs
    await runLoad({ ...job, origin: bareOrigin, path: '/bare/{id}', headers: {}, requests: Math.min(2000, requests), durationSeconds: 5 });
    const bareCpu = await cpuDuring(pool, APP, () => runLoad({ ...job, origin: bareOrigin, path: '/bare/{id}', headers: {} }));
    const bareRun = summarise(bareCpu.result);
    await runLoad({ ...job, origin, path: PATH, headers: { cookie }, requests: Math.min(2000, requests), durationSeconds: 5, seed: 18 });
    const recCpu = await cpuDuring(pool, APP, () => runLoad({ ...job, origin, path: PATH, headers: { cookie } }));
    const rec = summarise(recCpu.result);
    const cpu = { recommend: cpuPerRequest(recCpu, rec.requests), bare: cpuPerRequest(bareCpu, bareRun.requests) };
    log(`CPU ms per request: recommendations ${JSON.stringify(cpu.recommend)}, bare route ${JSON.stringify(cpu.bare)}`);
    if ((rec.statuses['200'] ?? 0) !== rec.requests) log(`warning: non-200 answers ${JSON.stringify(rec.statuses)}`);
    report({ bench: 'planning.recommend', value: rec.p95, unit: 'ms p95', baseline: bareRun.p95, people: scale.people, concurrency, requests: rec.requests, p50: rec.p50, p99: rec.p99, statuses: rec.statuses, cpuMsPerRequest: cpu });
    report({ bench: 'planning.recommend.throughput', value: rec.rps, unit: 'req/s', baseline: bareRun.rps, people: scale.people, concurrency, requests: rec.requests });
  } finally {
    await app.close();
    await bare.close();
    await database.close().catch(() => {});
  }
}
