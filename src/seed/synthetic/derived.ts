// The derived tables of a synthetic load, written from the generator instead of by SQL after the
// copy: the current levels (migration 0008: competency_current, competency_current_count) and the
// registry side of analytics (migration 0012: analytics_person, analytics_headcount_unit/_agency,
// analytics_gap_unit/_agency).
//
// The generator knows everything these need while it writes the rows: each pair's history is
// written in date order and ends with the one non-void row that is current (latest date, then
// greatest id); each person's agency, unit, position, tier and status are at hand; the required
// level of each competency per position is the generator's own. Positions and units belong to one
// agency, so the sums per (position, …) and (unit, tier, …) are complete when an agency's people
// are done and are emitted then: memory stays bounded by the largest agency.
//
// Rows are buffered per table and COPYed (with FREEZE into the truncated tables) between segments
// of the civil servant and assessment COPYs — a connection has one COPY open at a time.
// Only for a load into an empty registry (every row then comes from the generated people); the
// definitions are those of competency_current_rebuild and analytics_rebuild, and
// test/synthetic-load.test.ts checks the tables equal what those functions derive.
import type { Tier } from '../../modules/competency/tiers.ts';
import type { AgencyPlan, Skeleton } from './people.ts';

export const DERIVED_COLUMNS = {
  competency_current: ['civil_servant_id', 'competency_code', 'assessment_id', 'level', 'assessed_on', 'method'],
  competency_current_count: ['position_id', 'competency_code', 'level', 'agency_id', 'people'],
  analytics_person: ['civil_servant_id', 'agency_id', 'unit_key', 'tier', 'status'],
  analytics_headcount_unit: ['agency_id', 'unit_key', 'tier', 'status', 'people'],
  analytics_headcount_agency: ['agency_id', 'status', 'people'],
  analytics_gap_unit: ['agency_id', 'unit_key', 'tier', 'competency_code', 'people', 'assessed', 'with_gap', 'gap_sum'],
  analytics_gap_agency: ['agency_id', 'competency_code', 'people', 'assessed', 'with_gap', 'gap_sum'],
} as const satisfies Record<string, readonly string[]>;

export type DerivedTable = keyof typeof DERIVED_COLUMNS;
export const DERIVED_TABLES = Object.keys(DERIVED_COLUMNS) as DerivedTable[];

/** Buffered rows (all tables) that trigger a flush between COPY segments. */
const SEGMENT_ROWS = 400_000;
const STATUSES = ['active', 'leave'] as const;

export class DerivedRows {
  readonly cutoff: string;
  readonly #codes: readonly string[];
  readonly #buffers = new Map<DerivedTable, string[]>(DERIVED_TABLES.map((t) => [t, []]));
  #buffered = 0;
  readonly #firstPerson: number;
  /** every generated person: not active (1) or active (0), by id − first person id */
  readonly #inactive: Uint8Array;
  /** headcount of the current agency, key ((unit offset × positions + position index) × 2 + status) */
  #heads = new Map<number, number>();
  /** competency_current_count of the current agency, key ((position index × codes + code) × 8 + level) */
  #counts = new Map<number, number>();
  /** gap sums of the current agency, key ((unit offset × positions + position index) × codes + code) → [people, assessed, with_gap, gap_sum] */
  #gaps = new Map<number, number[]>();

  constructor(options: { cutoff: string; codes: readonly string[]; firstPerson: number; people: number }) {
    this.cutoff = options.cutoff;
    this.#codes = options.codes;
    this.#firstPerson = options.firstPerson;
    this.#inactive = new Uint8Array(options.people);
  }

