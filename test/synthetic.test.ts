// The synthetic data generator without a database: determinism, NIPs, hierarchy, distributions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseNip } from '../src/modules/org/nip.ts';
import { regions } from '../src/modules/org/regions.ts';
import { apportion, CENTRAL_AGENCIES, nationalAgencies, NATIONAL_PEOPLE } from '../src/seed/synthetic/agencies.ts';
import { assessmentLines, type AssessmentContext } from '../src/seed/synthetic/assessments.ts';
import { RANKS } from '../src/seed/synthetic/distributions.ts';
import { NipAllocator, personLines, planAgencies, skeletonOf, todayParts, unitsOf, type AgencyPlan } from '../src/seed/synthetic/people.ts';
import { DICTIONARY_V1 } from '../src/modules/competency/dictionary-v1.ts';
import { defaultTierStandards, TIERS, type Tier } from '../src/modules/competency/tiers.ts';

const TODAY = '2026-06-15';
const BASES = { agency: 1, unit: 1, position: 1, person: 1 };

function generate(seed: number, people: number) {
  const plans = planAgencies(seed, nationalAgencies(seed, people), BASES);
  const nips = new NipAllocator();
  const lines: string[] = [];
  for (const plan of plans) for (const line of personLines(seed, plan, todayParts(TODAY), nips)) lines.push(line);
  return { plans, lines };
}

interface Person {
  id: number;
  agency: number;
  nip: string;
  gender: number;
  birth: string;
  tmt: string;
  rank: string;
  unit: number;
  position: number;
  supervisor: number | null;
  status: string;
}

const parse = (line: string): Person => {
  const f = line.slice(0, -1).split('\t');
  return { id: +f[0], agency: +f[1], nip: f[2], gender: +f[4], birth: f[5], tmt: f[6], rank: f[7], unit: +f[8], position: +f[9], supervisor: f[10] === '\\N' ? null : +f[10], status: f[11] };
};

function context(): AssessmentContext {
  const codes = DICTIONARY_V1.map((d) => d.code);
  const tierLevels = new Map<Tier, number[]>();
  for (const r of defaultTierStandards(codes)) {
    const levels = tierLevels.get(r.tier) ?? codes.map(() => 0);
    levels[codes.indexOf(r.code)] = r.level;
    tierLevels.set(r.tier, levels);
  }
  return { competencies: codes.map((code, i) => ({ id: i + 1, code })), tierLevels, today: TODAY, validityMonths: 36 };
}

