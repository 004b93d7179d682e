// PGlite has no lock of its own: two processes opening one data directory would corrupt it.
// We take an exclusive lock file holding our PID; a lock left by a dead process is taken over.
import fs from 'node:fs';
import path from 'node:path';

export class DatabaseLockedError extends Error {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDirectoryLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, 'kembang.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) {
        throw new DatabaseLockedError(`The database in ${dir} is in use by another Kembang process (pid ${holder}). Stop it first, or set DATABASE_URL to use PostgreSQL.`);
      }
      if (holder === process.pid) {
        throw new DatabaseLockedError(`The database in ${dir} is already open in this process.`);
      }
      fs.unlinkSync(lockPath); // stale: its process is gone
    }
  }
  throw new DatabaseLockedError(`Could not lock ${dir}`);
}
