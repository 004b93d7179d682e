// Allocation routes: start a run (202 + its id; the work happens off the request path), read runs
// (progress, summary, Latsar wave), their groups with assignments and explanations, compare two
// runs, export a run's groups as CSV or XLSX. Starts the allocation worker with the app.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../context.ts';
import { actorOf, callerOf } from '../../http/access.ts';
import { responses } from '../../http/schemas.ts';
import { sendTable, type ExportFormat } from '../analytics/export.ts';
import type { Lang } from './explain.ts';
import type { RunParamsInput } from './params.ts';
import * as s from './schemas.ts';
import * as service from './service.ts';
import { startAllocationWorker } from './worker.ts';
import { languageOf } from '../planning/reasons.ts';

const NATIONAL = { roles: ['national_admin' as const] };
const READERS = { roles: ['national_admin' as const, 'agency_admin' as const] };
const TAGS = ['planning: national allocation'];

const params = <T>(request: FastifyRequest) => request.params as T;
const query = <T>(request: FastifyRequest) => request.query as T;

const langOf = (request: FastifyRequest): Lang => languageOf((request.query as { lang?: Lang }).lang, request.headers['accept-language']);

const HEAD: Record<Lang, string[]> = {
  id: ['Instansi', 'Jenjang', 'Provinsi', 'Kompetensi', 'Level saat ini', 'Level dibutuhkan', 'Orang', 'Kursi (optimal)', 'Kesenjangan tertutup (optimal)', 'Kursi (greedy)', 'Kesenjangan tertutup (greedy)', 'Penawaran', 'Penjelasan'],
  en: ['Agency', 'Tier', 'Province', 'Competency', 'Current level', 'Required level', 'People', 'Seats (optimiser)', 'Gap closed (optimiser)', 'Seats (greedy)', 'Gap closed (greedy)', 'Offerings', 'Explanation'],
};
const KEYS = ['agency', 'tier', 'province', 'competency', 'current', 'required', 'people', 'seats', 'gap', 'greedy_seats', 'greedy_gap', 'offerings', 'explanation'];

export function allocationRoutes(deps: Deps) {
  return async function (app: FastifyInstance) {
    let stopWorker: (() => Promise<void>) | undefined;
    app.addHook('onReady', async () => {
      stopWorker = startAllocationWorker(deps, app.log);
    });
    app.addHook('onClose', async () => {
      await stopWorker?.();
      await service.settle(deps);
    });

    app.post('/api/allocation/runs', {
      config: { access: NATIONAL },
      schema: { tags: TAGS, summary: 'Start a national allocation run with what-if parameters (checked first: a bad parameter refuses the run whole); 202 with the queued run, solved off the request path', body: s.RunParamsBody, response: responses({ 202: s.RunView }) },
      handler: async (request, reply) => reply.status(202).send(await service.startRun(deps, callerOf(request), request.body as RunParamsInput)),
    });
    app.get('/api/allocation/runs', {
      config: { access: READERS },
      schema: { tags: TAGS, summary: 'Allocation runs, newest first (agency admins: finished runs, their agency\'s slice)', querystring: s.RunListQuery, response: responses({ 200: s.RunList }) },
      handler: async (request) => service.listRuns(deps, actorOf(request), query<{ limit?: number }>(request).limit ?? 50),
    });
    app.get('/api/allocation/runs/:id', {
      config: { access: READERS },
      schema: { tags: TAGS, summary: 'A run: status and progress, parameters, totals (optimiser vs greedy, seats, budget used by agency), the Latsar wave, or why it failed', params: s.RunParams, response: responses({ 200: s.RunView }) },
      handler: async (request) => service.getRun(deps, actorOf(request), params<{ id: number }>(request).id),
    });
    app.get('/api/allocation/runs/:id/groups', {
      config: { access: READERS },
      schema: { tags: TAGS, summary: 'The groups of a finished run (agency × tier × competency × level), with their seats, assignments and explanation; 409 while it runs, 422 with the reasons when no allocation was feasible', params: s.RunParams, querystring: s.GroupQuery, response: responses({ 200: s.GroupList }) },
      handler: async (request) => {
        const q = query<{ agencyId?: number; competencyCode?: string; outcome?: 'served' | 'partly' | 'none'; limit?: number; offset?: number }>(request);
        return service.listGroups(deps, actorOf(request), params<{ id: number }>(request).id, { ...q, lang: langOf(request), limit: q.limit ?? 100, offset: q.offset ?? 0 });
      },
    });
    app.get('/api/allocation/runs/:id/compare/:otherId', {
      config: { access: NATIONAL },
      schema: { tags: TAGS, summary: 'Two finished runs side by side: totals and the agencies whose allocation changed', params: s.CompareParams, response: responses({ 200: s.CompareView }) },
      handler: async (request) => {
        const p = params<{ id: number; otherId: number }>(request);
        return service.compareRuns(deps, actorOf(request), p.id, p.otherId);
      },
    });
    for (const format of ['csv', 'xlsx'] as ExportFormat[]) {
      app.get(`/api/allocation/runs/:id/export.${format}`, {
        config: { access: READERS },
        schema: { tags: TAGS, summary: `A finished run's groups (an agency admin: their agency's) as ${format.toUpperCase()}, headings in the caller's language`, params: s.RunParams, querystring: s.GroupQuery, produces: [format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
        handler: async (request, reply) => {
          const lang = langOf(request);
          const id = params<{ id: number }>(request).id;
          const { items } = await service.exportGroups(deps, actorOf(request), id, lang, query<{ agencyId?: number }>(request).agencyId);
          const head = HEAD[lang];
          return sendTable(reply, {
            name: `alokasi-${id}`,
            title: lang === 'en' ? `National allocation, run ${id}` : `Alokasi nasional, run ${id}`,
            columns: KEYS.map((key, i) => ({ key, label: head[i] })),
            rows: items.map((g) => [g.agency.code, g.tier, g.province_code, g.competency.code, g.current_level, g.required_level, g.people, g.seats, g.gap_closed, g.greedy_seats, g.greedy_gap_closed, g.assignments.map((a) => `${a.programme_code}/${a.offering_code} ×${a.seats}`).join('; '), g.explanation]),
          }, format);
        },
      });
    }
  };
}
