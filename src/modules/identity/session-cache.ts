// Per-process cache of live sessions (session, account and grants: what every signed-in request
// reads), so a busy session costs no database round trip per request.
//
// Consistency with the uncached read (repository.findLiveSessionWithGrants):
// - An entry is used only while its session's own expiry is in the future, and for at most TTL_MS.
// - The identity writes that end sessions or change what they carry (logout, password change, new
//   grants) call `authChanged` inside their transaction — a NOTIFY on AUTH_CHANNEL, delivered to
//   every instance when it commits — and `forgetUser` after it commits, so this instance refuses the
//   old session at once; a generation counter stops a read that started before from storing it.
// - On PostgreSQL the cache is used only while this instance LISTENs (a dedicated connection):
//   when that connection is lost, the cache is emptied and bypassed until it is back. Another
//   instance's logout therefore reaches this one within the notification's delivery (milliseconds).
// - A change made outside these services (plain SQL on user_account, role_grant, user_session)
//   is seen within TTL_MS.
// PGlite is one process (directory lock), so local forgetting is enough there.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../../db/database.ts';
import type { Role, ScopeType } from '../../db/schema.ts';

export const TTL_MS = 5_000;
export const AUTH_CHANNEL = 'kembang_auth';

export interface LiveSession {
  user_id: string;
  csrf_token: string;
  last_seen_at: Date;
  expires_at: Date;
  email: string;
  civil_servant_id: number | null;
  disabled: boolean;
  grants: { role: Role; scope_type: ScopeType; scope_id: number | null }[];
}

interface Entry {
  session: LiveSession;
  fetched: number;
}

export class SessionCache {
  private entries = new Map<string, Entry>();
  private generation = 0;
  /** false on PostgreSQL while no LISTEN connection is up: then nothing is served from memory. */
  active: boolean;

  constructor(active: boolean) {
    this.active = active;
  }

  get(id: string, now = Date.now()): LiveSession | undefined {
    if (!this.active) return undefined;
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.fetched + TTL_MS <= now || entry.session.expires_at.getTime() <= now) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.session;
  }

  /** Reads through the cache: `load` runs when there is no usable entry. */
  async read(id: string, load: () => Promise<LiveSession | undefined>): Promise<LiveSession | undefined> {
    const hit = this.get(id);
    if (hit) return hit;
    const started = this.generation;
    const fetched = Date.now();
    const session = await load();
    // a change of any account since the read began: the row may be the old one, do not keep it
    if (session && this.active && started === this.generation) this.entries.set(id, { session, fetched });
    return session;
  }

  /** This session was touched (expiry moved on): keep the entry in step. */
  touched(id: string, lastSeen: Date, expires: Date): void {
    const entry = this.entries.get(id);
    if (entry) entry.session = { ...entry.session, last_seen_at: lastSeen, expires_at: expires };
  }

  forgetUser(userId: string): void {
    this.generation++;
    for (const [id, entry] of this.entries) if (entry.session.user_id === userId) this.entries.delete(id);
  }

  forgetAll(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

const caches = new WeakMap<object, SessionCache>();

/** The session cache of a database handle, if one was started for it (buildApp does). */
export function sessionCacheOf(db: object): SessionCache | undefined {
  return caches.get(db);
}

/** Inside the writing transaction: tells every instance (at commit) that this user's sessions changed. */
export async function authChanged(db: Kysely<any>, userId: string): Promise<void> {
  await sql`select pg_notify(${AUTH_CHANNEL}, ${userId})`.execute(db);
}

/** After the write committed: this instance forgets the user's sessions at once. */
export function forgetUser(db: object, userId: string): void {
  caches.get(db)?.forgetUser(userId);
}

/**
 * Starts the session cache of `database` (one per database handle; started again, it is shared).
 * Returns the function that stops it (closes the LISTEN connection).
 */
export async function startSessionCache(database: Database): Promise<() => Promise<void>> {
  const existing = caches.get(database.db);
  if (existing) return async () => {};
  const raw = database.raw;
  if (!raw || !('pool' in raw)) {
    caches.set(database.db, new SessionCache(true));
    return async () => caches.delete(database.db) as unknown as void;
  }
  const cache = new SessionCache(false);
  caches.set(database.db, cache);
  const options = raw.pool.options;
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const lost = () => {
    cache.active = false;
    cache.forgetAll();
    client?.removeAllListeners();
    void client?.end().catch(() => {});
    client = null;
    if (!stopped) retry = setTimeout(connect, 1_000).unref();
  };
  const connect = async () => {
    const c = new pg.Client({ ...options, application_name: 'kembang_session_cache' } as pg.ClientConfig);
    client = c;
    c.on('error', lost);
    c.on('end', () => client === c && lost());
    c.on('notification', (message) => {
      if (message.channel !== AUTH_CHANNEL) return;
      if (message.payload) cache.forgetUser(message.payload);
      else cache.forgetAll();
    });
    try {
      await c.connect();
      // listening must not keep a process alive that has otherwise finished (tools, tests)
      (c as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      await c.query(`listen ${AUTH_CHANNEL}`);
      if (stopped || client !== c) return void (await c.end().catch(() => {}));
      cache.forgetAll(); // notifications may have been missed while not listening
      cache.active = true;
    } catch {
      if (client === c) lost();
    }
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    cache.active = false;
    caches.delete(database.db);
    const c = client;
    client = null;
    c?.removeAllListeners();
    c?.on('error', () => {});
    await c?.end().catch(() => {});
  };
}
