// Registry writes for agencies, units and positions. Every write checks org/policy.ts and is
// audited in the same transaction (before/after).
import type { Kysely } from 'kysely';
import type { AgencyKind, DB } from '../../db/schema.ts';
import type { Caller, Deps } from '../../context.ts';
import type { Actor } from '../../http/actor.ts';
import { problems } from '../../http/problem.ts';
import { recordAudit } from '../audit/service.ts';
import { mayManageAgencies, mayWriteAgencyRecords } from './policy.ts';
import { regionByCode, regions } from './regions.ts';
import { tierProblem } from './registry-rules.ts';
import * as repo from './registry-repository.ts';

type ActorCaller = Caller & { actor: Actor };

const REGIONAL: AgencyKind[] = ['province', 'regency', 'city'];

/** Unique violations (a concurrent insert of the same code) answer 409, not 500. */
async function unique<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw problems.conflict(`${what} already exists.`);
    throw error;
  }
}

// ---------- agencies ----------

export interface AgencyInput {
  kind: AgencyKind;
  /** Regional agencies: the official province or regency/city code from idn-area-data. */
  regionCode?: string;
  code?: string;
  name?: string;
  provinceCode?: string;
}

/** Official code, name and province of a regional government, from idn-area-data. */
export function regionalAgency(kind: AgencyKind, regionCode: string | undefined) {
  if (!regionCode) throw problems.validation([{ field: 'body.regionCode', message: `is required for a ${kind}: the official code from idn-area-data, e.g. 32 or 32.73` }]);
  const region = regionByCode(regionCode);
  if (!region) throw problems.validation([{ field: 'body.regionCode', message: `${regionCode} is not an official province or regency/city code` }]);
  if (region.kind !== kind) throw problems.validation([{ field: 'body.kind', message: `region ${regionCode} (${region.name}) is a ${region.kind}, not a ${kind}` }]);
  const name = region.kind === 'province' ? `Pemerintah Provinsi ${region.name}` : `Pemerintah ${region.name}`;
  return { code: region.code, name, kind, province_code: region.provinceCode, region_code: region.code };
}

export async function createAgency({ db }: Deps, caller: ActorCaller, input: AgencyInput) {
  if (!mayManageAgencies(caller.actor)) throw problems.forbidden('Only national admins create agencies.');
  let row;
  if (REGIONAL.includes(input.kind)) {
    if (input.code || input.name) throw problems.validation([{ field: input.code ? 'body.code' : 'body.name', message: 'regional agencies take their official code and name from idn-area-data; give regionCode only' }]);
    row = regionalAgency(input.kind, input.regionCode);
  } else {
    const errors = [];
    if (!input.code?.trim()) errors.push({ field: 'body.code', message: 'is required' });
    if (!input.name?.trim()) errors.push({ field: 'body.name', message: 'is required' });
    if (input.regionCode) errors.push({ field: 'body.regionCode', message: 'is only for provinces, regencies and cities' });
    if (input.provinceCode && !regions().provinces.some((p) => p.code === input.provinceCode)) errors.push({ field: 'body.provinceCode', message: 'is not an official province code' });
    if (errors.length) throw problems.validation(errors);
    row = { code: input.code!.trim(), name: input.name!.trim(), kind: input.kind, province_code: input.provinceCode ?? null, region_code: null };
  }
  return db.transaction().execute(async (tx) => {
    if (await repo.findAgencyByCode(tx, row.code)) throw problems.conflict(`An agency with code ${row.code} already exists.`);
    // A regency or city sits under its province's government when that agency exists.
    const parent = row.region_code?.includes('.') ? await repo.findAgencyByCode(tx, row.province_code!) : undefined;
    const agency = await unique(`Agency ${row.code}`, () => repo.insertAgency(tx, { ...row, parent_id: parent?.id ?? null }));
    await recordAudit(tx, caller, { action: 'agency.created', entityType: 'agency', entityId: agency.id, scopeType: 'agency', scopeId: agency.id, after: agency });
    return agency;
  });
}

export async function updateAgency({ db }: Deps, caller: ActorCaller, id: number, input: { name?: string; provinceCode?: string | null }) {
  if (!mayManageAgencies(caller.actor)) throw problems.forbidden('Only national admins change agencies.');
  return db.transaction().execute(async (tx) => {
    const before = await repo.findAgencyById(tx, id);
    if (!before) throw problems.notFound('No such agency.');
    if (REGIONAL.includes(before.kind) && (input.name !== undefined || input.provinceCode !== undefined)) {
      throw problems.validation([{ field: input.name !== undefined ? 'body.name' : 'body.provinceCode', message: 'regional agencies keep their official name and province from idn-area-data' }]);
    }
    if (input.provinceCode && !regions().provinces.some((p) => p.code === input.provinceCode)) throw problems.validation([{ field: 'body.provinceCode', message: 'is not an official province code' }]);
    if (input.name !== undefined && !input.name.trim()) throw problems.validation([{ field: 'body.name', message: 'must not be empty' }]);
    const set = { ...(input.name !== undefined ? { name: input.name.trim() } : {}), ...(input.provinceCode !== undefined ? { province_code: input.provinceCode } : {}) };
    if (Object.keys(set).length === 0) return before;
    const after = await repo.updateAgency(tx, id, set);
    await recordAudit(tx, caller, { action: 'agency.updated', entityType: 'agency', entityId: id, scopeType: 'agency', scopeId: id, before, after });
    return after;
  });
}

