// Registry imports: one row per import run (with progress a client can poll), the rows of a
// run while it is checked (a staging area, so a file is never held in memory), and the errors
// found, kept for the downloadable error report.
import { sql, type Kysely } from 'kysely';
import { runScript } from '../statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    create table import_run (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      format text not null check (format in ('csv','xlsx')),
      file_name text,
      dry_run boolean not null,
      agency_id integer references agency(id),
      status text not null default 'running' check (status in ('running','validating','applying','validated','applied','refused','failed')),
      processed integer not null default 0,
      bytes_read bigint not null default 0,
      created integer not null default 0,
      updated integer not null default 0,
      unchanged integer not null default 0,
      error_count integer not null default 0,
      message text,
      actor_type text not null,
      actor_id text,
      actor_label text not null,
      started_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index import_run_agency on import_run (agency_id, started_at desc);

    create table import_row (
      run_id uuid not null references import_run(id) on delete cascade,
      row_number integer not null,
      key text not null,
      ref text,
      agency_code text,
      data jsonb not null,
      primary key (run_id, row_number)
    );
    create index import_row_key on import_row (run_id, key);

    create table import_error (
      run_id uuid not null references import_run(id) on delete cascade,
      seq integer not null,
      row_number integer,
      column_name text,
      message text not null,
      primary key (run_id, seq)
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table import_error, import_row, import_run`.execute(db);
}
