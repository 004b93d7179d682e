// The allocation model on instances small enough to check by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { solve, type ModelInput } from './model.ts';

const base = (over: Partial<ModelInput>): ModelInput => ({ groups: [], offerings: [], budgets: [], travel: 'strict', travelPenalty: 0.25, candidatesPerOffering: 8, exactPairs: 20_000, timeLimitSeconds: 30, ...over });

// A: 10 people at 0 needing 3 in Jawa Barat; B: 10 people at 1 needing 3 in Jawa Tengah.
// X (online, 0→3): closes 3 for A, 2 for B. Y (offline in Jawa Barat, 0→2): closes 2 for A; B may not travel.
// Greedy gives X to A (3 > 2) and leaves B nothing: 30. The optimum sends A to Y and B to X: 20 + 20 = 40.
const crossing = base({
  groups: [
    { agencyId: 1, tier: 'ahli_muda', province: '32', code: 'M.01', current: 0, required: 3, people: 10 },
    { agencyId: 2, tier: 'ahli_muda', province: '33', code: 'M.01', current: 1, required: 3, people: 10 },
  ],
  offerings: [
    { id: 100, tiers: [], competencies: [{ code: 'M.01', from: 0, to: 3 }], mode: 'online', province: null, fee: 0, seats: 10, quotas: [] },
    { id: 101, tiers: [], competencies: [{ code: 'M.01', from: 0, to: 2 }], mode: 'offline', province: '32', fee: 0, seats: 10, quotas: [] },
  ],
});

test('the optimiser beats the greedy baseline by a known amount', async () => {
  const out = await solve(crossing);
  assert.equal(out.greedy.gapClosed, 30);
  assert.equal(out.optimiser.gapClosed, 40);
  assert.equal(out.optimiser.method, 'mip');
  assert.deepEqual(out.optimiser.assignments.map((a) => [a.group, a.offering, a.seats]).sort(), [[0, 1, 10], [1, 0, 10]]);
});

test('travel "any" lets B travel; strict keeps it home', async () => {
  const out = await solve({ ...crossing, travel: 'any' });
  assert.equal(out.optimiser.gapClosed, 40);
  // B in Jawa Tengah never gets the Jawa Barat offering under the strict rule
  const strict = await solve(crossing);
  assert.ok(!strict.optimiser.assignments.some((a) => a.group === 1 && a.offering === 1));
});

test('budgets, capacity, people and quotas are respected by both methods', async () => {
  const input = base({
    groups: [
      { agencyId: 1, tier: 'pengawas', province: '32', code: 'M.02', current: 1, required: 3, people: 30 },
      { agencyId: 2, tier: 'pengawas', province: '32', code: 'M.02', current: 2, required: 3, people: 30 },
      { agencyId: 3, tier: 'pelaksana', province: '32', code: 'M.02', current: 0, required: 1, people: 5 },
    ],
    offerings: [
      { id: 1, tiers: ['pengawas'], competencies: [{ code: 'M.02', from: 1, to: 3 }], mode: 'online', province: null, fee: 1_000_000, seats: 25, quotas: [{ agencyId: 2, seats: 5 }] },
      { id: 2, tiers: [], competencies: [{ code: 'M.02', from: 0, to: 3 }], mode: 'offline', province: '32', fee: 0, seats: 12, quotas: [] },
    ],
    budgets: [[1, 7_500_000]],
  });
  const out = await solve(input);
  for (const r of [out.greedy, out.optimiser]) {
    const by = (f: (a: { group: number; offering: number; seats: number }) => boolean) => r.assignments.filter(f).reduce((n, a) => n + a.seats, 0);
    assert.ok(by((a) => a.offering === 0) <= 25 && by((a) => a.offering === 1) <= 12, 'capacity');
    assert.ok(by((a) => a.group === 0) * 1 <= 30 && by((a) => a.group === 1) <= 30 && by((a) => a.group === 2) <= 5, 'people');
    assert.ok(by((a) => a.group === 0 && a.offering === 0) <= 7, 'budget: 7 seats of 1M in 7.5M');
    assert.ok(by((a) => a.group === 1 && a.offering === 0) <= 5, 'quota of agency 2');
    assert.ok(!r.assignments.some((a) => a.group === 2 && a.offering === 0), 'tier eligibility');
  }
  // optimum: offering 1: 7 (A, 2/seat) + 5 (B, quota, 1/seat) = 19; offering 2: A 12 × 2 = 24 → 43 (C's 1/seat loses to A's 2)
  assert.equal(out.optimiser.gapClosed, 43);
  assert.ok(out.optimiser.gapClosed >= out.greedy.gapClosed);
});
