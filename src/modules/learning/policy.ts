// Who may do what in learning.
//   learner:         requests and withdraws their own enrolments; reads their own enrolments, JP
//                    ledger and notifications; reports their own activities
//   supervisor:      approves or rejects the enrolment requests and self-reported activities of
//                    their DIRECT reports (civil_servant.supervisor_id = them), nobody else's
//   agency admin:    nominates people of their agency; approves when the agency requires it (and
//                    for people with no supervisor on record); reads the agency's enrolments and
//                    JP compliance; sets the agency's approval setting
//   provider admin:  the cohort page of offerings of programmes their provider is a partner of;
//                    attendance for the sessions their provider delivers (the lead: all sessions);
//                    scores, no-shows and completion: the lead's admins
//   national admin:  everything, and the JP conversion table
//   auditor:         reads (national auditors everything, agency auditors their agency)
import { isNational, scopeIds, type Actor } from '../../http/actor.ts';

export const isNationalAdmin = (actor: Actor) => isNational(actor, 'national_admin');
export const mayReadAllLearning = (actor: Actor) => isNational(actor, 'national_admin', 'auditor');

/** Agencies whose people the actor administers (nominations, agency approvals). */
export const adminAgencies = (actor: Actor) => scopeIds(actor, 'agency', 'agency_admin');

export function mayAdministerAgency(actor: Actor, agencyId: number): boolean {
  return isNationalAdmin(actor) || adminAgencies(actor).includes(agencyId);
}

export function mayReadAgency(actor: Actor, agencyId: number): boolean {
  return mayReadAllLearning(actor) || scopeIds(actor, 'agency', 'agency_admin', 'auditor').includes(agencyId);
}

export const isSelf = (actor: Actor, civilServantId: number) => actor.civilServantId !== null && actor.civilServantId === civilServantId;

/** The direct supervisor of the person, by the registry as it is now. */
export function isDirectSupervisor(actor: Actor, person: { supervisor_id: number | null }): boolean {
  return actor.civilServantId !== null && person.supervisor_id === actor.civilServantId && actor.grants.some((g) => g.role === 'supervisor');
}

/** Reads of one enrolment (its detail and history). */
export function mayReadEnrolment(actor: Actor, e: { civil_servant_id: number; agency_id: number }, person: { supervisor_id: number | null }): boolean {
  return isSelf(actor, e.civil_servant_id) || isDirectSupervisor(actor, person) || mayReadAgency(actor, e.agency_id);
}

export const mayEditConversions = isNationalAdmin;
