// The SQL of allocation runs: the queue (claimed with a lease, `for update skip locked`), the
// result rows written in bulk (unnest of column arrays), and the reads of a run's slice.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export const LEASE_SECONDS = 300;

export async function insertRun(db: Db, row: { params: unknown; label: string | null; created_by: string }) {
  return db.insertInto('allocation_run').values({ params: JSON.stringify(row.params), label: row.label, created_by: row.created_by }).returningAll().executeTakeFirstOrThrow();
}

/** Claims the oldest queued run (or a running one whose lease ran out). */
export async function claimRun(db: Kysely<DB>): Promise<{ id: number; params: unknown } | null> {
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{ id: number; params: unknown }>`
      select id, params from allocation_run
       where status = 'queued' or (status = 'running' and lease_until < now())
       order by created_at, id limit 1 for update skip locked`.execute(tx);
    if (!rows[0]) return null;
    await tx
      .updateTable('allocation_run')
      .set({ status: 'running', stage: 'reading', progress: 0.05, started_at: new Date(), lease_until: sql`now() + make_interval(secs => ${LEASE_SECONDS})` as never })
      .where('id', '=', rows[0].id)
      .execute();
    return rows[0];
  });
}

export async function setStage(db: Db, id: number, stage: string, progress: number) {
  await db.updateTable('allocation_run').set({ stage, progress, lease_until: sql`now() + make_interval(secs => ${LEASE_SECONDS})` as never }).where('id', '=', id).where('status', '=', 'running').execute();
}

export async function failRun(db: Db, id: number, problem: unknown) {
  await db.updateTable('allocation_run').set({ status: 'failed', stage: null, problem: JSON.stringify(problem), finished_at: new Date(), lease_until: null }).where('id', '=', id).execute();
}

export interface GroupRowIn {
  id: number;
  agency_id: number;
  tier: string;
  province_code: string | null;
  competency_code: string;
  current_level: number;
  required_level: number;
  people: number;
  seats: number;
  gap_closed: number;
  greedy_seats: number;
  greedy_gap_closed: number;
  reason: unknown;
}

export interface AssignmentRowIn {
  method: 'optimiser' | 'greedy';
  group_id: number;
  agency_id: number;
  offering_id: number;
  seats: number;
  gap_closed: number;
  cost: number;
}

const BATCH = 20_000;

export async function writeGroups(tx: Transaction<DB>, runId: number, rows: GroupRowIn[]) {
  for (let i = 0; i < rows.length; i += BATCH) {
    const b = rows.slice(i, i + BATCH);
    await sql`
      insert into allocation_group (run_id, id, agency_id, tier, province_code, competency_code, current_level, required_level, people, seats, gap_closed, greedy_seats, greedy_gap_closed, reason)
      select ${runId}, * from unnest(${b.map((r) => r.id)}::int[], ${b.map((r) => r.agency_id)}::int[], ${b.map((r) => r.tier)}::text[], ${b.map((r) => r.province_code)}::text[],
        ${b.map((r) => r.competency_code)}::text[], ${b.map((r) => r.current_level)}::smallint[], ${b.map((r) => r.required_level)}::smallint[], ${b.map((r) => r.people)}::int[],
        ${b.map((r) => r.seats)}::int[], ${b.map((r) => r.gap_closed)}::int[], ${b.map((r) => r.greedy_seats)}::int[], ${b.map((r) => r.greedy_gap_closed)}::int[], ${b.map((r) => JSON.stringify(r.reason))}::jsonb[])`.execute(tx);
  }
}

export async function writeAssignments(tx: Transaction<DB>, runId: number, rows: AssignmentRowIn[]) {
  for (let i = 0; i < rows.length; i += BATCH) {
    const b = rows.slice(i, i + BATCH);
    await sql`
      insert into allocation_assignment (run_id, method, group_id, agency_id, offering_id, seats, gap_closed, cost)
      select ${runId}, * from unnest(${b.map((r) => r.method)}::text[], ${b.map((r) => r.group_id)}::int[], ${b.map((r) => r.agency_id)}::int[], ${b.map((r) => r.offering_id)}::int[],
        ${b.map((r) => r.seats)}::int[], ${b.map((r) => r.gap_closed)}::int[], ${b.map((r) => r.cost)}::numeric[])`.execute(tx);
  }
}

/** Removes a run's result rows (a failed or interrupted write). */
export async function clearResults(db: Db, runId: number) {
  await db.deleteFrom('allocation_assignment').where('run_id', '=', runId).execute();
  await db.deleteFrom('allocation_group').where('run_id', '=', runId).execute();
}

