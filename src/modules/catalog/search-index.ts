// The facet engine of catalogue search: the published rows of catalog_search (migration 0023)
// held in this process as small integer-coded records, brought up to date before every search,
// so facet counts, filters, sorting and paging over thousands of programmes are a loop here
// instead of ten aggregates in the database.
//
// Freshness (no TTL): every search waits for a sync that started after the search arrived. A
// sync is one indexed statement that returns the rows written (catalog_search.changed_xid) by
// transactions that the previous sync's snapshot did not see, so each search sees every write
// committed before it began, through any instance. Searches that arrive together share a
// sync. The answers equal those of the SQL search (search-repository.ts `search`), which the
// tests compare on generated catalogues.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { dayOf, detailOf, type Card, type StoredCard, type StoredOffering } from './search-cards.ts';
import type { PageDetail, SearchFilters, SearchRow, SearchSort, TextHits } from './search-repository.ts';

interface Row {
  id: number;
  category: number;
  form: number;
  jp: number;
  jpBucket: number;
  quality: number | null;
  kinds: number[];
  competencies: number[];
  partners: number[];
  modes: number;
  provinces: number[];
  seats: number;
  nextStart: string | null;
  /** Dates as day numbers (days since 1970-01-01): compared as numbers in the loops. */
  accrTo: number | null;
  liveStarts: number[];
  /** md5 of its search_vector (a change there changes text hits) */
  textHash: string;
  /** what a result shows of it */
  card: Card;
}

/** Multi-valued column: the values of slot i are vals[start[i] .. start[i + 1]). */
interface Multi {
  start: Int32Array;
  vals: Int32Array;
}

/** The published rows as columns (slot = position in the relevance order of a search without text). */
interface Columns {
  n: number;
  rows: Row[];
  slotOf: Map<number, number>;
  id: Int32Array;
  category: Int32Array;
  form: Int32Array;
  jp: Int32Array;
  jpBucket: Int32Array;
  seats: Int32Array;
  modes: Int32Array;
  /** day number, or -1e9 when there is none */
  accrTo: Int32Array;
  competencies: Multi;
  kinds: Multi;
  provinces: Multi;
  partners: Multi;
  liveStarts: Multi;
  /** slots in the start and quality orders of a search without text */
  byStart: Int32Array;
  byQuality: Int32Array;
  /** the search that last found the slot matching every filter */
  mark: Int32Array;
}

const NO_DAY = -1_000_000_000;

/**
 * Text hits of one query. `readVersion`: the engine's version when the statement was sent;
 * `doneAt`: the engine's clock when they came back; `textVersion`: once checked against a sync
 * sent after that, the text version they are exact for. `size`: ids held, once read.
 */
interface HeldHits {
  readVersion: number;
  doneAt: number | null;
  textVersion: number | null;
  hits: Promise<TextHits>;
  size: number;
}
const HIT_CACHE_QUERIES = 2000;
const WORD_CACHE_QUERIES = 2000;
/** ~16 bytes a hit (id and rank): ~32 MB at most. */
const HIT_CACHE_IDS = 2_000_000;

function multi(rows: Row[], of: (r: Row) => number[]): Multi {
  const start = new Int32Array(rows.length + 1);
  let total = 0;
  rows.forEach((r, i) => {
    start[i] = total;
    total += of(r).length;
  });
  start[rows.length] = total;
  const vals = new Int32Array(total);
  rows.forEach((r, i) => vals.set(of(r), start[i]));
  return { start, vals };
}

