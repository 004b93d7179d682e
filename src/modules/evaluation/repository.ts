// The SQL of evaluation. Reads of the programme, offering, registry and certificate are read-only.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { LevelFigures } from './quality.ts';

export function programmeFacts(db: Kysely<DB>, id: number) {
  return db.selectFrom('programme').select(['id', 'provider_id', 'partner_provider_ids', 'category', 'code', 'title_id']).where('id', '=', id).executeTakeFirst();
}

export function offeringFacts(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('offering as o')
    .innerJoin('programme as p', 'p.id', 'o.programme_id')
    .select(['o.id', 'o.programme_id', 'p.provider_id', 'p.partner_provider_ids'])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

export function settings(db: Kysely<DB>, programmeId: number) {
  return db.selectFrom('evaluation_settings').select(['questions', 'follow_up_months']).where('programme_id', '=', programmeId).executeTakeFirst();
}

export async function upsertSettings(db: Kysely<DB>, programmeId: number, questions: string | null, months: number, by: string) {
  await db
    .insertInto('evaluation_settings')
    .values({ programme_id: programmeId, questions, follow_up_months: months, updated_by: by })
    .onConflict((oc) => oc.column('programme_id').doUpdateSet({ questions, follow_up_months: months, updated_by: by, updated_at: new Date() }))
    .execute();
}

export function certificate(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('certificate')
    .select(['id', 'civil_servant_id', 'agency_id', 'programme_id', 'offering_id', 'provider_id', 'revoked_at', 'completed_on'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function reactionExists(db: Kysely<DB>, certificateId: string, personId: number, offeringId: number | null) {
  let q = db.selectFrom('evaluation_reaction').select('id');
  q = offeringId === null ? q.where('certificate_id', '=', certificateId) : q.where((eb) => eb.or([eb('certificate_id', '=', certificateId), eb.and([eb('civil_servant_id', '=', personId), eb('offering_id', '=', offeringId)])]));
  return Boolean(await q.executeTakeFirst());
}

export function insertReaction(db: Kysely<DB>, row: { certificate_id: string; civil_servant_id: number; agency_id: number; programme_id: number; offering_id: number | null; provider_id: number; answers: string; score: string; comments: string | null }) {
  return db.insertInto('evaluation_reaction').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function existingPeople(db: Kysely<DB>, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('civil_servant').select('id').where('id', 'in', ids).execute()).map((r) => r.id);
}

export async function upsertTestScore(db: Kysely<DB>, row: { offering_id: number; civil_servant_id: number; programme_id: number; pre_score: number | null; post_score: number | null; recorded_by: string }) {
  await sql`
    insert into evaluation_test_score (offering_id, civil_servant_id, programme_id, pre_score, post_score, recorded_by)
    values (${row.offering_id}, ${row.civil_servant_id}, ${row.programme_id}, ${row.pre_score}, ${row.post_score}, ${row.recorded_by})
    on conflict (offering_id, civil_servant_id) do update set
      pre_score = coalesce(excluded.pre_score, evaluation_test_score.pre_score),
      post_score = coalesce(excluded.post_score, evaluation_test_score.post_score),
      recorded_by = excluded.recorded_by, recorded_at = now()`.execute(db);
}

export function testScoresOf(db: Kysely<DB>, offeringId: number) {
  return db
    .selectFrom('evaluation_test_score as t')
    .innerJoin('civil_servant as cs', 'cs.id', 't.civil_servant_id')
    .select(['t.civil_servant_id', 'cs.name', 't.pre_score', 't.post_score', 't.recorded_by', 't.recorded_at'])
    .where('t.offering_id', '=', offeringId)
    .orderBy('cs.name')
    .orderBy('t.civil_servant_id')
    .execute();
}

type FollowUpRow = { certificate_id: string; civil_servant_id: number; agency_id: number; programme_id: number; provider_id: number; due_on: string };

export async function insertFollowUp(db: Kysely<DB>, row: FollowUpRow) {
  await insertFollowUps(db, [row]);
}

export async function insertFollowUps(db: Kysely<DB>, rows: FollowUpRow[]) {
  for (let start = 0; start < rows.length; start += 1000) await db.insertInto('evaluation_follow_up').values(rows.slice(start, start + 1000)).onConflict((oc) => oc.column('certificate_id').doNothing()).execute();
}

/** follow_up_months of the programmes that have evaluation settings. */
export async function followUpMonths(db: Kysely<DB>, programmeIds: number[]): Promise<Map<number, number>> {
  if (!programmeIds.length) return new Map();
  const rows = await db.selectFrom('evaluation_settings').select(['programme_id', 'follow_up_months']).where('programme_id', 'in', programmeIds).execute();
  return new Map(rows.map((r) => [r.programme_id, r.follow_up_months]));
}

const followUpBase = (db: Kysely<DB>) =>
  db
    .selectFrom('evaluation_follow_up as f')
    .innerJoin('civil_servant as cs', 'cs.id', 'f.civil_servant_id')
    .innerJoin('programme as p', 'p.id', 'f.programme_id')
    .innerJoin('certificate as c', 'c.id', 'f.certificate_id');

export function followUpsForSupervisor(db: Kysely<DB>, supervisorId: number, dueBy: string | null) {
  let q = followUpBase(db)
    .select(['f.id', 'f.certificate_id', 'f.due_on', 'f.status', 'f.civil_servant_id', 'cs.name', 'f.programme_id', 'p.code as programme_code', 'p.title_id', 'p.title_en', 'c.completed_on'])
    .where('cs.supervisor_id', '=', supervisorId)
    .where('f.status', '=', 'pending')
    .where('c.revoked_at', 'is', null)
    .orderBy('f.due_on')
    .orderBy('f.id')
    .limit(500);
  if (dueBy) q = q.where('f.due_on', '<=', dueBy);
  return q.execute();
}

export function followUp(db: Kysely<DB>, id: number) {
  return followUpBase(db).select(['f.id', 'f.status', 'f.agency_id', 'f.programme_id', 'cs.supervisor_id']).where('f.id', '=', id).executeTakeFirst();
}

export async function completeFollowUp(db: Kysely<DB>, id: number, values: { answers: string; score: string; comments: string | null; submitted_by: string }) {
  const r = await db
    .updateTable('evaluation_follow_up')
    .set({ ...values, status: 'completed', submitted_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function dueFollowUps(db: Kysely<DB>, day: string) {
  return followUpBase(db)
    .select(['f.id', 'f.certificate_id', 'f.due_on', 'f.civil_servant_id', 'cs.name', 'cs.supervisor_id', 'f.programme_id', 'p.title_id', 'f.reminder_count', 'f.last_reminded_at'])
    .where('f.status', '=', 'pending')
    .where('f.due_on', '<=', day)
    .where('c.revoked_at', 'is', null)
    .orderBy('f.due_on')
    .orderBy('f.id')
    .execute();
}

export async function userIdsOfPeople(db: Kysely<DB>, people: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (people.length === 0) return map;
  const rows = await db.selectFrom('user_account').select(['id', 'civil_servant_id']).where('civil_servant_id', 'in', people).where('disabled', '=', false).execute();
  for (const r of rows) map.set(r.civil_servant_id!, [...(map.get(r.civil_servant_id!) ?? []), r.id]);
  return map;
}

export async function markReminded(db: Kysely<DB>, ids: number[], at: Date) {
  if (ids.length === 0) return;
  await db
    .updateTable('evaluation_follow_up')
    .set((eb) => ({ reminder_count: eb('reminder_count', '+', 1), last_reminded_at: at }))
    .where('id', 'in', ids)
    .execute();
}

// ---------- change projects ----------

export function changeProjectOf(db: Kysely<DB>, certificateId: string) {
  return db.selectFrom('change_project').select('id').where('certificate_id', '=', certificateId).executeTakeFirst();
}

export function insertChangeProject(db: Kysely<DB>, row: { certificate_id: string; civil_servant_id: number; agency_id: number; programme_id: number; provider_id: number; title: string; problem: string; change: string; results: string; contacts: string; participant_public: boolean }) {
  return db.insertInto('change_project').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateChangeProject(db: Kysely<DB>, id: number, patch: Record<string, unknown>) {
  await db
    .updateTable('change_project')
    .set({ ...(patch as object), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

const projectBase = (db: Kysely<DB>) =>
  db
    .selectFrom('change_project as cp')
    .innerJoin('agency as a', 'a.id', 'cp.agency_id')
    .innerJoin('programme as p', 'p.id', 'cp.programme_id')
    .innerJoin('provider as pr', 'pr.id', 'cp.provider_id')
    .innerJoin('certificate as c', 'c.id', 'cp.certificate_id')
    .innerJoin('civil_servant as cs', 'cs.id', 'cp.civil_servant_id')
    .select([
      'cp.id',
      'cp.certificate_id',
      'cp.civil_servant_id',
      'cp.agency_id',
      'cp.programme_id',
      'cp.provider_id',
      'cp.title',
      'cp.problem',
      'cp.change',
      'cp.results',
      'cp.contacts',
      'cp.participant_public',
      'cp.agency_public',
      'cp.outcome_status',
      'cp.outcome_score',
      'cp.outcome_note',
      'cp.outcome_by',
      'cp.outcome_at',
      'a.name as agency_name',
      'p.code as programme_code',
      'p.title_id as programme_title_id',
      'p.category as programme_category',
      'pr.name as provider_name',
      'c.completed_on',
      'c.holder_name',
      'cs.supervisor_id',
    ]);

export function changeProject(db: Kysely<DB>, id: number) {
  return projectBase(db).where('cp.id', '=', id).executeTakeFirst();
}

export interface ProjectSearch {
  q?: string;
  agencyId?: number;
  category?: string;
  limit: number;
  offset: number;
}

export async function searchPublicProjects(db: Kysely<DB>, s: ProjectSearch) {
  const text = s.q?.trim();
  const query = sql`(websearch_to_tsquery('indonesian', ${text ?? ''}) || websearch_to_tsquery('simple', ${text ?? ''}))`;
  let q = projectBase(db).where('cp.participant_public', '=', true).where('cp.agency_public', '=', true);
  if (text) q = q.where(sql<boolean>`cp.search_vector @@ ${query}`);
  if (s.agencyId !== undefined) q = q.where('cp.agency_id', '=', s.agencyId);
  if (s.category) q = q.where('p.category', '=', s.category);
  const total = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const ordered = text ? q.orderBy(sql`ts_rank(cp.search_vector, ${query}) desc`).orderBy('cp.id', 'desc') : q.orderBy('cp.id', 'desc');
  const rows = await ordered.limit(s.limit).offset(s.offset).execute();
  return { rows, total: Number(total.n) };
}

export function listProjects(db: Kysely<DB>, scope: 'all' | { self: number | null; agencies: number[]; supervisorOf: number | null }, q: { awaitingAgency?: boolean; limit: number; offset: number }) {
  let query = projectBase(db).orderBy('cp.id', 'desc').limit(q.limit).offset(q.offset);
  if (scope !== 'all') {
    query = query.where((eb) =>
      eb.or([
        scope.self !== null ? eb('cp.civil_servant_id', '=', scope.self) : eb.val(false),
        scope.supervisorOf !== null ? eb('cs.supervisor_id', '=', scope.supervisorOf) : eb.val(false),
        scope.agencies.length ? eb('cp.agency_id', 'in', scope.agencies) : eb.val(false),
      ]),
    );
  }
  if (q.awaitingAgency) query = query.where('cp.participant_public', '=', true).where('cp.agency_public', '=', false);
  return query.execute();
}

export function evaluationsOfPerson(db: Kysely<DB>, personId: number) {
  return db
    .selectFrom('certificate as c')
    .innerJoin('programme as p', 'p.id', 'c.programme_id')
    .leftJoin('evaluation_reaction as r', 'r.certificate_id', 'c.id')
    .leftJoin('change_project as cp', 'cp.certificate_id', 'c.id')
    .leftJoin('evaluation_follow_up as f', 'f.certificate_id', 'c.id')
    .select(['c.id', 'c.number', 'c.programme_id', 'c.programme_code', 'c.title_id', 'c.title_en', 'c.offering_id', 'c.completed_on', 'c.revoked_at', 'p.category', 'r.id as reaction_id', 'cp.id as change_project_id', 'f.due_on', 'f.status as follow_up_status'])
    .where('c.civil_servant_id', '=', personId)
    .orderBy('c.issued_at', 'desc')
    .limit(500)
    .execute();
}

// ---------- quality figures ----------

export const emptyFigures = (): LevelFigures => ({ l1: { n: 0, mean: null }, l2: { n: 0, meanPre: null, meanPost: null, meanGain: null }, l3: { n: 0, mean: null, pending: 0, overdue: 0 }, l4: { n: 0, mean: null } });

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function levelFigures(db: Kysely<DB>, programmeIds: number[]): Promise<Map<number, LevelFigures>> {
  const out = new Map<number, LevelFigures>();
  if (programmeIds.length === 0) return out;
  const get = (id: number) => {
    let f = out.get(id);
    if (!f) out.set(id, (f = emptyFigures()));
    return f;
  };
  const ids = sql`(${sql.join(programmeIds)})`;
  const [l1, l2, l3, l4] = await Promise.all([
    sql<{ programme_id: number; n: number; mean: string | null }>`select programme_id, count(*)::int as n, avg(score) as mean from evaluation_reaction where programme_id in ${ids} group by programme_id`.execute(db),
    sql<{ programme_id: number; n: number; pre: string | null; post: string | null; gain: string | null }>`
      select programme_id, count(*)::int as n, avg(pre_score) as pre, avg(post_score) as post,
        avg(case when pre_score >= 100 then 0 else (post_score - pre_score) / (100 - pre_score) end) as gain
      from evaluation_test_score where programme_id in ${ids} and pre_score is not null and post_score is not null group by programme_id`.execute(db),
    sql<{ programme_id: number; n: number; mean: string | null; pending: number; overdue: number }>`
      select programme_id, count(*) filter (where status = 'completed')::int as n, avg(score) filter (where status = 'completed') as mean,
        count(*) filter (where status = 'pending')::int as pending,
        count(*) filter (where status = 'pending' and due_on < (now() at time zone 'Asia/Jakarta')::date)::int as overdue
      from evaluation_follow_up where programme_id in ${ids} group by programme_id`.execute(db),
    sql<{ programme_id: number; n: number; mean: string | null }>`select programme_id, count(*)::int as n, avg(outcome_score) as mean from change_project where programme_id in ${ids} and outcome_score is not null group by programme_id`.execute(db),
  ]);
  for (const r of l1.rows) get(r.programme_id).l1 = { n: r.n, mean: num(r.mean) };
  for (const r of l2.rows) get(r.programme_id).l2 = { n: r.n, meanPre: num(r.pre), meanPost: num(r.post), meanGain: num(r.gain) };
  for (const r of l3.rows) get(r.programme_id).l3 = { n: r.n, mean: num(r.mean), pending: r.pending, overdue: r.overdue };
  for (const r of l4.rows) get(r.programme_id).l4 = { n: r.n, mean: num(r.mean) };
  return out;
}

export async function questionMeans(db: Kysely<DB>, programmeId: number, keys: string[]): Promise<Record<string, number>> {
  if (keys.length === 0) return {};
  const rows = await sql<{ key: string; mean: string }>`
    select k.key, avg((r.answers ->> k.key)::numeric) as mean
    from evaluation_reaction r, unnest(${keys}::text[]) as k(key)
    where r.programme_id = ${programmeId} and r.answers ? k.key
    group by k.key`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.key, Math.round(Number(r.mean) * 100) / 100]));
}

export async function recentComments(db: Kysely<DB>, programmeId: number, limit: number) {
  const rows = await db
    .selectFrom('evaluation_reaction')
    .select(['comments', 'submitted_at', 'score'])
    .where('programme_id', '=', programmeId)
    .where('comments', 'is not', null)
    .orderBy('submitted_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ comment: r.comments!, score: Number(r.score), submitted_at: r.submitted_at }));
}

export function providerName(db: Kysely<DB>, id: number) {
  return db.selectFrom('provider').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export function programmesOfProvider(db: Kysely<DB>, providerId: number) {
  return db.selectFrom('programme').select(['id', 'code', 'title_id']).where('provider_id', '=', providerId).orderBy('code').execute();
}
