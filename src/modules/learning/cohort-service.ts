// The provider's cohort page: participants, waitlist, the attendance grid, scores; and the writes
// behind it — attendance (per session, bulk), scores, no-shows, completion by the programme's
// rules with the JP credited to the ledger and the certificate issued in the same transaction.
import { sql, type Kysely } from 'kysely';
import type { Caller, Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { AttendanceStatus } from '../../db/learning-schema.ts';
import type { Actor } from '../../http/actor.ts';
import { problems, type FieldError } from '../../http/problem.ts';
import { recordAudit, recordAudits } from '../audit/service.ts';
import { todayJakarta } from '../catalog/rules.ts';
import { adminProviders, findOffering, isNationalAdmin, lockOffering, mayManageProgramme, mayManageSession, mayViewProgrammeAdmin, programmeForEnrolment, programmeListScope, sessionsOf } from './catalog-port.ts';
import { issueCertificatesIfAvailable } from './certificates.ts';
import { actorOf, presentEnrolments } from './enrolment-service.ts';
import { guarded, learningProblems } from './errors.ts';
import { creditRecords } from './ledger-service.ts';
import { notify, notifyMany } from './notifications.ts';
import * as repo from './repository.ts';
import { DEFAULT_RULE, evaluateCompletion, type CompletionRule } from './rules.ts';
import { notificationText } from './notification-text.ts';

async function context(db: Kysely<DB>, actor: Actor, offeringId: number, lock = false) {
  const o = lock ? await lockOffering(db, offeringId) : await findOffering(db, offeringId);
  const p = o ? await programmeForEnrolment(db, o.programme_id) : undefined;
  if (!o || !p || !mayViewProgrammeAdmin(actor, p)) throw problems.notFound('No such offering.');
  return { o, p };
}

export async function completionRule(db: Kysely<DB>, programmeId: number): Promise<CompletionRule & { isDefault: boolean }> {
  const r = await db.selectFrom('programme_completion_rule').selectAll().where('programme_id', '=', programmeId).executeTakeFirst();
  if (!r) return { ...DEFAULT_RULE, isDefault: true };
  return { min_attendance_pct: r.min_attendance_pct, pass_score: r.pass_score === null ? null : Number(r.pass_score), required_modules: r.required_modules, isDefault: false };
}

// ---------- reads ----------

export async function cohort(deps: Deps, actor: Actor, offeringId: number) {
  const { db } = deps;
  const { o, p } = await context(db, actor, offeringId);
  const sessions = await sessionsOf(db, offeringId);
  const rows = await repo.enrolmentQuery(db).where('e.offering_id', '=', offeringId).orderBy('cs.name').orderBy('e.id').execute();
  const people = await presentEnrolments(db, rows);
  const marks = await db
    .selectFrom('attendance')
    .innerJoin('enrolment', 'enrolment.id', 'attendance.enrolment_id')
    .select(['attendance.enrolment_id', 'attendance.session_id', 'attendance.status'])
    .where('enrolment.offering_id', '=', offeringId)
    .execute();
  const grid = new Map<string, AttendanceStatus>(marks.map((m) => [`${m.enrolment_id}:${m.session_id}`, m.status]));
  const rule = await completionRule(db, p.id);
  const participants = people.filter((x) => x.seat === 'held' || ['completed', 'not_completed', 'no_show'].includes(x.status));
  const waitlist = people.filter((x) => x.seat === 'queued').sort((a, b) => (a.queuePosition ?? 0) - (b.queuePosition ?? 0));
  return {
    offering: { id: o.id, code: o.code, programmeId: p.id, programmeCode: p.code, startDate: o.start_date, endDate: o.end_date, capacity: o.capacity, seatsTaken: o.enrolled_count, seatsLeft: Math.max(0, o.capacity - o.enrolled_count), status: o.status },
    rule: { minAttendancePct: rule.min_attendance_pct, passScore: rule.pass_score, requiredModules: rule.required_modules, isDefault: rule.isDefault },
    sessions: sessions.map((s) => ({ id: s.id, title: s.title, module: s.module, providerId: s.provider_id, providerCode: s.provider_code, startsAt: s.starts_at.toISOString(), endsAt: s.ends_at.toISOString(), jp: s.jp, mayRecord: mayManageSession(actor, p, s.provider_id) })),
    participants: participants.map((x) => ({ ...x, attendance: sessions.map((s) => grid.get(`${x.id}:${s.id}`) ?? null) })),
    waitlist,
    others: people.filter((x) => !participants.includes(x) && !waitlist.includes(x)).map((x) => ({ id: x.id, status: x.status, person: x.person, reason: x.reason })),
  };
}

/** The cohorts a provider admin works on: offerings of programmes their provider leads or partners in (national roles: all). */
export async function listCohorts(deps: Deps, actor: Actor, q: { status?: string; limit: number }) {
  const rows = await repo.cohortList(deps.db, programmeListScope(actor), q);
  const mine = adminProviders(actor);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    status: r.status,
    startDate: r.start_date,
    endDate: r.end_date,
    capacity: r.capacity,
    seatsTaken: r.enrolled_count,
    enrolled: Number(r.enrolled ?? 0),
    waiting: Number(r.waiting ?? 0),
    finished: Number(r.finished ?? 0),
    programme: { id: r.programme_id, code: r.programme_code, titleId: r.title_id, titleEn: r.title_en },
    leadProviderCode: r.provider_code,
    myPart: isNationalAdmin(actor) || mine.includes(r.provider_id) ? ('lead' as const) : mine.length ? ('partner' as const) : ('reader' as const),
  }));
}

