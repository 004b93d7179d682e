// HTTP routes of the competency module: dictionary, standards, assessments, talent, gaps.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../context.ts';
import { actorOf, callerOf } from '../../http/access.ts';
import type { Role } from '../../http/actor.ts';
import { IdParam, responses } from '../../http/schemas.ts';
import * as s from './schemas.ts';
import * as service from './service.ts';

const PEOPLE_READERS: Role[] = ['learner', 'supervisor', 'agency_admin', 'national_admin', 'auditor'];
const tags = ['competency'];
const DEFAULT_NOTE = ' The shipped tier defaults are an illustrative default, NOT the regulation\'s table; national admins replace them.';

export function competencyRoutes(deps: Deps) {
  return async function (app: FastifyInstance) {
    // ---------- dictionary ----------
    app.get('/api/competency/dictionary/versions', {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Versions of the competency dictionary, newest first', response: responses({ 200: s.VersionsView }) },
      handler: async () => service.listVersions(deps),
    });

    app.post('/api/competency/dictionary/versions', {
      config: { access: { roles: ['national_admin'] } },
      schema: {
        tags,
        summary: 'Start a new draft version: a copy of the latest published one (one draft at a time; 409 when a draft exists)',
        body: s.CreateVersionBody,
        response: responses({ 201: s.VersionView }),
      },
      handler: async (request, reply) => reply.status(201).send(await service.createDraftVersion(deps, callerOf(request), request.body as { notes?: string | null })),
    });

    app.get('/api/competency/dictionary/current', {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'The latest published dictionary version with its competencies and level descriptors', response: responses({ 200: s.VersionView }) },
      handler: async () => service.getCurrentVersion(deps),
    });

    app.get('/api/competency/dictionary/versions/:id', {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'One dictionary version with its competencies and level descriptors', params: s.VersionParams, response: responses({ 200: s.VersionView }) },
      handler: async (request) => service.getVersion(deps, (request.params as { id: number }).id),
    });

    app.patch('/api/competency/dictionary/versions/:id', {
      config: { access: { roles: ['national_admin'] } },
      schema: { tags, summary: 'Change the notes of a draft version (409 when published)', params: s.VersionParams, body: s.UpdateVersionBody, response: responses({ 200: s.VersionView }) },
      handler: async (request) => service.updateVersion(deps, callerOf(request), (request.params as { id: number }).id, request.body as { notes: string | null }),
    });

    app.post('/api/competency/dictionary/versions/:id/publish', {
      config: { access: { roles: ['national_admin'] } },
      schema: { tags, summary: 'Publish a draft version; from then on it is immutable (409 when already published)', params: s.VersionParams, response: responses({ 200: s.VersionView }) },
      handler: async (request) => service.publishVersion(deps, callerOf(request), (request.params as { id: number }).id),
    });

    app.post('/api/competency/dictionary/versions/:id/competencies', {
      config: { access: { roles: ['national_admin'] } },
      schema: {
        tags,
        summary: 'Add a competency with its five level descriptors to a draft version (409 when published)',
        params: s.VersionParams,
        body: s.NewCompetencyBody,
        response: responses({ 201: s.CompetencyView }),
      },
      handler: async (request, reply) =>
        reply.status(201).send(await service.addCompetency(deps, callerOf(request), (request.params as { id: number }).id, request.body as service.NewCompetencyInput)),
    });

    app.patch('/api/competency/dictionary/versions/:id/competencies/:code', {
      config: { access: { roles: ['national_admin'] } },
      schema: {
        tags,
        summary: 'Change names, owning agency or level descriptors of a competency in a draft version (409 when published)',
        params: s.CompetencyParams,
        body: s.CompetencyPatchBody,
        response: responses({ 200: s.CompetencyView }),
      },
      handler: async (request) => {
        const { id, code } = request.params as { id: number; code: string };
        return service.updateCompetency(deps, callerOf(request), id, code, request.body as service.CompetencyPatch);
      },
    });

    // ---------- settings ----------
    app.get('/api/competency/settings', {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Competency settings: how long an assessment stays valid', response: responses({ 200: s.SettingsView }) },
      handler: async () => service.getSettings(deps),
    });

    app.put('/api/competency/settings', {
      config: { access: { roles: ['national_admin'] } },
      schema: { tags, summary: 'Change the validity period of assessments (months)', body: s.SettingsBody, response: responses({ 200: s.SettingsView }) },
      handler: async (request) => service.updateSettings(deps, callerOf(request), request.body as { validityMonths: number }),
    });

    // ---------- position standards ----------
    app.get('/api/competency/tier-standards', {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Default required levels per position tier',
        description: `Configuration used when a position has no override for a competency.${DEFAULT_NOTE}`,
        response: responses({ 200: s.TierStandardsView }),
      },
      handler: async () => service.listTierStandards(deps),
    });

    app.put('/api/competency/tier-standards/:tier', {
      config: { access: { roles: ['national_admin'] } },
      schema: {
        tags,
        summary: 'Replace the default required levels of one position tier',
        description: `The whole list for the tier is replaced.${DEFAULT_NOTE}`,
        params: s.TierParams,
        body: s.TierStandardBody,
        response: responses({ 200: s.TierStandardView }),
      },
      handler: async (request) => service.putTierStandard(deps, callerOf(request), (request.params as { tier: string }).tier, (request.body as { levels: { code: string; level: number }[] }).levels),
    });

    app.get('/api/positions/:id/competency-overrides', {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Required levels set for this position, overriding its tier defaults', params: IdParam, response: responses({ 200: s.OverridesView }) },
      handler: async (request) => service.getPositionOverrides(deps, (request.params as { id: number }).id),
    });

    app.put('/api/positions/:id/competency-overrides', {
      config: { access: { roles: ['agency_admin', 'national_admin'] } },
      schema: {
        tags,
        summary: 'Replace the overrides of a position (agency admins: their agency\'s positions)',
        params: IdParam,
        body: s.OverridesBody,
        response: responses({ 200: s.OverridesView }),
      },
      handler: async (request) => service.putPositionOverrides(deps, callerOf(request), (request.params as { id: number }).id, (request.body as { overrides: { code: string; level: number }[] }).overrides),
    });

    app.get('/api/positions/:id/competency-standard', {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Effective standard of a position: per competency the override if present, else the tier default',
        description: `Each item says where its level comes from.${DEFAULT_NOTE}`,
        params: IdParam,
        response: responses({ 200: s.EffectiveStandardView }),
      },
      handler: async (request) => service.getEffectiveStandard(deps, (request.params as { id: number }).id),
    });

    // ---------- assessments ----------
    app.post('/api/competency/assessments', {
      config: { access: { roles: ['agency_admin', 'national_admin'] } },
      schema: {
        tags,
        summary: 'Record assessments (all or none) against the published dictionary; agency admins for people of their agency',
        body: s.AssessmentsBody,
        response: responses({ 201: s.RecordedAssessmentsView }),
      },
      handler: async (request, reply) => reply.status(201).send(await service.recordAssessments(deps, callerOf(request), (request.body as { assessments: service.AssessmentInput[] }).assessments)),
    });

    app.post('/api/competency/assessments/:id/void', {
      config: { access: { roles: ['agency_admin', 'national_admin'] } },
      schema: {
        tags,
        summary: 'Void an assessment with a reason (history is kept; a correction is a new assessment)',
        params: s.PersonParams,
        body: s.VoidBody,
        response: responses({ 200: s.AssessmentView }),
      },
      handler: async (request) => service.voidAssessment(deps, callerOf(request), (request.params as { id: number }).id, (request.body as { reason: string }).reason),
    });

    app.get('/api/civil-servants/:id/competency-assessments', {
      config: { access: { roles: PEOPLE_READERS } },
      schema: {
        tags,
        summary: 'A person\'s assessment history, newest first, voided rows included',
        params: s.PersonParams,
        querystring: s.HistoryQuery,
        response: responses({ 200: s.HistoryView }),
      },
      handler: async (request) => service.assessmentHistory(deps, actorOf(request), (request.params as { id: number }).id, (request.query as { limit: number }).limit),
    });

    // ---------- talent ----------
    app.put('/api/civil-servants/:id/talent-ratings/:period', {
      config: { access: { roles: ['agency_admin', 'national_admin'] } },
      schema: {
        tags,
        summary: 'Set a person\'s talent rating (performance × potential → 9-box) for a period',
        params: s.TalentParams,
        body: s.TalentBody,
        response: responses({ 200: s.TalentView }),
      },
      handler: async (request) => {
        const { id, period } = request.params as { id: number; period: string };
        return service.putTalentRating(deps, callerOf(request), id, period, request.body as { performance: 'below'; potential: 'low'; notes?: string | null });
      },
    });

    // ---------- gaps ----------
    app.get('/api/civil-servants/:id/profile', {
      config: { access: { roles: PEOPLE_READERS } },
      schema: {
        tags,
        summary: 'Competency profile: per competency required, current and gap, and the talent box',
        description: 'Visible to the person, their direct supervisor, their agency admin/auditor and national roles; others get 404. Gap = max(0, required − current), no valid assessment counting as 0.',
        params: s.PersonParams,
        response: responses({ 200: s.ProfileView }),
      },
      handler: async (request) => service.getProfile(deps, actorOf(request), (request.params as { id: number }).id),
    });

    app.get('/api/competency/team-gaps', {
      config: { access: { roles: ['supervisor'] } },
      schema: { tags, summary: 'People × competencies gap matrix of my direct reports', response: responses({ 200: s.TeamGapsView }) },
      handler: async (request) => service.teamGaps(deps, actorOf(request)),
    });

    app.get('/api/agencies/:id/competency-gaps', {
      config: { access: { roles: ['agency_admin', 'national_admin', 'auditor'] } },
      schema: {
        tags,
        summary: 'Gap summary of an agency, per competency and per unit',
        description: 'Active civil servants with a position. Per competency: people required, assessed, with gap > 0, and mean gap (unassessed count as 0).',
        params: IdParam,
        querystring: s.AgencyGapQuery,
        response: responses({ 200: s.AgencyGapView }),
      },
      handler: async (request) => service.agencyGapSummary(deps, actorOf(request), (request.params as { id: number }).id, (request.query as { unitId?: number }).unitId),
    });

    app.get('/api/competency/gaps/national', {
      config: { access: { roles: ['national_admin', 'auditor'] } },
      schema: { tags, summary: 'National gap summary, per competency and per agency', response: responses({ 200: s.NationalGapView }) },
      handler: async (request) => service.nationalGapSummary(deps, actorOf(request)),
    });
  };
}