describe('synthetic generator', () => {
  const { plans, lines } = generate(42, 20_000);
  const people = lines.map(parse);

  it('national agencies: every province and regency/city of idn-area-data plus ~80 central agencies', () => {
    const specs = nationalAgencies(1);
    const { provinces, regencies } = regions();
    assert.equal(provinces.length, 38);
    assert.equal(regencies.length, 514);
    assert.ok(CENTRAL_AGENCIES.length >= 80);
    assert.equal(specs.length, CENTRAL_AGENCIES.length + 38 + 514);
    assert.ok(specs.length >= 600);
    assert.equal(new Set(specs.map((s) => s.code)).size, specs.length, 'agency codes are unique');
    assert.equal(specs.reduce((n, s) => n + s.people, 0), NATIONAL_PEOPLE);
    // provinces roughly by population: Jawa Barat's government is larger than Kalimantan Utara's
    const size = (code: string) => specs.find((s) => s.code === code)!.people;
    assert.ok(size('32') > size('65') * 2);
    assert.ok(specs.filter((s) => s.kind === 'regency' || s.kind === 'city').every((s) => s.parentCode && specs.some((p) => p.code === s.parentCode)));
  });

  it('apportions exactly, with a minimum each', () => {
    assert.deepEqual(apportion(10, [1, 1, 1], 1), [4, 3, 3]);
    const parts = apportion(1_000_003, [5, 0.1, 3, 2], 20);
    assert.equal(parts.reduce((a, b) => a + b, 0), 1_000_003);
    assert.ok(parts.every((p) => p >= 20));
  });

  it('is deterministic: same seed, same rows; another seed, other rows', () => {
    const again = generate(42, 20_000);
    assert.deepEqual(again.lines, lines);
    const other = generate(43, 20_000);
    assert.notDeepEqual(other.lines.slice(0, 100), lines.slice(0, 100));
    const ctx = context();
    const a = [...assessmentLines(42, plans[3], ctx, { value: 1 })];
    const b = [...assessmentLines(42, plans[3], ctx, { value: 1 })];
    assert.deepEqual(a, b);
  });

  it('gives every person a valid, unique NIP that agrees with their record', () => {
    assert.equal(people.length, 20_000);
    const today = new Date(`${TODAY}T12:00:00Z`);
    for (const p of people) {
      const parsed = parseNip(p.nip, today);
      assert.ok(parsed.ok, `${p.nip}: ${!parsed.ok && parsed.reason}`);
      if (!parsed.ok) continue;
      assert.equal(parsed.parts.birthDate, p.birth);
      assert.equal(parsed.parts.tmtCpns, p.tmt);
      assert.equal(parsed.parts.gender, p.gender);
    }
    assert.equal(new Set(people.map((p) => p.nip)).size, people.length, 'NIPs are unique');
  });

  it('NIP allocator hands out distinct sequences for one prefix and says when it is full', () => {
    const nips = new NipAllocator();
    const key = NipAllocator.key(1990, 5, 17, 2015, 3, 2);
    const seen = new Set<number>();
    for (let i = 0; i < 255; i++) seen.add(nips.next(key));
    assert.equal(seen.size, 255);
    assert.equal(nips.next(key), 0);
    nips.reserve('199005182015031007');
    assert.equal(nips.next(NipAllocator.key(1990, 5, 18, 2015, 3, 1)), 8);
  });

  it('links supervisors inside the agency, without cycles, and places everyone in a unit and position of their agency', () => {
    const byId = new Map(people.map((p) => [p.id, p]));
    const unitAgency = new Map<number, number>();
    for (const plan of plans) for (const u of unitsOf(plan)) unitAgency.set(u.id, u.agencyId);
    const planOf = new Map(plans.map((p) => [p.id, p]));
    for (const p of people) {
      assert.equal(unitAgency.get(p.unit), p.agency);
      const plan = planOf.get(p.agency)!;
      assert.ok(p.position >= plan.positionBase && p.position < plan.positionBase + plan.positions.length);
      if (p.supervisor === null) continue;
      const boss = byId.get(p.supervisor);
      assert.ok(boss, `supervisor ${p.supervisor} exists`);
      assert.equal(boss.agency, p.agency, 'supervisor in the same agency');
      assert.ok(boss.id < p.id, 'supervisors come first (so no cycles)');
    }
    // and walking up always ends at a head (explicitly: no cycles)
    for (const p of people.slice(0, 2000)) {
      const seen = new Set<number>();
      let at: Person | undefined = p;
      while (at && at.supervisor !== null) {
        assert.ok(!seen.has(at.id), 'cycle');
        seen.add(at.id);
        at = byId.get(at.supervisor);
      }
    }
    assert.equal(people.filter((p) => p.supervisor === null).length, plans.length, 'one head per agency');
  });

  it('has a realistic shape: few JPT, more administrators and pengawas, many functional and pelaksana', () => {
    const big = planAgencies(7, nationalAgencies(7, 400_000), BASES);
    const counts = new Map<Tier, number>();
    let total = 0;
    for (const plan of big) {
      for (const s of skeletonOf(7, plan)) {
        counts.set(s.tier, (counts.get(s.tier) ?? 0) + 1);
        total++;
      }
    }
    const share = (...tiers: Tier[]) => tiers.reduce((n, t) => n + (counts.get(t) ?? 0), 0) / total;
    assert.ok(share('jpt_utama', 'jpt_madya', 'jpt_pratama') < 0.01, 'JPT under 1%');
    assert.ok(share('administrator') > 0.01 && share('administrator') < 0.03);
    assert.ok(share('pengawas') > 0.04 && share('pengawas') < 0.08);
    assert.ok(share('ahli_utama', 'ahli_madya', 'ahli_muda', 'ahli_pertama', 'penyelia', 'mahir', 'terampil', 'pemula') > 0.35);
    assert.ok(share('pelaksana') > 0.35 && share('pelaksana') < 0.5);
    assert.ok(TIERS.every((t) => (counts.get(t) ?? 0) > 0), 'every tier occurs');
  });

  it('keeps ranks consistent with the tier and ages within 20–58', () => {
    const tierOf = new Map<number, Tier>();
    for (const plan of plans) for (const s of skeletonOf(42, plan)) tierOf.set(s.id, s.tier);
    const rng = { next: () => 0.5, int: (a: number) => a, pick: <T>(x: readonly T[]) => x[0] };
    const allowed = new Map<Tier, Set<string>>();
    for (const tier of TIERS) {
      const set = new Set<string>();
      for (let i = 0; i < 200; i++) {
        const r = (i + 0.5) / 200;
        set.add(RANKS[tier]({ ...rng, next: () => r }));
      }
      allowed.set(tier, set);
    }
    for (const p of people) {
      const tier = tierOf.get(p.id)!;
      assert.ok(allowed.get(tier)!.has(p.rank), `${tier} with rank ${p.rank}`);
      const age = 2026 - Number(p.birth.slice(0, 4));
      assert.ok(age >= 20 && age <= 58, `age ${age}`);
    }
    const managers = people.filter((p) => ['administrator', 'jpt_pratama', 'jpt_madya', 'jpt_utama'].includes(tierOf.get(p.id)!));
    assert.ok(managers.every((p) => p.rank.startsWith('IV') || p.rank.startsWith('III/d')));
  });

  it('assesses every person in all nine national competencies, mostly within the validity period', () => {
    const ctx = context();
    const plan: AgencyPlan = plans.reduce((a, b) => (a.people > b.people ? a : b));
    const rows = [...assessmentLines(42, plan, ctx, { value: 1 })].map((l) => l.slice(0, -1).split('\t'));
    const live = rows.filter((r) => r[11] === '\\N');
    const pairs = new Set(live.map((r) => `${r[2]}/${r[4]}`));
    assert.equal(pairs.size, plan.people * 9);
    assert.ok(live.every((r) => +r[5] >= 1 && +r[5] <= 5));
    const cutoff = '2023-06-15';
    const expired = live.filter((r) => r[7] <= cutoff).length / live.length;
    assert.ok(expired > 0.02 && expired < 0.15, `expired share ${expired}`);
    assert.ok(rows.length > live.length, 'some voided rows');
  });
});
