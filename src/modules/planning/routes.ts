// Planning routes: recommendations (for a person; people for an offering), individual development
// plans, agency plans and their exports. Also starts the planning worker with the app.
import { Type } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../context.ts';
import { actorOf, callerOf } from '../../http/access.ts';
import { BigIdParam, IdParam, responses } from '../../http/schemas.ts';
import * as agencyPlans from './agency-plan-service.ts';
import { agencyPlanPdf, agencyPlanXlsx } from './export.ts';
import * as plans from './idp-service.ts';
import { languageOf } from './reasons.ts';
import { candidatesFor, currentYear, recommendationsFor, type Location } from './recommend-service.ts';
import * as s from './schemas.ts';
import { startPlanningWorker } from './worker.ts';

const PEOPLE_READERS = { roles: ['learner' as const, 'supervisor' as const, 'agency_admin' as const, 'national_admin' as const, 'auditor' as const] };
const CIVIL_SERVANTS = { roles: ['learner' as const, 'supervisor' as const] };
const DECIDERS = { roles: ['supervisor' as const, 'agency_admin' as const] };
const NOMINATORS = { roles: ['agency_admin' as const, 'national_admin' as const] };
const AGENCY_WRITERS = { roles: ['agency_admin' as const] };
const AGENCY_READERS = { roles: ['agency_admin' as const, 'national_admin' as const, 'auditor' as const] };

const T_REC = ['planning: recommendations'];
const T_IDP = ['planning: development plans'];
const T_AGENCY = ['planning: agency plans'];

const params = <T>(request: FastifyRequest) => request.params as T;
const query = <T>(request: FastifyRequest) => request.query as T;
const body = <T>(request: FastifyRequest) => request.body as T;
const langOf = (request: FastifyRequest) => languageOf((request.query as { lang?: string }).lang, request.headers['accept-language']);

