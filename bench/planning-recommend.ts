// planning.recommend: GET /api/planning/people/{id}/recommendations (one person's ranked
// offerings and programmes with reasons) over HTTP on loopback at national scale — the national
// set and the national catalogue (5,200 programmes, 52,000 offerings, made when the database has
// fewer than 5,000 programmes) — signed in as a national auditor (a session cookie), for random
// people across the whole registry, against a bare Fastify route in the same process and the
// same load loop (bench/load-worker.ts in a worker thread). Also CPU ms per request of this
// process and of its PostgreSQL backends. Targets: p95 ≤ 30 ms, ≥ 500 requests/s.
import type pg from 'pg';
import type { Database } from '../src/db/database.ts';
import { generateNationalCatalogue } from '../src/modules/catalog/national.ts';
import { cpuDuring, log, report, type BenchOptions } from './common.ts';
import { cpuPerRequest, runLoad, summarise } from './http-load.ts';
import { withNationalHttpBench } from './national-http.ts';

const APP = 'kembang_bench_planning_recommend';
const PATH = '/api/planning/people/{id}/recommendations';

export async function run(options: BenchOptions): Promise<void> {
  const concurrency = options.concurrency ?? 16;
  const requests = options.requests ?? 20_000;
  const duration = options.duration ?? 20;
  let programmes = 0;
  const prepare = async (database: Database, pool: pg.Pool) => {
    const { rows: [catalogue] } = await pool.query<{ programmes: number }>('select count(*)::int as programmes from programme');
    programmes = catalogue.programmes;
    if (programmes < 5000) {
      log('generating the national catalogue (5,200 programmes, 52,000 offerings)');
      await generateNationalCatalogue(database.db, { programmes: 5200, offerings: 52000 });
      programmes = 5200;
    }
  };
  await withNationalHttpBench(options, { bench: 'planning.recommend', application: APP, concurrency, prepare }, async ({ pool, scale, minId, maxId, origin, bareOrigin, cookie }) => {
    // a sample: the first call also builds the supply index (once per process)
    let sampleItems = 0;
    for (let id = minId, n = 0; n < 20; id += Math.floor((maxId - minId) / 20), n++) {
      const check = await fetch(`${origin}${PATH.replace('{id}', String(id))}`, { headers: { cookie } });
      if (check.status !== 200) throw new Error(`recommendations answered ${check.status}: ${await check.text()}`);
      sampleItems += ((await check.json()) as { items: unknown[] }).items.length;
    }
    log(`planning.recommend: ${scale.people} people, ${programmes} programmes; ${concurrency} workers, at most ${requests} requests or ${duration} s per run; ${(sampleItems / 20).toFixed(1)} items per answer in a sample of 20 people`);
    const job = { minId, maxId, concurrency, requests, durationSeconds: duration, seed: 17 };
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
  });
}
