// Bulk import and export of the registry: every bad-input rule, all-or-nothing, dry run,
// idempotent re-import, XLSX, streaming, export round trip, scope.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { formatNip } from '../src/modules/org/nip.ts';
import { XLSX_TYPE } from '../src/modules/org/import/routes.ts';
import { backends, createTestApp, demoEmail, login, type Session, type TestApp } from './helpers.ts';

const HEADER = 'NIP,NAMA,JENIS_KELAMIN,TANGGAL_LAHIR,TMT_CPNS,GOLONGAN,KODE_INSTANSI,KODE_UNIT,KODE_JABATAN,NIP_ATASAN,STATUS';
const nipOf = (n: number, gender: 1 | 2 = 1) => formatNip({ birthDate: `1980-01-${String((n % 28) + 1).padStart(2, '0')}`, tmtCpns: '2005-06-01', gender, sequence: n % 1000 });
const birthOf = (n: number) => `1980-01-${String((n % 28) + 1).padStart(2, '0')}`;
/** A valid staff row of agency 32; the supervisor (by NIP) is optional. */
const row = (n: number, over: Partial<Record<'nip' | 'name' | 'gender' | 'birth' | 'tmt' | 'rank' | 'agency' | 'unit' | 'position' | 'sup' | 'status', string>> = {}) =>
  [over.nip ?? nipOf(n), over.name ?? `Pegawai ${n}`, over.gender ?? 'L', over.birth ?? birthOf(n), over.tmt ?? '01-06-2005', over.rank ?? 'III/a', over.agency ?? '32', over.unit ?? 'U02', over.position ?? 'PELAKSANA', over.sup ?? '', over.status ?? 'AKTIF'].join(',');

