// Position standards and gaps, as pure functions.
//
// Effective standard of a position: for each competency code, the position's override when it
// has one, else its tier's default. Overrides may add competencies (e.g. technical ones) the
// tier default does not list; they cannot remove one.
//
// Gap (one definition everywhere — person view, team matrix, unit/agency/national roll-ups):
//   gap = max(0, required − current), with no valid current level counted as 0.
// So someone never assessed (or whose assessment expired) carries the whole required level as
// gap: planning must see them, not skip them. A level above the standard is no gap (0) and does
// not offset someone else's gap in averages. Competencies without a required level have no gap
// (null) and are left out of roll-ups. The SQL roll-ups compute greatest(required − coalesce(level, 0), 0).

export interface RequiredLevel {
  code: string;
  level: number;
}

export type StandardSource = 'position' | 'tier_default';

export interface EffectiveRequirement {
  code: string;
  required: number;
  source: StandardSource;
}

const KIND_ORDER: Record<string, number> = { M: 0, SK: 1, T: 2 };

/** Dictionary order: managerial (M.01…), socio-cultural (SK.01…), then technical (T.…). */
export function compareCodes(a: string, b: string): number {
  const ka = KIND_ORDER[a.split('.')[0]] ?? 3;
  const kb = KIND_ORDER[b.split('.')[0]] ?? 3;
  return ka - kb || (a < b ? -1 : a > b ? 1 : 0);
}

export function effectiveStandard(tierDefaults: readonly RequiredLevel[], overrides: readonly RequiredLevel[]): EffectiveRequirement[] {
  const byCode = new Map<string, EffectiveRequirement>();
  for (const d of tierDefaults) byCode.set(d.code, { code: d.code, required: d.level, source: 'tier_default' });
  for (const o of overrides) byCode.set(o.code, { code: o.code, required: o.level, source: 'position' });
  return [...byCode.values()].sort((a, b) => compareCodes(a.code, b.code));
}

export function computeGap(required: number | null, current: number | null): number | null {
  if (required === null) return null;
  return Math.max(0, required - (current ?? 0));
}

export interface GapCell {
  code: string;
  required: number | null;
  current: number | null;
  gap: number | null;
}

/** One row per competency that is required or has a current level, in dictionary order. */
export function gapCells(standard: readonly EffectiveRequirement[], current: ReadonlyMap<string, number>): GapCell[] {
  const codes = new Set([...standard.map((s) => s.code), ...current.keys()]);
  const required = new Map(standard.map((s) => [s.code, s.required]));
  return [...codes].sort(compareCodes).map((code) => {
    const req = required.get(code) ?? null;
    const cur = current.get(code) ?? null;
    return { code, required: req, current: cur, gap: computeGap(req, cur) };
  });
}

export interface GapTotals {
  /** competencies with a required level */
  required: number;
  withGap: number;
  totalGap: number;
}

export function gapTotals(cells: readonly GapCell[]): GapTotals {
  let required = 0;
  let withGap = 0;
  let totalGap = 0;
  for (const c of cells) {
    if (c.gap === null) continue;
    required++;
    totalGap += c.gap;
    if (c.gap > 0) withGap++;
  }
  return { required, withGap, totalGap };
}

/** Per competency over a group of people: the shape every roll-up (unit, agency, nation) reports. */
export interface CompetencyGapStat {
  code: string;
  /** people for whom the competency is required */
  people: number;
  /** of those, people with a valid current level */
  assessed: number;
  /** of those, people with gap > 0 */
  withGap: number;
  /** mean gap over `people` (two decimals), 0 when nobody is required */
  averageGap: number;
}

export function averageGap(sum: number, people: number): number {
  return people === 0 ? 0 : Math.round((sum / people) * 100) / 100;
}

export interface GapSums {
  code: string;
  people: number;
  assessed: number;
  withGap: number;
  gapSum: number;
}

/** Merges partial sums (e.g. per unit, per agency) by code into statistics, in dictionary order. */
export function statsFromSums(rows: readonly GapSums[]): CompetencyGapStat[] {
  const acc = new Map<string, GapSums>();
  for (const r of rows) {
    const a = acc.get(r.code) ?? { code: r.code, people: 0, assessed: 0, withGap: 0, gapSum: 0 };
    a.people += r.people;
    a.assessed += r.assessed;
    a.withGap += r.withGap;
    a.gapSum += r.gapSum;
    acc.set(r.code, a);
  }
  return [...acc.values()]
    .sort((a, b) => compareCodes(a.code, b.code))
    .map((a) => ({ code: a.code, people: a.people, assessed: a.assessed, withGap: a.withGap, averageGap: averageGap(a.gapSum, a.people) }));
}

/** Folds person-level cells into per-competency statistics (the team view; tests compare it with the SQL roll-ups). */
export function rollUp(people: readonly (readonly GapCell[])[]): CompetencyGapStat[] {
  return statsFromSums(
    people.flatMap((cells) =>
      cells.filter((c) => c.gap !== null).map((c) => ({ code: c.code, people: 1, assessed: c.current === null ? 0 : 1, withGap: (c.gap as number) > 0 ? 1 : 0, gapSum: c.gap as number })),
    ),
  );
}
