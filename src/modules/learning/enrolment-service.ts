// Enrolment: a learner requests a seat, or an agency admin nominates people; the direct
// supervisor approves (and the agency admin too when the agency requires it, or when the person
// has no supervisor on record); then the person is enrolled or waitlisted.
//
// Seats are taken at request time when one is free (seat_held) and kept while approvals run, so a
// rejection or withdrawal frees a seat; with no seat free the request queues. When the last
// approval lands the person is enrolled (seat held) or waitlisted (queued). A freed seat goes to
// the best-placed person waiting (seats.ts). Every step runs in one transaction, with the
// offering row locked, its audit entry and its notifications.
import type { Kysely } from 'kysely';
import type { Caller, Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/actor.ts';
import { problems, type FieldError } from '../../http/problem.ts';
import { auditRow, recordAudit } from '../audit/service.ts';
import { getProfile } from '../competency/service.ts';
import { todayJakarta } from '../catalog/rules.ts';
import { findOffering, lockOffering, programmeCompetencies, programmeForEnrolment, programmePrerequisites, adjustEnrolledCount, type OfferingRow } from './catalog-port.ts';
import { guarded, learningProblems } from './errors.ts';
import { notify, notifyMany } from './notifications.ts';
import { adminAgencies, isDirectSupervisor, isNationalAdmin, isSelf, mayAdministerAgency, mayReadAgency, mayReadEnrolment } from './policy.ts';
import { mayManageProgramme, mayViewProgrammeAdmin } from './catalog-port.ts';
import * as repo from './repository.ts';
import { agencyLimit, eligibilityProblems, programmeGap, registrationProblem, requiredByPosition, seatsFor } from './rules.ts';
import { fillSeats, releaseSeat, seatFacts, seatsMove } from './seats.ts';
import { notificationText } from './notification-text.ts';

export type ActorCaller = Caller & { actor: Actor };

export function actorOf(caller: Caller): Actor {
  if (!caller.actor) throw problems.unauthenticated();
  return caller.actor;
}

/** Reads what the competency module says about anyone, for waitlist priority only. */
const PRIORITY_READER: Actor = { type: 'token', id: 'system:learning', label: 'learning (waitlist priority)', grants: [{ role: 'auditor', scopeType: 'national', scopeId: null }], civilServantId: null };

type Programme = NonNullable<Awaited<ReturnType<typeof programmeForEnrolment>>>;
type Person = NonNullable<Awaited<ReturnType<typeof repo.personFacts>>>;

/** The competency gap the programme addresses for this person (0 when unknown). */
async function gapFor(deps: Deps, personId: number, programmeId: number): Promise<number> {
  const targets = await programmeCompetencies(deps.db, programmeId);
  if (targets.length === 0) return 0;
  try {
    const profile = await getProfile(deps, PRIORITY_READER, personId);
    return programmeGap(targets, profile.items);
  } catch {
    return 0;
  }
}

interface OpenInput {
  offeringId: number;
  person: Person;
  origin: 'self' | 'nomination';
  mandatory: boolean;
  gap: number;
  /** the request field that names the person or offering, for errors */
  field: string;
}

const link = (id: number) => `/learning/enrolments/${id}`;

/** Checks and writes one enrolment, inside the caller's transaction; the offering row is locked here. */
async function openEnrolment(tx: Kysely<DB>, deps: Deps, caller: ActorCaller, input: OpenInput) {
  // Checks that do not depend on seats run before the offering row is locked (a lost race on
  // double enrolment is caught by the live-enrolment unique index); the seat decision runs locked.
  const unlocked = await findOffering(tx, input.offeringId);
  const programme = unlocked ? await programmeForEnrolment(tx, unlocked.programme_id) : undefined;
  const offering = unlocked;
  if (!offering || !programme || programme.status !== 'published') throw problems.notFound('No such offering open for enrolment.');
  const { person } = input;
  const closed = registrationProblem(offering, programme.status, todayJakarta());
  if (closed) throw learningProblems.registrationClosed(`Registration for ${offering.code} is not open: ${closed}.`, 'body.offeringId');
  const prerequisites = await programmePrerequisites(tx, programme.id);
  const done = await repo.completedProgrammes(tx, person.id, prerequisites.map((p) => p.id));
  const why = eligibilityProblems(person, programme, prerequisites.filter((p) => !done.has(p.id)).map((p) => p.code));
  if (why.length) throw learningProblems.notEligible(`${person.name} is not eligible for ${programme.code}: ${why.join('; ')}.`, input.field);
  const existing = await repo.blockingEnrolment(tx, programme.id, person.id);
  if (existing) {
    throw learningProblems.alreadyEnrolled(
      existing.status === 'completed'
        ? `${person.name} has already completed ${programme.code} (enrolment ${existing.id}).`
        : `${person.name} already has an enrolment in ${programme.code} (enrolment ${existing.id}, ${existing.status}).`,
      input.field,
    );
  }
  // a setting, not a seat decision: read before the lock, so the locked part stays short
  const agencyRequired = person.supervisor_id === null || (await repo.agencyApprovalRequired(tx, person.agency_id));
  const locked = await lockOffering(tx, offering.id);
  if (!locked) throw problems.notFound('No such offering open for enrolment.');
  const facts = await seatFacts(tx, locked);
  const limit = agencyLimit(person.agency_id, locked.capacity, facts.quotas);
  if (limit !== null && (facts.takenBy.get(person.agency_id) ?? 0) >= limit && facts.quotas.some((q) => q.agency_id === person.agency_id)) {
    throw learningProblems.quotaExceeded(`The quota of ${person.agency_name} in ${offering.code} (${limit} seats) is taken.`, input.field);
  }
  if (limit === 0) throw learningProblems.quotaExceeded(`Every seat of ${offering.code} is reserved for agencies by quota, and ${person.agency_name} has none.`, input.field);
  const seatHeld = seatsFor(person.agency_id, facts) > 0;

  const actor = caller.actor;
  const byAdmin = input.origin === 'nomination';
  const supervisorApproval = person.supervisor_id === null ? ('not_required' as const) : ('pending' as const);
  const agencyApproval = byAdmin ? ('approved' as const) : agencyRequired ? ('pending' as const) : ('not_required' as const);
  const now = new Date();
  const final = supervisorApproval !== 'pending' && agencyApproval !== 'pending';
  const status = final ? (seatHeld ? 'enrolled' : 'waitlisted') : 'requested';
  const required = requiredByPosition(person.tier, programme.category);
  const values = {
    offering_id: offering.id,
    programme_id: programme.id,
    civil_servant_id: person.id,
    agency_id: person.agency_id,
    status,
    seat_held: seatHeld,
    origin: input.origin,
    nominated_by: byAdmin ? actor.label : null,
    mandatory: input.mandatory,
    required_by_position: required,
    priority_class: input.mandatory || required ? 1 : 0,
    priority_gap: input.gap,
    supervisor_id: person.supervisor_id,
    supervisor_approval: supervisorApproval,
    agency_approval: agencyApproval,
    agency_decided_by: byAdmin ? actor.label : null,
    agency_decided_at: byAdmin ? now : null,
    approved_at: final ? now : null,
    seated_at: final && seatHeld ? now : null,
    waitlisted_at: final && !seatHeld ? now : null,
  };
  // the enrolment, its seat and its audit entry in one statement (id known only inside it)
  const row = await repo.insertEnrolmentWithSeat(
    tx,
    values,
    seatHeld ? { offeringId: offering.id, programmeId: offering.programme_id } : null,
    auditRow(caller, {
      action: byAdmin ? 'enrolment.nominated' : 'enrolment.requested',
      entityType: 'enrolment',
      entityId: 0,
      scopeType: 'agency',
      scopeId: person.agency_id,
      after: { offeringId: offering.id, civilServantId: person.id, status, seatHeld, mandatory: input.mandatory, requiredByPosition: required, gap: input.gap },
    }),
  );

  const base = { entityType: 'enrolment', entityId: row.id, agencyId: person.agency_id, link: link(row.id) };
  const title = `${programme.code} — ${offering.code}`;
  // every notification of the step in one insert
  const notes: Notes = [];
  if (byAdmin) notes.push({ to: [{ civilServantId: person.id }], n: { ...base, kind: 'enrolment.nominated', ...notificationText.nominated(programme, offering.code) } });
  else notes.push({ to: [{ civilServantId: person.id }], n: { ...base, kind: 'enrolment.requested', ...notificationText.requested(programme, offering.code, seatHeld) } });
  if (supervisorApproval === 'pending') notes.push({ to: [{ civilServantId: person.supervisor_id! }], n: { ...base, kind: 'enrolment.approval_needed', ...notificationText.supervisorApprovalNeeded(person.name, programme, offering.code), link: '/learning/approvals' } });
  else if (agencyApproval === 'pending') notes.push({ to: [{ agencyAdminsOf: person.agency_id }], n: { ...base, kind: 'enrolment.approval_needed', ...notificationText.agencyApprovalNeeded(person.name, offering.code, false), link: '/learning/approvals' } });
  if (final) notes.push(await placementNote(tx, { id: row.id, civil_servant_id: person.id, agency_id: person.agency_id, offering_id: offering.id, priority_class: input.mandatory || required ? 1 : 0, priority_gap: input.gap, requested_at: now }, seatHeld, offering));
  await notifyMany(tx, deps.config, notes);
  return { id: row.id, status, seatHeld };
}

type Notes = Parameters<typeof notifyMany>[2];
type Placed = { id: number; civil_servant_id: number; agency_id: number; offering_id: number; priority_class: number; priority_gap: number; requested_at: Date };

/** The notification that says where a person landed: a seat, or their place on the waitlist. */
async function placementNote(tx: Kysely<DB>, e: Placed, seated: boolean, offering: OfferingRow): Promise<Notes[number]> {
  const base = { entityType: 'enrolment', entityId: e.id, agencyId: e.agency_id, link: link(e.id) };
  const to = [{ civilServantId: e.civil_servant_id }];
  if (seated) return { to, n: { ...base, kind: 'enrolment.enrolled', ...notificationText.enrolled(offering.code, offering.start_date) } };
  const place = await repo.queuePosition(tx, e);
  return { to, n: { ...base, kind: 'enrolment.waitlisted', ...notificationText.waitlisted(offering.code, place) } };
}

async function announcePlacement(tx: Kysely<DB>, deps: Deps, e: Placed, seated: boolean, offering: OfferingRow) {
  const note = await placementNote(tx, e, seated, offering);
  await notify(tx, deps.config, note.to, note.n);
}

// ---------- learner request ----------

export async function requestEnrolment(deps: Deps, caller: Caller, offeringId: number) {
  const actor = actorOf(caller);
  if (actor.civilServantId === null) throw problems.forbidden('This account is not linked to a civil servant, so it cannot enrol.');
  const person = await repo.personFacts(deps.db, actor.civilServantId);
  if (!person) throw problems.forbidden('This account is not linked to a civil servant record.');
  const o = await deps.db.selectFrom('offering').select('programme_id').where('id', '=', offeringId).executeTakeFirst();
  if (!o) throw problems.notFound('No such offering open for enrolment.');
  const gap = await gapFor(deps, person.id, o.programme_id);
  return guarded(() => deps.db.transaction().execute((tx) => openEnrolment(tx, deps, { ...caller, actor }, { offeringId, person, origin: 'self', mandatory: false, gap, field: 'body.offeringId' })));
}

// ---------- nominations ----------

export interface NominationInput {
  offeringId: number;
  civilServantIds: number[];
  /** an agency mandate (penugasan): first on the waitlist with the people required by position */
  mandatory?: boolean;
  /** refuse the whole batch when anyone is refused (default: each person on their own) */
  allOrNothing?: boolean;
}

export interface NominationResult {
  civilServantId: number;
  outcome: 'requested' | 'enrolled' | 'waitlisted' | 'refused';
  enrolmentId: number | null;
  seatHeld: boolean;
  problem: { status: number; type: string; detail: string } | null;
}

/**
 * Nominates people of the admin's agency. Each person is checked and written on their own
 * (a refused person does not stop the others) and the answer reports each; with allOrNothing
 * the batch is one transaction and any refusal refuses it all (409, naming each person at fault).
 */
export async function nominate(deps: Deps, caller: Caller, input: NominationInput): Promise<NominationResult[]> {
  const actor = actorOf(caller);
  const ids = input.civilServantIds;
  const dup = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (dup >= 0) throw problems.validation([{ field: `body.civilServantIds.${dup}`, message: `civil servant ${ids[dup]} is listed twice` }]);
  const o = await deps.db.selectFrom('offering').select('programme_id').where('id', '=', input.offeringId).executeTakeFirst();
  if (!o) throw problems.validation([{ field: 'body.offeringId', message: 'is not an offering' }]);
  // Resolve everyone first: out-of-scope people are "not found" (existence does not leak).
  const people: (Person | undefined)[] = [];
  for (const id of ids) {
    const p = await repo.personFacts(deps.db, id);
    people.push(p && mayAdministerAgency(actor, p.agency_id) ? p : undefined);
  }
  const gaps = await Promise.all(people.map((p) => (p ? gapFor(deps, p.id, o.programme_id) : 0)));
  const toResult = (i: number, r: { id: number; status: string; seatHeld: boolean }): NominationResult => ({ civilServantId: ids[i], outcome: r.status as NominationResult['outcome'], enrolmentId: r.id, seatHeld: r.seatHeld, problem: null });
  const refused = (i: number, e: unknown): NominationResult => {
    const p = e as { status?: number; type?: string; detail?: string; message?: string };
    if (!p || typeof p.status !== 'number' || p.status >= 500) throw e;
    return { civilServantId: ids[i], outcome: 'refused', enrolmentId: null, seatHeld: false, problem: { status: p.status, type: p.type ?? 'conflict', detail: p.detail ?? p.message ?? 'refused' } };
  };
  const notFound = (i: number) => problems.notFound(`Civil servant ${ids[i]} is not in an agency you administer.`);

  if (input.allOrNothing) {
    return guarded(() =>
      deps.db.transaction().execute(async (tx) => {
        const results: NominationResult[] = [];
        const errors: FieldError[] = [];
        for (let i = 0; i < ids.length; i++) {
          const person = people[i];
          try {
            if (!person) throw notFound(i);
            results.push(toResult(i, await openEnrolment(tx, deps, { ...caller, actor }, { offeringId: input.offeringId, person, origin: 'nomination', mandatory: input.mandatory ?? false, gap: gaps[i], field: `body.civilServantIds.${i}` })));
          } catch (e) {
            const r = refused(i, e);
            errors.push({ field: `body.civilServantIds.${i}`, message: r.problem!.detail });
          }
        }
        if (errors.length) throw nominationRefused(errors, ids.length);
        return results;
      }),
    );
  }
  const results: NominationResult[] = [];
  for (let i = 0; i < ids.length; i++) {
    const person = people[i];
    try {
      if (!person) throw notFound(i);
      results.push(toResult(i, await guarded(() => deps.db.transaction().execute((tx) => openEnrolment(tx, deps, { ...caller, actor }, { offeringId: input.offeringId, person, origin: 'nomination', mandatory: input.mandatory ?? false, gap: gaps[i], field: `body.civilServantIds.${i}` })))));
    } catch (e) {
      results.push(refused(i, e));
    }
  }
  return results;
}

function nominationRefused(errors: FieldError[], total: number) {
  const detail = `Nothing was applied: ${errors.length} of ${total} nomination(s) refused.`;
  return Object.assign(learningProblems.wrongState(detail), { errors });
}

// ---------- approvals ----------

async function finalize(tx: Kysely<DB>, deps: Deps, e: NonNullable<Awaited<ReturnType<typeof repo.lockEnrolment>>>, offering: OfferingRow) {
  const now = new Date();
  const status = e.seat_held ? ('enrolled' as const) : ('waitlisted' as const);
  await tx.updateTable('enrolment').set({ status, approved_at: now, updated_at: now, ...(e.seat_held ? { seated_at: now } : { waitlisted_at: now }) }).where('id', '=', e.id).execute();
  await announcePlacement(tx, deps, e, e.seat_held, offering);
  return status;
}

/** Locks the offering then the enrolment; 404 when the enrolment is missing. */
async function lockBoth(tx: Kysely<DB>, id: number) {
  const where = await repo.offeringOfEnrolment(tx, id);
  if (!where) throw problems.notFound('No such enrolment.');
  const offering = await lockOffering(tx, where.offering_id);
  const e = await repo.lockEnrolment(tx, id);
  if (!offering || !e) throw problems.notFound('No such enrolment.');
  const person = await repo.personFacts(tx, e.civil_servant_id);
  if (!person) throw problems.notFound('No such enrolment.');
  return { offering, e, person };
}

export async function decide(deps: Deps, caller: Caller, id: number, decision: 'approve' | 'reject', note: string | null) {
  const actor = actorOf(caller);
  return guarded(() =>
    deps.db.transaction().execute(async (tx) => {
      const { offering, e, person } = await lockBoth(tx, id);
      const supervisorStep = e.status === 'requested' && e.supervisor_approval === 'pending' && isDirectSupervisor(actor, person);
      const agencyStep = !supervisorStep && ['requested', 'approved'].includes(e.status) && e.agency_approval === 'pending' && e.supervisor_approval !== 'pending' && mayAdministerAgency(actor, e.agency_id);
      if (!supervisorStep && !agencyStep) {
        // Not your decision. Those who may see the enrolment learn why; others get 404.
        if (!mayReadEnrolment(actor, e, person) && !isDirectSupervisor(actor, person)) throw problems.notFound('No such enrolment awaiting your decision.');
        if (!['requested', 'approved'].includes(e.status)) throw learningProblems.wrongState(`This enrolment is ${e.status}; there is nothing to decide.`);
        if (e.supervisor_approval === 'pending') throw problems.forbidden("Only the person's direct supervisor decides this step.");
        throw problems.forbidden("This step is decided by the admin of the person's agency.");
      }
      const now = new Date();
      const base = { entityType: 'enrolment', entityId: e.id, agencyId: e.agency_id, link: link(e.id) };
      let status: string;
      if (decision === 'reject') {
        if (!note) throw problems.validation([{ field: 'body.reason', message: 'is required to reject a request' }]);
        await tx
          .updateTable('enrolment')
          .set({ status: 'rejected', reason: note, finished_at: now, updated_at: now, ...(supervisorStep ? { supervisor_approval: 'rejected' as const, supervisor_decided_by: actor.label, supervisor_decided_at: now } : { agency_approval: 'rejected' as const, agency_decided_by: actor.label, agency_decided_at: now }) })
          .where('id', '=', e.id)
          .execute();
        status = 'rejected';
        await notify(tx, deps.config, [{ civilServantId: e.civil_servant_id }], { ...base, kind: 'enrolment.rejected', ...notificationText.rejected(offering.code, note) });
        if (await releaseSeat(tx, offering, e.id)) await fillSeats(tx, deps.config, offering);
      } else if (supervisorStep) {
        const agencyPending = e.agency_approval === 'pending';
        await tx.updateTable('enrolment').set({ supervisor_approval: 'approved', supervisor_decided_by: actor.label, supervisor_decided_at: now, updated_at: now, ...(agencyPending ? { status: 'approved' as const } : {}) }).where('id', '=', e.id).execute();
        if (agencyPending) {
          status = 'approved';
          await notify(tx, deps.config, [{ civilServantId: e.civil_servant_id }], { ...base, kind: 'enrolment.approved', ...notificationText.approvedBySupervisor(offering.code) });
          await notify(tx, deps.config, [{ agencyAdminsOf: e.agency_id }], { ...base, kind: 'enrolment.approval_needed', ...notificationText.agencyApprovalNeeded(person.name, offering.code, true), link: '/learning/approvals' });
        } else {
          await notify(tx, deps.config, [{ civilServantId: e.civil_servant_id }], { ...base, kind: 'enrolment.approved', ...notificationText.approved(offering.code) });
          status = await finalize(tx, deps, e, offering);
        }
      } else {
        await tx.updateTable('enrolment').set({ agency_approval: 'approved', agency_decided_by: actor.label, agency_decided_at: now, updated_at: now }).where('id', '=', e.id).execute();
        await notify(tx, deps.config, [{ civilServantId: e.civil_servant_id }], { ...base, kind: 'enrolment.approved', ...notificationText.approvedByAgency(offering.code) });
        status = await finalize(tx, deps, e, offering);
      }
      await recordAudit(tx, caller, {
        action: decision === 'approve' ? 'enrolment.approved' : 'enrolment.rejected',
        entityType: 'enrolment',
        entityId: e.id,
        scopeType: 'agency',
        scopeId: e.agency_id,
        before: { status: e.status, supervisorApproval: e.supervisor_approval, agencyApproval: e.agency_approval },
        after: { status, step: supervisorStep ? 'supervisor' : 'agency', note },
      });
      return { id: e.id, status };
    }),
  );
}

// ---------- withdrawal ----------

/**
 * Withdraws a live enrolment. The learner may withdraw until registration closes (the deadline,
 * so the seat can still go to someone waiting); the agency admin and the programme's managers
 * until the offering starts. The seat, if held, goes to the next person waiting.
 */
export async function withdraw(deps: Deps, caller: Caller, id: number, reason: string | null) {
  const actor = actorOf(caller);
  return guarded(() =>
    deps.db.transaction().execute(async (tx) => {
      const { offering, e, person } = await lockBoth(tx, id);
      const programme = await programmeForEnrolment(tx, e.programme_id);
      const self = isSelf(actor, e.civil_servant_id);
      const admin = mayAdministerAgency(actor, e.agency_id) || (programme !== undefined && mayManageProgramme(actor, programme));
      if (!self && !admin) {
        if (mayReadEnrolment(actor, e, person)) throw problems.forbidden('Only the learner, their agency admin or the programme\'s managers withdraw an enrolment.');
        throw problems.notFound('No such enrolment.');
      }
      if (!repo.LIVE.includes(e.status)) throw learningProblems.wrongState(`This enrolment is ${e.status}; only a live enrolment can be withdrawn.`);
      const today = todayJakarta();
      if (!admin && today > offering.registration_closes) throw learningProblems.tooLate(`The withdrawal deadline was ${offering.registration_closes} (registration close); ask your agency admin or the provider.`);
      if (today >= offering.start_date) throw learningProblems.tooLate(`${offering.code} has started (${offering.start_date}); the provider records a no-show or non-completion instead.`);
      const now = new Date();
      await tx.updateTable('enrolment').set({ status: 'withdrawn', finished_at: now, reason, updated_at: now }).where('id', '=', e.id).execute();
      const freed = await releaseSeat(tx, offering, e.id);
      await notify(tx, deps.config, [{ civilServantId: e.civil_servant_id }], { kind: 'enrolment.withdrawn', ...notificationText.withdrawn(offering.code, reason), entityType: 'enrolment', entityId: e.id, agencyId: e.agency_id, link: link(e.id) });
      const promoted = freed && seatsMove(offering) ? await fillSeats(tx, deps.config, offering) : [];
      await recordAudit(tx, caller, { action: 'enrolment.withdrawn', entityType: 'enrolment', entityId: e.id, scopeType: 'agency', scopeId: e.agency_id, before: { status: e.status, seatHeld: e.seat_held }, after: { status: 'withdrawn', reason, promoted } });
      return { id: e.id, status: 'withdrawn' as const, promoted };
    }),
  );
}

// ---------- reads ----------

export async function presentEnrolments(db: Kysely<DB>, rows: repo.EnrolmentRow[]) {
  const out = [];
  for (const r of rows) {
    const queued = !r.seat_held && repo.QUEUED.includes(r.status);
    out.push({
      id: r.id,
      status: r.status,
      seat: r.seat_held ? ('held' as const) : queued ? ('queued' as const) : ('none' as const),
      queuePosition: queued ? await repo.queuePosition(db, r) : null,
      origin: r.origin,
      nominatedBy: r.nominated_by,
      mandatory: r.mandatory,
      requiredByPosition: r.required_by_position,
      priorityGap: r.priority_gap,
      approvals: { supervisor: r.supervisor_approval, supervisorDecidedBy: r.supervisor_decided_by, agency: r.agency_approval, agencyDecidedBy: r.agency_decided_by },
      requestedAt: r.requested_at.toISOString(),
      finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
      reason: r.reason,
      score: r.score === null ? null : Number(r.score),
      attendancePct: r.attendance_pct === null ? null : Number(r.attendance_pct),
      learningRecordId: r.learning_record_id,
      person: { id: Number(r.civil_servant_id), name: r.person_name, agencyId: r.agency_id },
      offering: { id: r.offering_id, code: r.offering_code, startDate: r.start_date, endDate: r.end_date, registrationCloses: r.registration_closes },
      programme: { id: r.programme_id, code: r.programme_code, title: r.programme_title, titleEn: r.programme_title_en, jp: r.programme_jp },
    });
  }
  return out;
}

export async function getEnrolment(deps: Deps, actor: Actor, id: number) {
  const row = await repo.findEnrolment(deps.db, id);
  if (!row) throw problems.notFound('No such enrolment.');
  const person = { supervisor_id: row.current_supervisor_id === null ? null : Number(row.current_supervisor_id) };
  let allowed = mayReadEnrolment(actor, row, person);
  if (!allowed) {
    const p = await programmeForEnrolment(deps.db, row.programme_id);
    allowed = p !== undefined && mayViewProgrammeAdmin(actor, p);
  }
  if (!allowed) throw problems.notFound('No such enrolment.');
  return (await presentEnrolments(deps.db, [row]))[0];
}

export async function myEnrolments(deps: Deps, actor: Actor) {
  if (actor.civilServantId === null) return [];
  const rows = await repo.enrolmentQuery(deps.db).where('e.civil_servant_id', '=', actor.civilServantId).orderBy('e.requested_at', 'desc').orderBy('e.id', 'desc').limit(500).execute();
  return presentEnrolments(deps.db, rows);
}

/** What the actor may decide now: enrolments of direct reports awaiting the supervisor, and agency approvals of the admin's agencies. */
export async function approvalInbox(deps: Deps, actor: Actor) {
  const supervisorRows = actor.civilServantId !== null && actor.grants.some((g) => g.role === 'supervisor')
    ? await repo.enrolmentQuery(deps.db).where('cs.supervisor_id', '=', actor.civilServantId).where('e.status', '=', 'requested').where('e.supervisor_approval', '=', 'pending').orderBy('e.requested_at').limit(500).execute()
    : [];
  let agencyQuery = repo.enrolmentQuery(deps.db).where('e.status', 'in', ['requested', 'approved']).where('e.agency_approval', '=', 'pending').where('e.supervisor_approval', '<>', 'pending');
  const agencies = isNationalAdmin(actor) ? 'all' : adminAgencies(actor);
  const agencyRows = agencies === 'all' ? await agencyQuery.orderBy('e.requested_at').limit(500).execute() : agencies.length ? await (agencyQuery = agencyQuery.where('e.agency_id', 'in', agencies)).orderBy('e.requested_at').limit(500).execute() : [];
  return { asSupervisor: await presentEnrolments(deps.db, supervisorRows), asAgency: await presentEnrolments(deps.db, agencyRows) };
}

export async function agencyEnrolments(deps: Deps, actor: Actor, agencyId: number, q: { status?: string; offeringId?: number; limit: number }) {
  if (!mayReadAgency(actor, agencyId)) throw problems.forbidden("You may read your own agency's enrolments only.");
  let query = repo.enrolmentQuery(deps.db).where('e.agency_id', '=', agencyId).orderBy('e.requested_at', 'desc').orderBy('e.id', 'desc').limit(q.limit);
  if (q.status) query = query.where('e.status', '=', q.status as never);
  if (q.offeringId) query = query.where('e.offering_id', '=', q.offeringId);
  return presentEnrolments(deps.db, await query.execute());
}
