// Analytics: the pre-aggregated tables the dashboards read, kept in step with the source tables
// of other modules by triggers in the writing transaction (see docs/analytics.md).
//
// Two kinds of tables:
//   - counters (gap, headcount, JP histogram, supply, cohort): triggers never update them.
//     A trigger computes the change a statement makes and APPENDS it to the counter's delta log
//     (analytics_*_delta: no keys, no hot rows, nothing a concurrent writer waits for or
//     deadlocks on). analytics_fold() moves the deltas into the counters (the worker runs it
//     every few seconds), and every read goes through a view that adds the deltas not folded
//     yet, so a read is exact as of its snapshot whether or not the fold has run.
//   - mirrors (analytics_person, analytics_offering, analytics_programme, analytics_provider):
//     one row per source row, written by that row's own trigger right after the source row
//     (the writer already holds the source row's lock), so the analytics code never reads
//     another module's tables.
//
// Definitions (the same as the modules that own the data):
//   gap cell   (competency gaps.ts): an active person with a position × each competency of the
//              position's effective standard (override, else the tier default): required level,
//              current level valid at competency_current_state.cutoff (migration 0008), or none;
//              gap = max(0, required − current), none counting as 0.
//   counted    (learning's JP compliance): people with status active or leave.
//   JP of a person and year: the sum of their credited learning_record rows of that year.
//   supply     an offering in a live state (planned/open/closed/running, as the catalogue's
//              summary) of a published programme, per competency the programme develops.
// Keys never hold NULL: unit_key 0 = no unit, tier '' = no position.
import type { Kysely } from 'kysely';
import { runScript } from '../statements.ts';

// ---------- SQL shared by several triggers (interpolated, so each trigger stays set-based) ----------

/** Gap deltas of people at placements `x` (id, agency_id, unit_key, position_id, tier, status, sign). */
const placementGap = (x: string) => `
  insert into analytics_gap_delta (agency_id, unit_key, tier, competency_code, people, assessed, with_gap, gap_sum)
  select x.agency_id, x.unit_key, x.tier, s.code, sum(x.sign), sum(x.sign * (c.level is not null)::int),
         sum(x.sign * (s.required > coalesce(c.level, 0))::int), sum(x.sign * greatest(s.required - coalesce(c.level, 0), 0))
    from (${x}) x
    cross join lateral analytics_std(x.position_id, x.tier) s
    left join competency_current c on c.civil_servant_id = x.id and c.competency_code = s.code and c.assessed_on > v_cutoff
   where x.status = 'active' and x.position_id is not null
   group by 1, 2, 3, 4`;

/** Headcount deltas of people at placements `x`. */
const placementHeadcount = (x: string) => `
  insert into analytics_headcount_delta (agency_id, unit_key, tier, status, people)
  select x.agency_id, x.unit_key, x.tier, x.status, sum(x.sign) from (${x}) x group by 1, 2, 3, 4 having sum(x.sign) <> 0`;

/**
 * JP histogram deltas of counted people at placements `x`: every year with a folded credited
 * total (analytics_person_year; the deltas not folded yet are placed at read time, see the views).
 */
const placementJp = (x: string) => `
  insert into analytics_jp_delta (agency_id, unit_key, tier, year, jp_centi, people, jp_sum)
  select x.agency_id, x.unit_key, x.tier, y.year, least((y.jp * 100)::int, 2000), sum(x.sign), sum(x.sign * y.jp)
    from (${x}) x
    join analytics_person_year y on y.civil_servant_id = x.id and y.jp > 0
   where x.status in ('active', 'leave')
   group by 1, 2, 3, 4, 5`;

/** All three for placements `x`. */
const placementDeltas = (x: string) => `${placementGap(x)};\n${placementHeadcount(x)};\n${placementJp(x)};`;

/** The placement of people from civil_servant-shaped rows `rows` with a sign. */
const placementsOf = (rows: string, sign: number) => `
  select r.id, r.agency_id, coalesce(r.unit_id, 0) as unit_key, r.position_id, coalesce(p.tier, '') as tier, r.status, ${sign} as sign
    from ${rows} r left join position p on p.id = r.position_id`;

/**
 * Gap deltas of cells that change level: `m` has (id, code, level, sign) where level is the
 * current level counted (valid at the cutoff) or NULL for none; people are unchanged.
 */
const cellGap = (m: string) => `
  insert into analytics_gap_delta (agency_id, unit_key, tier, competency_code, people, assessed, with_gap, gap_sum)
  select cs.agency_id, coalesce(cs.unit_id, 0), p.tier, m.code, 0, sum(m.sign * (m.level is not null)::int),
         sum(m.sign * (s.required > coalesce(m.level, 0))::int), sum(m.sign * greatest(s.required - coalesce(m.level, 0), 0))
    from (${m}) m
    join civil_servant cs on cs.id = m.id and cs.status = 'active'
    join position p on p.id = cs.position_id
    cross join lateral analytics_std(p.id, p.tier) s
   where s.code = m.code
   group by 1, 2, 3, 4
  having sum(m.sign * (m.level is not null)::int) <> 0 or sum(m.sign * (s.required > coalesce(m.level, 0))::int) <> 0
      or sum(m.sign * greatest(s.required - coalesce(m.level, 0), 0)) <> 0`;

/**
 * Gap deltas of standards that change: `m` has (position_id, code, required, sign) — the
 * effective required level of a position's competency that stops (−1) or starts (+1) applying.
 */
const standardGap = (m: string) => `
  insert into analytics_gap_delta (agency_id, unit_key, tier, competency_code, people, assessed, with_gap, gap_sum)
  select cs.agency_id, coalesce(cs.unit_id, 0), pos.tier, m.code, sum(m.sign), sum(m.sign * (c.level is not null)::int),
         sum(m.sign * (m.required > coalesce(c.level, 0))::int), sum(m.sign * greatest(m.required - coalesce(c.level, 0), 0))
    from (${m}) m
    join position pos on pos.id = m.position_id
    join civil_servant cs on cs.position_id = m.position_id and cs.status = 'active'
    left join competency_current c on c.civil_servant_id = cs.id and c.competency_code = m.code and c.assessed_on > v_cutoff
   group by 1, 2, 3, 4`;

/**
 * The change of credited JP per (person, year) that a statement makes, `d` (id, year, dj). Only
 * appended: the fold turns it into histogram moves one fold at a time, so concurrent credits of
 * the same person never read each other's totals.
 */
const ledgerJp = (d: string) => `
  insert into analytics_person_jp_delta (civil_servant_id, year, jp)
  select d.id, d.year, d.dj from (${d}) d where d.dj <> 0`;

/** Supply deltas of offerings `o` (programme_id, start_date, capacity, status, sign), per competency of a published programme. */
const offeringSupply = (o: string) => `
  insert into analytics_supply_delta (competency_code, start_date, offerings, seats)
  select pc.competency_code, o.start_date, sum(o.sign), sum(o.sign * o.capacity)
    from (${o}) o
    join programme pr on pr.id = o.programme_id and pr.status = 'published'
    join programme_competency pc on pc.programme_id = o.programme_id
   where o.status in ('planned', 'open', 'closed', 'running')
   group by 1, 2`;

