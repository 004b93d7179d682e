// The SQL of the competency module, and nothing else. Roll-ups read civil_servant and position
// (read-only) because national-scale aggregation has to happen in the database.
import { sql, type AliasedRawBuilder, type Kysely, type Transaction } from 'kysely';
import type { AssessmentMethod, CompetencyKind, DB, Performance, Potential } from '../../db/schema.ts';
import { compileOnce, executePrepared } from '../../db/prepared.ts';
import { basePersonQuery } from '../org/repository.ts';
import type { PersonFilter } from '../org/policy.ts';

type Db = Kysely<DB> | Transaction<DB>;

// ---------- dictionary ----------

const versionColumns = ['id', 'number', 'status', 'notes', 'created_at', 'published_at'] as const;

export function listVersions(db: Db) {
  return db
    .selectFrom('competency_dictionary_version as v')
    .select([...versionColumns.map((c) => `v.${c}` as const), (eb) => eb.selectFrom('competency').whereRef('competency.version_id', '=', 'v.id').select(eb.fn.countAll<number>().as('n')).as('competency_count')])
    .orderBy('v.number', 'desc')
    .execute();
}

export function findVersion(db: Db, id: number) {
  return db.selectFrom('competency_dictionary_version').select(versionColumns).where('id', '=', id).executeTakeFirst();
}

