// Assessments and talent ratings of synthetic people, as COPY lines.
//
// Every person gets one assessment for every national competency (M.01–M.08, SK.01): a level
// around the position's required level, dated within the validity period — except ~5% that are
// old enough to have expired (they show up as gaps). ~8% of pairs also have an older assessment
// (history), ~0.3% a voided one corrected by a later row. ~40% have a talent rating for last year.
import { addMonths } from '../../modules/competency/validity.ts';
import type { Tier } from '../../modules/competency/tiers.ts';
import { stream, weighted } from './distributions.ts';
import type { DerivedRows } from './derived.ts';
import { skeletonOf, type AgencyPlan } from './people.ts';

export interface CompetencyRef {
  id: number;
  code: string;
}

export interface AssessmentContext {
  competencies: readonly CompetencyRef[];
  /** Required level per tier, by competency index (0 = not required). */
  tierLevels: ReadonlyMap<Tier, readonly number[]>;
  today: string;
  validityMonths: number;
}

export const ASSESSMENT_COLUMNS = ['id', 'agency_id', 'civil_servant_id', 'competency_id', 'competency_code', 'level', 'method', 'assessed_on', 'assessor', 'evidence', 'recorded_by', 'voided_at', 'voided_by', 'void_reason'] as const;
export const TALENT_COLUMNS = ['id', 'agency_id', 'civil_servant_id', 'period', 'performance', 'potential', 'rated_by'] as const;

const METHOD = weighted([['assessment_centre', 3], ['cat', 3], ['360', 2], ['portfolio', 1], ['self', 1]] as const);
const ASSESSOR: Record<string, string> = {
  assessment_centre: 'UPT Penilaian Kompetensi',
  cat: 'CAT BKN',
  '360': 'Umpan balik 360 unit kerja',
  portfolio: 'Tim penilai portofolio',
  self: 'Penilaian mandiri',
};
const DELTA = weighted([[-2, 8], [-1, 27], [0, 45], [1, 20]] as const);
const PERFORMANCE = weighted([['below', 1], ['meets', 3], ['above', 1]] as const);
const POTENTIAL = weighted([['low', 1], ['middle', 2], ['high', 1]] as const);

/** Required level of each competency for each position of an agency: the tier default, raised by +1 where the position overrides it. */
export function requiredLevels(plan: AgencyPlan, ctx: AssessmentContext): number[][] {
  return plan.positions.map((p) => ctx.competencies.map((c, i) => {
    const base = ctx.tierLevels.get(p.tier)?.[i] ?? 0;
    return p.raises.includes(c.code) ? Math.min(5, base + 1) : base;
  }));
}

/** Position overrides of an agency: rows of competency_position_standard (position id, agency id, code, level). */
export function* overrideLines(plan: AgencyPlan, ctx: AssessmentContext): Generator<string> {
  const levels = requiredLevels(plan, ctx);
  for (const [i, p] of plan.positions.entries()) {
    for (const code of p.raises) {
      const c = ctx.competencies.findIndex((x) => x.code === code);
      if (c >= 0 && levels[i][c] > 0) yield `${plan.positionBase + i}\t${plan.id}\t${code}\t${levels[i][c]}\n`;
    }
  }
}

/** Date strings for "n days before today", computed once. */
function dayTable(today: string, days: number): string[] {
  const base = Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10));
  const out: string[] = [];
  for (let n = 0; n <= days; n++) out.push(new Date(base - n * 86_400_000).toISOString().slice(0, 10));
  return out;
}

const tables = new Map<string, { days: string[]; validDays: number }>();

function datesFor(today: string, validityMonths: number) {
  const key = `${today}/${validityMonths}`;
  let t = tables.get(key);
  if (!t) {
    const cutoff = addMonths(today, -validityMonths);
    const validDays = Math.round((Date.parse(today) - Date.parse(cutoff)) / 86_400_000) - 1;
    t = { days: dayTable(today, validDays + 2200), validDays };
    tables.set(key, t);
  }
  return t;
}

/**
 * The assessment lines of one agency's people, with ids from `nextId` on. `counter.value` is
 * advanced past the ids used. Same seed and plan → same lines. Each pair's lines are in date
 * order and end with its current row (the latest non-void one), which is handed to `current`.
 */
export function* assessmentLines(seed: number, plan: AgencyPlan, ctx: AssessmentContext, counter: { value: number }, derived?: DerivedRows): Generator<string> {
  const rng = stream(seed, 4, plan.index);
  const { days, validDays } = datesFor(ctx.today, ctx.validityMonths);
  const required = requiredLevels(plan, ctx);
  const n = ctx.competencies.length;
  const agency = plan.id;
  for (const s of skeletonOf(seed, plan)) {
    const req = required[s.positionIndex];
    const prefix = `\t${agency}\t${s.id}\t`;
    for (let i = 0; i < n; i++) {
      const c = ctx.competencies[i];
      const r = req[i] || 2;
      const level = Math.min(5, Math.max(1, r + DELTA(rng)));
      const x = rng.next();
      const expired = x < 0.05;
      const day = expired ? validDays + 30 + Math.floor(rng.next() * 700) : 10 + Math.floor(rng.next() * (validDays - 10));
      const method = METHOD(rng);
      const head = `${prefix}${c.id}\t${c.code}\t`;
      if (x > 0.92) {
        // an older assessment: history the current level does not use
        const older = Math.min(days.length - 1, day + 200 + Math.floor(rng.next() * 900));
        yield `${counter.value++}${head}${Math.max(1, level - 1)}\tassessment_centre\t${days[older]}\t${ASSESSOR.assessment_centre}\t\\N\tseed\t\\N\t\\N\t\\N\n`;
      } else if (x > 0.917) {
        // a voided entry on the same day, corrected by the row after it
        yield `${counter.value++}${head}${Math.min(5, level + 2)}\t${method}\t${days[day]}\t${ASSESSOR[method]}\t\\N\tseed\t${ctx.today} 09:00:00+07\tseed\tsalah input level\n`;
      }
      derived?.current(plan, s, i, req[i], counter.value, level, days[day], method);
      yield `${counter.value++}${head}${level}\t${method}\t${days[day]}\t${ASSESSOR[method]}\t${method === 'portfolio' ? 'Portofolio kinerja' : '\\N'}\tseed\t\\N\t\\N\t\\N\n`;
    }
  }
}

/** Talent ratings (last year) of ~40% of an agency's people. */
export function* talentLines(seed: number, plan: AgencyPlan, today: string, counter: { value: number }): Generator<string> {
  const rng = stream(seed, 6, plan.index);
  const period = String(Number(today.slice(0, 4)) - 1);
  for (const s of skeletonOf(seed, plan)) {
    if (rng.next() >= 0.4) continue;
    yield `${counter.value++}\t${plan.id}\t${s.id}\t${period}\t${PERFORMANCE(rng)}\t${POTENTIAL(rng)}\tseed\n`;
  }
}
