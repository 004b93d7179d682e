// The import pipeline, the same for every kind:
//   1. read the file as a stream of rows (source.ts), map the header to the kind's columns,
//      parse each row (pure), check its agency against the caller's scope, and stage it in
//      import_row in batches (so memory stays flat however large the file is);
//   2. find duplicate keys, check references batch by batch, run whole-file checks (cycles);
//   3. with no errors, apply every row in ONE transaction (a dry run rolls it back, so it
//      reports exactly what would be created, updated or left unchanged); any error: nothing.
// The run row (import_run) carries status and counts that a client polls while it works.
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Caller, Deps } from '../../../context.ts';
import { recordAudit } from '../../audit/service.ts';
import { writableAgencies } from '../policy.ts';
import { normaliseHeader, type Counts, type ImportKind, type KindContext, type RowError, type StagedRow } from './kind.ts';
import * as runs from './runs-repository.ts';
import { ImportFileError, readRows, type ImportFormat } from './source.ts';

export interface ImportOptions {
  kind: ImportKind<unknown>;
  format: ImportFormat;
  input: Readable;
  dryRun: boolean;
  /** Import for this agency only: rows of other agencies are errors; KODE_INSTANSI may be left out. */
  agencyId?: number | null;
  fileName?: string | null;
  maxBytes: number;
  onProgress?: (phase: string, done: number) => void;
}

export interface ImportReport {
  id: string;
  kind: string;
  format: ImportFormat;
  dryRun: boolean;
  status: 'validated' | 'applied' | 'refused' | 'failed';
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  /** The first REPORT_ERROR_LIMIT errors; all of them are in the run's errors.csv. */
  errors: RowError[];
  errorsTruncated: boolean;
  tooLarge: boolean;
}

export const REPORT_ERROR_LIMIT = 1000;
const BATCH = 500;

class Rollback extends Error {}

