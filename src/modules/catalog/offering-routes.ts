// Offerings (angkatan) and their sessions.
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../context.ts';
import { actorOf, callerOf } from '../../http/access.ts';
import { IdParam, responses } from '../../http/schemas.ts';
import * as offerings from './offering-service.ts';
import * as programmes from './programme-service.ts';
import { OfferingCreate, OfferingPatch, ProgrammeAdminView, SessionCreate, SessionPatch } from './schemas.ts';

const TAGS = ['catalogue administration'];
const id = (request: { params: unknown }) => (request.params as { id: number }).id;
const WRITERS = { roles: ['provider_admin' as const, 'national_admin' as const] };
const Created = Type.Object({ id: Type.Integer() });

export function offeringRoutes(deps: Deps) {
  return async function (app: FastifyInstance) {
    app.post('/api/catalog/programmes/:id/offerings', {
      config: { access: WRITERS },
      schema: { tags: TAGS, summary: 'Add an offering (angkatan): dates, registration window, capacity, quotas per agency, venue or online link, fee', params: IdParam, body: OfferingCreate, response: responses({ 201: Created }) },
      handler: async (request, reply) => reply.status(201).send({ id: await offerings.createOffering(deps, callerOf(request), id(request), request.body as never) }),
    });

    app.patch('/api/catalog/offerings/:id', {
      config: { access: WRITERS },
      schema: { tags: TAGS, summary: 'Change an offering (lead or national admins); quotas, when given, replace the old ones', params: IdParam, body: OfferingPatch, response: responses({ 200: ProgrammeAdminView }) },
      handler: async (request) => {
        await offerings.updateOffering(deps, callerOf(request), id(request), request.body as never);
        const programmeId = await offerings.getAdminOffering(deps, actorOf(request), id(request));
        return programmes.getAdminProgramme(deps, actorOf(request), programmeId);
      },
    });

    app.post('/api/catalog/offerings/:id/sessions', {
      config: { access: WRITERS },
      schema: { tags: TAGS, summary: 'Add a session or module to an offering; partners add the sessions they deliver', params: IdParam, body: SessionCreate, response: responses({ 201: Created }) },
      handler: async (request, reply) => reply.status(201).send({ id: await offerings.createSession(deps, callerOf(request), id(request), request.body as never) }),
    });

    app.patch('/api/catalog/sessions/:id', {
      config: { access: WRITERS },
      schema: { tags: TAGS, summary: 'Change a session (its delivering partner, the lead, national admins)', params: IdParam, body: SessionPatch, response: responses({ 204: Type.Null() }) },
      handler: async (request, reply) => {
        await offerings.updateSession(deps, callerOf(request), id(request), request.body as never);
        return reply.status(204).send();
      },
    });

    app.delete('/api/catalog/sessions/:id', {
      config: { access: WRITERS },
      schema: { tags: TAGS, summary: 'Remove a session (its delivering partner, the lead, national admins)', params: IdParam, response: responses({ 204: Type.Null() }) },
      handler: async (request, reply) => {
        await offerings.deleteSession(deps, callerOf(request), id(request));
        return reply.status(204).send();
      },
    });
  };
}
