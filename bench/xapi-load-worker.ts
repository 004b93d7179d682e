// The HTTP load loop of the xAPI benchmarks, in a worker thread so that it does not share an event
// loop with the server under test. `ingest`: each of N keep-alive connections POSTs batches of
// statements (generated here) one after another until the time bound. `query`: GETs of the given
// paths, round robin, until the time or request bound.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { statementStream, type Universe } from './xapi-data.ts';

export interface XapiLoadJob {
  mode: 'ingest' | 'query';
  origin: string;
  headers: Record<string, string>;
  concurrency: number;
  durationSeconds: number;
  /** ingest */
  batchSize?: number;
  universe?: Universe;
  /** first stream number (distinct per run, so ids never repeat across runs) */
  streamBase?: number;
  /** query */
  paths?: string[];
  requests?: number;
}

export interface XapiLoadResult {
  latenciesMs: number[];
  statuses: Record<string, number>;
  /** ingest: statements acknowledged (200) */
  acknowledged: number;
  seconds: number;
  /** CPU milliseconds of this worker thread (the load generator) during the run */
  cpuMs: number;
  firstError?: string;
}

function request(agent: http.Agent, url: URL, method: string, path: string, headers: Record<string, string>, body?: Buffer) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path, method, agent, headers: body ? { ...headers, 'content-length': String(body.length) } : headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function runXapiLoad(job: XapiLoadJob): Promise<XapiLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const url = new URL(job.origin);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let acknowledged = 0;
  let firstError: string | undefined;
  let sent = 0;
  const deadline = performance.now() + job.durationSeconds * 1000;
  const started = performance.now();
  const cpu0 = process.threadCpuUsage();
  const record = (status: number, body: string, t0: number) => {
    latencies.push(performance.now() - t0);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status >= 300 && !firstError) firstError = `${status} ${body.slice(0, 300)}`;
  };
  const loop = async (w: number) => {
    if (job.mode === 'ingest') {
      const next = statementStream(job.universe!, (job.streamBase ?? 0) + w);
      let n = 0;
      while (performance.now() < deadline) {
        const batch = Array.from({ length: job.batchSize! }, () => next(n++).statement);
        const body = Buffer.from(JSON.stringify(batch));
        const t0 = performance.now();
        const res = await request(agent, url, 'POST', '/xapi/statements', { ...job.headers, 'content-type': 'application/json' }, body);
        record(res.status, res.body, t0);
        if (res.status === 200) acknowledged += batch.length;
      }
    } else {
      const paths = job.paths!;
      while (performance.now() < deadline && sent < (job.requests ?? Infinity)) {
        const path = paths[sent++ % paths.length];
        const t0 = performance.now();
        const res = await request(agent, url, 'GET', path, job.headers);
        record(res.status, res.body, t0);
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, (_, w) => loop(w)));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.threadCpuUsage(cpu0);
  agent.destroy();
  return { latenciesMs: latencies, statuses, acknowledged, seconds, cpuMs: (cpu.user + cpu.system) / 1000, firstError };
}

if (parentPort && workerData) {
  runXapiLoad(workerData as XapiLoadJob).then((result) => parentPort!.postMessage(result));
}
