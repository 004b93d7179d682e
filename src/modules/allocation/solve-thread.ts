// Runs the model (greedy, candidates, HiGHS, explanations) in a worker thread, so a national solve
// of a minute never blocks the instance's event loop (HTTP keeps answering).
import { parentPort, Worker } from 'node:worker_threads';
import { explainAll, type GroupReason } from './explain.ts';
import { solve, type ModelInput, type ModelOutput } from './model.ts';

export type ThreadOutput = ModelOutput & { reasons: GroupReason[]; threadMs: number };

async function compute(input: ModelInput): Promise<ThreadOutput> {
  const t0 = performance.now();
  const out = await solve(input);
  const reasons = explainAll(input, out.optimiser.assignments);
  return { ...out, reasons, threadMs: performance.now() - t0 };
}

if (parentPort) {
  parentPort.once('message', (input: ModelInput) => {
    compute(input).then(
      (out) => parentPort!.postMessage({ ok: true, out }),
      (e: Error) => parentPort!.postMessage({ ok: false, message: e?.message ?? String(e) }),
    );
  });
}

/** Solves in a new worker thread; rejects with the thread's error. */
export function solveInThread(input: ModelInput): Promise<ThreadOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url));
    worker.once('message', (m: { ok: boolean; out?: ThreadOutput; message?: string }) => {
      void worker.terminate();
      if (m.ok) resolve(m.out!);
      else reject(new Error(m.message));
    });
    worker.once('error', reject);
    worker.postMessage(input);
  });
}
