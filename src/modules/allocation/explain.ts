// Why each group got what it got, as a structured reason, and the same in words (Indonesian or
// English). Counted per group over the offerings that develop its competency:
//   develops → helps (the level range closes some of this gap) → eligible (position tier) →
//   reachable (travel rule) → with seats left after the allocation → affordable (budget left).
// The cause of people left unserved is the first step at which nothing is left; 'pruned' when
// reachable, affordable seats are left that the optimiser's candidate pairs did not include.
import { closes, reachOf, type Assignment, type ModelInput } from './model.ts';

export type Cause = 'no-offering' | 'range' | 'eligibility' | 'travel' | 'capacity' | 'budget' | 'pruned';

export interface GroupReason {
  outcome: 'served' | 'partly' | 'none';
  cause: Cause | null;
  unserved: number;
  offerings: { develops: number; helps: number; eligible: number; reachable: number; full: number; unaffordable: number };
  /** most gap a seat of a reachable offering closes */
  best: number;
  budget: { total: number; left: number } | null;
  travel: ModelInput['travel'];
}

interface OfferingClass {
  from: number;
  to: number;
  tiers: string[];
  mode: string;
  province: string | null;
  full: number;
  open: number;
  /** fees of the open offerings, ascending */
  fees: number[];
}

/** Reasons for every group, from the optimiser's assignments. */
export function explainAll(input: ModelInput, assignments: Assignment[]): GroupReason[] {
  const seatsLeft = new Float64Array(input.offerings.length);
  input.offerings.forEach((o, i) => (seatsLeft[i] = o.seats));
  const seatsOf = new Int32Array(input.groups.length);
  const budgetLeft = new Map(input.budgets);
  for (const a of assignments) {
    seatsLeft[a.offering] -= a.seats;
    seatsOf[a.group] += a.seats;
    const o = input.offerings[a.offering];
    const g = input.groups[a.group];
    const b = budgetLeft.get(g.agencyId);
    if (b !== undefined && o.fee > 0) budgetLeft.set(g.agencyId, b - a.seats * o.fee);
  }
  // offering classes per competency
  const classes = new Map<string, Map<string, OfferingClass>>();
  input.offerings.forEach((o, i) => {
    for (const c of o.competencies) {
      let m = classes.get(c.code);
      if (!m) classes.set(c.code, (m = new Map()));
      const loc = o.mode === 'online' ? 'online' : o.province ?? '';
      const key = `${c.from}:${c.to}:${o.tiers.join(',')}:${o.mode === 'online' ? 'online' : 'site'}:${loc}`;
      let k = m.get(key);
      if (!k) m.set(key, (k = { from: c.from, to: c.to, tiers: o.tiers, mode: o.mode === 'online' ? 'online' : 'offline', province: o.province, full: 0, open: 0, fees: [] }));
      if (seatsLeft[i] > 0) {
        k.open++;
        k.fees.push(o.fee);
      } else k.full++;
    }
  });
  for (const m of classes.values()) for (const k of m.values()) k.fees.sort((a, b) => a - b);
  const totalBudget = new Map(input.budgets);
  const cache = new Map<string, Omit<GroupReason, 'outcome' | 'cause' | 'unserved' | 'budget' | 'travel' | 'offerings'> & { counts: Omit<GroupReason['offerings'], 'unaffordable'>; open: OfferingClass[] }>();
  return input.groups.map((g, gi) => {
    const key = `${g.code}|${g.tier}|${g.province ?? ''}|${g.current}|${g.required}`;
    let base = cache.get(key);
    if (!base) {
      const counts = { develops: 0, helps: 0, eligible: 0, reachable: 0, full: 0 };
      let best = 0;
      const open: OfferingClass[] = [];
      for (const k of classes.get(g.code)?.values() ?? []) {
        const n = k.full + k.open;
        counts.develops += n;
        const w = closes(g, k);
        if (w <= 0) continue;
        counts.helps += n;
        if (k.tiers.length && !k.tiers.includes(g.tier)) continue;
        counts.eligible += n;
        if (input.travel === 'strict' && reachOf(g, k) === 'elsewhere') continue;
        counts.reachable += n;
        counts.full += k.full;
        best = Math.max(best, w);
        if (k.open) open.push(k);
      }
      cache.set(key, (base = { counts, best, open }));
    }
    const left = budgetLeft.get(g.agencyId);
    let unaffordable = 0;
    if (left !== undefined) for (const k of base.open) unaffordable += k.fees.length - upperBound(k.fees, left);
    const unserved = g.people - seatsOf[gi];
    const o = { ...base.counts, unaffordable };
    let cause: Cause | null = null;
    if (unserved > 0) {
      if (o.develops === 0) cause = 'no-offering';
      else if (o.helps === 0) cause = 'range';
      else if (o.eligible === 0) cause = 'eligibility';
      else if (o.reachable === 0) cause = 'travel';
      else if (o.reachable - o.full === 0) cause = 'capacity';
      else if (o.reachable - o.full - o.unaffordable <= 0) cause = 'budget';
      else cause = 'pruned';
    }
    const total = totalBudget.get(g.agencyId);
    return {
      outcome: unserved <= 0 ? 'served' : seatsOf[gi] > 0 ? 'partly' : 'none',
      cause,
      unserved: Math.max(0, unserved),
      offerings: o,
      best: base.best,
      budget: total === undefined ? null : { total, left: Math.max(0, left ?? 0) },
      travel: input.travel,
    };
  });
}

