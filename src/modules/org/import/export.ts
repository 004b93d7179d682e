// Staff export as CSV in the import's own columns (a file exported here imports unchanged).
// Streamed in keyset pages by id, never all rows in memory; rows limited to what the caller may
// see, NIP, birth date, TMT CPNS and supervisor NIP only where they may see personal data.
import { sql } from 'kysely';
import type { Deps } from '../../../context.ts';
import type { Actor } from '../../../http/actor.ts';
import { mayViewPersonalData, personFilter } from '../policy.ts';
import { csvLine } from './csv-out.ts';

export const STAFF_EXPORT_COLUMNS = ['NIP', 'NAMA', 'JENIS_KELAMIN', 'TANGGAL_LAHIR', 'TMT_CPNS', 'GOLONGAN', 'KODE_INSTANSI', 'KODE_UNIT', 'KODE_JABATAN', 'NIP_ATASAN', 'STATUS'];
const STATUS_OUT: Record<string, string> = { active: 'AKTIF', leave: 'CUTI', retired: 'PENSIUN', dismissed: 'DIBERHENTIKAN' };
const PAGE = 1000;

export async function* exportStaffCsv({ db }: Deps, actor: Actor | null, agencyId?: number): AsyncGenerator<string> {
  const filter = actor ? personFilter(actor) : ({ all: true } as const);
  yield `\uFEFF${csvLine(STAFF_EXPORT_COLUMNS)}`; // BOM: Excel opens it as UTF-8
  let after = 0;
  while (true) {
    let q = db
      .selectFrom('civil_servant as c')
      .innerJoin('agency as a', 'a.id', 'c.agency_id')
      .leftJoin('unit as u', 'u.id', 'c.unit_id')
      .leftJoin('position as p', 'p.id', 'c.position_id')
      .leftJoin('civil_servant as s', 's.id', 'c.supervisor_id')
      .select(['c.id', 'c.agency_id', 'c.nip', 'c.name', 'c.gender', 'c.birth_date', 'c.tmt_cpns', 'c.rank', 'c.status', 'a.code as agency_code', 'u.code as unit_code', 'p.code as position_code', 's.nip as supervisor_nip'])
      .where('c.id', '>', after)
      .orderBy('c.id')
      .limit(PAGE);
    if (agencyId) q = q.where('c.agency_id', '=', agencyId);
    if (!('all' in filter)) {
      q = q.where((eb) =>
        eb.or([
          ...(filter.agencyIds.length ? [eb('c.agency_id', 'in', filter.agencyIds)] : []),
          ...(filter.supervisorOf !== null ? [eb('c.supervisor_id', '=', filter.supervisorOf)] : []),
          ...(filter.self !== null ? [eb('c.id', '=', filter.self)] : []),
          sql<boolean>`false`,
        ]),
      );
    }
    const rows = await q.execute();
    if (!rows.length) return;
    after = rows.at(-1)!.id;
    let chunk = '';
    for (const r of rows) {
      const personal = !actor || mayViewPersonalData(actor, r);
      chunk += csvLine([
        personal ? r.nip : '',
        r.name,
        r.gender === 1 ? 'L' : 'P',
        personal ? r.birth_date : '',
        personal ? r.tmt_cpns : '',
        r.rank,
        r.agency_code,
        r.unit_code,
        r.position_code,
        personal ? r.supervisor_nip : '',
        STATUS_OUT[r.status] ?? r.status,
      ]);
    }
    yield chunk;
    if (rows.length < PAGE) return;
  }
}
