// Child process for the lock race test. Says "ready", waits for the agreed start time on stdin,
// then at each round's moment tries to lock that round's directory, prints which rounds it won,
// and keeps every lock it won until its stdin closes (so no lock of a live contender goes stale).
import { createInterface } from 'node:readline';
import { acquireDirectoryLock, DatabaseLockedError } from '../../src/db/lock.ts';

const { dirs, slotMs } = JSON.parse(process.argv[2]) as { dirs: string[]; slotMs: number };
const input = createInterface({ input: process.stdin });
const lines = input[Symbol.asyncIterator]();
process.stdout.write('ready\n');
const start = Number((await lines.next()).value);

const pause = new Int32Array(new SharedArrayBuffer(4));
const won: number[] = [];
const errors: string[] = [];
dirs.forEach((dir, round) => {
  const at = start + round * slotMs;
  if (at - Date.now() > 2) Atomics.wait(pause, 0, 0, at - Date.now() - 2);
  while (Date.now() < at) {
    // spin the last moments so all contenders try within the same millisecond
  }
  try {
    acquireDirectoryLock(dir);
    won.push(round);
  } catch (error) {
    if (!(error instanceof DatabaseLockedError)) errors.push(`round ${round}: ${(error as Error).message}`);
  }
});
process.stdout.write(`${JSON.stringify({ won, errors })}\n`);
for await (const _ of lines) {
  // hold on until the test closes stdin
}
