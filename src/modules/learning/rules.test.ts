// The pure rules of learning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agencyLimit, attendancePct, compareWaitlist, eligibilityProblems, evaluateCompletion, jpStatus, minutesToJp, programmeGap, registrationProblem, requiredByPosition, seatsFor } from './rules.ts';

test('eligibility: tier, rank range, status, prerequisites', () => {
  const p = { position_tiers: ['pengawas'], rank_min: 'III/a', rank_max: 'III/d' };
  assert.deepEqual(eligibilityProblems({ tier: 'pengawas', rank: 'III/c', status: 'active' }, p, []), []);
  assert.equal(eligibilityProblems({ tier: 'administrator', rank: 'III/c', status: 'active' }, p, []).length, 1);
  assert.match(eligibilityProblems({ tier: 'pengawas', rank: 'II/d', status: 'active' }, p, [])[0], /below/);
  assert.match(eligibilityProblems({ tier: 'pengawas', rank: 'IV/a', status: 'active' }, p, [])[0], /above/);
  assert.match(eligibilityProblems({ tier: 'pengawas', rank: 'III/c', status: 'retired' }, p, [])[0], /retired/);
  assert.match(eligibilityProblems({ tier: 'pengawas', rank: 'III/c', status: 'active' }, p, ['PKP-X'])[0], /PKP-X/);
  assert.deepEqual(eligibilityProblems({ tier: null, rank: 'I/a', status: 'active' }, { position_tiers: [], rank_min: null, rank_max: null }, []), []);
});

test('registration window, by Jakarta date', () => {
  const o = { registration_opens: '2026-03-01', registration_closes: '2026-03-10', status: 'open' };
  assert.equal(registrationProblem(o, 'published', '2026-03-01'), null);
  assert.equal(registrationProblem(o, 'published', '2026-03-10'), null);
  assert.match(registrationProblem(o, 'published', '2026-02-28')!, /opens/);
  assert.match(registrationProblem(o, 'published', '2026-03-11')!, /closed/);
  assert.match(registrationProblem({ ...o, status: 'cancelled' }, 'published', '2026-03-05')!, /cancelled/);
  assert.match(registrationProblem(o, 'archived', '2026-03-05')!, /archived/);
});

test('seats and quotas: a quota caps and reserves; others share what is not reserved', () => {
  const facts = { capacity: 10, taken: 5, quotas: [{ agency_id: 1, seats: 3 }, { agency_id: 2, seats: 4 }], takenBy: new Map([[1, 3], [2, 1], [9, 1]]) };
  assert.equal(seatsFor(1, facts), 0);
  assert.equal(seatsFor(2, facts), 3);
  assert.equal(seatsFor(9, facts), 2);
  assert.equal(seatsFor(9, { capacity: 3, taken: 3, quotas: [], takenBy: new Map() }), 0);
  assert.equal(agencyLimit(1, 10, facts.quotas), 3);
  assert.equal(agencyLimit(9, 10, facts.quotas), 3);
  assert.equal(agencyLimit(9, 10, []), null);
});

test('waitlist order and the programme gap; leadership required by position', () => {
  const at = (s: number) => new Date(s * 1000);
  const list = [
    { id: 1, priority_class: 0, priority_gap: 1, requested_at: at(1) },
    { id: 2, priority_class: 0, priority_gap: 4, requested_at: at(2) },
    { id: 3, priority_class: 1, priority_gap: 0, requested_at: at(3) },
    { id: 4, priority_class: 0, priority_gap: 4, requested_at: at(0) },
  ];
  assert.deepEqual([...list].sort(compareWaitlist).map((x) => x.id), [3, 4, 2, 1]);
  const profile = [{ code: 'M.01', required: 4, current: 1 }, { code: 'M.02', required: 3, current: null }, { code: 'M.03', required: null, current: 2 }];
  assert.equal(programmeGap([{ code: 'M.01', level_to: 3 }, { code: 'M.02', level_to: 5 }, { code: 'M.03', level_to: 5 }, { code: 'T.X', level_to: 3 }], profile), 2 + 3);
  assert.equal(requiredByPosition('pengawas', 'pkp'), true);
  assert.equal(requiredByPosition('pengawas', 'pka'), false);
  assert.equal(requiredByPosition(null, 'pkp'), false);
});

test('completion: attendance %, pass score, required modules; refused without data', () => {
  const rows = (s: (string | null)[]) => s.map((status, i) => ({ session_id: i, module: i === 0 ? 'Inti' : 'Lain', status: status as never }));
  const rule = { min_attendance_pct: 75, pass_score: 60, required_modules: ['Inti'] };
  assert.equal(attendancePct(rows(['present', 'late', 'absent', 'excused'])), 66.67);
  assert.equal(attendancePct(rows(['present', null])), null);
  assert.deepEqual(evaluateCompletion(rule, rows(['present', 'present', 'present', 'absent']), 70), { outcome: 'completed', attendancePct: 75 });
  const v = evaluateCompletion(rule, rows(['absent', 'present', 'present', 'absent']), 50);
  assert.equal(v.outcome, 'not_completed');
  assert.equal((v as { reasons: string[] }).reasons.length, 3);
  assert.equal(evaluateCompletion(rule, [], 90).outcome, 'refused');
  assert.equal(evaluateCompletion(rule, rows(['present', null]), 90).outcome, 'refused');
  assert.equal(evaluateCompletion(rule, rows(['present']), null).outcome, 'refused');
});

test('JP: conversion with caps; met / on_track / at_risk by pro-rata of the year', () => {
  assert.equal(minutesToJp(90, { minutes_per_jp: 45, max_jp_per_activity: null }), 2);
  assert.equal(minutesToJp(100, { minutes_per_jp: 45, max_jp_per_activity: null }), 2.22);
  assert.equal(minutesToJp(900, { minutes_per_jp: 45, max_jp_per_activity: 8 }), 8);
  assert.equal(jpStatus(20, 2026, '2026-02-01'), 'met');
  assert.equal(jpStatus(10, 2026, '2026-07-01'), 'on_track', 'half the year, half the JP');
  assert.equal(jpStatus(9, 2026, '2026-07-15'), 'at_risk');
  assert.equal(jpStatus(0, 2026, '2026-01-01'), 'at_risk', 'a day in, 0 < 20/365');
  assert.equal(jpStatus(19, 2025, '2026-01-05'), 'at_risk', 'a past year below 20');
  assert.equal(jpStatus(0, 2027, '2026-06-01'), 'on_track', 'a year not begun');
});
