// The learning ecosystem: provider profiles and accreditation, programmes (joint ones with
// partners), offerings (angkatan) with quotas and sessions, and the catalogue search columns.
// Search uses only what both PGlite and PostgreSQL have: the 'indonesian', 'english' and
// 'simple' text search configurations and pg_trgm (word list for typo tolerance).
import { sql, type Kysely } from 'kysely';
import { runScript } from '../statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    create extension if not exists pg_trgm;

    alter table provider
      add column description_id text,
      add column description_en text,
      add column website text,
      add column email text,
      add column phone text,
      add column address text,
      add column contacts jsonb not null default '[]',
      add column provinces_served text[] not null default '{}',
      -- the current institution accreditation, refreshed from provider_accreditation
      add column accr_grade text,
      add column accr_valid_from date,
      add column accr_valid_to date,
      add column updated_at timestamptz not null default now();

    create table provider_accreditation (
      id integer generated always as identity primary key,
      provider_id integer not null references provider(id),
      grade text not null check (grade in ('A','B','C')),
      category text,
      valid_from date not null,
      valid_to date not null,
      decision_number text not null,
      documents jsonb not null default '[]',
      notes text,
      recorded_by text not null,
      created_at timestamptz not null default now(),
      check (valid_to > valid_from)
    );
    create index provider_accreditation_provider on provider_accreditation (provider_id, valid_from desc, id desc);

    create table programme (
      id integer generated always as identity primary key,
      -- the lead partner; the provider that manages the programme
      provider_id integer not null references provider(id),
      code text not null unique,
      title_id text not null,
      title_en text,
      description_id text,
      description_en text,
      category text not null check (category in ('pkn1','pkn2','pka','pkp','latsar','technical','functional','managerial','socio_cultural')),
      learning_form text not null check (learning_form in ('course','workshop','seminar','technical_guidance','e_learning','coaching','mentoring','internship','secondment','exchange','community_of_practice','self_study')),
      jp integer not null check (jp > 0 and jp <= 2000),
      position_tiers text[] not null default '{}',
      rank_min text,
      rank_max text,
      languages text[] not null default '{id}',
      activity_iri text unique,
      status text not null default 'draft' check (status in ('draft','submitted','published','archived')),
      review_status text not null default 'not_required' check (review_status in ('not_required','pending','approved','returned')),
      review_note text,
      -- programme quality (0–5) from evaluations; filled by the evaluation module
      quality numeric(3,2) check (quality between 0 and 5),
      -- derived columns, refreshed by the catalog service in the transaction of the write
      competency_codes text[] not null default '{}',
      partner_provider_ids integer[] not null default '{}',
      provider_kinds text[] not null default '{}',
      accr_grade text,
      accr_valid_from date,
      accr_valid_to date,
      offering_modes text[] not null default '{}',
      offering_provinces text[] not null default '{}',
      next_start date,
      seats_available integer not null default 0,
      search_extra text not null default '',
      search_vector tsvector generated always as (
        setweight(to_tsvector('simple', code), 'A')
        || setweight(to_tsvector('indonesian', title_id), 'A')
        || setweight(to_tsvector('english', coalesce(title_en, '')), 'A')
        || setweight(to_tsvector('indonesian', search_extra), 'B')
        || setweight(to_tsvector('english', search_extra), 'B')
        || setweight(to_tsvector('indonesian', coalesce(description_id, '')), 'C')
        || setweight(to_tsvector('english', coalesce(description_en, '')), 'C')
      ) stored,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      published_at timestamptz
    );
    create index programme_search on programme using gin (search_vector);
    create index programme_status on programme (status, id);
    -- covers the faceted search's scan of published programmes (index-only, narrow rows)
    create index programme_facets on programme (status, id) include (category, learning_form, jp, provider_kinds, competency_codes,
      offering_modes, offering_provinces, seats_available, next_start, quality, accr_valid_to, partner_provider_ids);
    create index programme_provider on programme (provider_id);
    create index programme_partners on programme using gin (partner_provider_ids);
    create index programme_competencies on programme using gin (competency_codes);

    create table programme_competency (
      programme_id integer not null references programme(id) on delete cascade,
      competency_code text not null,
      level_from smallint not null,
      level_to smallint not null,
      primary key (programme_id, competency_code),
      check (level_from between 1 and 5 and level_to between 1 and 5 and level_from <= level_to)
    );
    create index programme_competency_code on programme_competency (competency_code, level_from, level_to);

    create table programme_prerequisite (
      programme_id integer not null references programme(id) on delete cascade,
      prerequisite_id integer not null references programme(id),
      primary key (programme_id, prerequisite_id),
      check (programme_id <> prerequisite_id)
    );

    create table programme_partner (
      programme_id integer not null references programme(id) on delete cascade,
      provider_id integer not null references provider(id),
      roles text[] not null check (cardinality(roles) > 0 and roles <@ array['lead','co_organiser','content','faculty','host']::text[]),
      contribution text,
      modules text[] not null default '{}',
      primary key (programme_id, provider_id)
    );
    create unique index programme_partner_one_lead on programme_partner (programme_id) where 'lead' = any(roles);
    create index programme_partner_provider on programme_partner (provider_id);

    create table programme_accreditation (
      id integer generated always as identity primary key,
      programme_id integer not null references programme(id),
      scheme text not null check (scheme in ('current','legacy')),
      grade text not null,
      valid_from date not null,
      valid_to date not null,
      decision_number text not null,
      documents jsonb not null default '[]',
      notes text,
      recorded_by text not null,
      created_at timestamptz not null default now(),
      check ((scheme = 'current' and grade in ('A','B')) or (scheme = 'legacy' and grade in ('A','B','C'))),
      check (valid_to > valid_from)
    );
    create index programme_accreditation_programme on programme_accreditation (programme_id, valid_from desc, id desc);

    create table offering (
      id integer generated always as identity primary key,
      programme_id integer not null references programme(id),
      code text not null,
      name text,
      start_date date not null,
      end_date date not null,
      registration_opens date not null,
      registration_closes date not null,
      capacity integer not null check (capacity > 0),
      -- seats taken; kept by the enrolment module
      enrolled_count integer not null default 0 check (enrolled_count >= 0),
      mode text not null check (mode in ('offline','online','blended')),
      province_code text,
      regency_code text,
      venue text,
      online_url text,
      fee numeric(14,2) not null default 0 check (fee >= 0),
      status text not null default 'planned' check (status in ('planned','open','closed','running','completed','cancelled')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (programme_id, code),
      check (end_date >= start_date),
      check (registration_opens <= registration_closes and registration_closes <= start_date),
      check (mode = 'online' or province_code is not null),
      check (mode = 'offline' or online_url is not null)
    );
    create index offering_programme on offering (programme_id, start_date);
    create index offering_start on offering (start_date);

    create table offering_quota (
      offering_id integer not null references offering(id) on delete cascade,
      agency_id integer not null references agency(id),
      seats integer not null check (seats > 0),
      primary key (offering_id, agency_id)
    );

    create table offering_session (
      id integer generated always as identity primary key,
      offering_id integer not null references offering(id) on delete cascade,
      -- the partner delivering this session or module
      provider_id integer not null references provider(id),
      title text not null,
      module text,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      jp integer check (jp > 0),
      location text,
      created_at timestamptz not null default now(),
      check (ends_at > starts_at)
    );
    create index offering_session_offering on offering_session (offering_id, starts_at);
    create index offering_session_provider on offering_session (provider_id);

    -- Words of the catalogue, for typo-tolerant search: a query word that is not here is
    -- replaced by its nearest words by trigram similarity.
    create table catalog_lexicon (
      word text primary key
    );
    create index catalog_lexicon_trgm on catalog_lexicon using gist (word gist_trgm_ops);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table catalog_lexicon, offering_session, offering_quota, offering, programme_accreditation, programme_partner, programme_prerequisite, programme_competency, programme, provider_accreditation`.execute(db);
  await runScript(db, `alter table provider drop column description_id, drop column description_en, drop column website, drop column email, drop column phone, drop column address, drop column contacts, drop column provinces_served, drop column accr_grade, drop column accr_valid_from, drop column accr_valid_to, drop column updated_at`);
}