// ---------- attendance ----------

export interface AttendanceInput {
  enrolmentId: number;
  sessionId: number;
  status: AttendanceStatus;
}

/** Records attendance cells in bulk: all or nothing; each cell is checked (participant, session of this offering, delivered by you, started). */
export async function recordAttendance(deps: Deps, caller: Caller, offeringId: number, records: AttendanceInput[]) {
  const actor = actorOf(caller);
  return guarded(() =>
    deps.db.transaction().execute(async (tx) => {
      const { o, p } = await context(tx, actor, offeringId, true);
      const sessions = new Map((await sessionsOf(tx, offeringId)).map((s) => [s.id, s]));
      const enrolments = new Map((await tx.selectFrom('enrolment').select(['id', 'status', 'agency_id']).where('offering_id', '=', offeringId).execute()).map((e) => [e.id, e]));
      const now = Date.now();
      const errors: FieldError[] = [];
      const seen = new Set<string>();
      records.forEach((r, i) => {
        const s = sessions.get(r.sessionId);
        const e = enrolments.get(r.enrolmentId);
        if (!s) errors.push({ field: `body.records.${i}.sessionId`, message: `is not a session of offering ${o.code}` });
        else if (!mayManageSession(actor, p, s.provider_id)) errors.push({ field: `body.records.${i}.sessionId`, message: `session ${s.id} is delivered by ${s.provider_code}; its admins record its attendance` });
        else if (s.starts_at.getTime() > now) errors.push({ field: `body.records.${i}.sessionId`, message: `session ${s.id} has not started yet` });
        if (!e) errors.push({ field: `body.records.${i}.enrolmentId`, message: `is not an enrolment in offering ${o.code}` });
        else if (e.status !== 'enrolled') errors.push({ field: `body.records.${i}.enrolmentId`, message: `enrolment ${e.id} is ${e.status}; attendance is recorded for enrolled participants` });
        const key = `${r.enrolmentId}:${r.sessionId}`;
        if (seen.has(key)) errors.push({ field: `body.records.${i}`, message: 'the same cell is given twice' });
        seen.add(key);
      });
      if (errors.length) throw problems.validation(errors);
      if (records.length === 0) return { recorded: 0 };
      await tx
        .insertInto('attendance')
        .values(records.map((r) => ({ enrolment_id: r.enrolmentId, session_id: r.sessionId, agency_id: enrolments.get(r.enrolmentId)!.agency_id, status: r.status, recorded_by: actor.label })))
        .onConflict((oc) => oc.columns(['enrolment_id', 'session_id']).doUpdateSet({ status: (eb) => eb.ref('excluded.status'), recorded_by: (eb) => eb.ref('excluded.recorded_by'), recorded_at: new Date() }))
        .execute();
      await recordAudit(tx, caller, { action: 'attendance.recorded', entityType: 'offering', entityId: offeringId, scopeType: 'provider', scopeId: p.provider_id, after: { records } });
      return { recorded: records.length };
    }),
  );
}

