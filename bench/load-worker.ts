// The HTTP load loop of registry.profile, run in a worker thread so that it does not share an
// event loop with the server under test: N concurrent keep-alive connections on loopback, each
// sending one request after another until the request bound or the time bound is reached.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { createRandom } from '../src/seed/random.ts';

export interface LoadJob {
  origin: string;
  /** path with {id} replaced by a random integer in [minId, maxId] */
  path: string;
  minId: number;
  maxId: number;
  headers: Record<string, string>;
  concurrency: number;
  requests: number;
  durationSeconds: number;
  seed: number;
}

export interface LoadResult {
  latenciesMs: number[];
  statuses: Record<string, number>;
  seconds: number;
}

async function runJob(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const url = new URL(job.origin);
  const rng = createRandom(job.seed);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let sent = 0;
  const deadline = performance.now() + job.durationSeconds * 1000;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const path = job.path.replace('{id}', String(rng.int(job.minId, job.maxId)));
      const started = performance.now();
      const req = http.request({ host: url.hostname, port: url.port, path, method: 'GET', agent, headers: job.headers }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - started);
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
          resolve();
        });
      });
      req.on('error', reject);
      req.end();
    });
  const started = performance.now();
  const worker = async () => {
    while (sent < job.requests && performance.now() < deadline) {
      sent++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { latenciesMs: latencies, statuses, seconds };
}

if (parentPort && workerData) {
  runJob(workerData as LoadJob).then((result) => parentPort!.postMessage(result));
}
