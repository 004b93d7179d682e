// Who may do what with plans, in one place.
//   recommendations of a person:   whoever may see the person (org's personFilter: self, direct
//                                  supervisor, agency admin/auditor, national roles); others 404
//   people who need an offering:   agency admins (their agency), national admins (any agency)
//   development plan (IDP):        the person writes their own (draft or returned); the direct
//                                  supervisor decides a submitted plan (the agency admin when the
//                                  person has no supervisor on record); whoever may see the person
//                                  reads it; everyone else gets 404
//   agency plan:                   agency admins write their agency's plan; agency admins and
//                                  auditors read it; national admins and auditors read plans once
//                                  submitted (drafts stay the agency's own: 404), and national
//                                  admins return a submitted plan with a comment
import { isNational, scopeIds, type Actor } from '../../http/actor.ts';

export const isSelf = (actor: Actor, personId: number) => actor.civilServantId !== null && actor.civilServantId === personId;

export function isDirectSupervisor(actor: Actor, person: { supervisor_id: number | null }): boolean {
  return actor.civilServantId !== null && person.supervisor_id !== null && Number(person.supervisor_id) === actor.civilServantId && actor.grants.some((g) => g.role === 'supervisor');
}

export const adminAgencies = (actor: Actor) => scopeIds(actor, 'agency', 'agency_admin');

/** The decider of a submitted plan: the direct supervisor, or (no supervisor) the agency admin. */
export function mayDecidePlan(actor: Actor, person: { supervisor_id: number | null; agency_id: number }): boolean {
  if (person.supervisor_id !== null) return isDirectSupervisor(actor, person);
  return adminAgencies(actor).includes(person.agency_id);
}

export function mayWriteAgencyPlan(actor: Actor, agencyId: number): boolean {
  return adminAgencies(actor).includes(agencyId);
}

export function mayReadAgencyPlan(actor: Actor, plan: { agency_id: number; status: string }): boolean {
  if (scopeIds(actor, 'agency', 'agency_admin', 'auditor').includes(plan.agency_id)) return true;
  return plan.status !== 'draft' && isNational(actor, 'national_admin', 'auditor');
}

export const mayReturnAgencyPlan = (actor: Actor) => isNational(actor, 'national_admin');

/** Agencies whose plans the actor lists: their own (any status), and all submitted ones for national roles. */
export function agencyPlanScope(actor: Actor): { own: number[]; national: boolean } {
  return { own: scopeIds(actor, 'agency', 'agency_admin', 'auditor'), national: isNational(actor, 'national_admin', 'auditor') };
}

export function mayNominateFor(actor: Actor, agencyId: number): boolean {
  return isNational(actor, 'national_admin') || adminAgencies(actor).includes(agencyId);
}