/** Number of values ≤ x in an ascending array. */
function upperBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x + 1e-6) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export type Lang = 'id' | 'en';

const rp = (n: number) => `Rp ${Math.round(n).toLocaleString('id-ID')}`;

/** The reason in words. */
export function explainText(
  r: GroupReason,
  g: { competency: string; current: number; required: number; people: number; seats: number; gap_closed: number; greedy_gap_closed: number; offerings: string[] },
  lang: Lang,
): string {
  const id = lang === 'id';
  const parts: string[] = [];
  parts.push(
    id
      ? `${g.people} orang di kelompok ini berada di level ${g.current} ${g.competency}, jabatannya memerlukan level ${g.required}.`
      : `${g.people} people in this group are at level ${g.current} of ${g.competency}; their position requires level ${g.required}.`,
  );
  if (g.seats > 0) {
    parts.push(
      id
        ? `Mendapat ${g.seats} kursi di ${g.offerings.join(', ')}, menutup ${g.gap_closed} level kesenjangan (greedy: ${g.greedy_gap_closed}); penawaran terbaik yang terjangkau menutup ${r.best} level per kursi.`
        : `Given ${g.seats} seats in ${g.offerings.join(', ')}, closing ${g.gap_closed} gap levels (greedy: ${g.greedy_gap_closed}); the best reachable offering closes ${r.best} levels a seat.`,
    );
  }
  if (r.unserved > 0) {
    const o = r.offerings;
    const why: Record<Cause, [string, string]> = {
      'no-offering': ['tidak ada penawaran mendatang yang mengembangkan kompetensi ini', 'no upcoming offering develops this competency'],
      range: [`${o.develops} penawaran mengembangkan kompetensi ini, tetapi rentang levelnya tidak menutup kesenjangan ini`, `${o.develops} offerings develop it, but their level ranges do not close this gap`],
      eligibility: [`${o.helps} penawaran yang membantu tidak terbuka bagi jenjang jabatan ini`, `the ${o.helps} offerings that would help are not open to this position tier`],
      travel: [`${o.eligible} penawaran yang membantu diselenggarakan di provinsi lain dan aturan perjalanan ketat (hanya daring atau di provinsi sendiri)`, `the ${o.eligible} offerings that would help are held in other provinces and the travel rule is strict (online or in-province only)`],
      capacity: [`semua ${o.reachable} penawaran yang terjangkau sudah penuh, diberikan kepada kelompok yang kesenjangannya lebih banyak tertutup per kursi`, `all ${o.reachable} reachable offerings are full, given to groups whose gap a seat closes more`],
      budget: [`${o.unaffordable} penawaran yang masih ada kursinya lebih mahal dari sisa anggaran instansi (${rp(r.budget?.left ?? 0)})`, `the ${o.unaffordable} offerings with seats left cost more than the agency's remaining budget (${rp(r.budget?.left ?? 0)})`],
      pruned: ['kursi yang tersisa tidak termasuk pasangan kandidat pengoptimal (lihat dokumentasi)', "the seats left were not among the optimiser's candidate pairs (see the documentation)"],
    };
    const [wid, wen] = why[r.cause ?? 'pruned'];
    parts.push(id ? `${r.unserved} orang belum mendapat kursi: ${wid}.` : `${r.unserved} people got no seat: ${wen}.`);
  }
  return parts.join(' ');
}

// Stored compactly (one short JSON array per group: a national run writes ~10^5 of them).
const OUTCOMES = ['served', 'partly', 'none'] as const;
const CAUSES: (Cause | null)[] = [null, 'no-offering', 'range', 'eligibility', 'travel', 'capacity', 'budget', 'pruned'];
const TRAVELS = ['strict', 'prefer', 'any'] as const;

export function encodeReason(r: GroupReason): number[] {
  const o = r.offerings;
  return [OUTCOMES.indexOf(r.outcome), CAUSES.indexOf(r.cause), r.unserved, o.develops, o.helps, o.eligible, o.reachable, o.full, o.unaffordable, r.best, TRAVELS.indexOf(r.travel), r.budget ? r.budget.total : -1, r.budget ? r.budget.left : -1];
}

export function decodeReason(a: number[]): GroupReason {
  return {
    outcome: OUTCOMES[a[0]],
    cause: CAUSES[a[1]],
    unserved: a[2],
    offerings: { develops: a[3], helps: a[4], eligible: a[5], reachable: a[6], full: a[7], unaffordable: a[8] },
    best: a[9],
    travel: TRAVELS[a[10]],
    budget: a[11] < 0 ? null : { total: a[11], left: a[12] },
  };
}