// ---------- scores ----------

export async function recordScores(deps: Deps, caller: Caller, offeringId: number, scores: { enrolmentId: number; score: number | null }[]) {
  const actor = actorOf(caller);
  return guarded(() =>
    deps.db.transaction().execute(async (tx) => {
      const { o, p } = await context(tx, actor, offeringId, true);
      if (!mayManageProgramme(actor, p)) throw problems.forbidden("Scores are recorded by the lead provider's admins.");
      const enrolments = new Map((await tx.selectFrom('enrolment').select(['id', 'status', 'score']).where('offering_id', '=', offeringId).execute()).map((e) => [e.id, e]));
      const errors: FieldError[] = [];
      scores.forEach((s, i) => {
        const e = enrolments.get(s.enrolmentId);
        if (!e) errors.push({ field: `body.scores.${i}.enrolmentId`, message: `is not an enrolment in offering ${o.code}` });
        else if (e.status !== 'enrolled') errors.push({ field: `body.scores.${i}.enrolmentId`, message: `enrolment ${e.id} is ${e.status}; scores are recorded before completion` });
        if (scores.findIndex((x) => x.enrolmentId === s.enrolmentId) !== i) errors.push({ field: `body.scores.${i}.enrolmentId`, message: 'is given twice' });
      });
      if (errors.length) throw problems.validation(errors);
      for (const s of scores) await tx.updateTable('enrolment').set({ score: s.score, updated_at: new Date() }).where('id', '=', s.enrolmentId).execute();
      await recordAudit(tx, caller, { action: 'scores.recorded', entityType: 'offering', entityId: offeringId, scopeType: 'provider', scopeId: p.provider_id, before: scores.map((s) => ({ enrolmentId: s.enrolmentId, score: enrolments.get(s.enrolmentId)!.score })), after: { scores } });
      return { recorded: scores.length };
    }),
  );
}

// ---------- no-shows ----------

export async function markNoShows(deps: Deps, caller: Caller, offeringId: number, enrolmentIds: number[]) {
  const actor = actorOf(caller);
  return guarded(() =>
    deps.db.transaction().execute(async (tx) => {
      const { o, p } = await context(tx, actor, offeringId, true);
      if (!mayManageProgramme(actor, p)) throw problems.forbidden("No-shows are marked by the lead provider's admins.");
      if (todayJakarta() < o.start_date) throw learningProblems.wrongState(`${o.code} has not started (${o.start_date}); a no-show is marked once it has.`, 'body.enrolmentIds');
      const rows = new Map((await tx.selectFrom('enrolment').select(['id', 'status', 'civil_servant_id', 'agency_id']).where('offering_id', '=', offeringId).where('id', 'in', enrolmentIds.length ? enrolmentIds : [0]).execute()).map((e) => [e.id, e]));
      const errors: FieldError[] = [];
      enrolmentIds.forEach((id, i) => {
        const e = rows.get(id);
        if (!e) errors.push({ field: `body.enrolmentIds.${i}`, message: `is not an enrolment in offering ${o.code}` });
        else if (e.status !== 'enrolled') errors.push({ field: `body.enrolmentIds.${i}`, message: `enrolment ${id} is ${e.status}; only enrolled participants can be no-shows` });
      });
      if (errors.length) throw problems.validation(errors);
      const now = new Date();
      // The seat stays taken: the offering has started, nobody can use it any more.
      await tx.updateTable('enrolment').set({ status: 'no_show', finished_at: now, updated_at: now, reason: 'no-show' }).where('id', 'in', enrolmentIds).execute();
      for (const e of rows.values()) {
        await notify(tx, deps.config, [{ civilServantId: e.civil_servant_id }], { kind: 'enrolment.no_show', ...notificationText.noShow(o.code), entityType: 'enrolment', entityId: e.id, agencyId: e.agency_id, link: `/learning/enrolments/${e.id}` });
      }
      await recordAudit(tx, caller, { action: 'enrolment.no_show', entityType: 'offering', entityId: offeringId, scopeType: 'provider', scopeId: p.provider_id, after: { enrolmentIds } });
      return { marked: enrolmentIds.length };
    }),
  );
}