  #push(table: DerivedTable, line: string) {
    this.#buffers.get(table)!.push(line);
    this.#buffered++;
  }

  // ---------- people ----------

  /** Before an agency's people. */
  startPeople(): void {
    this.#heads.clear();
  }

  /** Every generated person, with the status their civil_servant row got. */
  person(plan: AgencyPlan, s: Skeleton, status: string): void {
    const tier = plan.positions[s.positionIndex].tier;
    const leave = status === 'active' ? 0 : 1;
    if (status !== STATUSES[leave]) throw new Error(`unexpected status ${status}`);
    this.#inactive[s.id - this.#firstPerson] = leave;
    this.#push('analytics_person', `${s.id}\t${plan.id}\t${s.unitId}\t${tier}\t${status}\n`);
    const key = ((s.unitId - plan.unitBase) * plan.positions.length + s.positionIndex) * 2 + leave;
    this.#heads.set(key, (this.#heads.get(key) ?? 0) + 1);
  }

  /** After an agency's people: its headcounts (per unit and tier, per agency). */
  endPeople(plan: AgencyPlan): void {
    const units = new Map<string, number>();
    const agency = [0, 0];
    for (const [key, n] of this.#heads) {
      const status = key % 2;
      const rest = (key - status) / 2;
      const position = rest % plan.positions.length;
      const unit = (rest - position) / plan.positions.length + plan.unitBase;
      const k = `${unit}\t${plan.positions[position].tier}\t${STATUSES[status]}`;
      units.set(k, (units.get(k) ?? 0) + n);
      agency[status] += n;
    }
    for (const [k, n] of units) this.#push('analytics_headcount_unit', `${plan.id}\t${k}\t${n}\n`);
    for (const [status, n] of agency.entries()) if (n > 0) this.#push('analytics_headcount_agency', `${plan.id}\t${STATUSES[status]}\t${n}\n`);
  }

  // ---------- assessments ----------

  /** Before an agency's assessments (after its people). */
  startAssessments(): void {
    this.#counts.clear();
    this.#gaps.clear();
  }

  /**
   * The current (last non-void) assessment of every generated pair; `required` is the level the
   * person's position requires for the competency (0: not part of its standard).
   */
  current(plan: AgencyPlan, s: Skeleton, codeIndex: number, required: number, assessmentId: number, level: number, assessedOn: string, method: string): void {
    const code = this.#codes[codeIndex];
    this.#push('competency_current', `${s.id}\t${code}\t${assessmentId}\t${level}\t${assessedOn}\t${method}\n`);
    if (this.#inactive[s.id - this.#firstPerson] !== 0) return; // counted and gap cells: active people only
    const valid = assessedOn > this.cutoff;
    const n = this.#codes.length;
    if (valid) {
      const key = (s.positionIndex * n + codeIndex) * 8 + level;
      this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    }
    if (required > 0) {
      const key = ((s.unitId - plan.unitBase) * plan.positions.length + s.positionIndex) * n + codeIndex;
      let g = this.#gaps.get(key);
      if (!g) this.#gaps.set(key, (g = [0, 0, 0, 0]));
      const have = valid ? level : 0;
      g[0]++;
      if (valid) g[1]++;
      if (required > have) g[2]++;
      g[3] += Math.max(required - have, 0);
    }
  }

  /** After an agency's assessments: its counts and gap sums. */
  endAssessments(plan: AgencyPlan): void {
    const n = this.#codes.length;
    for (const [key, people] of this.#counts) {
      const level = key % 8;
      const rest = (key - level) / 8;
      const code = rest % n;
      const position = (rest - code) / n;
      this.#push('competency_current_count', `${plan.positionBase + position}\t${this.#codes[code]}\t${level}\t${plan.id}\t${people}\n`);
    }
    const units = new Map<string, number[]>();
    const agency = new Map<string, number[]>();
    const add = (map: Map<string, number[]>, k: string, g: number[]) => {
      const t = map.get(k);
      if (t) for (let i = 0; i < 4; i++) t[i] += g[i];
      else map.set(k, [...g]);
    };
    for (const [key, g] of this.#gaps) {
      const code = key % n;
      const rest = (key - code) / n;
      const position = rest % plan.positions.length;
      const unit = (rest - position) / plan.positions.length + plan.unitBase;
      add(units, `${unit}\t${plan.positions[position].tier satisfies Tier}\t${this.#codes[code]}`, g);
      add(agency, this.#codes[code], g);
    }
    for (const [k, g] of units) this.#push('analytics_gap_unit', `${plan.id}\t${k}\t${g.join('\t')}\n`);
    for (const [k, g] of agency) this.#push('analytics_gap_agency', `${plan.id}\t${k}\t${g.join('\t')}\n`);
  }

  // ---------- flushing ----------

  /** Enough rows are waiting to be sent. */
  get full(): boolean {
    return this.#buffered >= SEGMENT_ROWS;
  }

  /** The waiting rows per table, emptying the buffers. */
  drain(): [DerivedTable, string[]][] {
    const out: [DerivedTable, string[]][] = [];
    for (const [table, lines] of this.#buffers) {
      if (lines.length) out.push([table, lines]);
      this.#buffers.set(table, []);
    }
    this.#buffered = 0;
    return out;
  }
}
