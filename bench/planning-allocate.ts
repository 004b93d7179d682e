// planning.allocate: the national allocation on the shared national set (6.5M people in
// kembang_bench; the national catalogue of 5,200 programmes / 52,000 offerings is added when the
// database has fewer than 5,000 programmes). One run through the service, as the API starts it:
// read the gap groups (maintained counts) and the catalogue, solve in a worker thread (greedy over
// every pair, then HiGHS over the candidate pairs), explain, write the result. Figures:
//   planning.allocate          run time (s), baseline: the greedy allocation's time in the same run
//   planning.allocate.solve    the solve alone (greedy + candidates + HiGHS + explanations, s), same baseline
//   planning.allocate.gap      gap levels closed by the optimiser, baseline: by the greedy
// The national set is never loaded, dropped or truncated here: with no people it stops.
import { loadConfig } from '../src/config.ts';
import type { Actor } from '../src/http/actor.ts';
import { generateNationalCatalogue } from '../src/modules/catalog/national.ts';
import { kick, startRun } from '../src/modules/allocation/service.ts';
import { log, openBenchDatabase, report, round, type BenchOptions } from './common.ts';

const admin: Actor = { type: 'user', id: 'bench', label: 'bench planning.allocate', grants: [{ role: 'national_admin', scopeType: 'national', scopeId: null }], civilServantId: null };

export async function run(options: BenchOptions): Promise<void> {
  const database = await openBenchDatabase(options);
  try {
    const pool = database.raw && 'pool' in database.raw ? database.raw.pool : null;
    if (!pool) throw new Error('planning.allocate runs on PostgreSQL');
    const { rows: [people] } = await pool.query('select count(*)::int as n from civil_servant');
    if (people.n === 0) throw new Error('planning.allocate needs the national set: load it with `kembang seed --scale national` first');
    const { rows: [programmes] } = await pool.query('select count(*)::int as n from programme');
    if (programmes.n < 5000) {
      log('generating the national catalogue (5,200 programmes, 52,000 offerings)');
      await generateNationalCatalogue(database.db, { programmes: 5200, offerings: 52000 });
    }
    const deps = { db: database.db, config: loadConfig({ LOG_LEVEL: 'silent' }) };
    const params = JSON.parse(process.env.BENCH_ALLOCATE_PARAMS ?? '{"label":"bench","travel":"prefer","defaultBudget":750000000}');
    log(`planning.allocate: ${people.n} people; parameters ${JSON.stringify(params)}`);
    const t0 = performance.now();
    const queued = await startRun(deps, { actor: admin }, params);
    await kick(deps);
    const seconds = (performance.now() - t0) / 1000;
    const runRow = await database.db.selectFrom('allocation_run').selectAll().where('id', '=', queued.id).executeTakeFirstOrThrow();
    if (runRow.status !== 'done') throw new Error(`run ${queued.id} ${runRow.status}: ${JSON.stringify(runRow.problem)}`);
    const s = runRow.summary as {
      groups: number; people_with_gap: number; offerings: number; seats_offered: number;
      optimiser: { gap_closed: number; seats: number; cost: number; method: string; status: string; bound: number; pairs: number; rows: number; ms: number; candidates_ms: number; highs_ms: number };
      greedy: { gap_closed: number; seats: number; ms: number }; optimality_gap: number | null;
      timings: { read_ms: number; solve_ms: number; write_ms: number; total_ms: number };
    };
    const greedyS = s.greedy.ms / 1000;
    const common = { run: queued.id, people: people.n, groups: s.groups, peopleWithGap: s.people_with_gap, offerings: s.offerings, seatsOffered: s.seats_offered, method: s.optimiser.method, status: s.optimiser.status, pairs: s.optimiser.pairs, rows: s.optimiser.rows };
    report({ bench: 'planning.allocate', value: seconds, unit: 's', baseline: greedyS, baselineIs: 'greedy allocation time in the same run', readS: round(s.timings.read_ms / 1000), solveS: round(s.timings.solve_ms / 1000), optimiserS: round(s.optimiser.ms / 1000), candidatesS: round(s.optimiser.candidates_ms / 1000), highsS: round(s.optimiser.highs_ms / 1000), writeS: round(s.timings.write_ms / 1000), ...common });
    report({ bench: 'planning.allocate.solve', value: s.timings.solve_ms / 1000, unit: 's', baseline: greedyS, baselineIs: 'greedy allocation time in the same run', ...common });
    report({ bench: 'planning.allocate.gap', value: s.optimiser.gap_closed, unit: 'gap levels closed', baseline: s.greedy.gap_closed, baselineIs: 'greedy allocation, same input', more: s.optimiser.gap_closed - s.greedy.gap_closed, seats: s.optimiser.seats, greedySeats: s.greedy.seats, bound: s.optimiser.bound, optimalityGap: s.optimality_gap, ...common });
    // the run's ~10^5 result rows are not kept (BENCH_KEEP_RUN=1 keeps them, e.g. to browse /alokasi)
    if (!process.env.BENCH_KEEP_RUN) await database.db.deleteFrom('allocation_run').where('id', '=', queued.id).execute();
  } finally {
    await database.close();
  }
}
