// The fixed vocabularies of the registry (ranks, position kinds and tiers, statuses) and the
// rules a civil-servant record must satisfy, shared by the single-record API and bulk import.
import type { CivilServantTable } from '../../db/schema.ts';
import { nipMismatches, parseNip } from './nip.ts';

export const RANKS = ['I/a', 'I/b', 'I/c', 'I/d', 'II/a', 'II/b', 'II/c', 'II/d', 'III/a', 'III/b', 'III/c', 'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e'] as const;
export type Rank = (typeof RANKS)[number];

export const POSITION_KINDS = ['managerial', 'functional', 'executor'] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

export const TIERS_BY_KIND: Record<PositionKind, readonly string[]> = {
  managerial: ['jpt_utama', 'jpt_madya', 'jpt_pratama', 'administrator', 'pengawas'],
  functional: ['ahli_utama', 'ahli_madya', 'ahli_muda', 'ahli_pertama', 'penyelia', 'mahir', 'terampil', 'pemula'],
  executor: ['pelaksana'],
};
export const TIERS = Object.values(TIERS_BY_KIND).flat();

export const STATUSES = ['active', 'leave', 'retired', 'dismissed'] as const;
export type Status = CivilServantTable['status'];

/** Tier must belong to the kind, e.g. ahli_muda is functional. */
export function tierProblem(kind: string, tier: string): string | null {
  if (!POSITION_KINDS.includes(kind as PositionKind)) return `must be one of ${POSITION_KINDS.join(', ')}`;
  if (!TIERS.includes(tier)) return `must be one of ${TIERS.join(', ')}`;
  if (!TIERS_BY_KIND[kind as PositionKind].includes(tier)) return `${tier} is not a ${kind} tier (${TIERS_BY_KIND[kind as PositionKind].join(', ')})`;
  return null;
}

export interface PersonFields {
  nip: string;
  name: string;
  gender: number;
  birthDate: string;
  tmtCpns: string;
  rank: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRealIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/**
 * Checks one civil servant's own fields: NIP structure (each rule its own reason), and the NIP
 * against birth date, TMT CPNS and gender (each mismatch its own message). Field names are the
 * record's (nip, birthDate, …); callers map them to their own (body.nip, TANGGAL_LAHIR, …).
 */
export function personFieldErrors(p: PersonFields): { field: keyof PersonFields; message: string }[] {
  const errors: { field: keyof PersonFields; message: string }[] = [];
  if (!p.name.trim()) errors.push({ field: 'name', message: 'is required' });
  if (p.gender !== 1 && p.gender !== 2) errors.push({ field: 'gender', message: 'must be 1 (male) or 2 (female)' });
  const birthOk = isRealIsoDate(p.birthDate);
  if (!birthOk) errors.push({ field: 'birthDate', message: 'must be a real date (YYYY-MM-DD)' });
  const tmtOk = isRealIsoDate(p.tmtCpns);
  if (!tmtOk) errors.push({ field: 'tmtCpns', message: 'must be a real date (YYYY-MM-DD)' });
  if (!RANKS.includes(p.rank as Rank)) errors.push({ field: 'rank', message: `must be one of ${RANKS.join(', ')}` });
  const nip = parseNip(p.nip);
  if (!nip.ok) {
    errors.push({ field: 'nip', message: nip.reason });
  } else {
    for (const m of nipMismatches(nip.parts, { birthDate: birthOk ? p.birthDate : null, tmtCpns: tmtOk ? p.tmtCpns : null, gender: p.gender === 1 || p.gender === 2 ? p.gender : null })) {
      errors.push(m);
    }
  }
  return errors;
}

// ---------- lenient readers for import files (HR-system exports vary) ----------

/** "III/a", "iii/A", "III a", "3a", "3/a" → "III/a". */
export function readRank(text: string): Rank | null {
  const m = /^\s*(IV|III|II|I|[1-4])\s*[/.\- ]?\s*([a-e])\s*$/i.exec(text);
  if (!m) return null;
  const roman = { '1': 'I', '2': 'II', '3': 'III', '4': 'IV' }[m[1]] ?? m[1].toUpperCase();
  const rank = `${roman}/${m[2].toLowerCase()}`;
  return RANKS.includes(rank as Rank) ? (rank as Rank) : null;
}

/** 1/2, L/P (laki-laki/perempuan), M/F, PRIA/WANITA. */
export function readGender(text: string): 1 | 2 | null {
  const t = text.trim().toUpperCase();
  if (['1', 'L', 'M', 'LAKI-LAKI', 'LAKI', 'PRIA', 'MALE'].includes(t)) return 1;
  if (['2', 'P', 'F', 'W', 'PEREMPUAN', 'WANITA', 'FEMALE'].includes(t)) return 2;
  return null;
}

/** YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY (as HR exports write them) → YYYY-MM-DD, or null. */
export function readDate(text: string): string | null {
  const t = text.trim();
  let iso: string | null = null;
  const a = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const b = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  if (a) iso = `${a[1]}-${a[2].padStart(2, '0')}-${a[3].padStart(2, '0')}`;
  else if (b) iso = `${b[3]}-${b[2].padStart(2, '0')}-${b[1].padStart(2, '0')}`;
  return iso && isRealIsoDate(iso) ? iso : null;
}

const STATUS_WORDS: Record<string, Status> = {
  ACTIVE: 'active', AKTIF: 'active',
  LEAVE: 'leave', CUTI: 'leave', CLTN: 'leave',
  RETIRED: 'retired', PENSIUN: 'retired',
  DISMISSED: 'dismissed', DIBERHENTIKAN: 'dismissed', BERHENTI: 'dismissed',
};

export function readStatus(text: string): Status | null {
  return STATUS_WORDS[text.trim().toUpperCase()] ?? null;
}

const KIND_WORDS: Record<string, PositionKind> = {
  MANAGERIAL: 'managerial', STRUKTURAL: 'managerial', MANAJERIAL: 'managerial', JPT: 'managerial',
  FUNCTIONAL: 'functional', FUNGSIONAL: 'functional',
  EXECUTOR: 'executor', PELAKSANA: 'executor',
};

export function readPositionKind(text: string): PositionKind | null {
  return KIND_WORDS[text.trim().toUpperCase()] ?? null;
}

/** "Ahli Muda", "AHLI_MUDA", "ahli-muda" → "ahli_muda". */
export function readTier(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return TIERS.includes(t) ? t : null;
}
