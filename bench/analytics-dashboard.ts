// analytics.dashboard: (1) every national dashboard request over HTTP on loopback — p95 and
// requests/s against a bare Fastify route with the same load loop in the same run — and (2) the
// refresh of the aggregates after a 10,000-row assessment import, against a raw insert of the
// same rows into an unindexed copy of the table.
//
//   npx kembang bench analytics.dashboard --database-url postgres://postgres@127.0.0.1:5432/kembang_bench_analytics [--people N]
//     [--concurrency 4] [--requests 3000] [--duration 10] [--explain] [--endpoint providers]
//
// --endpoint runs one national dashboard only (its last path segment), without the cached runs
// and the import refresh. Each figure also gives the CPU ms per request of this process (server
// and load worker) and of its PostgreSQL backends.
//
// The database gets what it lacks: the synthetic national set (--people), the national catalogue
// (5,200 programmes, 52,000 offerings, as bench/catalog-search.ts makes it), and bench learning
// data (credited JP for ~70% of people this year, completed enrolments in a third of the past
// offerings): enrolments and scores through the normal triggers, the learning records set-based
// (ensureLearningData says how). The import is made in a transaction that
// is rolled back, so the database is left as it was.
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import type pg from 'pg';
import { buildApp } from '../src/app.ts';
import { systemCaller } from '../src/context.ts';
import { loadConfig } from '../src/config.ts';
import { generateNationalCatalogue } from '../src/modules/catalog/national.ts';
import { todayInIndonesia } from '../src/modules/competency/validity.ts';
import { createUser } from '../src/modules/identity/service.ts';
import { cpuDuring, ensureNationalSet, log, openBenchDatabase, percentile, report, round, withApplicationName, type BenchOptions } from './common.ts';
import { cpuPerRequest } from './http-load.ts';
import type { LoadJob, LoadResult } from './load-worker.ts';

const EMAIL = 'bench.analytics@kembang.test';
const PASSWORD = 'Bangku-Uji-Dasbor-2026';
const IMPORT_ROWS = 10_000;
const APP = 'kembang_bench_analytics_dashboard';

export const NATIONAL_PATHS = [
  '/api/analytics/national/provinces',
  '/api/analytics/national/competencies',
  '/api/analytics/national/supply-demand',
  '/api/analytics/national/providers',
  '/api/analytics/national/accreditation',
];