export async function runImport(deps: Deps, caller: Caller, options: ImportOptions): Promise<ImportReport> {
  const { db } = deps;
  const { kind } = options;
  const actor = caller.actor;
  const scope = actor ? writableAgencies(actor) : 'all';
  const agencies = await db.selectFrom('agency').select(['id', 'code']).execute();
  const agencyByCode = new Map(agencies.map((a) => [a.code.toUpperCase(), a]));
  const codeById = new Map(agencies.map((a) => [a.id, a.code]));
  const forced = options.agencyId ?? (scope !== 'all' && scope.length === 1 ? scope[0] : null);

  const run = await runs.insertRun(db, {
    kind: kind.kind,
    format: options.format,
    file_name: options.fileName?.slice(0, 300) ?? null,
    dry_run: options.dryRun,
    agency_id: forced,
    actor_type: actor ? actor.type : 'system',
    actor_id: actor?.id ?? null,
    actor_label: actor ? actor.label : caller.systemLabel ?? 'system',
  });
  const runId = run.id;

  const report: ImportReport = { id: runId, kind: kind.kind, format: options.format, dryRun: options.dryRun, status: 'refused', rows: 0, created: 0, updated: 0, unchanged: 0, errorCount: 0, errors: [], errorsTruncated: false, tooLarge: false };
  let pendingErrors: { run_id: string; seq: number; row_number: number | null; column_name: string | null; message: string }[] = [];
  const addError = (e: RowError) => {
    report.errorCount++;
    if (report.errors.length < REPORT_ERROR_LIMIT) report.errors.push(e);
    else report.errorsTruncated = true;
    pendingErrors.push({ run_id: runId, seq: report.errorCount, row_number: e.row, column_name: e.column, message: e.message.slice(0, 1000) });
  };
  const flushErrors = async () => {
    await runs.insertErrors(db, pendingErrors);
    pendingErrors = [];
  };
  const mayWrite = (agencyId: number) => scope === 'all' || scope.includes(agencyId);
  const ctx: KindContext = { db, caller, runId, mayWrite, agencyCode: (id) => codeById.get(id) };

  try {
    // ---- 1. read, parse, stage ----
    let bytes = 0;
    let columnAt: Map<string, number> | null = null;
    let staged: { run_id: string; row_number: number; key: string; ref: string | null; agency_code: string | null; data: string }[] = [];
    const flushStaged = async () => {
      await runs.insertRows(db, staged);
      staged = [];
      await flushErrors();
      await runs.updateRun(db, runId, { processed: report.rows, bytes_read: bytes, error_count: report.errorCount });
      options.onProgress?.('reading', report.rows);
    };
    const agencyColumn = kind.columns.find((c) => c.required === 'agency')?.name;
    try {
      for await (const source of readRows(options.input, options.format, { maxBytes: options.maxBytes, onBytes: (n) => (bytes = n) })) {
        if (!columnAt) {
          columnAt = mapHeader(kind, source.cells, forced !== null, addError);
          if (!columnAt) break;
          continue;
        }
        if (source.cells.every((c) => c === '')) continue;
        report.rows++;
        const row = source.rowNumber;
        const cells: Record<string, string> = {};
        for (const [name, index] of columnAt) cells[name] = source.cells[index] ?? '';
        const headerWidth = Math.max(...columnAt.values()) + 1;
        if (source.cells.length < headerWidth) addError({ row, column: null, message: `has ${source.cells.length} values but the header has ${headerWidth} columns (the row may be cut off)` });
        const badCells = new Set<string>();
        for (const p of source.cellProblems) {
          const name = [...columnAt].find(([, i]) => i === p.index)?.[0];
          if (name) {
            addError({ row, column: name, message: p.message });
            badCells.add(name);
          }
        }
        if (agencyColumn && forced !== null && !cells[agencyColumn]) cells[agencyColumn] = codeById.get(forced)!;
        const parsed = kind.parse(cells);
        for (const e of parsed.errors) if (!badCells.has(e.column)) addError({ row, ...e });
        let agencyOk = false;
        if (parsed.agencyCode !== undefined && agencyColumn) {
          const agency = agencyByCode.get(parsed.agencyCode.toUpperCase());
          if (!agency) addError({ row, column: agencyColumn, message: `no agency with code "${parsed.agencyCode}"` });
          else if (forced !== null && agency.id !== forced) addError({ row, column: agencyColumn, message: `${agency.code} is not the agency of this import (${codeById.get(forced)})` });
          else if (!mayWrite(agency.id)) addError({ row, column: agencyColumn, message: `${agency.code} is outside your scope: you may import only your own agency's records` });
          else agencyOk = true;
        }
        if (parsed.errors.length === 0 && badCells.size === 0 && agencyOk && parsed.key !== undefined && parsed.data !== undefined) {
          staged.push({ run_id: runId, row_number: row, key: parsed.key, ref: parsed.ref ?? null, agency_code: agencyByCode.get(parsed.agencyCode!.toUpperCase())!.code, data: JSON.stringify(parsed.data) });
        }
        if (staged.length >= BATCH) await flushStaged();
      }
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      addError({ row: error.row, column: error.column, message: error.message });
      report.tooLarge = error.tooLarge;
    }
    if (!columnAt && report.errorCount === 0) addError({ row: 1, column: null, message: 'the file is empty: expected a header row and data rows' });
    else if (columnAt && report.rows === 0 && report.errorCount === 0) addError({ row: null, column: null, message: 'the file has a header but no data rows' });
    await flushStaged();

    // ---- 2. whole-file checks ----
    if (report.errorCount === 0 || !report.tooLarge) {
      await runs.updateRun(db, runId, { status: 'validating' });
      for (const d of await runs.duplicateKeys(db, runId)) {
        addError({ row: d.row_number, column: kind.columns[0].name, message: `${d.key.replace('|', ' ')} appears again (first on row ${d.first_row}); each record may appear once per file` });
      }
      await eachBatch(db, runId, codeByIdOrThrow(agencyByCode), async (batch) => {
        for (const e of await kind.check(ctx, batch)) addError(e);
        await flushErrors();
      });
      for (const e of (await kind.checkFile?.(ctx)) ?? []) addError(e);
      await flushErrors();
    }

    // ---- 3. apply, all or nothing ----
    if (report.errorCount === 0) {
      await runs.updateRun(db, runId, { status: 'applying' });
      const counts: Counts = { created: 0, updated: 0, unchanged: 0 };
      try {
        await db.transaction().execute(async (tx) => {
          const txCtx: KindContext = { ...ctx, db: tx };
          let done = 0;
          await eachBatch(tx, runId, codeByIdOrThrow(agencyByCode), async (batch) => {
            const c = await kind.apply(txCtx, batch);
            counts.created += c.created;
            counts.updated += c.updated;
            counts.unchanged += c.unchanged;
            done += batch.length;
            options.onProgress?.('applying', done);
          });
          await kind.finish?.(txCtx);
          if (options.dryRun) throw new Rollback();
          await recordAudit(tx, caller, {
            action: 'import.applied',
            entityType: 'import_run',
            entityId: runId,
            scopeType: forced !== null ? 'agency' : 'national',
            scopeId: forced,
            after: { kind: kind.kind, file: options.fileName ?? null, rows: report.rows, ...counts },
          });
        });
      } catch (error) {
        if (!(error instanceof Rollback)) throw error;
      }
      Object.assign(report, counts);
      report.status = options.dryRun ? 'validated' : 'applied';
    } else {
      report.status = 'refused';
    }
    await runs.updateRun(db, runId, { status: report.status, processed: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged, error_count: report.errorCount, finished_at: new Date() });
    return report;
  } catch (error) {
    // Anything unexpected (e.g. a concurrent import writing the same NIP): nothing applied, the run says why.
    const message = (error as { code?: string }).code === '23505' ? 'Another change to the same records happened at the same time; nothing was applied. Run the import again.' : `The import failed: ${(error as Error).message}`;
    addError({ row: null, column: null, message });
    await flushErrors().catch(() => {});
    await runs.updateRun(db, runId, { status: 'failed', message: message.slice(0, 1000), error_count: report.errorCount, finished_at: new Date() }).catch(() => {});
    report.status = 'failed';
    Object.assign(report, { created: 0, updated: 0, unchanged: 0 });
    return report;
  } finally {
    options.input.destroy();
    await runs.dropStaged(db, runId).catch(() => {});
  }
}

