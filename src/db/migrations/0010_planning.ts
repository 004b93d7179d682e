// Planning: individual development plans (per person per year) and their items, agency plans
// (per agency per year) and their lines, and the change marks that keep every instance's
// recommendation supply index in step with the catalogue.
//
// Supply marks: the catalogue's programmes, their competency ranges, prerequisites, offerings
// and quotas carry triggers that record, per programme, the id of the last transaction that
// changed anything recommendations read (planning_supply_mark.txid, an xid8). An instance that
// read the marks in a snapshot with xmin X later asks only for marks with txid >= X: every
// transaction below X had committed before that snapshot, so nothing is missed, whatever the
// commit order (see src/modules/planning/supply-index.ts). Seat counts (offering.enrolled_count)
// change on every enrolment and are read live instead, so they carry no mark.
import type { Kysely } from 'kysely';
import { runScript } from '../statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    create table planning_supply_mark (
      -- no foreign key: a deleted programme keeps its mark, so instances drop it too
      programme_id integer primary key,
      txid xid8 not null
    );
    create index planning_supply_mark_txid on planning_supply_mark (txid);

    create function planning_mark(p_ids integer[]) returns void language plpgsql as $$
    begin
      insert into planning_supply_mark (programme_id, txid)
      select distinct id, pg_current_xact_id() from unnest(p_ids) as t(id) where id is not null order by 1
      on conflict (programme_id) do update set txid = excluded.txid
        where planning_supply_mark.txid is distinct from excluded.txid;
    end $$;

    -- statement-level (bulk loads touch thousands of rows): the programme ids of the changed rows
    create function planning_mark_programme_rows() returns trigger language plpgsql as $$
    begin
      perform planning_mark(array(select id from changed_rows));
      return null;
    end $$;
    create function planning_mark_child_rows() returns trigger language plpgsql as $$
    begin
      perform planning_mark(array(select programme_id from changed_rows));
      return null;
    end $$;
    create function planning_mark_quota_rows() returns trigger language plpgsql as $$
    begin
      perform planning_mark(array(select o.programme_id from changed_rows q join offering o on o.id = q.offering_id));
      return null;
    end $$;
    -- row-level, for updates: only when a column recommendations read changed
    create function planning_mark_programme_row() returns trigger language plpgsql as $$
    begin
      perform planning_mark(array[new.id, old.id]);
      return null;
    end $$;
    create function planning_mark_child_row() returns trigger language plpgsql as $$
    begin
      perform planning_mark(array[new.programme_id, old.programme_id]);
      return null;
    end $$;
    create function planning_mark_quota_row() returns trigger language plpgsql as $$
    begin
      perform planning_mark(array(select programme_id from offering where id in (new.offering_id, old.offering_id)));
      return null;
    end $$;

    create trigger planning_mark_programme_insert after insert on programme
      referencing new table as changed_rows for each statement execute function planning_mark_programme_rows();
    create trigger planning_mark_programme_delete after delete on programme
      referencing old table as changed_rows for each statement execute function planning_mark_programme_rows();
    create trigger planning_mark_programme_update after update on programme for each row
      when ((old.status, old.code, old.title_id, old.title_en, old.category, old.learning_form, old.jp, old.quality, old.position_tiers,
             old.rank_min, old.rank_max, old.provider_id, old.accr_valid_to)
        is distinct from (new.status, new.code, new.title_id, new.title_en, new.category, new.learning_form, new.jp, new.quality, new.position_tiers,
             new.rank_min, new.rank_max, new.provider_id, new.accr_valid_to))
      execute function planning_mark_programme_row();

    create trigger planning_mark_competency_insert after insert on programme_competency
      referencing new table as changed_rows for each statement execute function planning_mark_child_rows();
    create trigger planning_mark_competency_delete after delete on programme_competency
      referencing old table as changed_rows for each statement execute function planning_mark_child_rows();
    create trigger planning_mark_competency_update after update on programme_competency for each row
      execute function planning_mark_child_row();

    create trigger planning_mark_prerequisite_insert after insert on programme_prerequisite
      referencing new table as changed_rows for each statement execute function planning_mark_child_rows();
    create trigger planning_mark_prerequisite_delete after delete on programme_prerequisite
      referencing old table as changed_rows for each statement execute function planning_mark_child_rows();

    create trigger planning_mark_offering_insert after insert on offering
      referencing new table as changed_rows for each statement execute function planning_mark_child_rows();
    create trigger planning_mark_offering_delete after delete on offering
      referencing old table as changed_rows for each statement execute function planning_mark_child_rows();
    create trigger planning_mark_offering_update after update on offering for each row
      when ((old.programme_id, old.code, old.name, old.start_date, old.end_date, old.registration_opens, old.registration_closes, old.capacity,
             old.mode, old.province_code, old.regency_code, old.fee, old.status)
        is distinct from (new.programme_id, new.code, new.name, new.start_date, new.end_date, new.registration_opens, new.registration_closes, new.capacity,
             new.mode, new.province_code, new.regency_code, new.fee, new.status))
      execute function planning_mark_child_row();

    create trigger planning_mark_quota_insert after insert on offering_quota
      referencing new table as changed_rows for each statement execute function planning_mark_quota_rows();
    create trigger planning_mark_quota_delete after delete on offering_quota
      referencing old table as changed_rows for each statement execute function planning_mark_quota_rows();
    create trigger planning_mark_quota_update after update on offering_quota for each row
      execute function planning_mark_quota_row();

    -- the catalogue already here counts as changed
    insert into planning_supply_mark (programme_id, txid) select id, pg_current_xact_id() from programme;

    -- ---------- individual development plans ----------
    create table development_plan (
      id integer generated always as identity primary key,
      civil_servant_id bigint not null references civil_servant(id),
      agency_id integer not null references agency(id),
      year smallint not null check (year between 2000 and 2100),
      status text not null default 'draft' check (status in ('draft','submitted','approved','returned')),
      -- who decides: the direct supervisor at submission (null: the agency admin)
      decider_id bigint references civil_servant(id),
      submitted_at timestamptz,
      decided_at timestamptz,
      decided_by text,
      decision_comment text,
      submissions integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (civil_servant_id, year)
    );
    create index development_plan_inbox on development_plan (decider_id, submitted_at) where status = 'submitted';
    create index development_plan_agency on development_plan (agency_id, year, status);

    create table development_plan_item (
      id integer generated always as identity primary key,
      plan_id integer not null references development_plan(id) on delete cascade,
      agency_id integer not null references agency(id),
      programme_id integer not null references programme(id),
      offering_id integer references offering(id),
      planned_jp numeric(7,2) not null check (planned_jp > 0),
      target_competencies text[] not null default '{}',
      note text,
      origin text not null check (origin in ('recommendation','learner')),
      -- planned → requested (an enrolment request was made) | refused (the request was refused; state_detail says why)
      state text not null default 'planned' check (state in ('planned','requested','refused')),
      enrolment_id integer references enrolment(id),
      state_detail text,
      -- a worker that is converting the item holds it until then (several instances run the worker)
      claimed_until timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (plan_id, programme_id)
    );
    create index development_plan_item_due on development_plan_item (offering_id) where state = 'planned' and offering_id is not null;

    -- ---------- agency plans ----------
    create table agency_plan (
      id integer generated always as identity primary key,
      agency_id integer not null references agency(id),
      year smallint not null check (year between 2000 and 2100),
      status text not null default 'draft' check (status in ('draft','submitted','returned')),
      budget numeric(16,2) not null check (budget >= 0),
      notes text,
      -- the needs as they were when the plan was submitted (what the national institute reads)
      needs_snapshot jsonb,
      submitted_at timestamptz,
      submitted_by text,
      returned_at timestamptz,
      returned_by text,
      return_comment text,
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (agency_id, year)
    );
    create index agency_plan_status on agency_plan (status, year);

    create table agency_plan_line (
      id integer generated always as identity primary key,
      plan_id integer not null references agency_plan(id) on delete cascade,
      agency_id integer not null references agency(id),
      programme_id integer not null references programme(id),
      offering_id integer references offering(id),
      seats integer not null check (seats > 0 and seats <= 1000000),
      unit_fee numeric(14,2) not null check (unit_fee >= 0),
      target_competencies text[] not null default '{}',
      position_tier text,
      unit_id integer references unit(id),
      note text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index agency_plan_line_plan on agency_plan_line (plan_id, id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    drop table agency_plan_line, agency_plan, development_plan_item, development_plan;
    drop trigger planning_mark_programme_insert on programme;
    drop trigger planning_mark_programme_delete on programme;
    drop trigger planning_mark_programme_update on programme;
    drop trigger planning_mark_competency_insert on programme_competency;
    drop trigger planning_mark_competency_delete on programme_competency;
    drop trigger planning_mark_competency_update on programme_competency;
    drop trigger planning_mark_prerequisite_insert on programme_prerequisite;
    drop trigger planning_mark_prerequisite_delete on programme_prerequisite;
    drop trigger planning_mark_offering_insert on offering;
    drop trigger planning_mark_offering_delete on offering;
    drop trigger planning_mark_offering_update on offering;
    drop trigger planning_mark_quota_insert on offering_quota;
    drop trigger planning_mark_quota_delete on offering_quota;
    drop trigger planning_mark_quota_update on offering_quota;
    drop function planning_mark_programme_rows, planning_mark_child_rows, planning_mark_quota_rows, planning_mark_programme_row, planning_mark_child_row, planning_mark_quota_row, planning_mark;
    drop table planning_supply_mark;
  `);
}
