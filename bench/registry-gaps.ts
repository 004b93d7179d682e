// registry.gaps: the national gap summary (gap counts by agency × competency for every active
// civil servant with a position) through the competency service, against a bare sequential scan
// of the assessments table (select count(*) from competency_assessment), both in this run, warm.
// The summary reads the maintained competency_current_count (migration 0008), not the history.
import { loadConfig } from '../src/config.ts';
import type { Actor } from '../src/http/actor.ts';
import { nationalGapSummary } from '../src/modules/competency/service.ts';
import { ensureNationalSet, log, openBenchDatabase, report, type BenchOptions } from './common.ts';

const auditor: Actor = { type: 'user', id: 'bench', label: 'bench', grants: [{ role: 'auditor', scopeType: 'national', scopeId: null }], civilServantId: null };

async function best(times: number, work: () => Promise<unknown>): Promise<{ best: number; median: number; all: number[] }> {
  const all: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work();
    all.push((performance.now() - started) / 1000);
  }
  const sorted = [...all].sort((a, b) => a - b);
  return { best: sorted[0], median: sorted[Math.floor(sorted.length / 2)], all };
}

export async function run(options: BenchOptions): Promise<void> {
  const database = await openBenchDatabase(options);
  try {
    const scale = await ensureNationalSet(database, options);
    const pool = database.raw && 'pool' in database.raw ? database.raw.pool : null;
    if (!pool) throw new Error('registry.gaps runs on PostgreSQL');
    const deps = { db: database.db, config: loadConfig({ LOG_LEVEL: 'silent' }) };
    const runs = options.requests ?? 3;
    log(`registry.gaps: ${scale.people} people, ${scale.assessments} assessments; warm-up, then ${runs} runs each`);
    await pool.query('select count(*) from competency_assessment');
    // The first call also rolls the maintained counts to today's cutoff (competency_current_roll:
    // only rows dated since the last roll), so it is reported separately as firstRun.
    const firstStarted = performance.now();
    const summary = await nationalGapSummary(deps, auditor);
    const firstRun = (performance.now() - firstStarted) / 1000;
    const baseline = await best(runs, () => pool.query('select count(*) from competency_assessment'));
    const gaps = await best(runs, () => nationalGapSummary(deps, auditor));
    report({
      bench: 'registry.gaps',
      value: gaps.median,
      unit: 's',
      baseline: baseline.median,
      people: scale.people,
      assessments: scale.assessments,
      agencies: summary.agencies.length,
      competencies: summary.competencies.length,
      runs: gaps.all.map((x) => Math.round(x * 1000) / 1000),
      firstRun: Math.round(firstRun * 1000) / 1000,
      baselineRuns: baseline.all.map((x) => Math.round(x * 1000) / 1000),
    });
  } finally {
    await database.close();
  }
}
