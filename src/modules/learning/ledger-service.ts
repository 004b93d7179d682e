// The JP ledger: learning records from every source (offering completions, approved
// self-reported activities, later xAPI), the conversion table per learning form, and the 20-JP
// status per person per year, rolled up by unit, agency and nation.
//
// A learning record is created once per (source, source_ref) — 'enrolment:<id>',
// 'self_report:<id>', or an xAPI statement id — so repeating a completion or a push never
// credits twice. Certificates reference a record by its id.
import { sql, type Kysely } from 'kysely';
import type { Caller, Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { RecordSource } from '../../db/learning-schema.ts';
import type { Actor } from '../../http/actor.ts';
import { problems, type FieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/service.ts';
import { todayJakarta } from '../catalog/rules.ts';
import { csvLine } from '../org/import/csv-out.ts';
import { mayViewPersonalData } from '../org/policy.ts';
import { LEARNING_FORMS } from '../catalog/vocab.ts';
import { actorOf } from './enrolment-service.ts';
import { guarded } from './errors.ts';
import { notify } from './notifications.ts';
import { isDirectSupervisor, isSelf, mayAdministerAgency, mayEditConversions, mayReadAgency, mayReadAllLearning } from './policy.ts';
import * as repo from './repository.ts';
import { JP_ENTITLEMENT, jpStatus, minutesToJp, yearElapsed } from './rules.ts';
import { notificationText } from './notification-text.ts';

const num = (v: string | number | null) => (v === null ? null : Number(v));

export interface RecordInput {
  civilServantId: number;
  agencyId: number;
  source: RecordSource;
  sourceRef: string;
  programmeId?: number | null;
  offeringId?: number | null;
  learningForm: string;
  title: string;
  completedOn: string;
  jp: number;
  evidenceUrl?: string | null;
  status?: 'credited' | 'held';
}

/** Creates the learning record of an activity, or returns the one already made for the same source_ref. */
export async function creditRecord(db: Kysely<DB>, input: RecordInput): Promise<number> {
  return (await creditRecords(db, [input]))[0];
}

/** creditRecord for many activities (a cohort's completions): one insert, one look-up of the ones already made. Ids in input order. */
export async function creditRecords(db: Kysely<DB>, inputs: RecordInput[]): Promise<number[]> {
  if (!inputs.length) return [];
  const key = (source: string, ref: string) => `${source}\u0000${ref}`;
  const ids = new Map<string, number>();
  for (let start = 0; start < inputs.length; start += 1000) {
    const rows = await db
      .insertInto('learning_record')
      .values(
        inputs.slice(start, start + 1000).map((input) => ({
          civil_servant_id: input.civilServantId,
          agency_id: input.agencyId,
          year: Number(input.completedOn.slice(0, 4)),
          source: input.source,
          source_ref: input.sourceRef,
          programme_id: input.programmeId ?? null,
          offering_id: input.offeringId ?? null,
          learning_form: input.learningForm,
          title: input.title,
          completed_on: input.completedOn,
          jp: input.jp,
          status: input.status ?? 'credited',
          evidence_url: input.evidenceUrl ?? null,
        })),
      )
      .onConflict((oc) => oc.columns(['source', 'source_ref']).doNothing())
      .returning(['id', 'source', 'source_ref'])
      .execute();
    for (const r of rows) ids.set(key(r.source, r.source_ref), r.id);
  }
  const missing = inputs.filter((x) => !ids.has(key(x.source, x.sourceRef)));
  for (const source of new Set(missing.map((x) => x.source))) {
    const refs = missing.filter((x) => x.source === source).map((x) => x.sourceRef);
    const rows = await db.selectFrom('learning_record').select(['id', 'source_ref']).where('source', '=', source).where('source_ref', 'in', refs).execute();
    for (const r of rows) ids.set(key(source, r.source_ref), r.id);
  }
  return inputs.map((x) => {
    const id = ids.get(key(x.source, x.sourceRef));
    if (id === undefined) throw new Error(`learning record ${x.source} ${x.sourceRef} neither inserted nor found`);
    return id;
  });
}

/** Reverses the record made for (source, source_ref), e.g. when an xAPI statement is voided; returns its id, or null when there is none. */
export async function reverseRecord(db: Kysely<DB>, source: RecordSource, sourceRef: string): Promise<number | null> {
  const row = await db.updateTable('learning_record').set({ status: 'reversed', updated_at: new Date() }).where('source', '=', source).where('source_ref', '=', sourceRef).returning('id').executeTakeFirst();
  return row?.id ?? null;
}

// ---------- conversion table ----------

export async function listConversions({ db }: Deps) {
  const rows = await db.selectFrom('learning_form_conversion').selectAll().orderBy('learning_form').execute();
  return rows.map((r) => ({ learningForm: r.learning_form, minutesPerJp: r.minutes_per_jp, maxJpPerActivity: num(r.max_jp_per_activity), selfReportAllowed: r.self_report_allowed, updatedBy: r.updated_by, updatedAt: r.updated_at.toISOString() }));
}

export async function putConversion({ db }: Deps, caller: Caller, form: string, input: { minutesPerJp: number; maxJpPerActivity: number | null; selfReportAllowed: boolean }) {
  const actor = actorOf(caller);
  if (!mayEditConversions(actor)) throw problems.forbidden('The conversion table is kept by national admins.');
  if (!(LEARNING_FORMS as readonly string[]).includes(form)) throw problems.validation([{ field: 'params.form', message: `is not a learning form (${LEARNING_FORMS.join(', ')})` }]);
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('learning_form_conversion').selectAll().where('learning_form', '=', form).executeTakeFirst();
    const values = { minutes_per_jp: input.minutesPerJp, max_jp_per_activity: input.maxJpPerActivity, self_report_allowed: input.selfReportAllowed, updated_by: actor.label, updated_at: new Date() };
    await tx.insertInto('learning_form_conversion').values({ learning_form: form, ...values }).onConflict((oc) => oc.column('learning_form').doUpdateSet(values)).execute();
    await recordAudit(tx, caller, { action: 'jp_conversion.set', entityType: 'learning_form_conversion', entityId: form, scopeType: 'national', scopeId: null, before: before ?? null, after: input });
  });
}

