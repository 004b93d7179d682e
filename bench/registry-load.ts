// registry.load: loading the synthetic national set into PostgreSQL (kembang seed --scale national:
// COPY with keys and indexes deferred, FREEZE, re-created keys/indexes/foreign keys, ANALYZE, one
// transaction) against a raw COPY of the same rows, generated the same way, into plain tables
// without keys, indexes or constraints. Both measured in this run, on a fresh database.
import { copyRawBaseline, dropRawBaseline, loadSynthetic } from '../src/seed/synthetic/load.ts';
import { log, openBenchDatabase, phaseProgress, report, type BenchOptions } from './common.ts';

export async function run(options: BenchOptions): Promise<void> {
  const name = new URL(options.databaseUrl).pathname.slice(1);
  if (!name.includes('bench')) throw new Error(`registry.load drops and re-creates its database: give one whose name says "bench" (not ${name})`);
  const database = await openBenchDatabase({ ...options, fresh: options.fresh ?? true });
  try {
    const pool = database.raw && 'pool' in database.raw ? database.raw.pool : null;
    if (!pool) throw new Error('registry.load runs on PostgreSQL');
    const people = options.people ?? 6_500_000;
    log(`registry.load: ${people} people; baseline first (raw COPY into plain tables)`);
    await pool.query('checkpoint');
    const raw = await copyRawBaseline(database, { scale: 'national', people, seed: options.seed, onProgress: phaseProgress() });
    log(`raw COPY: ${raw.rows} rows in ${raw.seconds.toFixed(1)} s`);
    await dropRawBaseline(database);
    await pool.query('checkpoint');
    const started = performance.now();
    const result = await loadSynthetic(database, { scale: 'national', people, seed: options.seed, onProgress: phaseProgress() });
    const seconds = (performance.now() - started) / 1000;
    log(JSON.stringify(result));
    const rows = result.agencies + result.units + result.positions + result.positionStandards + result.civilServants + result.assessments + result.talentRatings;
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
    });
  } finally {
    await database.close();
  }
}
