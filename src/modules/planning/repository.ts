// The SQL of planning: development plans and their items, agency plans and their lines.
// Reads of people, catalogue and learning go through those modules' services.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PlanItemState } from '../../db/planning-schema.ts';

type Db = Kysely<DB>;

// ---------- development plans ----------

const planColumns = ['id', 'civil_servant_id', 'agency_id', 'year', 'status', 'decider_id', 'submitted_at', 'decided_at', 'decided_by', 'decision_comment', 'submissions', 'created_at', 'updated_at'] as const;

export type PlanRow = Awaited<ReturnType<typeof findPlan>> & object;

export async function findPlan(db: Db, id: number) {
  const row = await db.selectFrom('development_plan').select(planColumns).where('id', '=', id).executeTakeFirst();
  return row && normalisePlan(row);
}

export async function lockPlan(db: Db, id: number) {
  const row = await db.selectFrom('development_plan').select(planColumns).where('id', '=', id).forUpdate().executeTakeFirst();
  return row && normalisePlan(row);
}

export async function planOf(db: Db, personId: number, year: number) {
  const row = await db.selectFrom('development_plan').select(planColumns).where('civil_servant_id', '=', personId).where('year', '=', year).executeTakeFirst();
  return row && normalisePlan(row);
}

function normalisePlan<T extends { civil_servant_id: number; decider_id: number | null }>(row: T): T {
  return { ...row, civil_servant_id: Number(row.civil_servant_id), decider_id: row.decider_id === null ? null : Number(row.decider_id) };
}

export async function insertPlan(db: Db, row: { civil_servant_id: number; agency_id: number; year: number }) {
  return normalisePlan(await db.insertInto('development_plan').values(row).returning(planColumns).executeTakeFirstOrThrow());
}

export interface PlanChanges {
  status?: 'draft' | 'submitted' | 'approved' | 'returned';
  decider_id?: number | null;
  submitted_at?: Date | null;
  decided_at?: Date | null;
  decided_by?: string | null;
  decision_comment?: string | null;
  submissions?: number;
}

export async function updatePlan(db: Db, id: number, set: PlanChanges) {
  return normalisePlan(await db.updateTable('development_plan').set({ ...(set as object), updated_at: new Date() } as never).where('id', '=', id).returning(planColumns).executeTakeFirstOrThrow());
}

const itemColumns = ['id', 'plan_id', 'agency_id', 'programme_id', 'offering_id', 'planned_jp', 'target_competencies', 'note', 'origin', 'state', 'enrolment_id', 'state_detail', 'created_at', 'updated_at'] as const;

export function itemsOf(db: Db, planId: number) {
  return db.selectFrom('development_plan_item').select(itemColumns).where('plan_id', '=', planId).orderBy('id').execute();
}

export type ItemRow = Awaited<ReturnType<typeof itemsOf>>[number];

export function findItem(db: Db, planId: number, itemId: number) {
  return db.selectFrom('development_plan_item').select(itemColumns).where('plan_id', '=', planId).where('id', '=', itemId).executeTakeFirst();
}

export interface NewItem {
  plan_id: number;
  agency_id: number;
  programme_id: number;
  offering_id: number | null;
  planned_jp: number;
  target_competencies: string[];
  note: string | null;
  origin: 'recommendation' | 'learner';
}

export function insertItems(db: Db, rows: NewItem[]) {
  if (rows.length === 0) return Promise.resolve([] as ItemRow[]);
  return db.insertInto('development_plan_item').values(rows).returning(itemColumns).execute();
}

export function updateItem(db: Db, id: number, set: { offering_id?: number | null; planned_jp?: number; target_competencies?: string[]; note?: string | null }) {
  return db.updateTable('development_plan_item').set({ ...set, updated_at: new Date() }).where('id', '=', id).returning(itemColumns).executeTakeFirstOrThrow();
}

export function deleteItem(db: Db, id: number) {
  return db.deleteFrom('development_plan_item').where('id', '=', id).execute();
}

