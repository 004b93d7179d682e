// registry.profile: GET /api/civil-servants/{id}/profile (one person's competency profile with
// gaps) over HTTP on loopback at national scale, signed in as a national auditor (a session
// cookie), against a bare Fastify route in the same process and the same load loop. Random
// people across the whole registry. The load loop runs in a worker thread (bench/load-worker.ts).
import Fastify from 'fastify';
import { buildApp } from '../src/app.ts';
import { systemCaller } from '../src/context.ts';
import { loadConfig } from '../src/config.ts';
import { createUser } from '../src/modules/identity/service.ts';
import { cpuDuring, ensureNationalSet, log, openBenchDatabase, report, withApplicationName, type BenchOptions } from './common.ts';
import { cpuPerRequest, runLoad as load, summarise } from './http-load.ts';

const EMAIL = 'bench.auditor@kembang.test';
const PASSWORD = 'Bangku-Uji-Beban-2026';

export async function run(options: BenchOptions): Promise<void> {
  const concurrency = options.concurrency ?? 16;
  const requests = options.requests ?? 20_000;
  const duration = options.duration ?? 30;
  const APP = 'kembang_bench_registry_profile';
  const database = await openBenchDatabase({ ...options, databaseUrl: withApplicationName(options.databaseUrl, APP) }, Math.max(10, concurrency));
  const config = loadConfig({ LOG_LEVEL: 'silent' }, { port: 0, host: '127.0.0.1', databaseUrl: options.databaseUrl });
  const app = await buildApp({ config, database, logger: false });
  const bare = Fastify({ logger: false });
  bare.get('/bare/:id', async (request) => ({ id: Number((request.params as { id: string }).id), ok: true }));
  try {
    const scale = await ensureNationalSet(database, options);
    const pool = database.raw && 'pool' in database.raw ? database.raw.pool : null;
    if (!pool) throw new Error('registry.profile runs on PostgreSQL');
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
    const check = await fetch(`${origin}/api/civil-servants/${range.min}/profile`, { headers: { cookie } });
    if (check.status !== 200) throw new Error(`profile answered ${check.status}: ${await check.text()}`);
    const sample = await check.json();
    log(`registry.profile: ${scale.people} people; ${concurrency} workers, at most ${requests} requests or ${duration} s per run; sample has ${sample.items.length} competencies`);
    const job = { minId: Number(range.min), maxId: Number(range.max), concurrency, requests, durationSeconds: duration, seed: 7 };
    // warm-up (connections, JIT, plans), then the measured runs
    await load({ ...job, origin: bareOrigin, path: '/bare/{id}', headers: {}, requests: Math.min(2000, requests), durationSeconds: 5 });
    const bareCpu = await cpuDuring(pool, APP, () => load({ ...job, origin: bareOrigin, path: '/bare/{id}', headers: {} }));
    const bareRun = summarise(bareCpu.result);
    await load({ ...job, origin, path: '/api/civil-servants/{id}/profile', headers: { cookie }, requests: Math.min(2000, requests), durationSeconds: 5, seed: 8 });
    const profileCpu = await cpuDuring(pool, APP, () => load({ ...job, origin, path: '/api/civil-servants/{id}/profile', headers: { cookie } }));
    const profile = summarise(profileCpu.result);
    // CPU per request (this process — server and load worker — and its PostgreSQL backends): steadier than wall-clock figures on a shared machine
    const cpu = { profile: cpuPerRequest(profileCpu, profile.requests), bare: cpuPerRequest(bareCpu, bareRun.requests) };
    log(`CPU ms per request: profile ${JSON.stringify(cpu.profile)}, bare route ${JSON.stringify(cpu.bare)}`);
    const ok = profile.statuses['200'] ?? 0;
    if (ok !== profile.requests) log(`warning: non-200 answers ${JSON.stringify(profile.statuses)}`);
    report({ bench: 'registry.profile', value: profile.p95, unit: 'ms p95', baseline: bareRun.p95, people: scale.people, concurrency, requests: profile.requests, p50: profile.p50, p99: profile.p99, statuses: profile.statuses, cpuMsPerRequest: cpu });
    report({ bench: 'registry.profile.throughput', value: profile.rps, unit: 'req/s', baseline: bareRun.rps, people: scale.people, concurrency, requests: profile.requests });
  } finally {
    await app.close();
    await bare.close();
    await database.close().catch(() => {});
  }
}
