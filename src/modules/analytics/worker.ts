// Folds the analytics deltas into the counters every ANALYTICS_FOLD_MS. Reads are exact without
// it (they add the pending deltas); folding keeps the logs, and so the reads, short. Several
// instances may run it: analytics_fold takes an advisory lock, so one folds and the others skip.
import type { Deps } from '../../context.ts';
import { foldAnalytics } from './service.ts';

export function startFoldWorker(deps: Deps, log: { warn(obj: unknown, msg: string): void }): () => Promise<void> {
  if (deps.config.analyticsFoldMs <= 0) return async () => {};
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = foldAnalytics(deps.db)
      .catch((e) => log.warn(e, 'analytics fold failed'))
      .finally(() => {
        running = null;
      });
  }, deps.config.analyticsFoldMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
