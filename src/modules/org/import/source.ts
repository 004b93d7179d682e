// Reads an uploaded CSV or XLSX file as a stream of rows of text cells, never holding the file:
// a byte counter enforces the size limit, CSV is decoded as strict UTF-8 (a UTF-8 BOM is
// dropped, anything else is a clear error) and parsed by csv-parse; XLSX is read by ExcelJS's
// streaming WorkbookReader (first worksheet only).
import { Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

export type ImportFormat = 'csv' | 'xlsx';

/** A problem with the file as a whole (size, encoding, syntax); names the row when it can. */
export class ImportFileError extends Error {
  readonly row: number | null;
  readonly column: string | null;
  readonly tooLarge: boolean;
  constructor(message: string, row: number | null = null, column: string | null = null, tooLarge = false) {
    super(message);
    this.row = row;
    this.column = column;
    this.tooLarge = tooLarge;
  }
}

export interface SourceRow {
  /** Line of the CSV file / row of the worksheet, as the user sees it (the header is 1). */
  rowNumber: number;
  cells: string[];
  /** Cells that could not be read as text (e.g. an 18-digit NIP stored as an Excel number). */
  cellProblems: { index: number; message: string }[];
}

export interface SourceOptions {
  maxBytes: number;
  onBytes?: (total: number) => void;
}

function byteCounter(options: SourceOptions): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      if (total > options.maxBytes) return done(new ImportFileError(`The file is larger than the limit of ${options.maxBytes} bytes; split it into smaller files.`, null, null, true));
      options.onBytes?.(total);
      done(null, chunk);
    },
  });
}

/** Strict UTF-8 to text; the error names the line with the first bad byte. */
function utf8Decoder(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lines = 1;
  let first = true;
  const fail = (chunk: Buffer) => {
    // Find the line: decode the chunk line by line with a fresh decoder.
    let line = lines;
    let start = 0;
    for (let i = 0; i <= chunk.length; i++) {
      if (i === chunk.length || chunk[i] === 0x0a) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    return new ImportFileError(`The file is not valid UTF-8 text (first bad byte on line ${line}). Save it as "CSV UTF-8" and upload again.`, line);
  };
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, done) {
      if (first) {
        first = false;
        if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
          return done(new ImportFileError('The file is UTF-16 text. Save it as "CSV UTF-8" and upload again.', 1));
        }
        if (chunk[0] === 0x50 && chunk[1] === 0x4b) return done(new ImportFileError('This looks like an XLSX (zip) file, not CSV; upload it as XLSX.', 1));
      }
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        return done(fail(chunk));
      }
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
      done(null, text);
    },
    flush(done) {
      try {
        done(null, decoder.decode());
      } catch {
        done(new ImportFileError(`The file is not valid UTF-8 text (it ends in the middle of a character, line ${lines}).`, lines));
      }
    },
  });
}

/** Picks the delimiter of the header line: comma, semicolon (Excel in Indonesian locale) or tab. */
function sniffDelimiter(firstLine: string): string {
  const count = (c: string) => firstLine.split(c).length - 1;
  const candidates = [',', ';', '\t'].map((c) => [c, count(c)] as const).sort((a, b) => b[1] - a[1]);
  return candidates[0][1] > 0 ? candidates[0][0] : ',';
}

/** Text in, csv-parse records out; the parser is made once the header line tells the delimiter. */
function csvRecords(): Transform {
  let head = '';
  let parser: ReturnType<typeof parse> | null = null;
  let self: Transform;
  const start = () => {
    parser = parse({ delimiter: sniffDelimiter(head.split('\n')[0]), relax_column_count: true, skip_empty_lines: true, info: true, bom: true, trim: true });
    parser.on('data', (record) => self.push(record));
    parser.on('error', (error) => self.destroy(error));
  };
  const write = (text: string, done: (error?: Error | null) => void) => {
    if (parser!.write(text)) done();
    else parser!.once('drain', () => done());
  };
  self = new Transform({
    writableObjectMode: false,
    readableObjectMode: true,
    transform(chunk: Buffer | string, _encoding, done) {
      if (parser) return write(String(chunk), done);
      head += String(chunk);
      if (!head.includes('\n')) return done();
      start();
      write(head, done);
    },
    flush(done) {
      if (!parser) {
        start();
        parser!.write(head);
      }
      parser!.once('end', () => done());
      parser!.end();
    },
  });
  return self;
}

/** Iterates `iterable`, but fails as soon as any of `streams` fails (pipe() does not forward errors). */
async function* failFast<T>(iterable: AsyncIterable<T>, streams: Readable[]): AsyncGenerator<T> {
  let fail: (error: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {});
  for (const s of streams) s.on('error', (error) => fail(error));
  const iterator = iterable[Symbol.asyncIterator]();
  try {
    while (true) {
      const next = await Promise.race([iterator.next(), failed]);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    for (const s of streams) s.destroy();
  }
}

async function* csvRows(input: Readable, options: SourceOptions): AsyncGenerator<SourceRow> {
  const counter = byteCounter(options);
  const decoder = utf8Decoder();
  const records = csvRecords();
  input.pipe(counter).pipe(decoder).pipe(records);
  try {
    for await (const record of failFast(records as AsyncIterable<{ record: string[]; info: { lines: number } }>, [input, counter, decoder, records])) {
      yield { rowNumber: record.info.lines, cells: record.record, cellProblems: [] };
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const e = error as { code?: string; lines?: number; message: string };
    const where = e.lines ?? null;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') throw new ImportFileError(`A quoted value is never closed (from line ${where}); the file is malformed or cut off.`, where);
    if (e.code?.startsWith('CSV_')) throw new ImportFileError(`Malformed CSV near line ${where}: ${e.message}`, where);
    throw new ImportFileError(`The file could not be read: ${e.message}`);
  }
}

function cellText(value: ExcelJS.CellValue): { text: string; problem?: string } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value.trim() };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (typeof value === 'number') {
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      return { text: String(value), problem: 'is stored as a number and Excel has lost its last digits; format the column as Text and type the value again' };
    }
    return { text: String(value) };
  }
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if (typeof value === 'object') {
    if ('richText' in value) return { text: value.richText.map((r) => r.text).join('').trim() };
    if ('error' in value) return { text: '', problem: `is an Excel error (${String(value.error)})` };
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return { text: String(value.text).trim() };
  }
  return { text: String(value) };
}

async function* xlsxRows(input: Readable, options: SourceOptions): AsyncGenerator<SourceRow> {
  const counted = byteCounter(options);
  input.pipe(counted);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counted, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let sawSheet = false;
  try {
    for await (const sheet of failFast(reader, [input, counted])) {
      sawSheet = true;
      for await (const row of failFast(sheet, [input, counted])) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        const cells: string[] = [];
        const cellProblems: SourceRow['cellProblems'] = [];
        values.forEach((v, i) => {
          const { text, problem } = cellText(v);
          cells[i] = text;
          if (problem) cellProblems.push({ index: i, message: problem });
        });
        for (let i = 0; i < cells.length; i++) cells[i] ??= '';
        yield { rowNumber: row.number, cells, cellProblems };
      }
      break; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`The file is not a readable XLSX workbook (${(error as Error).message}); it may be damaged or cut off.`);
  } finally {
    counted.destroy();
    input.destroy();
  }
  if (!sawSheet) throw new ImportFileError('The XLSX workbook has no worksheet.');
}

export function readRows(input: Readable, format: ImportFormat, options: SourceOptions): AsyncGenerator<SourceRow> {
  return format === 'csv' ? csvRows(input, options) : xlsxRows(input, options);
}