for (const kind of backends()) {
  describe(`registry import and export (${kind})`, () => {
    let t: TestApp;
    let nationalS: Session;
    let adminS: Session;

    before(async () => {
      t = await createTestApp(kind, { importMaxBytes: 64 * 1024 * 1024 });
      nationalS = await login(t.app, demoEmail(t.demo, 'national_admin'));
      adminS = await login(t.app, demoEmail(t.demo, 'agency_admin'));
    });
    after(() => t?.close());

    const upload = (session: Session, kindName: string, body: string | Buffer | Readable, query = '', type = 'text/csv'): Promise<LightMyRequestResponse> =>
      t.app.inject({ method: 'POST', url: `/api/imports/${kindName}${query}`, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': type }, payload: body });
    const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
    const count = async (prefix: string) => Number((await t.database.db.selectFrom('civil_servant').select((eb) => eb.fn.countAll().as('n')).where('name', 'like', `${prefix}%`).executeTakeFirstOrThrow()).n);
    const messages = (res: LightMyRequestResponse) => res.json().errors as { row: number | null; column: string | null; message: string }[];

    test('dry run reports what would change and writes nothing; apply is idempotent', async () => {
      const file = csv(HEADER, row(1), row(2, { sup: nipOf(1) }), row(3, { sup: nipOf(2), gender: 'P', nip: nipOf(3, 2) }));
      const dry = await upload(adminS, 'staff', file, '?dryRun=true');
      assert.equal(dry.statusCode, 200, dry.body);
      assert.equal(dry.json().status, 'validated');
      assert.equal(dry.json().created, 3);
      assert.equal(await count('Pegawai '), 0, 'a dry run writes nothing');
      const first = await upload(adminS, 'staff', file);
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual([first.json().status, first.json().created, first.json().updated, first.json().unchanged], ['applied', 3, 0, 0]);
      const again = await upload(adminS, 'staff', file);
      assert.deepEqual([again.json().created, again.json().updated, again.json().unchanged], [0, 0, 3]);
      const changed = await upload(adminS, 'staff', csv(HEADER, row(1), row(2, { sup: nipOf(1), rank: 'III/b' }), row(3, { sup: nipOf(2), gender: 'P', nip: nipOf(3, 2) })));
      assert.deepEqual([changed.json().created, changed.json().updated, changed.json().unchanged], [0, 1, 2]);
      const p3 = await t.database.db.selectFrom('civil_servant as c').innerJoin('civil_servant as s', 's.id', 'c.supervisor_id').select('s.nip').where('c.nip', '=', nipOf(3, 2)).executeTakeFirstOrThrow();
      assert.equal(p3.nip, nipOf(2));
      const audits = await t.database.db.selectFrom('audit_log').select('action').where('action', 'in', ['civil_servant.imported', 'import.applied']).execute();
      assert.equal(audits.filter((a) => a.action === 'civil_servant.imported').length, 4, '3 created + 1 updated, unchanged rows leave no entry');
      // progress and the run record
      const run = await t.app.inject({ method: 'GET', url: `/api/imports/${changed.json().id}`, headers: { cookie: adminS.cookie } });
      assert.equal(run.statusCode, 200, run.body);
      assert.equal(run.json().status, 'applied');
      assert.equal(run.json().processed, 3);
    });

    test('every NIP rule and every NIP/record mismatch is its own error, named by row and column; nothing is applied', async () => {
      const file = csv(
        HEADER,
        row(10), // good — but the file is refused as a whole
        row(11, { nip: '19800112200506100' }), // 17 digits
        row(12, { nip: '198002302005061012' }), // 30 February
        row(13, { nip: '209901012005061012' }), // born in the future
        row(14, { nip: '198001152005131012' }), // month 13
        row(15, { nip: '198001162090011012', tmt: '01-01-2090' }), // TMT in the future
        row(16, { nip: '198001171995011012', tmt: '01-01-1995' }), // before 18
        row(17, { nip: '198001182005063012' }), // gender digit 3
        row(18, { birth: '1980-01-01' }), // birth date mismatch
        row(19, { tmt: '01-07-2005' }), // TMT mismatch
        row(20, { gender: 'P' }), // gender mismatch
        row(21, { rank: 'V/a' }),
        row(22, { birth: '31-02-1980' }),
      );
      const res = await upload(adminS, 'staff', file);
      assert.equal(res.statusCode, 422, res.body);
      assert.equal(res.json().status, 'refused');
      const byRow = new Map<number, { column: string | null; message: string }[]>();
      for (const e of messages(res)) byRow.set(e.row!, [...(byRow.get(e.row!) ?? []), e]);
      const expect: [number, string, RegExp][] = [
        [3, 'NIP', /18 digits/],
        [4, 'NIP', /not a real birth date/],
        [5, 'NIP', /future/],
        [6, 'NIP', /not a real TMT CPNS month/],
        [7, 'NIP', /TMT CPNS month .* future/],
        [8, 'NIP', /before the age of 18/],
        [9, 'NIP', /digit 15/],
        [10, 'TANGGAL_LAHIR', /does not match the birth date in the NIP/],
        [11, 'TMT_CPNS', /does not match the TMT CPNS month/],
        [12, 'JENIS_KELAMIN', /does not match the gender digit/],
        [13, 'GOLONGAN', /not a rank/],
        [14, 'TANGGAL_LAHIR', /not a real date/],
      ];
      for (const [line, column, message] of expect) {
        assert.ok(byRow.get(line)?.some((e) => e.column === column && message.test(e.message)), `row ${line} ${column} ${message}: ${JSON.stringify(byRow.get(line))}`);
      }
      assert.equal(byRow.has(2), false, 'the good row has no error');
      assert.equal(await count('Pegawai 10'), 0, 'all or nothing');
      // the downloadable report has every error
      const report = await t.app.inject({ method: 'GET', url: res.json().errorsUrl, headers: { cookie: adminS.cookie } });
      assert.equal(report.statusCode, 200);
      assert.match(String(report.headers['content-type']), /text\/csv/);
      assert.equal(report.body.trim().split('\n').length, 1 + res.json().errorCount);
      assert.match(report.body, /BARIS,KOLOM,PESAN/);
    });

    test('duplicates, unknown codes, supervisors elsewhere and supervisor cycles (in the file and with the registry)', async () => {
      const existing = await t.database.db.selectFrom('civil_servant as c').innerJoin('agency as a', 'a.id', 'c.agency_id').innerJoin('civil_servant as s', 's.id', 'c.supervisor_id').select(['c.nip', 's.nip as sup']).where('a.code', '=', '32').executeTakeFirstOrThrow();
      const other = await t.database.db.selectFrom('civil_servant as c').innerJoin('agency as a', 'a.id', 'c.agency_id').select('c.nip').where('a.code', '=', '33').executeTakeFirstOrThrow();
      const file = csv(
        HEADER,
        row(30),
        row(30, { name: 'Duplikat' }), // duplicate NIP
        row(31, { unit: 'NOPE' }),
        row(32, { position: 'NOPE' }),
        row(33, { agency: 'XX' }),
        row(34, { sup: nipOf(99) }), // unknown supervisor
        row(35, { sup: other.nip }), // supervisor in another agency
        row(36, { sup: nipOf(37) }), // 36 → 37 → 36: a cycle inside the file
        row(37, { sup: nipOf(36) }),
      );
      const res = await upload(adminS, 'staff', file, '?dryRun=true');
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().status, 'refused');
      const has = (line: number, column: string, re: RegExp) => assert.ok(messages(res).some((e) => e.row === line && e.column === column && re.test(e.message)), `row ${line} ${column} ${re}: ${JSON.stringify(messages(res))}`);
      has(3, 'NIP', /appears again \(first on row 2\)/);
      has(4, 'KODE_UNIT', /no unit "NOPE"/);
      has(5, 'KODE_JABATAN', /no position "NOPE"/);
      has(6, 'KODE_INSTANSI', /no agency with code "XX"/);
      has(7, 'NIP_ATASAN', /no civil servant/);
      has(8, 'NIP_ATASAN', /another agency/);
      has(9, 'NIP_ATASAN', /cycle/);
      has(10, 'NIP_ATASAN', /cycle/);
      // A cycle through the registry: make an existing supervisor report to their own report.
      const boss = await t.database.db.selectFrom('civil_servant').selectAll().where('nip', '=', existing.sup).executeTakeFirstOrThrow();
      const bossRow = [boss.nip, boss.name, String(boss.gender), boss.birth_date, boss.tmt_cpns, boss.rank, '32', '', '', existing.nip, 'AKTIF'].join(',');
      const loop = await upload(adminS, 'staff', csv(HEADER, bossRow));
      assert.equal(loop.statusCode, 422, loop.body);
      assert.match(messages(loop)[0].message, /supervisor cycle/);
    });

    test('malformed, truncated, wrongly encoded and oversized files are clear errors, never a 500', async () => {
      const quote = await upload(adminS, 'staff', `${HEADER}\n${row(40)}\n"${row(41)}\n`);
      assert.equal(quote.statusCode, 422, quote.body);
      assert.match(messages(quote)[0].message, /never closed/);
      const cut = await upload(adminS, 'staff', `${HEADER}\n${row(42)}\n${row(43).slice(0, 30)}`);
      assert.equal(cut.statusCode, 422);
      assert.ok(messages(cut).some((e) => e.row === 3 && /cut off/.test(e.message)), cut.body);
      const latin1 = Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.from(row(44, { name: 'Jos\xe9' }), 'latin1'), Buffer.from('\n')]);
      const enc = await upload(adminS, 'staff', latin1);
      assert.equal(enc.statusCode, 422, enc.body);
      assert.match(messages(enc)[0].message, /not valid UTF-8 .* line 2/);
      const utf16 = await upload(adminS, 'staff', Buffer.from(`\ufeff${HEADER}\n`, 'utf16le'));
      assert.match(messages(utf16)[0].message, /UTF-16/);
      const declared = await upload(adminS, 'staff', `${HEADER}\n`, '', 'text/csv; charset=windows-1252');
      assert.equal(declared.statusCode, 415);
      // A UTF-8 BOM, semicolons and Indonesian headers in any case are fine.
      const bom = await upload(adminS, 'staff', `\ufeff${HEADER.toLowerCase().replace(/,/g, ';')}\n${row(45).replace(/,/g, ';')}\n`, '?dryRun=true');
      assert.equal(bom.json().status, 'validated', bom.body);
      const headerless = await upload(adminS, 'staff', 'NAMA,GOLONGAN\nBudi,III/a\n');
      assert.match(messages(headerless)[0].message, /no NIP column/);
      const empty = await upload(adminS, 'staff', ' ');
      assert.equal(empty.statusCode, 422, empty.body);
      const small = await createTestApp('pglite', { importMaxBytes: 2048 });
      try {
        const s = await login(small.app, demoEmail(small.demo, 'agency_admin'));
        const big = await small.app.inject({ method: 'POST', url: '/api/imports/staff', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'text/csv' }, payload: csv(HEADER, ...Array.from({ length: 40 }, (_, i) => row(100 + i))) });
        assert.equal(big.statusCode, 413, big.body);
        assert.match(big.json().errors[0].message, /larger than the limit of 2048 bytes/);
        assert.equal(Number((await small.database.db.selectFrom('civil_servant').select((eb) => eb.fn.countAll().as('n')).where('name', 'like', 'Pegawai%').executeTakeFirstOrThrow()).n), 0);
      } finally {
        await small.close();
      }
    });

    test('XLSX: the same rules; numbers that lost digits, damaged and cut-off workbooks are errors', async () => {
      const workbook = async (rows: unknown[][]) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('Pegawai');
        for (const r of rows) ws.addRow(r);
        return Buffer.from(await wb.xlsx.writeBuffer());
      };
      const header = HEADER.split(',');
      const good = await workbook([header, row(50).split(','), [nipOf(51), 'Pegawai 51', 1, new Date(Date.UTC(1980, 0, 24)), '2005-06-01', 'III/c', '32', 'U03', 'PELAKSANA', nipOf(50), 'AKTIF']]);
      const res = await upload(adminS, 'staff', good, '', XLSX_TYPE);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().created, 2);
      const again = await upload(adminS, 'staff', good, '', XLSX_TYPE);
      assert.equal(again.json().unchanged, 2, again.body);
      const numeric = await workbook([header, [Number(nipOf(52)), 'Pegawai 52', 'L', birthOf(52), '2005-06-01', 'III/a', '32', '', '', '', '']]);
      const lost = await upload(adminS, 'staff', numeric, '', XLSX_TYPE);
      assert.equal(lost.statusCode, 422, lost.body);
      assert.ok(messages(lost).some((e) => e.row === 2 && e.column === 'NIP' && /lost its last digits/.test(e.message)), lost.body);
      const junk = await upload(adminS, 'staff', Buffer.from('this is not a workbook'), '', XLSX_TYPE);
      assert.equal(junk.statusCode, 422, junk.body);
      assert.match(messages(junk)[0].message, /not a readable XLSX/);
      const truncated = await upload(adminS, 'staff', good.subarray(0, Math.floor(good.length / 2)), '', XLSX_TYPE);
      assert.ok([200, 422].includes(truncated.statusCode), truncated.body);
      assert.notEqual(truncated.json().status, 'applied');
    });

    test('agency admins import only their own agency; KODE_INSTANSI defaults to it', async () => {
      const foreign = await upload(adminS, 'staff', csv(HEADER, row(60, { agency: '33', unit: 'U01' })));
      assert.equal(foreign.statusCode, 422);
      assert.match(messages(foreign)[0].message, /outside your scope|not the agency of this import/);
      const other = await upload(adminS, 'staff', csv(HEADER, row(61)), '?agency=33');
      assert.equal(other.statusCode, 403, other.body);
      const noAgencyColumn = await upload(adminS, 'positions', 'kode_jabatan,nama_jabatan,jenis_jabatan,jenjang\nPK-1,Pranata Komputer Mahir,Fungsional,Mahir\nPK-2,Salah,Fungsional,Pengawas\n');
      assert.equal(noAgencyColumn.statusCode, 422);
      assert.ok(messages(noAgencyColumn).some((e) => e.row === 3 && e.column === 'JENJANG'), noAgencyColumn.body);
      const positions = await upload(adminS, 'positions', 'kode_jabatan,nama_jabatan,jenis_jabatan,jenjang\nPK-1,Pranata Komputer Mahir,Fungsional,Mahir\n');
      assert.equal(positions.json().created, 1, positions.body);
      // The national admin imports across agencies.
      const national = await upload(nationalS, 'staff', csv(HEADER, row(62, { agency: '33', unit: 'U01', position: 'PELAKSANA' })));
      assert.equal(national.json().status, 'applied', national.body);
      // Import runs are visible in scope only.
      const list = await t.app.inject({ method: 'GET', url: '/api/imports', headers: { cookie: adminS.cookie } });
      assert.ok(!list.json().items.some((r: { id: string }) => r.id === national.json().id));
    });

    test('units: a parent later in the file is fine; a cycle is refused', async () => {
      const ok = await upload(adminS, 'units', 'KODE_UNIT,NAMA_UNIT,KODE_UNIT_INDUK\nSUB-1,Subbagian Umum,BAG-1\nBAG-1,Bagian Umum,U01\n');
      assert.equal(ok.statusCode, 200, ok.body);
      const sub = await t.database.db.selectFrom('unit as u').innerJoin('unit as p', 'p.id', 'u.parent_id').select('p.code').where('u.code', '=', 'SUB-1').executeTakeFirstOrThrow();
      assert.equal(sub.code, 'BAG-1');
      const loop = await upload(adminS, 'units', 'KODE_UNIT,NAMA_UNIT,KODE_UNIT_INDUK\nBAG-1,Bagian Umum,SUB-1\n');
      assert.equal(loop.statusCode, 422, loop.body);
      assert.match(messages(loop)[0].message, /cycle in the unit tree/);
      const unknown = await upload(adminS, 'units', 'KODE_UNIT,NAMA_UNIT,KODE_UNIT_INDUK\nX-1,X,NOPE\n');
      assert.match(messages(unknown)[0].message, /no unit "NOPE"/);
    });

    test('export: scope-filtered, personal data only where allowed, and it imports back unchanged', async () => {
      const exp = await t.app.inject({ method: 'GET', url: '/api/exports/staff.csv', headers: { cookie: adminS.cookie } });
      assert.equal(exp.statusCode, 200);
      const lines = exp.body.replace(/^\ufeff/, '').trim().split('\r\n');
      assert.equal(lines[0], HEADER);
      const agency32 = Number((await t.database.db.selectFrom('civil_servant as c').innerJoin('agency as a', 'a.id', 'c.agency_id').select((eb) => eb.fn.countAll().as('n')).where('a.code', '=', '32').executeTakeFirstOrThrow()).n);
      assert.equal(lines.length - 1, agency32, 'only the admin\'s agency');
      const back = await upload(adminS, 'staff', exp.body, '?dryRun=true');
      assert.equal(back.json().status, 'validated', back.body);
      assert.deepEqual([back.json().created, back.json().updated, back.json().unchanged], [0, 0, agency32]);
      const supervisor = await login(t.app, demoEmail(t.demo, 'supervisor'));
      const mine = await t.app.inject({ method: 'GET', url: '/api/exports/staff.csv', headers: { cookie: supervisor.cookie } });
      const rows = mine.body.replace(/^\ufeff/, '').trim().split('\r\n').slice(1);
      assert.ok(rows.length >= 1);
      const own = t.demo.accounts.find((a) => a.role === 'supervisor')!.nip!;
      assert.ok(rows.some((r) => r.startsWith(`${own},`)), 'their own row, with their NIP');
      const reports = rows.filter((r) => !r.startsWith(`${own},`));
      assert.ok(reports.length >= 1);
      for (const r of reports) assert.equal(r.split(',')[0], '', 'a supervisor sees no NIPs of their reports');
    });

    // A 50,000-row file whose last row is bad: every row is read, staged and checked (streamed, in
    // batches), the bad one is named, and nothing is applied. The apply phase itself is covered above.
    test('a 50,000-row file streams through without being held in memory', async () => {
      const rows = 50_000;
      function* lines() {
        yield `${HEADER}\n`;
        for (let i = 0; i < rows - 1; i++) {
          const birth = new Date(Date.UTC(1960, 0, 1 + (i % 9000)));
          const b = birth.toISOString().slice(0, 10);
          const nip = formatNip({ birthDate: b, tmtCpns: '2005-02-01', gender: 1, sequence: Math.floor(i / 9000) + 1 });
          yield `${nip},Massal ${i},L,${b},2005-02-01,II/b,32,U04,PELAKSANA,,AKTIF\n`;
        }
        yield `12345,Massal terakhir,L,1980-01-01,2005-02-01,II/b,32,U04,PELAKSANA,,AKTIF\n`;
      }
      const before = process.memoryUsage().heapUsed;
      let peak = before;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 50);
      // Over real HTTP: the file goes up as a chunked stream, as a browser or curl would send it.
      const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const response = await fetch(`${base}/api/imports/staff`, {
        method: 'POST',
        headers: { cookie: adminS.cookie, 'x-csrf-token': adminS.csrf, 'content-type': 'text/csv' },
        body: Readable.toWeb(Readable.from(lines())) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      const body = await response.json();
      clearInterval(timer);
      assert.equal(response.status, 422, JSON.stringify(body).slice(0, 500));
      assert.equal(body.rows, rows);
      const errors = body.errors as { row: number | null; column: string | null; message: string }[];
      assert.equal(errors.length, 1, JSON.stringify(errors.slice(0, 5)));
      assert.equal(errors[0].row, rows + 1, 'rows are numbered from the header line');
      assert.equal(errors[0].column, 'NIP');
      const applied = await t.database.db.selectFrom('civil_servant').select('id').where('name', 'like', 'Massal %').execute();
      assert.equal(applied.length, 0, 'nothing applied');
      // Peak heapUsed counts garbage not yet collected, so this bound only catches gross buffering
      // (the upload or its parsed rows held several times over), not a few megabytes.
      assert.ok(peak - before < 512 * 1024 * 1024, `heap grew by ${Math.round((peak - before) / 1048576)} MB`);
    });
  });
}