async function writableAgency(db: Kysely<DB>, actor: Actor, agencyId: number) {
  const agency = await repo.findAgencyById(db, agencyId);
  if (!agency) throw problems.notFound('No such agency.');
  if (!mayWriteAgencyRecords(actor, agencyId)) throw problems.forbidden('You may only change records of your own agency.');
  return agency;
}

// ---------- units ----------

export const listUnits = async ({ db }: Deps, agencyId: number) => repo.listUnits(db, (await getAgencyOr404(db, agencyId)).id);
export const listPositions = async ({ db }: Deps, agencyId: number) => repo.listPositions(db, (await getAgencyOr404(db, agencyId)).id);

async function getAgencyOr404(db: Kysely<DB>, id: number) {
  const agency = await repo.findAgencyById(db, id);
  if (!agency) throw problems.notFound('No such agency.');
  return agency;
}

async function checkUnitParent(db: Kysely<DB>, agencyId: number, unitId: number | null, parentId: number | null | undefined) {
  if (parentId === undefined || parentId === null) return;
  const parent = await repo.findUnit(db, parentId);
  if (!parent || parent.agency_id !== agencyId) throw problems.validation([{ field: 'body.parentId', message: 'is not a unit of this agency' }]);
  if (unitId !== null && (parentId === unitId || (await repo.reachesUp(db, 'unit', parentId, unitId)))) {
    throw problems.validation([{ field: 'body.parentId', message: 'would make the unit its own ancestor (a cycle)' }]);
  }
}

export async function createUnit({ db }: Deps, caller: ActorCaller, agencyId: number, input: { code: string; name: string; parentId?: number | null }) {
  return db.transaction().execute(async (tx) => {
    await writableAgency(tx, caller.actor, agencyId);
    await checkUnitParent(tx, agencyId, null, input.parentId);
    if (await repo.findUnitByCode(tx, agencyId, input.code.trim())) throw problems.conflict(`Unit ${input.code} already exists in this agency.`);
    const unit = await unique(`Unit ${input.code}`, () => repo.insertUnit(tx, { agency_id: agencyId, code: input.code.trim(), name: input.name.trim(), parent_id: input.parentId ?? null }));
    await recordAudit(tx, caller, { action: 'unit.created', entityType: 'unit', entityId: unit.id, scopeType: 'agency', scopeId: agencyId, after: unit });
    return unit;
  });
}

export async function updateUnit({ db }: Deps, caller: ActorCaller, id: number, input: { name?: string; parentId?: number | null }) {
  return db.transaction().execute(async (tx) => {
    const before = await repo.findUnit(tx, id);
    if (!before) throw problems.notFound('No such unit.');
    await writableAgency(tx, caller.actor, before.agency_id);
    await checkUnitParent(tx, before.agency_id, id, input.parentId);
    const set = { ...(input.name !== undefined ? { name: input.name.trim() } : {}), ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}) };
    if (Object.keys(set).length === 0) return before;
    const after = await repo.updateUnit(tx, id, set);
    await recordAudit(tx, caller, { action: 'unit.updated', entityType: 'unit', entityId: id, scopeType: 'agency', scopeId: before.agency_id, before, after });
    return after;
  });
}

// ---------- positions ----------

export async function createPosition({ db }: Deps, caller: ActorCaller, agencyId: number, input: { code: string; name: string; kind: string; tier: string }) {
  const problem = tierProblem(input.kind, input.tier);
  if (problem) throw problems.validation([{ field: 'body.tier', message: problem }]);
  return db.transaction().execute(async (tx) => {
    await writableAgency(tx, caller.actor, agencyId);
    if (await repo.findPositionByCode(tx, agencyId, input.code.trim())) throw problems.conflict(`Position ${input.code} already exists in this agency.`);
    const position = await unique(`Position ${input.code}`, () =>
      repo.insertPosition(tx, { agency_id: agencyId, code: input.code.trim(), name: input.name.trim(), kind: input.kind as 'managerial', tier: input.tier }),
    );
    await recordAudit(tx, caller, { action: 'position.created', entityType: 'position', entityId: position.id, scopeType: 'agency', scopeId: agencyId, after: position });
    return position;
  });
}

export async function updatePosition({ db }: Deps, caller: ActorCaller, id: number, input: { name?: string; kind?: string; tier?: string }) {
  return db.transaction().execute(async (tx) => {
    const before = await repo.findPosition(tx, id);
    if (!before) throw problems.notFound('No such position.');
    await writableAgency(tx, caller.actor, before.agency_id);
    const kind = input.kind ?? before.kind;
    const tier = input.tier ?? before.tier;
    const problem = tierProblem(kind, tier);
    if (problem) throw problems.validation([{ field: 'body.tier', message: problem }]);
    const after = await repo.updatePosition(tx, id, { ...(input.name !== undefined ? { name: input.name.trim() } : {}), kind: kind as 'managerial', tier });
    await recordAudit(tx, caller, { action: 'position.updated', entityType: 'position', entityId: id, scopeType: 'agency', scopeId: before.agency_id, before, after });
    return after;
  });
}
