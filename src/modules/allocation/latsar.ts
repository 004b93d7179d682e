// The new-recruit wave: every new CPNS takes Latsar (basic training) in the first year. Per
// province (of the recruits' agency): recruits, cohorts and seats needed, the seats of upcoming
// Latsar offerings held there, and what is left to open. Seats held in the province go first; the
// seats of online Latsar offerings are then shared out, largest shortfall first. Recruits of
// agencies without a province (ministries) can only take online seats here.
import type { ModelOffering } from './model.ts';

export interface LatsarProvince {
  province_code: string | null;
  agencies: number;
  recruits: number;
  cohorts_needed: number;
  seats_in_province: number;
  online_seats_used: number;
  shortfall: number;
  cohorts_to_open: number;
}

export interface LatsarWave {
  source: 'registry' | 'parameters';
  cohort_size: number;
  recruits: number;
  cohorts_needed: number;
  seats_available: number;
  online_seats: number;
  shortfall: number;
  cohorts_to_open: number;
  provinces: LatsarProvince[];
}

export function latsarWave(recruits: { agencyId: number; count: number }[], provinceOf: (agencyId: number) => string | null, offerings: ModelOffering[], cohortSize: number, source: LatsarWave['source']): LatsarWave {
  const byProvince = new Map<string | null, { agencies: Set<number>; recruits: number }>();
  for (const r of recruits) {
    if (r.count <= 0) continue;
    const key = provinceOf(r.agencyId);
    const p = byProvince.get(key) ?? { agencies: new Set(), recruits: 0 };
    p.agencies.add(r.agencyId);
    p.recruits += r.count;
    byProvince.set(key, p);
  }
  const local = new Map<string, number>();
  let online = 0;
  for (const o of offerings) {
    if (o.seats <= 0) continue;
    if (o.mode === 'online') online += o.seats;
    else if (o.province) local.set(o.province, (local.get(o.province) ?? 0) + o.seats);
  }
  const rows: LatsarProvince[] = [...byProvince].map(([code, p]) => {
    const inProvince = code === null ? 0 : Math.min(p.recruits, local.get(code) ?? 0);
    return { province_code: code, agencies: p.agencies.size, recruits: p.recruits, cohorts_needed: Math.ceil(p.recruits / cohortSize), seats_in_province: inProvince, online_seats_used: 0, shortfall: p.recruits - inProvince, cohorts_to_open: 0 };
  });
  let pool = online;
  for (const r of [...rows].sort((a, b) => b.shortfall - a.shortfall || String(a.province_code).localeCompare(String(b.province_code)))) {
    const n = Math.min(pool, r.shortfall);
    r.online_seats_used = n;
    r.shortfall -= n;
    pool -= n;
    r.cohorts_to_open = Math.ceil(r.shortfall / cohortSize);
  }
  rows.sort((a, b) => String(a.province_code ?? '').localeCompare(String(b.province_code ?? '')));
  const sum = (f: (r: LatsarProvince) => number) => rows.reduce((n, r) => n + f(r), 0);
  return {
    source,
    cohort_size: cohortSize,
    recruits: sum((r) => r.recruits),
    cohorts_needed: Math.ceil(sum((r) => r.recruits) / cohortSize),
    seats_available: [...local.values()].reduce((a, b) => a + b, 0) + online,
    online_seats: online,
    shortfall: sum((r) => r.shortfall),
    cohorts_to_open: sum((r) => r.cohorts_to_open),
    provinces: rows,
  };
}
