// The recommendation formula and the reason sentences, as pure functions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blendedQuality, closes, jpStillNeeded, jpWeight, matchRanges, qualityWeight, registrationState, score } from './scoring.ts';
import { languageOf, renderReason, type Reason } from './reasons.ts';

test('closes: the overlap of the gap (current, required] with the range (from, to]', () => {
  assert.equal(closes(2, 3, 2, 3), 1);
  assert.equal(closes(1, 3, 1, 3), 2);
  assert.equal(closes(1, 3, 2, 3), 1, 'starts above the current level: only its part');
  assert.equal(closes(2, 3, 2, 5), 1, 'beyond the requirement does not count');
  assert.equal(closes(3, 3, 2, 4), 0, 'no gap');
  assert.equal(closes(null, 2, 1, 2), 1, 'unassessed counts as 0; no range starts below 1');
  assert.equal(closes(2, 4, 3, 3), 0, 'a range of one level develops no step');
});

test('matchRanges sums over the competencies that close something', () => {
  const gaps = new Map([
    ['M.07', { code: 'M.07', required: 3, current: 1 }],
    ['M.08', { code: 'M.08', required: 3, current: 2 }],
  ]);
  const m = matchRanges(gaps, [{ code: 'M.07', level_from: 1, level_to: 3 }, { code: 'M.08', level_from: 2, level_to: 4 }, { code: 'M.01', level_from: 1, level_to: 5 }]);
  assert.equal(m.closes, 3);
  assert.deepEqual(m.matches.map((x) => [x.code, x.closes]), [['M.07', 2], ['M.08', 1]]);
});

test('weights: JP still needed, quality, availability', () => {
  assert.equal(jpStillNeeded(12.5), 7.5);
  assert.equal(jpStillNeeded(25), 0);
  assert.equal(jpWeight(16, 20), 1.4);
  assert.equal(jpWeight(40, 20), 1.5);
  assert.equal(jpWeight(40, 0), 1, 'nothing needed: no JP weight');
  assert.equal(qualityWeight(null), 0.84);
  assert.equal(qualityWeight(5), 1);
  assert.equal(qualityWeight(0), 0.6);
  assert.equal(blendedQuality(4, 5), 4.3);
  assert.equal(blendedQuality(null, 4), 4);
  assert.equal(score(1, 1.4, 0.84, 'open'), 1.176);
  assert.equal(score(1, 1.4, 0.84, 'upcoming'), 1.058);
  assert.equal(score(1, 1.4, 0.84, 'none'), 0.706);
  assert.equal(registrationState({ registration_opens: '2026-01-10', registration_closes: '2026-01-20' }, '2026-01-09'), 'upcoming');
  assert.equal(registrationState({ registration_opens: '2026-01-10', registration_closes: '2026-01-20' }, '2026-01-20'), 'open');
  assert.equal(registrationState({ registration_opens: '2026-01-10', registration_closes: '2026-01-20' }, '2026-01-21'), 'closed');
});

const reason: Reason = {
  perspective: 'self',
  competencies: [{ code: 'M.08', name_id: 'Pengambilan Keputusan', name_en: 'Decision Making', current: 2, required: 3, from: 2, to: 3, closes: 1 }],
  programme: { code: 'PKP-1', category: 'pkp', title_id: 'PKP', title_en: null },
  offering: { code: 'A-1', startDate: '2027-03-02', registration: 'open', registrationOpens: '2027-01-01', registrationCloses: '2027-02-20', seatsLeft: 4, mode: 'online', provinceCode: null, provinceName: null },
  cohort: 'offering',
  jp: { programme: 260, stillNeeded: 0 },
  quality: 4.6,
  requiredByPosition: false,
};

test('the reason of the issue, in English and Indonesian', () => {
  assert.equal(renderReason(reason, 'en'), 'Decision Making is at level 2, your position needs 3; this PKP cohort develops it from 2 to 3; 4 seats left; online; registration open until 20 February 2027; starts 2 March 2027');
  assert.equal(renderReason(reason, 'id'), 'Pengambilan Keputusan di level 2, jabatan Anda memerlukan 3; angkatan PKP ini mengembangkannya dari 2 ke 3; sisa 4 kursi; daring; pendaftaran dibuka sampai 20 Februari 2027; mulai 2 Maret 2027');
  const two: Reason = { ...reason, perspective: 'other', offering: null, cohort: 'elsewhere', competencies: [...reason.competencies, { code: 'M.07', name_id: 'Mengelola Perubahan', name_en: 'Managing Change', current: null, required: 3, from: 1, to: 3, closes: 2 }] };
  assert.equal(
    renderReason(two, 'en'),
    'Decision Making is at level 2, their position needs 3; Managing Change has not been assessed, their position needs 3; this PKP programme develops Decision Making from 2 to 3 and Managing Change from 1 to 3; its cohorts are in other provinces',
  );
  assert.match(renderReason(two, 'id'), /^Pengambilan Keputusan di level 2, jabatannya memerlukan 3; Mengelola Perubahan belum dinilai, jabatannya memerlukan 3; program PKP ini mengembangkan Pengambilan Keputusan dari 2 ke 3 dan Mengelola Perubahan dari 1 ke 3;/);
});

test('language: the parameter, else Accept-Language by preference, else Indonesian', () => {
  assert.equal(languageOf(undefined, undefined), 'id');
  assert.equal(languageOf('en', 'id'), 'en');
  assert.equal(languageOf(undefined, 'en-US,en;q=0.9'), 'en');
  assert.equal(languageOf(undefined, 'fr-FR,id;q=0.5,en;q=0.4'), 'id');
  assert.equal(languageOf(undefined, 'id;q=0.2, en;q=0.8'), 'en');
  assert.equal(languageOf(undefined, 'de'), 'id');
});