/** Locks the version row for the rest of the transaction (publishing and edits serialise on it). */
export function lockVersion(db: Db, id: number) {
  return db.selectFrom('competency_dictionary_version').select(versionColumns).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function latestPublishedVersion(db: Db) {
  return db.selectFrom('competency_dictionary_version').select(versionColumns).where('status', '=', 'published').orderBy('number', 'desc').limit(1).executeTakeFirst();
}

export function findDraft(db: Db) {
  return db.selectFrom('competency_dictionary_version').select(versionColumns).where('status', '=', 'draft').executeTakeFirst();
}

export async function nextVersionNumber(db: Db): Promise<number> {
  const row = await db.selectFrom('competency_dictionary_version').select((eb) => eb.fn.max('number').as('max')).executeTakeFirst();
  return (row?.max ?? 0) + 1;
}

export function insertVersion(db: Db, number: number, notes: string | null) {
  return db.insertInto('competency_dictionary_version').values({ number, notes }).returning(versionColumns).executeTakeFirstOrThrow();
}

export function updateVersionNotes(db: Db, id: number, notes: string | null) {
  return db.updateTable('competency_dictionary_version').set({ notes }).where('id', '=', id).returning(versionColumns).executeTakeFirstOrThrow();
}

export function publishVersion(db: Db, id: number) {
  return db.updateTable('competency_dictionary_version').set({ status: 'published', published_at: new Date() }).where('id', '=', id).returning(versionColumns).executeTakeFirstOrThrow();
}

/** Copies every competency and level descriptor of one version into another. */
export async function copyCompetencies(db: Db, fromVersionId: number, toVersionId: number): Promise<void> {
  await sql`insert into competency (version_id, kind, code, name_id, name_en, agency_id)
            select ${toVersionId}, kind, code, name_id, name_en, agency_id from competency where version_id = ${fromVersionId} order by id`.execute(db);
  await sql`insert into competency_level (competency_id, level, descriptor_id, descriptor_en)
            select n.id, l.level, l.descriptor_id, l.descriptor_en
            from competency o
            join competency_level l on l.competency_id = o.id
            join competency n on n.version_id = ${toVersionId} and n.code = o.code
            where o.version_id = ${fromVersionId}`.execute(db);
}

const competencyColumns = ['competency.id', 'competency.version_id', 'competency.kind', 'competency.code', 'competency.name_id', 'competency.name_en', 'competency.agency_id'] as const;

export function listCompetencies(db: Db, versionId: number) {
  return db.selectFrom('competency').select(competencyColumns).where('version_id', '=', versionId).execute();
}

export function listLevels(db: Db, competencyIds: number[]) {
  if (competencyIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('competency_level').select(['competency_id', 'level', 'descriptor_id', 'descriptor_en']).where('competency_id', 'in', competencyIds).orderBy('competency_id').orderBy('level').execute();
}

export function findCompetency(db: Db, versionId: number, code: string) {
  return db.selectFrom('competency').select(competencyColumns).where('version_id', '=', versionId).where('code', '=', code).executeTakeFirst();
}

export function findCompetenciesByCode(db: Db, versionId: number, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('competency').select(competencyColumns).where('version_id', '=', versionId).where('code', 'in', codes).execute();
}

/** Codes known in any dictionary version (published or draft). */
export async function knownCodes(db: Db, codes: string[]) {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('competency').select(['code', 'agency_id', 'version_id']).where('code', 'in', codes).orderBy('version_id', 'desc').execute();
  const latest = new Map<string, { code: string; agency_id: number | null }>();
  for (const r of rows) if (!latest.has(r.code)) latest.set(r.code, r);
  return [...latest.values()];
}

export function insertCompetency(db: Db, row: { version_id: number; kind: CompetencyKind; code: string; name_id: string; name_en: string; agency_id: number | null }) {
  return db.insertInto('competency').values(row).returning(competencyColumns.map((c) => c.replace('competency.', '') as 'id')).executeTakeFirstOrThrow() as Promise<{
    id: number;
    version_id: number;
    kind: CompetencyKind;
    code: string;
    name_id: string;
    name_en: string;
    agency_id: number | null;
  }>;
}

export async function updateCompetency(db: Db, id: number, patch: { name_id?: string; name_en?: string; agency_id?: number | null }) {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('competency').set(patch).where('id', '=', id).execute();
}

export async function upsertLevels(db: Db, competencyId: number, levels: { level: number; descriptor_id: string; descriptor_en: string }[]) {
  if (levels.length === 0) return;
  await db
    .insertInto('competency_level')
    .values(levels.map((l) => ({ competency_id: competencyId, ...l })))
    .onConflict((oc) => oc.columns(['competency_id', 'level']).doUpdateSet((eb) => ({ descriptor_id: eb.ref('excluded.descriptor_id'), descriptor_en: eb.ref('excluded.descriptor_en') })))
    .execute();
}

export function agencyExists(db: Db, id: number) {
  return db.selectFrom('agency').select(['id']).where('id', '=', id).executeTakeFirst();
}

// ---------- settings ----------

/** The cutoff competency_current_count (and the analytics gap cells) are counted at (migration 0008). */
export async function countedCutoff(db: Db): Promise<string | null> {
  const row = await db.selectFrom('competency_current_state').select('cutoff').executeTakeFirst();
  return row?.cutoff ?? null;
}

/** Moves the counted cutoff (competency_current_roll: one day of assessments per day). */
export async function rollCountedCutoff(db: Db, cutoff: string): Promise<void> {
  await db.transaction().execute((tx) => sql`select competency_current_roll(${cutoff}::date)`.execute(tx));
}

export async function validityMonths(db: Db): Promise<number> {
  const row = await db.selectFrom('competency_settings').select('assessment_validity_months').executeTakeFirst();
  return row?.assessment_validity_months ?? 36;
}

export function getSettings(db: Db) {
  return db.selectFrom('competency_settings').select(['assessment_validity_months', 'updated_at']).executeTakeFirstOrThrow();
}

export function updateSettings(db: Db, months: number) {
  return db.updateTable('competency_settings').set({ assessment_validity_months: months, updated_at: new Date() }).returning(['assessment_validity_months', 'updated_at']).executeTakeFirstOrThrow();
}

// ---------- standards ----------

export function listTierStandards(db: Db, tier?: string) {
  let q = db.selectFrom('competency_tier_standard').select(['tier', 'competency_code', 'required_level', 'updated_at']).orderBy('tier').orderBy('competency_code');
  if (tier) q = q.where('tier', '=', tier);
  return q.execute();
}

export async function replaceTierStandard(db: Db, tier: string, levels: { code: string; level: number }[]) {
  await db.deleteFrom('competency_tier_standard').where('tier', '=', tier).execute();
  if (levels.length) await db.insertInto('competency_tier_standard').values(levels.map((l) => ({ tier, competency_code: l.code, required_level: l.level }))).execute();
}

export function findPosition(db: Db, id: number) {
  return db
    .selectFrom('position')
    .innerJoin('agency', 'agency.id', 'position.agency_id')
    .select(['position.id', 'position.agency_id', 'agency.name as agency_name', 'position.code', 'position.name', 'position.kind', 'position.tier'])
    .where('position.id', '=', id)
    .executeTakeFirst();
}

export function listPositionOverrides(db: Db, positionId: number) {
  return db.selectFrom('competency_position_standard').select(['competency_code', 'required_level', 'updated_at']).where('position_id', '=', positionId).orderBy('competency_code').execute();
}

export async function replacePositionOverrides(db: Db, position: { id: number; agency_id: number }, levels: { code: string; level: number }[]) {
  await db.deleteFrom('competency_position_standard').where('position_id', '=', position.id).execute();
  if (levels.length) {
    await db
      .insertInto('competency_position_standard')
      .values(levels.map((l) => ({ position_id: position.id, agency_id: position.agency_id, competency_code: l.code, required_level: l.level })))
      .execute();
  }
}

/** Effective standard inputs for several positions at once: their tier defaults and overrides. */
export async function standardInputs(db: Db, positionIds: number[]) {
  if (positionIds.length === 0) return { positions: [], tierRows: [], overrideRows: [] };
  const positions = await db.selectFrom('position').select(['id', 'tier']).where('id', 'in', positionIds).execute();
  const tiers = [...new Set(positions.map((p) => p.tier))];
  const tierRows = tiers.length ? await db.selectFrom('competency_tier_standard').select(['tier', 'competency_code', 'required_level']).where('tier', 'in', tiers).execute() : [];
  const overrideRows = await db.selectFrom('competency_position_standard').select(['position_id', 'competency_code', 'required_level']).where('position_id', 'in', positionIds).execute();
  return { positions, tierRows, overrideRows };
}

// ---------- people (read-only, for positions and supervision) ----------

export function personPlacement(db: Db, id: number) {
  return db.selectFrom('civil_servant').select(['id', 'agency_id', 'position_id', 'unit_id', 'supervisor_id', 'status']).where('id', '=', id).executeTakeFirst();
}

export function placementsOf(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('civil_servant').select(['id', 'agency_id', 'position_id']).where('id', 'in', ids).execute();
}

export function directReports(db: Db, supervisorId: number) {
  return db
    .selectFrom('civil_servant')
    .leftJoin('position', 'position.id', 'civil_servant.position_id')
    .select(['civil_servant.id', 'civil_servant.name', 'civil_servant.agency_id', 'civil_servant.position_id', 'position.name as position_name', 'position.tier as position_tier'])
    .where('civil_servant.supervisor_id', '=', supervisorId)
    .where('civil_servant.status', 'in', ['active', 'leave'])
    .orderBy('civil_servant.name')
    .orderBy('civil_servant.id')
    .execute();
}

// ---------- assessments ----------

export interface NewAssessment {
  agency_id: number;
  civil_servant_id: number;
  competency_id: number;
  competency_code: string;
  level: number;
  method: AssessmentMethod;
  assessed_on: string;
  assessor: string;
  evidence: string | null;
  recorded_by: string;
}

const assessmentColumns = [
  'id',
  'agency_id',
  'civil_servant_id',
  'competency_id',
  'competency_code',
  'level',
  'method',
  'assessed_on',
  'assessor',
  'evidence',
  'recorded_by',
  'recorded_at',
  'voided_at',
  'voided_by',
  'void_reason',
] as const;

export function insertAssessments(db: Db, rows: NewAssessment[]) {
  return db.insertInto('competency_assessment').values(rows).returning(assessmentColumns).execute();
}

export function findAssessment(db: Db, id: number) {
  return db.selectFrom('competency_assessment').select(assessmentColumns).where('id', '=', id).executeTakeFirst();
}

export function voidAssessment(db: Db, id: number, by: string, reason: string) {
  return db
    .updateTable('competency_assessment')
    .set({ voided_at: new Date(), voided_by: by, void_reason: reason })
    .where('id', '=', id)
    .where('voided_at', 'is', null)
    .returning(assessmentColumns)
    .executeTakeFirst();
}

/** A person's whole history, newest first, with the dictionary version each row was made against. */
export function assessmentHistory(db: Db, personId: number) {
  return db
    .selectFrom('competency_assessment as a')
    .innerJoin('competency as c', 'c.id', 'a.competency_id')
    .innerJoin('competency_dictionary_version as v', 'v.id', 'c.version_id')
    .select(assessmentColumns.map((col) => `a.${col}` as const))
    .select(['v.number as dictionary_version', 'c.name_id', 'c.name_en'])
    .where('a.civil_servant_id', '=', personId)
    .orderBy('a.assessed_on', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
}

/** Every assessment (voided too) of some people; the current level is chosen by validity.ts. */
export function assessmentsOf(db: Db, personIds: number[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('competency_assessment')
    .select(['id', 'civil_servant_id', 'competency_code', 'level', 'method', 'assessed_on', 'voided_at'])
    .where('civil_servant_id', 'in', personIds)
    .orderBy('civil_servant_id')
    .orderBy('competency_code')
    .orderBy('assessed_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * Extra columns another module reads beside the profile in the same statement (planning's learner
 * facts): `key` names everything that shapes their text, `args` are their values (each used through
 * `arg(i)`, never to decide the text), and they may refer to the person as civil_servant.id.
 */
export interface ProfileExtra {
  key: string;
  args: readonly unknown[];
  columns: (arg: (i: number) => never) => AliasedRawBuilder<unknown, string>[];
}

/**
 * One person's profile in one statement: the person as org's findPerson reads them, under the same
 * visibility filter (undefined when missing or out of scope), with the position's tier and
 * overrides, the current assessment per code (competency_current, still valid at `cutoff`) and
 * the latest talent rating (and `extra`'s columns).
 */
export function profileRow(db: Kysely<DB>, filter: PersonFilter, personId: number, cutoff: string, extra?: ProfileExtra) {
  // run on every profile request: a prepared statement (planned once per connection)
  return executePrepared(db, profileRowQuery(db, filter, personId, cutoff, extra)).then((r) => r.rows[0]);
}

/** profileQuery, compiled once per shape of the visibility filter (which parts it has, how many agencies) and of the extra columns. */
export function profileRowQuery(db: Kysely<DB>, filter: PersonFilter, personId: number, cutoff: string, extra?: ProfileExtra) {
  const extended = <Q extends ReturnType<typeof profileQuery>>(q: Q, slot: (i: number) => unknown, first: number) =>
    (extra ? q.select(extra.columns((i) => slot(first + i) as never)) : q) as Q;
  const extraKey = extra ? `+${extra.key}` : '';
  const extraArgs = extra?.args ?? [];
  if ('all' in filter) return compileOnce(`competency.profileRow:all${extraKey}`, [personId, cutoff, ...extraArgs], (slot) => extended(profileQuery(db, filter, slot(0) as never, slot(1) as never), slot, 2));
  const { agencyIds, supervisorOf, self } = filter;
  const shape = `${agencyIds.length}:${supervisorOf !== null}:${self !== null}`;
  return compileOnce(`competency.profileRow:${shape}${extraKey}`, [personId, cutoff, supervisorOf, self, ...agencyIds, ...extraArgs], (slot) =>
    extended(
      profileQuery(db, { supervisorOf: supervisorOf === null ? null : (slot(2) as never), self: self === null ? null : (slot(3) as never), agencyIds: agencyIds.map((_, i) => slot(4 + i) as never) }, slot(0) as never, slot(1) as never),
      slot,
      4 + agencyIds.length,
    ),
  );
}

/** The profile statement: the person under org's visibility filter, the position's overrides, the current levels and the latest talent rating. */
export function profileQuery(db: Kysely<DB>, filter: PersonFilter, personId: number, cutoff: string) {
  return basePersonQuery(db, filter)
    .select([
      'civil_servant.position_id',
      sql<{ code: string; level: number }[]>`coalesce((select json_agg(json_build_object('code', o.competency_code, 'level', o.required_level))
        from competency_position_standard o where o.position_id = civil_servant.position_id), '[]')`.as('overrides'),
      sql<{ code: string; level: number; assessed_on: string; method: AssessmentMethod; id: number }[]>`coalesce((select json_agg(json_build_object('code', c.competency_code, 'level', c.level, 'assessed_on', c.assessed_on, 'method', c.method, 'id', c.assessment_id))
        from competency_current c where c.civil_servant_id = civil_servant.id and c.assessed_on > ${cutoff}::date), '[]')`.as('current'),
      sql<{ period: string; performance: Performance; potential: Potential; box: number } | null>`(select json_build_object('period', t.period, 'performance', t.performance, 'potential', t.potential, 'box', t.box)
        from talent_rating t where t.civil_servant_id = civil_servant.id order by t.period desc limit 1)`.as('talent'),
    ])
    .where('civil_servant.id', '=', personId);
}

// ---------- talent ----------

export function upsertTalentRating(db: Db, row: { agency_id: number; civil_servant_id: number; period: string; performance: Performance; potential: Potential; notes: string | null; rated_by: string }) {
  return db
    .insertInto('talent_rating')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['civil_servant_id', 'period']).doUpdateSet({ agency_id: row.agency_id, performance: row.performance, potential: row.potential, notes: row.notes, rated_by: row.rated_by, rated_at: new Date() }),
    )
    .returning(['id', 'civil_servant_id', 'agency_id', 'period', 'performance', 'potential', 'box', 'notes', 'rated_by', 'rated_at'])
    .executeTakeFirstOrThrow();
}

export function findTalentRating(db: Db, personId: number, period: string) {
  return db.selectFrom('talent_rating').select(['id', 'period', 'performance', 'potential', 'box', 'notes', 'rated_by', 'rated_at']).where('civil_servant_id', '=', personId).where('period', '=', period).executeTakeFirst();
}

export function latestTalentRatings(db: Db, personIds: number[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('talent_rating')
    .select(['civil_servant_id', 'period', 'performance', 'potential', 'box', 'rated_at'])
    .distinctOn('civil_servant_id')
    .where('civil_servant_id', 'in', personIds)
    .orderBy('civil_servant_id')
    .orderBy('period', 'desc')
    .execute();
}

// ---------- roll-ups ----------

export interface GapGroupRow {
  group_id: number | null;
  code: string;
  people: number;
  assessed: number;
  with_gap: number;
  gap_sum: number;
}

/**
 * Per (group, competency): people for whom it is required, of them assessed (valid current
 * level), with a gap > 0, and the sum of gaps (max(0, required − coalesce(current, 0))).
 * Active civil servants with a position only. group = unit (within an agency) or agency.
 */
export async function gapRollUp(db: Db, q: { agencyId?: number; unitId?: number; groupBy: 'unit' | 'agency'; cutoff: string }): Promise<GapGroupRow[]> {
  const peopleWhere = sql.join(
    [
      sql`cs.status = 'active'`,
      sql`cs.position_id is not null`,
      ...(q.agencyId !== undefined ? [sql`cs.agency_id = ${q.agencyId}`] : []),
      ...(q.unitId !== undefined ? [sql`cs.unit_id = ${q.unitId}`] : []),
    ],
    sql` and `,
  );
  const positionWhere = q.agencyId !== undefined ? sql`pos.agency_id = ${q.agencyId}` : sql`true`;
  const overrideWhere = q.agencyId !== undefined ? sql`o.agency_id = ${q.agencyId}` : sql`true`;
  const groupColumn = q.groupBy === 'unit' ? sql`pe.unit_id` : sql`pe.agency_id`;
  const { rows } = await sql<GapGroupRow>`
    with people as (
      select cs.id, cs.agency_id, cs.unit_id, cs.position_id from civil_servant cs where ${peopleWhere}
    ),
    position_standard as (
      select o.position_id, o.competency_code as code, o.required_level as required
      from competency_position_standard o where ${overrideWhere}
      union all
      select pos.id, t.competency_code, t.required_level
      from position pos join competency_tier_standard t on t.tier = pos.tier
      where ${positionWhere}
        and not exists (select 1 from competency_position_standard o2 where o2.position_id = pos.id and o2.competency_code = t.competency_code)
    ),
    current_level as (
      select c.civil_servant_id, c.competency_code, c.level
      from competency_current c
      where c.civil_servant_id in (select id from people) and c.assessed_on > ${q.cutoff}
    )
    select ${groupColumn} as group_id, ps.code,
           count(*)::int as people,
           count(c.level)::int as assessed,
           count(*) filter (where ps.required - coalesce(c.level, 0) > 0)::int as with_gap,
           coalesce(sum(greatest(ps.required - coalesce(c.level, 0), 0)), 0)::int as gap_sum
    from people pe
    join position_standard ps on ps.position_id = pe.position_id
    left join current_level c on c.civil_servant_id = pe.id and c.competency_code = ps.code
    group by 1, 2`.execute(db);
  return rows;
}

/** Active people with a position per group, for the same population as gapRollUp. */
export async function peopleCounts(db: Db, q: { agencyId?: number; unitId?: number; groupBy: 'unit' | 'agency' }) {
  const column = q.groupBy === 'unit' ? 'unit_id' : 'agency_id';
  let query = db
    .selectFrom('civil_servant')
    .select([sql<number | null>`${sql.ref(column)}`.as('group_id'), (eb) => eb.fn.countAll<number>().as('people')])
    .where('status', '=', 'active')
    .where('position_id', 'is not', null)
    .groupBy(column);
  if (q.agencyId !== undefined) query = query.where('agency_id', '=', q.agencyId);
  if (q.unitId !== undefined) query = query.where('unit_id', '=', q.unitId);
  const rows = await query.execute();
  return rows.map((r) => ({ group_id: r.group_id, people: Number(r.people) }));
}

export function unitsOf(db: Db, agencyId: number) {
  return db.selectFrom('unit').select(['id', 'code', 'name']).where('agency_id', '=', agencyId).orderBy('code').execute();
}

export function findUnit(db: Db, agencyId: number, unitId: number) {
  return db.selectFrom('unit').select(['id', 'code', 'name']).where('agency_id', '=', agencyId).where('id', '=', unitId).executeTakeFirst();
}

export function agencies(db: Db, ids?: number[]) {
  let q = db.selectFrom('agency').select(['id', 'code', 'name']).orderBy('name');
  if (ids) q = q.where('id', 'in', ids.length ? ids : [0]);
  return q.execute();
}