/** Submitted plans awaiting this decider (a supervisor), or awaiting the agency (no supervisor) in these agencies. */
export async function awaitingDecision(db: Db, q: { deciderId: number | null; agencies: number[] | 'all'; limit: number }) {
  const rows = await db
    .selectFrom('development_plan')
    .select(planColumns)
    .where('status', '=', 'submitted')
    .where((eb) =>
      eb.or([
        ...(q.deciderId !== null ? [eb('decider_id', '=', q.deciderId)] : []),
        ...(q.agencies === 'all' ? [eb('decider_id', 'is', null)] : q.agencies.length ? [eb.and([eb('decider_id', 'is', null), eb('agency_id', 'in', q.agencies)])] : []),
        sql<boolean>`false`,
      ]),
    )
    .orderBy('submitted_at')
    .orderBy('id')
    .limit(q.limit)
    .execute();
  return rows.map(normalisePlan);
}

export interface ClaimedItem {
  id: number;
  plan_id: number;
  programme_id: number;
  offering_id: number;
  civil_servant_id: number;
  agency_id: number;
}

/**
 * Claims up to `limit` planned items of approved plans whose offering is among `offeringIds`
 * (registration open): each claimed row is held for two minutes, so a second instance running
 * the same round skips it (skip locked while claiming, claimed_until after).
 */
export async function claimDueItems(db: Db, q: { offeringIds: number[]; planId?: number; limit: number }): Promise<ClaimedItem[]> {
  if (q.offeringIds.length === 0) return [];
  const { rows } = await sql<ClaimedItem>`
    update development_plan_item i set claimed_until = now() + interval '2 minutes'
    from development_plan p
    where p.id = i.plan_id and i.id in (
      select i2.id from development_plan_item i2 join development_plan p2 on p2.id = i2.plan_id
      where i2.state = 'planned' and i2.offering_id = any(${q.offeringIds}::int[]) and p2.status = 'approved'
        and (i2.claimed_until is null or i2.claimed_until < now())
        ${q.planId !== undefined ? sql`and i2.plan_id = ${q.planId}` : sql``}
      order by i2.id limit ${q.limit}
      for update of i2 skip locked)
    returning i.id, i.plan_id, i.programme_id, i.offering_id, p.civil_servant_id, p.agency_id`.execute(db);
  return rows.map((r) => ({ ...r, civil_servant_id: Number(r.civil_servant_id) }));
}

export function settleItem(db: Db, id: number, set: { state: PlanItemState; enrolment_id?: number | null; state_detail?: string | null; claimed_until?: Date | null }) {
  return db.updateTable('development_plan_item').set({ claimed_until: null, ...set, updated_at: new Date() }).where('id', '=', id).execute();
}

// ---------- agency plans ----------

const agencyPlanColumns = ['id', 'agency_id', 'year', 'status', 'budget', 'notes', 'needs_snapshot', 'submitted_at', 'submitted_by', 'returned_at', 'returned_by', 'return_comment', 'created_by', 'created_at', 'updated_at'] as const;

export function findAgencyPlan(db: Db, id: number) {
  return db.selectFrom('agency_plan').select(agencyPlanColumns).where('id', '=', id).executeTakeFirst();
}

export type AgencyPlanRow = NonNullable<Awaited<ReturnType<typeof findAgencyPlan>>>;

