// The import kinds. A new kind is one file in this folder (columns + parse + check + apply)
// and one line here; the pipeline, routes, CLI and error report pick it up.
import type { ImportKind } from '../kind.ts';
import { positionsImport } from './positions.ts';
import { staffImport } from './staff.ts';
import { unitsImport } from './units.ts';

export const IMPORT_KINDS: Record<string, ImportKind<any>> = {
  staff: staffImport,
  positions: positionsImport,
  units: unitsImport,
};
