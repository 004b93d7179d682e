// Who may do what with LRS stores (a store is a provider's).
//   national admin: every store (credentials and statements)
//   national auditor: reads every store
//   provider admin: their own provider's store
import { isNational, scopeIds, type Actor } from '../../http/actor.ts';

/** Stores whose statements the actor may browse. */
export function readableStores(actor: Actor): number[] | 'all' {
  if (isNational(actor, 'national_admin', 'auditor')) return 'all';
  return scopeIds(actor, 'provider', 'provider_admin', 'auditor');
}

/** Stores whose credentials the actor may list. */
export function credentialStores(actor: Actor): number[] | 'all' {
  if (isNational(actor, 'national_admin')) return 'all';
  return scopeIds(actor, 'provider', 'provider_admin');
}

export function mayManageCredentials(actor: Actor, providerId: number): boolean {
  return isNational(actor, 'national_admin') || scopeIds(actor, 'provider', 'provider_admin').includes(providerId);
}