const codeByIdOrThrow = (agencyByCode: Map<string, { id: number; code: string }>) => (code: string) => {
  const agency = agencyByCode.get(code.toUpperCase());
  if (!agency) throw new Error(`agency ${code} vanished during the import`);
  return agency.id;
};

async function eachBatch(db: Kysely<DB>, runId: string, agencyId: (code: string) => number, work: (rows: StagedRow<unknown>[]) => Promise<void>) {
  let after = 0;
  while (true) {
    const page = await runs.rowPage(db, runId, after, BATCH);
    if (!page.length) return;
    after = page.at(-1)!.row_number;
    await work(page.map((r) => ({ rowNumber: r.row_number, key: r.key, ref: r.ref, agencyCode: r.agency_code!, agencyId: agencyId(r.agency_code!), data: r.data })));
  }
}

/** Header cells → column index per canonical name; null (after reporting) when required columns are missing. */
function mapHeader(kind: ImportKind<unknown>, header: string[], oneAgency: boolean, addError: (e: RowError) => void): Map<string, number> | null {
  const at = new Map<string, number>();
  header.forEach((cell, index) => {
    const h = normaliseHeader(cell);
    if (!h) return;
    const spec = kind.columns.find((c) => c.name === h || c.aliases.some((a) => normaliseHeader(a) === h));
    if (!spec) return; // HR exports carry many more columns; those are ignored
    if (at.has(spec.name)) addError({ row: 1, column: spec.name, message: `appears twice in the header (columns ${at.get(spec.name)! + 1} and ${index + 1})` });
    else at.set(spec.name, index);
  });
  const missing = kind.columns.filter((c) => !at.has(c.name) && (c.required === true || (c.required === 'agency' && !oneAgency)));
  for (const c of missing) {
    addError({ row: 1, column: c.name, message: `the header has no ${c.name} column${c.required === 'agency' ? ' (needed unless the import is for one agency)' : ''}; expected columns: ${kind.columns.map((x) => x.name).join(', ')}` });
  }
  return missing.length ? null : at;
}
