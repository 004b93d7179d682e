// What one kind of import (staff, positions, units, …) is: its columns, a pure row parser, and
// batch checks and writes. The pipeline (pipeline.ts) does everything else: reading the file,
// headers, agency scope, staging, duplicates, the report, the transaction and progress.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Caller } from '../../../context.ts';

export interface ColumnSpec {
  /** Canonical (Indonesian, HR-export style) name, e.g. TANGGAL_LAHIR. */
  name: string;
  /** Other accepted headers; matching ignores case, spaces, dashes and dots. */
  aliases: string[];
  /** 'agency': required unless the import is for one agency (then it defaults to it). */
  required: boolean | 'agency';
  description: string;
}

export interface RowError {
  row: number | null;
  column: string | null;
  message: string;
}

export interface ParsedRow<P> {
  data?: P;
  /** The natural key (unique within a file), e.g. the NIP, or AGENCY|CODE. */
  key?: string;
  /** Key of another row this row links to (supervisor, parent unit), or null. */
  ref?: string | null;
  agencyCode?: string;
  errors: { column: string; message: string }[];
}

export interface StagedRow<P> {
  rowNumber: number;
  key: string;
  ref: string | null;
  agencyId: number;
  agencyCode: string;
  data: P;
}

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface KindContext {
  db: Kysely<DB>;
  caller: Caller;
  runId: string;
  /** May the caller write records of this agency? */
  mayWrite(agencyId: number): boolean;
  agencyCode(agencyId: number): string | undefined;
}

export interface ImportKind<P> {
  kind: string;
  /** For progress lines, e.g. "civil servants". */
  label: string;
  columns: ColumnSpec[];
  /** Pure: cells by canonical column name (absent columns are missing from the record). */
  parse(cells: Record<string, string>): ParsedRow<P>;
  /** References against the registry and the rest of the file; called in batches. */
  check(ctx: KindContext, rows: StagedRow<P>[]): Promise<RowError[]>;
  /** Checks over the file as a whole (e.g. cycles), after every row is staged. */
  checkFile?(ctx: KindContext): Promise<RowError[]>;
  /** Writes a batch (inside the import's transaction) and audits each change. */
  apply(ctx: KindContext, rows: StagedRow<P>[]): Promise<Counts>;
  /** After every batch: links that need all rows written first (supervisors, parent units). */
  finish?(ctx: KindContext): Promise<void>;
}

export const normaliseHeader = (text: string) => text.replace(/^\uFEFF/, '').trim().toUpperCase().replace(/[\s.\-]+/g, '_');
