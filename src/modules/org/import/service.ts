// Imports and exports as the routes and the CLI use them: resolve the kind and the agency,
// check who may, run the pipeline; read runs and their error reports within scope.
import type { Readable } from 'node:stream';
import type { Caller, Deps } from '../../../context.ts';
import type { Actor } from '../../../http/actor.ts';
import { isNational, scopeIds } from '../../../http/actor.ts';
import { problems } from '../../../http/problem.ts';
import { mayViewImportRun, mayWriteAgencyRecords } from '../policy.ts';
import { csvLine } from './csv-out.ts';
import { IMPORT_KINDS } from './kinds/index.ts';
import { runImport, type ImportReport } from './pipeline.ts';
import * as runs from './runs-repository.ts';
import type { ImportFormat } from './source.ts';

export interface StartImport {
  kind: string;
  format: ImportFormat;
  input: Readable;
  dryRun: boolean;
  agencyCode?: string;
  fileName?: string;
  onProgress?: (phase: string, done: number) => void;
}

export async function startImport(deps: Deps, caller: Caller, request: StartImport): Promise<ImportReport & { errorsUrl: string }> {
  const kind = IMPORT_KINDS[request.kind];
  try {
    if (!kind) throw problems.notFound(`No import kind "${request.kind}"; there are ${Object.keys(IMPORT_KINDS).join(', ')}.`);
    let agencyId: number | null = null;
    if (request.agencyCode) {
      const agency = await deps.db.selectFrom('agency').select(['id']).where('code', '=', request.agencyCode).executeTakeFirst();
      if (!agency) throw problems.validation([{ field: 'agency', message: `no agency with code "${request.agencyCode}"` }]);
      if (caller.actor && !mayWriteAgencyRecords(caller.actor, agency.id)) throw problems.forbidden(`You may not import into agency ${request.agencyCode}.`);
      agencyId = agency.id;
    }
    const report = await runImport(deps, caller, { kind, format: request.format, input: request.input, dryRun: request.dryRun, agencyId, fileName: request.fileName, maxBytes: deps.config.importMaxBytes, onProgress: request.onProgress });
    return { ...report, errorsUrl: `/api/imports/${report.id}/errors.csv` };
  } catch (error) {
    request.input.resume(); // drain what the client still sends, so it gets our answer
    throw error;
  }
}

function runScope(actor: Actor) {
  if (isNational(actor, 'national_admin', 'auditor')) return { all: true as const };
  return { agencyIds: scopeIds(actor, 'agency', 'agency_admin', 'auditor'), actorId: actor.id };
}

export async function listRuns({ db }: Deps, actor: Actor, limit: number) {
  return runs.listRuns(db, runScope(actor), limit);
}

async function visibleRun(deps: Deps, actor: Actor, id: string) {
  const run = await runs.findRun(deps.db, id);
  if (!run || !mayViewImportRun(actor, run)) throw problems.notFound('No such import run.');
  return run;
}

export async function getRun(deps: Deps, actor: Actor, id: string) {
  const run = await visibleRun(deps, actor, id);
  const errors = await runs.errorPage(deps.db, id, 0, 1000);
  return { ...run, errors: errors.map((e) => ({ row: e.row_number, column: e.column_name, message: e.message })), errorsUrl: `/api/imports/${id}/errors.csv` };
}

/** The full error report of a run as CSV (row, column, message), streamed in pages. */
export async function errorsCsv(deps: Deps, actor: Actor, id: string): Promise<AsyncGenerator<string>> {
  await visibleRun(deps, actor, id);
  return (async function* () {
    yield `\uFEFF${csvLine(['BARIS', 'KOLOM', 'PESAN'])}`;
    let after = 0;
    while (true) {
      const page = await runs.errorPage(deps.db, id, after, 1000);
      if (!page.length) return;
      after = page.at(-1)!.seq;
      yield page.map((e) => csvLine([e.row_number, e.column_name, e.message])).join('');
    }
  })();
}
