import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addMonths, currentByCompetency, todayInIndonesia, validityCutoff } from './validity.ts';

test('month arithmetic clamps to the end of the month', () => {
  assert.equal(addMonths('2026-03-15', -36), '2023-03-15');
  assert.equal(addMonths('2024-02-29', 12), '2025-02-28');
  assert.equal(addMonths('2026-05-31', -3), '2026-02-28');
  assert.equal(addMonths('2026-01-10', -1), '2025-12-10');
  assert.equal(addMonths('2026-12-10', 1), '2027-01-10');
});

test('the cutoff is the validity period before today', () => {
  assert.equal(validityCutoff('2026-06-30', 36), '2023-06-30');
});

test('today is taken in Indonesian time, not UTC', () => {
  // 20:00 UTC on 31 Dec is already 1 Jan in Jakarta (UTC+7).
  assert.equal(todayInIndonesia(new Date('2025-12-31T20:00:00Z')), '2026-01-01');
  assert.equal(todayInIndonesia(new Date('2025-12-31T10:00:00Z')), '2025-12-31');
});

const row = (id: number, code: string, level: number, assessed_on: string, voided = false) => ({ id, competency_code: code, level, assessed_on, voided_at: voided ? new Date() : null });

test('the current level is the latest valid, non-void assessment per competency', () => {
  const cutoff = validityCutoff('2026-06-30', 36); // 2023-06-30
  const rows = [
    row(1, 'M.01', 2, '2024-01-10'),
    row(2, 'M.01', 4, '2025-05-01'), // latest → current
    row(3, 'M.02', 3, '2025-01-01'),
    row(4, 'M.02', 5, '2026-01-01', true), // void → ignored
    row(5, 'M.03', 4, '2023-06-30'), // exactly at the cutoff → expired
    row(6, 'M.03', 1, '2020-01-01'), // expired
    row(7, 'M.04', 2, '2025-02-02'),
    row(8, 'M.04', 3, '2025-02-02'), // same day, entered later → wins (a correction)
  ];
  const current = currentByCompetency(rows, cutoff);
  assert.deepEqual(
    Object.fromEntries([...current].map(([code, r]) => [code, r.id])),
    { 'M.01': 2, 'M.02': 3, 'M.04': 8 },
  );
  assert.equal(current.has('M.03'), false, 'only expired assessments: no current level');
  // order of input does not matter
  assert.deepEqual([...currentByCompetency([...rows].reverse(), cutoff)].map(([c, r]) => [c, r.id]).sort(), [...current].map(([c, r]) => [c, r.id]).sort());
});

test('a day inside the period still counts', () => {
  const current = currentByCompetency([row(1, 'M.01', 3, '2023-07-01')], validityCutoff('2026-06-30', 36));
  assert.equal(current.get('M.01')?.level, 3);
});
