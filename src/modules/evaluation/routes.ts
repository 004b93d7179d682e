// Evaluation routes: survey settings, level 1 surveys, level 2 scores, level 3 follow-ups,
// change projects (level 4) and their public repository, quality roll-ups.
import { Type, type TSchema } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../context.ts';
import { actorOf, callerOf } from '../../http/access.ts';
import { DateTime, IdParam, Nullable, Paging, responses } from '../../http/schemas.ts';
import { CATEGORIES } from '../catalog/vocab.ts';
import * as service from './service.ts';

const TAGS = ['evaluation'];
const id = (request: { params: unknown }) => (request.params as { id: number }).id;
const Offset = { offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })) };
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
const Score = Type.Integer({ minimum: 1, maximum: 5 });
const Answers = Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }), Type.Integer(), { description: 'a score from 1 to 5 for every question key', maxProperties: 40 });
const Question = Type.Object({ key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }), textId: Text(300), textEn: Text(300) }, { additionalProperties: false });
const Loose = Type.Record(Type.String(), Type.Unknown());
const ok = <T extends TSchema>(schema: T) => responses({ 200: schema });

const Settings = Type.Object({
  programme_id: Type.Integer(),
  reaction_questions: Type.Array(Question),
  default_questions: Type.Boolean(),
  follow_up_months: Type.Integer(),
  follow_up_questions: Type.Array(Question),
  has_change_project: Type.Boolean(),
});

const Contact = Type.Object(
  { name: Text(200), role: Type.Optional(Nullable(Type.String({ maxLength: 200 }))), email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))), phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))) },
  { additionalProperties: false },
);

const ProjectFields = {
  title: Text(300),
  problem: Text(10_000),
  change: Text(10_000),
  results: Text(10_000),
  contacts: Type.Array(Contact, { maxItems: 10 }),
  participantPublic: Type.Boolean(),
  agencyPublic: Type.Boolean(),
};

const PublicProject = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  agency: Type.Object({ id: Type.Integer(), name: Type.String() }),
  programme: Type.Object({ id: Type.Integer(), code: Type.String(), title_id: Type.String(), category: Type.String() }),
  provider: Type.Object({ id: Type.Integer(), name: Type.String() }),
  problem: Type.String(),
  change: Type.String(),
  results: Type.String(),
  contacts: Type.Array(Loose),
  outcome_status: Nullable(Type.String()),
  year: Type.String(),
});

const Project = Type.Intersect([
  PublicProject,
  Type.Object({
    public: Type.Boolean(),
    participant_public: Type.Boolean(),
    agency_public: Type.Boolean(),
    holder_name: Nullable(Type.String()),
    outcome: Nullable(Type.Object({ status: Type.String(), score: Nullable(Type.Integer()), note: Nullable(Type.String()), by: Nullable(Type.String()), at: Nullable(DateTime) })),
    my_rights: Type.Object({ edit: Type.Boolean(), consent_participant: Type.Boolean(), consent_agency: Type.Boolean(), outcome: Type.Boolean() }),
  }),
]);

