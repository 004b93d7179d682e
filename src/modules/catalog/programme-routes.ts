// Programme administration: the lead's admins and national admins manage; partners see their part.
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../context.ts';
import { actorOf, callerOf } from '../../http/access.ts';
import { IdParam, Paging, responses } from '../../http/schemas.ts';
import * as programmes from './programme-service.ts';
import { PartnersInput, ProgrammeAdminView, ProgrammeCreate, ProgrammeListItem, ProgrammePatch, ReviewInput } from './schemas.ts';
import { PROGRAMME_STATUSES, REVIEW_STATUSES } from './vocab.ts';

const TAGS = ['catalogue administration'];
const id = (request: { params: unknown }) => (request.params as { id: number }).id;
const WRITERS = { roles: ['provider_admin', 'national_admin'] } as const;
const READERS = { roles: ['provider_admin', 'national_admin', 'auditor'] } as const;

export function programmeRoutes(deps: Deps) {
  return async function (app: FastifyInstance) {
    app.get('/api/catalog/manage/programmes', {
      config: { access: { roles: [...READERS.roles] } },
      schema: {
        tags: TAGS,
        summary: 'Programmes I manage or partner in (national admins and auditors: all); filter by status or review state',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union(PROGRAMME_STATUSES.map((s) => Type.Literal(s)))),
            review: Type.Optional(Type.Union(REVIEW_STATUSES.map((s) => Type.Literal(s)))),
            ...Paging,
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Object({ items: Type.Array(ProgrammeListItem) }) }),
      },
      handler: async (request) => ({ items: await programmes.listAdminProgrammes(deps, actorOf(request), request.query as never) }),
    });

    app.get('/api/catalog/manage/programmes/:id', {
      config: { access: { roles: [...READERS.roles] } },
      schema: { tags: TAGS, summary: 'A programme as its partners see it (a non-lead partner sees only its own sessions)', params: IdParam, response: responses({ 200: ProgrammeAdminView }) },
      handler: async (request) => programmes.getAdminProgramme(deps, actorOf(request), id(request)),
    });

    app.post('/api/catalog/programmes', {
      config: { access: { roles: [...WRITERS.roles] } },
      schema: { tags: TAGS, summary: 'Create a programme (a draft) led by a provider I administer', body: ProgrammeCreate, response: responses({ 201: ProgrammeAdminView }) },
      handler: async (request, reply) => {
        const newId = await programmes.createProgramme(deps, callerOf(request), request.body as never);
        return reply.status(201).send(await programmes.getAdminProgramme(deps, actorOf(request), newId));
      },
    });

    app.patch('/api/catalog/programmes/:id', {
      config: { access: { roles: [...WRITERS.roles] } },
      schema: { tags: TAGS, summary: 'Edit a programme (lead or national admins)', params: IdParam, body: ProgrammePatch, response: responses({ 200: ProgrammeAdminView }) },
      handler: async (request) => {
        await programmes.updateProgramme(deps, callerOf(request), id(request), request.body as never);
        return programmes.getAdminProgramme(deps, actorOf(request), id(request));
      },
    });

    app.put('/api/catalog/programmes/:id/partners', {
      config: { access: { roles: [...WRITERS.roles] } },
      schema: { tags: TAGS, summary: 'Set the partners of a joint programme: exactly one lead, each provider once', params: IdParam, body: PartnersInput, response: responses({ 200: ProgrammeAdminView }) },
      handler: async (request) => {
        await programmes.replacePartners(deps, callerOf(request), id(request), (request.body as { partners: never }).partners);
        return programmes.getAdminProgramme(deps, actorOf(request), id(request));
      },
    });

    for (const step of ['submit', 'publish', 'archive'] as const) {
      app.post(`/api/catalog/programmes/:id/${step}`, {
        config: { access: { roles: [...WRITERS.roles] } },
        schema: {
          tags: TAGS,
          summary: { submit: 'Submit a draft (checks required fields; leadership programmes go to national review)', publish: 'Publish a submitted programme (leadership programmes need national approval first)', archive: 'Archive a programme' }[step],
          params: IdParam,
          response: responses({ 200: ProgrammeAdminView }),
        },
        handler: async (request) => {
          await programmes.transition(deps, callerOf(request), id(request), step);
          return programmes.getAdminProgramme(deps, actorOf(request), id(request));
        },
      });
    }

    app.post('/api/catalog/programmes/:id/review', {
      config: { access: { roles: ['national_admin'] } },
      schema: { tags: TAGS, summary: 'National review of a submitted leadership programme: approve, or return it to draft with a note', params: IdParam, body: ReviewInput, response: responses({ 200: ProgrammeAdminView }) },
      handler: async (request) => {
        const body = request.body as { decision: 'approve' | 'return'; note?: string };
        await programmes.review(deps, callerOf(request), id(request), body.decision, body.note);
        return programmes.getAdminProgramme(deps, actorOf(request), id(request));
      },
    });
  };
}
