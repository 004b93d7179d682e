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

/** The audit_log row of an entry (for callers that write it as part of a larger statement). */
export function auditRow(caller: Caller, entry: AuditEntry) {
  const { actor } = caller;
  return {
    actor_type: actor ? actor.type : ('system' as const),
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
  };
}

export async function recordAudit(db: Kysely<DB>, caller: Caller, entry: AuditEntry): Promise<void> {
  await repo.insert(db, auditRow(caller, entry));
}

/** Many entries of one caller in one statement per 1,000 (a cohort's completions, say), in order. */
export async function recordAudits(db: Kysely<DB>, caller: Caller, entries: AuditEntry[]): Promise<void> {
  for (let start = 0; start < entries.length; start += 1000) await repo.insertMany(db, entries.slice(start, start + 1000).map((e) => auditRow(caller, e)));
}

export async function listAudit(db: Kysely<DB>, actor: Actor, query: repo.AuditQuery) {
  return repo.list(db, auditScopeFilter(actor), query);
}