function load(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.ts', import.meta.url), { workerData: job });
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

function summarise(result: LoadResult) {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  return { requests: sorted.length, rps: sorted.length / result.seconds, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), statuses: result.statuses };
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;
const loadAverage = async () => (await import('node:os')).loadavg()[0];

/** Credited JP this year for ~70% of people, and completed enrolments in a third of the past offerings. */
export async function ensureLearningData(pool: pg.Pool) {
  const { rows } = await pool.query(`select exists (select 1 from learning_record where source_ref like 'bench:%') as present`);
  if (rows[0].present) return;
  const today = todayInIndonesia();
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  let t0 = performance.now();
  // Set-based and without the per-row work of the normal path, which took > 420 s at 6.5M people
  // (two foreign-key look-ups per record, then a fold that locks and upserts each person): the
  // rows are made from civil_servant itself, so the keys hold, and session_replication_role =
  // replica skips the checks and the ledger trigger. Instead of the trigger's deltas, the folded
  // totals per person and year are written directly and that year's JP histograms are derived
  // again from them as analytics_rebuild() derives them — what the trigger and the fold would
  // have left. Under the fold's advisory lock, after folding what was pending.
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(7301205)');
    await client.query('select analytics_fold()');
    await client.query('set local session_replication_role = replica');
    await client.query(
      `with ins as (
         insert into learning_record (civil_servant_id, agency_id, year, source, source_ref, learning_form, title, completed_on, jp, status)
         select cs.id, cs.agency_id, $1::smallint, 'self_report', 'bench:' || cs.id || ':' || k, 'course', 'Bench',
                make_date($1::int, 1 + ((cs.id * 7 + k) % $2::int)::int, 1 + ((cs.id * 13 + k) % 28)::int),
                (array[2, 4, 6.5, 8, 12, 16, 3.25, 24, 1.5, 10])[1 + ((cs.id + k) % 10)::int], 'credited'
           from civil_servant cs cross join lateral generate_series(1, 1 + (cs.id % 3)::int) k
          where cs.id % 10 < 7
         returning civil_servant_id, year, jp, status)
       insert into analytics_person_year as t (civil_servant_id, year, agency_id, jp)
       select i.civil_servant_id, i.year, a.agency_id, sum(i.jp) from ins i join analytics_person a on a.civil_servant_id = i.civil_servant_id
        where i.status = 'credited' group by 1, 2, 3 having sum(i.jp) <> 0
       on conflict (civil_servant_id, year) do update set jp = t.jp + excluded.jp, agency_id = excluded.agency_id`,
      [year, month],
    );
    await client.query('delete from analytics_jp_unit where year = $1', [year]);
    await client.query('delete from analytics_jp_agency where year = $1', [year]);
    await client.query(
      `insert into analytics_jp_unit (agency_id, unit_key, tier, year, jp_centi, people, jp_sum)
       select a.agency_id, a.unit_key, a.tier, y.year, least((y.jp * 100)::int, 2000), count(*), sum(y.jp)
         from analytics_person_year y join analytics_person a on a.civil_servant_id = y.civil_servant_id and a.status in ('active', 'leave')
        where y.year = $1 and y.jp > 0
        group by 1, 2, 3, 4, 5`,
      [year],
    );
    await client.query(
      `insert into analytics_jp_agency (agency_id, year, jp_centi, people, jp_sum)
       select agency_id, year, jp_centi, sum(people), sum(jp_sum) from analytics_jp_unit where year = $1 group by 1, 2, 3`,
      [year],
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  log(`bench learning records in ${round(seconds(t0))} s`);
  t0 = performance.now();
  const { rows: range } = await pool.query('select max(id)::bigint as max from civil_servant');
  await pool.query(
    `insert into enrolment (offering_id, programme_id, civil_servant_id, agency_id, status, seat_held, origin, supervisor_approval, agency_approval)
     select o.id, o.programme_id, cs.id, cs.agency_id, (array['completed','completed','completed','completed','not_completed','no_show','withdrawn'])[1 + ((cs.id + o.id) % 7)::int]::text,
            true, 'self', 'approved', 'not_required'
       from offering o
       cross join lateral (select c.id, c.agency_id from civil_servant c where c.id >= (o.id::bigint * 7919) % $2 order by c.id limit least(o.capacity, 25)) cs
      where o.start_date < $1 and o.id % 3 = 0 and o.status <> 'cancelled'`,
    [today, Number(range[0].max)],
  );
  await pool.query(
    `insert into evaluation_test_score (offering_id, civil_servant_id, programme_id, pre_score, post_score, recorded_by)
     select e.offering_id, e.civil_servant_id, e.programme_id, 40 + (e.id % 30), 60 + (e.id % 40), 'bench' from enrolment e where e.status = 'completed' and e.id % 2 = 0
     on conflict do nothing`,
  );
  log(`bench enrolments and test scores in ${round(seconds(t0))} s`);
  t0 = performance.now();
  await pool.query('select analytics_fold()');
  // only what this preparation wrote (a database-wide ANALYZE samples 63M assessments too)
  await pool.query('analyze learning_record, enrolment, evaluation_test_score, analytics_person_year, analytics_jp_unit, analytics_jp_agency, analytics_cohort, analytics_person_jp_delta, analytics_jp_delta, analytics_cohort_delta');
  log(`fold and analyze in ${round(seconds(t0))} s`);
}

/** 10,000 new assessments of random active people with a position (one per person and competency). */
async function importRows(pool: pg.Pool) {
  const { rows } = await pool.query(
    `with people as (select id, agency_id from civil_servant where status = 'active' and position_id is not null order by md5(id::text) limit $1),
     codes as (select id, code, row_number() over (order by code) as n from competency
                where version_id = (select id from competency_dictionary_version where status = 'published' order by number desc limit 1) and agency_id is null and kind <> 'technical'),
     picked as (select p.id as person, p.agency_id, (p.id % (select count(*) from codes)) + 1 as n from people p)
     select picked.agency_id, picked.person, codes.id as competency_id, codes.code from picked join codes using (n)`,
    [IMPORT_ROWS],
  );
  const today = todayInIndonesia();
  return {
    agency: rows.map((r) => r.agency_id),
    person: rows.map((r) => r.person),
    competencyId: rows.map((r) => r.competency_id),
    code: rows.map((r) => r.code),
    level: rows.map((_, i) => 1 + (i % 5)),
    date: rows.map(() => today),
  };
}

async function timedImport(pool: pg.Pool, rows: Awaited<ReturnType<typeof importRows>>, mode: 'raw' | 'full' | 'no-analytics') {
  const client = await pool.connect();
  try {
    await client.query('begin');
    if (mode === 'raw') await client.query('create temp table raw_assessment (like competency_assessment including defaults including identity) on commit drop');
    if (mode === 'no-analytics') for (const t of ['analytics_current_insert', 'analytics_current_update']) await client.query(`alter table competency_current disable trigger ${t}`);
    const table = mode === 'raw' ? 'raw_assessment' : 'competency_assessment';
    const t0 = performance.now();
    await client.query(
      `insert into ${table} (agency_id, civil_servant_id, competency_id, competency_code, level, method, assessed_on, assessor, recorded_by)
       select a, p, c, k, l, 'assessment_centre', d, 'bench import', 'bench'
         from unnest($1::int[], $2::bigint[], $3::int[], $4::text[], $5::smallint[], $6::date[]) as x(a, p, c, k, l, d)`,
      [rows.agency, rows.person, rows.competencyId, rows.code, rows.level, rows.date],
    );
    const insertSeconds = seconds(t0);
    let foldSeconds = 0;
    let folded = 0;
    if (mode === 'full') {
      const t1 = performance.now();
      folded = Number((await client.query('select analytics_fold() as n')).rows[0].n);
      foldSeconds = seconds(t1);
    }
    await client.query('rollback');
    return { insertSeconds, foldSeconds, folded };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export async function run(options: BenchOptions & { explain?: boolean; endpoint?: string }): Promise<void> {
  const concurrency = options.concurrency ?? 4;
  const requests = options.requests ?? 3000;
  const duration = options.duration ?? 10;
  const paths = options.endpoint === undefined ? NATIONAL_PATHS : NATIONAL_PATHS.filter((p) => p.endsWith(`/${options.endpoint}`));
  if (paths.length === 0) throw new Error(`--endpoint: one of ${NATIONAL_PATHS.map((p) => p.split('/').pop()).join(', ')}`);
  const database = await openBenchDatabase({ ...options, databaseUrl: withApplicationName(options.databaseUrl, APP) }, Math.max(10, concurrency));
  const config = loadConfig({ LOG_LEVEL: 'silent' }, { port: 0, host: '127.0.0.1', databaseUrl: options.databaseUrl, analyticsFoldMs: 2000, workerPollMs: 0 });
  const app = await buildApp({ config, database, logger: false });
  // the same app with the optional national answer cache on (ANALYTICS_CACHE_SECONDS=5)
  const cachedApp = await buildApp({ config: { ...config, analyticsCacheSeconds: 5, analyticsFoldMs: 0 }, database, logger: false });
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => ({ ok: true, items: [{ code: '32', people: 1 }] }));
  try {
    const scale = await ensureNationalSet(database, options);
    const pool = database.raw && 'pool' in database.raw ? database.raw.pool : null;
    if (!pool) throw new Error('analytics.dashboard runs on PostgreSQL');
    const { rows: programmes } = await pool.query('select count(*)::int as n from programme');
    if (programmes[0].n < 5000) {
      const t0 = performance.now();
      log(`generating the national catalogue (5,200 programmes, 52,000 offerings)`);
      await generateNationalCatalogue(database.db, { programmes: 5200, offerings: 52000 });
      log(`catalogue in ${round(seconds(t0))} s`);
    }
    await ensureLearningData(pool);
    const { rows: [sizes] } = await pool.query(`select (select count(*) from analytics_gap_agency)::int as gap_agency, (select count(*) from analytics_gap_unit)::int as gap_unit,
      (select count(*) from analytics_jp_agency)::int as jp_agency, (select count(*) from analytics_offering)::int as offerings, (select count(*) from learning_record)::int as records`);
    log(`scale: ${JSON.stringify(scale)}; aggregates: ${JSON.stringify(sizes)}`);

    try {
      await createUser({ db: database.db, config }, systemCaller('bench'), { email: EMAIL, password: PASSWORD, role: 'national_admin', scope: 'national', displayName: 'Bench analytics' });
    } catch (error) {
      if ((error as { status?: number }).status !== 409) throw error;
    }
    await app.listen({ port: 0, host: '127.0.0.1' });
    await cachedApp.listen({ port: 0, host: '127.0.0.1' });
    const cachedOrigin = `http://127.0.0.1:${(cachedApp.server.address() as { port: number }).port}`;
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const bareOrigin = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;
    const login = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: EMAIL, password: PASSWORD }) });
    if (login.status !== 200) throw new Error(`bench login failed: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    for (const path of NATIONAL_PATHS) {
      const res = await fetch(origin + path, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
    if (options.explain) await explainReads(pool);

    const job = { minId: 0, maxId: 0, concurrency, requests, durationSeconds: duration, seed: 7 };
    await load({ ...job, origin: bareOrigin, path: '/bare', headers: {}, requests: 1000, durationSeconds: 3 });
    const bareRun = summarise(await load({ ...job, origin: bareOrigin, path: '/bare', headers: {} }));
    for (const path of paths) {
      await load({ ...job, origin, path, headers: { cookie }, requests: Math.min(300, requests), durationSeconds: 3 });
      const before = await loadAverage();
      const measured = await cpuDuring(pool, APP, () => load({ ...job, origin, path, headers: { cookie } }));
      const r = summarise(measured.result);
      if ((r.statuses['200'] ?? 0) !== r.requests) log(`warning: ${path} non-200 answers ${JSON.stringify(r.statuses)}`);
      report({ bench: 'analytics.dashboard', endpoint: path, value: r.p95, unit: 'ms p95', baseline: bareRun.p95, p50: r.p50, p99: r.p99, rps: round(r.rps), baselineRps: round(bareRun.rps), requests: r.requests, concurrency, people: scale.people, cache: 'off', cpuMsPerRequest: cpuPerRequest(measured, r.requests), loadAverage: [round(before), round(await loadAverage())] });
    }
    if (options.endpoint !== undefined) return;
    for (const path of NATIONAL_PATHS) {
      await load({ ...job, origin: cachedOrigin, path, headers: { cookie }, requests: 100, durationSeconds: 2 });
      const before = await loadAverage();
      const r = summarise(await load({ ...job, origin: cachedOrigin, path, headers: { cookie } }));
      report({ bench: 'analytics.dashboard.cached', endpoint: path, value: r.p95, unit: 'ms p95', baseline: bareRun.p95, p50: r.p50, p99: r.p99, rps: round(r.rps), baselineRps: round(bareRun.rps), requests: r.requests, concurrency, people: scale.people, cache: '5 s', loadAverage: [round(before), round(await loadAverage())] });
    }

    // the refresh after a 10,000-row assessment import
    const rows = await importRows(pool);
    // each twice, the faster kept (the first run of each warms the caches)
    const best = async (mode: 'raw' | 'full' | 'no-analytics') => {
      const a = await timedImport(pool, rows, mode);
      const b = await timedImport(pool, rows, mode);
      return a.insertSeconds + a.foldSeconds <= b.insertSeconds + b.foldSeconds ? a : b;
    };
    const full = await best('full');
    const without = await best('no-analytics');
    const raw = await best('raw');
    report({
      bench: 'analytics.refresh',
      value: full.insertSeconds + full.foldSeconds,
      unit: 's',
      baseline: raw.insertSeconds,
      rows: rows.person.length,
      importSeconds: round(full.insertSeconds),
      importWithoutAnalyticsSeconds: round(without.insertSeconds),
      analyticsTriggerSeconds: round(full.insertSeconds - without.insertSeconds),
      foldSeconds: round(full.foldSeconds),
      deltaRowsFolded: full.folded,
      people: scale.people,
      note: 'value = the import statement with every trigger (competency_current and analytics deltas) + analytics_fold(); reads are exact from the commit on, the fold only empties the delta log',
    });
  } finally {
    await app.close();
    await cachedApp.close();
    await bare.close();
    await database.close().catch(() => {});
  }
}

/** EXPLAIN ANALYZE of the national reads: what they scan is bounded by the aggregates, not the headcount. */
async function explainReads(pool: pg.Pool) {
  const today = todayInIndonesia();
  const year = Number(today.slice(0, 4));
  const queries: [string, string][] = [
    ['gap by agency', 'select agency_id, competency_code, people, assessed, with_gap, gap_sum from analytics_gap_agency_now'],
    ['compliance histogram', `select agency_id, sum(people) filter (where jp_centi >= 2000), sum(people) from analytics_jp_agency_now where year = ${year} group by 1`],
    ['headcount', `select agency_id, sum(people) from analytics_headcount_agency_now where status in ('active','leave') group by 1`],
    ['supply', `select competency_code, sum(seats) from analytics_supply_now where start_date >= '${today}' group by 1`],
  ];
  for (const [name, q] of queries) {
    const { rows } = await pool.query(`explain (analyze, buffers, format json) ${q}`);
    const plan = rows[0]['QUERY PLAN'][0];
    const scans: string[] = [];
    const walk = (node: Record<string, unknown>) => {
      if (String(node['Node Type']).includes('Scan')) scans.push(`${node['Relation Name'] ?? node['Index Name'] ?? node['Node Type']}: ${node['Actual Rows']} rows`);
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk(plan.Plan);
    log(`explain ${name}: ${round(plan['Execution Time'])} ms; ${scans.join('; ')}`);
  }
}
