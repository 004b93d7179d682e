// The allocation worker, run by every instance on the learning worker's timer (LEARNING_WORKER_MS):
// claims queued runs (and runs whose instance died: an expired lease) and processes them one at a
// time. Starting a run also wakes this instance's worker at once (service.kick).
import type { Deps } from '../../context.ts';
import { kick } from './service.ts';

export function startAllocationWorker(deps: Deps, log: { warn(obj: unknown, msg: string): void }): () => Promise<void> {
  if (deps.config.workerPollMs <= 0) return async () => {};
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = kick(deps)
      .catch((e) => log.warn(e, 'allocation worker round failed'))
      .finally(() => {
        running = null;
      });
  }, Math.max(deps.config.workerPollMs, 1000));
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