/** Cohort deltas of enrolments `e` (programme_id, offering_id, status, sign). */
const enrolmentCohort = (e: string) => `
  insert into analytics_cohort_delta (programme_id, offering_key, requested, approved, enrolled, waitlisted, completed, not_completed, withdrawn, no_show, rejected)
  select e.programme_id, e.offering_id,
         sum(e.sign) filter (where e.status = 'requested'), sum(e.sign) filter (where e.status = 'approved'),
         sum(e.sign) filter (where e.status = 'enrolled'), sum(e.sign) filter (where e.status = 'waitlisted'),
         sum(e.sign) filter (where e.status = 'completed'), sum(e.sign) filter (where e.status = 'not_completed'),
         sum(e.sign) filter (where e.status = 'withdrawn'), sum(e.sign) filter (where e.status = 'no_show'),
         sum(e.sign) filter (where e.status = 'rejected')
    from (${e}) e
   group by 1, 2`;

const COUNTERS = ['requested', 'approved', 'enrolled', 'waitlisted', 'completed', 'not_completed', 'withdrawn', 'no_show', 'rejected', 'reaction_n', 'reaction_sum', 'pre_n', 'pre_sum', 'post_n', 'post_sum', 'follow_n', 'follow_sum'];

/** A statement-level trigger function running `body` with v_cutoff = the counted cutoff of current levels. */
const triggerFunction = (name: string, body: string) => `
  create function ${name}() returns trigger language plpgsql as $$
  declare
    v_cutoff date;
  begin
    select s.cutoff into v_cutoff from competency_current_state s;
    ${body}
    return null;
  end $$;`;

const TABLES = `
  -- ----- gap cells: unit × tier grain (agency dashboard) and agency grain (national dashboard: agencies × competencies) -----
  create table analytics_gap_unit (
    agency_id integer not null,
    unit_key integer not null,
    tier text not null,
    competency_code text not null,
    people bigint not null default 0,
    assessed bigint not null default 0,
    with_gap bigint not null default 0,
    gap_sum bigint not null default 0,
    primary key (agency_id, unit_key, tier, competency_code)
  );
  create table analytics_gap_agency (
    agency_id integer not null,
    competency_code text not null,
    people bigint not null default 0,
    assessed bigint not null default 0,
    with_gap bigint not null default 0,
    gap_sum bigint not null default 0,
    primary key (agency_id, competency_code)
  );
  create table analytics_gap_delta (
    agency_id integer not null,
    unit_key integer not null,
    tier text not null,
    competency_code text not null,
    people bigint not null,
    assessed bigint not null,
    with_gap bigint not null,
    gap_sum bigint not null
  );

  -- ----- people by placement and status -----
  create table analytics_headcount_unit (
    agency_id integer not null,
    unit_key integer not null,
    tier text not null,
    status text not null,
    people bigint not null default 0,
    primary key (agency_id, unit_key, tier, status)
  );
  create table analytics_headcount_agency (
    agency_id integer not null,
    status text not null,
    people bigint not null default 0,
    primary key (agency_id, status)
  );
  create table analytics_headcount_delta (
    agency_id integer not null,
    unit_key integer not null,
    tier text not null,
    status text not null,
    people bigint not null
  );

  -- ----- JP histogram of counted people per year: people per credited total in hundredths of a JP,
  -- capped at 2000 (= 20 JP, met). Zero JP is not stored: it is the headcount minus the rows.
  -- jp_sum keeps the uncapped totals (for the mean). -----
  create table analytics_jp_unit (
    agency_id integer not null,
    unit_key integer not null,
    tier text not null,
    year smallint not null,
    jp_centi integer not null check (jp_centi between 1 and 2000),
    people bigint not null default 0,
    jp_sum numeric(16,2) not null default 0,
    primary key (agency_id, year, unit_key, tier, jp_centi)
  );
  create table analytics_jp_agency (
    agency_id integer not null,
    year smallint not null,
    jp_centi integer not null check (jp_centi between 1 and 2000),
    people bigint not null default 0,
    jp_sum numeric(16,2) not null default 0,
    primary key (year, agency_id, jp_centi)
  );
  create table analytics_jp_delta (
    agency_id integer not null,
    unit_key integer not null,
    tier text not null,
    year smallint not null,
    jp_centi integer not null,
    people bigint not null,
    jp_sum numeric(16,2) not null
  );

  -- ----- one row per civil servant: the placement (a mirror; the at-risk list is read from it).
  -- Its row lock orders the writers of one person: see the triggers and the fold. -----
  create table analytics_person (
    civil_servant_id bigint primary key,
    agency_id integer not null,
    unit_key integer not null,
    tier text not null,
    status text not null
  );
  create index analytics_person_agency on analytics_person (agency_id, civil_servant_id);
  -- the folded credited JP per person and year (agency_id: the person's agency now, the tenant key)
  create table analytics_person_year (
    civil_servant_id bigint not null,
    year smallint not null,
    agency_id integer not null,
    jp numeric(9,2) not null,
    primary key (civil_servant_id, year)
  );
  create table analytics_person_jp_delta (
    civil_servant_id bigint not null,
    year smallint not null,
    jp numeric(9,2) not null
  );

  -- ----- seats by competency and start date (upcoming = start_date >= today, at read time) -----
  create table analytics_supply (
    start_date date not null,
    competency_code text not null,
    offerings bigint not null default 0,
    seats bigint not null default 0,
    primary key (start_date, competency_code)
  );
  create table analytics_supply_delta (
    competency_code text not null,
    start_date date not null,
    offerings bigint not null,
    seats bigint not null
  );

  -- ----- per programme × offering (offering_key 0 = evaluations of completions without an offering):
  -- enrolments by status and evaluation sums (level 1 reaction, level 2 pre/post test, level 3 follow-up) -----
  create table analytics_cohort (
    programme_id integer not null,
    offering_key integer not null,
    ${COUNTERS.map((c) => `${c} ${c.endsWith('_sum') ? 'numeric(16,2)' : 'bigint'} not null default 0`).join(',\n    ')},
    primary key (programme_id, offering_key)
  );
  create table analytics_cohort_delta (
    programme_id integer not null,
    offering_key integer not null,
    ${COUNTERS.map((c) => `${c} ${c.endsWith('_sum') ? 'numeric(16,2)' : 'bigint'}`).join(',\n    ')}
  );

  -- ----- mirrors of the catalogue -----
  create table analytics_offering (
    offering_id integer primary key,
    programme_id integer not null,
    code text not null,
    start_date date not null,
    end_date date not null,
    status text not null,
    capacity integer not null,
    seats_taken integer not null
  );
  create index analytics_offering_programme on analytics_offering (programme_id, start_date);
  create index analytics_offering_start on analytics_offering (start_date);
  create table analytics_programme (
    programme_id integer primary key,
    provider_id integer not null,
    partner_ids integer[] not null,
    code text not null,
    title_id text not null,
    title_en text,
    category text not null,
    status text not null,
    quality numeric(3,2),
    accr_grade text,
    accr_valid_to date
  );
  create index analytics_programme_provider on analytics_programme (provider_id);
  create index analytics_programme_partners on analytics_programme using gin (partner_ids);
  create table analytics_provider (
    provider_id integer primary key,
    code text not null,
    name text not null,
    kind text not null,
    accr_grade text,
    accr_valid_to date
  );

  -- Standard changes and position tier changes re-derive the cells of the position's people.
  create index analytics_civil_servant_position on civil_servant (position_id);

  -- Effective standard of a position for a tier: the position's overrides, else the tier's defaults.
  create function analytics_std(p_position integer, p_tier text) returns table (code text, required smallint)
  language sql stable as $$
    select o.competency_code, o.required_level from competency_position_standard o where o.position_id = p_position
    union all
    select t.competency_code, t.required_level from competency_tier_standard t
     where t.tier = p_tier
       and not exists (select 1 from competency_position_standard o where o.position_id = p_position and o.competency_code = t.competency_code)
  $$;
`;