function columnsOf(rows: Row[]): Columns {
  const n = rows.length;
  const scalar = (of: (r: Row) => number) => Int32Array.from(rows, of);
  const slotOf = new Map(rows.map((r, i) => [r.id, i]));
  const order = (sort: SearchSort) => Int32Array.from([...rows].map((row) => ({ row, score: 0 })).sort(comparator(sort)), (m) => slotOf.get(m.row.id)!);
  return {
    n,
    rows,
    slotOf,
    id: scalar((r) => r.id),
    category: scalar((r) => r.category),
    form: scalar((r) => r.form),
    jp: scalar((r) => r.jp),
    jpBucket: scalar((r) => r.jpBucket),
    seats: scalar((r) => r.seats),
    modes: scalar((r) => r.modes),
    accrTo: scalar((r) => r.accrTo ?? NO_DAY),
    competencies: multi(rows, (r) => r.competencies),
    kinds: multi(rows, (r) => r.kinds),
    provinces: multi(rows, (r) => r.provinces),
    partners: multi(rows, (r) => r.partners),
    liveStarts: multi(rows, (r) => r.liveStarts),
    byStart: order('start'),
    byQuality: order('quality'),
    mark: new Int32Array(n),
  };
}

interface ChangedRow {
  programme_id: number;
  published: boolean;
  category: string;
  learning_form: string;
  jp: number;
  quality: number | string | null;
  provider_kinds: string[];
  competency_codes: string[];
  partner_provider_ids: number[];
  offering_modes: string[];
  offering_provinces: string[];
  seats_available: number;
  next_start: string | null;
  accr_valid_to: string | null;
  live_starts: string[];
  card: StoredCard;
  offerings: StoredOffering[];
  text_hash: string;
}

const ONLINE = 1;
const OFFLINE = 2;
const BLENDED = 4;
const MODE_BITS: Record<string, number> = { online: ONLINE, offline: OFFLINE, blended: BLENDED };
const JP_BUCKETS = ['1-8', '9-24', '25-80', '81-200', '201+'];
const ACCR_STATES = ['none', 'expired', 'expiring', 'valid'] as const;
const jpBucketOf = (jp: number) => (jp <= 8 ? 0 : jp <= 24 ? 1 : jp <= 80 ? 2 : jp <= 200 ? 3 : 4);

const FACETS = ['competency', 'category', 'form', 'kind', 'accr', 'jp', 'delivery', 'province', 'seats'] as const;
const F_COMPETENCY = 0;
const F_CATEGORY = 1;
const F_FORM = 2;
const F_KIND = 3;
const F_ACCR = 4;
const F_JP = 5;
const F_DELIVERY = 6;
const F_PROVINCE = 7;
const F_SEATS = 8;

export class SearchIndex {
  private rows = new Map<number, Row>();
  private cols: Columns | null = null;
  private searches = 0;
  /** Value strings ↔ small integers (categories, forms, kinds, competency and province codes). */
  private values: string[] = [];
  private valueIds = new Map<string, number>();
  /** Position of each value id in the database's collation (facet ties are ordered by value there). */
  private rank: Int32Array = new Int32Array(0);
  private ranked = false;
  private accrRank: number[] = [0, 1, 2, 3];
  private jpRank: number[] = [0, 1, 2, 3, 4];
  private cursor: string | null = null;
  private today = '';
  private todayDay = 0;
  private inflight: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  /** Bumped by every sync that applied a change (and the first). */
  private version = 0;
  /** Bumped by every sync that changed what a text search finds: a programme published or not, or its search_vector. */
  private textVersion = 0;
  /** Orders syncs sent and text hits received (see freshHits); `appliedAt`: when the last applied sync was sent. */
  private clock = 0;
  private appliedAt = -1;
  /** Text hits per query (least recently used first). */
  private hitCache = new Map<string, HeldHits>();
  private hitCacheIds = 0;
  /** Bumped by every sync that found words added to catalog_lexicon (migration 0055), and the first. */
  private lexiconVersion = 0;
  /** Expanded query words (typo suggestions) per word list, looked up at a lexicon version. */
  private wordCache = new Map<string, { version: number; value: Promise<{ value: unknown; lexiconOnly: boolean }> }>();

