// The SQL of import runs: the run row (progress), the staged rows, the errors.
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB, ImportErrorTable, ImportRowTable, ImportRunTable } from '../../../db/schema.ts';

const RUN = ['id', 'kind', 'format', 'file_name', 'dry_run', 'agency_id', 'status', 'processed', 'bytes_read', 'created', 'updated', 'unchanged', 'error_count', 'message', 'actor_id', 'actor_label', 'started_at', 'finished_at'] as const;

export const insertRun = (db: Kysely<DB>, row: Insertable<ImportRunTable>) => db.insertInto('import_run').values(row).returning(RUN).executeTakeFirstOrThrow();
export const updateRun = (db: Kysely<DB>, id: string, set: Updateable<ImportRunTable>) => db.updateTable('import_run').set(set).where('id', '=', id).execute();
export const findRun = (db: Kysely<DB>, id: string) => db.selectFrom('import_run').select(RUN).where('id', '=', id).executeTakeFirst();

export function listRuns(db: Kysely<DB>, scope: { all: true } | { agencyIds: number[]; actorId: string }, limit: number) {
  let q = db.selectFrom('import_run').select(RUN).orderBy('started_at', 'desc').orderBy('id').limit(limit);
  if (!('all' in scope)) {
    q = q.where((eb) => eb.or([eb('actor_id', '=', scope.actorId), ...(scope.agencyIds.length ? [eb('agency_id', 'in', scope.agencyIds)] : [])]));
  }
  return q.execute();
}

export async function insertRows(db: Kysely<DB>, rows: Insertable<ImportRowTable>[]) {
  if (rows.length) await db.insertInto('import_row').values(rows).execute();
}

export async function insertErrors(db: Kysely<DB>, rows: Insertable<ImportErrorTable>[]) {
  if (rows.length) await db.insertInto('import_error').values(rows).execute();
}

/** Staged rows in keyset pages by row number. */
export const rowPage = (db: Kysely<DB>, runId: string, after: number, limit: number) =>
  db.selectFrom('import_row').select(['row_number', 'key', 'ref', 'agency_code', 'data']).where('run_id', '=', runId).where('row_number', '>', after).orderBy('row_number').limit(limit).execute();

/** Rows whose key appeared on an earlier row of the same file. */
export async function duplicateKeys(db: Kysely<DB>, runId: string) {
  const { rows } = await sql<{ row_number: number; key: string; first_row: number }>`
    select row_number, key, first_row from (
      select row_number, key, min(row_number) over (partition by key) as first_row from import_row where run_id = ${runId}
    ) d where row_number <> first_row order by row_number`.execute(db);
  return rows;
}

export const stagedKeys = (db: Kysely<DB>, runId: string, keys: string[]) =>
  keys.length ? db.selectFrom('import_row').select(['key', 'agency_code', 'row_number']).where('run_id', '=', runId).where('key', 'in', keys).execute() : Promise.resolve([]);

export const errorPage = (db: Kysely<DB>, runId: string, afterSeq: number, limit: number) =>
  db.selectFrom('import_error').select(['seq', 'row_number', 'column_name', 'message']).where('run_id', '=', runId).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();

export const dropStaged = (db: Kysely<DB>, runId: string) => db.deleteFrom('import_row').where('run_id', '=', runId).execute();

/**
 * Rows of the file whose link chain (file links first, registry links for records not in the
 * file) comes back to the row: a cycle. `next` gives the registry's link of a key not in the file.
 */
export async function cycles(db: Kysely<DB>, runId: string, registryNext: (cur: ReturnType<typeof sql.ref>) => ReturnType<typeof sql>) {
  const cur = sql.ref('w.cur');
  const { rows } = await sql<{ row_number: number; path: string[] }>`
    with recursive walk(start_row, start_key, cur, depth, path) as (
      select row_number, key, ref, 1, array[key, ref] from import_row where run_id = ${runId} and ref is not null
      union all
      select w.start_row, w.start_key, n.next, w.depth + 1, w.path || n.next
      from walk w
      left join import_row f on f.run_id = ${runId} and f.key = w.cur
      cross join lateral (select case when f.key is not null then f.ref else (${registryNext(cur)}) end as next) n
      where w.cur <> w.start_key and w.depth < 200 and n.next is not null
    )
    select distinct on (start_row) start_row as row_number, path from walk where cur = start_key order by start_row, depth`.execute(db);
  return rows;
}
