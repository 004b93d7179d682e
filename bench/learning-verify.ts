// Benchmark: certificate verifications per second over HTTP (POST /api/certificates/verify with
// a JWT: key lookup, EdDSA signature check, register and status lookup), against a bare Fastify
// route that parses the same body, measured in the same run. JSON lines on stdout. Then the same
// load with the cache of already-verified JWTs off (every request checks the Ed25519 signature).
//
//   npx node bench/learning-verify.ts                        # PGlite, in memory
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kembang_bench npx node bench/learning-verify.ts
//   options (env): BENCH_SECONDS=10 BENCH_CONCURRENCY=16 BENCH_CERTIFICATES=200
//
// The load runs in a worker thread (fetch/undici, keep-alive, fixed concurrency); on a 2-core
// machine it shares the CPU with the server, like any single-box benchmark.
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { systemCaller } from '../src/context.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { cachesOf, configureCertificates } from '../src/modules/certificate/runtime.ts';
import { issueCertificate } from '../src/modules/certificate/service.ts';
import { demoSeedPresent, seedDemo } from '../src/seed/demo.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const certificates = Number(process.env.BENCH_CERTIFICATES ?? 200);
const url = process.env.DATABASE_URL;
const log = (msg: string) => process.stderr.write(`${msg}\n`);

const database = await openDatabase(url ? { url, poolSize: 10 } : { memory: true });
await migrateToLatest(database.db);
// the bench's key encryption key before anything signs (the demo seed issues certificates)
const config = loadConfig({ LOG_LEVEL: 'silent', KEMBANG_KEY_ENCRYPTION_KEY: 'bench-only-key-encryption-secret-0123456789' }, { port: 0 });
configureCertificates(config);
if (!(await demoSeedPresent(database.db))) await seedDemo(database.db, { password: 'bench-password', perAgency: 40 });
const app = await buildApp({ config, database, logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const appUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

const programme = await database.db.selectFrom('programme').select('id').where('code', '=', 'PKP-KOLABORASI').executeTakeFirstOrThrow();
const people = await database.db.selectFrom('civil_servant').select('id').orderBy('id').limit(certificates).execute();
const jwts: string[] = [];
const t0 = performance.now();
await database.db.transaction().execute(async (tx) => {
  for (const [i, p] of people.entries()) {
    const issued = await issueCertificate(tx, systemCaller('bench'), { civilServantId: p.id, programmeId: programme.id, offeringId: null, learningRecordId: 800_000_000 + i + Math.floor(Math.random() * 1e6) * 1000, completedOn: '2026-03-12', jp: 40 });
    jwts.push(issued.jwt);
  }
});
log(`issued ${jwts.length} certificates in ${Math.round(performance.now() - t0)} ms`);
// a few revoked ones, so the mix is not all "valid"
await sql`update certificate set revoked_at = now(), revoked_by = 'bench', revocation_reason = 'bench' where id in (select id from certificate order by id limit 10)`.execute(database.db);

const bare = Fastify({ logger: false });
bare.post('/bare', async (request) => ({ status: 'valid', length: String((request.body as { jwt: string }).jwt).length }));
await bare.listen({ host: '127.0.0.1', port: 0 });
const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

// sanity: every JWT verifies to valid or revoked
for (const jwt of jwts.slice(0, 50)) {
  const res = await fetch(`${appUrl}/api/certificates/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jwt }) });
  const body = (await res.json()) as { status: string };
  if (res.status !== 200 || !['valid', 'revoked'].includes(body.status)) throw new Error(`verify → ${res.status} ${JSON.stringify(body)}`);
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { target, bodies, seconds, concurrency } = workerData;
(async () => {
  const latencies = [];
  let errors = 0, i = 0;
  const deadline = performance.now() + seconds * 1000;
  async function loop() {
    while (performance.now() < deadline) {
      const body = bodies[i++ % bodies.length];
      const t0 = performance.now();
      try {
        const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
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

type LoadResult = { n: number; errors: number; rps: number; p50: number; p95: number; p99: number; cpuMs: number };
// cpuMs: CPU time of this process (server + the load thread) per request, which contention from
// other processes on the machine distorts far less than the rate.
function load(target: string, secs: number): Promise<LoadResult> {
  const bodies = jwts.map((jwt) => JSON.stringify({ jwt }));
  return new Promise((resolve, reject) => {
    const cpu0 = process.cpuUsage();
    const w = new Worker(WORKER, { eval: true, workerData: { target, bodies, seconds: secs, concurrency } });
    w.once('message', (m) => {
      const cpu = process.cpuUsage(cpu0);
      resolve({ ...m, cpuMs: (cpu.user + cpu.system) / 1000 / m.n });
      void w.terminate();
    });
    w.once('error', reject);
  });
}

await load(`${appUrl}/api/certificates/verify`, 2); // warm-up
const baseline = await load(`${bareUrl}/bare`, seconds);
const result = await load(`${appUrl}/api/certificates/verify`, seconds);
// the same with every signature checked (the cache of already-verified JWTs off): the Ed25519 cost
const verified = cachesOf(database.db).verified;
verified.enabled = false;
verified.clear();
const uncached = await load(`${appUrl}/api/certificates/verify`, seconds);
verified.enabled = true;
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const backend = database.kind;
const line = (metric: string, value: number, unit: string, base: number, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ bench: 'learning.verify', metric, backend, value: round(value), unit, baseline: round(base), ratio: round(value / base), ...extra }));
const loadAverage = (await import('node:os')).loadavg().map((x) => round(x));
line('throughput', result.rps, 'verifications/s', baseline.rps, { target: 2000, concurrency, seconds, requests: result.n, errors: result.errors, certificates: jwts.length, loadAverage });
line('cpu per request', result.cpuMs, 'ms', baseline.cpuMs, { note: 'this process: server + load thread' });
line('throughput, every signature checked', uncached.rps, 'verifications/s', baseline.rps, { requests: uncached.n, errors: uncached.errors, cpuMsPerRequest: round(uncached.cpuMs, 3), loadAverage: (await import('node:os')).loadavg().map((x) => round(x)) });
line('p95', result.p95, 'ms', baseline.p95, { p50: round(result.p50), p99: round(result.p99), concurrency });

await app.close();
await bare.close();
await database.close();