export async function finishRun(tx: Transaction<DB>, id: number, summary: unknown, latsar: unknown) {
  await tx.updateTable('allocation_run').set({ status: 'done', stage: null, progress: 1, summary: JSON.stringify(summary), latsar: JSON.stringify(latsar), finished_at: new Date(), lease_until: null }).where('id', '=', id).execute();
}

export const findRun = (db: Db, id: number) => db.selectFrom('allocation_run').selectAll().where('id', '=', id).executeTakeFirst();

export const listRuns = (db: Db, limit: number, onlyDone: boolean) => {
  let q = db.selectFrom('allocation_run').selectAll().orderBy('id', 'desc').limit(limit);
  if (onlyDone) q = q.where('status', '=', 'done');
  return q.execute();
};

export interface GroupFilter {
  agencies: number[] | null;
  competencyCode?: string;
  outcome?: 'served' | 'partly' | 'none';
}

function groupWhere(runId: number, f: GroupFilter) {
  return sql`g.run_id = ${runId}
    ${f.agencies ? sql`and g.agency_id = any(${f.agencies}::int[])` : sql``}
    ${f.competencyCode ? sql`and g.competency_code = ${f.competencyCode}` : sql``}
    ${f.outcome ? sql`and (g.reason->>0)::int = ${['served', 'partly', 'none'].indexOf(f.outcome)}` : sql``}`;
}

export async function countGroups(db: Db, runId: number, f: GroupFilter): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from allocation_group g where ${groupWhere(runId, f)}`.execute(db);
  return rows[0].n;
}

export async function listGroups(db: Db, runId: number, f: GroupFilter, limit: number, offset: number) {
  const { rows } = await sql<{
    id: number; agency_id: number; agency_code: string; agency_name: string; tier: string; province_code: string | null; competency_code: string;
    current_level: number; required_level: number; people: number; seats: number; gap_closed: number; greedy_seats: number; greedy_gap_closed: number; reason: unknown;
  }>`
    select g.id, g.agency_id, a.code as agency_code, a.name as agency_name, g.tier, g.province_code, g.competency_code, g.current_level, g.required_level,
           g.people, g.seats, g.gap_closed, g.greedy_seats, g.greedy_gap_closed, g.reason
      from allocation_group g join agency a on a.id = g.agency_id
     where ${groupWhere(runId, f)}
     order by g.gap_closed desc, g.people desc, g.id
     limit ${limit} offset ${offset}`.execute(db);
  return rows;
}

export async function assignmentsOf(db: Db, runId: number, groupIds: number[], method: 'optimiser' | 'greedy') {
  if (groupIds.length === 0) return [];
  const { rows } = await sql<{ group_id: number; offering_id: number; offering_code: string; programme_code: string; programme_title: string; title_en: string | null; mode: string; province_code: string | null; start_date: string; seats: number; gap_closed: number; cost: string }>`
    select x.group_id, x.offering_id, coalesce(o.code, '') as offering_code, coalesce(p.code, '') as programme_code, coalesce(p.title_id, '') as programme_title, p.title_en,
           coalesce(o.mode, '') as mode, o.province_code, coalesce(o.start_date::text, '') as start_date, x.seats, x.gap_closed, x.cost
      from allocation_assignment x left join offering o on o.id = x.offering_id left join programme p on p.id = o.programme_id
     where x.run_id = ${runId} and x.method = ${method} and x.group_id = any(${groupIds}::int[])
     order by x.group_id, x.seats desc, x.offering_id`.execute(db);
  return rows;
}

/** Per agency × method: seats, gap closed, cost (the slice's, or every agency). */
export async function agencyTotals(db: Db, runId: number, agencies: number[] | null) {
  const { rows } = await sql<{ agency_id: number; method: 'optimiser' | 'greedy'; seats: number; gap_closed: number; cost: string }>`
    select agency_id, method, sum(seats)::int as seats, sum(gap_closed)::int as gap_closed, sum(cost)::text as cost
      from allocation_assignment where run_id = ${runId} ${agencies ? sql`and agency_id = any(${agencies}::int[])` : sql``}
     group by 1, 2 order by 1, 2`.execute(db);
  return rows;
}

/** Per agency: people with a gap and gap levels in the run's groups. */
export async function agencyNeeds(db: Db, runId: number, agencies: number[] | null) {
  const { rows } = await sql<{ agency_id: number; code: string; name: string; people: number; gap: number }>`
    select g.agency_id, a.code, a.name, sum(g.people)::int as people, sum(g.people * (g.required_level - g.current_level))::bigint::int as gap
      from allocation_group g join agency a on a.id = g.agency_id
     where g.run_id = ${runId} ${agencies ? sql`and g.agency_id = any(${agencies}::int[])` : sql``}
     group by 1, 2, 3 order by 2`.execute(db);
  return rows;
}
