import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { DateTime, Nullable, Paging, responses } from '../../http/schemas.ts';
import { listAudit } from './service.ts';

const AuditEntryView = Type.Object({
  id: Type.Integer(),
  at: DateTime,
  actor_type: Type.String(),
  actor_id: Nullable(Type.String()),
  actor_label: Type.String(),
  action: Type.String(),
  entity_type: Type.String(),
  entity_id: Type.String(),
  scope_type: Type.String(),
  scope_id: Nullable(Type.Integer()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  request_id: Nullable(Type.String()),
});

export function auditRoutes(deps: Deps) {
  return async function (app: FastifyInstance) {
    app.get('/api/audit', {
      config: { access: { roles: ['auditor', 'national_admin'] } },
      schema: {
        tags: ['audit'],
        summary: 'The audit log of the scopes I audit, newest first',
        querystring: Type.Object(
          {
            entityType: Type.Optional(Type.String({ maxLength: 60 })),
            entityId: Type.Optional(Type.String({ maxLength: 100 })),
            before: Type.Optional(Type.Integer({ minimum: 1, description: 'Entries with an id below this (paging)' })),
            ...Paging,
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Object({ items: Type.Array(AuditEntryView) }) }),
      },
      handler: async (request) => ({ items: await listAudit(deps.db, actorOf(request), request.query as never) }),
    });
  };
}
