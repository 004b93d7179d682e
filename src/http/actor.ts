// Who is asking: a signed-in user or an API token, with the roles granted to it per scope.
import type { Role, ScopeType } from '../db/schema.ts';

export type { Role, ScopeType };

export const ROLES: readonly Role[] = ['learner', 'supervisor', 'agency_admin', 'provider_admin', 'national_admin', 'auditor'];

export interface Grant {
  role: Role;
  scopeType: ScopeType;
  scopeId: number | null;
}

export interface Actor {
  type: 'user' | 'token';
  /** user id or token id */
  id: string;
  label: string;
  grants: Grant[];
  /** The civil servant this account is, when it is one. */
  civilServantId: number | null;
  session?: { id: string; csrfToken: string };
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.grants.some((g) => roles.includes(g.role));
}

/** Scope ids (of one scope type) in which the actor holds any of the roles. */
export function scopeIds(actor: Actor, scopeType: 'agency' | 'provider', ...roles: Role[]): number[] {
  return [...new Set(actor.grants.filter((g) => g.scopeType === scopeType && roles.includes(g.role)).map((g) => g.scopeId as number))];
}

export function isNational(actor: Actor, ...roles: Role[]): boolean {
  return actor.grants.some((g) => g.scopeType === 'national' && roles.includes(g.role));
}

/** A scope written as text, e.g. `national`, `agency:KODE`, `provider:LAN`. */
export function formatScope(scopeType: ScopeType, code?: string | null): string {
  return scopeType === 'national' ? 'national' : `${scopeType}:${code}`;
}

export function parseScope(text: string): { scopeType: ScopeType; code: string | null } | null {
  if (text === 'national') return { scopeType: 'national', code: null };
  const match = /^(agency|provider):(.+)$/.exec(text);
  return match ? { scopeType: match[1] as ScopeType, code: match[2] } : null;
}
