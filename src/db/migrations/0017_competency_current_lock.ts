// Fix of a race in migration 0008: competency_current_sync now takes a per-person turn (a row of
// competency_writer, locked in id order) before reading the people's history, so concurrent
// assessments of one person × competency serialise and the latest one always ends current.
// The function is otherwise the same as in 0008; down() restores 0008's version.
import type { Kysely } from 'kysely';
import { runScript } from '../statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    create table competency_writer (
      civil_servant_id bigint primary key  -- no foreign key: a lock row only, never read for data
    );
    create or replace function competency_current_sync(p_ids bigint[], p_codes text[]) returns void language plpgsql as $$
    declare
      v_cutoff date;
    begin
      select s.cutoff into v_cutoff from competency_current_state s for share;
      if v_cutoff is null then
        raise exception 'competency_current_state is empty: run competency_current_rebuild' using errcode = 'P0001';
      end if;
      -- Writers of the same people take turns: each statement below then reads, in a new snapshot,
      -- what the other committed (without this, two transactions assessing one pair at once could
      -- each see only its own row, and the later upsert could keep the older assessment). The turn
      -- is a row of competency_writer (one per person, made on first use) locked for update in id
      -- order: rows rather than advisory locks, so a large import does not fill the shared lock
      -- table; a table of its own, so it never waits on the row locks other modules take on
      -- civil_servant (e.g. analytics' FOR SHARE), and those never wait on it.
      insert into competency_writer (civil_servant_id)
        select distinct u.id from unnest(p_ids) as u(id) order by 1
        on conflict do nothing;
      perform 1 from competency_writer w where w.civil_servant_id = any(p_ids) order by w.civil_servant_id for update;
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

  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    drop table competency_writer;
    create or replace function competency_current_sync(p_ids bigint[], p_codes text[]) returns void language plpgsql as $$
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

  `);
}
