// Explanations and the Latsar wave on instances small enough to check by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeReason, encodeReason, explainAll, explainText } from './explain.ts';
import { latsarWave } from './latsar.ts';
import type { ModelInput, ModelOffering } from './model.ts';

const offering = (over: Partial<ModelOffering>): ModelOffering => ({ id: 1, tiers: [], competencies: [{ code: 'M.01', from: 1, to: 3 }], mode: 'online', province: null, fee: 0, seats: 10, quotas: [], ...over });
const input = (over: Partial<ModelInput>): ModelInput => ({ groups: [], offerings: [], budgets: [], travel: 'strict', travelPenalty: 0, candidatesPerOffering: 8, exactPairs: 20_000, timeLimitSeconds: 10, ...over });
const group = { agencyId: 1, tier: 'pengawas', province: '32', code: 'M.01', current: 1, required: 3, people: 5 };

test('the cause of people left without a seat is the first step at which nothing is left', () => {
  const cases: [Partial<ModelInput>, string][] = [
    [{ offerings: [offering({ competencies: [{ code: 'M.02', from: 1, to: 3 }] })] }, 'no-offering'],
    [{ offerings: [offering({ competencies: [{ code: 'M.01', from: 3, to: 5 }] })] }, 'range'],
    [{ offerings: [offering({ tiers: ['administrator'] })] }, 'eligibility'],
    [{ offerings: [offering({ mode: 'offline', province: '33' })] }, 'travel'],
    [{ offerings: [offering({ seats: 0 })] }, 'capacity'],
    [{ offerings: [offering({ fee: 2_000_000 })], budgets: [[1, 1_000_000]] }, 'budget'],
  ];
  for (const [over, cause] of cases) {
    const [r] = explainAll(input({ groups: [group], ...over }), []);
    assert.equal(r.cause, cause, cause);
    assert.equal(r.outcome, 'none');
    assert.equal(r.unserved, 5);
    assert.deepEqual(decodeReason(encodeReason(r)), r, 'stored and read back unchanged');
  }
  // travel is no cause under "any": the offering in Central Java is reachable (and has seats)
  assert.equal(explainAll(input({ groups: [group], travel: 'any', offerings: [offering({ mode: 'offline', province: '33' })] }), [])[0].cause, 'pruned');
  // served in full: no cause
  const served = explainAll(input({ groups: [group], offerings: [offering({})] }), [{ group: 0, offering: 0, seats: 5 }])[0];
  assert.deepEqual([served.outcome, served.cause, served.best], ['served', null, 2]);
});

test('the words name the gap, the seats and the cause, in Indonesian and English', () => {
  const [r] = explainAll(input({ groups: [group], offerings: [offering({ seats: 3 })] }), [{ group: 0, offering: 0, seats: 3 }]);
  const g = { competency: 'M.01 Integritas', current: 1, required: 3, people: 5, seats: 3, gap_closed: 6, greedy_gap_closed: 6, offerings: ['P/A-1 (3)'] };
  assert.equal(explainText(r, g, 'en'), '5 people in this group are at level 1 of M.01 Integritas; their position requires level 3. Given 3 seats in P/A-1 (3), closing 6 gap levels (greedy: 6); the best reachable offering closes 2 levels a seat. 2 people got no seat: all 1 reachable offerings are full, given to groups whose gap a seat closes more.');
  assert.match(explainText(r, g, 'id'), /^5 orang di kelompok ini berada di level 1 M\.01 Integritas, jabatannya memerlukan level 3\. Mendapat 3 kursi .* 2 orang belum mendapat kursi: semua 1 penawaran yang terjangkau sudah penuh/);
});

test('Latsar wave: seats in the province first, then online seats to the largest shortfall', () => {
  const provinces: Record<number, string | null> = { 1: '32', 2: '32', 3: '33', 4: null };
  const w = latsarWave(
    [{ agencyId: 1, count: 70 }, { agencyId: 2, count: 30 }, { agencyId: 3, count: 50 }, { agencyId: 4, count: 20 }],
    (id) => provinces[id],
    [offering({ mode: 'offline', province: '32', seats: 40 }), offering({ mode: 'blended', province: '33', seats: 45 }), offering({ mode: 'online', seats: 50 }), offering({ mode: 'offline', province: '11', seats: 99 })],
    40,
    'parameters',
  );
  const by = new Map(w.provinces.map((p) => [p.province_code, p]));
  // West Java: 100 recruits, 40 seats there, short 60 → all 50 online seats, still 10 short: 1 cohort to open
  assert.deepEqual(by.get('32'), { province_code: '32', agencies: 2, recruits: 100, cohorts_needed: 3, seats_in_province: 40, online_seats_used: 50, shortfall: 10, cohorts_to_open: 1 });
  // Central Java: 50 recruits, 45 seats, 5 short, no online seat left
  assert.deepEqual(by.get('33'), { province_code: '33', agencies: 1, recruits: 50, cohorts_needed: 2, seats_in_province: 45, online_seats_used: 0, shortfall: 5, cohorts_to_open: 1 });
  // a ministry without a province: online only, none left
  assert.deepEqual([by.get(null)!.seats_in_province, by.get(null)!.shortfall, by.get(null)!.cohorts_to_open], [0, 20, 1]);
  assert.deepEqual([w.recruits, w.cohorts_needed, w.seats_available, w.online_seats, w.shortfall, w.cohorts_to_open], [170, 5, 234, 50, 35, 3]);
});
