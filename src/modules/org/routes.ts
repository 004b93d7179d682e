import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { BigIdParam, IdParam, Nullable, Paging, responses } from '../../http/schemas.ts';
import { TIERS } from './registry-rules.ts';
import * as service from './service.ts';

const AgencyView = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  province_code: Nullable(Type.String()),
  region_code: Nullable(Type.String()),
  parent_id: Nullable(Type.Integer()),
});

const ProviderView = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), owning_agency_id: Nullable(Type.Integer()) });

const PersonView = Type.Object({
  id: Type.Integer(),
  agency_id: Type.Integer(),
  agency_name: Type.String(),
  nip: Nullable(Type.String({ description: 'Only for those who may see personal data' })),
  name: Type.String(),
  gender: Type.Integer(),
  birth_date: Nullable(Type.String({ description: 'Only for those who may see personal data' })),
  rank: Type.String(),
  status: Type.String(),
  supervisor_id: Nullable(Type.Integer()),
  position_name: Nullable(Type.String()),
  position_tier: Nullable(Type.String()),
  unit_name: Nullable(Type.String()),
});

const Offset = { offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })) };

export function orgRoutes(deps: Deps) {
  return async function (app: FastifyInstance) {
    app.get('/api/agencies', {
      config: { access: 'authenticated' },
      schema: {
        tags: ['organisation'],
        summary: 'Agencies (ministries, national agencies, provinces, regencies, cities)',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), kind: Type.Optional(Type.Union(['ministry', 'national_agency', 'province', 'regency', 'city'].map((k) => Type.Literal(k)))), ...Paging, ...Offset }, { additionalProperties: false }),
        response: responses({ 200: Type.Object({ items: Type.Array(AgencyView) }) }),
      },
      handler: async (request) => {
        const q = request.query as { q?: string; kind?: string; limit: number; offset: number };
        return { items: await service.listAgencies(deps, { search: q.q, kind: q.kind, limit: q.limit, offset: q.offset }) };
      },
    });

    app.get('/api/agencies/:id', {
      config: { access: 'authenticated' },
      schema: { tags: ['organisation'], summary: 'One agency', params: IdParam, response: responses({ 200: AgencyView }) },
      handler: async (request) => service.getAgency(deps, (request.params as { id: number }).id),
    });

    app.get('/api/providers', {
      config: { access: 'authenticated' },
      schema: {
        tags: ['organisation'],
        summary: 'Learning providers',
        querystring: Type.Object({ ...Paging, ...Offset }, { additionalProperties: false }),
        response: responses({ 200: Type.Object({ items: Type.Array(ProviderView) }) }),
      },
      handler: async (request) => {
        const q = request.query as { limit: number; offset: number };
        return { items: await service.listProviders(deps, q.limit, q.offset) };
      },
    });

    app.get('/api/civil-servants', {
      config: { access: { roles: ['learner', 'supervisor', 'agency_admin', 'national_admin', 'auditor'] } },
      schema: {
        tags: ['organisation'],
        summary: 'Civil servants I may see; search by name or NIP prefix; keyset pages',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 100 })),
            agencyId: Type.Optional(Type.Integer({ minimum: 1 })),
            unitId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Only people of this unit' })),
            tier: Type.Optional(Type.Union(TIERS.map((t) => Type.Literal(t)), { description: 'Only people whose position has this tier (e.g. to nominate for a programme)' })),
            after: Type.Optional(Type.String({ maxLength: 400, description: 'The `next` cursor of the previous page' })),
            ...Paging,
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Object({ items: Type.Array(PersonView), next: Nullable(Type.String()) }) }),
      },
      handler: async (request) => {
        const q = request.query as { q?: string; agencyId?: number; unitId?: number; tier?: string; after?: string; limit: number };
        return service.listPeople(deps, actorOf(request), { search: q.q, agencyId: q.agencyId, unitId: q.unitId, tier: q.tier, after: service.decodeCursor(q.after), limit: q.limit });
      },
    });

    app.get('/api/civil-servants/:id', {
      config: { access: { roles: ['learner', 'supervisor', 'agency_admin', 'national_admin', 'auditor'] } },
      schema: { tags: ['organisation'], summary: 'One civil servant', params: BigIdParam, response: responses({ 200: PersonView }) },
      handler: async (request) => service.getPerson(deps, actorOf(request), (request.params as { id: number }).id),
    });
  };
}
