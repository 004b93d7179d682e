// Foundation schema: organisation skeleton, identity and access, audit log.
// Large tables carry agency_id (the tenant key) so they can be distributed by agency later.
import { sql, type Kysely } from 'kysely';
import { runScript } from '../statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    create table agency (
      id integer generated always as identity primary key,
      code text not null unique,
      name text not null,
      kind text not null check (kind in ('ministry','national_agency','province','regency','city')),
      province_code char(2),
      region_code text,
      parent_id integer references agency(id),
      created_at timestamptz not null default now()
    );
    create table unit (
      id integer generated always as identity primary key,
      agency_id integer not null references agency(id),
      parent_id integer references unit(id),
      code text not null,
      name text not null,
      unique (agency_id, code)
    );
    create table position (
      id integer generated always as identity primary key,
      agency_id integer not null references agency(id),
      code text not null,
      name text not null,
      kind text not null check (kind in ('managerial','functional','executor')),
      tier text not null,
      unique (agency_id, code)
    );
    create table civil_servant (
      id bigint generated always as identity primary key,
      agency_id integer not null references agency(id),
      nip char(18) not null unique,
      name text not null,
      gender smallint not null check (gender in (1,2)),
      birth_date date not null,
      tmt_cpns date not null,
      rank text not null,
      unit_id integer references unit(id),
      position_id integer references position(id),
      supervisor_id bigint references civil_servant(id),
      status text not null default 'active' check (status in ('active','leave','retired','dismissed')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index civil_servant_agency_name on civil_servant (agency_id, name, id);
    create index civil_servant_supervisor on civil_servant (supervisor_id);

    create table provider (
      id integer generated always as identity primary key,
      code text not null unique,
      name text not null,
      kind text not null check (kind in ('national_institute','government_institution','corporate_university','private_company','university','foreign_government_institute')),
      owning_agency_id integer references agency(id),
      created_at timestamptz not null default now()
    );

    create table user_account (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      nip char(18),
      display_name text not null,
      password_hash text,
      civil_servant_id bigint references civil_servant(id),
      oidc_subject text,
      locale text not null default 'id' check (locale in ('id','en')),
      disabled boolean not null default false,
      password_changed_at timestamptz,
      created_at timestamptz not null default now()
    );
    create unique index user_account_email on user_account (lower(email));
    create unique index user_account_nip on user_account (nip) where nip is not null;
    create unique index user_account_oidc on user_account (oidc_subject) where oidc_subject is not null;
    create unique index user_account_civil_servant on user_account (civil_servant_id) where civil_servant_id is not null;

    create table role_grant (
      id integer generated always as identity primary key,
      user_id uuid not null references user_account(id) on delete cascade,
      role text not null check (role in ('learner','supervisor','agency_admin','provider_admin','national_admin','auditor')),
      scope_type text not null check (scope_type in ('national','agency','provider')),
      scope_id integer,
      created_at timestamptz not null default now(),
      check ((scope_type = 'national') = (scope_id is null)),
      check (role not in ('learner','supervisor','agency_admin') or scope_type = 'agency'),
      check (role <> 'provider_admin' or scope_type = 'provider'),
      check (role <> 'national_admin' or scope_type = 'national')
    );
    create unique index role_grant_unique on role_grant (user_id, role, scope_type, coalesce(scope_id, 0));

    create table user_session (
      id text primary key,
      user_id uuid not null references user_account(id) on delete cascade,
      csrf_token text not null,
      via text not null check (via in ('password','oidc')),
      ip text,
      user_agent text,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null
    );
    create index user_session_user on user_session (user_id);
    create index user_session_expires on user_session (expires_at);

    create table api_token (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      prefix text not null,
      token_hash text not null unique,
      role text not null check (role in ('learner','supervisor','agency_admin','provider_admin','national_admin','auditor')),
      scope_type text not null check (scope_type in ('national','agency','provider')),
      scope_id integer,
      created_by uuid references user_account(id) on delete set null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      check ((scope_type = 'national') = (scope_id is null))
    );

    create table rate_counter (
      key text not null,
      window_start timestamptz not null,
      count integer not null,
      primary key (key, window_start)
    );

    create table oidc_flow (
      state text primary key,
      code_verifier text not null,
      nonce text not null,
      return_to text not null,
      created_at timestamptz not null default now()
    );

    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_type text not null check (actor_type in ('user','token','system')),
      actor_id text,
      actor_label text not null,
      action text not null,
      entity_type text not null,
      entity_id text not null,
      scope_type text not null,
      scope_id integer,
      before jsonb,
      after jsonb,
      request_id text
    );
    create index audit_log_scope on audit_log (scope_type, scope_id, id desc);
    create index audit_log_entity on audit_log (entity_type, entity_id, id desc);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table audit_log, oidc_flow, rate_counter, api_token, user_session, role_grant, user_account, provider, civil_servant, position, unit, agency`.execute(db);
}
