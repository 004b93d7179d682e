// The allocation model, free of the database: groups of people with one competency gap each,
// offerings with seats, agencies' budgets and quotas, a travel rule. Three things are computed
// here from the same input:
//   - the greedy baseline over every group × offering pair: pairs in decreasing order of gap closed
//     per seat (ties: offering id, then local/online before travel, then group id), each filled as
//     far as seats, people, quota and budget allow;
//   - the candidate pairs of the optimiser: per offering × competency at most K groups, taken
//     round-robin from the groups the offering helps most (so many offerings do not all offer
//     themselves to the same few groups), a group offered at most SPREAD × its people in seats,
//     and every pair the greedy used (so the optimiser's model contains the greedy solution and its
//     optimum is never below it);
//   - the optimiser: HiGHS on that model — a MIP (exact over the candidate pairs) when it is small,
//     otherwise the LP relaxation rounded down and the seats left filled greedily over the
//     candidate pairs. The LP optimum is an upper bound on any integer solution over the candidate
//     pairs, so `bound − gapClosed` is the optimality gap we state.
// Gap closed by a seat of a programme developing `code` from `from` to `to` for a person at
// `current` who needs `required` (same definition as planning's peopleByClosedGap):
//   max(0, min(required, to) − max(current, from)).
import highsModule from 'highs';
import type { Highs } from 'highs';

// the package is CommonJS: its default export is the loader (types.d.ts describes it as an ES module)
const highsLoader = highsModule as unknown as () => Promise<Highs>;

export type Travel = 'strict' | 'prefer' | 'any';
export type Reach = 'local' | 'online' | 'elsewhere';

export interface ModelGroup {
  agencyId: number;
  tier: string;
  province: string | null;
  code: string;
  current: number;
  required: number;
  people: number;
}

export interface ModelOffering {
  id: number;
  /** eligible position tiers; empty: every tier */
  tiers: string[];
  competencies: { code: string; from: number; to: number }[];
  mode: 'online' | 'offline' | 'blended';
  province: string | null;
  fee: number;
  /** seats the allocation may give (capacity − enrolled + what-if extra) */
  seats: number;
  quotas: { agencyId: number; seats: number }[];
}

export interface ModelInput {
  groups: ModelGroup[];
  offerings: ModelOffering[];
  /** agencyId → budget (rupiah); an agency not listed has no budget limit */
  budgets: [number, number][];
  travel: Travel;
  /** under 'prefer': gap levels a seat that needs travel is worth less in the objective */
  travelPenalty: number;
  candidatesPerOffering: number;
  /** solve exactly (MIP) up to this many candidate pairs */
  exactPairs: number;
  timeLimitSeconds: number;
}

export interface Assignment {
  group: number;
  offering: number;
  seats: number;
}

export interface MethodResult {
  assignments: Assignment[];
  gapClosed: number;
  seats: number;
  cost: number;
  ms: number;
}

export interface ModelOutput {
  greedy: MethodResult;
  optimiser: MethodResult & { method: 'mip' | 'lp-rounded' | 'none'; status: string; bound: number; pairs: number; rows: number; candidatesMs: number; highsMs: number };
  /** Σ over offerings of seats × the most gap a seat of it closes: a bound no allocation exceeds */
  supplyBound: number;
}

const SPREAD = 2;

export const closes = (g: { current: number; required: number }, c: { from: number; to: number }) => Math.max(0, Math.min(g.required, c.to) - Math.max(g.current, c.from));

export function reachOf(g: { province: string | null }, o: { mode: string; province: string | null }): Reach {
  if (o.mode === 'online') return 'online';
  return o.province !== null && o.province === g.province ? 'local' : 'elsewhere';
}

const eligible = (g: ModelGroup, o: ModelOffering) => o.tiers.length === 0 || o.tiers.includes(g.tier);

/** Seat limits of one offering: the whole, the quota of an agency, the unreserved part for agencies without a quota. */
class SeatBook {
  left: number;
  quotaLeft = new Map<number, number>();
  unreservedLeft: number;
  constructor(o: ModelOffering) {
    this.left = o.seats;
    let reserved = 0;
    for (const q of o.quotas) {
      this.quotaLeft.set(q.agencyId, q.seats);
      reserved += q.seats;
    }
    this.unreservedLeft = Math.max(0, o.seats - reserved);
  }
  available(agencyId: number): number {
    const q = this.quotaLeft.get(agencyId);
    return Math.min(this.left, q === undefined ? this.unreservedLeft : q);
  }
  take(agencyId: number, n: number) {
    this.left -= n;
    const q = this.quotaLeft.get(agencyId);
    if (q === undefined) this.unreservedLeft -= n;
    else this.quotaLeft.set(agencyId, q - n);
  }
}

