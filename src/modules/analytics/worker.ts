// Folds the analytics deltas into the counters every ANALYTICS_FOLD_MS. Reads are exact without
// it (they add the pending deltas); folding keeps the logs, and so the reads, short. Several
// instances may run it: analytics_fold takes an advisory lock, so one folds and the others skip.
import type { Deps } from '../../context.ts';
import { foldAnalytics } from './service.ts';
import { startPeriodic, type WorkerLog } from '../../jobs/periodic.ts';

export function startFoldWorker(deps: Deps, log: WorkerLog): () => Promise<void> {
  return startPeriodic(deps.config.analyticsFoldMs, () => foldAnalytics(deps.db), log, 'analytics fold failed');
}
