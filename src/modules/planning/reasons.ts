// Why a recommendation is made, as structured data and as a sentence in Indonesian or English.
// The web app renders the same structure through its own catalogue (web/src/i18n/*/planning.json);
// this renderer serves API callers (Accept-Language or ?lang=, Indonesian by default).
import { regionByCode } from '../org/regions.ts';
import { formatDate, preferredLanguage } from '../../http/language.ts';

export type Lang = 'id' | 'en';

export interface ReasonCompetency {
  code: string;
  name_id: string | null;
  name_en: string | null;
  current: number | null;
  required: number;
  from: number;
  to: number;
  closes: number;
}

export interface ReasonOffering {
  code: string;
  startDate: string;
  registration: 'open' | 'upcoming';
  registrationOpens: string;
  registrationCloses: string;
  seatsLeft: number;
  mode: 'online' | 'offline' | 'blended';
  provinceCode: string | null;
  provinceName: string | null;
}

export interface Reason {
  /** 'self': the person reads it; 'other': a supervisor or admin reads it about the person */
  perspective: 'self' | 'other';
  competencies: ReasonCompetency[];
  programme: { code: string; category: string; title_id: string; title_en: string | null };
  offering: ReasonOffering | null;
  /** when there is no offering: none upcoming in the year, all elsewhere (other provinces), or all full */
  cohort: 'offering' | 'none' | 'elsewhere' | 'full';
  jp: { programme: number; stillNeeded: number };
  quality: number | null;
  requiredByPosition: boolean;
}

const LEADERSHIP: Record<string, string> = { pkp: 'PKP', pka: 'PKA', pkn1: 'PKN I', pkn2: 'PKN II', latsar: 'Latsar' };
export const provinceName = (code: string | null) => (code ? regionByCode(code)?.name ?? code : null);

function nameOf(c: ReasonCompetency, lang: Lang): string {
  return (lang === 'en' ? c.name_en ?? c.name_id : c.name_id ?? c.name_en) ?? c.code;
}

function list(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'en' ? 'and' : 'dan'} ${items[items.length - 1]}`;
}

const T = {
  id: {
    at: (name: string, level: number) => `${name} di level ${level}`,
    unassessed: (name: string) => `${name} belum dinilai`,
    needs: (self: boolean, level: number) => `${self ? 'jabatan Anda' : 'jabatannya'} memerlukan ${level}`,
    develops: (label: string | null, offering: boolean, what: string) => `${offering ? `angkatan ${label ? `${label} ` : ''}ini` : `program ${label ? `${label} ` : ''}ini`} mengembangkan${what}`,
    it: (from: number, to: number) => `nya dari ${from} ke ${to}`,
    named: (name: string, from: number, to: number) => `${name} dari ${from} ke ${to}`,
    seats: (n: number) => `sisa ${n} kursi`,
    online: 'daring',
    offline: (p: string | null) => `tatap muka${p ? ` di ${p}` : ''}`,
    blended: (p: string | null) => `campuran (daring dan tatap muka${p ? ` di ${p}` : ''})`,
    open: (d: string) => `pendaftaran dibuka sampai ${d}`,
    upcoming: (d: string) => `pendaftaran dibuka ${d}`,
    starts: (d: string) => `mulai ${d}`,
    none: 'belum ada angkatan yang dibuka',
    elsewhere: 'angkatannya di provinsi lain',
    full: 'angkatan yang ada sudah penuh',
    jp: (jp: number, needed: number, self: boolean) => `${jp} JP; ${self ? 'Anda' : 'ia'} masih memerlukan ${needed} JP tahun ini`,
    required: (self: boolean) => `pelatihan kepemimpinan yang diwajibkan ${self ? 'jabatan Anda' : 'jabatannya'}`,
  },
  en: {
    at: (name: string, level: number) => `${name} is at level ${level}`,
    unassessed: (name: string) => `${name} has not been assessed`,
    needs: (self: boolean, level: number) => `${self ? 'your' : 'their'} position needs ${level}`,
    develops: (label: string | null, offering: boolean, what: string) => `this ${label ? `${label} ` : ''}${offering ? 'cohort' : 'programme'} develops ${what}`,
    it: (from: number, to: number) => `it from ${from} to ${to}`,
    named: (name: string, from: number, to: number) => `${name} from ${from} to ${to}`,
    seats: (n: number) => `${n} ${n === 1 ? 'seat' : 'seats'} left`,
    online: 'online',
    offline: (p: string | null) => `in person${p ? ` in ${p}` : ''}`,
    blended: (p: string | null) => `blended (online and in person${p ? ` in ${p}` : ''})`,
    open: (d: string) => `registration open until ${d}`,
    upcoming: (d: string) => `registration opens ${d}`,
    starts: (d: string) => `starts ${d}`,
    none: 'no cohort is open yet',
    elsewhere: 'its cohorts are in other provinces',
    full: 'its cohorts are full',
    jp: (jp: number, needed: number, self: boolean) => `${jp} JP; ${self ? 'you' : 'they'} still need ${needed} JP this year`,
    required: (self: boolean) => `the leadership training ${self ? 'your' : 'their'} position requires`,
  },
};

/** The reason as one sentence, e.g. "Pengambilan Keputusan is at level 2, your position needs 3; this PKP cohort develops it from 2 to 3; 4 seats left; online". */
export function renderReason(r: Reason, lang: Lang): string {
  const t = T[lang];
  const self = r.perspective === 'self';
  const parts: string[] = [];
  const gaps = r.competencies.map((c) => `${c.current === null ? t.unassessed(nameOf(c, lang)) : t.at(nameOf(c, lang), c.current)}, ${t.needs(self, c.required)}`);
  if (gaps.length) parts.push(gaps.join('; '));
  const label = LEADERSHIP[r.programme.category] ?? null;
  const what =
    r.competencies.length === 1
      ? t.it(r.competencies[0].from, r.competencies[0].to)
      : (lang === 'id' ? ' ' : '') + list(r.competencies.map((c) => t.named(nameOf(c, lang), c.from, c.to)), lang);
  if (r.competencies.length) parts.push(t.develops(label, r.offering !== null, what));
  if (r.requiredByPosition) parts.push(t.required(self));
  if (r.offering) {
    const o = r.offering;
    parts.push(t.seats(o.seatsLeft));
    parts.push(o.mode === 'online' ? t.online : o.mode === 'offline' ? t.offline(o.provinceName) : t.blended(o.provinceName));
    parts.push(o.registration === 'open' ? t.open(formatDate(o.registrationCloses, lang)) : t.upcoming(formatDate(o.registrationOpens, lang)));
    parts.push(t.starts(formatDate(o.startDate, lang)));
  } else {
    parts.push(r.cohort === 'elsewhere' ? t.elsewhere : r.cohort === 'full' ? t.full : t.none);
  }
  if (r.jp.stillNeeded > 0) parts.push(t.jp(r.jp.programme, r.jp.stillNeeded, self));
  return parts.join('; ');
}

/** Indonesian unless the caller asks for English (?lang=en, or Accept-Language preferring en). */
export function languageOf(lang: string | undefined, acceptLanguage: string | undefined): Lang {
  if (lang === 'en' || lang === 'id') return lang;
  return preferredLanguage(acceptLanguage, 'id');
}
