// The planning worker, run by every instance on the learning worker's timer (LEARNING_WORKER_MS):
// planned offerings of approved development plans become enrolment requests once their
// registration is open. Several instances may run it at once: items are claimed with
// `for update skip locked` and a claim time before the request is made (idp-service.ts).
import type { Deps } from '../../context.ts';
import { convertDueItems } from './idp-service.ts';

/** Starts the timer; returns the stop function (which waits for a round in progress). */
export function startPlanningWorker(deps: Deps, log: { warn(obj: unknown, msg: string): void }): () => Promise<void> {
  if (deps.config.workerPollMs <= 0) return async () => {};
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = convertDueItems(deps)
      .catch((e) => log.warn(e, 'planning worker round failed'))
      .finally(() => {
        running = null;
      });
  }, deps.config.workerPollMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
