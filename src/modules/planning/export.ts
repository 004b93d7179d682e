// An agency plan as a workbook (XLSX: the lines, the needs, the comparison with last year) and as a
// printable PDF (A4 landscape; headings in Indonesian and English). Built from the same view the
// API returns, so both say exactly what the page shows.
import ExcelJS from 'exceljs';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { AgencyPlanView } from './agency-plan-service.ts';

const STATUS: Record<string, string> = { draft: 'Draf / Draft', submitted: 'Diajukan / Submitted', returned: 'Dikembalikan / Returned' };
const name = (c: { code: string; name_id: string | null; name_en: string | null }) => `${c.code} ${c.name_id ?? ''}${c.name_en ? ` (${c.name_en})` : ''}`.trim();

export async function agencyPlanXlsx(plan: AgencyPlanView): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Kembang';
  book.created = new Date(plan.updated_at);
  const head = (sheet: ExcelJS.Worksheet) => {
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  };

  const summary = book.addWorksheet('Ringkasan - Summary');
  summary.columns = [{ header: 'Butir / Item', key: 'k', width: 34 }, { header: 'Nilai / Value', key: 'v', width: 60 }];
  head(summary);
  summary.addRows([
    { k: 'Instansi / Agency', v: `${plan.agency.name} (${plan.agency.code})` },
    { k: 'Tahun / Year', v: plan.year },
    { k: 'Status', v: STATUS[plan.status] ?? plan.status },
    { k: 'Anggaran / Budget (Rp)', v: plan.budget },
    { k: 'Biaya / Cost (Rp)', v: plan.cost },
    { k: 'Sisa / Remaining (Rp)', v: plan.remaining },
    { k: 'Kursi / Seats', v: plan.seats },
    { k: 'Diajukan / Submitted', v: plan.submitted_at ? `${plan.submitted_at.slice(0, 10)} (${plan.submitted_by ?? ''})` : '' },
    { k: 'Catatan / Notes', v: plan.notes ?? '' },
    { k: 'Kebutuhan per / Needs as of', v: `${plan.needs.as_of}${plan.needs.frozen ? ' (saat diajukan / at submission)' : ''}` },
  ]);
  for (const r of [4, 5, 6]) summary.getCell(`B${r + 1}`).numFmt = '#,##0';

  const lines = book.addWorksheet('Program - Programmes');
  lines.columns = [
    { header: 'Kode program / Programme code', key: 'code', width: 24 },
    { header: 'Judul / Title', key: 'title', width: 48 },
    { header: 'Penyelenggara / Provider', key: 'provider', width: 30 },
    { header: 'Angkatan / Offering', key: 'offering', width: 18 },
    { header: 'Mulai / Starts', key: 'start', width: 12 },
    { header: 'Kompetensi sasaran / Target competencies', key: 'targets', width: 40 },
    { header: 'Jenjang / Tier', key: 'tier', width: 16 },
    { header: 'Unit', key: 'unit', width: 24 },
    { header: 'Kursi / Seats', key: 'seats', width: 10 },
    { header: 'Biaya per kursi / Fee per seat (Rp)', key: 'fee', width: 18 },
    { header: 'Biaya / Cost (Rp)', key: 'cost', width: 18 },
  ];
  head(lines);
  for (const l of plan.lines) {
    lines.addRow({ code: l.programme.code, title: l.programme.title_id, provider: l.programme.provider_name, offering: l.offering?.code ?? '', start: l.offering?.start_date ?? '', targets: l.target_competencies.map((c) => c.code).join(', '), tier: l.position_tier ?? '', unit: l.unit_name ?? '', seats: l.seats, fee: l.unit_fee, cost: l.cost });
  }
  lines.addRow({ code: 'Jumlah / Total', seats: plan.seats, cost: plan.cost }).font = { bold: true };
  lines.getColumn('fee').numFmt = '#,##0';
  lines.getColumn('cost').numFmt = '#,##0';

  const needs = book.addWorksheet('Kebutuhan - Needs');
  needs.columns = [
    { header: 'Kompetensi / Competency', key: 'c', width: 40 },
    { header: 'Jenjang jabatan / Position tier', key: 't', width: 20 },
    { header: 'Unit', key: 'u', width: 30 },
    { header: 'Pegawai / People', key: 'p', width: 12 },
    { header: 'Dengan kesenjangan / With a gap', key: 'g', width: 16 },
    { header: 'Jumlah kesenjangan / Gap sum', key: 's', width: 16 },
  ];
  head(needs);
  const units = new Map(plan.needs.units.map((u) => [u.id, u.name]));
  for (const r of plan.needs.rows) needs.addRow({ c: name(r), t: r.tier, u: r.unitId ? units.get(r.unitId) ?? r.unitId : '', p: r.people, g: r.withGap, s: r.gapSum });

  const cmp = book.addWorksheet('Perbandingan - Comparison');
  cmp.columns = [
    { header: 'Kompetensi / Competency', key: 'c', width: 40 },
    { header: 'Pegawai dengan kesenjangan / People with a gap', key: 'g', width: 22 },
    { header: 'Kursi direncanakan / Seats planned', key: 's', width: 18 },
    { header: `Selesai ${plan.comparison.lastYear} / Completions ${plan.comparison.lastYear}`, key: 'd', width: 20 },
    { header: `JP ${plan.comparison.lastYear}`, key: 'j', width: 12 },
  ];
  head(cmp);
  for (const r of plan.comparison.competencies) cmp.addRow({ c: name(r), g: r.withGap, s: r.plannedSeats, d: r.deliveredCompletions, j: r.deliveredJp });

  return Buffer.from(await book.xlsx.writeBuffer());
}

