// The first stage of a recommendation, in memory: the programmes on a person's gap steps, the
// ones the person may take, scored with the best availability their joinable offerings could give
// ("provisional"), and the best `keep` of them in the final order (score, gap closed, id). Seats
// are read for those only (recommend-service.ts), which then re-scores them with live seats.
//
// Per request this touches every programme on the gap steps (hundreds at national scale), so the
// loop allocates nothing per candidate that it does not keep: the gap closed is summed without
// building the per-competency matches (built for the kept ones), and the joinable offerings of a
// programme — a function of the programme, today, the year asked for and the place — are worked
// out and ordered once per index version and day, then shared by every request that asks the same
// (test/planning-ranking.test.ts holds the result to the straightforward algorithm's).
import { eligibilityProblems } from '../learning/rules.ts';
import type { SupplyOffering } from '../catalog/supply.ts';
import { blendedQuality, jpWeight, matchRanges, qualityWeight, registrationState, score, type Availability, type PersonGap } from './scoring.ts';
import type { IndexedProgramme, SupplyIndex } from './supply-index.ts';

export type Location = 'near' | 'any';

export interface RankingInput {
  gaps: ReadonlyMap<string, PersonGap>;
  /** programmes completed (enrolment or credited record) and live enrolments */
  done: ReadonlySet<number>;
  live: ReadonlySet<number>;
  person: { tier: string | null; rank: string; status: string; provinceCode: string | null };
  stillNeeded: number;
  /** offerings starting in this year only; null: any year */
  year: number | null;
  location: Location;
  today: string;
  /** how many of the best to keep */
  keep: number;
}

export interface Joinable {
  /** offerings taking registrations and starting in the year asked for (anywhere) */
  inYear: number;
  /** of those, the ones nearby or online (all with location 'any'): registration open first, then the earliest start, then id */
  near: readonly SupplyOffering[];
  /** whether any of `near` takes registrations today */
  open: boolean;
}

export interface Ranked {
  p: IndexedProgramme;
  match: ReturnType<typeof matchRanges>;
  inYear: number;
  near: readonly SupplyOffering[];
  quality: number | null;
  weights: { jp: number; quality: number };
  provisional: number;
}

/** Registration open now first, then the earliest start, then id (a total order). */
export function bestFirst<T extends SupplyOffering>(offerings: T[], today: string): T[] {
  return offerings.sort((a, b) => Number(registrationState(b, today) === 'open') - Number(registrationState(a, today) === 'open') || a.start_date.localeCompare(b.start_date) || a.id - b.id);
}

/** The offerings of a programme a person could join (see Joinable). */
export function joinableOf(p: IndexedProgramme, year: number | null, today: string, province: string | null, location: Location): Joinable {
  const inYear = p.offerings.filter((o) => o.registration_closes >= today && o.start_date >= today && (year === null || Number(o.start_date.slice(0, 4)) === year));
  const near = bestFirst(location === 'any' ? [...inYear] : inYear.filter((o) => o.mode === 'online' || (province !== null && o.province_code === province)), today);
  return { inYear: inYear.length, near, open: near.some((o) => registrationState(o, today) === 'open') };
}

// Joinable offerings per index version, keyed by day, year and place; at most MAX_KEYS keys
// (38 provinces × a few years and locations in practice) before it starts over.
const MAX_KEYS = 256;
const joinableCaches = new WeakMap<SupplyIndex, { version: number; byKey: Map<string, Map<number, Joinable>> }>();

function joinableCache(index: SupplyIndex, key: string): Map<number, Joinable> {
  let cache = joinableCaches.get(index);
  if (!cache || cache.version !== index.version) joinableCaches.set(index, (cache = { version: index.version, byKey: new Map() }));
  let byProgramme = cache.byKey.get(key);
  if (!byProgramme) {
    if (cache.byKey.size >= MAX_KEYS) cache.byKey.clear();
    cache.byKey.set(key, (byProgramme = new Map()));
  }
  return byProgramme;
}

/** The gap closed, as matchRanges(...).closes, without building the matches. */
function closedBy(gaps: ReadonlyMap<string, PersonGap>, p: IndexedProgramme): number {
  let total = 0;
  for (const r of p.competencies) {
    const g = gaps.get(r.code);
    if (!g) continue;
    const c = Math.min(g.required, r.level_to) - Math.max(g.current ?? 0, r.level_from);
    if (c > 0) total += c;
  }
  return total;
}

const NO_MISSING: string[] = [];

/** The best `keep` candidates by provisional score, and how many were left out as taken or not eligible. */
export function provisionalTop(index: SupplyIndex, q: RankingInput): { excluded: { alreadyTaken: number; notEligible: number }; top: Ranked[] } {
  const place = q.location === 'any' ? '*' : (q.person.provinceCode ?? '');
  const joinables = joinableCache(index, `${q.today}|${q.year ?? ''}|${place}`);
  const seen = new Set<number>();
  const excluded = { alreadyTaken: 0, notEligible: 0 };
  const scored: { p: IndexedProgramme; closes: number; joinable: Joinable; quality: number | null; jpW: number; qualityW: number; provisional: number }[] = [];
  for (const g of q.gaps.values()) {
    for (let level = (g.current ?? 0) + 1; level <= g.required; level++) {
      for (const p of index.developing(g.code, level)) {
        if (seen.has(p.id)) continue;
        seen.add(p.id);
        if (q.done.has(p.id) || q.live.has(p.id)) {
          excluded.alreadyTaken++;
          continue;
        }
        const missing = p.prerequisites.length ? p.prerequisites.filter((x) => !q.done.has(x.id)).map((x) => x.code) : NO_MISSING;
        if (eligibilityProblems(q.person, p, missing).length) {
          excluded.notEligible++;
          continue;
        }
        const closes = closedBy(q.gaps, p);
        if (closes <= 0) continue;
        let joinable = joinables.get(p.id);
        if (!joinable) joinables.set(p.id, (joinable = joinableOf(p, q.year, q.today, q.person.provinceCode, q.location)));
        const quality = blendedQuality(p.quality, p.providerQuality);
        const jpW = jpWeight(p.jp, q.stillNeeded);
        const qualityW = qualityWeight(quality);
        const provisional: Availability = joinable.near.length === 0 ? 'none' : joinable.open ? 'open' : 'upcoming';
        scored.push({ p, closes, joinable, quality, jpW, qualityW, provisional: score(closes, jpW, qualityW, provisional) });
      }
    }
  }
  scored.sort((a, b) => b.provisional - a.provisional || b.closes - a.closes || a.p.id - b.p.id);
  const top = scored.slice(0, q.keep).map((s) => ({
    p: s.p,
    match: matchRanges(q.gaps, s.p.competencies),
    inYear: s.joinable.inYear,
    near: s.joinable.near,
    quality: s.quality,
    weights: { jp: s.jpW, quality: s.qualityW },
    provisional: s.provisional,
  }));
  return { excluded, top };
}
