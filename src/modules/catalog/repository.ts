// The SQL of the catalogue's records (search has its own file, search-repository.ts).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { TODAY } from './summary.ts';

export const accrStatusSql = (validTo: string) =>
  sql<string>`case when ${sql.ref(validTo)} is null then 'none' when ${sql.ref(validTo)} < ${TODAY} then 'expired' when ${sql.ref(validTo)} <= ${TODAY} + 90 then 'expiring' else 'valid' end`;

// ---------- providers ----------

export const providerColumns = [
  'provider.id',
  'provider.code',
  'provider.name',
  'provider.kind',
  'provider.owning_agency_id',
  'provider.description_id',
  'provider.description_en',
  'provider.website',
  'provider.email',
  'provider.phone',
  'provider.address',
  'provider.contacts',
  'provider.provinces_served',
  'provider.accr_grade',
  'provider.accr_valid_from',
  'provider.accr_valid_to',
] as const;

export function findProvider(db: Kysely<DB>, id: number) {
  return db.selectFrom('provider').select(providerColumns).select(accrStatusSql('provider.accr_valid_to').as('accreditation_status')).where('id', '=', id).executeTakeFirst();
}

export function providersExist(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([] as { id: number; code: string; name: string; kind: string }[]);
  return db.selectFrom('provider').select(['id', 'code', 'name', 'kind']).where('id', 'in', ids).execute();
}

export function listProviders(db: Kysely<DB>, q: { kind?: string; province?: string; limit: number; offset: number }) {
  let query = db
    .selectFrom('provider')
    .select(providerColumns)
    .select(accrStatusSql('provider.accr_valid_to').as('accreditation_status'))
    .orderBy('name')
    .orderBy('id')
    .limit(q.limit)
    .offset(q.offset);
  if (q.kind) query = query.where('kind', '=', q.kind as never);
  if (q.province) query = query.where(sql<boolean>`${q.province} = any(provider.provinces_served)`);
  return query.execute();
}

export function providerAccreditations(db: Kysely<DB>, providerId: number) {
  return db
    .selectFrom('provider_accreditation')
    .selectAll()
    .select(accrStatusSql('valid_to').as('status'))
    .where('provider_id', '=', providerId)
    .orderBy('id', 'desc')
    .execute();
}

// ---------- programmes ----------