export function planningRoutes(deps: Deps) {
  return async function (app: FastifyInstance) {
    let stopWorker: (() => Promise<void>) | undefined;
    app.addHook('onReady', async () => {
      stopWorker = startPlanningWorker(deps, app.log);
    });
    app.addHook('onClose', async () => {
      await stopWorker?.();
    });

    // ---------- recommendations ----------
    app.get('/api/planning/people/:id/recommendations', {
      config: { access: PEOPLE_READERS },
      schema: {
        tags: T_REC,
        summary: "Offerings and programmes ranked by how much of the person's competency gaps they close (eligible, open or upcoming, with seats, nearby or online), weighted by JP still needed and quality; each with its reason (structured and as text in the caller's language). Whoever may see the person.",
        params: BigIdParam,
        querystring: s.RecommendQuery,
        response: responses({ 200: s.Recommendations }),
      },
      handler: async (request) => {
        const q = query<{ year?: number; limit?: number; location?: Location }>(request);
        return recommendationsFor(deps, actorOf(request), params<{ id: number }>(request).id, { year: q.year, limit: q.limit ?? 10, location: q.location ?? 'near', lang: langOf(request) });
      },
    });

    app.get('/api/planning/offerings/:id/candidates', {
      config: { access: NOMINATORS },
      schema: {
        tags: T_REC,
        summary: 'The people of an agency who most need this offering (gap its programme closes), eligible and not already in it or through it — for nominations. Agency admins (their agency), national admins (agencyId required).',
        params: IdParam,
        querystring: s.CandidatesQuery,
        response: responses({ 200: s.Candidates }),
      },
      handler: async (request) => {
        const q = query<{ agencyId?: number; limit?: number }>(request);
        return candidatesFor(deps, actorOf(request), params<{ id: number }>(request).id, { agencyId: q.agencyId, limit: q.limit ?? 25, lang: langOf(request) });
      },
    });

    // ---------- development plans ----------
    app.get('/api/planning/plans/mine', {
      config: { access: CIVIL_SERVANTS },
      schema: { tags: T_IDP, summary: 'My development plan of the year (null when there is none yet)', querystring: s.YearQuery, response: responses({ 200: s.PlanOfYear }) },
      handler: async (request) => plans.myPlan(deps, actorOf(request), query<{ year?: number }>(request).year ?? currentYear()),
    });
    app.post('/api/planning/plans', {
      config: { access: CIVIL_SERVANTS },
      schema: { tags: T_IDP, summary: 'Start my development plan of a year (this or the next), drafted from my recommendations unless fromRecommendations is false', body: s.CreatePlanBody, response: responses({ 201: s.PlanView }) },
      handler: async (request, reply) => reply.status(201).send(await plans.createPlan(deps, callerOf(request), body<{ year: number; fromRecommendations?: boolean }>(request))),
    });
    app.get('/api/planning/plans/approvals', {
      config: { access: DECIDERS },
      schema: { tags: T_IDP, summary: 'Submitted plans awaiting my decision: my direct reports (supervisor); people without a supervisor in my agency (agency admin)', response: responses({ 200: s.PlanList }) },
      handler: async (request) => plans.planInbox(deps, actorOf(request)),
    });
    app.get('/api/planning/people/:id/plan', {
      config: { access: PEOPLE_READERS },
      schema: { tags: T_IDP, summary: "A person's development plan of the year (null when there is none): whoever may see the person", params: BigIdParam, querystring: s.YearQuery, response: responses({ 200: s.PlanOfYear }) },
      handler: async (request) => plans.personPlan(deps, actorOf(request), params<{ id: number }>(request).id, query<{ year?: number }>(request).year ?? currentYear()),
    });
    app.get('/api/planning/plans/:id', {
      config: { access: PEOPLE_READERS },
      schema: { tags: T_IDP, summary: 'A development plan: items, planned JP against the 20-JP entitlement, state of each item', params: s.PlanParams, response: responses({ 200: s.PlanView }) },
      handler: async (request) => plans.getPlan(deps, actorOf(request), params<{ id: number }>(request).id),
    });
    app.post('/api/planning/plans/:id/items', {
      config: { access: CIVIL_SERVANTS },
      schema: { tags: T_IDP, summary: 'Add an offering or a programme to my plan (draft or returned): eligibility, the plan year, planned JP and target competencies are checked', params: s.PlanParams, body: s.AddItemBody, response: responses({ 201: s.ItemResult }) },
      handler: async (request, reply) => reply.status(201).send(await plans.addItem(deps, callerOf(request), params<{ id: number }>(request).id, body(request))),
    });
    app.patch('/api/planning/plans/:id/items/:itemId', {
      config: { access: CIVIL_SERVANTS },
      schema: { tags: T_IDP, summary: "Change an item of my plan: its offering (of the same programme, or none), planned JP, target competencies, note", params: s.ItemParams, body: s.UpdateItemBody, response: responses({ 200: s.ItemResult }) },
      handler: async (request) => {
        const p = params<{ id: number; itemId: number }>(request);
        return plans.updateItem(deps, callerOf(request), p.id, p.itemId, body(request));
      },
    });
    app.delete('/api/planning/plans/:id/items/:itemId', {
      config: { access: CIVIL_SERVANTS },
      schema: { tags: T_IDP, summary: 'Remove an item from my plan (draft or returned)', params: s.ItemParams, response: responses({ 200: s.PlanView }) },
      handler: async (request) => {
        const p = params<{ id: number; itemId: number }>(request);
        return plans.removeItem(deps, callerOf(request), p.id, p.itemId);
      },
    });
    app.post('/api/planning/plans/:id/submit', {
      config: { access: CIVIL_SERVANTS },
      schema: { tags: T_IDP, summary: 'Submit my plan (draft or returned) to my direct supervisor (the agency admin when I have none)', params: s.PlanParams, response: responses({ 200: s.PlanView }) },
      handler: async (request) => plans.submitPlan(deps, callerOf(request), params<{ id: number }>(request).id),
    });
    app.post('/api/planning/plans/:id/withdraw', {
      config: { access: CIVIL_SERVANTS },
      schema: { tags: T_IDP, summary: 'Take my submitted plan back to a draft', params: s.PlanParams, response: responses({ 200: s.PlanView }) },
      handler: async (request) => plans.withdrawPlan(deps, callerOf(request), params<{ id: number }>(request).id),
    });
    app.post('/api/planning/plans/:id/approve', {
      config: { access: DECIDERS },
      schema: { tags: T_IDP, summary: 'Approve a submitted plan (the direct supervisor); planned offerings whose registration is open become enrolment requests at once, the others when it opens', params: s.PlanParams, body: s.DecisionBody, response: responses({ 200: s.PlanView }) },
      handler: async (request) => plans.decidePlan(deps, callerOf(request), params<{ id: number }>(request).id, 'approve', body<{ comment?: string }>(request).comment ?? null),
    });
    app.post('/api/planning/plans/:id/return', {
      config: { access: DECIDERS },
      schema: { tags: T_IDP, summary: 'Return a submitted plan with a comment (the direct supervisor); the learner edits it and submits it again', params: s.PlanParams, body: s.ReturnBody, response: responses({ 200: s.PlanView }) },
      handler: async (request) => plans.decidePlan(deps, callerOf(request), params<{ id: number }>(request).id, 'return', body<{ comment: string }>(request).comment),
    });

    // ---------- agency plans ----------
    app.get('/api/planning/agencies/:id/needs', {
      config: { access: AGENCY_READERS },
      schema: { tags: T_AGENCY, summary: "An agency's needs: people with gaps by competency × position tier × unit, and what its people completed last year by competency", params: IdParam, querystring: s.NeedsQuery, response: responses({ 200: s.NeedsView }) },
      handler: async (request) => agencyPlans.needsView(deps, actorOf(request), params<{ id: number }>(request).id, query<{ year?: number }>(request).year ?? currentYear()),
    });
    app.get('/api/planning/agency-plans', {
      config: { access: AGENCY_READERS },
      schema: { tags: T_AGENCY, summary: "Agency plans: my agency's (every status); national roles: all submitted or returned plans", querystring: s.AgencyPlanListQuery, response: responses({ 200: s.AgencyPlanList }) },
      handler: async (request) => agencyPlans.listAgencyPlans(deps, actorOf(request), { ...query<{ agencyId?: number; year?: number; status?: string }>(request), limit: query<{ limit?: number }>(request).limit ?? 200 }),
    });
    app.post('/api/planning/agency-plans', {
      config: { access: AGENCY_WRITERS },
      schema: { tags: T_AGENCY, summary: "Start my agency's plan of a year (this or the next) with its budget", body: s.CreateAgencyPlanBody, response: responses({ 201: s.AgencyPlanView }) },
      handler: async (request, reply) => reply.status(201).send(await agencyPlans.createAgencyPlan(deps, callerOf(request), body(request))),
    });
    app.get('/api/planning/agency-plans/:id', {
      config: { access: AGENCY_READERS },
      schema: { tags: T_AGENCY, summary: 'An agency plan: lines (programme, offering, seats, fee), budget and cost, needs, comparison with last year', params: s.PlanParams, response: responses({ 200: s.AgencyPlanView }) },
      handler: async (request) => agencyPlans.getAgencyPlan(deps, actorOf(request), params<{ id: number }>(request).id),
    });
    app.patch('/api/planning/agency-plans/:id', {
      config: { access: AGENCY_WRITERS },
      schema: { tags: T_AGENCY, summary: 'Change the budget or notes (draft or returned); a budget below the cost is refused', params: s.PlanParams, body: s.UpdateAgencyPlanBody, response: responses({ 200: s.AgencyPlanView }) },
      handler: async (request) => agencyPlans.updateAgencyPlan(deps, callerOf(request), params<{ id: number }>(request).id, body(request)),
    });
    app.post('/api/planning/agency-plans/:id/lines', {
      config: { access: AGENCY_WRITERS },
      schema: { tags: T_AGENCY, summary: 'Add a programme or offering with its seats (fee per seat: the offering\'s unless given); refused when the plan would go over its budget', params: s.PlanParams, body: s.AddLineBody, response: responses({ 201: s.LineResult }) },
      handler: async (request, reply) => reply.status(201).send(await agencyPlans.addLine(deps, callerOf(request), params<{ id: number }>(request).id, body(request))),
    });
    app.patch('/api/planning/agency-plans/:id/lines/:lineId', {
      config: { access: AGENCY_WRITERS },
      schema: { tags: T_AGENCY, summary: 'Change a line (seats, fee, offering, targets, tier, unit); refused when the plan would go over its budget', params: s.LineParams, body: s.UpdateLineBody, response: responses({ 200: s.LineResult }) },
      handler: async (request) => {
        const p = params<{ id: number; lineId: number }>(request);
        return agencyPlans.updateLine(deps, callerOf(request), p.id, p.lineId, body(request));
      },
    });
    app.delete('/api/planning/agency-plans/:id/lines/:lineId', {
      config: { access: AGENCY_WRITERS },
      schema: { tags: T_AGENCY, summary: 'Remove a line', params: s.LineParams, response: responses({ 200: s.AgencyPlanView }) },
      handler: async (request) => {
        const p = params<{ id: number; lineId: number }>(request);
        return agencyPlans.removeLine(deps, callerOf(request), p.id, p.lineId);
      },
    });
    app.post('/api/planning/agency-plans/:id/submit', {
      config: { access: AGENCY_WRITERS },
      schema: { tags: T_AGENCY, summary: 'Submit the plan to the national institute (the needs are frozen into it)', params: s.PlanParams, response: responses({ 200: s.AgencyPlanView }) },
      handler: async (request) => agencyPlans.submitAgencyPlan(deps, callerOf(request), params<{ id: number }>(request).id),
    });
    app.post('/api/planning/agency-plans/:id/return', {
      config: { access: { roles: ['national_admin'] } },
      schema: { tags: T_AGENCY, summary: 'Return a submitted agency plan with a comment (national admins)', params: s.PlanParams, body: s.ReturnBody, response: responses({ 200: s.AgencyPlanView }) },
      handler: async (request) => agencyPlans.returnAgencyPlan(deps, callerOf(request), params<{ id: number }>(request).id, body<{ comment: string }>(request).comment),
    });
    app.get('/api/planning/agency-plans/:id/export.xlsx', {
      config: { access: AGENCY_READERS },
      schema: { tags: T_AGENCY, summary: 'The plan as a workbook: summary, programmes, needs, comparison (headings in Indonesian and English)', params: s.PlanParams, produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], response: responses({ 200: Type.String({ contentMediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }) }) },
      handler: async (request, reply) => {
        const plan = await agencyPlans.getAgencyPlan(deps, actorOf(request), params<{ id: number }>(request).id);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="rencana-${plan.agency.code.replace(/[^A-Za-z0-9.-]/g, '_')}-${plan.year}.xlsx"`)
          .header('cache-control', 'private, no-store')
          .send(await agencyPlanXlsx(plan));
      },
    });
    app.get('/api/planning/agency-plans/:id/export.pdf', {
      config: { access: AGENCY_READERS },
      schema: { tags: T_AGENCY, summary: 'The plan as a printable PDF (A4 landscape, headings in Indonesian and English)', params: s.PlanParams, produces: ['application/pdf'], response: responses({ 200: Type.String({ contentMediaType: 'application/pdf' }) }) },
      handler: async (request, reply) => {
        const plan = await agencyPlans.getAgencyPlan(deps, actorOf(request), params<{ id: number }>(request).id);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="rencana-${plan.agency.code.replace(/[^A-Za-z0-9.-]/g, '_')}-${plan.year}.pdf"`)
          .header('cache-control', 'private, no-store')
          .send(Buffer.from(await agencyPlanPdf(plan)));
      },
    });
  };
}