// ---------- PDF ----------

const NAVY = rgb(0.08, 0.2, 0.36);
const GREY = rgb(0.35, 0.35, 0.4);
const BLACK = rgb(0, 0, 0);

/** Text the standard fonts can show: accents folded, anything else outside WinAnsi becomes "?". */
function printable(font: PDFFont, text: string): string {
  const charset = new Set(font.getCharacterSet());
  let out = '';
  for (const ch of text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')) out += charset.has(ch.codePointAt(0)!) ? ch : ch === '\n' ? ' ' : '?';
  return out;
}

function fit(font: PDFFont, text: string, size: number, width: number): string {
  let t = printable(font, text);
  if (font.widthOfTextAtSize(t, size) <= width) return t;
  while (t.length > 1 && font.widthOfTextAtSize(`${t}...`, size) > width) t = t.slice(0, -1);
  return `${t}...`;
}

const money = (n: number) => Math.round(n).toLocaleString('id-ID');

interface Column {
  title: [string, string];
  width: number;
  align?: 'right';
}

export async function agencyPlanPdf(plan: AgencyPlanView): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Rencana pengembangan kompetensi ${plan.agency.name} ${plan.year}`);
  doc.setSubject('Agency competency development plan');
  doc.setProducer('Kembang');
  doc.setCreator('Kembang');
  const [regular, bold] = await Promise.all([doc.embedFont(StandardFonts.Helvetica), doc.embedFont(StandardFonts.HelveticaBold)]);
  const W = 841.89;
  const H = 595.28;
  const M = 36;
  let page: PDFPage = doc.addPage([W, H]);
  let y = H - M;
  const text = (t: string, x: number, size: number, font = regular, color = BLACK) => page.drawText(printable(font, t), { x, y, size, font, color });
  const newPage = () => {
    page = doc.addPage([W, H]);
    y = H - M;
  };
  const need = (h: number) => {
    if (y - h < M) newPage();
  };

  text('RENCANA PENGEMBANGAN KOMPETENSI INSTANSI', M, 15, bold, NAVY);
  y -= 16;
  text('Agency Competency Development Plan', M, 11, regular, GREY);
  y -= 22;
  text(`${plan.agency.name} (${plan.agency.code})  ·  Tahun / Year ${plan.year}  ·  ${STATUS[plan.status] ?? plan.status}`, M, 11, bold);
  y -= 15;
  text(`Anggaran / Budget: Rp ${money(plan.budget)}   Biaya / Cost: Rp ${money(plan.cost)}   Sisa / Remaining: Rp ${money(plan.remaining)}   Kursi / Seats: ${plan.seats}`, M, 9.5);
  y -= 13;
  if (plan.submitted_at) {
    text(`Diajukan / Submitted: ${plan.submitted_at.slice(0, 10)} oleh / by ${plan.submitted_by ?? ''}`, M, 9, regular, GREY);
    y -= 12;
  }
  if (plan.return_comment && plan.status === 'returned') {
    text(`Dikembalikan / Returned: ${plan.return_comment}`, M, 9, regular, GREY);
    y -= 12;
  }
  y -= 8;

  const table = (heading: [string, string], columns: Column[], rows: string[][]) => {
    need(48);
    text(`${heading[0]} / ${heading[1]}`, M, 11, bold, NAVY);
    y -= 16;
    const header = () => {
      let x = M;
      for (const c of columns) {
        page.drawText(fit(bold, c.title[0], 7.5, c.width - 4), { x, y, size: 7.5, font: bold, color: BLACK });
        page.drawText(fit(regular, c.title[1], 7, c.width - 4), { x, y: y - 9, size: 7, font: regular, color: GREY });
        x += c.width;
      }
      y -= 13;
      page.drawLine({ start: { x: M, y }, end: { x: W - M, y }, thickness: 0.6, color: GREY });
      y -= 11;
    };
    header();
    for (const row of rows) {
      if (y < M + 12) {
        newPage();
        header();
      }
      let x = M;
      row.forEach((cell, i) => {
        const c = columns[i];
        const t = fit(regular, cell, 8, c.width - 4);
        const dx = c.align === 'right' ? c.width - 6 - regular.widthOfTextAtSize(t, 8) : 0;
        page.drawText(t, { x: x + dx, y, size: 8, font: regular, color: BLACK });
        x += c.width;
      });
      y -= 12;
    }
    if (rows.length === 0) {
      text('(tidak ada / none)', M, 8, regular, GREY);
      y -= 12;
    }
    y -= 10;
  };

  table(
    ['Program dan kursi', 'Programmes and seats'],
    [
      { title: ['Program', 'Programme'], width: 230 },
      { title: ['Angkatan', 'Offering'], width: 90 },
      { title: ['Kompetensi', 'Competencies'], width: 120 },
      { title: ['Jenjang / Unit', 'Tier / Unit'], width: 120 },
      { title: ['Kursi', 'Seats'], width: 50, align: 'right' },
      { title: ['Biaya/kursi', 'Fee/seat'], width: 80, align: 'right' },
      { title: ['Biaya', 'Cost'], width: 80, align: 'right' },
    ],
    [
      ...plan.lines.map((l) => [
        `${l.programme.code} ${l.programme.title_id}`,
        l.offering ? `${l.offering.code} ${l.offering.start_date}` : '-',
        l.target_competencies.map((c) => c.code).join(', '),
        [l.position_tier, l.unit_name].filter(Boolean).join(' / ') || '-',
        String(l.seats),
        money(l.unit_fee),
        money(l.cost),
      ]),
      ['Jumlah / Total', '', '', '', String(plan.seats), '', money(plan.cost)],
    ],
  );

  table(
    ['Kebutuhan dan capaian tahun lalu', `Needs and what was delivered in ${plan.comparison.lastYear}`],
    [
      { title: ['Kompetensi', 'Competency'], width: 290 },
      { title: ['Pegawai', 'People'], width: 70, align: 'right' },
      { title: ['Berkesenjangan', 'With a gap'], width: 90, align: 'right' },
      { title: ['Kursi rencana', 'Seats planned'], width: 90, align: 'right' },
      { title: [`Selesai ${plan.comparison.lastYear}`, 'Completions'], width: 110, align: 'right' },
      { title: [`JP ${plan.comparison.lastYear}`, 'JP'], width: 70, align: 'right' },
    ],
    plan.comparison.competencies.map((r) => [name(r), String(r.people), String(r.withGap), String(r.plannedSeats), String(r.deliveredCompletions), String(r.deliveredJp)]),
  );

  need(20);
  text(`Kebutuhan per / Needs as of ${plan.needs.as_of}${plan.needs.frozen ? ' (dibekukan saat diajukan / frozen at submission)' : ''}. Dibuat oleh Kembang / Made by Kembang.`, M, 7.5, regular, GREY);
  return doc.save({ useObjectStreams: false });
}
