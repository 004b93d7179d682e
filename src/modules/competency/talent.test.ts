import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PERFORMANCE, POTENTIAL, talentBox } from './talent.ts';

test('the 9-box numbering is exactly the agreed one', () => {
  const expected: [string, string, number][] = [
    ['below', 'low', 1],
    ['meets', 'low', 2],
    ['below', 'middle', 3],
    ['above', 'low', 4],
    ['meets', 'middle', 5],
    ['below', 'high', 6],
    ['above', 'middle', 7],
    ['meets', 'high', 8],
    ['above', 'high', 9],
  ];
  for (const [performance, potential, box] of expected) assert.equal(talentBox(performance as never, potential as never), box, `${performance}+${potential}`);
});

test('every combination has its own box', () => {
  const boxes = PERFORMANCE.flatMap((p) => POTENTIAL.map((q) => talentBox(p, q)));
  assert.deepEqual([...boxes].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('an unknown rating is refused, not boxed', () => {
  assert.throws(() => talentBox('great' as never, 'low'), RangeError);
  assert.throws(() => talentBox('meets', 'huge' as never), RangeError);
});