// ---------- registry: civil servants, current levels, the cutoff, standards, positions ----------

const changedPeople = `(select n.* from cs_old o join cs_new n on n.id = o.id
   where (o.agency_id, o.unit_id, o.position_id, o.status) is distinct from (n.agency_id, n.unit_id, n.position_id, n.status))`;
const changedPeopleBefore = `(select o.* from cs_old o join cs_new n on n.id = o.id
   where (o.agency_id, o.unit_id, o.position_id, o.status) is distinct from (n.agency_id, n.unit_id, n.position_id, n.status))`;

const REGISTRY = `
  ${triggerFunction('analytics_civil_servant_inserted', `
    ${placementDeltas(placementsOf('cs_new', 1))}
    insert into analytics_person (civil_servant_id, agency_id, unit_key, tier, status)
    select x.id, x.agency_id, x.unit_key, x.tier, x.status from (${placementsOf('cs_new', 1)}) x order by x.id;`)}

  ${triggerFunction('analytics_civil_servant_updated', `
    -- first the people's mirror rows, in key order: a concurrent level change or fold of the same
    -- person waits here, so each reads the other's committed state
    perform 1 from analytics_person a where a.civil_servant_id in (select id from ${changedPeople} c) order by a.civil_servant_id for update;
    ${placementDeltas(`${placementsOf(changedPeopleBefore, -1)} union all ${placementsOf(changedPeople, 1)}`)}
    update analytics_person a set agency_id = x.agency_id, unit_key = x.unit_key, tier = x.tier, status = x.status
      from (${placementsOf(changedPeople, 1)}) x where a.civil_servant_id = x.id;
    update analytics_person_year y set agency_id = c.agency_id from ${changedPeople} c where y.civil_servant_id = c.id and y.agency_id <> c.agency_id;`)}

  ${triggerFunction('analytics_civil_servant_deleted', `
    perform 1 from analytics_person a where a.civil_servant_id in (select id from cs_old) order by a.civil_servant_id for update;
    ${placementDeltas(placementsOf('cs_old', -1))}
    delete from analytics_person a using cs_old o where a.civil_servant_id = o.id;
    delete from analytics_person_year y using cs_old o where y.civil_servant_id = o.id;`)}

  create trigger analytics_civil_servant_insert after insert on civil_servant
    referencing new table as cs_new for each statement execute function analytics_civil_servant_inserted();
  create trigger analytics_civil_servant_update after update on civil_servant
    referencing old table as cs_old new table as cs_new for each statement execute function analytics_civil_servant_updated();
  create trigger analytics_civil_servant_delete after delete on civil_servant
    referencing old table as cs_old for each statement execute function analytics_civil_servant_deleted();

  -- A current level appears, changes or goes (migration 0008's triggers write competency_current).
  ${triggerFunction('analytics_current_inserted', `
    perform 1 from analytics_person a where a.civil_servant_id in (select civil_servant_id from cc_new) order by a.civil_servant_id for share;
    ${cellGap(`
      select n.civil_servant_id as id, n.competency_code as code, case when n.assessed_on > v_cutoff then n.level end as level, 1 as sign from cc_new n
      union all select n.civil_servant_id, n.competency_code, null, -1 from cc_new n`)};`)}
  ${triggerFunction('analytics_current_updated', `
    perform 1 from analytics_person a where a.civil_servant_id in (select civil_servant_id from cc_new) order by a.civil_servant_id for share;
    ${cellGap(`
      select n.civil_servant_id as id, n.competency_code as code, case when n.assessed_on > v_cutoff then n.level end as level, 1 as sign from cc_new n
      union all select o.civil_servant_id, o.competency_code, case when o.assessed_on > v_cutoff then o.level end, -1 from cc_old o`)};`)}
  ${triggerFunction('analytics_current_deleted', `
    perform 1 from analytics_person a where a.civil_servant_id in (select civil_servant_id from cc_old) order by a.civil_servant_id for share;
    ${cellGap(`
      select o.civil_servant_id as id, o.competency_code as code, case when o.assessed_on > v_cutoff then o.level end as level, -1 as sign from cc_old o
      union all select o.civil_servant_id, o.competency_code, null, 1 from cc_old o`)};`)}
  create trigger analytics_current_insert after insert on competency_current
    referencing new table as cc_new for each statement execute function analytics_current_inserted();
  create trigger analytics_current_update after update on competency_current
    referencing old table as cc_old new table as cc_new for each statement execute function analytics_current_updated();
  create trigger analytics_current_delete after delete on competency_current
    referencing old table as cc_old for each statement execute function analytics_current_deleted();

  -- The counted cutoff moves (competency_current_roll / _rebuild): the levels dated between the old
  -- and the new cutoff stop (or start again) counting.
  create function analytics_cutoff_moved() returns trigger language plpgsql as $$
  begin
    ${cellGap(`
      select c.civil_servant_id as id, c.competency_code as code, case when c.assessed_on > new.cutoff then c.level end as level, 1 as sign
        from competency_current c where c.assessed_on > least(old.cutoff, new.cutoff) and c.assessed_on <= greatest(old.cutoff, new.cutoff)
      union all
      select c.civil_servant_id, c.competency_code, case when c.assessed_on > old.cutoff then c.level end, -1
        from competency_current c where c.assessed_on > least(old.cutoff, new.cutoff) and c.assessed_on <= greatest(old.cutoff, new.cutoff)`)};
    return null;
  end $$;
  create trigger analytics_cutoff_move after update on competency_current_state
    for each row when (old.cutoff is distinct from new.cutoff) execute function analytics_cutoff_moved();

  -- Tier defaults change: positions of that tier without an override for the code.
  ${triggerFunction('analytics_tier_standard_inserted', `${standardGap(`
      select pos.id as position_id, n.competency_code as code, n.required_level as required, 1 as sign from ts_new n join position pos on pos.tier = n.tier
       where not exists (select 1 from competency_position_standard o where o.position_id = pos.id and o.competency_code = n.competency_code)`)};`)}
  ${triggerFunction('analytics_tier_standard_updated', `${standardGap(`
      select pos.id as position_id, n.competency_code as code, n.required_level as required, 1 as sign from ts_new n join position pos on pos.tier = n.tier
       where not exists (select 1 from competency_position_standard o where o.position_id = pos.id and o.competency_code = n.competency_code)
      union all
      select pos.id, o.competency_code, o.required_level, -1 from ts_old o join position pos on pos.tier = o.tier
       where not exists (select 1 from competency_position_standard x where x.position_id = pos.id and x.competency_code = o.competency_code)`)};`)}
  ${triggerFunction('analytics_tier_standard_deleted', `${standardGap(`
      select pos.id as position_id, o.competency_code as code, o.required_level as required, -1 as sign from ts_old o join position pos on pos.tier = o.tier
       where not exists (select 1 from competency_position_standard x where x.position_id = pos.id and x.competency_code = o.competency_code)`)};`)}
  create trigger analytics_tier_standard_insert after insert on competency_tier_standard
    referencing new table as ts_new for each statement execute function analytics_tier_standard_inserted();
  create trigger analytics_tier_standard_update after update on competency_tier_standard
    referencing old table as ts_old new table as ts_new for each statement execute function analytics_tier_standard_updated();
  create trigger analytics_tier_standard_delete after delete on competency_tier_standard
    referencing old table as ts_old for each statement execute function analytics_tier_standard_deleted();

  -- Position overrides change: the override replaces (or gives way to) the tier default.
  ${triggerFunction('analytics_position_standard_inserted', `
    perform 1 from analytics_person a where a.civil_servant_id in (select cs.id from civil_servant cs where cs.position_id in (select position_id from ps_new)) order by a.civil_servant_id for share;
    ${standardGap(`
      select n.position_id, n.competency_code as code, n.required_level as required, 1 as sign from ps_new n
      union all
      select n.position_id, n.competency_code, t.required_level, -1 from ps_new n
        join position pos on pos.id = n.position_id join competency_tier_standard t on t.tier = pos.tier and t.competency_code = n.competency_code`)};`)}
  ${triggerFunction('analytics_position_standard_updated', `
    perform 1 from analytics_person a where a.civil_servant_id in (select cs.id from civil_servant cs where cs.position_id in (select position_id from ps_new)) order by a.civil_servant_id for share;
    ${standardGap(`
      select n.position_id, n.competency_code as code, n.required_level as required, 1 as sign from ps_new n
      union all
      select o.position_id, o.competency_code, o.required_level, -1 from ps_old o`)};`)}
  ${triggerFunction('analytics_position_standard_deleted', `
    perform 1 from analytics_person a where a.civil_servant_id in (select cs.id from civil_servant cs where cs.position_id in (select position_id from ps_old)) order by a.civil_servant_id for share;
    ${standardGap(`
      select o.position_id, o.competency_code as code, o.required_level as required, -1 as sign from ps_old o
      union all
      select o.position_id, o.competency_code, t.required_level, 1 from ps_old o
        join position pos on pos.id = o.position_id join competency_tier_standard t on t.tier = pos.tier and t.competency_code = o.competency_code
       where not exists (select 1 from competency_position_standard x where x.position_id = o.position_id and x.competency_code = o.competency_code)`)};`)}
  create trigger analytics_position_standard_insert after insert on competency_position_standard
    referencing new table as ps_new for each statement execute function analytics_position_standard_inserted();
  create trigger analytics_position_standard_update after update on competency_position_standard
    referencing old table as ps_old new table as ps_new for each statement execute function analytics_position_standard_updated();
  create trigger analytics_position_standard_delete after delete on competency_position_standard
    referencing old table as ps_old for each statement execute function analytics_position_standard_deleted();

  -- A position changes tier: its people move to the other tier (and, for gaps, to its defaults).
  create function analytics_position_tier_changed() returns trigger language plpgsql as $$
  declare
    v_cutoff date;
  begin
    select s.cutoff into v_cutoff from competency_current_state s;
    perform 1 from analytics_person a where a.civil_servant_id in (select cs.id from civil_servant cs where cs.position_id = new.id) order by a.civil_servant_id for update;
    ${placementDeltas(`
      select cs.id, cs.agency_id, coalesce(cs.unit_id, 0) as unit_key, cs.position_id, old.tier as tier, cs.status, -1 as sign from civil_servant cs where cs.position_id = new.id
      union all
      select cs.id, cs.agency_id, coalesce(cs.unit_id, 0), cs.position_id, new.tier, cs.status, 1 from civil_servant cs where cs.position_id = new.id`)}
    update analytics_person a set tier = new.tier from civil_servant cs where cs.position_id = new.id and a.civil_servant_id = cs.id;
    return null;
  end $$;
  create trigger analytics_position_tier after update of tier on position
    for each row when (old.tier is distinct from new.tier) execute function analytics_position_tier_changed();
`;

