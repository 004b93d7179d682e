// The first stage of a recommendation, in memory: the programmes on a person's gap steps, the
// ones the person may take, scored with the best availability their joinable offerings could give
// ("provisional"), and the best `keep` of them in the final order (score, gap closed, id). Seats
// are read for those only (recommend-service.ts), which then re-scores them with live seats.
//
// Per request this touches every programme on the gap steps (hundreds at national scale), so the
// loop allocates nothing per candidate that it does not keep: the gap closed is summed without
// building the per-competency matches (built for the kept ones), and the joinable offerings of a
// programme — a function of the programme, today, the year asked for and the place — are worked
// out and ordered once per index version and day, then shared by every request that asks the same
// (test/planning-ranking.test.ts holds the result to the straightforward algorithm's). Per index
// version each programme also gets a dense slot (per-call "seen" marks in a typed array instead of
// a Set), its quality weight and rank range as indexes; eligibility is a yes/no (no reason
// strings), and only the best `keep` are held, by insertion, instead of sorting every candidate.
import { rankIndex } from '../catalog/vocab.ts';
import type { SupplyOffering } from '../catalog/supply.ts';
import { blendedQuality, jpWeight, matchRanges, qualityWeight, registrationState, score, type Availability, type PersonGap } from './scoring.ts';
import type { IndexedProgramme, SupplyIndex } from './supply-index.ts';

export type Location = 'near' | 'any';

export interface RankingInput {
  gaps: ReadonlyMap<string, PersonGap>;
  /** programmes completed (enrolment or credited record) and live enrolments */
  done: ReadonlySet<number>;
  live: ReadonlySet<number>;
  person: { tier: string | null; rank: string; status: string; provinceCode: string | null };
  stillNeeded: number;
  /** offerings starting in this year only; null: any year */
  year: number | null;
  location: Location;
  today: string;
  /** how many of the best to keep */
  keep: number;
}

export interface Joinable {
  /** offerings taking registrations and starting in the year asked for (anywhere) */
  inYear: number;
  /** of those, the ones nearby or online (all with location 'any'): registration open first, then the earliest start, then id */
  near: readonly SupplyOffering[];
  /** whether any of `near` takes registrations today */
  open: boolean;
}

export interface Ranked {
  p: IndexedProgramme;
  match: ReturnType<typeof matchRanges>;
  inYear: number;
  near: readonly SupplyOffering[];
  quality: number | null;
  weights: { jp: number; quality: number };
  provisional: number;
}

/** Registration open now first, then the earliest start, then id (a total order). */
export function bestFirst<T extends SupplyOffering>(offerings: T[], today: string): T[] {
  return offerings.sort((a, b) => Number(registrationState(b, today) === 'open') - Number(registrationState(a, today) === 'open') || a.start_date.localeCompare(b.start_date) || a.id - b.id);
}

/** The offerings of a programme a person could join (see Joinable). */
export function joinableOf(p: IndexedProgramme, year: number | null, today: string, province: string | null, location: Location): Joinable {
  const inYear = p.offerings.filter((o) => o.registration_closes >= today && o.start_date >= today && (year === null || Number(o.start_date.slice(0, 4)) === year));
  const near = bestFirst(location === 'any' ? [...inYear] : inYear.filter((o) => o.mode === 'online' || (province !== null && o.province_code === province)), today);
  return { inYear: inYear.length, near, open: near.some((o) => registrationState(o, today) === 'open') };
}

// What the loop needs of a programme beyond the index, per index version: a dense slot (for the
// per-call "seen" marks and the joinable offerings, arrays instead of maps), the quality and its
// weight, the rank range as indexes and the position tiers as a bit mask (eligibility as a yes/no,
// without building the reasons), and the competency ranges as numbers (code index, from, to) that
// the person's gaps, set out per code index for the call, are looked up in without hashing strings.
interface Facts {
  p: IndexedProgramme;
  slot: number;
  quality: number | null;
  qualityW: number;
  rankMin: number | null;
  rankMax: number | null;
  /** 0: any tier; a bit per tier the programme is for; -1: too many tiers for bits (compare the strings) */
  tierMask: number;
  /** (code index, level_from, level_to) per competency, in the programme's order */
  ranges: Int32Array;
}

// Joinable offerings per index version, keyed by day, year and place; at most MAX_KEYS keys
// (38 provinces × a few years and locations in practice) before it starts over.
const MAX_KEYS = 256;
const TIER_BITS = 30;

