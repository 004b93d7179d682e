// National seat allocation (src/modules/allocation): runs with their parameters and status, the
// groups of people a run allocated to (agency × tier × competency × current → required level),
// with the structured reason of each group's outcome, and the seats assigned per group × offering
// by the optimiser and by the greedy baseline of the same run.
//
//   queued ──(a worker claims it)──▶ running ──▶ done | failed
// A run that is 'running' with an expired lease (its instance died) is claimed again.
import type { Kysely } from 'kysely';
import { runScript } from '../statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    create table allocation_run (
      id integer generated always as identity primary key,
      status text not null default 'queued' check (status in ('queued','running','done','failed')),
      -- the validated what-if parameters (see src/modules/allocation/params.ts)
      params jsonb not null,
      label text,
      stage text,
      progress real not null default 0 check (progress between 0 and 1),
      lease_until timestamptz,
      -- totals: optimiser and greedy gap closed, seats, cost, budget by agency, model size, timings
      summary jsonb,
      latsar jsonb,
      -- why a run failed: a problem (status, type, title, detail, reasons)
      problem jsonb,
      created_by text not null,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    );
    create index allocation_run_queue on allocation_run (created_at) where status in ('queued','running');

    create table allocation_group (
      run_id integer not null references allocation_run(id) on delete cascade,
      id integer not null,
      -- no foreign key to agency: written in bulk by the allocation only, from agencies it read
      agency_id integer not null,
      tier text not null,
      province_code text,
      competency_code text not null,
      current_level smallint not null,
      required_level smallint not null,
      people integer not null check (people > 0),
      seats integer not null default 0,
      gap_closed integer not null default 0,
      greedy_seats integer not null default 0,
      greedy_gap_closed integer not null default 0,
      -- structured reason, as a short array (encodeReason in src/modules/allocation/explain.ts), rendered in words by the API
      reason jsonb not null,
      primary key (run_id, id)
    );
    create index allocation_group_agency on allocation_group (run_id, agency_id);

    create table allocation_assignment (
      run_id integer not null references allocation_run(id) on delete cascade,
      method text not null check (method in ('optimiser','greedy')),
      group_id integer not null,
      agency_id integer not null,
      offering_id integer not null,
      seats integer not null check (seats > 0),
      gap_closed integer not null,
      cost numeric(16,2) not null,
      primary key (run_id, method, group_id, offering_id)
    );
    create index allocation_assignment_agency on allocation_assignment (run_id, method, agency_id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `drop table allocation_assignment, allocation_group, allocation_run;`);
}
