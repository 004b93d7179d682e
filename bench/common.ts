// Shared by the benchmarks: the benchmark database (a separate PostgreSQL database, created when
// missing), the national data set in it, and the JSON-line report.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.ts';
import { MIGRATION_NAMES, migrateToLatest } from '../src/db/migrate.ts';
import { progressBar } from '../src/cli/progress.ts';
import { seedCompetencyBaseline } from '../src/modules/competency/seed.ts';
import { loadSynthetic, type SyntheticResult } from '../src/seed/synthetic/load.ts';

export const DEFAULT_BENCH_URL = 'postgres://postgres@127.0.0.1:5432/kembang_bench';

export interface BenchOptions {
  /** PostgreSQL database of the benchmark (created when missing). */
  databaseUrl: string;
  /** Headcount of the synthetic national set (default 6.5M). */
  people?: number;
  seed?: number;
  /** registry.profile: concurrent workers, request bound, time bound in seconds. */
  concurrency?: number;
  requests?: number;
  duration?: number;
  /** registry.load: reuse nothing, drop and re-create the database first (default true for registry.load). */
  fresh?: boolean;
}

export interface Figure {
  bench: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  [extra: string]: unknown;
}

export function report(figure: { bench: string; value: number; unit: string; baseline: number; ratio?: number; [extra: string]: unknown }): void {
  const ratio = figure.ratio ?? (figure.baseline ? figure.value / figure.baseline : 0);
  console.log(JSON.stringify({ ...figure, value: round(figure.value), baseline: round(figure.baseline), ratio: round(ratio) }));
}

export const round = (x: number) => Math.round(x * 1000) / 1000;

export const log = (message: string) => process.stderr.write(`${message}\n`);

/** Creates the database of `url` when it is missing (or drops and re-creates it with `fresh`). */
export async function ensureDatabase(url: string, fresh = false): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`benchmark database name must be a plain identifier: ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    if (fresh) await client.query(`drop database if exists ${name} with (force)`);
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

export async function openBenchDatabase(options: BenchOptions, poolSize = 10): Promise<Database> {
  await ensureDatabase(options.databaseUrl, options.fresh);
  const database = await openDatabase({ url: options.databaseUrl, poolSize });
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    // A shared benchmark database may have been migrated by another branch's build as well: use it
    // as it is when every migration of this build has run there (the others only add their own tables).
    const pool = database.raw && 'pool' in database.raw ? database.raw.pool : null;
    if (!pool) throw error;
    const { rows } = await pool.query<{ name: string }>('select name from kembang_migration');
    const ran = new Set(rows.map((r) => r.name));
    const missing = MIGRATION_NAMES.filter((n) => !ran.has(n));
    if (missing.length || !/previously executed migration .* is missing/.test(String((error as Error).cause ?? error))) throw error;
    log(`note: ${options.databaseUrl.replace(/\/\/[^@]*@/, '//')} also has migrations this build does not know (${[...ran].filter((n) => !MIGRATION_NAMES.includes(n)).join(', ')}); every migration of this build has run there, so it is used as it is`);
  }
  await database.db.transaction().execute((tx) => seedCompetencyBaseline(tx));
  return database;
}

export function phaseProgress() {
  const bars = new Map<string, (done: number, total: number) => void>();
  return (phase: string, done: number, total: number) => {
    if (!bars.has(phase)) bars.set(phase, progressBar(phase));
    bars.get(phase)!(done, total);
  };
}

export interface Scale {
  people: number;
  assessments: number;
  agencies: number;
}

export async function scaleOf(database: Database): Promise<Scale> {
  const client = database.raw && 'pool' in database.raw ? database.raw.pool : null;
  if (!client) throw new Error('benchmarks run on PostgreSQL');
  // Planner estimates would do for display, but exact counts keep the report honest.
  const { rows } = await client.query(
    'select (select count(*) from civil_servant)::bigint as people, (select count(*) from competency_assessment)::bigint as assessments, (select count(*) from agency)::int as agencies',
  );
  return { people: Number(rows[0].people), assessments: Number(rows[0].assessments), agencies: Number(rows[0].agencies) };
}

/** The national set in the benchmark database: loads it when the registry is empty. */
export async function ensureNationalSet(database: Database, options: BenchOptions): Promise<Scale> {
  const scale = await scaleOf(database);
  if (scale.people > 0) return scale;
  log(`loading the synthetic national set (${options.people ?? 6_500_000} people) into ${options.databaseUrl.replace(/\/\/[^@]*@/, '//')}`);
  const result: SyntheticResult = await loadSynthetic(database, { scale: 'national', people: options.people, seed: options.seed, onProgress: phaseProgress() });
  log(JSON.stringify(result));
  return scaleOf(database);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

// ---------- CPU time per request (robust on a shared machine where wall-clock figures swing) ----------

const TICK_MS = 10; // Linux USER_HZ = 100

/** User + system CPU milliseconds of a process so far (undefined when it is gone or unreadable). */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/**
 * CPU spent by this process (server under test and its load worker) and by the PostgreSQL
 * backends of connections named `applicationName` while `work` runs.
 */
export async function cpuDuring<T>(pool: pg.Pool, applicationName: string, work: () => Promise<T>): Promise<{ result: T; nodeMs: number; postgresMs: number }> {
  const backends = async () => (await pool.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [applicationName])).rows.map((r) => r.pid);
  const before = new Map((await backends()).map((pid) => [pid, processCpuMs(pid) ?? 0]));
  const node = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(node);
  let postgresMs = 0;
  for (const pid of new Set([...before.keys(), ...(await backends())])) postgresMs += Math.max(0, (processCpuMs(pid) ?? 0) - (before.get(pid) ?? 0));
  return { result, nodeMs: (used.user + used.system) / 1000, postgresMs };
}

/** The URL with an application_name, so the benchmark's own PostgreSQL backends can be found. */
export function withApplicationName(url: string, name: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', name);
  return u.toString();
}