export function programmeFacts(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('programme')
    .select(['id', 'provider_id', 'partner_provider_ids', 'status', 'review_status', 'category', 'jp', 'code'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Locks the programme row for the rest of the transaction, so two writers queue. */
export function lockProgramme(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('programme')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function programmeCompetencies(db: Kysely<DB>, id: number) {
  return db.selectFrom('programme_competency').select(['competency_code as code', 'level_from', 'level_to']).where('programme_id', '=', id).orderBy('competency_code').execute();
}

export async function programmePrerequisites(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('programme_prerequisite as pq')
    .innerJoin('programme as p', 'p.id', 'pq.prerequisite_id')
    .select(['p.id', 'p.code', 'p.title_id', 'p.title_en'])
    .where('pq.programme_id', '=', id)
    .orderBy('p.code')
    .execute();
}

export function programmePartners(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('programme_partner as pp')
    .innerJoin('provider as pr', 'pr.id', 'pp.provider_id')
    .select(['pp.provider_id', 'pr.code', 'pr.name', 'pr.kind', 'pp.roles', 'pp.contribution', 'pp.modules'])
    .select(accrStatusSql('pr.accr_valid_to').as('accreditation_status'))
    .where('pp.programme_id', '=', id)
    .orderBy(sql`'lead' = any(pp.roles)`, 'desc')
    .orderBy('pr.name')
    .execute();
}

export function programmeAccreditations(db: Kysely<DB>, programmeId: number) {
  return db
    .selectFrom('programme_accreditation')
    .selectAll()
    .select(accrStatusSql('valid_to').as('status'))
    .where('programme_id', '=', programmeId)
    .orderBy('id', 'desc')
    .execute();
}

export const programmeColumns = [
  'programme.id',
  'programme.provider_id',
  'programme.code',
  'programme.title_id',
  'programme.title_en',
  'programme.description_id',
  'programme.description_en',
  'programme.category',
  'programme.learning_form',
  'programme.jp',
  'programme.position_tiers',
  'programme.rank_min',
  'programme.rank_max',
  'programme.languages',
  'programme.activity_iri',
  'programme.status',
  'programme.review_status',
  'programme.review_note',
  'programme.quality',
  'programme.accr_grade',
  'programme.accr_valid_from',
  'programme.accr_valid_to',
  'programme.updated_at',
  'programme.published_at',
] as const;

export function findProgramme(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('programme')
    .innerJoin('provider', 'provider.id', 'programme.provider_id')
    .select(programmeColumns)
    .select(['provider.code as provider_code', 'provider.name as provider_name', 'provider.kind as provider_kind'])
    .select(accrStatusSql('programme.accr_valid_to').as('accreditation_status'))
    .select(accrStatusSql('provider.accr_valid_to').as('provider_accreditation_status'))
    .where('programme.id', '=', id)
    .executeTakeFirst();
}

export function listProgrammes(db: Kysely<DB>, scope: 'all' | number[], q: { status?: string; review?: string; limit: number; offset: number }) {
  let query = db
    .selectFrom('programme')
    .innerJoin('provider', 'provider.id', 'programme.provider_id')
    .select(programmeColumns)
    .select(['provider.code as provider_code', 'provider.name as provider_name', 'provider.kind as provider_kind', 'programme.partner_provider_ids'])
    .select(accrStatusSql('programme.accr_valid_to').as('accreditation_status'))
    .select(accrStatusSql('provider.accr_valid_to').as('provider_accreditation_status'))
    .orderBy('programme.updated_at', 'desc')
    .orderBy('programme.id', 'desc')
    .limit(q.limit)
    .offset(q.offset);
  if (scope !== 'all') {
    if (scope.length === 0) return Promise.resolve([]);
    query = query.where(sql<boolean>`programme.partner_provider_ids && ${scope}::int[]`);
  }
  if (q.status) query = query.where('programme.status', '=', q.status);
  if (q.review) query = query.where('programme.review_status', '=', q.review);
  return query.execute();
}

/** Programmes that develop a competency across a level range (their range covers from..to). */
export function programmesDeveloping(db: Kysely<DB>, q: { code: string; from: number; to: number; limit: number; offset: number }) {
  return db
    .selectFrom('programme_competency as c')
    .innerJoin('programme', 'programme.id', 'c.programme_id')
    .innerJoin('provider', 'provider.id', 'programme.provider_id')
    .select(['programme.id', 'programme.code', 'programme.title_id', 'programme.title_en', 'programme.category', 'programme.learning_form', 'programme.jp', 'programme.quality', 'programme.next_start', 'programme.seats_available'])
    .select(['c.level_from', 'c.level_to', 'provider.code as provider_code', 'provider.name as provider_name', 'provider.kind as provider_kind'])
    .select(accrStatusSql('programme.accr_valid_to').as('accreditation_status'))
    .where('c.competency_code', '=', q.code)
    .where('c.level_from', '<=', q.from)
    .where('c.level_to', '>=', q.to)
    .where('programme.status', '=', 'published')
    // the narrowest range first (most targeted), then quality, then the one starting soonest
    .orderBy(sql`c.level_to - c.level_from`)
    .orderBy(sql`programme.quality desc nulls last`)
    .orderBy(sql`programme.next_start asc nulls last`)
    .orderBy('programme.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
}

// ---------- offerings ----------

export const offeringColumns = [
  'offering.id',
  'offering.programme_id',
  'offering.code',
  'offering.name',
  'offering.start_date',
  'offering.end_date',
  'offering.registration_opens',
  'offering.registration_closes',
  'offering.capacity',
  'offering.enrolled_count',
  'offering.mode',
  'offering.province_code',
  'offering.regency_code',
  'offering.venue',
  'offering.online_url',
  'offering.fee',
  'offering.status',
] as const;

export function findOffering(db: Kysely<DB>, id: number) {
  return db.selectFrom('offering').select(offeringColumns).where('id', '=', id).executeTakeFirst();
}

export function lockOffering(db: Kysely<DB>, id: number) {
  return db.selectFrom('offering').select(offeringColumns).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function offeringsOf(db: Kysely<DB>, programmeId: number, q: { upcomingOnly: boolean; publicOnly: boolean }) {
  let query = db
    .selectFrom('offering')
    .select(offeringColumns)
    .select(sql<number>`greatest(offering.capacity - offering.enrolled_count, 0)`.as('seats_left'))
    .where('programme_id', '=', programmeId)
    .orderBy('start_date')
    .orderBy('id');
  if (q.upcomingOnly) query = query.where(sql<boolean>`offering.end_date >= ${TODAY}`);
  if (q.publicOnly) query = query.where('status', 'in', ['planned', 'open', 'closed', 'running']);
  return query.execute();
}

export function quotasOf(db: Kysely<DB>, offeringIds: number[]) {
  if (offeringIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('offering_quota as q')
    .innerJoin('agency as a', 'a.id', 'q.agency_id')
    .select(['q.offering_id', 'q.agency_id', 'a.code as agency_code', 'a.name as agency_name', 'q.seats'])
    .where('q.offering_id', 'in', offeringIds)
    .orderBy('a.name')
    .execute();
}

export function sessionsOf(db: Kysely<DB>, offeringIds: number[], onlyProviders?: number[]) {
  if (offeringIds.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('offering_session as s')
    .innerJoin('provider as pr', 'pr.id', 's.provider_id')
    .select(['s.id', 's.offering_id', 's.provider_id', 'pr.code as provider_code', 'pr.name as provider_name', 's.title', 's.module', 's.starts_at', 's.ends_at', 's.jp', 's.location'])
    .where('s.offering_id', 'in', offeringIds)
    .orderBy('s.starts_at')
    .orderBy('s.id');
  if (onlyProviders) {
    if (onlyProviders.length === 0) return Promise.resolve([]);
    query = query.where('s.provider_id', 'in', onlyProviders);
  }
  return query.execute();
}

export function findSession(db: Kysely<DB>, id: number) {
  return db.selectFrom('offering_session').selectAll().where('id', '=', id).executeTakeFirst();
}

export function agenciesExist(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([] as { id: number }[]);
  return db.selectFrom('agency').select('id').where('id', 'in', ids).execute();
}

export function programmesExist(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([] as { id: number }[]);
  return db.selectFrom('programme').select('id').where('id', 'in', ids).execute();
}

export type ProgrammeFactsLike = { provider_id: number; partner_provider_ids: number[] };
