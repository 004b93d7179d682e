// The allocation worker, run by every instance on the learning worker's timer (LEARNING_WORKER_MS):
// claims queued runs (and runs whose instance died: an expired lease) and processes them one at a
// time. Starting a run also wakes this instance's worker at once (service.kick).
import type { Deps } from '../../context.ts';
import { kick } from './service.ts';
import { startPeriodic, type WorkerLog } from '../../jobs/periodic.ts';

export function startAllocationWorker(deps: Deps, log: WorkerLog): () => Promise<void> {
  return deps.config.workerPollMs <= 0 ? async () => {} : startPeriodic(Math.max(deps.config.workerPollMs, 1000), () => kick(deps), log, 'allocation worker round failed');
}