// ---------- completion ----------

export interface CompletionItem {
  enrolmentId: number;
  /** 'auto' (default): by the programme's rules; 'not_completed': the provider's decision, with a reason */
  decision?: 'auto' | 'not_completed';
  reason?: string;
}

export interface CompletionResult {
  enrolmentId: number;
  outcome: 'completed' | 'not_completed' | 'refused';
  attendancePct: number | null;
  reasons: string[];
  learningRecordId: number | null;
  certificateId: string | null;
}

/** Participants completed per transaction when each person stands alone. */
const COMPLETION_CHUNK = 250;

/**
 * Completes participants by the programme's rules. Refused (nothing written for that person):
 * no attendance data (the offering has no sessions, or a session has no mark for them), no score
 * when the programme has a pass score, or not an enrolled participant. By default each person
 * stands alone (a refusal refuses only them); with allOrNothing one refusal refuses the batch
 * (422/409 naming each item). A completion credits the programme's JP to the ledger and issues the
 * certificate in the same transaction as the person's status change. The participants are
 * checked together and written in a fixed number of statements per chunk of COMPLETION_CHUNK
 * (see completeChunk), not one transaction each.
 */
export async function complete(deps: Deps, caller: Caller, offeringId: number, items: CompletionItem[], allOrNothing: boolean): Promise<CompletionResult[]> {
  const actor = actorOf(caller);
  const seen = new Set<number>();
  const dup = items.findIndex((x) => seen.size === seen.add(x.enrolmentId).size);
  if (dup >= 0) throw problems.validation([{ field: `body.items.${dup}.enrolmentId`, message: 'is given twice' }]);
  const bad = items.findIndex((x) => x.decision === 'not_completed' && !x.reason?.trim());
  if (bad >= 0) throw problems.validation([{ field: `body.items.${bad}.reason`, message: 'is required when the decision is not_completed' }]);
  {
    const { p } = await context(deps.db, actor, offeringId);
    if (!mayManageProgramme(actor, p)) throw problems.forbidden("Completion is recorded by the lead provider's admins.");
  }
  if (allOrNothing) {
    return guarded(() =>
      deps.db.transaction().execute(async (tx) => {
        const out = await completeChunk(deps, tx, caller, offeringId, items, 0);
        const errors: FieldError[] = out.flatMap((r, i) => (r.outcome === 'refused' ? [{ field: `body.items.${i}.enrolmentId`, message: r.reasons[0] }] : []));
        if (errors.length) throw Object.assign(learningProblems.noAttendance(`Nothing was applied: ${errors.length} of ${items.length} completion(s) refused.`), { errors });
        return out;
      }),
    );
  }
  const out: CompletionResult[] = [];
  for (let start = 0; start < items.length; start += COMPLETION_CHUNK) {
    out.push(...(await guarded(() => deps.db.transaction().execute((tx) => completeChunk(deps, tx, caller, offeringId, items.slice(start, start + COMPLETION_CHUNK), start)))));
  }
  return out;
}

/**
 * One transaction's worth of completions: the offering locked once, the enrolments locked in id
 * order, their marks read in one query, each person judged in memory (a refusal writes nothing
 * for them), then one statement each for the ledger records, the certificates (issued and signed
 * together), the enrolment updates, the notifications and the audit entries.
 */
