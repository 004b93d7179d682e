// The recommendation supply index: per competency × level step, the published programmes that
// develop that step, each with its offerings that still take registrations. Built per instance
// (per database handle) from the catalogue's supply read, so a request scores a person's gaps
// against a few short in-memory lists instead of scanning offerings.
//
// Freshness across instances: the catalogue's tables carry triggers (migration 0010) that stamp
// planning_supply_mark(programme_id, txid) with the writing transaction's id. The index keeps the
// xmin of the snapshot it last read the marks in; at most every PLANNING_SUPPLY_POLL_MS (default
// 1000) a request asks for marks with txid >= that xmin and reloads just those programmes. Every
// transaction below the xmin had committed before that snapshot, so no change is missed whatever
// the commit order. A mark already applied (same programme, same txid) is not reloaded again: while
// a long transaction anywhere in the cluster holds the xmin back, the same marks keep matching, and
// reloading them on every poll would cost a catalogue read per second (a later write of the
// programme stamps a different txid, so it is still seen). Seats are not in the index: they change on every enrolment and are read live.
// Dates are not either: "registration open", "upcoming" are decided per request from today.
import { sql, type Kysely } from 'kysely';
import type { Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { catalogueSupply, type SupplyOffering, type SupplyProgramme } from '../catalog/supply.ts';
import { getCurrentVersion } from '../competency/service.ts';
import { providerQuality } from '../evaluation/service.ts';
import { listAgencies } from '../org/service.ts';

export interface IndexedProgramme extends SupplyProgramme {
  providerQuality: number | null;
}

export interface IndexedOffering extends SupplyOffering {
  programme: IndexedProgramme;
}

export interface CompetencyName {
  name_id: string | null;
  name_en: string | null;
}

/** What changes rarely and is read on every request: competency names and agencies' provinces. */
interface Reference {
  names: Map<string, CompetencyName>;
  agencies: Map<number, { code: string; name: string; province_code: string | null }>;
  loadedAt: number;
}

export class SupplyIndex {
  programmes = new Map<number, IndexedProgramme>();
  offerings = new Map<number, IndexedOffering>();
  /** key `${code}>${level}`: programmes whose range covers the step level−1 → level */
  private steps = new Map<string, IndexedProgramme[]>();
  private providerQualities = new Map<number, number | null>();
  /** bumped on every change of the lists: what is derived from them (ranking.ts) is keyed by it */
  version = 0;
  xmin: string | null = null;
  /** programme id → txid of the mark whose change the index holds (read after that transaction committed) */
  applied = new Map<number, string>();
  checkedAt = 0;
  reference: Reference = { names: new Map(), agencies: new Map(), loadedAt: 0 };

  /** Programmes that develop competency `code` from `level − 1` to `level`. */
  developing(code: string, level: number): readonly IndexedProgramme[] {
    return this.steps.get(`${code}>${level}`) ?? [];
  }

  name(code: string): CompetencyName {
    return this.reference.names.get(code) ?? { name_id: null, name_en: null };
  }

  apply(changedIds: number[] | 'all', rows: SupplyProgramme[], qualities: Map<number, number | null>): void {
    for (const [id, q] of qualities) this.providerQualities.set(id, q);
    if (changedIds === 'all') {
      this.programmes.clear();
    } else {
      for (const id of changedIds) this.programmes.delete(id);
    }
    for (const row of rows) this.programmes.set(row.id, { ...row, providerQuality: this.providerQualities.get(row.provider.id) ?? null });
    this.rebuildLists();
    this.version++;
  }

  private rebuildLists(): void {
    this.steps = new Map();
    this.offerings = new Map();
    for (const p of this.programmes.values()) {
      for (const o of p.offerings) this.offerings.set(o.id, { ...o, programme: p });
      for (const c of p.competencies) {
        for (let level = c.level_from + 1; level <= c.level_to; level++) {
          const key = `${c.code}>${level}`;
          let list = this.steps.get(key);
          if (!list) this.steps.set(key, (list = []));
          list.push(p);
        }
      }
    }
  }

  knownProviderQuality(providerId: number): boolean {
    return this.providerQualities.has(providerId);
  }
}

const POLL_MS = () => Number(process.env.PLANNING_SUPPLY_POLL_MS ?? 1000);
const REFERENCE_MS = 60_000;

const indexes = new WeakMap<object, { index: SupplyIndex; pending: Promise<void> | null }>();

/** The snapshot's xmin and, in the same snapshot, the marks at or above a txid (committed transactions only: a mark row is visible once its writer committed). */
async function marksSince(db: Kysely<DB>, since: string | null): Promise<{ xmin: string; marks: { id: number; txid: string }[] }> {
  const { rows } = await sql<{ xmin: string; marks: { id: number; txid: string }[] | null }>`
    select pg_snapshot_xmin(pg_current_snapshot())::text as xmin,
      (select json_agg(json_build_object('id', programme_id, 'txid', txid::text)) from planning_supply_mark
        where txid >= coalesce(${since}::xid8, pg_snapshot_xmin(pg_current_snapshot()))) as marks`.execute(db);
  return { xmin: rows[0].xmin, marks: rows[0].marks ?? [] };
}

async function qualitiesOf(deps: Deps, providerIds: number[]): Promise<Map<number, number | null>> {
  const out = new Map<number, number | null>();
  for (const id of providerIds) {
    try {
      out.set(id, (await providerQuality(deps.db, id)).quality);
    } catch {
      out.set(id, null);
    }
  }
  return out;
}

async function loadReference(deps: Deps): Promise<Reference> {
  const names = new Map<string, CompetencyName>();
  try {
    for (const c of (await getCurrentVersion(deps)).competencies) names.set(c.code, { name_id: c.name_id, name_en: c.name_en });
  } catch {
    // no published dictionary yet: codes stand for themselves
  }
  const agencies = new Map((await listAgencies(deps, { limit: 100_000, offset: 0 })).map((a) => [a.id, { code: a.code, name: a.name, province_code: a.province_code }]));
  return { names, agencies, loadedAt: Date.now() };
}

async function fullLoad(deps: Deps, index: SupplyIndex): Promise<void> {
  // the marks visible now are of committed writes, which the catalogue read below includes
  const { xmin, marks } = await marksSince(deps.db, null);
  const rows = await catalogueSupply(deps.db, 'all');
  const qualities = await qualitiesOf(deps, [...new Set(rows.map((r) => r.provider.id))]);
  index.apply('all', rows, qualities);
  index.applied = new Map(marks.map((m) => [m.id, m.txid]));
  index.reference = await loadReference(deps);
  index.xmin = xmin;
  index.checkedAt = Date.now();
}

async function poll(deps: Deps, index: SupplyIndex): Promise<void> {
  const { xmin, marks } = await marksSince(deps.db, index.xmin);
  const fresh = marks.filter((m) => index.applied.get(m.id) !== m.txid);
  const changed = fresh.map((m) => m.id);
  if (changed.length) {
    const supply = await catalogueSupply(deps.db, changed);
    const providers = [...new Set(supply.map((r) => r.provider.id))];
    index.apply(changed, supply, await qualitiesOf(deps, providers));
    for (const m of fresh) index.applied.set(m.id, m.txid);
  }
  if (Date.now() - index.reference.loadedAt > REFERENCE_MS) index.reference = await loadReference(deps);
  index.xmin = xmin;
  index.checkedAt = Date.now();
}

/** The instance's supply index for this database, brought up to date when it is due (one refresh at a time). */
export async function supplyIndex(deps: Deps): Promise<SupplyIndex> {
  let entry = indexes.get(deps.db);
  if (!entry) indexes.set(deps.db, (entry = { index: new SupplyIndex(), pending: null }));
  const { index } = entry;
  const due = index.xmin === null || Date.now() - index.checkedAt >= POLL_MS();
  if (due && !entry.pending) {
    const e = entry;
    e.pending = (index.xmin === null ? fullLoad(deps, index) : poll(deps, index)).finally(() => {
      e.pending = null;
    });
  }
  if (entry.pending) await entry.pending;
  return index;
}

/** Forgets the index of this database (tests; and after a bulk load outside the triggers' reach). */
export function dropSupplyIndex(db: object): void {
  indexes.delete(db);
}