async function conversionOf(db: Kysely<DB>, form: string) {
  const r = await db.selectFrom('learning_form_conversion').selectAll().where('learning_form', '=', form).executeTakeFirst();
  return r ? { minutes_per_jp: r.minutes_per_jp, max_jp_per_activity: num(r.max_jp_per_activity), self_report_allowed: r.self_report_allowed } : undefined;
}

// ---------- self-reported activities ----------

export interface ActivityInput {
  learningForm: string;
  title: string;
  organiser?: string | null;
  startedOn: string;
  endedOn: string;
  minutes: number;
  evidenceUrl?: string | null;
  evidenceNote?: string | null;
}

const validDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

function presentActivity(r: { id: number; civil_servant_id: number; learning_form: string; title: string; organiser: string | null; started_on: string; ended_on: string; minutes: number; jp: string; evidence_url: string | null; evidence_note: string | null; status: string; decided_by: string | null; decision_note: string | null; learning_record_id: number | null; created_at: Date; person_name?: string }) {
  return {
    id: r.id,
    civilServantId: Number(r.civil_servant_id),
    personName: r.person_name ?? null,
    learningForm: r.learning_form,
    title: r.title,
    organiser: r.organiser,
    startedOn: r.started_on,
    endedOn: r.ended_on,
    minutes: r.minutes,
    jp: Number(r.jp),
    evidenceUrl: r.evidence_url,
    evidenceNote: r.evidence_note,
    status: r.status,
    decidedBy: r.decided_by,
    decisionNote: r.decision_note,
    learningRecordId: r.learning_record_id,
    createdAt: r.created_at.toISOString(),
  };
}

