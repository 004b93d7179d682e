// Verifiable certificates (signing keys, bitstring status lists, certificates) and training
// evaluation (Kirkpatrick levels 1–4, change projects). Certificates reference the learning
// record of 0006_learning only by id (learning_record_id, no foreign key), so this migration
// stands on its own whichever of the two lands first.
import { sql, type Kysely } from 'kysely';
import { runScript } from '../statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    -- Ed25519 signing keys. The private key is encrypted at rest (AES-256-GCM under a key
    -- derived from KEMBANG_KEY_ENCRYPTION_KEY); kek_check tells which encryption key it was.
    -- active: signs new credentials (exactly one); verifying: published in the JWKS, signs
    -- nothing; retired: withdrawn (what it signed verifies as unknown).
    create table credential_key (
      kid text primary key,
      alg text not null default 'EdDSA' check (alg = 'EdDSA'),
      public_jwk jsonb not null,
      private_key_enc text not null,
      kek_check text not null,
      status text not null check (status in ('active','verifying','retired')),
      created_at timestamptz not null default now(),
      rotated_at timestamptz,
      retired_at timestamptz
    );
    create unique index credential_key_one_active on credential_key ((true)) where status = 'active';

    -- W3C Bitstring Status Lists (revocation). Indexes are handed out as a permutation of
    -- 0..size-1 (counter × an odd stride mod size), so neighbours in time are not neighbours
    -- in the list (herd privacy); a full list is closed and a new one opened.
    create table credential_status_list (
      id integer generated always as identity primary key,
      purpose text not null default 'revocation' check (purpose = 'revocation'),
      size integer not null check (size >= 131072 and size % 8 = 0),
      stride integer not null check (stride % 2 = 1),
      next_counter integer not null default 0,
      open boolean not null default true,
      created_at timestamptz not null default now(),
      check (next_counter between 0 and size)
    );
    create unique index credential_status_list_one_open on credential_status_list ((true)) where open;

    create table certificate (
      id uuid primary key,
      number text not null unique,
      civil_servant_id bigint not null references civil_servant(id),
      -- the holder's agency when issued (the tenant key)
      agency_id integer not null references agency(id),
      programme_id integer not null references programme(id),
      offering_id integer references offering(id),
      -- learning_record (0006_learning); no foreign key so the migrations stay independent
      learning_record_id bigint,
      -- the issuing (lead) provider
      provider_id integer not null references provider(id),
      holder_name text not null,
      programme_code text not null,
      title_id text not null,
      title_en text,
      provider_name text not null,
      jp numeric(7,2) not null check (jp > 0),
      completed_on date not null,
      valid_until timestamptz,
      issued_at timestamptz not null default now(),
      kid text not null references credential_key(kid),
      jwt text not null,
      status_list_id integer not null references credential_status_list(id),
      status_index integer not null,
      revoked_at timestamptz,
      revoked_by text,
      revocation_reason text,
      unique (status_list_id, status_index),
      check ((revoked_at is null) = (revocation_reason is null))
    );
    create index certificate_holder on certificate (civil_servant_id, issued_at desc);
    create index certificate_agency on certificate (agency_id, issued_at desc);
    create index certificate_provider on certificate (provider_id, issued_at desc);
    create index certificate_programme on certificate (programme_id, offering_id);
    create unique index certificate_one_per_offering on certificate (civil_servant_id, offering_id) where offering_id is not null and revoked_at is null;
    create unique index certificate_one_per_record on certificate (learning_record_id) where learning_record_id is not null and revoked_at is null;
    create sequence certificate_number_seq;

    -- Evaluation settings per programme (absent: the default question set, follow-up after 3 months).
    create table evaluation_settings (
      programme_id integer primary key references programme(id),
      questions jsonb,
      follow_up_months integer not null default 3 check (follow_up_months between 1 and 24),
      updated_at timestamptz not null default now(),
      updated_by text not null
    );

    -- Level 1: the participant's reaction, once per completion (certificate) and per offering.
    create table evaluation_reaction (
      id bigint generated always as identity primary key,
      certificate_id uuid not null unique references certificate(id),
      civil_servant_id bigint not null references civil_servant(id),
      agency_id integer not null references agency(id),
      programme_id integer not null references programme(id),
      offering_id integer references offering(id),
      provider_id integer not null references provider(id),
      answers jsonb not null,
      score numeric(3,2) not null check (score between 1 and 5),
      comments text,
      submitted_at timestamptz not null default now()
    );
    create unique index evaluation_reaction_one_per_offering on evaluation_reaction (civil_servant_id, offering_id) where offering_id is not null;
    create index evaluation_reaction_programme on evaluation_reaction (programme_id);

    -- Level 2: pre/post test scores (0–100) per participant of an offering.
    create table evaluation_test_score (
      offering_id integer not null references offering(id),
      civil_servant_id bigint not null references civil_servant(id),
      programme_id integer not null references programme(id),
      pre_score numeric(5,2) check (pre_score between 0 and 100),
      post_score numeric(5,2) check (post_score between 0 and 100),
      recorded_by text not null,
      recorded_at timestamptz not null default now(),
      primary key (offering_id, civil_servant_id)
    );
    create index evaluation_test_score_programme on evaluation_test_score (programme_id);

    -- Level 3: the supervisor's follow-up, due some months after completion.
    create table evaluation_follow_up (
      id bigint generated always as identity primary key,
      certificate_id uuid not null unique references certificate(id),
      civil_servant_id bigint not null references civil_servant(id),
      agency_id integer not null references agency(id),
      programme_id integer not null references programme(id),
      provider_id integer not null references provider(id),
      due_on date not null,
      status text not null default 'pending' check (status in ('pending','completed','cancelled')),
      reminder_count integer not null default 0,
      last_reminded_at timestamptz,
      answers jsonb,
      score numeric(3,2) check (score between 1 and 5),
      comments text,
      submitted_by text,
      submitted_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index evaluation_follow_up_due on evaluation_follow_up (due_on) where status = 'pending';
    create index evaluation_follow_up_person on evaluation_follow_up (civil_servant_id);
    create index evaluation_follow_up_programme on evaluation_follow_up (programme_id) where status = 'completed';

    -- Change projects (aksi perubahan) of leadership programmes, with their level-4 outcome.
    -- Public only when the participant and the agency both agree.
    create table change_project (
      id integer generated always as identity primary key,
      certificate_id uuid not null unique references certificate(id),
      civil_servant_id bigint not null references civil_servant(id),
      agency_id integer not null references agency(id),
      programme_id integer not null references programme(id),
      provider_id integer not null references provider(id),
      title text not null,
      problem text not null,
      change text not null,
      results text not null,
      contacts jsonb not null default '[]',
      participant_public boolean not null default false,
      agency_public boolean not null default false,
      outcome_status text check (outcome_status in ('planned','in_progress','implemented','sustained','discontinued')),
      outcome_score smallint check (outcome_score between 1 and 5),
      outcome_note text,
      outcome_by text,
      outcome_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      search_vector tsvector generated always as (
        setweight(to_tsvector('indonesian', title), 'A')
        || setweight(to_tsvector('simple', title), 'A')
        || setweight(to_tsvector('indonesian', problem || ' ' || change), 'B')
        || setweight(to_tsvector('indonesian', results), 'C')
      ) stored
    );
    create index change_project_search on change_project using gin (search_vector);
    create index change_project_public on change_project (agency_id, id) where participant_public and agency_public;
    create index change_project_programme on change_project (programme_id) where outcome_score is not null;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table change_project, evaluation_follow_up, evaluation_test_score, evaluation_reaction, evaluation_settings, certificate, credential_status_list, credential_key`.execute(db);
  await sql`drop sequence certificate_number_seq`.execute(db);
}
