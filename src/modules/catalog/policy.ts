// Who may do what in the catalogue.
//   anyone (public):       published programmes, their live offerings, provider public profiles
//   national admin:        everything; accreditation; national review of leadership programmes
//   national auditor:      reads everything (admin views), writes nothing
//   provider admin:        their provider's profile; programmes their provider leads (the whole
//                          programme, its partners, offerings and sessions); for programmes where
//                          their provider is another partner: reads the programme and offerings,
//                          and manages only the sessions their provider delivers
import { isNational, scopeIds, type Actor } from '../../http/actor.ts';

export const isNationalAdmin = (actor: Actor) => isNational(actor, 'national_admin');
export const mayReadAll = (actor: Actor) => isNational(actor, 'national_admin', 'auditor');

/** Providers whose admins the actor is. */
export const adminProviders = (actor: Actor) => scopeIds(actor, 'provider', 'provider_admin');

export function mayEditProvider(actor: Actor, providerId: number): boolean {
  return isNationalAdmin(actor) || adminProviders(actor).includes(providerId);
}

export const mayCreateProvider = isNationalAdmin;
export const mayAccredit = isNationalAdmin;
export const mayReview = isNationalAdmin;

/** A programme as the policy needs it: the lead provider and every partner. */
export interface ProgrammeAccessFacts {
  provider_id: number;
  partner_provider_ids: number[];
}

/** The lead's admins and national admins manage the programme itself. */
export function mayManageProgramme(actor: Actor, p: ProgrammeAccessFacts): boolean {
  return isNationalAdmin(actor) || adminProviders(actor).includes(p.provider_id);
}

/** Every partner's admins (and national readers) see the programme's admin view. */
export function mayViewProgrammeAdmin(actor: Actor, p: ProgrammeAccessFacts): boolean {
  if (mayReadAll(actor) || mayManageProgramme(actor, p)) return true;
  const mine = adminProviders(actor);
  return p.partner_provider_ids.some((id) => mine.includes(id));
}

/** Sessions: the programme's managers, and the admins of the partner delivering the session. */
export function mayManageSession(actor: Actor, p: ProgrammeAccessFacts, deliveringProviderId: number): boolean {
  return mayManageProgramme(actor, p) || adminProviders(actor).includes(deliveringProviderId);
}

/** May create a programme led by this provider. */
export const mayCreateProgrammeFor = mayEditProvider;

/** Which programmes an admin list shows: all, or those where one of these providers is a partner. */
export function programmeListScope(actor: Actor): 'all' | number[] {
  return mayReadAll(actor) ? 'all' : adminProviders(actor);
}
