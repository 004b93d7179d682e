// HTTP routes of the dashboards. Each route is one chart's data: JSON, or with ?format=csv|xlsx
// the chart's table view as a file (headers in ?lang=id|en). Authorisation: the access gate by
// role, then the service by scope (policy.ts) before any figure is read.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Deps } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import type { Role } from '../../http/actor.ts';
import { IdParam, responses } from '../../http/schemas.ts';
import { sendTable, XLSX_TYPE, type ExportFormat } from './export.ts';
import type { Lang } from './labels.ts';
import * as s from './schemas.ts';
import * as service from './service.ts';
import * as tables from './tables.ts';
import { startFoldWorker } from './worker.ts';

const NATIONAL: Role[] = ['national_admin', 'auditor'];
const AGENCY: Role[] = ['agency_admin', 'national_admin', 'auditor'];
const PROVIDER: Role[] = ['provider_admin', 'national_admin', 'auditor'];
const tags = ['analytics'];
const produces = ['application/json', 'text/csv', XLSX_TYPE];
const FORMAT_NOTE = ' With format=csv or format=xlsx, the table view of the chart as a file (column headers in lang).';
/** Largest at-risk export, in rows (the list pages by id; the file takes them all up to this). */
export const AT_RISK_EXPORT_MAX = 100_000;

interface FormatQ {
  format?: 'json' | ExportFormat;
  lang?: Lang;
}

/** The JSON view, or its table as a file. */
function answer<V>(reply: FastifyReply, q: FormatQ, view: V, toTable: (v: V, lang: Lang) => tables.Table) {
  if (q.format === 'csv' || q.format === 'xlsx') return sendTable(reply, toTable(view, q.lang ?? 'id'), q.format);
  return view;
}