export function lockAgencyPlan(db: Db, id: number) {
  return db.selectFrom('agency_plan').select(agencyPlanColumns).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function agencyPlanOf(db: Db, agencyId: number, year: number) {
  return db.selectFrom('agency_plan').select(agencyPlanColumns).where('agency_id', '=', agencyId).where('year', '=', year).executeTakeFirst();
}

export function insertAgencyPlan(db: Db, row: { agency_id: number; year: number; budget: number; notes: string | null; created_by: string }) {
  return db.insertInto('agency_plan').values(row).returning(agencyPlanColumns).executeTakeFirstOrThrow();
}

export function updateAgencyPlan(db: Db, id: number, set: Record<string, unknown>) {
  return db.updateTable('agency_plan').set({ ...set, updated_at: new Date() } as never).where('id', '=', id).returning(agencyPlanColumns).executeTakeFirstOrThrow();
}

export function listAgencyPlans(db: Db, q: { agencies: number[] | 'all'; nonDraftOnly: boolean; year?: number; status?: string; limit: number }) {
  let query = db
    .selectFrom('agency_plan as ap')
    .innerJoin('agency as a', 'a.id', 'ap.agency_id')
    .select(['ap.id', 'ap.agency_id', 'a.code as agency_code', 'a.name as agency_name', 'ap.year', 'ap.status', 'ap.budget', 'ap.submitted_at', 'ap.submitted_by', 'ap.updated_at'])
    .select((eb) => [
      eb.selectFrom('agency_plan_line as l').whereRef('l.plan_id', '=', 'ap.id').select(sql<string>`coalesce(sum(l.unit_fee * l.seats), 0)`.as('c')).as('cost'),
      eb.selectFrom('agency_plan_line as l').whereRef('l.plan_id', '=', 'ap.id').select(sql<number>`coalesce(sum(l.seats), 0)::int`.as('s')).as('seats'),
    ])
    .orderBy('ap.year', 'desc')
    .orderBy('a.name')
    .limit(q.limit);
  if (q.agencies !== 'all') query = query.where('ap.agency_id', 'in', q.agencies.length ? q.agencies : [0]);
  if (q.nonDraftOnly) query = query.where('ap.status', '<>', 'draft');
  if (q.year) query = query.where('ap.year', '=', q.year);
  if (q.status) query = query.where('ap.status', '=', q.status as never);
  return query.execute();
}

const lineColumns = ['id', 'plan_id', 'agency_id', 'programme_id', 'offering_id', 'seats', 'unit_fee', 'target_competencies', 'position_tier', 'unit_id', 'note', 'created_at', 'updated_at'] as const;

export function linesOf(db: Db, planId: number) {
  return db.selectFrom('agency_plan_line').select(lineColumns).where('plan_id', '=', planId).orderBy('id').execute();
}

export type LineRow = Awaited<ReturnType<typeof linesOf>>[number];

export function findLine(db: Db, planId: number, lineId: number) {
  return db.selectFrom('agency_plan_line').select(lineColumns).where('plan_id', '=', planId).where('id', '=', lineId).executeTakeFirst();
}

export interface NewLine {
  plan_id: number;
  agency_id: number;
  programme_id: number;
  offering_id: number | null;
  seats: number;
  unit_fee: number;
  target_competencies: string[];
  position_tier: string | null;
  unit_id: number | null;
  note: string | null;
}

export function insertLine(db: Db, row: NewLine) {
  return db.insertInto('agency_plan_line').values(row).returning(lineColumns).executeTakeFirstOrThrow();
}

export function updateLine(db: Db, id: number, set: Partial<Omit<NewLine, 'plan_id' | 'agency_id'>>) {
  return db.updateTable('agency_plan_line').set({ ...set, updated_at: new Date() }).where('id', '=', id).returning(lineColumns).executeTakeFirstOrThrow();
}

export function deleteLine(db: Db, id: number) {
  return db.deleteFrom('agency_plan_line').where('id', '=', id).execute();
}

/** Cost of the plan's lines in cents (exact: numeric sums in the database). */
export async function planCostCents(db: Db, planId: number): Promise<number> {
  const row = await db.selectFrom('agency_plan_line').select(sql<string>`coalesce(sum(unit_fee * seats * 100), 0)::bigint::text`.as('cents')).where('plan_id', '=', planId).executeTakeFirstOrThrow();
  return Number(row.cents);
}

/** Budgets of the agency plans of a year (any status), per agency. */
export async function budgetsOfYear(db: Db, year: number): Promise<Map<number, number>> {
  const rows = await db.selectFrom('agency_plan').select(['agency_id', 'budget']).where('year', '=', year).execute();
  return new Map(rows.map((r) => [r.agency_id, Number(r.budget)]));
}
