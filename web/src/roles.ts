// Roles as the server names them, in the order their home sections are shown.
export const ROLES = ['learner', 'supervisor', 'agency_admin', 'provider_admin', 'national_admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface Grant {
  role: Role;
  scope: string;
  scopeType: string;
  scopeId: number | null;
  scopeName: string | null;
}

export interface Me {
  type: string;
  id: string;
  email: string | null;
  displayName: string;
  locale: string;
  civilServantId: number | null;
  grants: Grant[];
  csrfToken: string | null;
}

export function rolesOf(me: Me): Role[] {
  const held = new Set(me.grants.map((g) => g.role));
  return ROLES.filter((r) => held.has(r));
}

export function hasAnyRole(me: Me, roles: readonly Role[] | undefined): boolean {
  return !roles || me.grants.some((g) => roles.includes(g.role));
}

export function grantsFor(me: Me, role: Role): Grant[] {
  return me.grants.filter((g) => g.role === role);
}
