// Import kind "staff": civil servants, upserted by NIP.
import { sql } from 'kysely';
import { recordAudit } from '../../../audit/service.ts';
import { parseNip } from '../../nip.ts';
import { personFieldErrors, readDate, readGender, readRank, readStatus, type PersonFields, type Status } from '../../registry-rules.ts';
import type { ColumnSpec, Counts, ImportKind, KindContext, RowError, StagedRow } from '../kind.ts';
import { cycles, stagedKeys } from '../runs-repository.ts';
import { CODE, codeMaps, same } from './shared.ts';

export interface StaffRow {
  nip: string;
  name: string;
  gender: number;
  birthDate: string;
  tmtCpns: string;
  rank: string;
  /** undefined: the column is absent, keep what the registry has; null: clear it */
  unitCode?: string | null;
  positionCode?: string | null;
  supervisorNip?: string | null;
  status?: Status;
}

const columns: ColumnSpec[] = [
  { name: 'NIP', aliases: ['NIP_BARU', 'NIP BARU'], required: true, description: '18 digits; must agree with TANGGAL_LAHIR, TMT_CPNS and JENIS_KELAMIN' },
  { name: 'NAMA', aliases: ['NAME', 'NAMA_LENGKAP', 'NAMA PEGAWAI'], required: true, description: 'full name' },
  { name: 'JENIS_KELAMIN', aliases: ['GENDER', 'JK', 'SEX'], required: true, description: '1/L/Laki-laki or 2/P/Perempuan' },
  { name: 'TANGGAL_LAHIR', aliases: ['TGL_LAHIR', 'BIRTH_DATE'], required: true, description: 'YYYY-MM-DD or DD-MM-YYYY' },
  { name: 'TMT_CPNS', aliases: ['TMT CPNS', 'TMT_CPNS_DATE'], required: true, description: 'YYYY-MM-DD or DD-MM-YYYY' },
  { name: 'GOLONGAN', aliases: ['GOL', 'GOL_RUANG', 'GOLONGAN_RUANG', 'PANGKAT_GOLONGAN', 'RANK'], required: true, description: 'I/a … IV/e (also 3a, III/A)' },
  { name: 'KODE_INSTANSI', aliases: ['INSTANSI_KODE', 'AGENCY_CODE', 'INSTANSI_INDUK_KODE'], required: 'agency', description: 'agency code (optional when importing for one agency)' },
  { name: 'KODE_UNIT', aliases: ['UNIT_KERJA_KODE', 'KODE_UNIT_KERJA', 'UNIT_CODE'], required: false, description: 'unit code in the agency; empty: no unit' },
  { name: 'KODE_JABATAN', aliases: ['JABATAN_KODE', 'POSITION_CODE'], required: false, description: 'position code in the agency; empty: no position' },
  { name: 'NIP_ATASAN', aliases: ['ATASAN_NIP', 'SUPERVISOR_NIP', 'NIP_ATASAN_LANGSUNG'], required: false, description: 'NIP of the direct supervisor (in the file or the registry, same agency)' },
  { name: 'STATUS', aliases: ['STATUS_PEGAWAI', 'KEDUDUKAN_HUKUM'], required: false, description: 'AKTIF, CUTI, PENSIUN, DIBERHENTIKAN (or active, leave, retired, dismissed); default AKTIF' },
];

const COLUMN_OF: Record<keyof PersonFields, string> = { nip: 'NIP', name: 'NAMA', gender: 'JENIS_KELAMIN', birthDate: 'TANGGAL_LAHIR', tmtCpns: 'TMT_CPNS', rank: 'GOLONGAN' };