async function completeChunk(deps: Deps, tx: Kysely<DB>, caller: Caller, offeringId: number, items: CompletionItem[], offset: number): Promise<CompletionResult[]> {
  const actor = actorOf(caller);
  const { o, p } = await context(tx, actor, offeringId, true);
  const ids = items.map((x) => x.enrolmentId);
  const enrolments = new Map((await tx.selectFrom('enrolment').selectAll().where('id', 'in', ids).where('offering_id', '=', offeringId).orderBy('id').forUpdate().execute()).map((e) => [e.id, e]));
  const sessions = await sessionsOf(tx, offeringId);
  const marks = new Map<number, Map<number, AttendanceStatus>>();
  if (enrolments.size) {
    for (const m of await tx.selectFrom('attendance').select(['enrolment_id', 'session_id', 'status']).where('enrolment_id', 'in', [...enrolments.keys()]).execute()) {
      if (!marks.has(m.enrolment_id)) marks.set(m.enrolment_id, new Map());
      marks.get(m.enrolment_id)!.set(m.session_id, m.status);
    }
  }
  const rule = await completionRule(tx, p.id);
  const refusal = (item: CompletionItem, problem: { detail?: string }): CompletionResult => ({ enrolmentId: item.enrolmentId, outcome: 'refused', attendancePct: null, reasons: [problem.detail ?? 'refused'], learningRecordId: null, certificateId: null });
  const today = todayJakarta();
  const completedOn = today < o.end_date ? today : o.end_date;
  const now = new Date();
  const results: CompletionResult[] = [];
  const done: { e: NonNullable<ReturnType<typeof enrolments.get>>; result: CompletionResult }[] = [];
  items.forEach((item, i) => {
    const e = enrolments.get(item.enrolmentId);
    const field = `body.items.${offset + i}.enrolmentId`;
    if (!e) return results.push(refusal(item, problems.validation([{ field, message: `is not an enrolment in offering ${o.code}` }])));
    if (e.status !== 'enrolled') return results.push(refusal(item, learningProblems.wrongState(`Enrolment ${e.id} is ${e.status}; only enrolled participants are completed.`, field)));
    const own = marks.get(e.id);
    const verdict = evaluateCompletion(rule, sessions.map((s) => ({ session_id: s.id, module: s.module, status: own?.get(s.id) ?? null })), e.score === null ? null : Number(e.score));
    if (verdict.outcome === 'refused') return results.push(refusal(item, learningProblems.noAttendance(`Enrolment ${e.id} cannot be completed: ${verdict.problem}.`, field)));
    const reasons = verdict.outcome === 'not_completed' ? [...verdict.reasons] : [];
    if (item.decision === 'not_completed') reasons.push(item.reason!.trim());
    const result: CompletionResult = { enrolmentId: e.id, outcome: reasons.length ? 'not_completed' : 'completed', attendancePct: verdict.attendancePct, reasons, learningRecordId: null, certificateId: null };
    done.push({ e, result });
    results.push(result);
  });
  if (!done.length) return results;

  const completed = done.filter((d) => d.result.outcome === 'completed');
  const recordIds = await creditRecords(
    tx,
    completed.map(({ e }) => ({ civilServantId: e.civil_servant_id, agencyId: e.agency_id, source: 'offering' as const, sourceRef: `enrolment:${e.id}`, programmeId: p.id, offeringId: o.id, learningForm: p.learning_form, title: `${p.title_id} (${o.code})`, completedOn, jp: p.jp })),
  );
  completed.forEach((d, k) => (d.result.learningRecordId = recordIds[k]));
  const certificateIds = await issueCertificatesIfAvailable(tx, caller, completed.map(({ e, result }) => ({ civilServantId: e.civil_servant_id, programmeId: p.id, offeringId: o.id, learningRecordId: result.learningRecordId!, completedOn, jp: p.jp })));
  completed.forEach((d, k) => (d.result.certificateId = certificateIds[k]));

  await sql`
    update enrolment e set status = v.status, attendance_pct = v.attendance_pct, finished_at = ${now}, updated_at = ${now}, reason = v.reason, learning_record_id = v.learning_record_id
    from jsonb_to_recordset(${JSON.stringify(done.map(({ e, result }) => ({ id: e.id, status: result.outcome, attendance_pct: result.attendancePct, reason: result.reasons.length ? result.reasons.join('; ') : null, learning_record_id: result.learningRecordId })))}::jsonb)
      as v(id bigint, status text, attendance_pct numeric, reason text, learning_record_id bigint)
    where e.id = v.id`.execute(tx);

  const notes: Parameters<typeof notifyMany>[2] = [];
  for (const { e, result } of done) {
    const to = [{ civilServantId: e.civil_servant_id }];
    const base = { entityType: 'enrolment', entityId: e.id, agencyId: e.agency_id, link: `/learning/enrolments/${e.id}` };
    if (result.outcome === 'completed') {
      notes.push({ to, n: { ...base, kind: 'enrolment.completed', ...notificationText.completed(p, o.code, Number(p.jp)) } });
      if (result.certificateId) notes.push({ to, n: { ...base, kind: 'certificate.issued', ...notificationText.certificateIssued(p), link: `/learning/certificates/${result.certificateId}` } });
    } else {
      notes.push({ to, n: { ...base, kind: 'enrolment.not_completed', ...notificationText.notCompleted(p, o.code, result.reasons.join('; ')) } });
    }
  }
  await notifyMany(tx, deps.config, notes);
  await recordAudits(
    tx,
    caller,
    done.map(({ e, result }) => ({ action: `enrolment.${result.outcome}`, entityType: 'enrolment', entityId: e.id, scopeType: 'provider', scopeId: p.provider_id, before: { status: e.status }, after: { status: result.outcome, attendancePct: result.attendancePct, reasons: result.reasons, learningRecordId: result.learningRecordId, certificateId: result.certificateId } })),
  );
  return results;
}

