// The printable certificate: A4 landscape, Indonesian with English beside it, and a QR code
// (drawn as vector modules, so it prints sharp) that opens the public verification page.
// Standard PDF fonts only (Helvetica family): nothing is fetched or embedded from elsewhere.
import { PDFDocument, PDFName, PDFString, StandardFonts, degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import type { CompetencyFact } from './credential.ts';
import { formatDate } from '../../http/language.ts';

export interface CertificatePdfFacts {
  number: string;
  holderName: string;
  programmeCode: string;
  titleId: string;
  titleEn: string | null;
  providerName: string;
  offering: { code: string; name: string | null; startDate: string; endDate: string } | null;
  jp: number;
  completedOn: string;
  issuedAt: Date;
  kid: string;
  competencies: CompetencyFact[];
  verifyUrl: string;
  revoked: boolean;
}

function dates(iso: string): { id: string; en: string } {
  return { id: formatDate(iso, 'id'), en: formatDate(iso, 'en') };
}

const NAVY = rgb(0.08, 0.2, 0.36);
const GOLD = rgb(0.72, 0.56, 0.2);
const GREY = rgb(0.35, 0.35, 0.4);
const BLACK = rgb(0, 0, 0);

/** Text the standard fonts can show: accents folded (é → e), anything else outside WinAnsi becomes "?". */
function printable(font: PDFFont, text: string): string {
  let charset = charsets.get(font.name);
  if (!charset) charsets.set(font.name, (charset = new Set(font.getCharacterSet())));
  let out = '';
  for (const ch of text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')) out += charset.has(ch.codePointAt(0)!) ? ch : ch === '\n' ? ' ' : '?';
  return out;
}
// by font name: the standard fonts' character sets are the same in every document
const charsets = new Map<string, Set<number>>();

function centred(page: PDFPage, font: PDFFont, text: string, y: number, size: number, color = BLACK, maxWidth = 700): void {
  const t = printable(font, text);
  // the width is linear in the size: shrink in half points until it fits (not below 7), in one step
  const unit = font.widthOfTextAtSize(t, 1);
  const s = unit * size > maxWidth ? Math.max(Math.min(7, size), size - 0.5 * Math.ceil((size - maxWidth / unit) / 0.5)) : size;
  const w = unit * s;
  page.drawText(t, { x: (page.getWidth() - w) / 2, y, size: s, font, color });
}

/** Lines of at most `width` points. */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of printable(font, text).split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The QR code as content-stream operators: one filled rectangle per run of dark modules in a row.
 * Built as text (not pdf-lib operator objects) and appended to the page's stream when it is
 * compressed; one byte-mode segment (no search for the cheapest mix of modes).
 */
function qrOperators(text: string, x: number, y: number, size: number): string {
  const qr = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / n;
  const num = (v: number) => String(Math.round(v * 1000) / 1000);
  const ops: string[] = ['q', '0 0 0 rg'];
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c++;
      ops.push(`${num(x + start * cell)} ${num(y + size - (r + 1) * cell)} ${num((c - start) * cell)} ${num(cell)} re`);
    }
  }
  ops.push('f', 'Q');
  return `\n${ops.join('\n')}\n`;
}

function link(doc: PDFDocument, page: PDFPage, url: string, rect: [number, number, number, number]): void {
  const annot = doc.context.register(
    doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: rect, Border: [0, 0, 0], A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) } }),
  );
  page.node.set(PDFName.of('Annots'), doc.context.obj([annot]));
}

/**
 * pdf-lib compresses content streams with a pure-JS deflate, which is most of the cost of a
 * certificate; the page's stream is swapped for the same operators deflated by node:zlib.
 */
function compressWithZlib(doc: PDFDocument, page: PDFPage, extra: string): void {
  const internal = page as unknown as { contentStream?: { getUnencodedContents(): Uint8Array }; contentStreamRef?: Parameters<typeof doc.context.assign>[0] };
  if (!internal.contentStream || !internal.contentStreamRef) throw new Error('pdf-lib internals changed: no page content stream');
  const raw = Buffer.concat([internal.contentStream.getUnencodedContents(), Buffer.from(extra, 'latin1')]);
  doc.context.assign(internal.contentStreamRef, doc.context.stream(deflateSync(raw, { level: 6 }), { Filter: 'FlateDecode' }));
}

