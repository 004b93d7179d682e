// Who may do what with competency records, in one place.
//   dictionary, tier defaults, settings:   national admin writes; every signed-in user reads
//   position overrides:                    agency admin for their agency's positions, national admin for all
//   assessments, talent ratings:           agency admin for people of their agency, national admin for all
//   a person's profile and history:        whoever may see the person (org's personFilter: self,
//                                          direct supervisor, agency admin/auditor, national roles)
//   team gaps:                             a supervisor, for their direct reports
//   agency gap summary:                    agency admin/auditor of that agency, national admin/auditor
//   national gap summary:                  national admin/auditor
import { isNational, scopeIds, type Actor } from '../../http/actor.ts';

export const mayEditDictionary = (actor: Actor) => isNational(actor, 'national_admin');

export const mayEditTierStandards = (actor: Actor) => isNational(actor, 'national_admin');

export const mayEditSettings = (actor: Actor) => isNational(actor, 'national_admin');

/** Position standards, assessments and talent ratings of an agency's records. */
export function mayWriteForAgency(actor: Actor, agencyId: number): boolean {
  return isNational(actor, 'national_admin') || scopeIds(actor, 'agency', 'agency_admin').includes(agencyId);
}

export function mayReadAgencyGaps(actor: Actor, agencyId: number): boolean {
  return isNational(actor, 'national_admin', 'auditor') || scopeIds(actor, 'agency', 'agency_admin', 'auditor').includes(agencyId);
}

export const mayReadNationalGaps = (actor: Actor) => isNational(actor, 'national_admin', 'auditor');
