// Registry writes for civil servants: create and update one record. The record's own fields are
// checked by registry-rules.ts (NIP structure and consistency); links (unit, position,
// supervisor) must stay inside the agency, and supervisor links never form a cycle.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Caller, Deps } from '../../context.ts';
import type { Actor } from '../../http/actor.ts';
import { problems, type FieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/service.ts';
import { mayWriteAgencyRecords, personFilter } from './policy.ts';
import { personFieldErrors, type PersonFields, type Status } from './registry-rules.ts';
import * as repo from './registry-repository.ts';
import * as readRepo from './repository.ts';

type ActorCaller = Caller & { actor: Actor };

export interface PersonInput {
  nip: string;
  name: string;
  gender: number;
  birthDate: string;
  tmtCpns: string;
  rank: string;
  agencyId: number;
  unitId?: number | null;
  positionId?: number | null;
  supervisorId?: number | null;
  status?: Status;
}

const FIELD: Record<keyof PersonFields, string> = { nip: 'body.nip', name: 'body.name', gender: 'body.gender', birthDate: 'body.birthDate', tmtCpns: 'body.tmtCpns', rank: 'body.rank' };

async function checkLinks(db: Kysely<DB>, selfId: number | null, p: PersonInput): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (p.unitId != null) {
    const unit = await repo.findUnit(db, p.unitId);
    if (!unit || unit.agency_id !== p.agencyId) errors.push({ field: 'body.unitId', message: 'is not a unit of this agency' });
  }
  if (p.positionId != null) {
    const position = await repo.findPosition(db, p.positionId);
    if (!position || position.agency_id !== p.agencyId) errors.push({ field: 'body.positionId', message: 'is not a position of this agency' });
  }
  if (p.supervisorId != null) {
    const supervisor = await repo.findPersonRecord(db, p.supervisorId);
    if (!supervisor) errors.push({ field: 'body.supervisorId', message: 'is not a civil servant' });
    else if (supervisor.agency_id !== p.agencyId) errors.push({ field: 'body.supervisorId', message: 'must work in the same agency' });
    else if (selfId !== null && (p.supervisorId === selfId || (await repo.reachesUp(db, 'civil_servant', p.supervisorId, selfId)))) {
      errors.push({ field: 'body.supervisorId', message: 'would make this person their own supervisor (a cycle)' });
    }
  }
  return errors;
}

function validate(p: PersonInput): void {
  const errors = personFieldErrors(p).map((e) => ({ field: FIELD[e.field], message: e.message }));
  if (errors.length) throw problems.validation(errors);
}

function toRow(p: PersonInput) {
  return {
    agency_id: p.agencyId,
    nip: p.nip,
    name: p.name.trim(),
    gender: p.gender,
    birth_date: p.birthDate,
    tmt_cpns: p.tmtCpns,
    rank: p.rank,
    unit_id: p.unitId ?? null,
    position_id: p.positionId ?? null,
    supervisor_id: p.supervisorId ?? null,
    status: p.status ?? 'active',
  };
}

export async function createPerson({ db }: Deps, caller: ActorCaller, input: PersonInput) {
  if (!mayWriteAgencyRecords(caller.actor, input.agencyId)) throw problems.forbidden('You may only add civil servants to your own agency.');
  validate(input);
  return db.transaction().execute(async (tx) => {
    if (!(await repo.findAgencyById(tx, input.agencyId))) throw problems.validation([{ field: 'body.agencyId', message: 'is not an agency' }]);
    const errors = await checkLinks(tx, null, input);
    if (errors.length) throw problems.validation(errors);
    if (await repo.findPersonByNip(tx, input.nip)) throw problems.conflict(`A civil servant with NIP ${input.nip} already exists.`);
    const person = await repo.insertPerson(tx, toRow(input));
    await recordAudit(tx, caller, { action: 'civil_servant.created', entityType: 'civil_servant', entityId: person.id, scopeType: 'agency', scopeId: person.agency_id, after: person });
    return person;
  });
}

export async function updatePerson({ db }: Deps, caller: ActorCaller, id: number, changes: Partial<PersonInput>) {
  return db.transaction().execute(async (tx) => {
    const before = await repo.findPersonRecord(tx, id);
    // Out of sight answers 404 (existence must not leak); in sight but not writable, 403.
    if (!before || !(await readRepo.findPerson(tx, personFilter(caller.actor), id))) throw problems.notFound('No such civil servant.');
    if (!mayWriteAgencyRecords(caller.actor, before.agency_id)) throw problems.forbidden('You may only change civil servants of your own agency.');
    const merged: PersonInput = {
      nip: before.nip,
      name: before.name,
      gender: before.gender,
      birthDate: before.birth_date,
      tmtCpns: before.tmt_cpns,
      rank: before.rank,
      agencyId: before.agency_id,
      unitId: before.unit_id,
      positionId: before.position_id,
      supervisorId: before.supervisor_id,
      status: before.status,
      ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
    };
    if (merged.agencyId !== before.agency_id) {
      if (!mayWriteAgencyRecords(caller.actor, merged.agencyId)) throw problems.forbidden('You may not move a civil servant into an agency you do not administer.');
      if (!(await repo.findAgencyById(tx, merged.agencyId))) throw problems.validation([{ field: 'body.agencyId', message: 'is not an agency' }]);
      const reports = await tx.selectFrom('civil_servant').select((eb) => eb.fn.countAll<number>().as('n')).where('supervisor_id', '=', id).executeTakeFirstOrThrow();
      if (Number(reports.n) > 0) throw problems.validation([{ field: 'body.agencyId', message: `this person supervises ${reports.n} civil servants in the current agency; give them another supervisor first` }]);
      // Links to the old agency's units and positions do not travel along.
      if (changes.unitId === undefined) merged.unitId = null;
      if (changes.positionId === undefined) merged.positionId = null;
      if (changes.supervisorId === undefined) merged.supervisorId = null;
    }
    validate(merged);
    const errors = await checkLinks(tx, id, merged);
    if (errors.length) throw problems.validation(errors);
    if (merged.nip !== before.nip && (await repo.findPersonByNip(tx, merged.nip))) throw problems.conflict(`A civil servant with NIP ${merged.nip} already exists.`);
    const after = await repo.updatePerson(tx, id, toRow(merged));
    await recordAudit(tx, caller, { action: 'civil_servant.updated', entityType: 'civil_servant', entityId: id, scopeType: 'agency', scopeId: after.agency_id, before, after });
    return after;
  });
}
