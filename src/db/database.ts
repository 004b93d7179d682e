// The database factory: PGlite (embedded, file-backed) by default, PostgreSQL when a URL is given.
// Both sit behind one Kysely instance and return the same JS types (see parsers.ts).
import path from 'node:path';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { typeParsers } from './parsers.ts';
import { acquireDirectoryLock } from './lock.ts';
import { nameMarkedQueries } from './prepared.ts';
import type { DB } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** The driver underneath, for bulk loads (COPY) that Kysely does not cover. */
  raw?: { pool: pg.Pool } | { pglite: PGlite };
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL connection string. */
  url?: string;
  /** PGlite data directory; omitted with `memory` for a throw-away database. */
  dataDir?: string;
  memory?: boolean;
  /** PGlite: start from this data-directory tarball (made by `dumpDataDir`) instead of an empty cluster. */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options);
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  pool.on('connect', (client) => nameMarkedQueries(client));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    raw: { pool },
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

async function openPglite(options: OpenOptions): Promise<Database> {
  let release = () => {};
  let pglite: PGlite;
  if (options.memory || !options.dataDir) {
    pglite = new PGlite({ parsers: typeParsers, extensions: { pg_trgm }, loadDataDir: options.loadDataDir });
  } else {
    release = acquireDirectoryLock(options.dataDir);
    try {
      pglite = new PGlite(path.join(options.dataDir, 'pgdata'), { parsers: typeParsers, extensions: { pg_trgm } });
      await pglite.waitReady;
    } catch (error) {
      release();
      throw error;
    }
  }
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    raw: { pglite },
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: async () => {
      try {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
      } finally {
        release();
      }
    },
  };
}
