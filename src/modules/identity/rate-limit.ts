// Counters for login throttling live in the database, so every instance behind a load
// balancer sees the same counts. Fixed windows of `windowMinutes`.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface Window {
  start: Date;
  end: Date;
}

export function currentWindow(windowMinutes: number, now = Date.now()): Window {
  const size = windowMinutes * 60_000;
  const start = Math.floor(now / size) * size;
  return { start: new Date(start), end: new Date(start + size) };
}

export async function countIn(db: Kysely<DB>, key: string, window: Window): Promise<number> {
  const row = await db.selectFrom('rate_counter').select('count').where('key', '=', key).where('window_start', '=', window.start).executeTakeFirst();
  return row?.count ?? 0;
}

export async function increment(db: Kysely<DB>, key: string, window: Window): Promise<number> {
  const row = await db
    .insertInto('rate_counter')
    .values({ key, window_start: window.start, count: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_counter.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  return row.count;
}

export async function reset(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('rate_counter').where('key', '=', key).execute();
}

export async function purgeOld(db: Kysely<DB>, olderThan: Date): Promise<void> {
  await db.deleteFrom('rate_counter').where('window_start', '<', olderThan).execute();
}
