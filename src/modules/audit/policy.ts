// Who may read the audit log: national admins and national auditors read all of it;
// an auditor granted an agency or provider scope reads the entries of that scope.
import { isNational, scopeIds, type Actor } from '../../http/actor.ts';
import { problems } from '../../http/problem.ts';

export type AuditScopeFilter = { all: true } | { agencyIds: number[]; providerIds: number[] };

export function auditScopeFilter(actor: Actor): AuditScopeFilter {
  if (isNational(actor, 'national_admin', 'auditor')) return { all: true };
  const agencyIds = scopeIds(actor, 'agency', 'auditor');
  const providerIds = scopeIds(actor, 'provider', 'auditor');
  if (agencyIds.length === 0 && providerIds.length === 0) throw problems.forbidden('Only auditors and national admins read the audit log.');
  return { agencyIds, providerIds };
}
