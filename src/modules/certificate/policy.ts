// Who may do what with certificates.
//   anyone:            verify a credential; the public verification view (name, programme, provider, date, status)
//   the holder:        their own certificates (detail, JWT, PDF)
//   agency admin:      certificates of their agency's people (at issue, or now)
//   provider admin:    certificates their provider issued (and revoke them, with a reason)
//   national admin:    everything; revoke; rotate the signing keys
import { isNational, scopeIds, type Actor } from '../../http/actor.ts';

export interface CertificateFacts {
  civil_servant_id: number;
  agency_id: number;
  holder_agency_id: number | null;
  provider_id: number;
}

export function mayViewCertificate(actor: Actor, c: CertificateFacts): boolean {
  if (isNational(actor, 'national_admin')) return true;
  if (actor.civilServantId !== null && actor.civilServantId === c.civil_servant_id) return true;
  const agencies = scopeIds(actor, 'agency', 'agency_admin');
  if (agencies.includes(c.agency_id) || (c.holder_agency_id !== null && agencies.includes(c.holder_agency_id))) return true;
  return scopeIds(actor, 'provider', 'provider_admin').includes(c.provider_id);
}

export function mayRevokeCertificate(actor: Actor, c: Pick<CertificateFacts, 'provider_id'>): boolean {
  return isNational(actor, 'national_admin') || scopeIds(actor, 'provider', 'provider_admin').includes(c.provider_id);
}

/** Issuing happens on completion: the system, national admins, or an admin of a provider of the programme. */
export function mayIssueFor(actor: Actor | null, programme: { provider_id: number; partner_provider_ids: number[] }): boolean {
  if (!actor) return true;
  if (isNational(actor, 'national_admin')) return true;
  const mine = scopeIds(actor, 'provider', 'provider_admin');
  return mine.includes(programme.provider_id) || programme.partner_provider_ids.some((p) => mine.includes(p));
}

/** Which certificates a list shows. */
export function certificateListScope(actor: Actor): 'all' | { self: number | null; agencies: number[]; providers: number[] } {
  if (isNational(actor, 'national_admin')) return 'all';
  return { self: actor.civilServantId, agencies: scopeIds(actor, 'agency', 'agency_admin'), providers: scopeIds(actor, 'provider', 'provider_admin') };
}

export const mayManageKeys = (actor: Actor) => isNational(actor, 'national_admin');
export const mayListKeys = (actor: Actor) => isNational(actor, 'national_admin', 'auditor');
