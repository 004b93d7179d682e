// Provider administration and accreditation (institutions and programmes).
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../context.ts';
import { actorOf, callerOf } from '../../http/access.ts';
import { IdParam, responses } from '../../http/schemas.ts';
import * as providers from './provider-service.ts';
import { AccreditationView, ProgrammeAccreditationInput, ProviderAccreditationInput, ProviderAdminView, ProviderCreate, ProviderPatch } from './schemas.ts';

const TAGS = ['catalogue administration'];
const id = (request: { params: unknown }) => (request.params as { id: number }).id;
const Created = Type.Object({ id: Type.Integer() });

export function providerRoutes(deps: Deps) {
  return async function (app: FastifyInstance) {
    app.post('/api/catalog/providers', {
      config: { access: { roles: ['national_admin'] } },
      schema: { tags: TAGS, summary: 'Register a provider (national admins)', body: ProviderCreate, response: responses({ 201: Created }) },
      handler: async (request, reply) => reply.status(201).send({ id: await providers.createProvider(deps, callerOf(request), request.body as never) }),
    });

    app.get('/api/catalog/manage/providers/:id', {
      config: { access: { roles: ['provider_admin', 'national_admin', 'auditor'] } },
      schema: { tags: TAGS, summary: 'A provider with its contact persons (its own admins, national admins and auditors)', params: IdParam, response: responses({ 200: ProviderAdminView }) },
      handler: async (request) => providers.getAdminProvider(deps, actorOf(request), id(request)),
    });

    app.patch('/api/catalog/providers/:id', {
      config: { access: { roles: ['provider_admin', 'national_admin'] } },
      schema: { tags: TAGS, summary: "Edit a provider's profile, contacts and provinces served (its own admins, national admins)", params: IdParam, body: ProviderPatch, response: responses({ 200: ProviderAdminView }) },
      handler: async (request) => {
        await providers.updateProvider(deps, callerOf(request), id(request), request.body as never);
        return providers.getAdminProvider(deps, actorOf(request), id(request));
      },
    });

    app.get('/api/catalog/providers/:id/accreditations', {
      config: { access: { roles: ['provider_admin', 'national_admin', 'auditor'] } },
      schema: { tags: TAGS, summary: "A provider's institution accreditation history, latest first", params: IdParam, response: responses({ 200: Type.Object({ items: Type.Array(AccreditationView) }) }) },
      handler: async (request) => ({ items: await providers.providerAccreditations(deps, actorOf(request), id(request)) }),
    });

    app.post('/api/catalog/providers/:id/accreditations', {
      config: { access: { roles: ['national_admin'] } },
      schema: { tags: TAGS, summary: 'Record an institution accreditation decision (national admins)', params: IdParam, body: ProviderAccreditationInput, response: responses({ 201: Created }) },
      handler: async (request, reply) => reply.status(201).send({ id: await providers.accreditProvider(deps, callerOf(request), id(request), request.body as never) }),
    });

    app.get('/api/catalog/programmes/:id/accreditations', {
      config: { access: { roles: ['provider_admin', 'national_admin', 'auditor'] } },
      schema: { tags: TAGS, summary: "A programme's accreditation history, latest first (its partners, national admins, auditors)", params: IdParam, response: responses({ 200: Type.Object({ items: Type.Array(AccreditationView) }) }) },
      handler: async (request) => ({ items: await providers.programmeAccreditations(deps, actorOf(request), id(request)) }),
    });

    app.post('/api/catalog/programmes/:id/accreditations', {
      config: { access: { roles: ['national_admin'] } },
      schema: { tags: TAGS, summary: 'Record a programme accreditation decision (grade A/B; older scheme A/B/C)', params: IdParam, body: ProgrammeAccreditationInput, response: responses({ 201: Created }) },
      handler: async (request, reply) => reply.status(201).send({ id: await providers.accreditProgramme(deps, callerOf(request), id(request), request.body as never) }),
    });
  };
}
