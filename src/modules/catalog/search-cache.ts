// A small per-instance cache of public search answers. The catalogue changes rarely and a
// broad faceted search scans every published programme, so identical searches within a few
// seconds share one answer. Nothing here is needed by another instance: a write through this
// instance clears it at once; a write through another instance shows here within the TTL.
// CATALOG_SEARCH_CACHE_SECONDS=0 switches it off (benchmarks report both).
export interface SearchCache {
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
  clear(): void;
  readonly ttlMs: number;
}

export function createSearchCache(ttlSeconds = Number(process.env.CATALOG_SEARCH_CACHE_SECONDS ?? 10), maxEntries = 1000): SearchCache {
  const ttlMs = Math.max(0, ttlSeconds * 1000);
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();
  return {
    ttlMs,
    async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      if (ttlMs === 0) return compute();
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && now - hit.at < ttlMs) return hit.value as Promise<T>;
      const value = compute();
      entries.set(key, { at: now, value });
      value.catch(() => entries.delete(key));
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return value;
    },
    clear: () => entries.clear(),
  };
}

/** The cache key of a query: its parameters in a stable order. */
export function cacheKey(query: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(query)
      .sort()
      .map((k) => [k, Array.isArray(query[k]) ? [...(query[k] as unknown[])].map(String).sort() : query[k]]),
  );
}
