// Test databases made once and copied many times. Migrating and seeding the demo set costs
// seconds per test file (most of it on PGlite), and every file needs the same starting state, so
// the first file to ask builds it and later ones copy it:
//   - PGlite: a tarball of the data directory (dumpDataDir) in the temp directory, loaded into a
//     new in-memory instance (loadDataDir);
//   - PostgreSQL: a template database, copied by CREATE DATABASE … TEMPLATE.
// A template is named by a hash of the source tree (src/) and today's date, so a change to a
// migration, a seed or a service — or a new day for date-relative seeds — builds a new one.
// Templates older than a day are removed by whoever builds the next one.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.ts';

const SRC = path.join(import.meta.dirname, '..', '..', 'src');
const CACHE_DIR = path.join(os.tmpdir(), 'kembang-test-templates');
const MAX_AGE_MS = 24 * 3600 * 1000;

let treeHash: string | undefined;
/** A hash of every file under src/, of the test helpers and of today's date. */
function sourceHash(): string {
  if (treeHash) return treeHash;
  const hash = createHash('sha256').update(new Date().toISOString().slice(0, 10));
  const files = fs.readdirSync(SRC, { recursive: true, encoding: 'utf8' }).sort();
  for (const file of files) {
    const full = path.join(SRC, file);
    if (!fs.statSync(full).isFile()) continue;
    hash.update(file).update('\0').update(fs.readFileSync(full)).update('\0');
  }
  // The fills and the test configuration live in the test helpers: a change there is a new template too.
  for (const file of ['helpers.ts', 'support/templates.ts']) hash.update(file).update('\0').update(fs.readFileSync(path.join(import.meta.dirname, '..', file))).update('\0');
  treeHash = hash.digest('hex').slice(0, 16);
  return treeHash;
}

/** What a template holds besides the database itself (e.g. the demo seed's accounts). */
type Fill<T> = (database: Database) => Promise<T>;

/**
 * A new in-memory PGlite database in the state `fill` leaves an empty one in, and fill's
 * result. `name` must change whenever `fill` does something different.
 */
export async function pgliteFromTemplate<T>(name: string, fill: Fill<T>): Promise<{ database: Database; value: T }> {
  const key = `${name}-${sourceHash()}`;
  const tarball = path.join(CACHE_DIR, `${key}.tar`);
  const valueFile = path.join(CACHE_DIR, `${key}.json`);
  if (fs.existsSync(tarball) && fs.existsSync(valueFile)) {
    const database = await openDatabase({ memory: true, loadDataDir: new Blob([fs.readFileSync(tarball)]) });
    return { database, value: JSON.parse(fs.readFileSync(valueFile, 'utf8')) as T };
  }
  const database = await openDatabase({ memory: true });
  const value = await fill(database);
  const raw = database.raw;
  if (!raw || !('pglite' in raw)) throw new Error('pgliteFromTemplate needs a PGlite database');
  const dump = await raw.pglite.dumpDataDir('none');
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  removeOldFiles();
  // Written under temporary names and renamed, so a concurrent reader sees all or nothing.
  const tmp = `.${randomBytes(6).toString('hex')}`;
  fs.writeFileSync(valueFile + tmp, JSON.stringify(value ?? null));
  fs.writeFileSync(tarball + tmp, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(valueFile + tmp, valueFile);
  fs.renameSync(tarball + tmp, tarball);
  return { database, value };
}

function removeOldFiles(): void {
  for (const file of fs.readdirSync(CACHE_DIR)) {
    const full = path.join(CACHE_DIR, file);
    try {
      if (Date.now() - fs.statSync(full).mtimeMs > MAX_AGE_MS) fs.rmSync(full, { force: true });
    } catch {
      // Removed by a concurrent run.
    }
  }
}

interface TemplateComment<T> {
  createdAt: string;
  value: T;
}

/**
 * Creates database `target` on the server of `adminUrl` as a copy of the template `name`, built
 * by `fill` on first use (under an advisory lock, so concurrent test files build it once).
 */
export async function postgresFromTemplate<T>(adminUrl: string, target: string, name: string, fill: Fill<T>): Promise<T> {
  const template = `kembang_tpl_${name}_${sourceHash()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(hashtext($1))', ['kembang_test_templates']);
    try {
      let comment = await readComment<T>(admin, template);
      if (!comment) {
        await removeOldTemplates(admin);
        comment = { createdAt: new Date().toISOString(), value: await buildTemplate(admin, adminUrl, template, fill) };
      }
      await admin.query(`create database ${target} template ${template}`);
      return comment.value;
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1))', ['kembang_test_templates']);
    }
  } finally {
    await admin.end();
  }
}

async function readComment<T>(admin: pg.Client, database: string): Promise<TemplateComment<T> | null> {
  const { rows } = await admin.query<{ comment: string | null }>(
    `select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`,
    [database],
  );
  return rows[0]?.comment ? (JSON.parse(rows[0].comment) as TemplateComment<T>) : null;
}

async function buildTemplate<T>(admin: pg.Client, adminUrl: string, template: string, fill: Fill<T>): Promise<T> {
  const building = `${template}_building`;
  await admin.query(`drop database if exists ${building} with (force)`);
  await admin.query(`create database ${building}`);
  const url = new URL(adminUrl);
  url.pathname = `/${building}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 5 });
  let value: T;
  try {
    value = await fill(database);
  } finally {
    await database.close();
  }
  const comment: TemplateComment<T> = { createdAt: new Date().toISOString(), value };
  await admin.query(`alter database ${building} rename to ${template}`);
  await admin.query(`comment on database ${template} is ${pg.escapeLiteral(JSON.stringify(comment))}`);
  return value;
}

async function removeOldTemplates(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'kembang\\_tpl\\_%'`);
  for (const { datname } of rows) {
    const comment = await readComment<unknown>(admin, datname).catch(() => null);
    const age = comment ? Date.now() - Date.parse(comment.createdAt) : Infinity;
    if (age > MAX_AGE_MS) await admin.query(`drop database if exists ${datname} with (force)`);
  }
}