interface State {
  books: SeatBook[];
  peopleLeft: Int32Array;
  budgetLeft: Map<number, number>;
}

function freshState(input: ModelInput): State {
  return {
    books: input.offerings.map((o) => new SeatBook(o)),
    peopleLeft: Int32Array.from(input.groups.map((g) => g.people)),
    budgetLeft: new Map(input.budgets),
  };
}

/** Seats of offering `oi` group `gi` can still get. */
function room(input: ModelInput, s: State, gi: number, oi: number): number {
  const g = input.groups[gi];
  const o = input.offerings[oi];
  let n = Math.min(s.peopleLeft[gi], s.books[oi].available(g.agencyId));
  if (n > 0 && o.fee > 0) {
    const b = s.budgetLeft.get(g.agencyId);
    if (b !== undefined) n = Math.min(n, Math.floor((b + 1e-6) / o.fee));
  }
  return n;
}

function take(input: ModelInput, s: State, gi: number, oi: number, n: number) {
  const g = input.groups[gi];
  const o = input.offerings[oi];
  s.peopleLeft[gi] -= n;
  s.books[oi].take(g.agencyId, n);
  if (o.fee > 0) {
    const b = s.budgetLeft.get(g.agencyId);
    if (b !== undefined) s.budgetLeft.set(g.agencyId, b - n * o.fee);
  }
}

/** Groups indexed by competency × (current, required), and by competency × province × (current, required); lists in group order. */
export class GroupIndex {
  byCombo = new Map<string, Map<string, number[]>>();
  byProvince = new Map<string, Map<string, number[]>>();
  constructor(groups: ModelGroup[]) {
    groups.forEach((g, i) => {
      const combo = `${g.current}:${g.required}`;
      push(this.byCombo, g.code, combo, i);
      push(this.byProvince, `${g.code}|${g.province ?? ''}`, combo, i);
    });
  }
  /** (current, required) combinations of a competency with their groups, nationally or in one province */
  combos(code: string, province?: string | null): [number, number, number[]][] {
    const m = province === undefined ? this.byCombo.get(code) : this.byProvince.get(`${code}|${province ?? ''}`);
    if (!m) return [];
    return [...m].map(([k, list]) => {
      const [c, r] = k.split(':').map(Number);
      return [c, r, list];
    });
  }
}

function push(m: Map<string, Map<string, number[]>>, a: string, b: string, i: number) {
  let inner = m.get(a);
  if (!inner) m.set(a, (inner = new Map()));
  let list = inner.get(b);
  if (!list) inner.set(b, (list = []));
  list.push(i);
}

interface Entry {
  w: number;
  oi: number;
  /** lists of groups, in the order they are served */
  lists: number[][];
  /** whether the lists need a travel check per group (national lists under a local-only pass) */
  reach: 'local-first' | 'online' | 'local';
}

