// Benchmark: enrolment requests/s under contention on ONE offering, over HTTP, with zero
// overbooking verified at the end (seats held = offering.enrolled_count ≤ capacity). Every request
// is a different learner (a signed-in session each) asking for the same offering; the first
// `capacity` get a seat, the rest queue. The baseline is a bare Fastify POST route measured in
// the same run with the same load.
//
//   npx node bench/learning-enrol.ts                                   # PGlite, in memory
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kembang_bench_learning npx node bench/learning-enrol.ts
//   options (env): BENCH_REQUESTS=2000 BENCH_CAPACITY=200 BENCH_CONCURRENCY=32 BENCH_POOL=20
//
// On PostgreSQL the named database is DROPPED and re-created. The load runs in a worker thread
// so it does not share the server's event loop (it still shares the CPU on a small machine).
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { ensureDatabase, log, report } from './common.ts';
import { agencyId, makeOffering, makePeople, makeProgramme, seatCounts, sessionFor } from '../test/learning-fixtures.ts';

const requests = Number(process.env.BENCH_REQUESTS ?? 2000);
const capacity = Number(process.env.BENCH_CAPACITY ?? 200);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const url = process.env.DATABASE_URL;

if (url) await ensureDatabase(url, true);
const database = await openDatabase(url ? { url, poolSize: Number(process.env.BENCH_POOL ?? 20) } : { memory: true });
await migrateToLatest(database.db);
const db = database.db;
log('seeding the demo data set…');
await seedDemo(db, { password: 'bench-password', perAgency: 20 });
const agency = await agencyId(db, '32');
const [supervisorId] = await makePeople(db, 1, { agencyId: agency, tier: 'pengawas', rank: 'III/d' });
const programme = await makeProgramme(db, { competencies: [['M.01', 1, 3], ['M.04', 1, 3]] });
const offering = await makeOffering(db, programme.id, { capacity });
log(`making ${requests} learners with sessions…`);
const people = await makePeople(db, requests, { agencyId: agency, supervisorId });
const sessions: { cookie: string; csrf: string }[] = [];
for (const id of people) sessions.push(await sessionFor(db, { civilServantId: id, role: 'learner', scopeType: 'agency', scopeId: agency }));

const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', LEARNING_WORKER_MS: '0' }, { port: 0 }), database, logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const appUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const bare = Fastify({ logger: false });
bare.post('/bare', async (request, reply) => reply.status(201).send({ id: 1, status: 'requested', offeringId: (request.body as { offeringId: number }).offeringId }));
await bare.listen({ host: '127.0.0.1', port: 0 });
const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, path, body, sessions, concurrency } = workerData;
(async () => {
  const latencies = [];
  const statuses = {};
  let i = 0;
  async function loop() {
    while (i < sessions.length) {
      const s = sessions[i++];
      const t0 = performance.now();
      try {
        const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf }, body });
        await res.arrayBuffer();
        statuses[res.status] = (statuses[res.status] || 0) + 1;
      } catch { statuses.error = (statuses.error || 0) + 1; }
      latencies.push(performance.now() - t0);
    }
  }
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  parentPort.postMessage({ n: latencies.length, statuses, rps: latencies.length / elapsed, seconds: elapsed, p50: q(0.5), p95: q(0.95) });
})();
`;

type LoadResult = { n: number; statuses: Record<string, number>; rps: number; seconds: number; p50: number; p95: number };
function load(base: string, path: string, list: { cookie: string; csrf: string }[]): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: { base, path, body: JSON.stringify({ offeringId: offering.id }), sessions: list, concurrency } });
    w.once('message', (m) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

const baseline = await load(bareUrl, '/bare', sessions);
log(`baseline: ${JSON.stringify(baseline)}`);
const result = await load(appUrl, '/api/learning/enrolments', sessions);
log(`enrol: ${JSON.stringify(result)}`);
const seats = await seatCounts(db, offering.id);
const overbooked = Math.max(0, seats.held - seats.capacity) + (seats.held === seats.enrolledCount ? 0 : 1);
if (overbooked || (result.statuses['201'] ?? 0) !== requests) {
  console.error(`FAILED: ${JSON.stringify({ seats, statuses: result.statuses })}`);
  process.exitCode = 1;
}
report({
  bench: 'learning.enrol',
  value: result.rps,
  unit: 'requests/s',
  baseline: baseline.rps,
  backend: database.kind,
  requests: result.n,
  concurrency,
  capacity,
  seatsHeld: seats.held,
  enrolledCount: seats.enrolledCount,
  overbooked,
  statuses: result.statuses,
  p50Ms: Math.round(result.p50 * 10) / 10,
  p95Ms: Math.round(result.p95 * 10) / 10,
});

await app.close();
await bare.close();
await database.close();