/** A learner reports an activity (seminar, coaching, self-study…) with evidence; their supervisor approves it into the ledger. */
export async function submitActivity(deps: Deps, caller: Caller, input: ActivityInput) {
  const actor = actorOf(caller);
  if (actor.civilServantId === null) throw problems.forbidden('This account is not linked to a civil servant, so it has no JP ledger.');
  const person = await repo.personFacts(deps.db, actor.civilServantId);
  if (!person) throw problems.forbidden('This account is not linked to a civil servant record.');
  const errors: FieldError[] = [];
  const conversion = await conversionOf(deps.db, input.learningForm);
  if (!conversion) errors.push({ field: 'body.learningForm', message: `is not a learning form (${LEARNING_FORMS.join(', ')})` });
  else if (!conversion.self_report_allowed) errors.push({ field: 'body.learningForm', message: 'cannot be self-reported (see the conversion table)' });
  if (!validDate(input.startedOn)) errors.push({ field: 'body.startedOn', message: 'is not a real date (YYYY-MM-DD)' });
  if (!validDate(input.endedOn)) errors.push({ field: 'body.endedOn', message: 'is not a real date (YYYY-MM-DD)' });
  else if (input.endedOn > todayJakarta()) errors.push({ field: 'body.endedOn', message: 'is in the future; report an activity once it is done' });
  if (validDate(input.startedOn) && validDate(input.endedOn) && input.endedOn < input.startedOn) errors.push({ field: 'body.endedOn', message: 'is before startedOn' });
  if (!input.evidenceUrl && !input.evidenceNote?.trim()) errors.push({ field: 'body.evidenceUrl', message: 'evidence is required: a link (evidenceUrl) or a description (evidenceNote)' });
  if (errors.length) throw problems.validation(errors);
  const jp = minutesToJp(input.minutes, conversion!);
  return guarded(() =>
    deps.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('self_reported_activity')
        .values({ civil_servant_id: person.id, agency_id: person.agency_id, supervisor_id: person.supervisor_id, learning_form: input.learningForm, title: input.title.trim(), organiser: input.organiser ?? null, started_on: input.startedOn, ended_on: input.endedOn, minutes: input.minutes, jp, evidence_url: input.evidenceUrl ?? null, evidence_note: input.evidenceNote ?? null })
        .returningAll()
        .executeTakeFirstOrThrow();
      const to = person.supervisor_id !== null ? [{ civilServantId: person.supervisor_id }] : [{ agencyAdminsOf: person.agency_id }];
      await notify(tx, deps.config, to, { kind: 'activity.approval_needed', ...notificationText.activityApprovalNeeded(person.name, row.title, jp), link: '/learning/approvals', entityType: 'self_reported_activity', entityId: row.id, agencyId: person.agency_id });
      await recordAudit(tx, caller, { action: 'activity.submitted', entityType: 'self_reported_activity', entityId: row.id, scopeType: 'agency', scopeId: person.agency_id, after: input });
      return presentActivity(row);
    }),
  );
}

export async function decideActivity(deps: Deps, caller: Caller, id: number, decision: 'approve' | 'reject', note: string | null) {
  const actor = actorOf(caller);
  return guarded(() =>
    deps.db.transaction().execute(async (tx) => {
      const a = await tx.selectFrom('self_reported_activity').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      const person = a ? await repo.personFacts(tx, a.civil_servant_id) : undefined;
      if (!a || !person) throw problems.notFound('No such activity.');
      const mayDecide = person.supervisor_id !== null ? isDirectSupervisor(actor, person) : mayAdministerAgency(actor, a.agency_id);
      if (!mayDecide) {
        if (isSelf(actor, a.civil_servant_id) || mayReadAgency(actor, a.agency_id)) throw problems.forbidden(person.supervisor_id !== null ? "Only the person's direct supervisor approves their activities." : "The agency admin approves the activities of people without a supervisor.");
        throw problems.notFound('No such activity.');
      }
      if (a.status !== 'submitted') throw problems.conflict(`This activity is ${a.status}; there is nothing to decide.`);
      if (decision === 'reject' && !note) throw problems.validation([{ field: 'body.reason', message: 'is required to reject an activity' }]);
      let recordId: number | null = null;
      if (decision === 'approve') {
        recordId = await creditRecord(tx, { civilServantId: a.civil_servant_id, agencyId: a.agency_id, source: 'self_report', sourceRef: `self_report:${a.id}`, learningForm: a.learning_form, title: a.title, completedOn: a.ended_on, jp: Number(a.jp), evidenceUrl: a.evidence_url });
      }
      const after = await tx
        .updateTable('self_reported_activity')
        .set({ status: decision === 'approve' ? 'approved' : 'rejected', decided_by: actor.label, decided_at: new Date(), decision_note: note, learning_record_id: recordId })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await notify(tx, deps.config, [{ civilServantId: a.civil_servant_id }], decision === 'approve'
        ? { kind: 'activity.approved', ...notificationText.activityApproved(a.title, Number(a.jp)), link: '/learning/jp', entityType: 'self_reported_activity', entityId: a.id, agencyId: a.agency_id }
        : { kind: 'activity.rejected', ...notificationText.activityRejected(a.title, note), link: '/learning/jp', entityType: 'self_reported_activity', entityId: a.id, agencyId: a.agency_id });
      await recordAudit(tx, caller, { action: `activity.${decision === 'approve' ? 'approved' : 'rejected'}`, entityType: 'self_reported_activity', entityId: a.id, scopeType: 'agency', scopeId: a.agency_id, before: { status: a.status }, after: { status: after.status, note, learningRecordId: recordId } });
      return presentActivity(after);
    }),
  );
}

