// Import kind "positions": positions (jabatan) of an agency, upserted by agency and code.
import { recordAudit } from '../../../audit/service.ts';
import { readPositionKind, readTier, tierProblem, TIERS } from '../../registry-rules.ts';
import type { ColumnSpec, Counts, ImportKind, KindContext, StagedRow } from '../kind.ts';
import { CODE, same } from './shared.ts';

export interface PositionRow {
  code: string;
  name: string;
  kind: string;
  tier: string;
}

const columns: ColumnSpec[] = [
  { name: 'KODE_JABATAN', aliases: ['JABATAN_KODE', 'POSITION_CODE', 'KODE'], required: true, description: 'position code, unique in the agency' },
  { name: 'NAMA_JABATAN', aliases: ['JABATAN', 'NAMA', 'POSITION_NAME'], required: true, description: 'position name' },
  { name: 'JENIS_JABATAN', aliases: ['JENIS', 'KIND', 'POSITION_KIND'], required: true, description: 'STRUKTURAL/MANAJERIAL, FUNGSIONAL or PELAKSANA (or managerial, functional, executor)' },
  { name: 'JENJANG', aliases: ['JENJANG_JABATAN', 'TIER', 'ESELON_JENJANG'], required: true, description: `one of ${TIERS.join(', ')}` },
  { name: 'KODE_INSTANSI', aliases: ['INSTANSI_KODE', 'AGENCY_CODE'], required: 'agency', description: 'agency code (optional when importing for one agency)' },
];

function parse(cells: Record<string, string>) {
  const errors: { column: string; message: string }[] = [];
  const code = cells.KODE_JABATAN.trim();
  if (!CODE.test(code)) errors.push({ column: 'KODE_JABATAN', message: code ? `"${code}" is not a code (letters, digits, . _ / -)` : 'is empty' });
  if (!cells.NAMA_JABATAN.trim()) errors.push({ column: 'NAMA_JABATAN', message: 'is empty' });
  const kind = readPositionKind(cells.JENIS_JABATAN);
  if (!kind) errors.push({ column: 'JENIS_JABATAN', message: `"${cells.JENIS_JABATAN}" is not STRUKTURAL, FUNGSIONAL or PELAKSANA` });
  const tier = readTier(cells.JENJANG);
  if (!tier) errors.push({ column: 'JENJANG', message: `"${cells.JENJANG}" is not one of ${TIERS.join(', ')}` });
  else if (kind) {
    const problem = tierProblem(kind, tier);
    if (problem) errors.push({ column: 'JENJANG', message: problem });
  }
  const agencyCode = cells.KODE_INSTANSI?.trim() || undefined;
  if (!agencyCode) errors.push({ column: 'KODE_INSTANSI', message: 'is empty' });
  return { data: { code, name: cells.NAMA_JABATAN.trim(), kind: kind ?? '', tier: tier ?? '' }, key: `${agencyCode}|${code}`, ref: null, agencyCode, errors };
}

async function apply(ctx: KindContext, rows: StagedRow<PositionRow>[]): Promise<Counts> {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0 };
  for (const r of rows) {
    const d = r.data;
    const before = await ctx.db.selectFrom('position').select(['id', 'agency_id', 'code', 'name', 'kind', 'tier']).where('agency_id', '=', r.agencyId).where('code', '=', d.code).executeTakeFirst();
    const target = { agency_id: r.agencyId, code: d.code, name: d.name, kind: d.kind as 'managerial', tier: d.tier };
    if (!before) {
      const created = await ctx.db.insertInto('position').values(target).returning('id').executeTakeFirstOrThrow();
      await recordAudit(ctx.db, ctx.caller, { action: 'position.imported', entityType: 'position', entityId: created.id, scopeType: 'agency', scopeId: r.agencyId, after: target });
      counts.created++;
    } else if (same(before, target, ['name', 'kind', 'tier'])) {
      counts.unchanged++;
    } else {
      await ctx.db.updateTable('position').set(target).where('id', '=', before.id).execute();
      await recordAudit(ctx.db, ctx.caller, { action: 'position.imported', entityType: 'position', entityId: before.id, scopeType: 'agency', scopeId: r.agencyId, before, after: target });
      counts.updated++;
    }
  }
  return counts;
}

export const positionsImport: ImportKind<PositionRow> = { kind: 'positions', label: 'positions', columns, parse, check: async () => [], apply };
