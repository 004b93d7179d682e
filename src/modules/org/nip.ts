// NIP (Nomor Induk Pegawai): 18 digits = birth date YYYYMMDD + TMT CPNS YYYYMM + gender digit
// (1 male, 2 female) + 3-digit sequence. Validated by structure; each rule gives its own reason.

export interface NipParts {
  birthDate: string; // YYYY-MM-DD
  tmtCpns: string; // YYYY-MM-01
  gender: 1 | 2;
  sequence: number;
}

export type NipResult = { ok: true; parts: NipParts } | { ok: false; reason: string };

function realDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function parseNip(nip: string, today = new Date()): NipResult {
  if (!/^\d{18}$/.test(nip)) return { ok: false, reason: 'must be exactly 18 digits' };
  const by = Number(nip.slice(0, 4));
  const bm = Number(nip.slice(4, 6));
  const bd = Number(nip.slice(6, 8));
  const ty = Number(nip.slice(8, 12));
  const tm = Number(nip.slice(12, 14));
  const gender = Number(nip[14]);
  const sequence = Number(nip.slice(15));
  if (by < 1900 || !realDate(by, bm, bd)) return { ok: false, reason: `digits 1-8 (${nip.slice(0, 8)}) are not a real birth date` };
  if (Date.UTC(by, bm - 1, bd) > today.getTime()) return { ok: false, reason: 'the birth date (digits 1-8) is in the future' };
  if (tm < 1 || tm > 12 || ty < 1900) return { ok: false, reason: `digits 9-14 (${nip.slice(8, 14)}) are not a real TMT CPNS month` };
  if (ty * 12 + tm > today.getUTCFullYear() * 12 + today.getUTCMonth() + 1) return { ok: false, reason: 'the TMT CPNS month (digits 9-14) is in the future' };
  // Appointment no earlier than the month of the 18th birthday.
  if (ty * 12 + tm < (by + 18) * 12 + bm) return { ok: false, reason: 'the TMT CPNS month (digits 9-14) is before the age of 18' };
  if (gender !== 1 && gender !== 2) return { ok: false, reason: `digit 15 (${nip[14]}) must be 1 (male) or 2 (female)` };
  return { ok: true, parts: { birthDate: `${by}-${pad(bm)}-${pad(bd)}`, tmtCpns: `${ty}-${pad(tm)}-01`, gender: gender as 1 | 2, sequence } };
}

export function formatNip(parts: { birthDate: string; tmtCpns: string; gender: 1 | 2; sequence: number }): string {
  return parts.birthDate.replace(/-/g, '') + parts.tmtCpns.slice(0, 7).replace('-', '') + parts.gender + pad(parts.sequence, 3);
}

/**
 * Where a NIP disagrees with the record it sits on: birth date, TMT CPNS month, gender.
 * One message per mismatch. The NIP must already be structurally valid.
 */
export function nipMismatches(parts: NipParts, record: { birthDate?: string | null; tmtCpns?: string | null; gender?: number | null }): { field: 'birthDate' | 'tmtCpns' | 'gender'; message: string }[] {
  const out: { field: 'birthDate' | 'tmtCpns' | 'gender'; message: string }[] = [];
  if (record.birthDate && record.birthDate !== parts.birthDate) {
    out.push({ field: 'birthDate', message: `${record.birthDate} does not match the birth date in the NIP (${parts.birthDate})` });
  }
  if (record.tmtCpns && record.tmtCpns.slice(0, 7) !== parts.tmtCpns.slice(0, 7)) {
    out.push({ field: 'tmtCpns', message: `${record.tmtCpns.slice(0, 7)} does not match the TMT CPNS month in the NIP (${parts.tmtCpns.slice(0, 7)})` });
  }
  if (record.gender && record.gender !== parts.gender) {
    out.push({ field: 'gender', message: `${record.gender === 1 ? 'male (1)' : 'female (2)'} does not match the gender digit in the NIP (${parts.gender})` });
  }
  return out;
}
