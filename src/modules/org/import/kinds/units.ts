// Import kind "units": the unit tree of an agency, upserted by agency and code. A parent may
// come later in the file; the tree may not get a cycle (within the file or with the registry).
import { sql } from 'kysely';
import { recordAudit } from '../../../audit/service.ts';
import type { ColumnSpec, Counts, ImportKind, KindContext, RowError, StagedRow } from '../kind.ts';
import { cycles, stagedKeys } from '../runs-repository.ts';
import { CODE, codeMaps, same } from './shared.ts';

export interface UnitRow {
  code: string;
  name: string;
  /** undefined: column absent, keep the registry's parent; null: a root unit */
  parentCode?: string | null;
}

const columns: ColumnSpec[] = [
  { name: 'KODE_UNIT', aliases: ['UNIT_KERJA_KODE', 'KODE_UNIT_KERJA', 'UNIT_CODE', 'KODE'], required: true, description: 'unit code, unique in the agency' },
  { name: 'NAMA_UNIT', aliases: ['UNIT_KERJA', 'NAMA_UNIT_KERJA', 'NAMA', 'UNIT_NAME'], required: true, description: 'unit name' },
  { name: 'KODE_UNIT_INDUK', aliases: ['INDUK_UNIT_KODE', 'KODE_INDUK', 'PARENT_CODE', 'DIATASAN_KODE'], required: false, description: 'code of the parent unit (same agency; in the file or the registry); empty: a root unit' },
  { name: 'KODE_INSTANSI', aliases: ['INSTANSI_KODE', 'AGENCY_CODE'], required: 'agency', description: 'agency code (optional when importing for one agency)' },
];

function parse(cells: Record<string, string>) {
  const errors: { column: string; message: string }[] = [];
  const code = cells.KODE_UNIT.trim();
  if (!CODE.test(code)) errors.push({ column: 'KODE_UNIT', message: code ? `"${code}" is not a code (letters, digits, . _ / -)` : 'is empty' });
  if (!cells.NAMA_UNIT.trim()) errors.push({ column: 'NAMA_UNIT', message: 'is empty' });
  const parentCode = 'KODE_UNIT_INDUK' in cells ? cells.KODE_UNIT_INDUK.trim() || null : undefined;
  if (parentCode && !CODE.test(parentCode)) errors.push({ column: 'KODE_UNIT_INDUK', message: `"${parentCode}" is not a code` });
  if (parentCode && parentCode === code) errors.push({ column: 'KODE_UNIT_INDUK', message: 'is the unit itself: a unit cannot be its own parent' });
  const agencyCode = cells.KODE_INSTANSI?.trim() || undefined;
  if (!agencyCode) errors.push({ column: 'KODE_INSTANSI', message: 'is empty' });
  return { data: { code, name: cells.NAMA_UNIT.trim(), parentCode }, key: `${agencyCode}|${code}`, ref: parentCode ? `${agencyCode}|${parentCode}` : null, agencyCode, errors };
}

async function check(ctx: KindContext, rows: StagedRow<UnitRow>[]): Promise<RowError[]> {
  const codes = codeMaps(ctx);
  const refs = rows.map((r) => r.ref).filter((k): k is string => Boolean(k));
  const inFile = new Set((await stagedKeys(ctx.db, ctx.runId, refs)).map((s) => s.key));
  const errors: RowError[] = [];
  for (const r of rows) {
    if (r.ref && !inFile.has(r.ref) && !(await codes.unit(r.agencyId, r.data.parentCode!))) {
      errors.push({ row: r.rowNumber, column: 'KODE_UNIT_INDUK', message: `no unit "${r.data.parentCode}" in agency ${r.agencyCode}, in this file or the registry` });
    }
  }
  return errors;
}

async function checkFile(ctx: KindContext): Promise<RowError[]> {
  const found = await cycles(ctx.db, ctx.runId, (cur) =>
    sql`select a.code || '|' || p.code from agency a join unit c on c.agency_id = a.id join unit p on p.id = c.parent_id where a.code = split_part(${cur}, '|', 1) and c.code = split_part(${cur}, '|', 2)`,
  );
  return found.map((c) => ({ row: c.row_number, column: 'KODE_UNIT_INDUK', message: `would create a cycle in the unit tree: ${c.path.map((k) => k.split('|')[1]).join(' → ')}` }));
}

async function apply(ctx: KindContext, rows: StagedRow<UnitRow>[]): Promise<Counts> {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0 };
  const codes = codeMaps(ctx);
  for (const r of rows) {
    const d = r.data;
    const before = await ctx.db
      .selectFrom('unit as u')
      .leftJoin('unit as p', 'p.id', 'u.parent_id')
      .select(['u.id', 'u.code', 'u.name', 'u.parent_id', 'p.code as parent_code'])
      .where('u.agency_id', '=', r.agencyId)
      .where('u.code', '=', d.code)
      .executeTakeFirst();
    const parentCode = d.parentCode === undefined ? before?.parent_code ?? null : d.parentCode;
    // A parent that is new in this file is linked in finish().
    const parentId = parentCode ? (await codes.unit(r.agencyId, parentCode)) ?? null : null;
    const view = { agency_id: r.agencyId, code: d.code, name: d.name, parent_code: parentCode };
    if (!before) {
      const created = await ctx.db.insertInto('unit').values({ agency_id: r.agencyId, code: d.code, name: d.name, parent_id: parentId }).returning('id').executeTakeFirstOrThrow();
      await recordAudit(ctx.db, ctx.caller, { action: 'unit.imported', entityType: 'unit', entityId: created.id, scopeType: 'agency', scopeId: r.agencyId, after: view });
      counts.created++;
    } else if (same(before, view, ['name', 'parent_code'])) {
      counts.unchanged++;
    } else {
      await ctx.db.updateTable('unit').set({ name: d.name, parent_id: parentId }).where('id', '=', before.id).execute();
      await recordAudit(ctx.db, ctx.caller, { action: 'unit.imported', entityType: 'unit', entityId: before.id, scopeType: 'agency', scopeId: r.agencyId, before, after: view });
      counts.updated++;
    }
  }
  return counts;
}

async function finish(ctx: KindContext): Promise<void> {
  await sql`
    update unit u set parent_id = p.id
    from import_row r join agency a on a.code = r.agency_code join unit p on p.agency_id = a.id and p.code = split_part(r.ref, '|', 2)
    where r.run_id = ${ctx.runId} and r.ref is not null and u.agency_id = a.id and u.code = split_part(r.key, '|', 2) and u.parent_id is distinct from p.id`.execute(ctx.db);
}

export const unitsImport: ImportKind<UnitRow> = { kind: 'units', label: 'units', columns, parse, check, checkFile, apply, finish };
