// Agency plans: per agency per year, the agency's needs (people with gaps by competency ×
// position tier × unit), the programmes and seats chosen to answer them, and the budget they cost
// (unit fee × seats; a plan never goes over its budget: the change is refused, 422 over-budget).
// Compared with what the agency's people completed the year before. Submitted to the national
// institute (the needs are frozen into the plan then); national admins read submitted plans and
// may return one with a comment.
//
//   draft ──submit──▶ submitted ──return──▶ returned ──submit──▶ submitted
import type { Kysely } from 'kysely';
import type { Caller, Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/actor.ts';
import { problems, type FieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/service.ts';
import { agencyNeeds } from '../competency/needs.ts';
import { compareCodes } from '../competency/gaps.ts';
import { TIERS } from '../competency/tiers.ts';
import { offeringLabels, programmeLabels } from '../catalog/supply.ts';
import { todayJakarta } from '../catalog/rules.ts';
import { deliveredInYear } from '../learning/planning-facts.ts';
import { getAgency } from '../org/service.ts';
import { listUnits } from '../org/registry-service.ts';
import { planningProblems } from './errors.ts';
import { agencyPlanScope, mayReadAgencyPlan, mayReturnAgencyPlan, mayWriteAgencyPlan } from './policy.ts';
import { checkYear } from './recommend-service.ts';
import * as repo from './repository.ts';
import { supplyIndex, type SupplyIndex } from './supply-index.ts';

function actorOf(caller: Caller): Actor {
  if (!caller.actor) throw problems.unauthenticated();
  return caller.actor;
}

const cents = (x: string | number) => Math.round(Number(x) * 100);
const rupiah = (c: number) => `Rp ${Math.round(c / 100).toLocaleString('id-ID')}`;
const audit = (plan: { id: number; agency_id: number }) => ({ entityType: 'agency_plan', entityId: plan.id, scopeType: 'agency' as const, scopeId: plan.agency_id });

export const MAX_LINES = 500;

// ---------- needs ----------

interface NeedsRow {
  code: string;
  tier: string;
  unitId: number | null;
  people: number;
  withGap: number;
  gapSum: number;
}

interface Needs {
  asOf: string;
  rows: NeedsRow[];
  units: { id: number; code: string; name: string }[];
}

async function liveNeeds(deps: Deps, actor: Actor, agencyId: number): Promise<Needs> {
  const n = await agencyNeeds(deps, actor, agencyId);
  return { asOf: n.asOf, rows: n.rows, units: n.units };
}

/** Per competency: people required, with a gap, gap sum; what was delivered in `year`; seats planned. */
async function comparison(deps: Deps, index: SupplyIndex, agencyId: number, year: number, needs: Needs, lines: repo.LineRow[]) {
  const delivered = await deliveredInYear(deps.db, agencyId, year - 1);
  const labels = await programmeLabels(deps.db, delivered.byProgramme.map((d) => d.programmeId));
  const byCode = new Map<string, { code: string; people: number; withGap: number; gapSum: number; plannedSeats: number; deliveredCompletions: number; deliveredJp: number }>();
  const row = (code: string) => {
    let r = byCode.get(code);
    if (!r) byCode.set(code, (r = { code, people: 0, withGap: 0, gapSum: 0, plannedSeats: 0, deliveredCompletions: 0, deliveredJp: 0 }));
    return r;
  };
  for (const n of needs.rows) {
    const r = row(n.code);
    r.people += n.people;
    r.withGap += n.withGap;
    r.gapSum += n.gapSum;
  }
  for (const l of lines) for (const code of l.target_competencies) row(code).plannedSeats += l.seats;
  // a completion counts for every competency its programme develops
  for (const d of delivered.byProgramme) {
    for (const c of labels.get(d.programmeId)?.competencies ?? []) {
      const r = row(c.code);
      r.deliveredCompletions += d.completions;
      r.deliveredJp = Math.round((r.deliveredJp + d.jp) * 100) / 100;
    }
  }
  return {
    lastYear: year - 1,
    delivered: { people: delivered.people, jp: delivered.jp, jpWithoutProgramme: delivered.otherJp },
    competencies: [...byCode.values()].sort((a, b) => compareCodes(a.code, b.code)).map((r) => ({ ...r, ...index.name(r.code) })),
  };
}

export async function needsView(deps: Deps, actor: Actor, agencyId: number, year: number) {
  checkYear(year, 'querystring.year');
  const agency = await getAgency(deps, agencyId);
  const index = await supplyIndex(deps);
  const needs = await liveNeeds(deps, actor, agencyId);
  return {
    agency: { id: agency.id, code: agency.code, name: agency.name },
    year,
    needs: { as_of: needs.asOf, units: needs.units, rows: needs.rows.map((r) => ({ ...r, ...index.name(r.code) })) },
    comparison: await comparison(deps, index, agencyId, year, needs, []),
  };
}

// ---------- reading plans ----------

async function present(deps: Deps, actor: Actor, plan: repo.AgencyPlanRow) {
  const index = await supplyIndex(deps);
  const agency = await getAgency(deps, plan.agency_id);
  const lines = await repo.linesOf(deps.db, plan.id);
  const [programmes, offerings] = await Promise.all([programmeLabels(deps.db, lines.map((l) => l.programme_id)), offeringLabels(deps.db, lines.flatMap((l) => (l.offering_id ? [l.offering_id] : [])))]);
  const frozen = plan.status === 'submitted' && plan.needs_snapshot ? (plan.needs_snapshot as Needs) : null;
  const needs = frozen ?? (await liveNeeds(deps, actor, plan.agency_id).catch(() => ({ asOf: todayJakarta(), rows: [], units: [] })));
  const unitNames = new Map(needs.units.map((u) => [u.id, u.name]));
  const costCents = lines.reduce((n, l) => n + cents(l.unit_fee) * l.seats, 0);
  const budgetCents = cents(plan.budget);
  const editable = (plan.status === 'draft' || plan.status === 'returned') && mayWriteAgencyPlan(actor, plan.agency_id);
  return {
    id: plan.id,
    agency: { id: agency.id, code: agency.code, name: agency.name },
    year: plan.year,
    status: plan.status,
    budget: budgetCents / 100,
    cost: costCents / 100,
    remaining: (budgetCents - costCents) / 100,
    seats: lines.reduce((n, l) => n + l.seats, 0),
    notes: plan.notes,
    submitted_at: plan.submitted_at?.toISOString() ?? null,
    submitted_by: plan.submitted_by,
    returned_at: plan.returned_at?.toISOString() ?? null,
    returned_by: plan.returned_by,
    return_comment: plan.return_comment,
    created_by: plan.created_by,
    updated_at: plan.updated_at.toISOString(),
    lines: lines.map((l) => {
      const p = programmes.get(l.programme_id);
      const o = l.offering_id ? offerings.get(l.offering_id) : undefined;
      return {
        id: l.id,
        programme: { id: l.programme_id, code: p?.code ?? '', title_id: p?.title_id ?? '', title_en: p?.title_en ?? null, category: p?.category ?? '', jp: p?.jp ?? 0, status: p?.status ?? 'unknown', provider_name: p?.provider_name ?? '' },
        offering: o ? { id: o.id, code: o.code, start_date: o.start_date, end_date: o.end_date, mode: o.mode, province_code: o.province_code, status: o.status, fee: o.fee } : null,
        seats: l.seats,
        unit_fee: cents(l.unit_fee) / 100,
        cost: (cents(l.unit_fee) * l.seats) / 100,
        target_competencies: l.target_competencies.map((code) => ({ code, ...index.name(code) })),
        position_tier: l.position_tier,
        unit_id: l.unit_id,
        unit_name: l.unit_id ? unitNames.get(l.unit_id) ?? null : null,
        note: l.note,
      };
    }),
    needs: { as_of: needs.asOf, frozen: frozen !== null, units: needs.units, rows: needs.rows.map((r) => ({ ...r, ...index.name(r.code) })) },
    comparison: await comparison(deps, index, plan.agency_id, plan.year, needs, lines),
    may: {
      edit: editable,
      submit: editable && lines.length > 0,
      return: plan.status === 'submitted' && mayReturnAgencyPlan(actor),
    },
  };
}

export type AgencyPlanView = Awaited<ReturnType<typeof present>>;

async function readable(deps: Deps, actor: Actor, id: number) {
  const plan = await repo.findAgencyPlan(deps.db, id);
  if (!plan || !mayReadAgencyPlan(actor, plan)) throw problems.notFound('No such agency plan.');
  return plan;
}

export async function getAgencyPlan(deps: Deps, actor: Actor, id: number) {
  return present(deps, actor, await readable(deps, actor, id));
}

export async function listAgencyPlans(deps: Deps, actor: Actor, q: { agencyId?: number; year?: number; status?: string; limit: number }) {
  const scope = agencyPlanScope(actor);
  const rows = [];
  // own agencies: every status; national roles: everything submitted at least once
  if (scope.own.length) rows.push(...(await repo.listAgencyPlans(deps.db, { agencies: q.agencyId ? scope.own.filter((a) => a === q.agencyId) : scope.own, nonDraftOnly: false, year: q.year, status: q.status, limit: q.limit })));
  if (scope.national) rows.push(...(await repo.listAgencyPlans(deps.db, { agencies: q.agencyId ? [q.agencyId] : 'all', nonDraftOnly: true, year: q.year, status: q.status, limit: q.limit })));
  const seen = new Set<number>();
  return {
    items: rows
      .filter((r) => !seen.has(r.id) && seen.add(r.id))
      .slice(0, q.limit)
      .map((r) => ({ id: r.id, agency: { id: r.agency_id, code: r.agency_code, name: r.agency_name }, year: r.year, status: r.status, budget: cents(r.budget) / 100, cost: cents(r.cost ?? 0) / 100, seats: Number(r.seats ?? 0), submitted_at: r.submitted_at?.toISOString() ?? null, submitted_by: r.submitted_by, updated_at: r.updated_at.toISOString() })),
  };
}

// ---------- writing ----------

function overBudget(costCents: number, budgetCents: number, field: string) {
  return planningProblems.overBudget(`The plan would cost ${rupiah(costCents)}, ${rupiah(costCents - budgetCents)} over its budget of ${rupiah(budgetCents)}. Lower the seats or fees, drop a line, or raise the budget.`, field);
}

async function lockWritable(tx: Kysely<DB>, actor: Actor, id: number) {
  const plan = await repo.lockAgencyPlan(tx, id);
  if (!plan || !mayReadAgencyPlan(actor, plan)) throw problems.notFound('No such agency plan.');
  if (!mayWriteAgencyPlan(actor, plan.agency_id)) throw problems.forbidden("Only the agency's admins change its plan.");
  if (plan.status !== 'draft' && plan.status !== 'returned') throw planningProblems.wrongState(`This plan is ${plan.status}; it changes only while it is a draft or returned by the national institute.`);
  return plan;
}

export async function createAgencyPlan(deps: Deps, caller: Caller, input: { agencyId: number; year: number; budget: number; notes?: string | null }) {
  const actor = actorOf(caller);
  const agency = await getAgency(deps, input.agencyId).catch(() => {
    throw planningProblems.invalid('body.agencyId', 'is not an agency');
  });
  if (!mayWriteAgencyPlan(actor, agency.id)) throw problems.forbidden("Only the agency's admins make its plan.");
  checkYear(input.year, 'body.year');
  if (await repo.agencyPlanOf(deps.db, agency.id, input.year)) throw planningProblems.wrongState(`${agency.name} already has a plan for ${input.year}.`);
  try {
    const plan = await deps.db.transaction().execute(async (tx) => {
      const plan = await repo.insertAgencyPlan(tx, { agency_id: agency.id, year: input.year, budget: input.budget, notes: input.notes ?? null, created_by: actor.label });
      await recordAudit(tx, { ...caller, actor }, { action: 'agency_plan.created', ...audit(plan), after: { year: plan.year, budget: input.budget, notes: plan.notes } });
      return plan;
    });
    return present(deps, actor, plan);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw planningProblems.wrongState(`${agency.name} already has a plan for ${input.year}.`);
    throw error;
  }
}

export async function updateAgencyPlan(deps: Deps, caller: Caller, id: number, input: { budget?: number; notes?: string | null }) {
  const actor = actorOf(caller);
  await deps.db.transaction().execute(async (tx) => {
    const plan = await lockWritable(tx, actor, id);
    if (input.budget !== undefined) {
      const cost = await repo.planCostCents(tx, id);
      if (cost > cents(input.budget)) throw overBudget(cost, cents(input.budget), 'body.budget');
    }
    const after = await repo.updateAgencyPlan(tx, id, { ...(input.budget !== undefined ? { budget: input.budget } : {}), ...(input.notes !== undefined ? { notes: input.notes } : {}) });
    await recordAudit(tx, { ...caller, actor }, { action: 'agency_plan.updated', ...audit(plan), before: { budget: plan.budget, notes: plan.notes }, after: { budget: after.budget, notes: after.notes } });
  });
  return getAgencyPlan(deps, actor, id);
}

export interface LineInput {
  programmeId?: number;
  offeringId?: number | null;
  seats?: number;
  unitFee?: number;
  targetCompetencies?: string[];
  positionTier?: string | null;
  unitId?: number | null;
  note?: string | null;
}

async function checkLine(deps: Deps, index: SupplyIndex, plan: repo.AgencyPlanRow, input: LineInput & { seats: number }, current?: repo.LineRow) {
  const errors: FieldError[] = [];
  const today = todayJakarta();
  const offeringId = input.offeringId === undefined ? current?.offering_id ?? null : input.offeringId;
  const programmeId = input.programmeId ?? current?.programme_id;
  if (offeringId === null && programmeId === undefined) throw planningProblems.invalid('body.programmeId', 'give a programmeId or an offeringId');
  const offering = offeringId !== null ? index.offerings.get(offeringId) : undefined;
  if (offeringId !== null) {
    if (!offering || offering.registration_closes < today) throw planningProblems.unusable(`Offering ${offeringId} is not an offering that takes registrations.`, 'body.offeringId');
    if (Number(offering.start_date.slice(0, 4)) !== plan.year) throw planningProblems.unusable(`Offering ${offering.code} starts on ${offering.start_date}, not in ${plan.year}.`, 'body.offeringId');
    if (programmeId !== undefined && programmeId !== offering.programme.id) throw planningProblems.unusable(`Offering ${offering.code} belongs to programme ${offering.programme.code}, not to programme ${programmeId}.`, 'body.programmeId');
  }
  const programme = offering?.programme ?? (programmeId !== undefined ? index.programmes.get(programmeId) : undefined);
  if (!programme) throw planningProblems.unusable(`Programme ${programmeId} is not a published programme.`, 'body.programmeId');
  const unitFee = input.unitFee ?? (input.offeringId !== undefined || !current ? offering?.fee : Number(current.unit_fee)) ?? (current ? Number(current.unit_fee) : undefined);
  if (unitFee === undefined) errors.push({ field: 'body.unitFee', message: 'is required for a programme without an offering (the fee per seat you expect)' });
  const codes = new Set(programme.competencies.map((c) => c.code));
  const targets = input.targetCompetencies ?? current?.target_competencies ?? [...codes];
  targets.forEach((code, i) => {
    if (!codes.has(code)) errors.push({ field: `body.targetCompetencies.${i}`, message: `${programme.code} does not develop ${code} (it develops ${[...codes].join(', ')})` });
  });
  const tier = input.positionTier === undefined ? current?.position_tier ?? null : input.positionTier;
  if (tier !== null && !(TIERS as readonly string[]).includes(tier)) errors.push({ field: 'body.positionTier', message: `is not a position tier (${TIERS.join(', ')})` });
  const unitId = input.unitId === undefined ? current?.unit_id ?? null : input.unitId;
  if (unitId !== null && !(await listUnits(deps, plan.agency_id)).some((u) => u.id === unitId)) errors.push({ field: 'body.unitId', message: 'is not a unit of this agency' });
  if (errors.length) throw problems.validation(errors);
  return { programme_id: programme.id, offering_id: offering?.id ?? null, seats: input.seats, unit_fee: unitFee as number, target_competencies: targets, position_tier: tier, unit_id: unitId, note: input.note === undefined ? current?.note ?? null : input.note };
}

export async function addLine(deps: Deps, caller: Caller, id: number, input: LineInput & { seats: number }) {
  const actor = actorOf(caller);
  const plan = await repo.findAgencyPlan(deps.db, id);
  if (!plan || !mayReadAgencyPlan(actor, plan)) throw problems.notFound('No such agency plan.');
  const index = await supplyIndex(deps);
  const line = await checkLine(deps, index, plan, input);
  const lineId = await deps.db.transaction().execute(async (tx) => {
    const locked = await lockWritable(tx, actor, id);
    const lines = await repo.linesOf(tx, id);
    if (lines.length >= MAX_LINES) throw planningProblems.unusable(`A plan holds at most ${MAX_LINES} lines.`);
    if (lines.some((l) => l.programme_id === line.programme_id && l.offering_id === line.offering_id && l.position_tier === line.position_tier && l.unit_id === line.unit_id)) {
      throw planningProblems.duplicate('The plan already has a line for this programme, offering, tier and unit; change its seats instead.', 'body.offeringId');
    }
    const cost = (await repo.planCostCents(tx, id)) + cents(line.unit_fee) * line.seats;
    if (cost > cents(locked.budget)) throw overBudget(cost, cents(locked.budget), 'body.seats');
    const row = await repo.insertLine(tx, { ...line, plan_id: id, agency_id: locked.agency_id });
    await repo.updateAgencyPlan(tx, id, {});
    await recordAudit(tx, { ...caller, actor }, { action: 'agency_plan.line_added', ...audit(locked), after: row });
    return row.id;
  });
  return { lineId, plan: await getAgencyPlan(deps, actor, id) };
}

export async function updateLine(deps: Deps, caller: Caller, id: number, lineId: number, input: LineInput) {
  const actor = actorOf(caller);
  const plan = await repo.findAgencyPlan(deps.db, id);
  if (!plan || !mayReadAgencyPlan(actor, plan)) throw problems.notFound('No such agency plan.');
  const current = await repo.findLine(deps.db, id, lineId);
  if (!current) throw problems.notFound('No such line in this plan.');
  const index = await supplyIndex(deps);
  const line = await checkLine(deps, index, plan, { ...input, programmeId: input.programmeId ?? current.programme_id, seats: input.seats ?? current.seats }, current);
  await deps.db.transaction().execute(async (tx) => {
    const locked = await lockWritable(tx, actor, id);
    const before = await repo.findLine(tx, id, lineId);
    if (!before) throw problems.notFound('No such line in this plan.');
    const cost = (await repo.planCostCents(tx, id)) - cents(before.unit_fee) * before.seats + cents(line.unit_fee) * line.seats;
    if (cost > cents(locked.budget)) throw overBudget(cost, cents(locked.budget), input.unitFee !== undefined && input.seats === undefined ? 'body.unitFee' : 'body.seats');
    const row = await repo.updateLine(tx, lineId, line);
    await repo.updateAgencyPlan(tx, id, {});
    await recordAudit(tx, { ...caller, actor }, { action: 'agency_plan.line_updated', ...audit(locked), before, after: row });
  });
  return { lineId, plan: await getAgencyPlan(deps, actor, id) };
}

export async function removeLine(deps: Deps, caller: Caller, id: number, lineId: number) {
  const actor = actorOf(caller);
  await deps.db.transaction().execute(async (tx) => {
    const locked = await lockWritable(tx, actor, id);
    const before = await repo.findLine(tx, id, lineId);
    if (!before) throw problems.notFound('No such line in this plan.');
    await repo.deleteLine(tx, lineId);
    await repo.updateAgencyPlan(tx, id, {});
    await recordAudit(tx, { ...caller, actor }, { action: 'agency_plan.line_removed', ...audit(locked), before });
  });
  return getAgencyPlan(deps, actor, id);
}

export async function submitAgencyPlan(deps: Deps, caller: Caller, id: number) {
  const actor = actorOf(caller);
  const plan = await repo.findAgencyPlan(deps.db, id);
  if (!plan || !mayReadAgencyPlan(actor, plan)) throw problems.notFound('No such agency plan.');
  const needs = await liveNeeds(deps, actor, plan.agency_id);
  await deps.db.transaction().execute(async (tx) => {
    const locked = await lockWritable(tx, actor, id);
    const lines = await repo.linesOf(tx, id);
    if (lines.length === 0) throw planningProblems.unusable('The plan has no lines; choose at least one programme and its seats before submitting it.');
    const cost = await repo.planCostCents(tx, id);
    if (cost > cents(locked.budget)) throw overBudget(cost, cents(locked.budget), 'body');
    const after = await repo.updateAgencyPlan(tx, id, { status: 'submitted', submitted_at: new Date(), submitted_by: actor.label, needs_snapshot: JSON.stringify(needs) });
    await recordAudit(tx, { ...caller, actor }, { action: 'agency_plan.submitted', ...audit(locked), before: { status: locked.status }, after: { status: after.status, lines: lines.length, cost: cost / 100, budget: Number(locked.budget) } });
  });
  return getAgencyPlan(deps, actor, id);
}

export async function returnAgencyPlan(deps: Deps, caller: Caller, id: number, comment: string) {
  const actor = actorOf(caller);
  const plan = await repo.findAgencyPlan(deps.db, id);
  if (!plan || !mayReadAgencyPlan(actor, plan)) throw problems.notFound('No such agency plan.');
  if (!mayReturnAgencyPlan(actor)) throw problems.forbidden('National admins return submitted agency plans.');
  const note = comment.trim();
  if (!note) throw planningProblems.invalid('body.comment', 'is required: say what the agency should change');
  await deps.db.transaction().execute(async (tx) => {
    const locked = await repo.lockAgencyPlan(tx, id);
    if (!locked) throw problems.notFound('No such agency plan.');
    if (locked.status !== 'submitted') throw planningProblems.wrongState(`This plan is ${locked.status}; only a submitted plan is returned.`);
    await repo.updateAgencyPlan(tx, id, { status: 'returned', returned_at: new Date(), returned_by: actor.label, return_comment: note });
    await recordAudit(tx, { ...caller, actor }, { action: 'agency_plan.returned', ...audit(locked), before: { status: locked.status }, after: { status: 'returned', comment: note } });
  });
  return getAgencyPlan(deps, actor, id);
}