  private readonly db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.db = db;
  }

  /** Resolves once a sync that started after this call has been applied. */
  fresh(): Promise<void> {
    if (!this.inflight) return this.start();
    if (!this.queued) {
      this.queued = this.inflight
        .catch(() => {})
        .then(() => {
          this.queued = null;
          return this.start();
        });
    }
    return this.queued;
  }

  private start(): Promise<void> {
    const p: Promise<void> = this.sync(this.clock++).finally(() => {
      if (this.inflight === p) this.inflight = null;
    });
    this.inflight = p;
    return p;
  }

  private async sync(sentAt: number): Promise<void> {
    const since = this.cursor;
    // Row versions visible now but not in the previous snapshot were written by a transaction
    // that was still running then (its xip list) or began after it (xid ≥ its xmax): both are
    // index look-ups, however long another session holds the cluster's xmin back.
    // (xmax and the xip list go in as plain values so the planner sees them and picks the index.)
    const [, xmax, xip] = (since ?? '::').split(':');
    const running = xip ? xip.split(',') : [];
    // A programme changed when its catalog_search row or its result card (catalog_search_card, migration 0035) did.
    const changed =
      since === null
        ? sql`select c.*, k.card, k.offerings from catalog_search c join catalog_search_card k using (programme_id) where c.published`
        : sql`with ids as (
                select programme_id from catalog_search where changed_xid >= ${xmax}::xid8
                union select programme_id from catalog_search where changed_xid = any(${running}::xid8[])
                union select programme_id from catalog_search_card where changed_xid >= ${xmax}::xid8
                union select programme_id from catalog_search_card where changed_xid = any(${running}::xid8[]))
              select c.*, k.card, k.offerings from catalog_search c join ids using (programme_id) left join catalog_search_card k using (programme_id)`;
    // Words added to the word list since, found the same way (migration 0055).
    const lexiconGrew =
      since === null
        ? sql`true`
        : sql`exists (select 1 from catalog_lexicon where added_xid >= ${xmax}::xid8) or exists (select 1 from catalog_lexicon where added_xid = any(${running}::xid8[]))`;
    const { rows } = await sql<{ snapshot: string; today: string; lexicon_grew: boolean; changed: ChangedRow[] }>`
      select pg_current_snapshot()::text as snapshot, (now() at time zone 'Asia/Jakarta')::date::text as today, ${lexiconGrew} as lexicon_grew,
        (select coalesce(json_agg(json_build_object('programme_id', c.programme_id, 'published', c.published, 'category', c.category,
            'learning_form', c.learning_form, 'jp', c.jp, 'quality', c.quality, 'provider_kinds', c.provider_kinds,
            'competency_codes', c.competency_codes, 'partner_provider_ids', c.partner_provider_ids, 'offering_modes', c.offering_modes,
            'offering_provinces', c.offering_provinces, 'seats_available', c.seats_available, 'next_start', c.next_start,
            'accr_valid_to', c.accr_valid_to, 'live_starts', c.live_starts, 'card', c.card, 'offerings', c.offerings,
            'text_hash', md5(c.search_vector::text))), '[]')
          from (${changed}) c) as changed`.execute(this.db);
    const { snapshot, today, lexicon_grew: lexiconGrew_, changed: delta } = rows[0];
    const fresh = new Set<string>();
    for (const c of delta) {
      if (!c.published) continue;
      for (const v of [c.category, c.learning_form, ...c.provider_kinds, ...c.competency_codes, ...c.offering_provinces]) if (!this.valueIds.has(v)) fresh.add(v);
    }
    // New values are ranked before anything changes: searches computing meanwhile see the old state whole.
    const ranked = fresh.size || !this.ranked ? await this.rankValues([...this.values, ...fresh]) : null;
    if (since === null) this.rows.clear();
    for (const v of fresh) this.id(v);
    if (ranked) this.setRank(ranked);
    let textChanged = since === null;
    for (const c of delta) if (this.apply(c)) textChanged = true;
    if (since === null || delta.length > 0) this.version++;
    if (textChanged) this.textVersion++;
    if (lexiconGrew_) this.lexiconVersion++;
    this.appliedAt = sentAt;
    this.cursor = snapshot;
    if (today !== this.today) {
      this.today = today;
      this.todayDay = dayOf(today);
    }
  }

  /**
   * Brings the engine up to date, as `fresh`, and returns the text hits of the query `key`
   * (`read` reads them from the database) as of that state: never older than the search.
   *
   * Why held hits are exact. Hits whose statement was sent while the engine was at version v saw
   * at least the snapshot of the sync that made v. If a sync sent after they came back (so its
   * snapshot contains theirs) still leaves the engine at v, nothing changed in between: they are
   * the hits of that sync's state, and from then on they stay exact for as long as no sync
   * changes what a text search finds (`textVersion`: a programme published or withdrawn, or its
   * search_vector changed — seats, dates or cards do not matter). Until that check, they hold
   * only while the engine stays at v (any change drops them: they may have seen a state between
   * two syncs). Every search waits for its own sync (started after it arrived), so it sees every
   * write committed before it began. Searches for the same text share one read.
   */
  async freshHits(key: string, read: () => Promise<TextHits>, synced = false, own = false): Promise<TextHits> {
    let held = own ? undefined : this.hitCache.get(key);
    if (held && !this.holds(held)) {
      this.drop(key, held);
      held = undefined;
    }
    const mine = !held;
    if (!held) {
      held = { readVersion: this.version, doneAt: null, textVersion: null, hits: read(), size: 0 };
      this.hold(key, held);
    } else {
      // least recently used first
      this.hitCache.delete(key);
      this.hitCache.set(key, held);
    }
    const entry = held;
    // synced: the caller has already waited for a sync that started after its search arrived
    const [hits] = await Promise.all([entry.hits, synced ? null : this.fresh()]);
    if (this.holds(entry)) return hits;
    if (this.hitCache.get(key) === entry) this.drop(key, entry);
    // Read by this search (sent after it began) but a sync since applied a change: good for this search, not for later ones.
    if (mine) return hits;
    // Read before this search began, and a write has come since: read them again (its own read), after the sync.
    return this.freshHits(key, read, true, true);
  }

  /**
   * Brings the engine up to date, as `fresh`, and returns the expansion of the query words `key`
   * (`read` looks it up: typo suggestions from catalog_lexicon). An expansion that read only the
   * word list (`lexiconOnly`) is held until the list grows — words are never removed, and every
   * addition is seen by the next sync, so one counter of additions is exact (one read between two
   * syncs can only have seen more words, which the next sync then counts). Others (they also
   * asked the catalogue's texts) serve only the search that read them.
   */
  async freshWords<T>(key: string, read: () => Promise<{ value: T; lexiconOnly: boolean }>, own = false): Promise<T> {
    let held = own ? undefined : this.wordCache.get(key);
    if (held && held.version !== this.lexiconVersion) {
      this.wordCache.delete(key);
      held = undefined;
    }
    const mine = !held;
    if (!held) {
      const entry = { version: this.lexiconVersion, value: read() };
      held = entry;
      this.wordCache.set(key, entry);
      entry.value.then(
        (r) => {
          if (!r.lexiconOnly && this.wordCache.get(key) === entry) this.wordCache.delete(key);
        },
        () => {
          if (this.wordCache.get(key) === entry) this.wordCache.delete(key);
        },
      );
      if (this.wordCache.size > WORD_CACHE_QUERIES) this.wordCache.delete(this.wordCache.keys().next().value as string);
    } else {
      this.wordCache.delete(key);
      this.wordCache.set(key, held);
    }
    const entry = held;
    const [r] = await Promise.all([entry.value, this.fresh()]);
    if (entry.version === this.lexiconVersion && (r.lexiconOnly || mine)) return r.value as T;
    if (this.wordCache.get(key) === entry) this.wordCache.delete(key);
    if (mine) return r.value as T;
    return this.freshWords(key, read, true);
  }

  /** Whether held hits are still exact for the engine's state (see freshHits). */
  private holds(entry: HeldHits): boolean {
    if (entry.textVersion !== null) return entry.textVersion === this.textVersion;
    if (entry.readVersion !== this.version) return false;
    if (entry.doneAt !== null && this.appliedAt > entry.doneAt) entry.textVersion = this.textVersion;
    return true;
  }

  private hold(key: string, entry: HeldHits): void {
    const before = this.hitCache.get(key);
    if (before) this.drop(key, before);
    this.hitCache.set(key, entry);
    entry.hits.then(
      (hits) => {
        entry.doneAt = this.clock++;
        if (this.hitCache.get(key) !== entry) return;
        entry.size = hits.ids.length + 1;
        this.hitCacheIds += entry.size;
        // bounded: at most HIT_CACHE_QUERIES queries and HIT_CACHE_IDS hits held, least recently used out first
        for (const [k, e] of this.hitCache) {
          if (this.hitCache.size <= HIT_CACHE_QUERIES && this.hitCacheIds <= HIT_CACHE_IDS) break;
          if (e !== entry) this.drop(k, e);
        }
      },
      () => {
        if (this.hitCache.get(key) === entry) this.drop(key, entry);
      },
    );
  }

  private drop(key: string, entry: HeldHits): void {
    this.hitCache.delete(key);
    this.hitCacheIds -= entry.size;
    entry.size = 0;
  }

  private id(value: string): number {
    let id = this.valueIds.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.valueIds.set(value, id);
    }
    return id;
  }

  /** Applies a changed row; true when it changes what a text search finds. */
  private apply(c: ChangedRow): boolean {
    const old = this.rows.get(c.programme_id);
    if (!c.published) {
      if (old) {
        this.rows.delete(c.programme_id);
        this.cols = null;
      }
      return old !== undefined;
    }
    let modes = 0;
    for (const m of c.offering_modes) modes |= MODE_BITS[m] ?? 0;
    const row: Row = {
      id: c.programme_id,
      category: this.id(c.category),
      form: this.id(c.learning_form),
      jp: c.jp,
      jpBucket: jpBucketOf(c.jp),
      quality: c.quality === null ? null : Number(c.quality),
      kinds: c.provider_kinds.map((v) => this.id(v)),
      competencies: c.competency_codes.map((v) => this.id(v)),
      partners: c.partner_provider_ids,
      modes,
      provinces: c.offering_provinces.map((v) => this.id(v)),
      seats: c.seats_available,
      nextStart: c.next_start,
      accrTo: c.accr_valid_to === null ? null : dayOf(c.accr_valid_to),
      liveStarts: c.live_starts.map(dayOf),
      textHash: c.text_hash,
      card: {
        id: c.programme_id,
        stored: c.card,
        category: c.category,
        learningForm: c.learning_form,
        jp: c.jp,
        seats: c.seats_available,
        accrValidTo: c.accr_valid_to,
        offerings: c.offerings,
      },
    };
    this.rows.set(c.programme_id, row);
    if (!this.patch(old, row)) this.cols = null;
    return old?.textHash !== c.text_hash;
  }

  /**
   * Writes a changed row into the columns in place when it keeps its place in every order
   * (same quality and next start: the orders of a search without text) and the same number of
   * values in each multi-valued column — seats, cards, categories, accreditation and the like.
   * Otherwise the columns are made again (false).
   */
  private patch(old: Row | undefined, row: Row): boolean {
    const C = this.cols;
    if (!C || !old || old.quality !== row.quality || old.nextStart !== row.nextStart) return false;
    const i = C.slotOf.get(row.id);
    if (i === undefined) return false;
    const fits = (m: Multi, vals: number[]) => m.start[i + 1] - m.start[i] === vals.length;
    if (!fits(C.competencies, row.competencies) || !fits(C.kinds, row.kinds) || !fits(C.provinces, row.provinces) || !fits(C.partners, row.partners) || !fits(C.liveStarts, row.liveStarts)) {
      return false;
    }
    C.rows[i] = row;
    C.category[i] = row.category;
    C.form[i] = row.form;
    C.jp[i] = row.jp;
    C.jpBucket[i] = row.jpBucket;
    C.seats[i] = row.seats;
    C.modes[i] = row.modes;
    C.accrTo[i] = row.accrTo ?? NO_DAY;
    C.competencies.vals.set(row.competencies, C.competencies.start[i]);
    C.kinds.vals.set(row.kinds, C.kinds.start[i]);
    C.provinces.vals.set(row.provinces, C.provinces.start[i]);
    C.partners.vals.set(row.partners, C.partners.start[i]);
    C.liveStarts.vals.set(row.liveStarts, C.liveStarts.start[i]);
    return true;
  }

  /**
   * What the results show of these programmes (published ones, in the order given), as of the
   * last sync — call it right after `search`, before any await, so both see the same state.
   */
  details(ids: number[]): PageDetail[] {
    const out: PageDetail[] = [];
    for (const id of ids) {
      const row = this.rows.get(id);
      if (row) out.push(detailOf(row.card, this.today, this.todayDay));
    }
    return out;
  }

  /** Facet ties are ordered by value as the database orders text (its collation), as the SQL search does. */
  private async rankValues(values: string[]): Promise<{ ordered: string[]; fixed: string[] }> {
    const fixed = [...ACCR_STATES, ...JP_BUCKETS];
    const { rows } = await sql<{ ordered: string[]; fixed: string[] }>`
      select (select coalesce(json_agg(v order by v), '[]') from unnest(${values}::text[]) v) as ordered,
             (select coalesce(json_agg(v order by v), '[]') from unnest(${fixed}::text[]) v) as fixed`.execute(this.db);
    return rows[0];
  }

  private setRank({ ordered, fixed }: { ordered: string[]; fixed: string[] }): void {
    const rank = new Int32Array(this.values.length);
    ordered.forEach((v, i) => {
      const id = this.valueIds.get(v);
      if (id !== undefined) rank[id] = i;
    });
    const fixedPos = new Map(fixed.map((v, i) => [v, i]));
    this.accrRank = ACCR_STATES.map((s) => fixedPos.get(s)!);
    this.jpRank = JP_BUCKETS.map((s) => fixedPos.get(s)!);
    this.rank = rank;
    this.ranked = true;
  }

  /** The published rows as columns, in the relevance order of a search without text; made again after a change. */
  private columns(): Columns {
    if (!this.cols) this.cols = columnsOf([...this.rows.values()].map((row) => ({ row, score: 0 })).sort(comparator('relevance')).map((m) => m.row));
    return this.cols;
  }

  /**
   * The same answer as the SQL search: `hits` are the programmes matching the text with their
   * rank (null: no text), the rest are the filters, sort and page.
   */
  search(q: { hits: TextHits | null; filters: SearchFilters; sort: SearchSort; limit: number; offset: number }): SearchRow {
    const f = q.filters;
    // A filter's values as a membership table over value ids (unknown values match nothing).
    const ids = (list: string[] | undefined) => {
      if (!list?.length) return null;
      const member = new Uint8Array(this.values.length);
      for (const v of list) {
        const id = this.valueIds.get(v);
        if (id !== undefined) member[id] = 1;
      }
      return member;
    };
    const competency = ids(f.competency);
    const category = ids(f.category);
    const form = ids(f.form);
    const kind = ids(f.providerKind);
    const province = ids(f.province);
    let accr: Uint8Array | null = null;
    if (f.accreditation?.length) {
      accr = new Uint8Array(4);
      for (const state of f.accreditation) {
        const i = ACCR_STATES.indexOf(state as (typeof ACCR_STATES)[number]);
        if (i >= 0) accr[i] = 1;
      }
    }
    const jpOn = f.jpMin !== undefined || f.jpMax !== undefined;
    const jpMin = f.jpMin ?? 0;
    const jpMax = f.jpMax ?? 100000;
    let deliveryMask = 0;
    if (f.delivery?.length) {
      deliveryMask = BLENDED;
      for (const d of f.delivery) deliveryMask |= MODE_BITS[d];
    }
    const providers = f.provider?.length ? new Set(f.provider) : null;
    const dated = Boolean(f.startFrom || f.startTo);
    const from = dayOf(f.startFrom ?? '1900-01-01');
    const to = dayOf(f.startTo ?? '9999-12-31');

    const nValues = this.values.length;
    const counts = FACETS.map((name) => new Int32Array(name === 'accr' ? 4 : name === 'jp' ? 5 : name === 'delivery' ? 2 : name === 'seats' ? 1 : nValues));
    const [cCompetency, cCategory, cForm, cKind, cAccr, cJp, cDelivery, cProvince, cSeats] = counts;
    const mark = ++this.searches;
    const hits = q.hits;
    const C = this.columns();
    let slots: Int32Array | null = null;
    // each hit's rank by slot; a hit the engine does not hold is left out, as before
    let scoreOf: Float64Array | null = null;
    if (hits) {
      const found = new Int32Array(hits.ids.length);
      scoreOf = new Float64Array(C.n);
      let m = 0;
      for (let k = 0; k < hits.ids.length; k++) {
        const slot = C.slotOf.get(hits.ids[k]);
        if (slot === undefined) continue;
        found[m++] = slot;
        scoreOf[slot] = hits.scores[k];
      }
      slots = found.subarray(0, m);
    }
    const n = slots ? slots.length : C.n;
    const today = this.todayDay;
    const comp = C.competencies;
    const kinds = C.kinds;
    const provs = C.provinces;
    let total = 0;
    for (let k = 0; k < n; k++) {
      const i = slots ? slots[k] : k;
      if (providers && !overlapsSet(C.partners, i, providers)) continue;
      if (dated && !within(C.liveStarts, i, from, to)) continue;
      const accrTo = C.accrTo[i];
      const a = accrTo === NO_DAY ? 0 : accrTo < today ? 1 : accrTo <= today + 90 ? 2 : 3;
      const modes = C.modes[i];
      const seats = C.seats[i];
      // Which filters the row fails: none → it matches and counts in every facet; one → it
      // counts only in that facet (disjunctive facets ignore their own filter); more → nowhere.
      let fails = 0;
      let failed = -1;
      if (competency && !overlaps(comp, i, competency)) (fails++, (failed = F_COMPETENCY));
      if (category && !category[C.category[i]]) (fails++, (failed = F_CATEGORY));
      if (form && !form[C.form[i]]) (fails++, (failed = F_FORM));
      if (kind && !overlaps(kinds, i, kind)) (fails++, (failed = F_KIND));
      if (accr && !accr[a]) (fails++, (failed = F_ACCR));
      if (jpOn && !(C.jp[i] >= jpMin && C.jp[i] <= jpMax)) (fails++, (failed = F_JP));
      if (deliveryMask && (modes & deliveryMask) === 0) (fails++, (failed = F_DELIVERY));
      if (province && !overlaps(provs, i, province)) (fails++, (failed = F_PROVINCE));
      if (f.seatsAvailable && !(seats > 0)) (fails++, (failed = F_SEATS));
      if (fails > 1) continue;
      const all = fails === 0;
      if (all || failed === F_COMPETENCY) for (let j = comp.start[i]; j < comp.start[i + 1]; j++) cCompetency[comp.vals[j]]++;
      if (all || failed === F_CATEGORY) cCategory[C.category[i]]++;
      if (all || failed === F_FORM) cForm[C.form[i]]++;
      if (all || failed === F_KIND) for (let j = kinds.start[i]; j < kinds.start[i + 1]; j++) cKind[kinds.vals[j]]++;
      if (all || failed === F_ACCR) cAccr[a]++;
      if (all || failed === F_JP) cJp[C.jpBucket[i]]++;
      if (all || failed === F_DELIVERY) {
        if (modes & (ONLINE | BLENDED)) cDelivery[0]++;
        if (modes & (OFFLINE | BLENDED)) cDelivery[1]++;
      }
      if (all || failed === F_PROVINCE) for (let j = provs.start[i]; j < provs.start[i + 1]; j++) cProvince[provs.vals[j]]++;
      if ((all || failed === F_SEATS) && seats > 0) cSeats[0]++;
      if (all) {
        C.mark[i] = mark;
        total++;
      }
    }

    let page: [number, number][];
    if (!hits) {
      // Without text every score is 0: walk the ready-made order (the loop above ran synchronously, so the marks are this search's).
      page = [];
      let skip = q.offset;
      const order = q.sort === 'start' ? C.byStart : q.sort === 'quality' ? C.byQuality : null;
      for (let k = 0; k < C.n && page.length < q.limit; k++) {
        const i = order ? order[k] : k;
        if (C.mark[i] !== mark) continue;
        if (skip > 0) skip--;
        else page.push([C.id[i], 0]);
      }
    } else {
      const scored: Match[] = [];
      for (const i of slots!) if (C.mark[i] === mark) scored.push({ row: C.rows[i], score: scoreOf![i] });
      page = firstOf(scored, q.offset + q.limit, comparator(q.sort))
        .slice(q.offset)
        .map((m): [number, number] => [m.row.id, m.score]);
    }
    const top = (facet: number, limit: number, label: (i: number) => string, rank: (i: number) => number): [string, number][] => {
      const c = counts[facet];
      const out: number[] = [];
      for (let i = 0; i < c.length; i++) if (c[i] > 0) out.push(i);
      out.sort((x, y) => c[y] - c[x] || rank(x) - rank(y));
      return out.slice(0, limit).map((i) => [label(i), c[i]]);
    };
    const value = (i: number) => this.values[i];
    const valueRank = (i: number) => this.rank[i];
    return {
      total,
      page,
      competency: top(F_COMPETENCY, 40, value, valueRank),
      category: top(F_CATEGORY, 100, value, valueRank),
      learning_form: top(F_FORM, 100, value, valueRank),
      provider_kind: top(F_KIND, 100, value, valueRank),
      accreditation: top(F_ACCR, 100, (i) => ACCR_STATES[i], (i) => this.accrRank[i]),
      jp: top(F_JP, 100, (i) => JP_BUCKETS[i], (i) => this.jpRank[i]),
      delivery: [
        ['online', counts[F_DELIVERY][0]],
        ['offline', counts[F_DELIVERY][1]],
      ],
      province: top(F_PROVINCE, 40, value, valueRank),
      seats: [['available', counts[F_SEATS][0]]],
    };
  }
}

