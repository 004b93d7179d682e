// Pure arithmetic of the dashboards: the 20-JP expectation, percentages, and folding per-agency
// rows into provinces and agency kinds. No database here.
import { averageGap } from '../competency/gaps.ts';
import { JP_ENTITLEMENT, yearElapsed } from '../learning/rules.ts';

export { averageGap };

/** The pro-rata JP expected by `today` for `year`, rounded as learning's compliance does, and in hundredths. */
export function jpExpectation(year: number, today: string): { expected: number; centi: number } {
  const expected = Math.round(JP_ENTITLEMENT * yearElapsed(year, today) * 100) / 100;
  return { expected, centi: Math.round(expected * 100) };
}

/** a / b as a percentage with one decimal; 0 when b is 0. */
export const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : 0);

export const round2 = (x: number) => Math.round(x * 100) / 100;

export interface Compliance {
  people: number;
  met: number;
  onTrack: number;
  atRisk: number;
  /** met or on track, % of people */
  compliancePct: number;
  metPct: number;
  averageJp: number;
}

export function compliance(people: number, met: number, onTrack: number, jp: number): Compliance {
  return { people, met, onTrack, atRisk: people - met - onTrack, compliancePct: pct(met + onTrack, people), metPct: pct(met, people), averageJp: people ? round2(jp / people) : 0 };
}

export interface GapTotals {
  /** required (person, competency) cells */
  cells: number;
  assessed: number;
  withGap: number;
  gapSum: number;
}

export const emptyGap = (): GapTotals => ({ cells: 0, assessed: 0, withGap: 0, gapSum: 0 });

export function addGap(t: GapTotals, r: { people: number; assessed: number; with_gap: number; gap_sum: number }): GapTotals {
  t.cells += r.people;
  t.assessed += r.assessed;
  t.withGap += r.with_gap;
  t.gapSum += r.gap_sum;
  return t;
}

export function gapFigures(t: GapTotals) {
  return { required: t.cells, assessed: t.assessed, withGap: t.withGap, withGapPct: pct(t.withGap, t.cells), averageGap: averageGap(t.gapSum, t.cells) };
}

/** Regional governments belong to their province's tile; ministries and national agencies to the central one. */
export const isRegional = (kind: string) => kind === 'province' || kind === 'regency' || kind === 'city';

/** Days from `from` to `to` ('YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export type AccreditationState = 'expired' | 'expiring' | 'valid' | 'none';

/** Expired before today; expiring within `windowDays` (today included); valid beyond; none without a date. */
export function accreditationState(validTo: string | null, today: string, windowDays: number): AccreditationState {
  if (!validTo) return 'none';
  if (validTo < today) return 'expired';
  return daysBetween(today, validTo) <= windowDays ? 'expiring' : 'valid';
}

/** The provider's quality as the evaluation module computes it: its programmes' quality weighted by max(1, reaction responses). */
export function weightedQuality(items: { quality: number; responses: number }[]): number | null {
  let sum = 0;
  let weight = 0;
  for (const i of items) {
    const w = Math.max(1, i.responses);
    sum += i.quality * w;
    weight += w;
  }
  return weight ? round2(sum / weight) : null;
}
