// Individual development plans (IDP): one per person per year. The learner drafts it (from the
// recommendations, or empty) and edits its items — offerings or programmes, planned JP, target
// competencies — then submits it; the direct supervisor approves it or returns it with a comment
// (the agency admin decides for people with no supervisor on record).
//
//   draft ──submit──▶ submitted ──approve──▶ approved
//     ▲                 │   │
//     └────withdraw─────┘   └──return──▶ returned ──submit──▶ submitted
//
// Items are edited in draft and returned plans only. Every step is one transaction with the plan
// row locked, its audit entry and its notification; a step out of order answers 409, an item the
// plan cannot take 422, nothing partly applied. Once approved, each planned offering becomes an
// enrolment request (learning's requestEnrolment, as the learner) as soon as its registration is
// open: at approval when it already is, else by the worker (worker.ts).
import type { Kysely } from 'kysely';
import type { Caller, Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/actor.ts';
import { Problem, problems, type FieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/service.ts';
import { programmeLabels, offeringLabels } from '../catalog/supply.ts';
import { todayJakarta } from '../catalog/rules.ts';
import { requestEnrolment } from '../learning/enrolment-service.ts';
import { notify } from '../learning/notifications.ts';
import { learnerFacts } from '../learning/planning-facts.ts';
import { eligibilityProblems } from '../learning/rules.ts';
import { getPerson } from '../org/service.ts';
import { planningProblems } from './errors.ts';
import { adminAgencies, isSelf, mayDecidePlan } from './policy.ts';
import { checkYear, recommendationsFor } from './recommend-service.ts';
import * as repo from './repository.ts';
import { JP_ENTITLEMENT, registrationState } from './scoring.ts';
import { supplyIndex, type SupplyIndex } from './supply-index.ts';
import { notificationText } from '../learning/notification-text.ts';

export const MAX_ITEMS = 20;
/** The first draft from recommendations takes at most this many items. */
export const DRAFT_ITEMS = 5;

type ActorCaller = Caller & { actor: Actor };

function actorOf(caller: Caller): Actor {
  if (!caller.actor) throw problems.unauthenticated();
  return caller.actor;
}

const planLink = (id: number) => `/rencana/${id}`;
const audit = (plan: { id: number; agency_id: number }) => ({ entityType: 'development_plan', entityId: plan.id, scopeType: 'agency' as const, scopeId: plan.agency_id });

// ---------- reading ----------

/** The person as plans need them; 404 when the actor may not see them (org's visibility). */
async function visiblePerson(deps: Deps, actor: Actor, personId: number) {
  const p = await getPerson(deps, actor, personId);
  return { id: Number(p.id), name: p.name, agency_id: p.agency_id, supervisor_id: p.supervisor_id === null ? null : Number(p.supervisor_id), tier: p.position_tier ?? null, rank: p.rank, status: p.status };
}

type Person = Awaited<ReturnType<typeof visiblePerson>>;

async function present(deps: Deps, actor: Actor, plan: NonNullable<repo.PlanRow>, person: Person) {
  const items = await repo.itemsOf(deps.db, plan.id);
  const [programmes, offerings, facts, index] = await Promise.all([
    programmeLabels(deps.db, items.map((i) => i.programme_id)),
    offeringLabels(deps.db, items.flatMap((i) => (i.offering_id ? [i.offering_id] : []))),
    learnerFacts(deps.db, person.id, plan.year),
    supplyIndex(deps),
  ]);
  const today = todayJakarta();
  const planned = Math.round(items.reduce((n, i) => n + Number(i.planned_jp), 0) * 100) / 100;
  const editable = plan.status === 'draft' || plan.status === 'returned';
  const self = isSelf(actor, person.id);
  return {
    id: plan.id,
    year: plan.year,
    status: plan.status,
    person: { id: person.id, name: person.name, agency_id: person.agency_id },
    decider_id: plan.decider_id,
    submitted_at: plan.submitted_at?.toISOString() ?? null,
    decided_at: plan.decided_at?.toISOString() ?? null,
    decided_by: plan.decided_by,
    decision_comment: plan.decision_comment,
    submissions: plan.submissions,
    updated_at: plan.updated_at.toISOString(),
    jp: {
      entitlement: JP_ENTITLEMENT,
      credited: facts.creditedJp,
      planned,
      remaining: Math.max(0, Math.round((JP_ENTITLEMENT - facts.creditedJp - planned) * 100) / 100),
    },
    items: items.map((i) => {
      const p = programmes.get(i.programme_id);
      const o = i.offering_id ? offerings.get(i.offering_id) : undefined;
      const registration = o ? registrationState(o, today) : null;
      return {
        id: i.id,
        kind: i.offering_id ? ('offering' as const) : ('programme' as const),
        programme: { id: i.programme_id, code: p?.code ?? '', title_id: p?.title_id ?? '', title_en: p?.title_en ?? null, category: p?.category ?? '', jp: p?.jp ?? 0, status: p?.status ?? 'unknown', provider_name: p?.provider_name ?? '' },
        offering: o ? { id: o.id, code: o.code, start_date: o.start_date, end_date: o.end_date, registration_opens: o.registration_opens, registration_closes: o.registration_closes, registration, mode: o.mode, province_code: o.province_code, status: o.status } : null,
        planned_jp: Number(i.planned_jp),
        target_competencies: i.target_competencies.map((code) => ({ code, ...index.name(code) })),
        note: i.note,
        origin: i.origin,
        // a planned offering whose registration closed before it became a request was missed
        state: i.state === 'planned' && registration === 'closed' ? ('missed' as const) : i.state,
        enrolment_id: i.enrolment_id,
        state_detail: i.state_detail,
      };
    }),
    may: {
      edit: self && editable,
      submit: self && editable && items.length > 0,
      withdraw: self && plan.status === 'submitted',
      decide: plan.status === 'submitted' && !self && mayDecidePlan(actor, person),
    },
  };
}

export type PlanView = Awaited<ReturnType<typeof present>>;

export async function getPlan(deps: Deps, actor: Actor, planId: number): Promise<PlanView> {
  const plan = await repo.findPlan(deps.db, planId);
  if (!plan) throw problems.notFound('No such development plan.');
  const person = await visiblePerson(deps, actor, plan.civil_servant_id).catch((e) => {
    throw e instanceof Problem && e.status === 404 ? problems.notFound('No such development plan.') : e;
  });
  return present(deps, actor, plan, person);
}

/** The person's plan of the year, or null. */
export async function personPlan(deps: Deps, actor: Actor, personId: number, year: number) {
  checkYear(year, 'querystring.year');
  const person = await visiblePerson(deps, actor, personId);
  const plan = await repo.planOf(deps.db, personId, year);
  return { year, plan: plan ? await present(deps, actor, plan, person) : null };
}

export async function myPlan(deps: Deps, actor: Actor, year: number) {
  if (actor.civilServantId === null) throw problems.forbidden('This account is not linked to a civil servant, so it has no development plan.');
  return personPlan(deps, actor, actor.civilServantId, year);
}

/** Submitted plans the actor decides: their direct reports' (supervisor), people without a supervisor in their agencies (agency admin). */
export async function planInbox(deps: Deps, actor: Actor) {
  const supervisor = actor.grants.some((g) => g.role === 'supervisor') ? actor.civilServantId : null;
  const rows = await repo.awaitingDecision(deps.db, { deciderId: supervisor, agencies: adminAgencies(actor), limit: 200 });
  const out = [];
  for (const plan of rows) {
    try {
      const person = await visiblePerson(deps, actor, plan.civil_servant_id);
      if (!mayDecidePlan(actor, person)) continue; // the registry changed since submission
      out.push(await present(deps, actor, plan, person));
    } catch (e) {
      if (!(e instanceof Problem && e.status === 404)) throw e;
    }
  }
  return { items: out };
}

// ---------- items: checking what may be planned ----------

export interface ItemInput {
  programmeId?: number;
  offeringId?: number;
  plannedJp?: number;
  targetCompetencies?: string[];
  note?: string | null;
}

interface Checked {
  programme_id: number;
  offering_id: number | null;
  planned_jp: number;
  target_competencies: string[];
}

/** Checks an item for the person's plan of `year` against the catalogue and the eligibility rules; every problem at once. */
async function checkItem(deps: Deps, index: SupplyIndex, person: Person, year: number, input: ItemInput, field = 'body'): Promise<Checked> {
  const errors: FieldError[] = [];
  const today = todayJakarta();
  const offering = input.offeringId !== undefined ? index.offerings.get(input.offeringId) : undefined;
  if (input.offeringId === undefined && input.programmeId === undefined) throw planningProblems.invalid(`${field}.programmeId`, 'give a programmeId or an offeringId');
  if (input.offeringId !== undefined) {
    if (!offering || offering.registration_closes < today) throw planningProblems.unusable(`Offering ${input.offeringId} is not an offering that takes registrations.`, `${field}.offeringId`);
    if (Number(offering.start_date.slice(0, 4)) !== year) throw planningProblems.unusable(`Offering ${offering.code} starts on ${offering.start_date}, not in ${year}; a plan holds the year's learning.`, `${field}.offeringId`);
    if (input.programmeId !== undefined && input.programmeId !== offering.programme.id) throw planningProblems.unusable(`Offering ${offering.code} belongs to programme ${offering.programme.code}, not to programme ${input.programmeId}.`, `${field}.programmeId`);
  }
  const programme = offering?.programme ?? (input.programmeId !== undefined ? index.programmes.get(input.programmeId) : undefined);
  if (!programme) throw planningProblems.unusable(`Programme ${input.programmeId} is not a published programme.`, `${field}.programmeId`);
  const facts = await learnerFacts(deps.db, person.id, year);
  const done = new Set(facts.completedProgrammeIds);
  if (done.has(programme.id)) throw planningProblems.unusable(`${person.name} has already completed ${programme.code}.`, `${field}.${offering ? 'offeringId' : 'programmeId'}`);
  const missing = programme.prerequisites.filter((p) => !done.has(p.id)).map((p) => p.code);
  const why = eligibilityProblems({ tier: person.tier, rank: person.rank, status: person.status }, programme, missing);
  if (why.length) throw planningProblems.notEligible(`${person.name} is not eligible for ${programme.code}: ${why.join('; ')}.`, `${field}.${offering ? 'offeringId' : 'programmeId'}`);
  const plannedJp = input.plannedJp ?? programme.jp;
  if (!(plannedJp > 0 && plannedJp <= programme.jp)) errors.push({ field: `${field}.plannedJp`, message: `must be more than 0 and at most the programme's ${programme.jp} JP` });
  const codes = new Set(programme.competencies.map((c) => c.code));
  const targets = input.targetCompetencies ?? programme.competencies.map((c) => c.code);
  targets.forEach((code, i) => {
    if (!codes.has(code)) errors.push({ field: `${field}.targetCompetencies.${i}`, message: `${programme.code} does not develop ${code} (it develops ${[...codes].join(', ')})` });
  });
  if (new Set(targets).size !== targets.length) errors.push({ field: `${field}.targetCompetencies`, message: 'lists a competency twice' });
  if (errors.length) throw problems.validation(errors);
  return { programme_id: programme.id, offering_id: offering?.id ?? null, planned_jp: Math.round(plannedJp * 100) / 100, target_competencies: targets };
}

/** Locks the plan for an item change by its owner (checked by the caller); 409 unless draft or returned. */
async function lockEditable(tx: Kysely<DB>, actor: Actor, planId: number) {
  const plan = await repo.lockPlan(tx, planId);
  if (!plan || !isSelf(actor, plan.civil_servant_id)) throw problems.notFound('No such development plan.');
  if (plan.status !== 'draft' && plan.status !== 'returned') throw planningProblems.wrongState(`This plan is ${plan.status}; items change only while it is a draft or returned${plan.status === 'submitted' ? ' (withdraw the submission first)' : ''}.`);
  return { plan };
}

/** 404 for those who may not see the plan, 403 for those who may see it but not edit it. */
async function refuseEdit(deps: Deps, actor: Actor, plan: { civil_servant_id: number }): Promise<never> {
  try {
    await getPerson(deps, actor, plan.civil_servant_id);
  } catch (e) {
    if (e instanceof Problem && e.status === 404) throw problems.notFound('No such development plan.');
    throw e;
  }
  throw problems.forbidden('Only the person whose plan it is edits it.');
}

function isUnique(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

// ---------- writing ----------

export async function createPlan(deps: Deps, caller: Caller, input: { year: number; fromRecommendations?: boolean }) {
  const actor = actorOf(caller);
  if (actor.civilServantId === null) throw problems.forbidden('This account is not linked to a civil servant, so it has no development plan.');
  checkYear(input.year, 'body.year');
  const person = await visiblePerson(deps, actor, actor.civilServantId);
  if (await repo.planOf(deps.db, person.id, input.year)) throw planningProblems.wrongState(`You already have a development plan for ${input.year}.`);
  const index = await supplyIndex(deps);
  const drafted = input.fromRecommendations === false ? [] : await draftItems(deps, actor, index, person, input.year);
  try {
    const plan = await deps.db.transaction().execute(async (tx) => {
      const plan = await repo.insertPlan(tx, { civil_servant_id: person.id, agency_id: person.agency_id, year: input.year });
      const items = await repo.insertItems(tx, drafted.map((d) => ({ ...d, plan_id: plan.id, agency_id: person.agency_id, note: null, origin: 'recommendation' as const })));
      await recordAudit(tx, { ...caller, actor }, { action: 'development_plan.created', ...audit(plan), after: { year: plan.year, items: items.map((i) => ({ programmeId: i.programme_id, offeringId: i.offering_id, plannedJp: Number(i.planned_jp) })) } });
      return plan;
    });
    return present(deps, actor, plan, person);
  } catch (error) {
    if (isUnique(error)) throw planningProblems.wrongState(`You already have a development plan for ${input.year}.`);
    throw error;
  }
}

/**
 * The first draft: the best recommendations, each adding a competency step the earlier ones do
 * not already develop, until the planned JP reach what is still needed this year (at least one
 * item, at most DRAFT_ITEMS).
 */
async function draftItems(deps: Deps, actor: Actor, index: SupplyIndex, person: Person, year: number): Promise<Checked[]> {
  const rec = await recommendationsFor(deps, actor, person.id, { year, limit: 20, location: 'near', lang: 'id' });
  const covered = new Map<string, number>();
  const out: Checked[] = [];
  let jp = 0;
  for (const item of rec.items) {
    if (out.length >= DRAFT_ITEMS || (out.length > 0 && jp >= rec.jp.still_needed)) break;
    const adds = item.reason.competencies.some((c) => c.to > (covered.get(c.code) ?? c.from));
    if (!adds) continue;
    try {
      const checked = await checkItem(deps, index, person, year, { programmeId: item.programme.id, offeringId: item.offering?.id, targetCompetencies: item.reason.competencies.map((c) => c.code) });
      out.push(checked);
      jp += checked.planned_jp;
      for (const c of item.reason.competencies) covered.set(c.code, Math.max(covered.get(c.code) ?? 0, c.to));
    } catch (e) {
      if (!(e instanceof Problem) || e.status >= 500) throw e;
    }
  }
  return out;
}

export async function addItem(deps: Deps, caller: Caller, planId: number, input: ItemInput) {
  const actor = actorOf(caller);
  const existing = await repo.findPlan(deps.db, planId);
  if (!existing) throw problems.notFound('No such development plan.');
  if (!isSelf(actor, existing.civil_servant_id)) await refuseEdit(deps, actor, existing);
  const person = await visiblePerson(deps, actor, existing.civil_servant_id);
  const index = await supplyIndex(deps);
  const checked = await checkItem(deps, index, person, existing.year, input);
  try {
    const item = await deps.db.transaction().execute(async (tx) => {
      const { plan } = await lockEditable(tx, actor, planId);
      const items = await repo.itemsOf(tx, plan.id);
      if (items.length >= MAX_ITEMS) throw planningProblems.unusable(`A plan holds at most ${MAX_ITEMS} items.`);
      if (items.some((i) => i.programme_id === checked.programme_id)) throw planningProblems.duplicate(`The plan already has ${index.programmes.get(checked.programme_id)?.code ?? 'this programme'}; change that item instead.`, input.offeringId !== undefined ? 'body.offeringId' : 'body.programmeId');
      const [row] = await repo.insertItems(tx, [{ ...checked, plan_id: plan.id, agency_id: plan.agency_id, note: input.note ?? null, origin: 'learner' }]);
      await repo.updatePlan(tx, plan.id, {});
      await recordAudit(tx, { ...caller, actor }, { action: 'development_plan.item_added', ...audit(plan), after: { itemId: row.id, ...checked, note: input.note ?? null } });
      return row;
    });
    return { itemId: item.id, plan: await getPlan(deps, actor, planId) };
  } catch (error) {
    if (isUnique(error)) throw planningProblems.duplicate('The plan already has this programme.');
    throw error;
  }
}

export async function updateItem(deps: Deps, caller: Caller, planId: number, itemId: number, input: Omit<ItemInput, 'programmeId'> & { offeringId?: number | null }) {
  const actor = actorOf(caller);
  const existing = await repo.findPlan(deps.db, planId);
  if (!existing) throw problems.notFound('No such development plan.');
  if (!isSelf(actor, existing.civil_servant_id)) await refuseEdit(deps, actor, existing);
  const item = await repo.findItem(deps.db, planId, itemId);
  if (!item) throw problems.notFound('No such item in this plan.');
  const person = await visiblePerson(deps, actor, existing.civil_servant_id);
  const index = await supplyIndex(deps);
  // the item stays on its programme; an offering may be chosen, changed or dropped
  const offeringId = input.offeringId === undefined ? item.offering_id ?? undefined : input.offeringId ?? undefined;
  const checked = await checkItem(deps, index, person, existing.year, {
    programmeId: item.programme_id,
    offeringId,
    plannedJp: input.plannedJp ?? Number(item.planned_jp),
    targetCompetencies: input.targetCompetencies ?? item.target_competencies,
  });
  await deps.db.transaction().execute(async (tx) => {
    const { plan } = await lockEditable(tx, actor, planId);
    if (!(await repo.findItem(tx, planId, itemId))) throw problems.notFound('No such item in this plan.');
    const row = await repo.updateItem(tx, itemId, { offering_id: checked.offering_id, planned_jp: checked.planned_jp, target_competencies: checked.target_competencies, ...(input.note !== undefined ? { note: input.note } : {}) });
    await repo.updatePlan(tx, plan.id, {});
    await recordAudit(tx, { ...caller, actor }, { action: 'development_plan.item_updated', ...audit(plan), before: item, after: row });
  });
  return { itemId, plan: await getPlan(deps, actor, planId) };
}

export async function removeItem(deps: Deps, caller: Caller, planId: number, itemId: number) {
  const actor = actorOf(caller);
  const existing = await repo.findPlan(deps.db, planId);
  if (!existing) throw problems.notFound('No such development plan.');
  if (!isSelf(actor, existing.civil_servant_id)) await refuseEdit(deps, actor, existing);
  await deps.db.transaction().execute(async (tx) => {
    const { plan } = await lockEditable(tx, actor, planId);
    const item = await repo.findItem(tx, planId, itemId);
    if (!item) throw problems.notFound('No such item in this plan.');
    await repo.deleteItem(tx, itemId);
    await repo.updatePlan(tx, plan.id, {});
    await recordAudit(tx, { ...caller, actor }, { action: 'development_plan.item_removed', ...audit(plan), before: item });
  });
  return getPlan(deps, actor, planId);
}

// ---------- transitions ----------

export async function submitPlan(deps: Deps, caller: Caller, planId: number) {
  const actor = actorOf(caller);
  const existing = await repo.findPlan(deps.db, planId);
  if (!existing) throw problems.notFound('No such development plan.');
  if (!isSelf(actor, existing.civil_servant_id)) await refuseEdit(deps, actor, existing);
  const person = await visiblePerson(deps, actor, existing.civil_servant_id);
  await deps.db.transaction().execute(async (tx) => {
    const plan = await repo.lockPlan(tx, planId);
    if (!plan) throw problems.notFound('No such development plan.');
    if (plan.status !== 'draft' && plan.status !== 'returned') throw planningProblems.wrongState(`This plan is ${plan.status}; only a draft or a returned plan is submitted.`);
    const items = await repo.itemsOf(tx, plan.id);
    if (items.length === 0) throw planningProblems.unusable('The plan has no items; add at least one programme or offering before submitting it.');
    const after = await repo.updatePlan(tx, plan.id, { status: 'submitted', decider_id: person.supervisor_id, submitted_at: new Date(), decided_at: null, decided_by: null, submissions: plan.submissions + 1 });
    const to = person.supervisor_id !== null ? [{ civilServantId: person.supervisor_id }] : [{ agencyAdminsOf: person.agency_id }];
    await notify(tx, deps.config, to, { kind: 'development_plan.submitted', ...notificationText.planSubmitted(person.name, plan.year, items.length), link: '/rencana/persetujuan', entityType: 'development_plan', entityId: plan.id, agencyId: plan.agency_id });
    await recordAudit(tx, { ...caller, actor }, { action: 'development_plan.submitted', ...audit(plan), before: { status: plan.status }, after: { status: after.status, deciderId: after.decider_id, items: items.length } });
  });
  return getPlan(deps, actor, planId);
}

export async function withdrawPlan(deps: Deps, caller: Caller, planId: number) {
  const actor = actorOf(caller);
  const existing = await repo.findPlan(deps.db, planId);
  if (!existing) throw problems.notFound('No such development plan.');
  if (!isSelf(actor, existing.civil_servant_id)) await refuseEdit(deps, actor, existing);
  await deps.db.transaction().execute(async (tx) => {
    const plan = await repo.lockPlan(tx, planId);
    if (!plan) throw problems.notFound('No such development plan.');
    if (plan.status !== 'submitted') throw planningProblems.wrongState(`This plan is ${plan.status}; only a submitted plan is withdrawn.`);
    await repo.updatePlan(tx, plan.id, { status: 'draft', decider_id: null });
    await recordAudit(tx, { ...caller, actor }, { action: 'development_plan.withdrawn', ...audit(plan), before: { status: plan.status }, after: { status: 'draft' } });
  });
  return getPlan(deps, actor, planId);
}

export async function decidePlan(deps: Deps, caller: Caller, planId: number, decision: 'approve' | 'return', comment: string | null) {
  const actor = actorOf(caller);
  const existing = await repo.findPlan(deps.db, planId);
  if (!existing) throw problems.notFound('No such development plan.');
  let person: Person;
  try {
    person = await visiblePerson(deps, actor, existing.civil_servant_id);
  } catch (e) {
    if (e instanceof Problem && e.status === 404) throw problems.notFound('No such development plan.');
    throw e;
  }
  if (isSelf(actor, person.id) || !mayDecidePlan(actor, person)) {
    throw problems.forbidden(person.supervisor_id !== null ? "Only the person's direct supervisor decides their development plan." : "The agency admin decides the plans of people without a supervisor on record.");
  }
  const note = comment?.trim() || null;
  if (decision === 'return' && !note) throw planningProblems.invalid('body.comment', 'is required to return a plan: say what to change');
  await deps.db.transaction().execute(async (tx) => {
    const plan = await repo.lockPlan(tx, planId);
    if (!plan) throw problems.notFound('No such development plan.');
    if (plan.status !== 'submitted') throw planningProblems.wrongState(`This plan is ${plan.status}; only a submitted plan is approved or returned.`);
    const status = decision === 'approve' ? ('approved' as const) : ('returned' as const);
    await repo.updatePlan(tx, plan.id, { status, decided_at: new Date(), decided_by: actor.label, decision_comment: note });
    await notify(tx, deps.config, [{ civilServantId: person.id }], decision === 'approve'
      ? { kind: 'development_plan.approved', ...notificationText.planApproved(plan.year, note), link: planLink(plan.id), entityType: 'development_plan', entityId: plan.id, agencyId: plan.agency_id }
      : { kind: 'development_plan.returned', ...notificationText.planReturned(plan.year, note), link: planLink(plan.id), entityType: 'development_plan', entityId: plan.id, agencyId: plan.agency_id });
    await recordAudit(tx, { ...caller, actor }, { action: `development_plan.${decision === 'approve' ? 'approved' : 'returned'}`, ...audit(plan), before: { status: plan.status }, after: { status, comment: note } });
  });
  if (decision === 'approve') await convertDueItems(deps, { planId });
  return getPlan(deps, actor, planId);
}

// ---------- planned items become enrolment requests ----------

/** The learner, as the worker acts for them: learning's requestEnrolment checks everything as if they asked. */
function learnerActor(personId: number, agencyId: number): Actor {
  return { type: 'token', id: 'system:planning', label: 'planning (development plan)', grants: [{ role: 'learner', scopeType: 'agency', scopeId: agencyId }], civilServantId: personId };
}

/**
 * Turns planned offerings of approved plans whose registration is open today into enrolment
 * requests. Safe with several instances: items are claimed (skip locked + a claim time) before
 * the request; a request that was made but not recorded (a crash in between) is found again as
 * "already enrolled" and linked.
 */
export async function convertDueItems(deps: Deps, opts: { planId?: number; limit?: number } = {}) {
  const index = await supplyIndex(deps);
  const today = todayJakarta();
  const open = [...index.offerings.values()].filter((o) => registrationState(o, today) === 'open').map((o) => o.id);
  const claimed = await deps.db.transaction().execute((tx) => repo.claimDueItems(tx, { offeringIds: open, planId: opts.planId, limit: opts.limit ?? 50 }));
  const results: { itemId: number; state: string; enrolmentId: number | null; detail: string | null }[] = [];
  for (const item of claimed) {
    const caller: Caller = { actor: learnerActor(item.civil_servant_id, item.agency_id), systemLabel: 'planning' };
    let outcome: { state: 'requested' | 'refused' | 'planned'; enrolmentId: number | null; detail: string | null };
    try {
      const r = await requestEnrolment(deps, caller, item.offering_id);
      outcome = { state: 'requested', enrolmentId: r.id, detail: null };
    } catch (e) {
      const p = e as Problem;
      if (!(p instanceof Problem) || p.status >= 500) {
        // not a refusal: leave it planned, retried after the claim lapses
        results.push({ itemId: item.id, state: 'planned', enrolmentId: null, detail: String((e as Error).message ?? e) });
        continue;
      }
      if (p.type === 'already-enrolled') {
        const live = (await learnerFacts(deps.db, item.civil_servant_id, Number(today.slice(0, 4)))).live.find((l) => l.programmeId === item.programme_id);
        outcome = live ? { state: 'requested', enrolmentId: live.enrolmentId, detail: p.detail ?? null } : { state: 'refused', enrolmentId: null, detail: p.detail ?? p.title };
      } else if (p.type === 'registration-closed') {
        outcome = { state: 'planned', enrolmentId: null, detail: p.detail ?? null };
      } else {
        outcome = { state: 'refused', enrolmentId: null, detail: p.detail ?? p.title };
      }
    }
    await deps.db.transaction().execute(async (tx) => {
      await repo.settleItem(tx, item.id, { state: outcome.state, enrolment_id: outcome.enrolmentId, state_detail: outcome.detail });
      await recordAudit(tx, caller, { action: `development_plan.item_${outcome.state}`, entityType: 'development_plan', entityId: item.plan_id, scopeType: 'agency', scopeId: item.agency_id, after: { itemId: item.id, offeringId: item.offering_id, enrolmentId: outcome.enrolmentId, detail: outcome.detail } });
    });
    results.push({ itemId: item.id, state: outcome.state, enrolmentId: outcome.enrolmentId, detail: outcome.detail });
  }
  return results;
}
