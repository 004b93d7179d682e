// Learning: enrolments (approvals, seats, waitlists), attendance and scores, completion rules,
// the JP ledger (learning records from offerings, self-reported activities and — later — xAPI),
// the conversion table per learning form, in-app notifications and the e-mail outbox.
// Every large table carries agency_id (the tenant key), like the registry.
import { sql, type Kysely } from 'kysely';
import { runScript } from '../statements.ts';

const FORMS = ['course', 'workshop', 'seminar', 'technical_guidance', 'e_learning', 'coaching', 'mentoring', 'internship', 'secondment', 'exchange', 'community_of_practice', 'self_study'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(db, `
    -- Per-agency enrolment setting: does the agency admin approve too (after the supervisor)?
    create table learning_agency_setting (
      agency_id integer primary key references agency(id),
      agency_approval_required boolean not null default false,
      updated_by text not null,
      updated_at timestamptz not null default now()
    );

    -- Completion rules of a programme (absent row = the default: 80 % attendance, no pass score, no required modules).
    create table programme_completion_rule (
      programme_id integer primary key references programme(id) on delete cascade,
      min_attendance_pct smallint not null default 80 check (min_attendance_pct between 0 and 100),
      pass_score numeric(5,2) check (pass_score between 0 and 100),
      required_modules text[] not null default '{}',
      updated_by text not null,
      updated_at timestamptz not null default now()
    );

    create table enrolment (
      id integer generated always as identity primary key,
      offering_id integer not null references offering(id),
      programme_id integer not null references programme(id),
      civil_servant_id bigint not null references civil_servant(id),
      agency_id integer not null references agency(id),
      status text not null check (status in ('requested','approved','enrolled','waitlisted','completed','not_completed','withdrawn','no_show','rejected')),
      -- holds one of the offering's seats (offering.enrolled_count = the enrolments holding one):
      -- taken at request time when a seat is free and kept through approval; false = queued
      seat_held boolean not null default false,
      origin text not null check (origin in ('self','nomination')),
      nominated_by text,
      -- waitlist priority: 1 = required by position or by an agency mandate, then the gap, then request time
      mandatory boolean not null default false,
      required_by_position boolean not null default false,
      priority_class smallint not null default 0,
      priority_gap integer not null default 0,
      supervisor_id bigint references civil_servant(id),
      supervisor_approval text not null check (supervisor_approval in ('pending','approved','rejected','not_required')),
      supervisor_decided_by text,
      supervisor_decided_at timestamptz,
      agency_approval text not null check (agency_approval in ('pending','approved','rejected','not_required')),
      agency_decided_by text,
      agency_decided_at timestamptz,
      requested_at timestamptz not null default now(),
      approved_at timestamptz,
      seated_at timestamptz,
      waitlisted_at timestamptz,
      finished_at timestamptz,
      reason text,
      score numeric(5,2) check (score between 0 and 100),
      attendance_pct numeric(5,2),
      learning_record_id integer,
      reminded_at timestamptz,
      updated_at timestamptz not null default now()
    );
    -- no double enrolment: one live enrolment per person per programme (the backstop of the service's check)
    create unique index enrolment_live on enrolment (programme_id, civil_servant_id) where status in ('requested','approved','enrolled','waitlisted');
    create index enrolment_offering on enrolment (offering_id, status);
    create index enrolment_queue on enrolment (offering_id, priority_class desc, priority_gap desc, requested_at, id) where not seat_held and status in ('requested','approved','waitlisted');
    create index enrolment_seats on enrolment (offering_id, agency_id) where seat_held;
    create index enrolment_person on enrolment (civil_servant_id, requested_at desc);
    create index enrolment_supervisor_inbox on enrolment (supervisor_id, requested_at) where status = 'requested';
    create index enrolment_agency on enrolment (agency_id, status);

    create table attendance (
      enrolment_id integer not null references enrolment(id) on delete cascade,
      session_id integer not null references offering_session(id) on delete cascade,
      agency_id integer not null,
      status text not null check (status in ('present','late','absent','excused')),
      recorded_by text not null,
      recorded_at timestamptz not null default now(),
      primary key (enrolment_id, session_id)
    );
    create index attendance_session on attendance (session_id);

    -- How minutes of an activity convert to JP, per learning form (1 JP = 45 minutes by default).
    create table learning_form_conversion (
      learning_form text primary key,
      minutes_per_jp integer not null check (minutes_per_jp between 1 and 600),
      max_jp_per_activity numeric(7,2) check (max_jp_per_activity > 0),
      self_report_allowed boolean not null default true,
      updated_by text not null,
      updated_at timestamptz not null default now()
    );

    -- The JP ledger: one row per JP-bearing activity, from any source; idempotent per (source, source_ref).
    create table learning_record (
      id integer generated always as identity primary key,
      civil_servant_id bigint not null references civil_servant(id),
      agency_id integer not null references agency(id),
      year smallint not null,
      source text not null check (source in ('offering','self_report','xapi')),
      source_ref text not null,
      programme_id integer references programme(id),
      offering_id integer references offering(id),
      learning_form text not null,
      title text not null,
      completed_on date not null,
      jp numeric(7,2) not null check (jp >= 0),
      status text not null default 'credited' check (status in ('credited','held','reversed')),
      evidence_url text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (source, source_ref)
    );
    create index learning_record_person on learning_record (civil_servant_id, year);
    create index learning_record_agency on learning_record (agency_id, year) include (civil_servant_id, jp, status);

    create table self_reported_activity (
      id integer generated always as identity primary key,
      civil_servant_id bigint not null references civil_servant(id),
      agency_id integer not null references agency(id),
      supervisor_id bigint references civil_servant(id),
      learning_form text not null,
      title text not null,
      organiser text,
      started_on date not null,
      ended_on date not null,
      minutes integer not null check (minutes between 1 and 100000),
      jp numeric(7,2) not null check (jp >= 0),
      evidence_url text,
      evidence_note text,
      status text not null default 'submitted' check (status in ('submitted','approved','rejected','withdrawn')),
      decided_by text,
      decided_at timestamptz,
      decision_note text,
      learning_record_id integer references learning_record(id),
      created_at timestamptz not null default now(),
      check (ended_on >= started_on),
      check (evidence_url is not null or evidence_note is not null)
    );
    create index self_report_person on self_reported_activity (civil_servant_id, created_at desc);
    create index self_report_inbox on self_reported_activity (supervisor_id) where status = 'submitted';
    create index self_report_agency on self_reported_activity (agency_id, status);

    -- In-app notifications: to a civil servant (every account linked to them sees it) or to one account.
    create table notification (
      id bigint generated always as identity primary key,
      recipient_civil_servant_id bigint references civil_servant(id),
      recipient_user_id uuid references user_account(id) on delete cascade,
      agency_id integer,
      kind text not null,
      title text not null,
      body text not null,
      link text,
      entity_type text,
      entity_id text,
      created_at timestamptz not null default now(),
      read_at timestamptz,
      check (recipient_civil_servant_id is not null or recipient_user_id is not null)
    );
    create index notification_person on notification (recipient_civil_servant_id, id desc) where recipient_civil_servant_id is not null;
    create index notification_user on notification (recipient_user_id, id desc) where recipient_user_id is not null;

    -- E-mail sent after commit: rows are written in the transaction of the event, a poller sends them.
    create table email_outbox (
      id bigint generated always as identity primary key,
      notification_id bigint references notification(id) on delete set null,
      to_address text not null,
      subject text not null,
      body text not null,
      status text not null default 'pending' check (status in ('pending','sent','failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      sent_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index email_outbox_due on email_outbox (next_attempt_at, id) where status = 'pending';
  `);
  // The shipped conversion table: illustrative, 1 JP = 45 minutes for every form, with a cap per
  // self-reported activity for the informal forms. National admins change it through the API.
  const caps: Record<string, number | null> = { seminar: 8, community_of_practice: 8, self_study: 10, coaching: 16, mentoring: 16 };
  for (const form of FORMS) {
    await sql`insert into learning_form_conversion (learning_form, minutes_per_jp, max_jp_per_activity, self_report_allowed, updated_by)
      values (${form}, 45, ${caps[form] ?? null}, true, 'migration')`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table email_outbox, notification, self_reported_activity, learning_record, learning_form_conversion, attendance, enrolment, programme_completion_rule, learning_agency_setting`.execute(db);
}
