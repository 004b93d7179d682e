// Maintained current levels, so gap roll-ups do not re-derive them from the whole history.
//
// competency_current: one row per (person, competency code) that has a non-void assessment —
//   the latest one (greatest assessed_on, then greatest id), with its level, date and method.
//   Validity is monotone in the date, so the current level as defined in validity.ts is this row
//   when assessed_on > cutoff (today − validity months), and none otherwise: expiry is a
//   comparison at read time, never a stored state (a change of the validity setting needs no
//   rewrite).
// competency_current_count: per (position, competency, level, agency of the person) the number of
//   active people with that position whose current level is that level and still valid against
//   competency_current_state.cutoff. The national roll-up reads these few hundred thousand rows
//   instead of 63M assessments. When "today" (or the validity setting) moves the cutoff,
//   competency_current_roll(new cutoff) subtracts (or adds back) the rows whose date lies between
//   the old and the new cutoff — one day of assessments per day — and records the new cutoff.
//
// Kept in step inside the writing transaction by triggers, whoever writes: the competency service,
// imports, seeds (the synthetic loader disables them and calls competency_current_rebuild):
//   - after INSERT / UPDATE (voiding) on competency_assessment, one set-based pass per statement;
//   - after UPDATE of agency_id, position_id or status on civil_servant, moving the person's counts.
// Both take a share lock on the state row; the roll takes it exclusively, so a writer never counts
// against a cutoff that is being moved.
import type { Kysely } from 'kysely';
import { runScript } from '../statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    create table competency_current (
      civil_servant_id bigint not null,
      competency_code text not null,
      assessment_id bigint not null,
      level smallint not null,
      assessed_on date not null,
      method text not null,
      primary key (civil_servant_id, competency_code)
    );
    -- the roll of the cutoff reads one day of rows
    create index competency_current_assessed on competency_current (assessed_on);

    create table competency_current_count (
      position_id integer not null,
      competency_code text not null,
      level smallint not null,
      agency_id integer not null,
      people bigint not null,
      primary key (position_id, competency_code, level, agency_id)
    );

    create table competency_current_state (
      id boolean primary key default true check (id),
      cutoff date not null
    );

    -- Re-derives the current level of some (person, code) pairs and applies the differences.
    create function competency_current_sync(p_ids bigint[], p_codes text[]) returns void language plpgsql as $$
    declare
      v_cutoff date;
    begin
      select s.cutoff into v_cutoff from competency_current_state s for share;
      if v_cutoff is null then
        raise exception 'competency_current_state is empty: run competency_current_rebuild' using errcode = 'P0001';
      end if;
      with pairs as (
        select distinct u.id as cs_id, u.code from unnest(p_ids, p_codes) as u(id, code)
      ),
      fresh as (
        select p.cs_id, p.code, l.id, l.level, l.assessed_on, l.method
          from pairs p
          left join lateral (
            select a.id, a.level, a.assessed_on, a.method from competency_assessment a
             where a.civil_servant_id = p.cs_id and a.competency_code = p.code and a.voided_at is null
             order by a.assessed_on desc, a.id desc limit 1) l on true
      ),
      changed as (
        select f.cs_id, f.code, f.id, f.level, f.assessed_on, f.method,
               o.assessment_id as old_id, o.level as old_level, o.assessed_on as old_assessed_on
          from fresh f
          left join competency_current o on o.civil_servant_id = f.cs_id and o.competency_code = f.code
         where f.id is distinct from o.assessment_id
      ),
      moves as (
        select cs_id, code, level, assessed_on, 1 as d from changed where id is not null
        union all
        select cs_id, code, old_level, old_assessed_on, -1 from changed where old_id is not null
      ),
      delta as (
        select cs.position_id, m.code, m.level, cs.agency_id, sum(m.d)::bigint as d
          from moves m join civil_servant cs on cs.id = m.cs_id
         where m.assessed_on > v_cutoff and cs.status = 'active' and cs.position_id is not null
         group by 1, 2, 3, 4
        having sum(m.d) <> 0
      ),
      counted as (
        insert into competency_current_count as k (position_id, competency_code, level, agency_id, people)
        select position_id, code, level, agency_id, d from delta order by 1, 2, 3, 4
        on conflict (position_id, competency_code, level, agency_id) do update set people = k.people + excluded.people
      ),
      removed as (
        delete from competency_current c using changed ch
         where ch.id is null and c.civil_servant_id = ch.cs_id and c.competency_code = ch.code
      )
      insert into competency_current as c (civil_servant_id, competency_code, assessment_id, level, assessed_on, method)
      select cs_id, code, id, level, assessed_on, method from changed where id is not null
      on conflict (civil_servant_id, competency_code) do update
        set assessment_id = excluded.assessment_id, level = excluded.level, assessed_on = excluded.assessed_on, method = excluded.method;
    end $$;

    create function competency_assessment_current() returns trigger language plpgsql as $$
    declare
      v_ids bigint[];
      v_codes text[];
    begin
      select array_agg(r.civil_servant_id), array_agg(r.competency_code) into v_ids, v_codes from changed_rows r;
      if v_ids is not null then
        perform competency_current_sync(v_ids, v_codes);
      end if;
      return null;
    end $$;
    create trigger competency_assessment_current_insert after insert on competency_assessment
      referencing new table as changed_rows for each statement execute function competency_assessment_current();
    create trigger competency_assessment_current_update after update on competency_assessment
      referencing new table as changed_rows for each statement execute function competency_assessment_current();

    -- A person who changes position, agency or status takes their counted levels along.
    create function civil_servant_current_count() returns trigger language plpgsql as $$
    declare
      v_cutoff date;
    begin
      select s.cutoff into v_cutoff from competency_current_state s for share;
      with moves as (
        select old.position_id as position_id, c.competency_code as code, c.level, old.agency_id as agency_id, -1 as d
          from competency_current c
         where c.civil_servant_id = old.id and c.assessed_on > v_cutoff and old.status = 'active' and old.position_id is not null
        union all
        select new.position_id, c.competency_code, c.level, new.agency_id, 1
          from competency_current c
         where c.civil_servant_id = new.id and c.assessed_on > v_cutoff and new.status = 'active' and new.position_id is not null
      ),
      delta as (
        select position_id, code, level, agency_id, sum(d)::bigint as d from moves group by 1, 2, 3, 4 having sum(d) <> 0
      )
      insert into competency_current_count as k (position_id, competency_code, level, agency_id, people)
      select position_id, code, level, agency_id, d from delta order by 1, 2, 3, 4
      on conflict (position_id, competency_code, level, agency_id) do update set people = k.people + excluded.people;
      return null;
    end $$;
    create trigger civil_servant_current_count after update of agency_id, position_id, status on civil_servant for each row
      when (old.agency_id is distinct from new.agency_id or old.position_id is distinct from new.position_id or old.status is distinct from new.status)
      execute function civil_servant_current_count();

    -- Moves the counted cutoff: rows dated in (old, new] stop counting, or start again when it moves back.
    create function competency_current_roll(p_cutoff date) returns void language plpgsql as $$
    declare
      v_old date;
    begin
      select s.cutoff into v_old from competency_current_state s for update;
      if v_old is null then
        raise exception 'competency_current_state is empty: run competency_current_rebuild' using errcode = 'P0001';
      end if;
      if v_old = p_cutoff then
        return;
      end if;
      with delta as (
        select cs.position_id, c.competency_code as code, c.level, cs.agency_id,
               (case when p_cutoff > v_old then -count(*) else count(*) end)::bigint as d
          from competency_current c join civil_servant cs on cs.id = c.civil_servant_id
         where c.assessed_on > least(v_old, p_cutoff) and c.assessed_on <= greatest(v_old, p_cutoff)
           and cs.status = 'active' and cs.position_id is not null
         group by 1, 2, 3, 4
      )
      insert into competency_current_count as k (position_id, competency_code, level, agency_id, people)
      select position_id, code, level, agency_id, d from delta order by 1, 2, 3, 4
      on conflict (position_id, competency_code, level, agency_id) do update set people = k.people + excluded.people;
      update competency_current_state set cutoff = p_cutoff;
    end $$;

    -- Everything from scratch (the migration below, the synthetic loader, repairs).
    create function competency_current_rebuild(p_cutoff date) returns void language plpgsql as $$
    begin
      insert into competency_current_state (id, cutoff) values (true, p_cutoff)
        on conflict (id) do update set cutoff = excluded.cutoff;
      perform 1 from competency_current_state for update;
      delete from competency_current;
      -- one sort instead of millions of random inserts into the date index
      drop index competency_current_assessed;
      insert into competency_current (civil_servant_id, competency_code, assessment_id, level, assessed_on, method)
      select distinct on (a.civil_servant_id, a.competency_code) a.civil_servant_id, a.competency_code, a.id, a.level, a.assessed_on, a.method
        from competency_assessment a
       where a.voided_at is null
       order by a.civil_servant_id, a.competency_code, a.assessed_on desc, a.id desc;
      create index competency_current_assessed on competency_current (assessed_on);
      delete from competency_current_count;
      insert into competency_current_count (position_id, competency_code, level, agency_id, people)
      select cs.position_id, c.competency_code, c.level, cs.agency_id, count(*)
        from competency_current c join civil_servant cs on cs.id = c.civil_servant_id
       where c.assessed_on > p_cutoff and cs.status = 'active' and cs.position_id is not null
       group by 1, 2, 3, 4;
    end $$;

    -- Backfill: cutoff as validity.ts computes it (today in Asia/Jakarta minus the validity months,
    -- clamped to the end of the month); the first roll-up moves it on if it is stale.
    set local work_mem = '256MB';
    select competency_current_rebuild((
      (now() at time zone 'Asia/Jakarta')::date - make_interval(months => (select s.assessment_validity_months from competency_settings s))
    )::date);
    analyze competency_current, competency_current_count;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    drop trigger civil_servant_current_count on civil_servant;
    drop trigger competency_assessment_current_insert on competency_assessment;
    drop trigger competency_assessment_current_update on competency_assessment;
    drop function civil_servant_current_count, competency_assessment_current, competency_current_sync, competency_current_roll, competency_current_rebuild;
    drop table competency_current, competency_current_count, competency_current_state;
  `);
}
