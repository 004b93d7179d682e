// Benchmark: completing a 200-participant cohort with certificates and PDFs.
//   - learning.complete: when the enrolment module's completion flow is present, 200 enrolled
//     participants with attendance are completed through it (status, JP ledger, certificate,
//     level-3 follow-up, all in its transactions); otherwise certificates are issued directly.
//     Then the 200 PDFs are rendered (read and rendered 50 at a time, pdfsOf). Target: ≤ 5 s on 2 cores.
//   - baseline (same run): inserting the same 200 certificate rows in one transaction, no
//     signing, no PDF (the database floor).
// JSON lines on stdout; also reports CPU seconds, since wall time on a shared box is noisy.
//
//   npx node bench/learning-complete.ts                       # PGlite, in memory
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kembang_bench npx node bench/learning-complete.ts
//   options (env): BENCH_PARTICIPANTS=200 BENCH_MODE=auto|issue
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { systemCaller, type Caller } from '../src/context.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { configureCertificates } from '../src/modules/certificate/runtime.ts';
import { issueCertificate } from '../src/modules/certificate/service.ts';
import { findCertificates } from '../src/modules/certificate/repository.ts';
import { pdfsOf } from '../src/modules/certificate/service.ts';
import { demoSeedPresent, seedDemo } from '../src/seed/demo.ts';

const participants = Number(process.env.BENCH_PARTICIPANTS ?? 200);
const mode = process.env.BENCH_MODE ?? 'auto';
const url = process.env.DATABASE_URL;
const log = (msg: string) => process.stderr.write(`${msg}\n`);

const database = await openDatabase(url ? { url, poolSize: 10 } : { memory: true });
const db = database.db;
await migrateToLatest(db);
// the bench's key encryption key before anything signs (the demo seed issues certificates)
const config = loadConfig({ LOG_LEVEL: 'silent', KEMBANG_KEY_ENCRYPTION_KEY: 'bench-only-key-encryption-secret-0123456789' }, { port: 0 });
configureCertificates(config);
if (!(await demoSeedPresent(db))) await seedDemo(db, { password: 'bench-password', perAgency: 40 });

const programme = await db.selectFrom('programme').select(['id', 'provider_id']).where('code', '=', 'PKP-KOLABORASI').executeTakeFirstOrThrow();
const people = await db.selectFrom('civil_servant').select(['id', 'agency_id']).orderBy('id').limit(participants).execute();
if (people.length < participants) throw new Error(`only ${people.length} people in the demo set`);
// a warm key (the first issue makes one) so the timing is of steady-state issuing
await issueCertificate(db, systemCaller('bench'), { civilServantId: people[0].id, programmeId: programme.id, offeringId: null, learningRecordId: 1, completedOn: '2026-01-01', jp: 1 });

// A fresh offering of the programme for the cohort, with one session.
const stamp = Date.now();
const offering = await db
  .insertInto('offering')
  .values({ programme_id: programme.id, code: `BENCH-${stamp}`, start_date: '2026-02-02', end_date: '2026-02-06', registration_opens: '2026-01-01', registration_closes: '2026-01-20', capacity: participants, mode: 'online', online_url: 'https://belajar.example.id/bench', status: 'running' })
  .returning('id')
  .executeTakeFirstOrThrow();

const providerAdmin: Caller = { actor: { type: 'user', id: 'bench', label: 'bench provider admin', grants: [{ role: 'provider_admin', scopeType: 'provider', scopeId: programme.provider_id }], civilServantId: null } };

let flow = 'issue';
let completeFn: undefined | ((deps: object, caller: Caller, offeringId: number, items: { enrolmentId: number }[], allOrNothing: boolean) => Promise<{ outcome: string; certificateId: string | null; reasons: string[] }[]>);
if (mode !== 'issue') {
  try {
    completeFn = (await import('../src/modules/learning/cohort-service.ts')).complete as never;
  } catch {
    completeFn = undefined;
  }
}

let enrolmentIds: number[] = [];
if (completeFn) {
  try {
    const session = await db
      .insertInto('offering_session')
      .values({ offering_id: offering.id, provider_id: programme.provider_id, title: 'Sesi tunggal', starts_at: '2026-02-02T01:00:00Z', ends_at: '2026-02-02T09:00:00Z', jp: 8 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = await db
      .insertInto('enrolment')
      .values(people.map((p) => ({ offering_id: offering.id, programme_id: programme.id, civil_servant_id: p.id, agency_id: p.agency_id, status: 'enrolled', origin: 'nomination', supervisor_approval: 'approved', agency_approval: 'not_required' }) as never))
      .returning('id')
      .execute();
    enrolmentIds = rows.map((r) => r.id);
    await db
      .insertInto('attendance')
      .values(rows.map((r, i) => ({ enrolment_id: r.id, session_id: session.id, agency_id: people[i].agency_id, status: 'present', recorded_by: 'bench' }) as never))
      .execute();
    flow = 'learning.complete';
  } catch (error) {
    log(`completion flow not usable here (${(error as Error).message}); issuing certificates directly`);
    completeFn = undefined;
  }
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const ids: string[] = [];
if (completeFn) {
  const results = await completeFn({ db, config }, providerAdmin, offering.id, enrolmentIds.map((enrolmentId) => ({ enrolmentId })), false);
  const bad = results.filter((r) => r.outcome !== 'completed' || !r.certificateId);
  if (bad.length) throw new Error(`${bad.length} not completed: ${JSON.stringify(bad[0])}`);
  ids.push(...results.map((r) => r.certificateId!));
} else {
  await db.transaction().execute(async (tx) => {
    for (const p of people) ids.push((await issueCertificate(tx, providerAdmin, { civilServantId: p.id, programmeId: programme.id, offeringId: offering.id, learningRecordId: null, completedOn: '2026-02-06', jp: 40 })).id);
  });
}
const tIssued = performance.now();
let bytes = 0;
for (let start = 0; start < ids.length; start += 50) {
  const rows = await findCertificates(db, ids.slice(start, start + 50));
  for (const pdf of await pdfsOf(db, rows)) bytes += pdf.length;
}
const tDone = performance.now();
const cpu = process.cpuUsage(cpu0);

// baseline: the same number of certificate-sized rows inserted in one transaction
await sql`create temporary table if not exists bench_rows (id uuid primary key, holder text, jwt text, pdf bytea)`.execute(db);
const b0 = performance.now();
await db.transaction().execute(async (tx) => {
  for (const id of ids) await sql`insert into bench_rows values (gen_random_uuid(), ${id}, ${'x'.repeat(6000)}, null)`.execute(tx);
});
const baselineMs = performance.now() - b0;

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const total = (tDone - t0) / 1000;
console.log(
  JSON.stringify({
    bench: 'learning.complete',
    metric: 'cohort',
    backend: database.kind,
    flow,
    participants: ids.length,
    value: round(total),
    unit: 's',
    target: 5,
    baseline: round(baselineMs / 1000, 3),
    ratio: round(total / (baselineMs / 1000)),
    issue_s: round((tIssued - t0) / 1000),
    pdf_s: round((tDone - tIssued) / 1000),
    pdf_kb_each: round(bytes / ids.length / 1024, 1),
    cpu_s: round((cpu.user + cpu.system) / 1e6),
  }),
);
await database.close();