function overlaps(m: Multi, i: number, member: Uint8Array): boolean {
  for (let j = m.start[i]; j < m.start[i + 1]; j++) if (member[m.vals[j]]) return true;
  return false;
}

function overlapsSet(m: Multi, i: number, set: Set<number>): boolean {
  for (let j = m.start[i]; j < m.start[i + 1]; j++) if (set.has(m.vals[j])) return true;
  return false;
}

function within(m: Multi, i: number, from: number, to: number): boolean {
  for (let j = m.start[i]; j < m.start[i + 1]; j++) if (m.vals[j] >= from && m.vals[j] <= to) return true;
  return false;
}

type Match = { row: Row; score: number };
// nulls last, as in the SQL search's ORDER BY
const desc = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a);
const ascDate = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

function comparator(sort: SearchSort): (a: Match, b: Match) => number {
  if (sort === 'start') return (a, b) => ascDate(a.row.nextStart, b.row.nextStart) || b.score - a.score || a.row.id - b.row.id;
  if (sort === 'quality') return (a, b) => desc(a.row.quality, b.row.quality) || b.score - a.score || ascDate(a.row.nextStart, b.row.nextStart) || a.row.id - b.row.id;
  return (a, b) => b.score - a.score || desc(a.row.quality, b.row.quality) || ascDate(a.row.nextStart, b.row.nextStart) || a.row.id - b.row.id;
}

/** The first `k` of `items` in the order of `cmp` (a total order), without sorting all of them when k is small. */
function firstOf<T>(items: T[], k: number, cmp: (a: T, b: T) => number): T[] {
  if (k <= 0) return [];
  if (k * 8 >= items.length) return items.sort(cmp).slice(0, k);
  const best: T[] = [];
  for (const item of items) {
    if (best.length === k && cmp(item, best[k - 1]) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(best[mid], item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, item);
    if (best.length > k) best.pop();
  }
  return best;
}

const indexes = new WeakMap<Kysely<DB>, SearchIndex>();

/** The index of this database handle (one per process and database). */
export function searchIndexOf(db: Kysely<DB>): SearchIndex {
  let index = indexes.get(db);
  if (!index) {
    index = new SearchIndex(db);
    indexes.set(db, index);
  }
  return index;
}
