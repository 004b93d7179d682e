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

// ---------- registry writes (agencies, units, positions, civil servants, imports) ----------
//   national admin: creates and changes agencies; writes every agency's units, positions, staff
//   agency admin:   writes units, positions and staff of their own agency (and imports them)
//   everyone else:  no registry writes

export function mayManageAgencies(actor: Actor): boolean {
  return isNational(actor, 'national_admin');
}

/** The agencies whose records the actor may write. */
export function writableAgencies(actor: Actor): 'all' | number[] {
  if (isNational(actor, 'national_admin')) return 'all';
  return scopeIds(actor, 'agency', 'agency_admin');
}

export function mayWriteAgencyRecords(actor: Actor, agencyId: number): boolean {
  const scope = writableAgencies(actor);
  return scope === 'all' || scope.includes(agencyId);
}

/** Import runs: national admins and auditors see all; agency admins and auditors their agency's; anyone the runs they started. */
export function mayViewImportRun(actor: Actor, run: { agency_id: number | null; actor_id: string | null }): boolean {
  if (isNational(actor, 'national_admin', 'auditor')) return true;
  if (run.actor_id !== null && run.actor_id === actor.id) return true;
  return run.agency_id !== null && scopeIds(actor, 'agency', 'agency_admin', 'auditor').includes(run.agency_id);
}