// ---------- completion rules ----------

export async function getRules(deps: Deps, actor: Actor, programmeId: number) {
  const p = await programmeForEnrolment(deps.db, programmeId);
  if (!p || !mayViewProgrammeAdmin(actor, p)) throw problems.notFound('No such programme.');
  const r = await completionRule(deps.db, programmeId);
  return { programmeId, minAttendancePct: r.min_attendance_pct, passScore: r.pass_score, requiredModules: r.required_modules, isDefault: r.isDefault };
}

export async function putRules(deps: Deps, caller: Caller, programmeId: number, input: { minAttendancePct: number; passScore: number | null; requiredModules: string[] }) {
  const actor = actorOf(caller);
  return guarded(() =>
    deps.db.transaction().execute(async (tx) => {
      const p = await programmeForEnrolment(tx, programmeId);
      if (!p || !mayViewProgrammeAdmin(actor, p)) throw problems.notFound('No such programme.');
      if (!mayManageProgramme(actor, p)) throw problems.forbidden("Completion rules are set by the lead provider's admins.");
      const dup = input.requiredModules.findIndex((m, i) => input.requiredModules.indexOf(m) !== i);
      if (dup >= 0) throw problems.validation([{ field: `body.requiredModules.${dup}`, message: 'is listed twice' }]);
      const before = await completionRule(tx, programmeId);
      await tx
        .insertInto('programme_completion_rule')
        .values({ programme_id: programmeId, min_attendance_pct: input.minAttendancePct, pass_score: input.passScore, required_modules: input.requiredModules, updated_by: actor.label })
        .onConflict((oc) => oc.column('programme_id').doUpdateSet({ min_attendance_pct: input.minAttendancePct, pass_score: input.passScore, required_modules: input.requiredModules, updated_by: actor.label, updated_at: sql`now()` }))
        .execute();
      await recordAudit(tx, caller, { action: 'completion_rule.set', entityType: 'programme', entityId: programmeId, scopeType: 'provider', scopeId: p.provider_id, before, after: input });
    }),
  );
}
