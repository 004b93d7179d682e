// The catalogue worker, run by every instance every CATALOG_REFRESH_MS: as days pass, offerings
// start and leave the programmes' "upcoming" summary (next start, seats available, modes,
// provinces) without any write. A programme's summary can only be stale once its recorded next
// start is in the past, so each round refreshes exactly those programmes (usually none: one
// indexed look-up). Several instances may run it at once: rows locked by a writer (or another
// instance) are skipped, and that writer refreshes them itself.
import { sql, type Kysely } from 'kysely';
import type { Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { refreshProgrammes, TODAY } from './summary.ts';
import { startPeriodic, type WorkerLog } from '../../jobs/periodic.ts';

/** Refreshes the summaries of programmes whose recorded next start has passed; returns how many. */
export async function refreshStartedOfferings(db: Kysely<DB>): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{ id: number }>`
      select id from programme where next_start < ${TODAY} order by id for update skip locked`.execute(tx);
    await refreshProgrammes(tx, rows.map((r) => r.id));
    return rows.length;
  });
}

/** Starts the timer; returns the stop function (which waits for a round in progress). */
export function startCatalogWorker(deps: Deps, log: WorkerLog): () => Promise<void> {
  return startPeriodic(deps.config.catalogRefreshMs, () => refreshStartedOfferings(deps.db), log, 'catalogue refresh failed');
}