// ---------- learning: the JP ledger and enrolments ----------

const LEARNING = `
  ${triggerFunction('analytics_ledger_inserted', `${ledgerJp(`select civil_servant_id as id, year, sum(jp) as dj from lr_new where status = 'credited' group by 1, 2`)};`)}
  ${triggerFunction('analytics_ledger_updated', `${ledgerJp(`
      select id, year, sum(dj) as dj from (
        select civil_servant_id as id, year, jp as dj from lr_new where status = 'credited'
        union all select civil_servant_id, year, -jp from lr_old where status = 'credited') x group by 1, 2`)};`)}
  ${triggerFunction('analytics_ledger_deleted', `${ledgerJp(`select civil_servant_id as id, year, -sum(jp) as dj from lr_old where status = 'credited' group by 1, 2`)};`)}
  create trigger analytics_ledger_insert after insert on learning_record
    referencing new table as lr_new for each statement execute function analytics_ledger_inserted();
  create trigger analytics_ledger_update after update on learning_record
    referencing old table as lr_old new table as lr_new for each statement execute function analytics_ledger_updated();
  create trigger analytics_ledger_delete after delete on learning_record
    referencing old table as lr_old for each statement execute function analytics_ledger_deleted();

  ${triggerFunction('analytics_enrolment_inserted', `${enrolmentCohort(`select programme_id, offering_id, status, 1 as sign from en_new`)};`)}
  ${triggerFunction('analytics_enrolment_updated', `${enrolmentCohort(`
      select n.programme_id, n.offering_id, n.status, 1 as sign from en_old o join en_new n on n.id = o.id
       where (o.programme_id, o.offering_id, o.status) is distinct from (n.programme_id, n.offering_id, n.status)
      union all
      select o.programme_id, o.offering_id, o.status, -1 from en_old o join en_new n on n.id = o.id
       where (o.programme_id, o.offering_id, o.status) is distinct from (n.programme_id, n.offering_id, n.status)`)};`)}
  ${triggerFunction('analytics_enrolment_deleted', `${enrolmentCohort(`select programme_id, offering_id, status, -1 as sign from en_old`)};`)}
  create trigger analytics_enrolment_insert after insert on enrolment
    referencing new table as en_new for each statement execute function analytics_enrolment_inserted();
  create trigger analytics_enrolment_update after update on enrolment
    referencing old table as en_old new table as en_new for each statement execute function analytics_enrolment_updated();
  create trigger analytics_enrolment_delete after delete on enrolment
    referencing old table as en_old for each statement execute function analytics_enrolment_deleted();
`;

// ---------- evaluation (levels 1–3) ----------