export async function renderCertificatePdf(f: CertificatePdfFacts): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Sertifikat ${f.number} — ${f.titleId}`);
  doc.setAuthor(f.providerName);
  doc.setSubject(`Verifikasi / Verify: ${f.verifyUrl}`);
  doc.setKeywords(['sertifikat', 'certificate', f.number, f.programmeCode, f.verifyUrl]);
  doc.setProducer('Kembang');
  doc.setCreator('Kembang');
  doc.setCreationDate(f.issuedAt);
  doc.setModificationDate(f.issuedAt);
  const [regular, bold, italic] = await Promise.all([doc.embedFont(StandardFonts.Helvetica), doc.embedFont(StandardFonts.HelveticaBold), doc.embedFont(StandardFonts.HelveticaOblique)]);
  const page = doc.addPage([841.89, 595.28]);
  const W = page.getWidth();
  const H = page.getHeight();

  page.drawRectangle({ x: 18, y: 18, width: W - 36, height: H - 36, borderColor: NAVY, borderWidth: 3 });
  page.drawRectangle({ x: 26, y: 26, width: W - 52, height: H - 52, borderColor: GOLD, borderWidth: 1 });

  centred(page, bold, 'KEMBANG  ·  LEMBAGA ADMINISTRASI NEGARA', H - 62, 10, NAVY);
  centred(page, regular, 'Platform Pengembangan Kompetensi ASN  /  Civil Service Competency Development Platform', H - 76, 8, GREY);
  centred(page, bold, 'SERTIFIKAT', H - 122, 34, NAVY);
  centred(page, italic, 'Certificate of Completion', H - 142, 14, GREY);
  centred(page, regular, `Nomor / No.: ${f.number}`, H - 162, 9, GREY);

  centred(page, regular, 'Diberikan kepada  /  Awarded to', H - 192, 11, GREY);
  centred(page, bold, f.holderName, H - 222, 24, BLACK);
  page.drawLine({ start: { x: W / 2 - 190, y: H - 230 }, end: { x: W / 2 + 190, y: H - 230 }, thickness: 0.8, color: GOLD });

  centred(page, regular, 'atas keberhasilan menyelesaikan  /  for successfully completing', H - 252, 11, GREY);
  centred(page, bold, f.titleId, H - 276, 16, NAVY);
  if (f.titleEn) centred(page, italic, f.titleEn, H - 294, 12, GREY);

  const offering = f.offering ? `${f.offering.name ?? f.offering.code}, ${dates(f.offering.startDate).id} – ${dates(f.offering.endDate).id}` : f.programmeCode;
  centred(page, regular, `diselenggarakan oleh / organised by  ${f.providerName}  ·  ${offering}`, H - 318, 10, BLACK);
  const done = dates(f.completedOn);
  const jp = Number.isInteger(f.jp) ? String(f.jp) : f.jp.toFixed(2);
  centred(page, bold, `${jp} JP  (jam pelajaran / learning hours of 45 minutes)   ·   Selesai ${done.id}  /  Completed ${done.en}`, H - 336, 10, BLACK);

  if (f.competencies.length > 0) {
    centred(page, regular, 'Kompetensi yang dikembangkan  /  Competencies developed', H - 362, 9, GREY);
    const list = f.competencies
      .map((c) => `${c.code} ${c.nameId ?? ''}${c.nameEn ? ` (${c.nameEn})` : ''} ${c.levelFrom === c.levelTo ? `level ${c.levelFrom}` : `level ${c.levelFrom}-${c.levelTo}`}`)
      .join('   ·   ');
    wrap(regular, list, 9, 560)
      .slice(0, 3)
      .forEach((line, i) => centred(page, regular, line, H - 376 - i * 12, 9, BLACK, 560));
  }

  // Bottom left: how it is signed; bottom right: the QR code to the verification page.
  const issued = dates(f.issuedAt.toISOString());
  const left = 60;
  page.drawText(printable(bold, 'Sertifikat elektronik  /  Electronic certificate'), { x: left, y: 118, size: 9, font: bold, color: NAVY });
  const notes = [
    `Diterbitkan / Issued: ${issued.id} / ${issued.en}`,
    'Ditandatangani secara digital (W3C Verifiable Credential, Open Badges 3.0, Ed25519).',
    'Digitally signed (W3C Verifiable Credential, Open Badges 3.0, Ed25519).',
    `Kunci / Key: ${f.kid.slice(0, 16)}...`,
    'Keaslian dapat diperiksa dengan memindai kode QR.  /  Scan the QR code to check it is genuine.',
  ];
  notes.forEach((t, i) => page.drawText(printable(regular, t), { x: left, y: 104 - i * 11, size: 7.5, font: regular, color: GREY }));

  const qrSize = 96;
  const qrX = W - 60 - qrSize;
  const qrY = 66;
  const qr = qrOperators(f.verifyUrl, qrX, qrY, qrSize);
  const caption = 'Pindai untuk verifikasi / Scan to verify';
  page.drawText(caption, { x: qrX + qrSize - regular.widthOfTextAtSize(caption, 7), y: qrY + qrSize + 6, size: 7, font: regular, color: GREY });
  const urlText = printable(regular, f.verifyUrl);
  let urlSize = 6.5;
  while (urlSize > 4 && regular.widthOfTextAtSize(urlText, urlSize) > 300) urlSize -= 0.5;
  page.drawText(urlText, { x: qrX + qrSize - regular.widthOfTextAtSize(urlText, urlSize), y: qrY - 11, size: urlSize, font: regular, color: NAVY });
  link(doc, page, f.verifyUrl, [qrX, qrY - 14, qrX + qrSize, qrY + qrSize]);

  if (f.revoked) {
    page.drawText('DICABUT / REVOKED', { x: 180, y: 250, size: 60, font: bold, color: rgb(0.8, 0.1, 0.1), opacity: 0.35, rotate: degrees(20) });
  }
  compressWithZlib(doc, page, qr);
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}