export function evaluationRoutes(deps: Deps) {
  return async function (app: FastifyInstance) {
    app.get('/api/evaluation/programmes/:id/settings', {
      config: { access: 'authenticated' },
      schema: { tags: TAGS, summary: 'The programme\'s evaluation: reaction survey questions (default set unless configured), follow-up months and questions', params: IdParam, response: ok(Settings) },
      handler: async (request) => service.getSettings(deps.db, id(request)),
    });

    app.put('/api/evaluation/programmes/:id/settings', {
      config: { access: { roles: ['provider_admin', 'national_admin'] } },
      schema: {
        tags: TAGS,
        summary: 'Set the reaction survey questions (null = the default set) and when the supervisor follow-up is due (months after completion)',
        params: IdParam,
        body: Type.Object({ questions: Type.Optional(Nullable(Type.Array(Question, { minItems: 1, maxItems: 30 }))), followUpMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 })) }, { additionalProperties: false }),
        response: ok(Settings),
      },
      handler: async (request) => service.updateSettings(deps.db, callerOf(request), id(request), request.body as never),
    });

    app.get('/api/evaluation/programmes/:id/summary', {
      config: { access: { roles: ['provider_admin', 'national_admin', 'auditor'] } },
      schema: { tags: TAGS, summary: 'Evaluation results of a programme by level, per-question means, recent comments, and its quality', params: IdParam, response: ok(Loose) },
      handler: async (request) => service.programmeSummary(deps.db, actorOf(request), id(request)),
    });

    app.get('/api/evaluation/providers/:id/quality', {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'A provider\'s quality from its programmes\' evaluations (no personal data)',
        security: [],
        params: IdParam,
        response: ok(Type.Object({ provider_id: Type.Integer(), name: Type.String(), quality: Nullable(Type.Number()), responses: Type.Integer(), programmes: Type.Array(Type.Object({ programme_id: Type.Integer(), code: Type.String(), title_id: Type.String(), quality: Nullable(Type.Number()), responses: Type.Integer() })) })),
      },
      handler: async (request) => service.providerQuality(deps.db, id(request)),
    });

    app.get('/api/evaluation/mine', {
      config: { access: 'authenticated' },
      schema: { tags: TAGS, summary: 'My completed trainings and what is left to evaluate (survey, change project, supervisor follow-up)', response: ok(Type.Object({ items: Type.Array(Loose) })) },
      handler: async (request) => service.myEvaluations(deps.db, actorOf(request)),
    });

    app.post('/api/evaluation/certificates/:id/reaction', {
      config: { access: 'authenticated' },
      schema: {
        tags: TAGS,
        summary: 'Level 1: my reaction survey for a completed training (once per completion)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        body: Type.Object({ answers: Answers, comments: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))) }, { additionalProperties: false }),
        response: responses({ 201: Type.Object({ id: Type.Integer(), certificate_id: Type.String(), score: Type.Number() }) }),
      },
      handler: async (request, reply) => reply.status(201).send(await service.submitReaction(deps.db, callerOf(request), (request.params as { id: string }).id, request.body as never)),
    });

    app.put('/api/evaluation/offerings/:id/test-scores', {
      config: { access: { roles: ['provider_admin', 'national_admin'] } },
      schema: {
        tags: TAGS,
        summary: 'Level 2: pre-test and post-test scores (0–100) of an offering\'s participants; a missing score keeps the one recorded',
        params: IdParam,
        body: Type.Object(
          {
            scores: Type.Array(
              Type.Object(
                { civilServantId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), pre: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))), post: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))) },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 2000 },
            ),
          },
          { additionalProperties: false },
        ),
        response: ok(Type.Object({ offering_id: Type.Integer(), recorded: Type.Integer() })),
      },
      handler: async (request) => service.recordTestScores(deps.db, callerOf(request), id(request), (request.body as { scores: never }).scores),
    });

    app.get('/api/evaluation/offerings/:id/test-scores', {
      config: { access: { roles: ['provider_admin', 'national_admin', 'auditor'] } },
      schema: {
        tags: TAGS,
        summary: 'Level 2: the pre-test and post-test scores recorded for an offering (its programme\'s partners, national roles)',
        params: IdParam,
        response: ok(Type.Object({ offering_id: Type.Integer(), items: Type.Array(Type.Object({ civil_servant_id: Type.Integer(), name: Type.String(), pre: Nullable(Type.Number()), post: Nullable(Type.Number()), gain: Nullable(Type.Number()), recorded_by: Type.String(), recorded_at: DateTime })) })),
      },
      handler: async (request) => service.testScores(deps.db, actorOf(request), id(request)),
    });

    app.get('/api/evaluation/follow-ups', {
      config: { access: { roles: ['supervisor'] } },
      schema: {
        tags: TAGS,
        summary: 'Level 3: follow-ups of my direct reports still to fill in (due=true: those due by today)',
        querystring: Type.Object({ due: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: ok(Type.Object({ items: Type.Array(Loose) })),
      },
      handler: async (request) => ({ items: await service.followUpsOf(deps.db, actorOf(request), { dueOnly: Boolean((request.query as { due?: boolean }).due) }) }),
    });

    app.post('/api/evaluation/follow-ups/:id', {
      config: { access: { roles: ['supervisor'] } },
      schema: {
        tags: TAGS,
        summary: 'Level 3: fill in the follow-up of a direct report (scores 1–5 for each question, comments)',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false }),
        body: Type.Object({ answers: Answers, comments: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))) }, { additionalProperties: false }),
        response: ok(Type.Object({ id: Type.Integer(), status: Type.String(), score: Type.Number() })),
      },
      handler: async (request) => service.submitFollowUp(deps.db, callerOf(request), (request.params as { id: number }).id, request.body as never),
    });

    app.get('/api/evaluation/change-projects/search', {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Search the public change projects (aksi perubahan): those the participant and the agency both agreed to publish',
        security: [],
        querystring: Type.Object(
          { q: Type.Optional(Type.String({ maxLength: 200 })), agencyId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })), category: Type.Optional(Type.Union(CATEGORIES.map((c) => Type.Literal(c)))), ...Paging, ...Offset },
          { additionalProperties: false },
        ),
        response: ok(Type.Object({ total: Type.Integer(), items: Type.Array(PublicProject) })),
      },
      handler: async (request) => {
        const q = request.query as { q?: string; agencyId?: number; category?: string; limit?: number; offset?: number };
        return service.searchChangeProjects(deps.db, { ...q, limit: q.limit ?? 20, offset: q.offset ?? 0 });
      },
    });

    app.get('/api/evaluation/change-projects', {
      config: { access: 'authenticated' },
      schema: {
        tags: TAGS,
        summary: 'Change projects I may see: mine, my reports\', my agency\'s (agency admins; awaitingAgency=true: waiting for the agency\'s consent)',
        querystring: Type.Object({ awaitingAgency: Type.Optional(Type.Boolean()), ...Paging, ...Offset }, { additionalProperties: false }),
        response: ok(Type.Object({ items: Type.Array(Loose) })),
      },
      handler: async (request) => {
        const q = request.query as { awaitingAgency?: boolean; limit?: number; offset?: number };
        return { items: await service.listChangeProjects(deps.db, actorOf(request), { awaitingAgency: q.awaitingAgency, limit: q.limit ?? 50, offset: q.offset ?? 0 }) };
      },
    });

    app.post('/api/evaluation/change-projects', {
      config: { access: 'authenticated' },
      schema: {
        tags: TAGS,
        summary: 'Record my change project for a completed leadership programme (public only once my agency agrees too)',
        body: Type.Object(
          { certificateId: Type.String({ format: 'uuid' }), title: ProjectFields.title, problem: ProjectFields.problem, change: ProjectFields.change, results: ProjectFields.results, contacts: Type.Optional(ProjectFields.contacts), participantPublic: Type.Optional(ProjectFields.participantPublic), agencyPublic: Type.Optional(ProjectFields.agencyPublic) },
          { additionalProperties: false },
        ),
        response: responses({ 201: Project }),
      },
      handler: async (request, reply) => reply.status(201).send(await service.createChangeProject(deps.db, callerOf(request), request.body as never)),
    });

    app.get('/api/evaluation/change-projects/:id', {
      config: { access: 'public' },
      schema: { tags: TAGS, summary: 'A change project: anyone when public; otherwise the participant, their supervisor, agency, provider and national roles', params: IdParam, response: ok(Project) },
      handler: async (request) => service.getChangeProject(deps.db, request.actor, id(request)),
    });

    app.patch('/api/evaluation/change-projects/:id', {
      config: { access: 'authenticated' },
      schema: {
        tags: TAGS,
        summary: 'Edit a change project (the participant) or give consent to publish it (participantPublic: the participant; agencyPublic: the agency\'s admins)',
        params: IdParam,
        body: Type.Object(
          {
            title: Type.Optional(ProjectFields.title),
            problem: Type.Optional(ProjectFields.problem),
            change: Type.Optional(ProjectFields.change),
            results: Type.Optional(ProjectFields.results),
            contacts: Type.Optional(ProjectFields.contacts),
            participantPublic: Type.Optional(ProjectFields.participantPublic),
            agencyPublic: Type.Optional(ProjectFields.agencyPublic),
          },
          { additionalProperties: false },
        ),
        response: ok(Project),
      },
      handler: async (request) => service.updateChangeProject(deps.db, callerOf(request), id(request), request.body as never),
    });

    app.put('/api/evaluation/change-projects/:id/outcome', {
      config: { access: { roles: ['supervisor', 'agency_admin', 'national_admin'] } },
      schema: {
        tags: TAGS,
        summary: 'Level 4: the change project\'s outcome (status and a score 1–5), by the participant\'s supervisor, agency admins or national admins',
        params: IdParam,
        body: Type.Object(
          { status: Type.Union(['planned', 'in_progress', 'implemented', 'sustained', 'discontinued'].map((s) => Type.Literal(s))), score: Score, note: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))) },
          { additionalProperties: false },
        ),
        response: ok(Project),
      },
      handler: async (request) => service.setOutcome(deps.db, callerOf(request), id(request), request.body as never),
    });
  };
}
