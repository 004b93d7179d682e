// Per-instance cache of what a verification reads from the register, so a warm verification
// runs no query:
//   - the register row of a certificate, without its revocation (the columns a verification shows
//     are written once, at issue; only revoked_at/by/reason change later), bounded LRU;
//   - the revocation status list: the revoked entries (index → revoked_at) of each list, per list
//     version (credential_status_version, bumped by a trigger in the transaction of any
//     revocation, so plain-SQL writers are covered too).
// Freshness: the versions of the known lists are re-read (one small query, shared by the requests
// waiting for it) when the last read is older than RECHECK_MS; a list whose version moved is
// re-read before it answers. So a revocation through another instance (or plain SQL) is seen here
// within RECHECK_MS of its commit; a revocation through this instance's service drops the list
// after its commit and is seen at once.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** How long the known list versions are trusted before they are read again. */
export const RECHECK_MS = 1_000;
/** Register rows kept (about 0.5 kB each). */
export const MAX_ROWS = 50_000;

export interface RegisterRow {
  id: string;
  number: string;
  provider_id: number;
  provider_name: string;
  holder_name: string;
  programme_code: string;
  title_id: string;
  title_en: string | null;
  jp: string | number;
  completed_on: string;
  issued_at: Date;
  valid_until: Date | null;
  kid: string;
  /** the last segment of the JWT the register issued */
  signature: string;
  status_list_id: number;
  status_index: number;
}

export interface VerificationRow extends RegisterRow {
  revoked_at: Date | null;
}

interface ListState {
  version: string;
  revoked: Map<number, Date>;
}

const ROW_COLUMNS = sql`c.id, c.number, c.provider_id, c.provider_name, c.holder_name, c.programme_code, c.title_id, c.title_en, c.jp, c.completed_on, c.issued_at, c.valid_until, c.kid, right(c.jwt, 86) as signature, c.status_list_id, c.status_index`;

export class RevocationCache {
  private readonly db: Kysely<DB>;
  private readonly rows = new Map<string, RegisterRow>();
  private readonly lists = new Map<number, ListState>();
  /** versions of the lists as last read (a list without a row in credential_status_version is '0') */
  private versions = new Map<number, string>();
  private checkedAt = Number.NEGATIVE_INFINITY;
  private checking: Promise<void> | undefined;
  private readonly loadingLists = new Map<number, Promise<ListState>>();
  /** bumped by invalidate(): reads started before it do not count as fresh */
  private generation = 0;
  /** the clock (tests move it) */
  now: () => number = () => performance.now();

  constructor(db: Kysely<DB>) {
    this.db = db;
  }

  /** The row of a certificate with its revocation as of now (≤ RECHECK_MS for other writers), or undefined when the register has none. */
  async row(id: string): Promise<VerificationRow | undefined> {
    const cached = this.rows.get(id);
    if (!cached) return this.load(id);
    const list = await this.list(cached.status_list_id);
    return { ...cached, revoked_at: list.revoked.get(cached.status_index) ?? null };
  }

  /** After a revocation through this instance committed: the list is read again before it answers. */
  invalidate(listId: number): void {
    this.generation++;
    this.lists.delete(listId);
    this.loadingLists.delete(listId);
    this.checkedAt = Number.NEGATIVE_INFINITY;
    this.checking = undefined;
  }

  clear(): void {
    this.rows.clear();
    this.lists.clear();
    this.invalidate(0);
  }

  /** Cold path: the row and its revocation in one query (authoritative, read now). */
  private async load(id: string): Promise<VerificationRow | undefined> {
    const { rows } = await sql<RegisterRow & { revoked_at: Date | null }>`select ${ROW_COLUMNS}, c.revoked_at from certificate c where c.id = ${id}`.execute(this.db);
    const found = rows[0];
    if (!found) return undefined; // not cached: it may be committed a moment later
    const { revoked_at, ...register } = found;
    this.rows.set(id, register);
    if (this.rows.size > MAX_ROWS) this.rows.delete(this.rows.keys().next().value!);
    return { ...register, revoked_at };
  }

  private async list(listId: number): Promise<ListState> {
    await this.fresh();
    const version = this.versions.get(listId) ?? '0';
    const cached = this.lists.get(listId);
    if (cached && cached.version === version) return cached;
    let loading = this.loadingLists.get(listId);
    if (!loading) {
      const generation = this.generation;
      loading = this.readList(listId).then((state) => {
        if (this.generation === generation) {
          this.lists.set(listId, state);
          // the list read is newer than the version check: keep the two in step
          this.versions.set(listId, state.version);
        }
        return state;
      });
      loading.finally(() => {
        if (this.loadingLists.get(listId) === loading) this.loadingLists.delete(listId);
      }).catch(() => {});
      this.loadingLists.set(listId, loading);
    }
    return loading;
  }

  /** The version and the revoked entries of one list, in one statement (one snapshot). */
  private async readList(listId: number): Promise<ListState> {
    const { rows } = await sql<{ version: string; revoked: [number, string][] | null }>`
      select coalesce((select version::text from credential_status_version where list_id = ${listId}), '0') as version,
        (select json_agg(json_build_array(status_index, revoked_at)) from certificate where status_list_id = ${listId} and revoked_at is not null) as revoked`.execute(this.db);
    const revoked = new Map<number, Date>();
    for (const [index, at] of rows[0].revoked ?? []) revoked.set(index, new Date(at));
    return { version: rows[0].version, revoked };
  }

  /** Waits until the list versions were read less than RECHECK_MS ago. */
  private fresh(): Promise<void> | void {
    if (this.now() - this.checkedAt < RECHECK_MS) return;
    if (!this.checking) {
      const generation = this.generation;
      const started = this.now();
      const checking = sql<{ list_id: number; version: string }>`select list_id, version::text as version from credential_status_version`
        .execute(this.db)
        .then(({ rows }) => {
          if (this.generation !== generation) return;
          this.versions = new Map(rows.map((r) => [r.list_id, r.version]));
          this.checkedAt = started;
        })
        .finally(() => {
          if (this.checking === checking) this.checking = undefined;
        });
      this.checking = checking;
    }
    return this.checking;
  }
}
