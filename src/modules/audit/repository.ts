import type { Insertable, Kysely } from 'kysely';
import type { AuditLogTable, DB } from '../../db/schema.ts';
import type { AuditScopeFilter } from './policy.ts';

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  /** keyset: entries with id below this */
  before?: number;
  limit: number;
}

export async function insert(db: Kysely<DB>, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export async function insertMany(db: Kysely<DB>, rows: Insertable<AuditLogTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('audit_log').values(rows).execute();
}

export async function list(db: Kysely<DB>, filter: AuditScopeFilter, query: AuditQuery) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(query.limit);
  if (!('all' in filter)) {
    const { agencyIds, providerIds } = filter;
    q = q.where((eb) =>
      eb.or([
        ...(agencyIds.length ? [eb.and([eb('scope_type', '=', 'agency'), eb('scope_id', 'in', agencyIds)])] : []),
        ...(providerIds.length ? [eb.and([eb('scope_type', '=', 'provider'), eb('scope_id', 'in', providerIds)])] : []),
      ]),
    );
  }
  if (query.entityType) q = q.where('entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('entity_id', '=', query.entityId);
  if (query.before) q = q.where('id', '<', query.before);
  return q.execute();
}
