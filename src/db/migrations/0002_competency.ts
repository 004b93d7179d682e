// Competency: the versioned dictionary, position standards (tier defaults and per-position
// overrides), assessments (insert-only history) and talent ratings (9-box).
// Large tables (competency_assessment, talent_rating) carry agency_id, the tenant key.
import type { Kysely } from 'kysely';
import { runScript } from '../statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    create table competency_dictionary_version (
      id integer generated always as identity primary key,
      number integer not null unique check (number > 0),
      status text not null default 'draft' check (status in ('draft','published')),
      notes text,
      created_at timestamptz not null default now(),
      published_at timestamptz,
      check ((status = 'published') = (published_at is not null))
    );
    -- At most one draft at a time: a new draft is a copy of the latest published version.
    create unique index competency_dictionary_version_one_draft on competency_dictionary_version (status) where status = 'draft';

    create table competency (
      id integer generated always as identity primary key,
      version_id integer not null references competency_dictionary_version(id),
      kind text not null check (kind in ('managerial','socio_cultural','technical')),
      code text not null,
      name_id text not null,
      name_en text not null,
      -- the owning agency of an agency-specific technical competency; null for national ones
      agency_id integer references agency(id),
      unique (version_id, code),
      check ((kind = 'managerial' and code ~ '^M\\.[0-9]{2}$')
          or (kind = 'socio_cultural' and code ~ '^SK\\.[0-9]{2}$')
          or (kind = 'technical' and code ~ '^T\\.[A-Z0-9][A-Z0-9._-]{0,39}$')),
      check (agency_id is null or kind = 'technical')
    );
    create index competency_code on competency (code, version_id);

    create table competency_level (
      competency_id integer not null references competency(id),
      level smallint not null check (level between 1 and 5),
      descriptor_id text not null,
      descriptor_en text not null,
      primary key (competency_id, level)
    );

    -- A published version is immutable; the service answers 409 first, this is the backstop.
    create function competency_version_guard() returns trigger language plpgsql as $$
    begin
      if old.status = 'published' then
        raise exception 'dictionary version % is published and cannot change', old.number using errcode = 'P0001';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$;
    create trigger competency_dictionary_version_guard before update or delete on competency_dictionary_version
      for each row execute function competency_version_guard();

    create function competency_published_guard() returns trigger language plpgsql as $$
    declare
      vid integer;
    begin
      if tg_table_name = 'competency' then
        vid := case when tg_op = 'DELETE' then old.version_id else new.version_id end;
      else
        select c.version_id into vid from competency c
          where c.id = case when tg_op = 'DELETE' then old.competency_id else new.competency_id end;
      end if;
      if exists (select 1 from competency_dictionary_version v where v.id = vid and v.status = 'published') then
        raise exception 'competency dictionary version % is published and cannot change', vid using errcode = 'P0001';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$;
    create trigger competency_guard before insert or update or delete on competency
      for each row execute function competency_published_guard();
    create trigger competency_level_guard before insert or update or delete on competency_level
      for each row execute function competency_published_guard();

    -- Required levels per position tier: configuration, keyed by competency code so it
    -- carries over to new dictionary versions. Shipped values are an illustrative default,
    -- not the regulation's table.
    create table competency_tier_standard (
      tier text not null check (tier in ('jpt_utama','jpt_madya','jpt_pratama','administrator','pengawas',
        'ahli_utama','ahli_madya','ahli_muda','ahli_pertama','penyelia','mahir','terampil','pemula','pelaksana')),
      competency_code text not null,
      required_level smallint not null check (required_level between 1 and 5),
      updated_at timestamptz not null default now(),
      primary key (tier, competency_code)
    );

    create table competency_position_standard (
      position_id integer not null references position(id),
      agency_id integer not null references agency(id),
      competency_code text not null,
      required_level smallint not null check (required_level between 1 and 5),
      updated_at timestamptz not null default now(),
      primary key (position_id, competency_code)
    );
    create index competency_position_standard_agency on competency_position_standard (agency_id, position_id);

    create table competency_settings (
      id boolean primary key default true check (id),
      assessment_validity_months integer not null default 36 check (assessment_validity_months between 1 and 240),
      updated_at timestamptz not null default now()
    );
    insert into competency_settings (id) values (true);

    -- Assessments are history: rows are inserted, never edited. The only change allowed is
    -- voiding (once, with a reason); a correction is a new row.
    create table competency_assessment (
      id bigint generated always as identity primary key,
      agency_id integer not null references agency(id),
      civil_servant_id bigint not null references civil_servant(id),
      competency_id integer not null references competency(id),
      competency_code text not null,
      level smallint not null check (level between 1 and 5),
      method text not null check (method in ('assessment_centre','cat','360','portfolio','self')),
      assessed_on date not null,
      assessor text not null,
      evidence text,
      recorded_by text not null,
      recorded_at timestamptz not null default now(),
      voided_at timestamptz,
      voided_by text,
      void_reason text,
      check ((voided_at is null) = (void_reason is null) and (voided_at is null) = (voided_by is null))
    );
    -- "Latest valid level per person per competency": DISTINCT ON (civil_servant_id, competency_code)
    -- walks this index in order and stops at the first row per pair; level and voided_at are
    -- included so it is an index-only scan. The same index serves a person's history.
    create index competency_assessment_latest on competency_assessment
      (civil_servant_id, competency_code, assessed_on desc, id desc) include (level, voided_at);
    -- Tenant-local scans (agency imports and reports); the distribution key when sharded by agency.
    create index competency_assessment_agency on competency_assessment (agency_id, assessed_on);

    create function competency_assessment_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'competency assessments are history and are not deleted; void them' using errcode = 'P0001';
      end if;
      if old.voided_at is not null
         or (new.agency_id, new.civil_servant_id, new.competency_id, new.competency_code, new.level, new.method,
             new.assessed_on, new.assessor, new.evidence, new.recorded_by, new.recorded_at)
            is distinct from
            (old.agency_id, old.civil_servant_id, old.competency_id, old.competency_code, old.level, old.method,
             old.assessed_on, old.assessor, old.evidence, old.recorded_by, old.recorded_at) then
        raise exception 'competency assessment % is history: add a new row or void it', old.id using errcode = 'P0001';
      end if;
      return new;
    end $$;
    create trigger competency_assessment_guard before update or delete on competency_assessment
      for each row execute function competency_assessment_guard();

    create table talent_rating (
      id bigint generated always as identity primary key,
      agency_id integer not null references agency(id),
      civil_servant_id bigint not null references civil_servant(id),
      period text not null check (period ~ '^[0-9]{4}(-S[12])?$'),
      performance text not null check (performance in ('below','meets','above')),
      potential text not null check (potential in ('low','middle','high')),
      box smallint generated always as (case
        when performance = 'below' and potential = 'low' then 1
        when performance = 'meets' and potential = 'low' then 2
        when performance = 'below' and potential = 'middle' then 3
        when performance = 'above' and potential = 'low' then 4
        when performance = 'meets' and potential = 'middle' then 5
        when performance = 'below' and potential = 'high' then 6
        when performance = 'above' and potential = 'middle' then 7
        when performance = 'meets' and potential = 'high' then 8
        else 9 end) stored,
      notes text,
      rated_by text not null,
      rated_at timestamptz not null default now(),
      unique (civil_servant_id, period)
    );
    create index talent_rating_agency on talent_rating (agency_id, period);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    drop table talent_rating, competency_assessment, competency_settings, competency_position_standard, competency_tier_standard, competency_level, competency, competency_dictionary_version;
    drop function competency_assessment_guard, competency_published_guard, competency_version_guard;
  `);
}
