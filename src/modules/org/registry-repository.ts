// The SQL of registry writes: agencies, units, positions and civil servants.
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { AgencyTable, CivilServantTable, DB, PositionTable, UnitTable } from '../../db/schema.ts';

const AGENCY = ['id', 'code', 'name', 'kind', 'province_code', 'region_code', 'parent_id'] as const;
const UNIT = ['id', 'agency_id', 'parent_id', 'code', 'name'] as const;
const POSITION = ['id', 'agency_id', 'code', 'name', 'kind', 'tier'] as const;
const PERSON = ['id', 'agency_id', 'nip', 'name', 'gender', 'birth_date', 'tmt_cpns', 'rank', 'unit_id', 'position_id', 'supervisor_id', 'status'] as const;

export const findAgencyByCode = (db: Kysely<DB>, code: string) => db.selectFrom('agency').select(AGENCY).where('code', '=', code).executeTakeFirst();
export const findAgencyById = (db: Kysely<DB>, id: number) => db.selectFrom('agency').select(AGENCY).where('id', '=', id).executeTakeFirst();
export const insertAgency = (db: Kysely<DB>, row: Insertable<AgencyTable>) => db.insertInto('agency').values(row).returning(AGENCY).executeTakeFirstOrThrow();
export const updateAgency = (db: Kysely<DB>, id: number, set: Updateable<AgencyTable>) =>
  db.updateTable('agency').set(set).where('id', '=', id).returning(AGENCY).executeTakeFirstOrThrow();

export const listUnits = (db: Kysely<DB>, agencyId: number) => db.selectFrom('unit').select(UNIT).where('agency_id', '=', agencyId).orderBy('code').execute();
export const findUnit = (db: Kysely<DB>, id: number) => db.selectFrom('unit').select(UNIT).where('id', '=', id).executeTakeFirst();
export const findUnitByCode = (db: Kysely<DB>, agencyId: number, code: string) =>
  db.selectFrom('unit').select(UNIT).where('agency_id', '=', agencyId).where('code', '=', code).executeTakeFirst();
export const insertUnit = (db: Kysely<DB>, row: Insertable<UnitTable>) => db.insertInto('unit').values(row).returning(UNIT).executeTakeFirstOrThrow();
export const updateUnit = (db: Kysely<DB>, id: number, set: Updateable<UnitTable>) => db.updateTable('unit').set(set).where('id', '=', id).returning(UNIT).executeTakeFirstOrThrow();

export const listPositions = (db: Kysely<DB>, agencyId: number) => db.selectFrom('position').select(POSITION).where('agency_id', '=', agencyId).orderBy('code').execute();
export const findPosition = (db: Kysely<DB>, id: number) => db.selectFrom('position').select(POSITION).where('id', '=', id).executeTakeFirst();
export const findPositionByCode = (db: Kysely<DB>, agencyId: number, code: string) =>
  db.selectFrom('position').select(POSITION).where('agency_id', '=', agencyId).where('code', '=', code).executeTakeFirst();
export const insertPosition = (db: Kysely<DB>, row: Insertable<PositionTable>) => db.insertInto('position').values(row).returning(POSITION).executeTakeFirstOrThrow();
export const updatePosition = (db: Kysely<DB>, id: number, set: Updateable<PositionTable>) =>
  db.updateTable('position').set(set).where('id', '=', id).returning(POSITION).executeTakeFirstOrThrow();

export const findPersonRecord = (db: Kysely<DB>, id: number) => db.selectFrom('civil_servant').select(PERSON).where('id', '=', id).executeTakeFirst();
export const findPersonByNip = (db: Kysely<DB>, nip: string) => db.selectFrom('civil_servant').select(PERSON).where('nip', '=', nip).executeTakeFirst();
export const insertPerson = (db: Kysely<DB>, row: Insertable<CivilServantTable>) => db.insertInto('civil_servant').values(row).returning(PERSON).executeTakeFirstOrThrow();
export const updatePerson = (db: Kysely<DB>, id: number, set: Updateable<CivilServantTable>) =>
  db.updateTable('civil_servant').set({ ...set, updated_at: new Date() }).where('id', '=', id).returning(PERSON).executeTakeFirstOrThrow();

/** True when walking up from `start` (via parent_id / supervisor_id) reaches `target`: linking target under start would close a cycle. */
export async function reachesUp(db: Kysely<DB>, table: 'unit' | 'civil_servant', start: number, target: number): Promise<boolean> {
  const link = sql.ref(table === 'unit' ? 'parent_id' : 'supervisor_id');
  const t = sql.table(table);
  const { rows } = await sql<{ hit: number }>`
    with recursive up(id, next, depth) as (
      select id, ${link}, 0 from ${t} where id = ${start}
      union all
      select x.id, x.${link}, up.depth + 1 from ${t} x join up on x.id = up.next where up.depth < 10000 and up.id <> ${target}
    )
    select 1 as hit from up where id = ${target} limit 1`.execute(db);
  return rows.length > 0;
}
