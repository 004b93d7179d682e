// registry.load: loading the synthetic national set into PostgreSQL (kembang seed --scale national:
// COPY with keys and indexes deferred, FREEZE, re-created keys/indexes/foreign keys, ANALYZE, one
// transaction) against two raw COPYs of rows generated the same way, into plain tables without
// keys, indexes or constraints: (1) the registry rows only (agencies … talent ratings), the
// original baseline; (2) every row the load writes, the derived rows too (current levels,
// registry analytics: about as many again). All three measured in this run, on a fresh database,
// with the CPU each took: this process (the generator) and the PostgreSQL backends of the
// database (parallel index-build workers included).
import pg from 'pg';
import { copyRawBaseline, dropRawBaseline, loadSynthetic } from '../src/seed/synthetic/load.ts';
import { DERIVED_TABLES } from '../src/seed/synthetic/derived.ts';
import { log, openBenchDatabase, phaseProgress, processCpuMs, report, type BenchOptions } from './common.ts';

/**
 * CPU of `work`: this process, and every PostgreSQL backend of database `name` (sampled every
 * 50 ms from a connection to another database, so short-lived parallel workers are caught; a
 * worker's last < 50 ms may be missed). PostgreSQL must run on this host (/proc).
 */
async function cpuOf<T>(adminUrl: string, name: string, work: () => Promise<T>): Promise<{ result: T; nodeMs: number; postgresMs: number }> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const seen = new Map<number, { first: number; last: number }>();
  const sample = async (initial: boolean) => {
    const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [name]);
    for (const { pid } of rows) {
      const ms = processCpuMs(pid);
      if (ms === undefined) continue;
      const entry = seen.get(pid);
      if (entry) entry.last = ms;
      else seen.set(pid, { first: initial ? ms : 0, last: ms });
    }
  };
  try {
    await sample(true);
    let running = true;
    const sampler = (async () => {
      while (running) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        await sample(false);
      }
    })();
    const node = process.cpuUsage();
    let result: T;
    try {
      result = await work();
    } finally {
      running = false;
      await sampler;
    }
    const used = process.cpuUsage(node);
    await sample(false);
    const postgresMs = [...seen.values()].reduce((sum, e) => sum + e.last - e.first, 0);
    return { result, nodeMs: Math.round((used.user + used.system) / 1000), postgresMs };
  } finally {
    await admin.end();
  }
}

export async function run(options: BenchOptions): Promise<void> {
  const name = new URL(options.databaseUrl).pathname.slice(1);
  if (!name.includes('bench')) throw new Error(`registry.load drops and re-creates its database: give one whose name says "bench" (not ${name})`);
  const adminUrl = new URL(options.databaseUrl);
  adminUrl.pathname = '/postgres';
  const database = await openBenchDatabase({ ...options, fresh: options.fresh ?? true });
  try {
    const pool = database.raw && 'pool' in database.raw ? database.raw.pool : null;
    if (!pool) throw new Error('registry.load runs on PostgreSQL');
    const people = options.people ?? 6_500_000;
    const baseline = async (allRows: boolean) => {
      await pool.query('checkpoint');
      const { result, nodeMs, postgresMs } = await cpuOf(adminUrl.toString(), name, () => copyRawBaseline(database, { scale: 'national', people, seed: options.seed, allRows, onProgress: phaseProgress() }));
      log(`raw COPY (${allRows ? 'all rows the load writes' : 'registry rows'}): ${result.rows} rows in ${result.seconds.toFixed(1)} s; CPU node ${nodeMs} ms, PostgreSQL ${postgresMs} ms`);
      await dropRawBaseline(database);
      return { ...result, nodeMs, postgresMs };
    };
    log(`registry.load: ${people} people; baselines first (raw COPY into plain tables: registry rows, then every row the load writes)`);
    const raw = await baseline(false);
    const rawAll = await baseline(true);
    await pool.query('checkpoint');
    const started = performance.now();
    const { result, nodeMs, postgresMs } = await cpuOf(adminUrl.toString(), name, () => loadSynthetic(database, { scale: 'national', people, seed: options.seed, onProgress: phaseProgress() }));
    const seconds = (performance.now() - started) / 1000;
    log(JSON.stringify(result));
    log(`load CPU: node ${nodeMs} ms, PostgreSQL ${postgresMs} ms`);
    const rows = result.agencies + result.units + result.positions + result.positionStandards + result.civilServants + result.assessments + result.talentRatings;
    let derivedRows = 0;
    for (const t of DERIVED_TABLES) derivedRows += Number((await pool.query<{ n: string }>(`select count(*) as n from ${t}`)).rows[0].n);
    const cpu = { nodeMs, postgresMs, baselineNodeMs: raw.nodeMs, baselinePostgresMs: raw.postgresMs };
    report({
      bench: 'registry.load',
      value: seconds,
      unit: 's',
      baseline: raw.seconds,
      people: result.civilServants,
      assessments: result.assessments,
      rows,
      rowsPhase: result.seconds.rows,
      indexesPhase: result.seconds.indexes,
      ...cpu,
    });
    report({
      bench: 'registry.load.all_rows',
      value: seconds,
      unit: 's',
      baseline: rawAll.seconds,
      people: result.civilServants,
      rows: rows + derivedRows,
      baselineRows: rawAll.rows,
      ...cpu,
      baselineNodeMs: rawAll.nodeMs,
      baselinePostgresMs: rawAll.postgresMs,
      cpuRatio: Math.round(((nodeMs + postgresMs) / (rawAll.nodeMs + rawAll.postgresMs)) * 1000) / 1000,
    });
  } finally {
    await database.close();
  }
}