class Derived {
  readonly version: number;
  private readonly facts = new Map<number, Facts>();
  private readonly steps = new Map<string, readonly Facts[]>();
  readonly byKey = new Map<string, (Joinable | undefined)[]>();
  /** per slot, the number of the call that last saw the programme (every slot is of a programme of the index) */
  seen: Uint32Array;
  call = 0;
  private readonly codes = new Map<string, number>();
  private readonly tiers = new Map<string, number>();
  /** per code index, the call whose person has a gap in it, and that gap */
  gapCall = new Uint32Array(64);
  gapRequired = new Int32Array(64);
  gapCurrent = new Int32Array(64);

  constructor(index: SupplyIndex) {
    this.version = index.version;
    this.seen = new Uint32Array(index.programmes.size);
  }

  /** The programmes on the step, with their facts (the index's list, in its order). */
  developing(index: SupplyIndex, code: string, level: number): readonly Facts[] {
    const key = `${code}>${level}`;
    let list = this.steps.get(key);
    if (!list) {
      list = index.developing(code, level).map((p) => this.factsOf(p));
      this.steps.set(key, list);
    }
    return list;
  }

  codeIndex(code: string): number {
    let i = this.codes.get(code);
    if (i === undefined) this.codes.set(code, (i = this.codes.size));
    return i;
  }

  private tierIndex(tier: string): number {
    let i = this.tiers.get(tier);
    if (i === undefined) this.tiers.set(tier, (i = this.tiers.size));
    return i;
  }

  /**
   * The person's tier as a bit, registered before any programme is looked at (a programme met later
   * with that tier gets the same bit). 0 for no tier, or a tier beyond the bits: programmes for
   * such a tier compare strings (mask −1); the others, with a mask of bits, rightly refuse.
   */
  tierBit(tier: string | null): number {
    if (tier === null) return 0;
    const i = this.tierIndex(tier);
    return i >= TIER_BITS ? 0 : 1 << i;
  }

  private tierMaskOf(tiers: readonly string[]): number {
    let mask = 0;
    for (const t of tiers) {
      const i = this.tierIndex(t);
      if (i >= TIER_BITS) return -1;
      mask |= 1 << i;
    }
    return mask;
  }

  private factsOf(p: IndexedProgramme): Facts {
    let f = this.facts.get(p.id);
    if (!f) {
      const quality = blendedQuality(p.quality, p.providerQuality);
      const ranges = new Int32Array(p.competencies.length * 3);
      p.competencies.forEach((c, i) => ranges.set([this.codeIndex(c.code), c.level_from, c.level_to], i * 3));
      f = {
        p,
        slot: this.facts.size,
        quality,
        qualityW: qualityWeight(quality),
        rankMin: p.rank_min ? rankIndex(p.rank_min) : null,
        rankMax: p.rank_max ? rankIndex(p.rank_max) : null,
        tierMask: this.tierMaskOf(p.position_tiers),
        ranges,
      };
      this.facts.set(p.id, f);
    }
    return f;
  }

  joinables(key: string): (Joinable | undefined)[] {
    let bySlot = this.byKey.get(key);
    if (!bySlot) {
      if (this.byKey.size >= MAX_KEYS) this.byKey.clear();
      this.byKey.set(key, (bySlot = []));
    }
    return bySlot;
  }

  /** A fresh call number (the marks of earlier calls no longer count), with the person's gaps set out per code index. */
  nextCall(gaps: ReadonlyMap<string, PersonGap>): number {
    if (this.call === 0xffffffff) {
      this.seen.fill(0);
      this.gapCall.fill(0);
      this.call = 0;
    }
    const call = ++this.call;
    for (const g of gaps.values()) {
      const i = this.codeIndex(g.code);
      if (i >= this.gapCall.length) {
        const size = Math.max(i + 1, this.gapCall.length * 2);
        const grow = <T extends Uint32Array | Int32Array>(a: T, make: (n: number) => T) => {
          const b = make(size);
          b.set(a);
          return b;
        };
        this.gapCall = grow(this.gapCall, (n) => new Uint32Array(n));
        this.gapRequired = grow(this.gapRequired, (n) => new Int32Array(n));
        this.gapCurrent = grow(this.gapCurrent, (n) => new Int32Array(n));
      }
      this.gapCall[i] = call;
      this.gapRequired[i] = g.required;
      this.gapCurrent[i] = g.current ?? 0;
    }
    return call;
  }
}

const derivedOf = new WeakMap<SupplyIndex, Derived>();

function derived(index: SupplyIndex): Derived {
  let d = derivedOf.get(index);
  if (!d || d.version !== index.version) derivedOf.set(index, (d = new Derived(index)));
  return d;
}

