// The loop every background worker runs: one round at a time on a timer (a round still running
// when the timer fires is not doubled up), errors logged and survived, and a stop function that
// waits for the round in progress so shutdown never cuts a transaction short.
export interface WorkerLog {
  warn(obj: unknown, msg: string): void;
}

/** Runs `round` every `intervalMs` (never when ≤ 0); returns the stop function. */
export function startPeriodic(intervalMs: number, round: () => Promise<unknown>, log: WorkerLog, failure: string): () => Promise<void> {
  if (intervalMs <= 0) return async () => {};
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = round()
      .catch((e) => log.warn(e, failure))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