export function analyticsRoutes(deps: Deps) {
  return async function (app: FastifyInstance) {
    let stopWorker: (() => Promise<void>) | undefined;
    app.addHook('onReady', async () => {
      stopWorker = startFoldWorker(deps, app.log);
    });
    app.addHook('onClose', async () => {
      await stopWorker?.();
    });

    // ---------- national ----------
    app.get('/api/analytics/national/provinces', {
      config: { access: { roles: NATIONAL } },
      schema: {
        tags,
        produces,
        summary: 'The 38 provinces and the central government: 20-JP compliance (met / on track / at risk) and mean competency gap',
        description: `Regional governments count in their province; ministries and national agencies in "central". National admins and auditors.${FORMAT_NOTE}`,
        querystring: s.YearQuery,
        response: responses({ 200: s.ProvincesView }),
      },
      handler: async (request, reply) => {
        const q = request.query as { year?: number } & FormatQ;
        return answer(reply, q, await service.nationalProvinces(deps, actorOf(request), q.year), tables.provincesTable);
      },
    });

    app.get('/api/analytics/national/competencies', {
      config: { access: { roles: NATIONAL } },
      schema: { tags, produces, summary: 'Mean gap per competency × agency kind (the heatmap)', description: `National admins and auditors.${FORMAT_NOTE}`, querystring: s.FormatQuery, response: responses({ 200: s.CompetenciesView }) },
      handler: async (request, reply) => answer(reply, request.query as FormatQ, await service.nationalCompetencies(deps, actorOf(request)), tables.competenciesTable),
    });

    app.get('/api/analytics/national/supply-demand', {
      config: { access: { roles: NATIONAL } },
      schema: {
        tags,
        produces,
        summary: 'Per competency: seats in upcoming cohorts (supply) against people with a gap (demand)',
        description: `Seats: capacity of live offerings of published programmes starting today or later that develop the competency. National admins and auditors.${FORMAT_NOTE}`,
        querystring: s.FormatQuery,
        response: responses({ 200: s.SupplyDemandView }),
      },
      handler: async (request, reply) => answer(reply, request.query as FormatQ, await service.nationalSupplyDemand(deps, actorOf(request)), tables.supplyDemandTable),
    });

    app.get('/api/analytics/national/providers', {
      config: { access: { roles: NATIONAL } },
      schema: {
        tags,
        produces,
        summary: "Per lead provider: the year's cohorts, fill rate, completion rate, reaction mean and quality",
        description: `Offerings starting in the year, not cancelled. Quality: the programmes' quality (evaluation module) weighted by reaction responses. National admins and auditors.${FORMAT_NOTE}`,
        querystring: s.YearQuery,
        response: responses({ 200: s.ProvidersView }),
      },
      handler: async (request, reply) => {
        const q = request.query as { year?: number } & FormatQ;
        return answer(reply, q, await service.nationalProviders(deps, actorOf(request), q.year), tables.providersTable);
      },
    });

    app.get('/api/analytics/national/accreditation', {
      config: { access: { roles: NATIONAL } },
      schema: {
        tags,
        produces,
        summary: 'Accreditation of providers and programmes: expired, expiring within 90 days, valid, none; and the list to act on',
        description: `National admins and auditors.${FORMAT_NOTE}`,
        querystring: s.FormatQuery,
        response: responses({ 200: s.AccreditationView }),
      },
      handler: async (request, reply) => answer(reply, request.query as FormatQ, await service.nationalAccreditation(deps, actorOf(request)), tables.accreditationTable),
    });

    // ---------- agency ----------
    app.get('/api/analytics/agencies/:id/compliance', {
      config: { access: { roles: AGENCY } },
      schema: {
        tags,
        produces,
        summary: "An agency's 20-JP compliance per unit or per position tier",
        description: `The agency's admins and auditors, national roles.${FORMAT_NOTE}`,
        params: IdParam,
        querystring: s.AgencyGroupQuery,
        response: responses({ 200: s.AgencyComplianceView }),
      },
      handler: async (request, reply) => {
        const q = request.query as { by: 'unit' | 'tier'; year?: number } & FormatQ;
        return answer(reply, q, await service.agencyCompliance(deps, actorOf(request), (request.params as { id: number }).id, q.by, q.year), tables.agencyComplianceTable);
      },
    });

    app.get('/api/analytics/agencies/:id/gaps', {
      config: { access: { roles: AGENCY } },
      schema: {
        tags,
        produces,
        summary: "An agency's competency gaps per unit or per position tier × competency",
        description: `The agency's admins and auditors, national roles.${FORMAT_NOTE}`,
        params: IdParam,
        querystring: s.AgencyGapQuery,
        response: responses({ 200: s.AgencyGapsView }),
      },
      handler: async (request, reply) => {
        const q = request.query as { by: 'unit' | 'tier' } & FormatQ;
        return answer(reply, q, await service.agencyGaps(deps, actorOf(request), (request.params as { id: number }).id, q.by), tables.agencyGapsTable);
      },
    });

    app.get('/api/analytics/agencies/:id/at-risk', {
      config: { access: { roles: AGENCY } },
      schema: {
        tags,
        produces,
        summary: 'People of the agency at risk of missing 20 JP this year (below the pro-rata share), by id',
        description: `NIP only for callers who may see personal data. Pages with limit/after; the CSV/XLSX file holds every page (up to ${AT_RISK_EXPORT_MAX} rows).${FORMAT_NOTE}`,
        params: IdParam,
        querystring: s.AtRiskQuery,
        response: responses({ 200: s.AtRiskView }),
      },
      handler: async (request, reply) => {
        const q = request.query as { unitId?: number; limit?: number; after?: number } & FormatQ;
        const actor = actorOf(request);
        const agencyId = (request.params as { id: number }).id;
        const first = await service.agencyAtRisk(deps, actor, agencyId, { unitId: q.unitId, limit: q.limit ?? 50, after: q.after });
        if (q.format !== 'csv' && q.format !== 'xlsx') return first;
        async function* pages() {
          let after = q.after ?? 0;
          for (let rows = 0; rows < AT_RISK_EXPORT_MAX; ) {
            const page = await service.agencyAtRisk(deps, actor, agencyId, { unitId: q.unitId, limit: 500, after });
            yield page.items.slice(0, AT_RISK_EXPORT_MAX - rows);
            rows += page.items.length;
            if (page.nextAfter === null) return;
            after = page.nextAfter;
          }
        }
        return sendTable(reply, tables.atRiskTable(first.agency, first.year, pages(), q.lang ?? 'id'), q.format);
      },
    });

    // ---------- provider ----------
    app.get('/api/analytics/providers/:id/cohorts', {
      config: { access: { roles: PROVIDER } },
      schema: {
        tags,
        produces,
        summary: "A provider's cohorts of the year: enrolments, completion, evaluation scores (levels 1–3) and fill rate",
        description: `Offerings starting in the year of programmes the provider leads or partners in. The provider's admins and auditors, national roles.${FORMAT_NOTE}`,
        params: IdParam,
        querystring: s.YearQuery,
        response: responses({ 200: s.CohortsView }),
      },
      handler: async (request, reply) => {
        const q = request.query as { year?: number } & FormatQ;
        return answer(reply, q, await service.providerCohorts(deps, actorOf(request), (request.params as { id: number }).id, q.year), tables.cohortsTable);
      },
    });
  };
}
