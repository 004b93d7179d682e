// The HTTP load of the request benchmarks (registry.profile, planning.recommend): runs
// bench/load-worker.ts in a worker thread (N keep-alive connections on loopback, bounded by count
// and time) and summarises its latencies.
import { Worker } from 'node:worker_threads';
import { percentile } from './common.ts';
import type { LoadJob, LoadResult } from './load-worker.ts';

export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.ts', import.meta.url), { workerData: job });
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

export function summarise(result: LoadResult) {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    rps: sorted.length / result.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    statuses: result.statuses,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** CPU milliseconds per request, of this process (server and load worker) and of its PostgreSQL backends. */
export const cpuPerRequest = (c: { nodeMs: number; postgresMs: number }, requests: number) => ({ node: round2(c.nodeMs / requests), postgres: round2(c.postgresMs / requests) });
