// Optional per-process cache of the national dashboard answers (ANALYTICS_CACHE_SECONDS, default
// 0 = off). They are the same for every national reader — authorisation is checked on every
// request before the cache is asked — so a few seconds of staleness buys one computation per
// period instead of one per request. With the cache off every read is exact as of its snapshot.
interface Entry {
  value: Promise<unknown>;
  expires: number;
}

const stores = new WeakMap<object, Map<string, Entry>>();

export function nationalCached<T>(db: object, seconds: number, key: string, load: () => Promise<T>): Promise<T> {
  if (seconds <= 0) return load();
  let store = stores.get(db);
  if (!store) stores.set(db, (store = new Map()));
  const now = Date.now();
  const hit = store.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  const value = load();
  const entry = { value, expires: now + seconds * 1000 };
  store.set(key, entry);
  value.catch(() => {
    if (store.get(key) === entry) store.delete(key);
  });
  return value;
}
