// Helpers shared by the import kinds.
import type { KindContext } from '../kind.ts';

export const CODE = /^[A-Za-z0-9._/-]{1,50}$/;

/** Unit and position code → id, loaded once per agency per batch. */
export function codeMaps(ctx: KindContext) {
  const cache = new Map<string, Promise<Map<string, number>>>();
  const load = (table: 'unit' | 'position', agencyId: number) => {
    const k = `${table}:${agencyId}`;
    if (!cache.has(k)) {
      cache.set(k, ctx.db.selectFrom(table).select(['id', 'code']).where('agency_id', '=', agencyId).execute().then((rows) => new Map(rows.map((r) => [r.code, r.id]))));
    }
    return cache.get(k)!;
  };
  return {
    unit: async (agencyId: number, code: string) => (await load('unit', agencyId)).get(code),
    position: async (agencyId: number, code: string) => (await load('position', agencyId)).get(code),
  };
}

export function same(a: Record<string, unknown>, b: Record<string, unknown>, keys: string[]): boolean {
  return keys.every((k) => (a[k] ?? null) === (b[k] ?? null));
}
