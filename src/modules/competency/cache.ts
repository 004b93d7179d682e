// Per-process cache of rarely-changing competency configuration read on every profile request:
// the validity setting, the tier standards and the names of the current dictionary.
//
// - Keyed by the database handle (tests and tools open several databases in one process).
// - A write through this process's service invalidates at once (after its transaction commits);
//   a generation counter stops a load that started before the write from storing the old value.
// - Another instance (several processes on one PostgreSQL) sees a change within TTL_MS: the
//   entries simply expire. Positions' own overrides, assessments and people are never cached.
export const TTL_MS = 5_000;

interface Entry {
  value: Promise<unknown>;
  expires: number;
}

let generation = 0;
let stores = new WeakMap<object, Map<string, Entry>>();

export function cached<T>(db: object, key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
  let store = stores.get(db);
  if (!store) stores.set(db, (store = new Map()));
  const hit = store.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  const started = generation;
  const value = load();
  const entry: Entry = { value, expires: now + TTL_MS };
  if (started === generation) store.set(key, entry);
  value.then(
    () => {
      // a write happened while loading: do not keep what may be the old value
      if (started !== generation && store.get(key) === entry) store.delete(key);
    },
    () => {
      if (store.get(key) === entry) store.delete(key);
    },
  );
  return value;
}

/** Forget every cached entry of every database (writes are rare; precision is not worth more). */
export function invalidateCompetencyCache(): void {
  generation++;
  stores = new WeakMap();
}