function parse(cells: Record<string, string>) {
  const errors: { column: string; message: string }[] = [];
  const nip = cells.NIP.replace(/\s/g, '').replace(/^'/, '');
  const gender = readGender(cells.JENIS_KELAMIN);
  const birthDate = readDate(cells.TANGGAL_LAHIR);
  const tmtCpns = readDate(cells.TMT_CPNS);
  const rank = readRank(cells.GOLONGAN);
  if (!cells.JENIS_KELAMIN) errors.push({ column: 'JENIS_KELAMIN', message: 'is empty' });
  else if (!gender) errors.push({ column: 'JENIS_KELAMIN', message: `"${cells.JENIS_KELAMIN}" is not 1/L (male) or 2/P (female)` });
  for (const [column, value, read] of [['TANGGAL_LAHIR', cells.TANGGAL_LAHIR, birthDate], ['TMT_CPNS', cells.TMT_CPNS, tmtCpns]] as const) {
    if (!value) errors.push({ column, message: 'is empty' });
    else if (!read) errors.push({ column, message: `"${value}" is not a real date (YYYY-MM-DD or DD-MM-YYYY)` });
  }
  if (!cells.GOLONGAN) errors.push({ column: 'GOLONGAN', message: 'is empty' });
  else if (!rank) errors.push({ column: 'GOLONGAN', message: `"${cells.GOLONGAN}" is not a rank (I/a … IV/e)` });
  const fields = { nip, name: cells.NAMA, gender: gender ?? 0, birthDate: birthDate ?? '', tmtCpns: tmtCpns ?? '', rank: rank ?? '' };
  const reported = new Set(errors.map((e) => e.column));
  for (const e of personFieldErrors(fields)) {
    const column = COLUMN_OF[e.field];
    if (!reported.has(column)) errors.push({ column, message: e.message });
  }
  const optional = (name: string) => (name in cells ? cells[name] || null : undefined);
  const unitCode = optional('KODE_UNIT');
  const positionCode = optional('KODE_JABATAN');
  const supervisorNip = optional('NIP_ATASAN')?.replace(/\s/g, '').replace(/^'/, '') ?? (('NIP_ATASAN' in cells) ? null : undefined);
  for (const [column, code] of [['KODE_UNIT', unitCode], ['KODE_JABATAN', positionCode]] as const) {
    if (code && !CODE.test(code)) errors.push({ column, message: `"${code}" is not a code (letters, digits, . _ / -)` });
  }
  if (supervisorNip) {
    if (!/^\d{18}$/.test(supervisorNip)) errors.push({ column: 'NIP_ATASAN', message: 'must be an 18-digit NIP' });
    else if (supervisorNip === nip) errors.push({ column: 'NIP_ATASAN', message: 'is the person\'s own NIP: nobody supervises themselves' });
  }
  let status: Status | undefined;
  if (cells.STATUS) {
    status = readStatus(cells.STATUS) ?? undefined;
    if (!status) errors.push({ column: 'STATUS', message: `"${cells.STATUS}" is not AKTIF, CUTI, PENSIUN or DIBERHENTIKAN` });
  } else if ('STATUS' in cells) status = 'active';
  const agencyCode = cells.KODE_INSTANSI?.trim() || undefined;
  if (!agencyCode) errors.push({ column: 'KODE_INSTANSI', message: 'is empty' });
  const data: StaffRow = { ...fields, name: cells.NAMA.trim(), unitCode, positionCode, supervisorNip, status };
  return { data, key: nip, ref: supervisorNip ?? null, agencyCode, errors };
}

async function existingByNip(ctx: KindContext, nips: string[]) {
  if (!nips.length) return new Map();
  const rows = await ctx.db
    .selectFrom('civil_servant as c')
    .leftJoin('civil_servant as s', 's.id', 'c.supervisor_id')
    .leftJoin('unit as u', 'u.id', 'c.unit_id')
    .leftJoin('position as p', 'p.id', 'c.position_id')
    .select(['c.id', 'c.agency_id', 'c.nip', 'c.name', 'c.gender', 'c.birth_date', 'c.tmt_cpns', 'c.rank', 'c.unit_id', 'c.position_id', 'c.supervisor_id', 'c.status', 's.nip as supervisor_nip', 'u.code as unit_code', 'p.code as position_code'])
    .where('c.nip', 'in', nips)
    .execute();
  return new Map(rows.map((r) => [r.nip, r]));
}

async function check(ctx: KindContext, rows: StagedRow<StaffRow>[]): Promise<RowError[]> {
  const errors: RowError[] = [];
  const codes = codeMaps(ctx);
  const existing = await existingByNip(ctx, rows.map((r) => r.key));
  const supNips = [...new Set(rows.map((r) => r.data.supervisorNip).filter((n): n is string => Boolean(n)))];
  const supInFile = new Map((await stagedKeys(ctx.db, ctx.runId, supNips)).map((s) => [s.key, s.agency_code]));
  const supInRegistry = await existingByNip(ctx, supNips.filter((n) => !supInFile.has(n)));
  for (const r of rows) {
    const d = r.data;
    const before = existing.get(d.nip);
    if (before && before.agency_id !== r.agencyId && !ctx.mayWrite(before.agency_id)) {
      errors.push({ row: r.rowNumber, column: 'NIP', message: `belongs to a civil servant of another agency (${ctx.agencyCode(before.agency_id)}); only that agency or a national admin may change it` });
    }
    if (d.unitCode && !(await codes.unit(r.agencyId, d.unitCode))) errors.push({ row: r.rowNumber, column: 'KODE_UNIT', message: `no unit "${d.unitCode}" in agency ${r.agencyCode}` });
    if (d.positionCode && !(await codes.position(r.agencyId, d.positionCode))) errors.push({ row: r.rowNumber, column: 'KODE_JABATAN', message: `no position "${d.positionCode}" in agency ${r.agencyCode}` });
    if (d.supervisorNip) {
      const fileAgency = supInFile.get(d.supervisorNip);
      const registry = supInRegistry.get(d.supervisorNip);
      const supAgency = fileAgency ?? (registry ? ctx.agencyCode(registry.agency_id) : undefined);
      if (!supAgency) errors.push({ row: r.rowNumber, column: 'NIP_ATASAN', message: `no civil servant with NIP ${d.supervisorNip} in this file or the registry` });
      else if (supAgency !== r.agencyCode) errors.push({ row: r.rowNumber, column: 'NIP_ATASAN', message: `${d.supervisorNip} works in another agency (${supAgency}); a supervisor must be in the same agency` });
    }
  }
  return errors;
}

async function checkFile(ctx: KindContext): Promise<RowError[]> {
  const found = await cycles(ctx.db, ctx.runId, (cur) => sql`select s.nip from civil_servant c join civil_servant s on s.id = c.supervisor_id where c.nip = ${cur}`);
  return found.map((c) => ({ row: c.row_number, column: 'NIP_ATASAN', message: `would create a supervisor cycle: ${c.path.join(' → ')}` }));
}

async function apply(ctx: KindContext, rows: StagedRow<StaffRow>[]): Promise<Counts> {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0 };
  const codes = codeMaps(ctx);
  const existing = await existingByNip(ctx, rows.map((r) => r.key));
  const supNips = [...new Set(rows.map((r) => r.data.supervisorNip).filter((n): n is string => Boolean(n)))];
  const supIds = new Map([...(await existingByNip(ctx, supNips)).values()].map((s) => [s.nip as string, s.id as number]));
  for (const r of rows) {
    const d = r.data;
    const before = existing.get(d.nip);
    const moved = before && before.agency_id !== r.agencyId;
    const keep = <T>(value: T | undefined, old: T | null | undefined) => (value === undefined ? (moved ? null : old ?? null) : value);
    const unitCode = keep(d.unitCode, before?.unit_code);
    const positionCode = keep(d.positionCode, before?.position_code);
    const supervisorNip = keep(d.supervisorNip, before?.supervisor_nip);
    const nip = parseNip(d.nip);
    const target = {
      agency_id: r.agencyId,
      nip: d.nip,
      name: d.name,
      gender: d.gender,
      birth_date: d.birthDate,
      tmt_cpns: d.tmtCpns,
      rank: d.rank,
      unit_id: unitCode ? (await codes.unit(r.agencyId, unitCode))! : null,
      position_id: positionCode ? (await codes.position(r.agencyId, positionCode))! : null,
      // A supervisor who is new in this file gets linked in finish(), once every row exists.
      supervisor_id: supervisorNip ? supIds.get(supervisorNip) ?? null : null,
      status: d.status ?? before?.status ?? 'active',
    };
    if (!nip.ok) throw new Error(`row ${r.rowNumber}: NIP checked before but invalid now`);
    const view = { ...target, unit_code: unitCode, position_code: positionCode, supervisor_nip: supervisorNip };
    if (!before) {
      const created = await ctx.db.insertInto('civil_servant').values(target).returning('id').executeTakeFirstOrThrow();
      await recordAudit(ctx.db, ctx.caller, { action: 'civil_servant.imported', entityType: 'civil_servant', entityId: created.id, scopeType: 'agency', scopeId: r.agencyId, after: view });
      counts.created++;
      continue;
    }
    const { id, supervisor_id: _s, unit_id: _u, position_id: _p, ...beforeView } = before;
    if (same(beforeView, view, ['agency_id', 'name', 'gender', 'birth_date', 'tmt_cpns', 'rank', 'status', 'unit_code', 'position_code', 'supervisor_nip'])) {
      counts.unchanged++;
      continue;
    }
    await ctx.db.updateTable('civil_servant').set({ ...target, updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(ctx.db, ctx.caller, { action: 'civil_servant.imported', entityType: 'civil_servant', entityId: id, scopeType: 'agency', scopeId: r.agencyId, before: beforeView, after: view });
    counts.updated++;
  }
  return counts;
}

async function finish(ctx: KindContext): Promise<void> {
  await sql`
    update civil_servant c set supervisor_id = s.id, updated_at = now()
    from import_row r join civil_servant s on s.nip = r.ref
    where r.run_id = ${ctx.runId} and r.ref is not null and c.nip = r.key and c.supervisor_id is distinct from s.id`.execute(ctx.db);
}

export const staffImport: ImportKind<StaffRow> = { kind: 'staff', label: 'civil servants', columns, parse, check, checkFile, apply, finish };
