// The xAPI Learning Record Store. Every table carries provider_id: a provider's store is the
// tenant key of the LRS (the tables can be distributed by it later). Statements are immutable
// (only the `voided` flag changes when a voiding statement arrives); the side tables index
// the agents and activities a statement mentions, so queries by agent, verb + activity and
// registration stay index scans at tens of millions of rows, paged by `seq` (keyset).
import { sql, type Kysely } from 'kysely';
import { runScript } from '../statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    create table xapi_credential (
      id uuid primary key default gen_random_uuid(),
      provider_id integer not null references provider(id),
      name text not null,
      key text not null unique,
      secret_hash text not null,
      may_read boolean not null default true,
      may_write boolean not null default true,
      -- the xAPI version this credential last spoke (answers requests that name none)
      last_version text,
      created_by uuid references user_account(id) on delete set null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index xapi_credential_provider on xapi_credential (provider_id, created_at desc);

    create table xapi_statement (
      provider_id integer not null references provider(id),
      seq bigint generated always as identity,
      id uuid not null,
      stored timestamptz not null,
      verb_id text not null,
      activity_id text,
      registration uuid,
      voiding_target uuid,
      object_statement uuid,
      voided boolean not null default false,
      credential_id uuid,
      statement jsonb not null,
      primary key (provider_id, id)
    );
    create unique index xapi_statement_seq on xapi_statement (provider_id, seq);
    create index xapi_statement_verb_activity on xapi_statement (provider_id, verb_id, activity_id, seq);
    create index xapi_statement_activity_seq on xapi_statement (provider_id, activity_id, seq);
    create index xapi_statement_registration on xapi_statement (provider_id, registration, seq) where registration is not null;
    create index xapi_statement_stored on xapi_statement (provider_id, stored);
    create index xapi_statement_voiding on xapi_statement (provider_id, voiding_target) where voiding_target is not null;
    create index xapi_statement_ref on xapi_statement (provider_id, seq) where object_statement is not null;

    -- Agents a statement mentions: direct = actor or object; otherwise a related agent
    -- (authority, instructor, team, context agents/groups, sub-statement agents).
    create table xapi_statement_agent (
      provider_id integer not null,
      seq bigint not null,
      agent_ifi text not null,
      direct boolean not null,
      primary key (provider_id, agent_ifi, seq, direct)
    );

    -- Activities a statement mentions: direct = the object; otherwise context or sub-statement.
    create table xapi_statement_activity (
      provider_id integer not null,
      seq bigint not null,
      activity_id text not null,
      direct boolean not null,
      primary key (provider_id, activity_id, seq, direct)
    );

    create table xapi_attachment (
      provider_id integer not null references provider(id),
      sha2 text not null,
      content_type text not null,
      content bytea not null,
      created_at timestamptz not null default now(),
      primary key (provider_id, sha2)
    );

    -- Activities seen in statements, with their latest definition. mapped_at stays null until
    -- the activity is linked to a programme or offering (the JP-ledger mapping).
    create table xapi_activity (
      provider_id integer not null references provider(id),
      id text not null,
      definition jsonb,
      first_seen timestamptz not null default now(),
      last_seen timestamptz not null default now(),
      mapped_at timestamptz,
      primary key (provider_id, id)
    );
    create index xapi_activity_unmapped on xapi_activity (provider_id, first_seen) where mapped_at is null;

    -- Actors seen in statements. civil_servant_id stays null until the actor is mapped.
    create table xapi_actor (
      provider_id integer not null references provider(id),
      ifi text not null,
      agent jsonb not null,
      first_seen timestamptz not null default now(),
      last_seen timestamptz not null default now(),
      civil_servant_id bigint references civil_servant(id),
      primary key (provider_id, ifi)
    );
    create index xapi_actor_unmapped on xapi_actor (provider_id, first_seen) where civil_servant_id is null;

    -- State, activity profile and agent profile documents. Empty strings stand for "none"
    -- in the key columns so the primary key covers every combination.
    create table xapi_document (
      provider_id integer not null references provider(id),
      kind text not null check (kind in ('state','activity_profile','agent_profile')),
      activity_id text not null default '',
      agent_ifi text not null default '',
      registration text not null default '',
      doc_id text not null,
      content_type text not null,
      content bytea not null,
      etag text not null,
      updated timestamptz not null,
      primary key (provider_id, kind, activity_id, agent_ifi, registration, doc_id)
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table xapi_document, xapi_actor, xapi_activity, xapi_attachment, xapi_statement_activity, xapi_statement_agent, xapi_statement, xapi_credential`.execute(db);
}
