// The talent box (9-box): performance (below / meets / above) × potential (low / middle / high).
// Numbering as agreed nationally: 1 = below+low … 9 = above+high, growing along the diagonal.
// The database computes the same mapping in talent_rating.box (migration 0002); a test checks they agree.
import type { Performance, Potential } from '../../db/schema.ts';

export const PERFORMANCE: readonly Performance[] = ['below', 'meets', 'above'];
export const POTENTIAL: readonly Potential[] = ['low', 'middle', 'high'];

const BOX: Record<Potential, Record<Performance, number>> = {
  low: { below: 1, meets: 2, above: 4 },
  middle: { below: 3, meets: 5, above: 7 },
  high: { below: 6, meets: 8, above: 9 },
};

export function talentBox(performance: Performance, potential: Potential): number {
  const box = BOX[potential]?.[performance];
  if (box === undefined) throw new RangeError(`no talent box for performance "${performance}" and potential "${potential}"`);
  return box;
}
