// The audit log: every write to a protected record stores who, when, what, before and after.
// Call recordAudit inside the same transaction as the write, so one never lands without the other.
import type { Kysely } from 'kysely';
import type { DB, ScopeType } from '../../db/schema.ts';
import type { Caller } from '../../context.ts';
import type { Actor } from '../../http/actor.ts';
import { auditScopeFilter } from './policy.ts';
import * as repo from './repository.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | number;
  scopeType: ScopeType;
  scopeId: number | null;
  before?: unknown;
  after?: unknown;
}

const SECRET_KEYS = /password|secret|token_hash|hash$/i;

/** Secrets never reach the audit log, even as hashes. */
function redact(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : redact(v)]));
  }
  return value;
}

export async function recordAudit(db: Kysely<DB>, caller: Caller, entry: AuditEntry): Promise<void> {
  const { actor } = caller;
  await repo.insert(db, {
    actor_type: actor ? actor.type : 'system',
    actor_id: actor ? actor.id : null,
    actor_label: actor ? actor.label : caller.systemLabel ?? 'system',
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: String(entry.entityId),
    scope_type: entry.scopeType,
    scope_id: entry.scopeId,
    before: entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
    after: entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
    request_id: caller.requestId ?? null,
  });
}

export async function listAudit(db: Kysely<DB>, actor: Actor, query: repo.AuditQuery) {
  return repo.list(db, auditScopeFilter(actor), query);
}
