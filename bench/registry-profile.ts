// registry.profile: GET /api/civil-servants/{id}/profile (one person's competency profile with
// gaps) over HTTP on loopback at national scale, signed in as a national auditor (a session
// cookie), against a bare Fastify route in the same process and the same load loop. Random
// people across the whole registry. The load loop runs in a worker thread (bench/load-worker.ts).
import { cpuDuring, log, report, type BenchOptions } from './common.ts';
import { cpuPerRequest, runLoad as load, summarise } from './http-load.ts';
import { withNationalHttpBench } from './national-http.ts';

export async function run(options: BenchOptions): Promise<void> {
  const concurrency = options.concurrency ?? 16;
  const requests = options.requests ?? 20_000;
  const duration = options.duration ?? 30;
  const APP = 'kembang_bench_registry_profile';
  await withNationalHttpBench(options, { bench: 'registry.profile', application: APP, concurrency }, async ({ pool, scale, minId, maxId, origin, bareOrigin, cookie }) => {
    const check = await fetch(`${origin}/api/civil-servants/${minId}/profile`, { headers: { cookie } });
    if (check.status !== 200) throw new Error(`profile answered ${check.status}: ${await check.text()}`);
    const sample = await check.json();
    log(`registry.profile: ${scale.people} people; ${concurrency} workers, at most ${requests} requests or ${duration} s per run; sample has ${sample.items.length} competencies`);
    const job = { minId, maxId, concurrency, requests, durationSeconds: duration, seed: 7 };
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
  });
}