/** The gap closed, as matchRanges(...).closes, without building the matches (the call's gaps as set out by nextCall). */
function closedBy(d: Derived, call: number, f: Facts): number {
  const { gapCall, gapRequired, gapCurrent } = d;
  const r = f.ranges;
  let total = 0;
  for (let k = 0; k < r.length; k += 3) {
    const i = r[k];
    // a code first seen during this call (index beyond the arrays) is no gap of this person
    if (i >= gapCall.length || gapCall[i] !== call) continue;
    const c = Math.min(gapRequired[i], r[k + 2]) - Math.max(gapCurrent[i], r[k + 1]);
    if (c > 0) total += c;
  }
  return total;
}

/** eligibilityProblems(person, p, missing).length === 0 for an active person, without building the reasons. */
function eligible(person: RankingInput['person'], personRank: number, tierBit: number, f: Facts, done: ReadonlySet<number>): boolean {
  const p = f.p;
  if (f.tierMask === -1) {
    if (p.position_tiers.length > 0 && (!person.tier || !p.position_tiers.includes(person.tier))) return false;
  } else if (f.tierMask !== 0 && (f.tierMask & tierBit) === 0) return false;
  if (f.rankMin !== null && personRank < f.rankMin) return false;
  if (f.rankMax !== null && personRank > f.rankMax) return false;
  for (const x of p.prerequisites) if (!done.has(x.id)) return false;
  return true;
}

interface Scored {
  f: Facts;
  closes: number;
  joinable: Joinable;
  jpW: number;
  provisional: number;
}

/** The final order: provisional score, then the gap closed, then id (a total order). */
const before = (a: Scored, b: Scored) => b.provisional - a.provisional || b.closes - a.closes || a.f.p.id - b.f.p.id;

/** The best `keep` candidates by provisional score, and how many were left out as taken or not eligible. */
export function provisionalTop(index: SupplyIndex, q: RankingInput): { excluded: { alreadyTaken: number; notEligible: number }; top: Ranked[] } {
  const place = q.location === 'any' ? '*' : (q.person.provinceCode ?? '');
  const d = derived(index);
  const joinables = d.joinables(`${q.today}|${q.year ?? ''}|${place}`);
  const call = d.nextCall(q.gaps);
  const seen = d.seen;
  const excluded = { alreadyTaken: 0, notEligible: 0 };
  const active = q.person.status === 'active';
  const personRank = rankIndex(q.person.rank);
  const tierBit = d.tierBit(q.person.tier);
  const anyTaken = q.done.size > 0 || q.live.size > 0;
  // the best `keep` so far, in the final order (kept by insertion: a candidate that does not beat
  // the last kept allocates nothing)
  const kept: Scored[] = [];
  const keep = q.keep;
  for (const g of q.gaps.values()) {
    for (let level = (g.current ?? 0) + 1; level <= g.required; level++) {
      for (const f of d.developing(index, g.code, level)) {
        if (seen[f.slot] === call) continue;
        seen[f.slot] = call;
        const p = f.p;
        if (anyTaken && (q.done.has(p.id) || q.live.has(p.id))) {
          excluded.alreadyTaken++;
          continue;
        }
        if (!active || !eligible(q.person, personRank, tierBit, f, q.done)) {
          excluded.notEligible++;
          continue;
        }
        const closes = closedBy(d, call, f);
        if (closes <= 0 || keep <= 0) continue;
        let joinable = joinables[f.slot];
        if (!joinable) joinables[f.slot] = joinable = joinableOf(p, q.year, q.today, q.person.provinceCode, q.location);
        const jpW = jpWeight(p.jp, q.stillNeeded);
        const availability: Availability = joinable.near.length === 0 ? 'none' : joinable.open ? 'open' : 'upcoming';
        const provisional = score(closes, jpW, f.qualityW, availability);
        if (kept.length === keep) {
          const last = kept[keep - 1];
          if (!(provisional > last.provisional || (provisional === last.provisional && (closes > last.closes || (closes === last.closes && p.id < last.f.p.id))))) continue;
        }
        const s: Scored = { f, closes, joinable, jpW, provisional };
        let at = kept.length;
        while (at > 0 && before(s, kept[at - 1]) < 0) at--;
        kept.splice(at, 0, s);
        if (kept.length > keep) kept.pop();
      }
    }
  }
  const top = kept.map((s) => ({
    p: s.f.p,
    match: matchRanges(q.gaps, s.f.p.competencies),
    inYear: s.joinable.inYear,
    near: s.joinable.near,
    quality: s.f.quality,
    weights: { jp: s.jpW, quality: s.f.qualityW },
    provisional: s.provisional,
  }));
  return { excluded, top };
}