const EVALUATION = `
  create function analytics_reaction_changed() returns trigger language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      insert into analytics_cohort_delta (programme_id, offering_key, reaction_n, reaction_sum) values (old.programme_id, coalesce(old.offering_id, 0), -1, -old.score);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      insert into analytics_cohort_delta (programme_id, offering_key, reaction_n, reaction_sum) values (new.programme_id, coalesce(new.offering_id, 0), 1, new.score);
    end if;
    return null;
  end $$;
  create trigger analytics_reaction after insert or update or delete on evaluation_reaction
    for each row execute function analytics_reaction_changed();

  create function analytics_test_score_changed() returns trigger language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      insert into analytics_cohort_delta (programme_id, offering_key, pre_n, pre_sum, post_n, post_sum)
      values (old.programme_id, old.offering_id, -(old.pre_score is not null)::int, -coalesce(old.pre_score, 0), -(old.post_score is not null)::int, -coalesce(old.post_score, 0));
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      insert into analytics_cohort_delta (programme_id, offering_key, pre_n, pre_sum, post_n, post_sum)
      values (new.programme_id, new.offering_id, (new.pre_score is not null)::int, coalesce(new.pre_score, 0), (new.post_score is not null)::int, coalesce(new.post_score, 0));
    end if;
    return null;
  end $$;
  create trigger analytics_test_score after insert or update or delete on evaluation_test_score
    for each row execute function analytics_test_score_changed();

  -- Follow-ups count once completed with a score; the offering is the certificate's.
  create function analytics_follow_up_changed() returns trigger language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      if old.status = 'completed' and old.score is not null then
        insert into analytics_cohort_delta (programme_id, offering_key, follow_n, follow_sum)
        select old.programme_id, coalesce((select c.offering_id from certificate c where c.id = old.certificate_id), 0), -1, -old.score;
      end if;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      if new.status = 'completed' and new.score is not null then
        insert into analytics_cohort_delta (programme_id, offering_key, follow_n, follow_sum)
        select new.programme_id, coalesce((select c.offering_id from certificate c where c.id = new.certificate_id), 0), 1, new.score;
      end if;
    end if;
    return null;
  end $$;
  create trigger analytics_follow_up after insert or update or delete on evaluation_follow_up
    for each row execute function analytics_follow_up_changed();
`;

// ---------- catalogue: mirrors and supply ----------

const CATALOGUE = `
  create function analytics_offering_changed() returns trigger language plpgsql as $$
  declare
    v_supply boolean := true;
  begin
    -- a seat taken or freed (enrolled_count) changes the mirror only
    if tg_op = 'UPDATE' then
      v_supply := (old.programme_id, old.start_date, old.capacity, old.status) is distinct from (new.programme_id, new.start_date, new.capacity, new.status);
    end if;
    if tg_op in ('UPDATE', 'DELETE') and v_supply then
      ${offeringSupply(`select old.programme_id, old.start_date, old.capacity, old.status, -1 as sign`)};
    end if;
    if tg_op in ('INSERT', 'UPDATE') and v_supply then
      ${offeringSupply(`select new.programme_id, new.start_date, new.capacity, new.status, 1 as sign`)};
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      insert into analytics_offering (offering_id, programme_id, code, start_date, end_date, status, capacity, seats_taken)
      values (new.id, new.programme_id, new.code, new.start_date, new.end_date, new.status, new.capacity, new.enrolled_count)
      on conflict (offering_id) do update set programme_id = excluded.programme_id, code = excluded.code, start_date = excluded.start_date,
        end_date = excluded.end_date, status = excluded.status, capacity = excluded.capacity, seats_taken = excluded.seats_taken;
    else
      delete from analytics_offering where offering_id = old.id;
    end if;
    return null;
  end $$;
  create trigger analytics_offering_insert after insert or delete on offering
    for each row execute function analytics_offering_changed();
  create trigger analytics_offering_update after update on offering
    for each row when ((old.programme_id, old.code, old.start_date, old.end_date, old.status, old.capacity, old.enrolled_count)
                       is distinct from (new.programme_id, new.code, new.start_date, new.end_date, new.status, new.capacity, new.enrolled_count))
    execute function analytics_offering_changed();

  create function analytics_programme_changed() returns trigger language plpgsql as $$
  begin
    -- publishing or unpublishing adds or removes the supply of its live offerings
    if tg_op <> 'UPDATE' then
      null;
    elsif (old.status = 'published') <> (new.status = 'published') then
      insert into analytics_supply_delta (competency_code, start_date, offerings, seats)
      select pc.competency_code, o.start_date, sum(case when new.status = 'published' then 1 else -1 end), sum(case when new.status = 'published' then o.capacity else -o.capacity end)
        from offering o join programme_competency pc on pc.programme_id = o.programme_id
       where o.programme_id = new.id and o.status in ('planned', 'open', 'closed', 'running')
       group by 1, 2;
    end if;
    if tg_op = 'DELETE' then
      delete from analytics_programme where programme_id = old.id;
    else
      insert into analytics_programme (programme_id, provider_id, partner_ids, code, title_id, title_en, category, status, quality, accr_grade, accr_valid_to)
      values (new.id, new.provider_id, new.partner_provider_ids, new.code, new.title_id, new.title_en, new.category, new.status, new.quality, new.accr_grade, new.accr_valid_to)
      on conflict (programme_id) do update set provider_id = excluded.provider_id, partner_ids = excluded.partner_ids, code = excluded.code,
        title_id = excluded.title_id, title_en = excluded.title_en, category = excluded.category, status = excluded.status,
        quality = excluded.quality, accr_grade = excluded.accr_grade, accr_valid_to = excluded.accr_valid_to;
    end if;
    return null;
  end $$;
  create trigger analytics_programme_insert after insert or delete on programme
    for each row execute function analytics_programme_changed();
  create trigger analytics_programme_update after update on programme
    for each row when ((old.provider_id, old.partner_provider_ids, old.code, old.title_id, old.title_en, old.category, old.status, old.quality, old.accr_grade, old.accr_valid_to)
                       is distinct from (new.provider_id, new.partner_provider_ids, new.code, new.title_id, new.title_en, new.category, new.status, new.quality, new.accr_grade, new.accr_valid_to))
    execute function analytics_programme_changed();

  -- A programme's competencies change: the supply of its live offerings moves with them.
  create function analytics_programme_competency_changed() returns trigger language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      insert into analytics_supply_delta (competency_code, start_date, offerings, seats)
      select old.competency_code, o.start_date, -count(*), -sum(o.capacity)
        from offering o join programme pr on pr.id = o.programme_id and pr.status = 'published'
       where o.programme_id = old.programme_id and o.status in ('planned', 'open', 'closed', 'running')
       group by 1, 2;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      insert into analytics_supply_delta (competency_code, start_date, offerings, seats)
      select new.competency_code, o.start_date, count(*), sum(o.capacity)
        from offering o join programme pr on pr.id = o.programme_id and pr.status = 'published'
       where o.programme_id = new.programme_id and o.status in ('planned', 'open', 'closed', 'running')
       group by 1, 2;
    end if;
    return null;
  end $$;
  create trigger analytics_programme_competency_insert after insert or delete on programme_competency
    for each row execute function analytics_programme_competency_changed();
  create trigger analytics_programme_competency_update after update of programme_id, competency_code on programme_competency
    for each row when ((old.programme_id, old.competency_code) is distinct from (new.programme_id, new.competency_code))
    execute function analytics_programme_competency_changed();

  create function analytics_provider_changed() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' then
      delete from analytics_provider where provider_id = old.id;
    else
      insert into analytics_provider (provider_id, code, name, kind, accr_grade, accr_valid_to)
      values (new.id, new.code, new.name, new.kind, new.accr_grade, new.accr_valid_to)
      on conflict (provider_id) do update set code = excluded.code, name = excluded.name, kind = excluded.kind,
        accr_grade = excluded.accr_grade, accr_valid_to = excluded.accr_valid_to;
    end if;
    return null;
  end $$;
  create trigger analytics_provider_insert after insert or delete on provider
    for each row execute function analytics_provider_changed();
  create trigger analytics_provider_update after update on provider
    for each row when ((old.code, old.name, old.kind, old.accr_grade, old.accr_valid_to) is distinct from (new.code, new.name, new.kind, new.accr_grade, new.accr_valid_to))
    execute function analytics_provider_changed();
`;

