// The SQL of the organisation module: agencies, providers, civil servants.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PersonFilter } from './policy.ts';

export function listAgencies(db: Kysely<DB>, q: { search?: string; kind?: string; limit: number; offset: number }) {
  let query = db.selectFrom('agency').select(['id', 'code', 'name', 'kind', 'province_code', 'region_code', 'parent_id']).orderBy('name').limit(q.limit).offset(q.offset);
  if (q.search) query = query.where((eb) => eb.or([eb('name', 'ilike', `%${escapeLike(q.search!)}%`), eb('code', '=', q.search!)]));
  if (q.kind) query = query.where('kind', '=', q.kind as never);
  return query.execute();
}

export function findAgency(db: Kysely<DB>, id: number) {
  return db.selectFrom('agency').select(['id', 'code', 'name', 'kind', 'province_code', 'region_code', 'parent_id']).where('id', '=', id).executeTakeFirst();
}

export function listProviders(db: Kysely<DB>, limit: number, offset: number) {
  return db.selectFrom('provider').select(['id', 'code', 'name', 'kind', 'owning_agency_id']).orderBy('name').limit(limit).offset(offset).execute();
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const personColumns = [
  'civil_servant.id',
  'civil_servant.agency_id',
  'civil_servant.nip',
  'civil_servant.name',
  'civil_servant.gender',
  'civil_servant.birth_date',
  'civil_servant.rank',
  'civil_servant.status',
  'civil_servant.supervisor_id',
  'agency.name as agency_name',
  'position.name as position_name',
  'position.tier as position_tier',
  'unit.name as unit_name',
] as const;

/** People the filter lets through (policy.ts personFilter), with agency, position and unit names. */
export function basePersonQuery(db: Kysely<DB>, filter: PersonFilter) {
  let q = db
    .selectFrom('civil_servant')
    .innerJoin('agency', 'agency.id', 'civil_servant.agency_id')
    .leftJoin('position', 'position.id', 'civil_servant.position_id')
    .leftJoin('unit', 'unit.id', 'civil_servant.unit_id')
    .select(personColumns);
  if (!('all' in filter)) {
    q = q.where((eb) =>
      eb.or([
        ...(filter.agencyIds.length ? [eb('civil_servant.agency_id', 'in', filter.agencyIds)] : []),
        ...(filter.supervisorOf !== null ? [eb('civil_servant.supervisor_id', '=', filter.supervisorOf)] : []),
        ...(filter.self !== null ? [eb('civil_servant.id', '=', filter.self)] : []),
        sql<boolean>`false`,
      ]),
    );
  }
  return q;
}

export interface PersonQuery {
  search?: string;
  agencyId?: number;
  unitId?: number;
  /** position tier */
  tier?: string;
  /** keyset cursor: the (name, id) of the last row of the previous page */
  after?: { name: string; id: number };
  limit: number;
}

export function listPeople(db: Kysely<DB>, filter: PersonFilter, query: PersonQuery) {
  let q = basePersonQuery(db, filter).orderBy('civil_servant.name').orderBy('civil_servant.id').limit(query.limit);
  if (query.search) {
    const s = query.search.trim();
    q = /^\d{6,18}$/.test(s) ? q.where('civil_servant.nip', 'like', `${s}%`) : q.where('civil_servant.name', 'ilike', `%${escapeLike(s)}%`);
  }
  if (query.agencyId) q = q.where('civil_servant.agency_id', '=', query.agencyId);
  if (query.unitId) q = q.where('civil_servant.unit_id', '=', query.unitId);
  if (query.tier) q = q.where('position.tier', '=', query.tier);
  if (query.after) {
    const { name, id } = query.after;
    q = q.where(sql<boolean>`(civil_servant.name, civil_servant.id) > (${name}, ${id})`);
  }
  return q.execute();
}

export function findPerson(db: Kysely<DB>, filter: PersonFilter, id: number) {
  return basePersonQuery(db, filter).where('civil_servant.id', '=', id).executeTakeFirst();
}
