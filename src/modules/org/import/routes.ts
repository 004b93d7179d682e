// HTTP routes of bulk import and export. Uploads are the raw file as the request body
// (text/csv or the XLSX type), streamed straight into the pipeline: the content-type parsers
// registered here (inside this plugin only) pass the request stream through unread.
import { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../context.ts';
import { actorOf, callerOf } from '../../../http/access.ts';
import { Problem, problems } from '../../../http/problem.ts';
import { DateTime, Nullable, responses, UuidParam } from '../../../http/schemas.ts';
import { exportStaffCsv } from './export.ts';
import { IMPORT_KINDS } from './kinds/index.ts';
import * as service from './service.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel'];

const RowErrorView = Type.Object({ row: Nullable(Type.Integer()), column: Nullable(Type.String()), message: Type.String() });
const ReportView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  format: Type.String(),
  dryRun: Type.Boolean(),
  status: Type.String({ description: 'validated (dry run, no errors), applied, refused (errors: nothing applied), failed' }),
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  errorCount: Type.Integer(),
  errors: Type.Array(RowErrorView, { description: 'The first 1000 errors; all of them at errorsUrl' }),
  errorsTruncated: Type.Boolean(),
  tooLarge: Type.Boolean(),
  errorsUrl: Type.String(),
});
const RunView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  format: Type.String(),
  file_name: Nullable(Type.String()),
  dry_run: Type.Boolean(),
  agency_id: Nullable(Type.Integer()),
  status: Type.String({ description: 'running, validating, applying while it works; then validated, applied, refused or failed' }),
  processed: Type.Integer({ description: 'rows read so far' }),
  bytes_read: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  error_count: Type.Integer(),
  message: Nullable(Type.String()),
  actor_label: Type.String(),
  started_at: DateTime,
  finished_at: Nullable(DateTime),
});

const IMPORTERS = { roles: ['agency_admin' as const, 'national_admin' as const] };
const RUN_READERS = { roles: ['agency_admin' as const, 'national_admin' as const, 'auditor' as const] };
const PEOPLE_READERS = { roles: ['learner' as const, 'supervisor' as const, 'agency_admin' as const, 'national_admin' as const, 'auditor' as const] };

export function importRoutes(deps: Deps) {
  return async function (app: FastifyInstance) {
    // The body stays a stream; the pipeline enforces its own size limit (config.importMaxBytes).
    app.addContentTypeParser([...CSV_TYPES, XLSX_TYPE], (_request, payload, done) => done(null, payload));
    const tags = ['import'];

    app.post('/api/imports/:kind', {
      config: { access: IMPORTERS },
      bodyLimit: Number.MAX_SAFE_INTEGER,
      schema: {
        tags,
        summary: 'Import staff, positions or units from a CSV or XLSX file (the raw file is the body); all or nothing; see docs/import-format.md',
        consumes: ['text/csv', XLSX_TYPE],
        params: Type.Object({ kind: Type.Union(Object.keys(IMPORT_KINDS).map((k) => Type.Literal(k))) }, { additionalProperties: false }),
        querystring: Type.Object(
          {
            dryRun: Type.Optional(Type.Boolean({ default: false, description: 'check only: the full report, nothing written' })),
            agency: Type.Optional(Type.String({ maxLength: 50, description: 'import for this agency only (its code); KODE_INSTANSI may then be left out' })),
            fileName: Type.Optional(Type.String({ maxLength: 300 })),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: ReportView, 413: ReportView, 422: ReportView }),
      },
      handler: async (request, reply) => {
        const q = request.query as { dryRun: boolean; agency?: string; fileName?: string };
        const type = String(request.headers['content-type'] ?? '').toLowerCase();
        const charset = /charset=([^;\s]+)/.exec(type)?.[1]?.replace(/"/g, '');
        const body = request.body;
        if (!(body instanceof Readable)) throw problems.badRequest('Send the file as the request body, as text/csv or as XLSX.');
        if (charset && !/^utf-?8$/.test(charset)) {
          body.resume();
          throw new Problem(415, 'unsupported-media-type', 'Unsupported media type', `The file is declared as ${charset}; save it as UTF-8 (CSV UTF-8) and upload again.`);
        }
        const report = await service.startImport(deps, callerOf(request), {
          kind: (request.params as { kind: string }).kind,
          format: type.startsWith(XLSX_TYPE) ? 'xlsx' : 'csv',
          input: body,
          dryRun: q.dryRun,
          agencyCode: q.agency,
          fileName: q.fileName,
        });
        const status = report.tooLarge ? 413 : report.status === 'refused' && !report.dryRun ? 422 : report.status === 'failed' ? 422 : 200;
        return reply.status(status).send(report);
      },
    });

    app.get('/api/imports', {
      config: { access: RUN_READERS },
      schema: { tags, summary: 'Recent import runs I may see, with their progress (poll while an import runs)', querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }, { additionalProperties: false }), response: responses({ 200: Type.Object({ items: Type.Array(RunView) }) }) },
      handler: async (request) => ({ items: await service.listRuns(deps, actorOf(request), (request.query as { limit: number }).limit) }),
    });

    app.get('/api/imports/:id', {
      config: { access: RUN_READERS },
      schema: { tags, summary: 'One import run: progress, counts and the first 1000 errors', params: UuidParam, response: responses({ 200: Type.Intersect([RunView, Type.Object({ errors: Type.Array(RowErrorView), errorsUrl: Type.String() })]) }) },
      handler: async (request) => service.getRun(deps, actorOf(request), (request.params as { id: string }).id),
    });

    app.get('/api/imports/:id/errors.csv', {
      config: { access: RUN_READERS },
      schema: { tags, summary: 'Every error of an import run as CSV (BARIS, KOLOM, PESAN)', params: UuidParam, produces: ['text/csv'], response: responses({ 200: Type.String() }) },
      handler: async (request, reply) => {
        const id = (request.params as { id: string }).id;
        const lines = await service.errorsCsv(deps, actorOf(request), id);
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="import-${id}-errors.csv"`).send(Readable.from(lines));
      },
    });

    app.get('/api/exports/staff.csv', {
      config: { access: PEOPLE_READERS },
      schema: {
        tags,
        summary: 'Civil servants I may see as CSV in the staff import columns (streamed); NIP and birth date only where I may see personal data',
        querystring: Type.Object({ agencyId: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
        produces: ['text/csv'],
        response: responses({ 200: Type.String() }),
      },
      handler: async (request, reply) => {
        const { agencyId } = request.query as { agencyId?: number };
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="pegawai${agencyId ? `-${agencyId}` : ''}.csv"`)
          .send(Readable.from(exportStaffCsv(deps, actorOf(request), agencyId)));
      },
    });
  };
}