export async function myActivities({ db }: Deps, actor: Actor) {
  if (actor.civilServantId === null) return [];
  const rows = await db.selectFrom('self_reported_activity').selectAll().where('civil_servant_id', '=', actor.civilServantId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
  return rows.map(presentActivity);
}

/** Activities awaiting the actor's decision: direct reports' (supervisor), or people without a supervisor in the admin's agencies. */
export async function activityInbox({ db }: Deps, actor: Actor) {
  const base = db.selectFrom('self_reported_activity as a').innerJoin('civil_servant as cs', 'cs.id', 'a.civil_servant_id').selectAll('a').select('cs.name as person_name').where('a.status', '=', 'submitted');
  const mine = actor.civilServantId !== null && actor.grants.some((g) => g.role === 'supervisor') ? await base.where('cs.supervisor_id', '=', actor.civilServantId).orderBy('a.created_at').limit(500).execute() : [];
  const agencies = mayReadAllLearning(actor) && actor.grants.some((g) => g.role === 'national_admin') ? 'all' : actor.grants.filter((g) => g.role === 'agency_admin' && g.scopeType === 'agency').map((g) => g.scopeId as number);
  const orphans = agencies === 'all' ? await base.where('cs.supervisor_id', 'is', null).orderBy('a.created_at').limit(500).execute() : agencies.length ? await base.where('cs.supervisor_id', 'is', null).where('a.agency_id', 'in', agencies).orderBy('a.created_at').limit(500).execute() : [];
  return [...mine, ...orphans].map(presentActivity);
}

// ---------- ledger and compliance ----------

function currentYear(): number {
  return Number(todayJakarta().slice(0, 4));
}

/** One person's ledger for a year: records, total and status against the 20-JP entitlement. */
export async function personLedger(deps: Deps, actor: Actor, personId: number, year = currentYear()) {
  const person = await repo.personFacts(deps.db, personId);
  if (!person || !(isSelf(actor, personId) || isDirectSupervisor(actor, person) || mayReadAgency(actor, person.agency_id))) throw problems.notFound('No such civil servant.');
  const rows = await deps.db.selectFrom('learning_record').selectAll().where('civil_servant_id', '=', personId).where('year', '=', year).orderBy('completed_on', 'desc').orderBy('id', 'desc').execute();
  const credited = rows.filter((r) => r.status === 'credited').reduce((n, r) => n + Number(r.jp), 0);
  const held = rows.filter((r) => r.status === 'held').reduce((n, r) => n + Number(r.jp), 0);
  const today = todayJakarta();
  const total = Math.round(credited * 100) / 100;
  return {
    person: { id: person.id, name: person.name, agencyId: person.agency_id },
    year,
    entitlement: JP_ENTITLEMENT,
    jp: total,
    heldJp: Math.round(held * 100) / 100,
    expectedByNow: Math.round(JP_ENTITLEMENT * yearElapsed(year, today) * 100) / 100,
    status: jpStatus(total, year, today),
    records: rows.map((r) => ({ id: r.id, source: r.source, sourceRef: r.source_ref, programmeId: r.programme_id, offeringId: r.offering_id, learningForm: r.learning_form, title: r.title, completedOn: r.completed_on, jp: Number(r.jp), status: r.status, evidenceUrl: r.evidence_url })),
  };
}

function statusSql(expected: number) {
  return sql<'met' | 'on_track' | 'at_risk'>`case when coalesce(j.jp, 0) >= ${JP_ENTITLEMENT} then 'met' when ${expected < JP_ENTITLEMENT}::boolean and coalesce(j.jp, 0) >= ${expected}::numeric then 'on_track' else 'at_risk' end`;
}

/** Per-person JP of a year for people of an agency (or all), as a derived table. */
function peopleJp(db: Kysely<DB>, year: number, agencyId: number | null) {
  const records = db
    .selectFrom('learning_record')
    .select(['civil_servant_id', sql<string>`sum(jp)`.as('jp')])
    .where('year', '=', year)
    .where('status', '=', 'credited')
    .groupBy('civil_servant_id');
  return agencyId === null ? records : records.where('civil_servant_id', 'in', db.selectFrom('civil_servant').select('id').where('agency_id', '=', agencyId));
}

/** People of an agency with their JP of the year and status, in id order (keyset pages). */
function compliancePeople(db: Kysely<DB>, agencyId: number, year: number, expected: number, q: { unitId?: number; status?: 'met' | 'on_track' | 'at_risk'; limit: number; after?: number }) {
  const status = statusSql(expected);
  let people = db
    .selectFrom('civil_servant as cs')
    .leftJoin(peopleJp(db, year, agencyId).as('j'), 'j.civil_servant_id', 'cs.id')
    .leftJoin('unit as u', 'u.id', 'cs.unit_id')
    .where('cs.agency_id', '=', agencyId)
    .where('cs.status', 'in', ['active', 'leave'])
    .select(['cs.id', 'cs.nip', 'cs.name', 'cs.agency_id', 'cs.unit_id', 'u.name as unit_name', sql<string>`coalesce(j.jp, 0)`.as('jp'), status.as('status')])
    .orderBy('cs.id')
    .limit(q.limit);
  if (q.unitId) people = people.where('cs.unit_id', '=', q.unitId);
  if (q.status) people = people.where(status, '=', q.status);
  if (q.after) people = people.where('cs.id', '>', q.after);
  return people.execute();
}

export async function agencyCompliance(deps: Deps, actor: Actor, agencyId: number, q: { year?: number; unitId?: number; status?: 'met' | 'on_track' | 'at_risk'; limit: number; after?: number }) {
  const { db } = deps;
  const agency = await db.selectFrom('agency').select(['id', 'code', 'name']).where('id', '=', agencyId).executeTakeFirst();
  if (!agency) throw problems.notFound('No such agency.');
  if (!mayReadAgency(actor, agencyId)) throw problems.forbidden("You may read your own agency's JP compliance only.");
  const year = q.year ?? currentYear();
  const today = todayJakarta();
  const expected = Math.round(JP_ENTITLEMENT * yearElapsed(year, today) * 100) / 100;
  const status = statusSql(expected);
  const base = db
    .selectFrom('civil_servant as cs')
    .leftJoin(peopleJp(db, year, agencyId).as('j'), 'j.civil_servant_id', 'cs.id')
    .leftJoin('unit as u', 'u.id', 'cs.unit_id')
    .where('cs.agency_id', '=', agencyId)
    .where('cs.status', 'in', ['active', 'leave']);
  const byUnit = await base
    .select(['cs.unit_id', 'u.name as unit_name', status.as('status'), (eb) => eb.fn.countAll<number>().as('people'), sql<string>`coalesce(sum(j.jp), 0)`.as('jp')])
    .groupBy(['cs.unit_id', 'u.name', sql`3`])
    .execute();
  const list = await compliancePeople(db, agencyId, year, expected, q);
  const units = new Map<string, { unitId: number | null; unitName: string | null; people: number; met: number; on_track: number; at_risk: number; jp: number }>();
  for (const r of byUnit) {
    const key = String(r.unit_id);
    const u = units.get(key) ?? { unitId: r.unit_id, unitName: r.unit_name, people: 0, met: 0, on_track: 0, at_risk: 0, jp: 0 };
    u.people += Number(r.people);
    u[r.status] += Number(r.people);
    u.jp += Number(r.jp);
    units.set(key, u);
  }
  const unitList = [...units.values()].map((u) => ({ ...u, jp: Math.round(u.jp * 100) / 100, averageJp: u.people ? Math.round((u.jp / u.people) * 100) / 100 : 0 }));
  return {
    agency,
    year,
    entitlement: JP_ENTITLEMENT,
    expectedByNow: expected,
    totals: totalsOf(unitList),
    units: unitList.sort((a, b) => (a.unitName ?? '~').localeCompare(b.unitName ?? '~')),
    people: list.map((r) => ({ id: Number(r.id), name: r.name, unitId: r.unit_id, unitName: r.unit_name, jp: Number(r.jp), status: r.status })),
    nextAfter: list.length === q.limit ? Number(list[list.length - 1].id) : null,
  };
}

const CSV_PAGE = 1000;

/**
 * The agency's compliance list as CSV lines (header first), every page of it: the same people,
 * JP and status as the JSON list, with the NIP for those who may see personal data.
 */
export async function* agencyComplianceCsv(deps: Deps, actor: Actor, agencyId: number, q: { year?: number; unitId?: number; status?: 'met' | 'on_track' | 'at_risk' }): AsyncGenerator<string> {
  const { db } = deps;
  const year = q.year ?? currentYear();
  const expected = Math.round(JP_ENTITLEMENT * yearElapsed(year, todayJakarta()) * 100) / 100;
  yield csvLine(['ID_PEGAWAI', 'NIP', 'NAMA', 'UNIT_KERJA', 'TAHUN', 'JP', 'TARGET_JP', 'STATUS']);
  let after: number | undefined;
  for (;;) {
    const rows = await compliancePeople(db, agencyId, year, expected, { ...q, limit: CSV_PAGE, after });
    for (const r of rows) yield csvLine([Number(r.id), mayViewPersonalData(actor, { id: Number(r.id), agency_id: r.agency_id }) ? r.nip : '', r.name, r.unit_name ?? '', year, Number(r.jp), JP_ENTITLEMENT, r.status]);
    if (rows.length < CSV_PAGE) return;
    after = Number(rows[rows.length - 1].id);
  }
}

/** Checks before a CSV answer starts (afterwards a refusal could no longer be a problem+json). */
export async function checkComplianceAccess(deps: Deps, actor: Actor, agencyId: number) {
  const agency = await deps.db.selectFrom('agency').select(['id', 'code']).where('id', '=', agencyId).executeTakeFirst();
  if (!agency) throw problems.notFound('No such agency.');
  if (!mayReadAgency(actor, agencyId)) throw problems.forbidden("You may read your own agency's JP compliance only.");
  return agency;
}

function totalsOf(groups: { people: number; met: number; on_track: number; at_risk: number; jp: number }[]) {
  const t = groups.reduce((a, g) => ({ people: a.people + g.people, met: a.met + g.met, on_track: a.on_track + g.on_track, at_risk: a.at_risk + g.at_risk, jp: a.jp + g.jp }), { people: 0, met: 0, on_track: 0, at_risk: 0, jp: 0 });
  return { ...t, jp: Math.round(t.jp * 100) / 100, averageJp: t.people ? Math.round((t.jp / t.people) * 100) / 100 : 0, metPct: t.people ? Math.round((t.met / t.people) * 10000) / 100 : 0 };
}

export async function nationalCompliance(deps: Deps, actor: Actor, year = currentYear()) {
  if (!mayReadAllLearning(actor)) throw problems.forbidden('The national JP compliance view is for national roles.');
  const { db } = deps;
  const today = todayJakarta();
  const expected = Math.round(JP_ENTITLEMENT * yearElapsed(year, today) * 100) / 100;
  const status = statusSql(expected);
  const rows = await db
    .selectFrom('civil_servant as cs')
    .leftJoin(peopleJp(db, year, null).as('j'), 'j.civil_servant_id', 'cs.id')
    .innerJoin('agency as a', 'a.id', 'cs.agency_id')
    .where('cs.status', 'in', ['active', 'leave'])
    .select(['a.id', 'a.code', 'a.name', status.as('status'), (eb) => eb.fn.countAll<number>().as('people'), sql<string>`coalesce(sum(j.jp), 0)`.as('jp')])
    .groupBy(['a.id', 'a.code', 'a.name', sql`4`])
    .execute();
  const agencies = new Map<number, { agencyId: number; code: string; name: string; people: number; met: number; on_track: number; at_risk: number; jp: number }>();
  for (const r of rows) {
    const a = agencies.get(r.id) ?? { agencyId: r.id, code: r.code, name: r.name, people: 0, met: 0, on_track: 0, at_risk: 0, jp: 0 };
    a.people += Number(r.people);
    a[r.status] += Number(r.people);
    a.jp += Number(r.jp);
    agencies.set(r.id, a);
  }
  const list = [...agencies.values()].map((a) => ({ ...a, jp: Math.round(a.jp * 100) / 100, averageJp: a.people ? Math.round((a.jp / a.people) * 100) / 100 : 0 }));
  return { year, entitlement: JP_ENTITLEMENT, expectedByNow: expected, nation: totalsOf(list), agencies: list.sort((a, b) => a.name.localeCompare(b.name)) };
}