/** The greedy baseline over every pair. */
export function greedy(input: ModelInput, index: GroupIndex): { result: MethodResult; used: Set<number> } {
  const t0 = performance.now();
  const s = freshState(input);
  const entries: Entry[] = [];
  input.offerings.forEach((o, oi) => {
    if (o.seats <= 0) return;
    for (const c of o.competencies) {
      const online = o.mode === 'online';
      const local = online ? [] : index.combos(c.code, o.province);
      const all = online || input.travel !== 'strict' ? index.combos(c.code) : [];
      const weights = new Map<number, { local: number[][]; all: number[][] }>();
      const at = (w: number) => weights.get(w) ?? (weights.set(w, { local: [], all: [] }), weights.get(w)!);
      for (const [cur, req, list] of local) {
        const w = closes({ current: cur, required: req }, c);
        if (w > 0) at(w).local.push(list);
      }
      for (const [cur, req, list] of all) {
        const w = closes({ current: cur, required: req }, c);
        if (w > 0) at(w).all.push(list);
      }
      for (const [w, l] of weights) {
        if (online) entries.push({ w, oi, lists: l.all, reach: 'online' });
        else {
          if (l.local.length) entries.push({ w, oi, lists: l.local, reach: 'local' });
          if (l.all.length) entries.push({ w, oi, lists: l.all, reach: 'local-first' });
        }
      }
    }
  });
  // decreasing gap closed per seat; then offering order; local (and online) before travel
  const rank = { online: 0, local: 0, 'local-first': 1 };
  entries.sort((a, b) => b.w - a.w || a.oi - b.oi || rank[a.reach] - rank[b.reach]);
  const picked = new Map<string, number>();
  const richest = new Map<number[], number>();
  for (const e of entries) {
    const o = input.offerings[e.oi];
    if (s.books[e.oi].left <= 0) continue;
    for (let li = 0; li < e.lists.length; li++) {
      const list = e.lists[li];
      // the most budget any group of the list still has (it only falls): a dearer seat is skipped at once
      if (o.fee > 0 && (richest.get(list) ?? Infinity) < o.fee) continue;
      let dead = 0;
      let most = 0;
      let full = false;
      for (const gi of list) {
        if (s.books[e.oi].left <= 0) {
          full = true;
          break;
        }
        const g = input.groups[gi];
        if (s.peopleLeft[gi] <= 0) {
          dead++;
          continue;
        }
        most = Math.max(most, s.budgetLeft.get(g.agencyId) ?? Infinity);
        if (!eligible(g, o)) continue;
        if (o.fee > 0 && (s.budgetLeft.get(g.agencyId) ?? Infinity) < o.fee) continue;
        if (e.reach === 'local-first' && reachOf(g, o) === 'local') continue; // served by the local entry
        const n = room(input, s, gi, e.oi);
        if (n <= 0) continue;
        take(input, s, gi, e.oi, n);
        const key = `${gi}:${e.oi}`;
        picked.set(key, (picked.get(key) ?? 0) + n);
      }
      // the lists are shared by every entry of the competency: drop groups served in full, in place
      if (dead > 64) compact(list, s.peopleLeft);
      if (!full) richest.set(list, most);
    }
  }
  const assignments = [...picked].map(([k, seats]) => {
    const [group, offering] = k.split(':').map(Number);
    return { group, offering, seats };
  });
  const used = new Set(assignments.map((a) => pairKey(a.group, a.offering)));
  return { result: { ...totals(input, assignments), ms: performance.now() - t0 }, used };
}

function compact(list: number[], peopleLeft: Int32Array) {
  let k = 0;
  for (const gi of list) if (peopleLeft[gi] > 0) list[k++] = gi;
  list.length = k;
}

const pairKey = (gi: number, oi: number) => gi * 1_000_003 + oi;

/** Gap closed per seat of group `gi` in offering `oi` (0: it closes nothing, or the group may not take it). */
export function gapPerSeat(input: ModelInput, gi: number, oi: number): number {
  const g = input.groups[gi];
  const o = input.offerings[oi];
  if (!eligible(g, o)) return 0;
  if (input.travel === 'strict' && reachOf(g, o) === 'elsewhere') return 0;
  const c = o.competencies.find((x) => x.code === g.code);
  return c ? closes(g, c) : 0;
}

function objectiveWeight(input: ModelInput, gi: number, oi: number): number {
  const w = gapPerSeat(input, gi, oi);
  if (w > 0 && input.travel === 'prefer' && reachOf(input.groups[gi], input.offerings[oi]) === 'elsewhere') return w - input.travelPenalty;
  return w;
}

export function totals(input: ModelInput, assignments: Assignment[]) {
  let gapClosed = 0;
  let seats = 0;
  let cost = 0;
  for (const a of assignments) {
    gapClosed += a.seats * gapPerSeat(input, a.group, a.offering);
    seats += a.seats;
    cost += a.seats * input.offerings[a.offering].fee;
  }
  return { assignments, gapClosed, seats, cost };
}

