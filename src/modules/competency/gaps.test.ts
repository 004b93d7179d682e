import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareCodes, computeGap, effectiveStandard, gapCells, gapTotals, rollUp, statsFromSums } from './gaps.ts';

test('gap is required minus current, never negative; no current level counts as 0', () => {
  assert.equal(computeGap(3, 1), 2);
  assert.equal(computeGap(3, 3), 0);
  assert.equal(computeGap(3, 5), 0);
  assert.equal(computeGap(4, null), 4);
  assert.equal(computeGap(null, 2), null);
  assert.equal(computeGap(null, null), null);
});

test('codes sort managerial, socio-cultural, then technical', () => {
  assert.deepEqual(['T.DIGITAL', 'SK.01', 'M.10', 'M.02', 'T.AGILITY', 'M.01'].sort(compareCodes), ['M.01', 'M.02', 'M.10', 'SK.01', 'T.AGILITY', 'T.DIGITAL']);
});

test('effective standard: an override wins per competency, adds new ones, leaves the rest at the tier default', () => {
  const std = effectiveStandard(
    [
      { code: 'M.01', level: 3 },
      { code: 'M.02', level: 3 },
      { code: 'SK.01', level: 3 },
    ],
    [
      { code: 'M.02', level: 4 },
      { code: 'T.DIGITAL', level: 2 },
    ],
  );
  assert.deepEqual(std, [
    { code: 'M.01', required: 3, source: 'tier_default' },
    { code: 'M.02', required: 4, source: 'position' },
    { code: 'SK.01', required: 3, source: 'tier_default' },
    { code: 'T.DIGITAL', required: 2, source: 'position' },
  ]);
  assert.deepEqual(effectiveStandard([], []), []);
});

test('gap cells cover required and assessed competencies; totals count only required ones', () => {
  const cells = gapCells(
    [
      { code: 'M.01', required: 3, source: 'tier_default' },
      { code: 'M.02', required: 2, source: 'tier_default' },
      { code: 'M.03', required: 2, source: 'tier_default' },
    ],
    new Map([
      ['M.01', 1],
      ['M.03', 4],
      ['T.X', 2],
    ]),
  );
  assert.deepEqual(cells, [
    { code: 'M.01', required: 3, current: 1, gap: 2 },
    { code: 'M.02', required: 2, current: null, gap: 2 },
    { code: 'M.03', required: 2, current: 4, gap: 0 },
    { code: 'T.X', required: null, current: 2, gap: null },
  ]);
  assert.deepEqual(gapTotals(cells), { required: 3, withGap: 2, totalGap: 4 });
});

test('roll-up: people, assessed, with gap and mean gap per competency', () => {
  const a = [
    { code: 'M.01', required: 3, current: 1, gap: 2 },
    { code: 'T.X', required: null, current: 2, gap: null },
  ];
  const b = [{ code: 'M.01', required: 3, current: null, gap: 3 }];
  const c = [{ code: 'M.01', required: 2, current: 4, gap: 0 }];
  assert.deepEqual(rollUp([a, b, c]), [{ code: 'M.01', people: 3, assessed: 2, withGap: 2, averageGap: 1.67 }]);
  assert.deepEqual(rollUp([]), []);
});

test('partial sums (per unit) merge into the same statistics as the whole', () => {
  const merged = statsFromSums([
    { code: 'M.02', people: 2, assessed: 1, withGap: 1, gapSum: 1 },
    { code: 'M.01', people: 1, assessed: 1, withGap: 0, gapSum: 0 },
    { code: 'M.02', people: 1, assessed: 0, withGap: 1, gapSum: 3 },
  ]);
  assert.deepEqual(merged, [
    { code: 'M.01', people: 1, assessed: 1, withGap: 0, averageGap: 0 },
    { code: 'M.02', people: 3, assessed: 1, withGap: 2, averageGap: 1.33 },
  ]);
});
