// Who may manage accounts, grants and API tokens, in one place.
//   national admin: any role in any scope
//   agency admin:   learner, supervisor, agency_admin and auditor in their own agency
//   provider admin: provider_admin and auditor in their own provider
import { isNational, scopeIds, type Actor, type Role, type ScopeType } from '../../http/actor.ts';

const AGENCY_GRANTABLE: Role[] = ['learner', 'supervisor', 'agency_admin', 'auditor'];
const PROVIDER_GRANTABLE: Role[] = ['provider_admin', 'auditor'];

export function mayGrant(actor: Actor, role: Role, scopeType: ScopeType, scopeId: number | null): boolean {
  if (isNational(actor, 'national_admin')) return true;
  if (scopeType === 'agency' && scopeId !== null) {
    return AGENCY_GRANTABLE.includes(role) && scopeIds(actor, 'agency', 'agency_admin').includes(scopeId);
  }
  if (scopeType === 'provider' && scopeId !== null) {
    return PROVIDER_GRANTABLE.includes(role) && scopeIds(actor, 'provider', 'provider_admin').includes(scopeId);
  }
  return false;
}

/** Tokens are managed by whoever may grant their role in their scope. */
export const mayManageToken = (actor: Actor, token: { role: Role; scope_type: ScopeType; scope_id: number | null }) =>
  mayGrant(actor, token.role, token.scope_type, token.scope_id);

/** The scopes whose accounts and tokens the actor administers. */
export function administeredScopes(actor: Actor): 'all' | { agencyIds: number[]; providerIds: number[] } {
  if (isNational(actor, 'national_admin')) return 'all';
  return { agencyIds: scopeIds(actor, 'agency', 'agency_admin'), providerIds: scopeIds(actor, 'provider', 'provider_admin') };
}