// ---------- reads (counters plus the deltas not folded yet), the fold, the rebuild ----------

/** Columns kept as numeric (JP and scores); every other counter is bigint (sum() would widen it to numeric). */
const NUMERIC = new Set(['jp_sum', 'reaction_sum', 'pre_sum', 'post_sum', 'follow_sum']);
const total = (c: string) => (NUMERIC.has(c) ? `coalesce(sum(${c}), 0)` : `coalesce(sum(${c}), 0)::bigint`);
const sums = (cols: string[]) => cols.map((c) => `${total(c)} as ${c}`).join(', ');
const GAP = ['people', 'assessed', 'with_gap', 'gap_sum'];
const JP = ['people', 'jp_sum'];
const SUPPLY = ['offerings', 'seats'];
const upsertSet = (table: string, cols: string[]) => cols.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ');

const READS = `
  create view analytics_gap_unit_now as
  select agency_id, unit_key, tier, competency_code, ${sums(GAP)} from (
    select agency_id, unit_key, tier, competency_code, ${GAP.join(', ')} from analytics_gap_unit
    union all select agency_id, unit_key, tier, competency_code, ${GAP.join(', ')} from analytics_gap_delta) x
  group by 1, 2, 3, 4;
  create view analytics_gap_agency_now as
  select agency_id, competency_code, ${sums(GAP)} from (
    select agency_id, competency_code, ${GAP.join(', ')} from analytics_gap_agency
    union all select agency_id, competency_code, ${GAP.join(', ')} from analytics_gap_delta) x
  group by 1, 2;
  create view analytics_headcount_unit_now as
  select agency_id, unit_key, tier, status, sum(people)::bigint as people from (
    select agency_id, unit_key, tier, status, people from analytics_headcount_unit
    union all select agency_id, unit_key, tier, status, people from analytics_headcount_delta) x
  group by 1, 2, 3, 4;
  create view analytics_headcount_agency_now as
  select agency_id, status, sum(people)::bigint as people from (
    select agency_id, status, people from analytics_headcount_agency
    union all select agency_id, status, people from analytics_headcount_delta) x
  group by 1, 2;
  -- Credited JP not folded yet, as the histogram moves the fold will make: out of the folded
  -- total's bucket, into the new total's, at the person's placement now.
  create view analytics_jp_pending as
  select a.agency_id, a.unit_key, a.tier, d.year, least((v.jp * 100)::int, 2000) as jp_centi, v.sign as people, v.sign * v.jp as jp_sum
    from (select civil_servant_id, year, sum(jp) as dj from analytics_person_jp_delta group by 1, 2 having sum(jp) <> 0) d
    join analytics_person a on a.civil_servant_id = d.civil_servant_id and a.status in ('active', 'leave')
    left join analytics_person_year y on y.civil_servant_id = d.civil_servant_id and y.year = d.year
   cross join lateral (values (coalesce(y.jp, 0) + d.dj, 1), (coalesce(y.jp, 0), -1)) as v(jp, sign)
   where v.jp > 0;
  create view analytics_jp_unit_now as
  select agency_id, unit_key, tier, year, jp_centi, ${sums(JP)} from (
    select agency_id, unit_key, tier, year, jp_centi, ${JP.join(', ')} from analytics_jp_unit
    union all select agency_id, unit_key, tier, year, jp_centi, ${JP.join(', ')} from analytics_jp_delta
    union all select agency_id, unit_key, tier, year, jp_centi, ${JP.join(', ')} from analytics_jp_pending) x
  group by 1, 2, 3, 4, 5;
  create view analytics_jp_agency_now as
  select agency_id, year, jp_centi, ${sums(JP)} from (
    select agency_id, year, jp_centi, ${JP.join(', ')} from analytics_jp_agency
    union all select agency_id, year, jp_centi, ${JP.join(', ')} from analytics_jp_delta
    union all select agency_id, year, jp_centi, ${JP.join(', ')} from analytics_jp_pending) x
  group by 1, 2, 3;
  -- a person's credited JP in a year, folded plus pending
  create view analytics_person_year_now as
  select civil_servant_id, year, sum(jp) as jp from (
    select civil_servant_id, year, jp from analytics_person_year
    union all select civil_servant_id, year, jp from analytics_person_jp_delta) x
  group by 1, 2;
  create view analytics_supply_now as
  select start_date, competency_code, ${sums(SUPPLY)} from (
    select start_date, competency_code, ${SUPPLY.join(', ')} from analytics_supply
    union all select start_date, competency_code, ${SUPPLY.join(', ')} from analytics_supply_delta) x
  group by 1, 2;
  create view analytics_cohort_now as
  select programme_id, offering_key, ${sums(COUNTERS)} from (
    select programme_id, offering_key, ${COUNTERS.join(', ')} from analytics_cohort
    union all select programme_id, offering_key, ${COUNTERS.join(', ')} from analytics_cohort_delta) x
  group by 1, 2;

  -- Moves the deltas into the counters. One fold at a time (an advisory lock; a second caller
  -- returns at once); every upsert is in key order. Returns the number of delta rows folded.
  create function analytics_fold() returns bigint language plpgsql as $$
  declare
    n bigint := 0;
    k bigint;
    v_ids bigint[];
    v_years smallint[];
    v_dj numeric[];
  begin
    if not pg_try_advisory_xact_lock(7301205) then
      return 0;
    end if;
    -- credited JP per person and year: histogram moves at the person's placement, then the totals.
    -- The people's mirror rows are locked first, in key order (a move of the same person waits).
    with d as (delete from analytics_person_jp_delta returning *)
    select array_agg(g.civil_servant_id order by g.civil_servant_id, g.year), array_agg(g.year order by g.civil_servant_id, g.year),
           array_agg(g.dj order by g.civil_servant_id, g.year), coalesce(sum(g.n), 0)
      into v_ids, v_years, v_dj, k
      from (select civil_servant_id, year, sum(jp) as dj, count(*) as n from d group by 1, 2) g;
    n := n + k;
    perform 1 from analytics_person a where a.civil_servant_id = any(v_ids) order by a.civil_servant_id for share;
    insert into analytics_jp_delta (agency_id, unit_key, tier, year, jp_centi, people, jp_sum)
    select a.agency_id, a.unit_key, a.tier, u.year, least((v.jp * 100)::int, 2000), sum(v.sign), sum(v.sign * v.jp)
      from unnest(v_ids, v_years, v_dj) as u(id, year, dj)
      join analytics_person a on a.civil_servant_id = u.id and a.status in ('active', 'leave')
      left join analytics_person_year y on y.civil_servant_id = u.id and y.year = u.year
     cross join lateral (values (coalesce(y.jp, 0) + u.dj, 1), (coalesce(y.jp, 0), -1)) as v(jp, sign)
     where u.dj <> 0 and v.jp > 0
     group by 1, 2, 3, 4, 5;
    insert into analytics_person_year as t (civil_servant_id, year, agency_id, jp)
    select u.id, u.year, a.agency_id, u.dj from unnest(v_ids, v_years, v_dj) as u(id, year, dj)
      join analytics_person a on a.civil_servant_id = u.id
     where u.dj <> 0
     order by 1, 2
    on conflict (civil_servant_id, year) do update set jp = t.jp + excluded.jp, agency_id = excluded.agency_id;

    with d as (delete from analytics_gap_delta returning *),
    g as (select agency_id, unit_key, tier, competency_code, ${sums(GAP)}, count(*) as n from d group by 1, 2, 3, 4),
    a as (
      insert into analytics_gap_agency as t (agency_id, competency_code, ${GAP.join(', ')})
      select agency_id, competency_code, ${sums(GAP)} from g group by 1, 2 order by 1, 2
      on conflict (agency_id, competency_code) do update set ${upsertSet('t', GAP)}
    ),
    u as (
      insert into analytics_gap_unit as t (agency_id, unit_key, tier, competency_code, ${GAP.join(', ')})
      select agency_id, unit_key, tier, competency_code, ${GAP.join(', ')} from g order by 1, 2, 3, 4
      on conflict (agency_id, unit_key, tier, competency_code) do update set ${upsertSet('t', GAP)}
    )
    select coalesce(sum(g.n), 0) into k from g;
    n := n + k;

    with d as (delete from analytics_headcount_delta returning *),
    g as (select agency_id, unit_key, tier, status, sum(people) as people, count(*) as n from d group by 1, 2, 3, 4),
    a as (
      insert into analytics_headcount_agency as t (agency_id, status, people)
      select agency_id, status, sum(people) from g group by 1, 2 order by 1, 2
      on conflict (agency_id, status) do update set people = t.people + excluded.people
    ),
    u as (
      insert into analytics_headcount_unit as t (agency_id, unit_key, tier, status, people)
      select agency_id, unit_key, tier, status, people from g order by 1, 2, 3, 4
      on conflict (agency_id, unit_key, tier, status) do update set people = t.people + excluded.people
    )
    select coalesce(sum(g.n), 0) into k from g;
    n := n + k;

    with d as (delete from analytics_jp_delta returning *),
    g as (select agency_id, unit_key, tier, year, jp_centi, ${sums(JP)}, count(*) as n from d group by 1, 2, 3, 4, 5),
    a as (
      insert into analytics_jp_agency as t (agency_id, year, jp_centi, ${JP.join(', ')})
      select agency_id, year, jp_centi, ${sums(JP)} from g group by 1, 2, 3 order by 2, 1, 3
      on conflict (year, agency_id, jp_centi) do update set ${upsertSet('t', JP)}
    ),
    u as (
      insert into analytics_jp_unit as t (agency_id, unit_key, tier, year, jp_centi, ${JP.join(', ')})
      select agency_id, unit_key, tier, year, jp_centi, ${JP.join(', ')} from g order by 1, 4, 2, 3, 5
      on conflict (agency_id, year, unit_key, tier, jp_centi) do update set ${upsertSet('t', JP)}
    )
    select coalesce(sum(g.n), 0) into k from g;
    n := n + k;

    with d as (delete from analytics_supply_delta returning *),
    g as (select start_date, competency_code, ${sums(SUPPLY)}, count(*) as n from d group by 1, 2),
    u as (
      insert into analytics_supply as t (start_date, competency_code, ${SUPPLY.join(', ')})
      select start_date, competency_code, ${SUPPLY.join(', ')} from g order by 1, 2
      on conflict (start_date, competency_code) do update set ${upsertSet('t', SUPPLY)}
    )
    select coalesce(sum(g.n), 0) into k from g;
    n := n + k;

    with d as (delete from analytics_cohort_delta returning *),
    g as (select programme_id, offering_key, ${COUNTERS.map((c) => `coalesce(sum(${c}), 0) as ${c}`).join(', ')}, count(*) as n from d group by 1, 2),
    u as (
      insert into analytics_cohort as t (programme_id, offering_key, ${COUNTERS.join(', ')})
      select programme_id, offering_key, ${COUNTERS.join(', ')} from g order by 1, 2
      on conflict (programme_id, offering_key) do update set ${upsertSet('t', COUNTERS)}
    )
    select coalesce(sum(g.n), 0) into k from g;
    return n + k;
  end $$;
`;

