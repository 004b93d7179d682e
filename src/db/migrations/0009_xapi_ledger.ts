// The LRS → JP ledger link: what became of each completion statement of a known civil servant on
// a programme's activity (credited, held for review and why, duplicate, reversed by voiding).
// The learning record itself lives in learning_record (source 'xapi', source_ref = statement id).
import { sql, type Kysely } from 'kysely';
import { runScript } from '../statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    create table xapi_ledger_entry (
      provider_id integer not null references provider(id),
      statement_id uuid not null,
      civil_servant_id bigint not null references civil_servant(id),
      programme_id integer not null references programme(id),
      learning_record_id integer,
      outcome text not null check (outcome in ('credited','held','duplicate','reversed')),
      reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (provider_id, statement_id)
    );
    create index xapi_ledger_entry_outcome on xapi_ledger_entry (provider_id, outcome, created_at desc);
    create index xapi_ledger_entry_person on xapi_ledger_entry (civil_servant_id, programme_id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table xapi_ledger_entry`.execute(db);
}