/** Candidate pairs of the optimiser: see the header. */
export function candidates(input: ModelInput, index: GroupIndex, greedyUsed: Set<number>): { g: number; o: number }[] {
  const out: { g: number; o: number }[] = [];
  const seen = new Set<number>();
  const offered = new Float64Array(input.groups.length);
  const cursor = new Map<number[], number>();
  const add = (gi: number, oi: number) => {
    const k = pairKey(gi, oi);
    if (seen.has(k)) return false;
    seen.add(k);
    out.push({ g: gi, o: oi });
    offered[gi] += input.offerings[oi].seats;
    return true;
  };
  for (const k of greedyUsed) add(Math.floor(k / 1_000_003), k % 1_000_003);
  const K = input.candidatesPerOffering;
  input.offerings.forEach((o, oi) => {
    if (o.seats <= 0) return;
    for (const c of o.competencies) {
      const lists: [number, number[]][] = [];
      const local = o.mode === 'online' ? [] : index.combos(c.code, o.province);
      for (const [cur, req, list] of local) lists.push([closes({ current: cur, required: req }, c), list]);
      if (o.mode === 'online' || input.travel !== 'strict') {
        for (const [cur, req, list] of index.combos(c.code)) lists.push([closes({ current: cur, required: req }, c) - (o.mode === 'online' ? 0 : 0.01), list]);
      }
      lists.sort((a, b) => b[0] - a[0]);
      let n = 0;
      for (const [w, list] of lists) {
        if (w <= 0 || n >= K) break;
        const start = cursor.get(list) ?? 0;
        let saturated = 0;
        for (let step = 0; step < list.length && n < K; step++) {
          const gi = list[(start + step) % list.length];
          const g = input.groups[gi];
          if (offered[gi] >= SPREAD * g.people) {
            saturated++;
            continue;
          }
          if (!eligible(g, o) || gapPerSeat(input, gi, oi) <= 0) continue;
          if (add(gi, oi)) n++;
          cursor.set(list, (start + step + 1) % list.length);
        }
        // groups offered enough seats are done for every list: drop them (this index is the candidates' own)
        if (saturated > 32) {
          let k = 0;
          for (const gi of list) if (offered[gi] < SPREAD * input.groups[gi].people) list[k++] = gi;
          list.length = k;
          cursor.set(list, k ? (cursor.get(list) ?? 0) % k : 0);
        }
      }
    }
  });
  return out;
}

let highsPromise: Promise<Highs> | null = null;
const highs = () => (highsPromise ??= highsLoader());

/** Builds the model over the candidate pairs and solves it with HiGHS; integer seats per pair. */
async function optimise(input: ModelInput, pairs: { g: number; o: number }[]) {
  const h = await highs();
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const newRow = (upper: number) => {
    rowLower.push(-h.infinity);
    rowUpper.push(upper);
    return rowUpper.length - 1;
  };
  const capRow = new Map<number, number>();
  const unreservedRow = new Map<number, number>();
  const quotaRow = new Map<string, number>();
  const groupPairs = new Int32Array(input.groups.length);
  for (const p of pairs) groupPairs[p.g]++;
  const groupRow = new Map<number, number>();
  const budgets = new Map(input.budgets);
  const budgetRow = new Map<number, number>();
  const SCALE = 1e6; // fees and budgets in millions of rupiah
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const colCost: number[] = [];
  const colUpper: number[] = [];
  for (const p of pairs) {
    const g = input.groups[p.g];
    const o = input.offerings[p.o];
    const entries: [number, number][] = [];
    let r = capRow.get(p.o);
    if (r === undefined) capRow.set(p.o, (r = newRow(o.seats)));
    entries.push([r, 1]);
    let cap = o.seats;
    if (o.quotas.length) {
      const q = o.quotas.find((x) => x.agencyId === g.agencyId);
      if (q) {
        const key = `${p.o}:${g.agencyId}`;
        let qr = quotaRow.get(key);
        if (qr === undefined) quotaRow.set(key, (qr = newRow(q.seats)));
        entries.push([qr, 1]);
        cap = Math.min(cap, q.seats);
      } else {
        const unreserved = Math.max(0, o.seats - o.quotas.reduce((n, x) => n + x.seats, 0));
        let ur = unreservedRow.get(p.o);
        if (ur === undefined) unreservedRow.set(p.o, (ur = newRow(unreserved)));
        entries.push([ur, 1]);
        cap = Math.min(cap, unreserved);
      }
    }
    if (groupPairs[p.g] > 1) {
      let gr = groupRow.get(p.g);
      if (gr === undefined) groupRow.set(p.g, (gr = newRow(g.people)));
      entries.push([gr, 1]);
    }
    const budget = budgets.get(g.agencyId);
    if (o.fee > 0 && budget !== undefined) {
      let br = budgetRow.get(g.agencyId);
      if (br === undefined) budgetRow.set(g.agencyId, (br = newRow(budget / SCALE)));
      entries.push([br, o.fee / SCALE]);
      cap = Math.min(cap, Math.floor((budget + 1e-6) / o.fee));
    }
    entries.sort((a, b) => a[0] - b[0]);
    for (const [row, v] of entries) {
      indices.push(row);
      values.push(v);
    }
    starts.push(indices.length);
    colCost.push(objectiveWeight(input, p.g, p.o));
    colUpper.push(Math.max(0, Math.min(cap, g.people)));
  }
  const numCols = pairs.length;
  const numRows = rowUpper.length;
  const exact = numCols <= input.exactPairs;
  const model = h.createModel({
    numCols,
    numRows,
    sense: h.constants.objectiveSense.maximize,
    colCost,
    colLower: new Float64Array(numCols),
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows, numCols, starts, indices, values },
    ...(exact ? { integrality: new Int32Array(numCols).fill(h.constants.variableType.integer) } : {}),
  });
  try {
    model.options.set({ output_flag: false, time_limit: input.timeLimitSeconds, ...(exact ? { mip_rel_gap: 0 } : { solver: process.env.ALLOCATION_LP_SOLVER ?? 'simplex' }) });
    model.run();
    const status = model.getModelStatus();
    const name = Object.entries(h.constants.modelStatus).find(([, v]) => v === status)?.[0] ?? String(status);
    const x = status === h.constants.modelStatus.optimal || status === h.constants.modelStatus.timeLimit ? model.getSolution().colValue : new Float64Array(numCols);
    const bound = exact ? Number(model.info.get('mip_dual_bound')) : model.getObjectiveValue();
    return { x, status: name, bound: Number.isFinite(bound) ? bound : 0, method: exact ? ('mip' as const) : ('lp-rounded' as const), rows: numRows };
  } finally {
    model.dispose();
  }
}

