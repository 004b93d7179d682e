// The first stage of the recommendations the straightforward way, as it was before ranking.ts:
// collect every programme on the person's gap steps, filter, match the ranges, filter the
// offerings by date and place, score, sort all, keep the best, then order their offerings.
// Nothing cached, nothing shared between calls: the fast path must give exactly this.
import type { Deps } from '../src/context.ts';
import { seatsLeftFor } from '../src/modules/learning/planning-facts.ts';
import { eligibilityProblems } from '../src/modules/learning/rules.ts';
import type { SupplyOffering } from '../src/modules/catalog/supply.ts';
import type { Location, RankingInput, Ranked } from '../src/modules/planning/ranking.ts';
import { blendedQuality, jpWeight, matchRanges, qualityWeight, registrationState, score, type Availability } from '../src/modules/planning/scoring.ts';
import type { IndexedProgramme, SupplyIndex } from '../src/modules/planning/supply-index.ts';

function joinable(p: IndexedProgramme, year: number | null, today: string, province: string | null, location: Location) {
  const inYear = p.offerings.filter((o) => o.registration_closes >= today && o.start_date >= today && (year === null || Number(o.start_date.slice(0, 4)) === year));
  const near = location === 'any' ? inYear : inYear.filter((o) => o.mode === 'online' || (province !== null && o.province_code === province));
  return { inYear: inYear.length, near };
}

function bestFirst<T extends SupplyOffering>(offerings: T[], today: string): T[] {
  return offerings.sort((a, b) => Number(registrationState(b, today) === 'open') - Number(registrationState(a, today) === 'open') || a.start_date.localeCompare(b.start_date) || a.id - b.id);
}

export function referenceTop(index: SupplyIndex, q: RankingInput): { excluded: { alreadyTaken: number; notEligible: number }; top: Ranked[] } {
  const seen = new Set<number>();
  const candidates: IndexedProgramme[] = [];
  for (const g of q.gaps.values()) {
    for (let level = (g.current ?? 0) + 1; level <= g.required; level++) {
      for (const p of index.developing(g.code, level)) if (!seen.has(p.id)) seen.add(p.id), candidates.push(p);
    }
  }
  const excluded = { alreadyTaken: 0, notEligible: 0 };
  const scored = [];
  for (const p of candidates) {
    if (q.done.has(p.id) || q.live.has(p.id)) {
      excluded.alreadyTaken++;
      continue;
    }
    const missing = p.prerequisites.filter((x) => !q.done.has(x.id)).map((x) => x.code);
    if (eligibilityProblems({ tier: q.person.tier, rank: q.person.rank, status: q.person.status }, p, missing).length) {
      excluded.notEligible++;
      continue;
    }
    const match = matchRanges(q.gaps, p.competencies);
    if (match.closes <= 0) continue;
    const { inYear, near } = joinable(p, q.year, q.today, q.person.provinceCode, q.location);
    const quality = blendedQuality(p.quality, p.providerQuality);
    const weights = { jp: jpWeight(p.jp, q.stillNeeded), quality: qualityWeight(quality) };
    const provisional: Availability = near.length === 0 ? 'none' : near.some((o) => registrationState(o, q.today) === 'open') ? 'open' : 'upcoming';
    scored.push({ p, match, inYear, near, quality, weights, provisional: score(match.closes, weights.jp, weights.quality, provisional) });
  }
  scored.sort((a, b) => b.provisional - a.provisional || b.match.closes - a.match.closes || a.p.id - b.p.id);
  const top = scored.slice(0, q.keep);
  for (const t of top) t.near = bestFirst([...t.near], q.today);
  return { excluded, top };
}

/** Seats the straightforward way: all six nearby offerings of every candidate, in one read. */
export const referenceSeats = (deps: Deps, agencyId: number, top: readonly Ranked[]) => seatsLeftFor(deps.db, agencyId, top.flatMap((s) => s.near.slice(0, 6)));
