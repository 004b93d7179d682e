// Shared test helpers: fresh databases on each back end, an app over real HTTP plumbing
// (app.inject), and sign-in helpers. PGlite always; PostgreSQL when TEST_DATABASE_URL is set.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, type Database, type DatabaseKind } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { seedDemo, type DemoSeedResult } from '../src/seed/demo.ts';
import { pgliteFromTemplate, postgresFromTemplate } from './support/templates.ts';

export const TEST_PASSWORD = 'uji-coba-kembang';
/** One fixed secret encrypts the certificate signing keys in every test (not a data-directory key
 * of the checkout), so a template seeded by one checkout opens in any other (support/templates.ts). */
export const TEST_KEY_ENCRYPTION_KEY = 'kembang-tests-only-key-encryption-secret-0001';
process.env.KEMBANG_KEY_ENCRYPTION_KEY = TEST_KEY_ENCRYPTION_KEY;

export function backends(): DatabaseKind[] {
  if (process.env.CI && !process.env.TEST_DATABASE_URL) {
    throw new Error('CI must set TEST_DATABASE_URL so database tests also run on PostgreSQL');
  }
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  database: Database;
  /** Connection string, for PostgreSQL databases (e.g. to start a second process on it). */
  url?: string;
  drop(): Promise<void>;
}

/** A new PostgreSQL database on the TEST_DATABASE_URL server (empty, or a copy of a template); dropped by `drop`. */
export async function createPostgresDatabase<T = undefined>(template?: { name: string; fill: (database: Database) => Promise<T> }): Promise<{ url: string; value: T; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `kembang_t_${randomBytes(6).toString('hex')}`;
  let value = undefined as T;
  if (template) value = await postgresFromTemplate(adminUrl, name, template.name, template.fill);
  else {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    value,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Migrated, nothing else. */
const MIGRATED = { name: 'migrated', fill: async (database: Database) => void (await migrateToLatest(database.db)) };

/** Migrated, with the small demo data set of createTestApp. */
const DEMO = {
  name: 'demo20',
  fill: async (database: Database): Promise<DemoSeedResult> => {
    await migrateToLatest(database.db);
    return seedDemo(database.db, { password: TEST_PASSWORD, perAgency: 20 });
  },
};

/** A fresh database of `kind` in the state of `template` (copied from a cached template, see support/templates.ts). */
async function databaseFromTemplate<T>(kind: DatabaseKind, template: { name: string; fill: (database: Database) => Promise<T> }): Promise<TestDatabase & { value: T }> {
  if (kind === 'pglite') {
    const { database, value } = await pgliteFromTemplate(template.name, template.fill);
    // Migrating is a no-op on a current template; it keeps the contract "the schema is current".
    await migrateToLatest(database.db);
    return { database, value, drop: () => database.close() };
  }
  const pgdb = await createPostgresDatabase(template);
  const database = await openDatabase({ url: pgdb.url, poolSize: 20 });
  await migrateToLatest(database.db);
  return {
    database,
    value: pgdb.value,
    url: pgdb.url,
    drop: async () => {
      await database.close();
      await pgdb.drop();
    },
  };
}

/** A fresh, migrated database of `kind` with no data. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return databaseFromTemplate(kind, MIGRATED);
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', KEMBANG_DEMO_PASSWORD: TEST_PASSWORD, KEMBANG_KEY_ENCRYPTION_KEY: TEST_KEY_ENCRYPTION_KEY }, { port: 0, ...overrides });
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  demo: DemoSeedResult;
  close(): Promise<void>;
}

/** An app on a fresh database with a small demo data set (one account per role). */
export async function createTestApp(kind: DatabaseKind, overrides: Partial<Config> = {}): Promise<TestApp> {
  const testDb = await databaseFromTemplate(kind, DEMO);
  const config = testConfig(overrides);
  const demo = testDb.value;
  const app = await buildApp({ config, database: testDb.database, logger: false });
  await app.ready();
  return {
    app,
    database: testDb.database,
    config,
    demo,
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}

/**
 * `count` instances of one service: apps on one fresh PostgreSQL database, seeded once with the
 * small demo set. `close` stops them and drops the database.
 */
export async function startInstances(count: number, overrides: Partial<Config> = {}) {
  const pgdb = await createPostgresDatabase();
  const instances: { app: FastifyInstance; database: Database }[] = [];
  for (let i = 0; i < count; i++) {
    const database = await openDatabase({ url: pgdb.url });
    await migrateToLatest(database.db); // concurrent-safe: later instances find nothing to do
    if (i === 0) await seedDemo(database.db, { password: TEST_PASSWORD, perAgency: 20 });
    const app = await buildApp({ config: testConfig(overrides), database, logger: false });
    await app.ready();
    instances.push({ app, database });
  }
  return {
    url: pgdb.url,
    instances,
    close: async () => {
      for (const i of instances) {
        await i.app.close();
        await i.database.close();
      }
      await pgdb.drop();
    },
  };
}

/** Polls `done` every 10 ms until it holds; throws naming `what` when it does not within `ms`. */
export async function eventually(done: () => boolean | Promise<boolean>, what: string, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface Session {
  cookie: string;
  csrf: string;
  me: { id: string; grants: { role: string; scope: string }[]; civilServantId: number | null };
}

export async function login(app: FastifyInstance, identifier: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier, password } });
  if (res.statusCode !== 200) throw new Error(`login as ${identifier} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'kembang_session');
  if (!setCookie) throw new Error('no session cookie');
  const me = res.json();
  return { cookie: `kembang_session=${setCookie.value}`, csrf: me.csrfToken, me };
}

/** Sends a request as a signed-in user, with the CSRF header on writes. */
export function asUser(app: FastifyInstance, session: Session) {
  return (method: string, url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { cookie: session.cookie, ...(method === 'GET' || method === 'HEAD' ? {} : { 'x-csrf-token': session.csrf }) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
}

export function demoEmail(demo: DemoSeedResult, role: string): string {
  const account = demo.accounts.find((a) => a.role === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  return account.email;
}

export function isProblem(res: LightMyRequestResponse, status: number): boolean {
  return res.statusCode === status && String(res.headers['content-type']).startsWith('application/problem+json');
}

/** Columns, constraints (with validity), indexes and triggers of the public schema, as sorted text. */
export async function schemaOf(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ line: string }>`
    select format('column %s.%s %s notnull=%s identity=%s default=%s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity, pg_get_expr(d.adbin, d.adrelid)) as line
      from pg_attribute a join pg_class c on c.oid = a.attrelid
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
     where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
    union all
    select format('constraint %s %s %s valid=%s', conrelid::regclass, conname, pg_get_constraintdef(oid), convalidated)
      from pg_constraint where connamespace = 'public'::regnamespace
    union all
    select format('index %s', pg_get_indexdef(i.indexrelid)) from pg_index i join pg_class c on c.oid = i.indexrelid where c.relnamespace = 'public'::regnamespace
    union all
    select format('trigger %s', pg_get_triggerdef(t.oid)) from pg_trigger t join pg_class c on c.oid = t.tgrelid where c.relnamespace = 'public'::regnamespace and not t.tgisinternal
    order by 1`.execute(db);
  return rows.map((r) => r.line);
}