export async function solve(input: ModelInput): Promise<ModelOutput> {
  const index = new GroupIndex(input.groups);
  const g = greedy(input, new GroupIndex(input.groups)); // its own index: the greedy drops served groups from the lists
  const t0 = performance.now();
  const pairs = candidates(input, index, g.used);
  const candidatesMs = performance.now() - t0;
  let highsMs = 0;
  let method: ModelOutput['optimiser']['method'] = 'none';
  let status = 'empty';
  let bound = 0;
  let rows = 0;
  const s = freshState(input);
  const picked = new Map<number, number>();
  const give = (gi: number, oi: number, n: number) => {
    take(input, s, gi, oi, n);
    const k = pairKey(gi, oi);
    picked.set(k, (picked.get(k) ?? 0) + n);
  };
  if (pairs.length) {
    const t1 = performance.now();
    const r = await optimise(input, pairs);
    highsMs = performance.now() - t1;
    ({ method, status, bound, rows } = r);
    // round down (integral already for the MIP), within every limit
    pairs.forEach((p, j) => {
      const n = Math.min(Math.floor(r.x[j] + 1e-6), room(input, s, p.g, p.o));
      if (n > 0) give(p.g, p.o, n);
    });
    // fill what rounding left, best pairs first
    const order = pairs.map((p, j) => ({ ...p, w: objectiveWeight(input, p.g, p.o), j })).sort((a, b) => b.w - a.w || a.o - b.o || a.g - b.g);
    for (const p of order) {
      const n = room(input, s, p.g, p.o);
      if (n > 0) give(p.g, p.o, n);
    }
  }
  const assignments = [...picked].map(([k, seats]) => ({ group: Math.floor(k / 1_000_003), offering: k % 1_000_003, seats }));
  let optimiser = { ...totals(input, assignments), ms: 0 };
  if (optimiser.gapClosed < g.result.gapClosed) optimiser = { ...g.result }; // never: the greedy solution is in the model; kept as a guard
  optimiser.ms = performance.now() - t0;
  let supplyBound = 0;
  input.offerings.forEach((o, oi) => {
    let best = 0;
    for (const c of o.competencies) best = Math.max(best, c.to - c.from);
    supplyBound += o.seats * best;
    void oi;
  });
  return { greedy: g.result, optimiser: { ...optimiser, method, status, bound, pairs: pairs.length, rows, candidatesMs, highsMs }, supplyBound };
}
