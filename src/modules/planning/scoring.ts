// The recommendation score, as pure functions (docs/planning.md states the same formula).
//
// A person's gap in a competency is the level steps (current, required] — current counted as 0
// when there is no valid assessment (competency gaps.ts). A programme develops a competency over
// the steps (level_from, level_to]. What it closes for the person is the overlap:
//     closes = max(0, min(required, level_to) − max(current, level_from))
// summed over the programme's competencies. A programme "develops step s → s+1" exactly when the
// catalogue's competency-range query (programmesDeveloping with from = s, to = s+1) returns it.
//
// score = closes × jpWeight × qualityWeight × availabilityWeight
//   jpWeight           = 1 + 0.5 × min(JP of the programme, JP still needed) / JP still needed
//                        (1 when the person already has the 20 JP of the year)
//   qualityWeight      = 0.6 + 0.08 × q, q = 0.7 × programme quality + 0.3 × provider quality
//                        (whichever exists; 3 when neither), so 0.6 … 1.0
//   availabilityWeight = 1 registration open now, 0.9 registration opens later, 0.6 no cohort to join
import { JP_ENTITLEMENT } from '../learning/rules.ts';

export { JP_ENTITLEMENT };

export const JP_BONUS = 0.5;
export const QUALITY_BASE = 0.6;
export const QUALITY_SLOPE = 0.08;
export const NEUTRAL_QUALITY = 3;
export const AVAILABILITY = { open: 1, upcoming: 0.9, none: 0.6 } as const;
export type Availability = keyof typeof AVAILABILITY;

export interface PersonGap {
  code: string;
  required: number;
  /** null = no valid assessment (counts as 0) */
  current: number | null;
}

export interface LevelRange {
  code: string;
  level_from: number;
  level_to: number;
}

export interface CompetencyMatch {
  code: string;
  current: number | null;
  required: number;
  from: number;
  to: number;
  closes: number;
}

export function closes(current: number | null, required: number, from: number, to: number): number {
  return Math.max(0, Math.min(required, to) - Math.max(current ?? 0, from));
}

/** What the programme's ranges close of the person's gaps, competency by competency (only those it closes). */
export function matchRanges(gaps: ReadonlyMap<string, PersonGap>, ranges: readonly LevelRange[]): { closes: number; matches: CompetencyMatch[] } {
  const matches: CompetencyMatch[] = [];
  let total = 0;
  for (const r of ranges) {
    const g = gaps.get(r.code);
    if (!g) continue;
    const c = closes(g.current, g.required, r.level_from, r.level_to);
    if (c <= 0) continue;
    total += c;
    matches.push({ code: r.code, current: g.current, required: g.required, from: r.level_from, to: r.level_to, closes: c });
  }
  return { closes: total, matches };
}

export function jpStillNeeded(creditedJp: number, entitlement = JP_ENTITLEMENT): number {
  return Math.max(0, Math.round((entitlement - creditedJp) * 100) / 100);
}

export function jpWeight(programmeJp: number, stillNeeded: number): number {
  if (stillNeeded <= 0) return 1;
  return 1 + JP_BONUS * (Math.min(programmeJp, stillNeeded) / stillNeeded);
}

export function blendedQuality(programme: number | null, provider: number | null): number | null {
  if (programme !== null && provider !== null) return 0.7 * programme + 0.3 * provider;
  return programme ?? provider;
}

export function qualityWeight(quality: number | null): number {
  return QUALITY_BASE + QUALITY_SLOPE * Math.min(5, Math.max(0, quality ?? NEUTRAL_QUALITY));
}

export function score(closed: number, jpW: number, qualityW: number, availability: Availability): number {
  return Math.round(closed * jpW * qualityW * AVAILABILITY[availability] * 1000) / 1000;
}

/** Registration state of an offering on `today` (Jakarta dates): open, opens later, or closed. */
export function registrationState(o: { registration_opens: string; registration_closes: string }, today: string): 'open' | 'upcoming' | 'closed' {
  if (today > o.registration_closes) return 'closed';
  return today >= o.registration_opens ? 'open' : 'upcoming';
}
