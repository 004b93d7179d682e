// Who may read which dashboard.
//   national dashboard:  national admins and national auditors
//   agency dashboard:    that agency's admins and auditors; national roles
//   provider dashboard:  that provider's admins and auditors; national roles
// The at-risk list names people: it shows only those org's personFilter lets the actor see, and
// their NIP only where org's mayViewPersonalData allows (org's peopleByIds applies both).
import { isNational, scopeIds, type Actor } from '../../http/actor.ts';

export const mayReadNational = (actor: Actor) => isNational(actor, 'national_admin', 'auditor');

export function mayReadAgency(actor: Actor, agencyId: number): boolean {
  return mayReadNational(actor) || scopeIds(actor, 'agency', 'agency_admin', 'auditor').includes(agencyId);
}

export function mayReadProvider(actor: Actor, providerId: number): boolean {
  return mayReadNational(actor) || scopeIds(actor, 'provider', 'provider_admin', 'auditor').includes(providerId);
}
