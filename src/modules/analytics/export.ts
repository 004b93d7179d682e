// Sends a dataset's table as CSV (UTF-8 with BOM, RFC 4180, formulas defused — the registry
// export's csvLine) or as XLSX (exceljs' streaming writer: rows go out as they are produced).
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { csvLine } from '../org/import/csv-out.ts';
import type { Cell, Table } from './tables.ts';

export type ExportFormat = 'csv' | 'xlsx';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const safeFileName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 120) || 'data';

async function* rowsOf(rows: Table['rows']): AsyncGenerator<Cell[]> {
  if (Array.isArray(rows)) yield* rows;
  else yield* rows;
}

async function* csvLines(table: Table): AsyncGenerator<string> {
  yield `\uFEFF${csvLine(table.columns.map((c) => c.label))}`;
  for await (const row of rowsOf(table.rows)) yield csvLine(row);
}

async function writeXlsx(table: Table, out: PassThrough): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Kembang';
  const sheet = workbook.addWorksheet(table.title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = table.columns.map((c) => ({ key: c.key, width: Math.min(48, Math.max(10, c.label.length + 2)) }));
  const title = sheet.addRow([table.title]);
  title.font = { bold: true, size: 13 };
  title.commit();
  const header = sheet.addRow(table.columns.map((c) => c.label));
  header.font = { bold: true };
  header.commit();
  for await (const row of rowsOf(table.rows)) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}

export function sendTable(reply: FastifyReply, table: Table, format: ExportFormat) {
  const file = `${safeFileName(table.name)}.${format}`;
  reply.header('content-disposition', `attachment; filename="${file}"`).header('cache-control', 'no-store');
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(Readable.from(csvLines(table)));
  const out = new PassThrough();
  writeXlsx(table, out).catch((error: unknown) => out.destroy(error as Error));
  return reply.type(XLSX_TYPE).send(out);
}