// The from-scratch derivation of every analytics table: the migration's backfill, the synthetic
// loader (which keeps the registry triggers off during its COPY), and repairs.
const REBUILD = `
  create function analytics_rebuild() returns void language plpgsql as $$
  declare
    v_cutoff date;
  begin
    perform pg_advisory_xact_lock(7301205);
    select s.cutoff into v_cutoff from competency_current_state s;
    truncate analytics_gap_unit, analytics_gap_agency, analytics_gap_delta, analytics_headcount_unit, analytics_headcount_agency,
      analytics_headcount_delta, analytics_jp_unit, analytics_jp_agency, analytics_jp_delta, analytics_person, analytics_person_year, analytics_person_jp_delta,
      analytics_supply, analytics_supply_delta, analytics_cohort, analytics_cohort_delta, analytics_offering, analytics_programme, analytics_provider;

    insert into analytics_person (civil_servant_id, agency_id, unit_key, tier, status)
    select cs.id, cs.agency_id, coalesce(cs.unit_id, 0), coalesce(p.tier, ''), cs.status
      from civil_servant cs left join position p on p.id = cs.position_id
     order by cs.id;
    insert into analytics_person_year (civil_servant_id, year, agency_id, jp)
    select l.civil_servant_id, l.year, a.agency_id, sum(l.jp)
      from learning_record l join analytics_person a on a.civil_servant_id = l.civil_servant_id
     where l.status = 'credited'
     group by 1, 2, 3
    having sum(l.jp) <> 0;

    insert into analytics_headcount_unit (agency_id, unit_key, tier, status, people)
    select agency_id, unit_key, tier, status, count(*) from analytics_person group by 1, 2, 3, 4;
    insert into analytics_headcount_agency (agency_id, status, people)
    select agency_id, status, sum(people) from analytics_headcount_unit group by 1, 2;

    -- every active person with a position × the position's effective standard, with the level counted at the cutoff
    insert into analytics_gap_unit (agency_id, unit_key, tier, competency_code, ${GAP.join(', ')})
    with std as (
      select o.position_id, o.competency_code as code, o.required_level as required from competency_position_standard o
      union all
      select pos.id, t.competency_code, t.required_level from position pos join competency_tier_standard t on t.tier = pos.tier
       where not exists (select 1 from competency_position_standard o where o.position_id = pos.id and o.competency_code = t.competency_code)
    )
    select cs.agency_id, coalesce(cs.unit_id, 0), pos.tier, s.code, count(*), count(c.level),
           count(*) filter (where s.required > coalesce(c.level, 0)), sum(greatest(s.required - coalesce(c.level, 0), 0))
      from civil_servant cs
      join position pos on pos.id = cs.position_id
      join std s on s.position_id = cs.position_id
      left join competency_current c on c.civil_servant_id = cs.id and c.competency_code = s.code and c.assessed_on > v_cutoff
     where cs.status = 'active'
     group by 1, 2, 3, 4;
    insert into analytics_gap_agency (agency_id, competency_code, ${GAP.join(', ')})
    select agency_id, competency_code, ${sums(GAP)} from analytics_gap_unit group by 1, 2;

    insert into analytics_jp_unit (agency_id, unit_key, tier, year, jp_centi, people, jp_sum)
    select a.agency_id, a.unit_key, a.tier, y.year, least((y.jp * 100)::int, 2000), count(*), sum(y.jp)
      from analytics_person_year y
      join analytics_person a on a.civil_servant_id = y.civil_servant_id and a.status in ('active', 'leave')
     where y.jp > 0
     group by 1, 2, 3, 4, 5;
    insert into analytics_jp_agency (agency_id, year, jp_centi, people, jp_sum)
    select agency_id, year, jp_centi, sum(people), sum(jp_sum) from analytics_jp_unit group by 1, 2, 3;

    insert into analytics_provider (provider_id, code, name, kind, accr_grade, accr_valid_to)
    select id, code, name, kind, accr_grade, accr_valid_to from provider;
    insert into analytics_programme (programme_id, provider_id, partner_ids, code, title_id, title_en, category, status, quality, accr_grade, accr_valid_to)
    select id, provider_id, partner_provider_ids, code, title_id, title_en, category, status, quality, accr_grade, accr_valid_to from programme;
    insert into analytics_offering (offering_id, programme_id, code, start_date, end_date, status, capacity, seats_taken)
    select id, programme_id, code, start_date, end_date, status, capacity, enrolled_count from offering;

    insert into analytics_supply (start_date, competency_code, offerings, seats)
    select o.start_date, pc.competency_code, count(*), sum(o.capacity)
      from offering o join programme pr on pr.id = o.programme_id and pr.status = 'published'
      join programme_competency pc on pc.programme_id = o.programme_id
     where o.status in ('planned', 'open', 'closed', 'running')
     group by 1, 2;

    insert into analytics_cohort (programme_id, offering_key, ${COUNTERS.join(', ')})
    select programme_id, offering_key, ${COUNTERS.map((c) => `coalesce(sum(${c}), 0)`).join(', ')} from (
      select programme_id, offering_id as offering_key,
             count(*) filter (where status = 'requested') as requested, count(*) filter (where status = 'approved') as approved,
             count(*) filter (where status = 'enrolled') as enrolled, count(*) filter (where status = 'waitlisted') as waitlisted,
             count(*) filter (where status = 'completed') as completed, count(*) filter (where status = 'not_completed') as not_completed,
             count(*) filter (where status = 'withdrawn') as withdrawn, count(*) filter (where status = 'no_show') as no_show,
             count(*) filter (where status = 'rejected') as rejected,
             null::bigint as reaction_n, null::numeric as reaction_sum, null::bigint as pre_n, null::numeric as pre_sum,
             null::bigint as post_n, null::numeric as post_sum, null::bigint as follow_n, null::numeric as follow_sum
        from enrolment group by 1, 2
      union all
      select programme_id, coalesce(offering_id, 0), null, null, null, null, null, null, null, null, null,
             count(*), sum(score), null, null, null, null, null, null
        from evaluation_reaction group by 1, 2
      union all
      select programme_id, offering_id, null, null, null, null, null, null, null, null, null, null, null,
             count(pre_score), coalesce(sum(pre_score), 0), count(post_score), coalesce(sum(post_score), 0), null, null
        from evaluation_test_score group by 1, 2
      union all
      select f.programme_id, coalesce(c.offering_id, 0), null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
             count(*), sum(f.score)
        from evaluation_follow_up f left join certificate c on c.id = f.certificate_id
       where f.status = 'completed' and f.score is not null
       group by 1, 2
    ) x group by 1, 2;
  end $$;
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const script of [TABLES, REGISTRY, LEARNING, EVALUATION, CATALOGUE, READS, REBUILD]) await runScript(db, script);
  await runScript(db, `
    set local work_mem = '256MB';
    select analytics_rebuild();
    analyze analytics_gap_unit, analytics_gap_agency, analytics_headcount_unit, analytics_headcount_agency, analytics_jp_unit,
      analytics_jp_agency, analytics_person, analytics_person_year, analytics_supply, analytics_cohort, analytics_offering, analytics_programme, analytics_provider;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    drop trigger analytics_civil_servant_insert on civil_servant;
    drop trigger analytics_civil_servant_update on civil_servant;
    drop trigger analytics_civil_servant_delete on civil_servant;
    drop trigger analytics_current_insert on competency_current;
    drop trigger analytics_current_update on competency_current;
    drop trigger analytics_current_delete on competency_current;
    drop trigger analytics_cutoff_move on competency_current_state;
    drop trigger analytics_tier_standard_insert on competency_tier_standard;
    drop trigger analytics_tier_standard_update on competency_tier_standard;
    drop trigger analytics_tier_standard_delete on competency_tier_standard;
    drop trigger analytics_position_standard_insert on competency_position_standard;
    drop trigger analytics_position_standard_update on competency_position_standard;
    drop trigger analytics_position_standard_delete on competency_position_standard;
    drop trigger analytics_position_tier on position;
    drop trigger analytics_ledger_insert on learning_record;
    drop trigger analytics_ledger_update on learning_record;
    drop trigger analytics_ledger_delete on learning_record;
    drop trigger analytics_enrolment_insert on enrolment;
    drop trigger analytics_enrolment_update on enrolment;
    drop trigger analytics_enrolment_delete on enrolment;
    drop trigger analytics_reaction on evaluation_reaction;
    drop trigger analytics_test_score on evaluation_test_score;
    drop trigger analytics_follow_up on evaluation_follow_up;
    drop trigger analytics_offering_insert on offering;
    drop trigger analytics_offering_update on offering;
    drop trigger analytics_programme_insert on programme;
    drop trigger analytics_programme_update on programme;
    drop trigger analytics_programme_competency_insert on programme_competency;
    drop trigger analytics_programme_competency_update on programme_competency;
    drop trigger analytics_provider_insert on provider;
    drop trigger analytics_provider_update on provider;
    drop view analytics_gap_unit_now, analytics_gap_agency_now, analytics_headcount_unit_now, analytics_headcount_agency_now,
      analytics_jp_unit_now, analytics_jp_agency_now, analytics_jp_pending, analytics_person_year_now, analytics_supply_now, analytics_cohort_now;
    drop function analytics_rebuild, analytics_fold, analytics_civil_servant_inserted, analytics_civil_servant_updated, analytics_civil_servant_deleted,
      analytics_current_inserted, analytics_current_updated, analytics_current_deleted, analytics_cutoff_moved,
      analytics_tier_standard_inserted, analytics_tier_standard_updated, analytics_tier_standard_deleted,
      analytics_position_standard_inserted, analytics_position_standard_updated, analytics_position_standard_deleted,
      analytics_position_tier_changed, analytics_ledger_inserted, analytics_ledger_updated, analytics_ledger_deleted,
      analytics_enrolment_inserted, analytics_enrolment_updated, analytics_enrolment_deleted,
      analytics_reaction_changed, analytics_test_score_changed, analytics_follow_up_changed,
      analytics_offering_changed, analytics_programme_changed, analytics_programme_competency_changed, analytics_provider_changed, analytics_std;
    drop index analytics_civil_servant_position;
    drop table analytics_gap_unit, analytics_gap_agency, analytics_gap_delta, analytics_headcount_unit, analytics_headcount_agency,
      analytics_headcount_delta, analytics_jp_unit, analytics_jp_agency, analytics_jp_delta, analytics_person, analytics_person_year, analytics_person_jp_delta,
      analytics_supply, analytics_supply_delta, analytics_cohort, analytics_cohort_delta, analytics_offering, analytics_programme, analytics_provider;
  `);
}
