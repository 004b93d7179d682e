// Programme quality from the four evaluation levels, on the catalogue's 0–5 scale. Pure.
//   level 1  mean reaction score (1–5)
//   level 2  mean normalised gain (post − pre) / (100 − pre), mapped to 1–5 (no gain = 1, full gain = 5)
//   level 3  mean supervisor follow-up score (1–5)
//   level 4  mean change-project outcome score (1–5)
// A level counts once it has MIN_RESPONSES answers; the quality is the weighted mean of the
// levels that count (weights renormalised), or null while none does.
export const MIN_RESPONSES = 3;
export const WEIGHTS = { l1: 0.4, l2: 0.2, l3: 0.25, l4: 0.15 } as const;

export interface LevelFigures {
  l1: { n: number; mean: number | null };
  l2: { n: number; meanPre: number | null; meanPost: number | null; meanGain: number | null };
  l3: { n: number; mean: number | null; pending: number; overdue: number };
  l4: { n: number; mean: number | null };
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

export function gainToScale(gain: number): number {
  return 1 + 4 * Math.min(1, Math.max(0, gain));
}

export function computeQuality(f: LevelFigures) {
  const parts: { level: keyof typeof WEIGHTS; value: number }[] = [];
  if (f.l1.n >= MIN_RESPONSES && f.l1.mean !== null) parts.push({ level: 'l1', value: f.l1.mean });
  if (f.l2.n >= MIN_RESPONSES && f.l2.meanGain !== null) parts.push({ level: 'l2', value: gainToScale(f.l2.meanGain) });
  if (f.l3.n >= MIN_RESPONSES && f.l3.mean !== null) parts.push({ level: 'l3', value: f.l3.mean });
  if (f.l4.n >= MIN_RESPONSES && f.l4.mean !== null) parts.push({ level: 'l4', value: f.l4.mean });
  const weight = parts.reduce((a, p) => a + WEIGHTS[p.level], 0);
  const quality = weight ? parts.reduce((a, p) => a + WEIGHTS[p.level] * p.value, 0) / weight : null;
  return {
    quality: round(quality),
    min_responses: MIN_RESPONSES,
    levels: {
      reaction: { responses: f.l1.n, mean: round(f.l1.mean), counted: parts.some((p) => p.level === 'l1') },
      learning: { participants: f.l2.n, mean_pre: round(f.l2.meanPre), mean_post: round(f.l2.meanPost), mean_gain: round(f.l2.meanGain), counted: parts.some((p) => p.level === 'l2') },
      behaviour: { responses: f.l3.n, mean: round(f.l3.mean), pending: f.l3.pending, overdue: f.l3.overdue, counted: parts.some((p) => p.level === 'l3') },
      results: { responses: f.l4.n, mean: round(f.l4.mean), counted: parts.some((p) => p.level === 'l4') },
    },
  };
}
