// PGlite has no lock of its own: two processes opening one data directory would corrupt it.
// We take an exclusive lock file holding our PID; a lock left by a dead process is taken over.
//
// Both steps must be atomic, or two processes starting at the same moment can both win:
// - the lock file appears with its PID already in it (written to a private file, then
//   hard-linked into place; link fails if the lock exists), so nobody reads it empty;
// - a stale lock is removed only under a short-lived takeover mutex, and only if it still
//   holds the PID found dead, so nobody removes a lock another process has just taken.
// A lock holding our own PID is ours only if this process took it: after a crash, a container
// restarts its server with the same PID (often 1), and that old lock is stale.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export class DatabaseLockedError extends Error {}

/** Lock files this process holds. */
const held = new Set<string>();

/** A takeover mutex older than this was left by a process killed during a takeover. */
const TAKEOVER_STALE_MS = 10_000;
const ACQUIRE_DEADLINE_MS = TAKEOVER_STALE_MS + 5_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Removes the lock file if it still says `stale`; false when another process is taking it over right now. */
function removeStaleLock(lockPath: string, stale: string): boolean {
  const mutex = `${lockPath}.takeover`;
  try {
    fs.closeSync(fs.openSync(mutex, 'wx'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    try {
      if (Date.now() - fs.statSync(mutex).mtimeMs > TAKEOVER_STALE_MS) fs.unlinkSync(mutex);
    } catch {
      // gone meanwhile
    }
    return false;
  }
  try {
    if (readOrNull(lockPath) === stale) fs.unlinkSync(lockPath);
    return true;
  } finally {
    fs.rmSync(mutex, { force: true });
  }
}

export function acquireDirectoryLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(path.resolve(dir), 'kembang.lock');
  if (held.has(lockPath)) throw new DatabaseLockedError(`The database in ${dir} is already open in this process.`);
  const mine = String(process.pid);
  const draft = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(draft, mine, { flag: 'wx' });
  try {
    const deadline = Date.now() + ACQUIRE_DEADLINE_MS;
    while (Date.now() < deadline) {
      try {
        try {
          fs.linkSync(draft, lockPath);
        } catch (error) {
          // A file system without hard links: create in place (not atomic with the PID in it).
          if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
          fs.writeFileSync(lockPath, mine, { flag: 'wx' });
        }
        held.add(lockPath);
        let released = false;
        return () => {
          if (released) return;
          released = true;
          held.delete(lockPath);
          try {
            if (fs.readFileSync(lockPath, 'utf8') === mine) fs.unlinkSync(lockPath);
          } catch {
            // already gone
          }
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const content = readOrNull(lockPath);
      if (content === null) continue; // released meanwhile: try again
      const holder = Number(content.trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) {
        throw new DatabaseLockedError(`The database in ${dir} is in use by another Kembang process (pid ${holder}). Stop it first, or set DATABASE_URL to use PostgreSQL.`);
      }
      // Stale (its process is gone, it is an earlier process with our PID, or junk): take it over.
      if (!removeStaleLock(lockPath, content)) sleepSync(20);
    }
    throw new DatabaseLockedError(`Could not lock ${dir}: another process keeps taking over its lock (${lockPath}.takeover).`);
  } finally {
    fs.rmSync(draft, { force: true });
  }
}
