// The planning worker, run by every instance on the learning worker's timer (LEARNING_WORKER_MS):
// planned offerings of approved development plans become enrolment requests once their
// registration is open. Several instances may run it at once: items are claimed with
// `for update skip locked` and a claim time before the request is made (idp-service.ts).
import type { Deps } from '../../context.ts';
import { convertDueItems } from './idp-service.ts';
import { startPeriodic, type WorkerLog } from '../../jobs/periodic.ts';

/** Starts the timer; returns the stop function (which waits for a round in progress). */
export function startPlanningWorker(deps: Deps, log: WorkerLog): () => Promise<void> {
  return startPeriodic(deps.config.workerPollMs, () => convertDueItems(deps), log, 'planning worker round failed');
}
