// Who may see which civil servants, and who may see their personal data (NIP, birth date).
//   national admin, national auditor: everyone
//   agency admin, agency auditor:     their agency
//   supervisor:                       their direct reports (without personal data)
//   learner:                          themselves
import { isNational, scopeIds, type Actor } from '../../http/actor.ts';

export type PersonFilter = { all: true } | { agencyIds: number[]; supervisorOf: number | null; self: number | null };

export function personFilter(actor: Actor): PersonFilter {
  if (isNational(actor, 'national_admin', 'auditor')) return { all: true };
  return {
    agencyIds: scopeIds(actor, 'agency', 'agency_admin', 'auditor'),
    supervisorOf: actor.grants.some((g) => g.role === 'supervisor') ? actor.civilServantId : null,
    self: actor.civilServantId,
  };
}

export function mayViewPersonalData(actor: Actor, person: { id: number; agency_id: number }): boolean {
  if (isNational(actor, 'national_admin', 'auditor')) return true;
  if (actor.civilServantId === person.id) return true;
  return scopeIds(actor, 'agency', 'agency_admin', 'auditor').includes(person.agency_id);
}
