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
import { TIERS } from '../../modules/competency/tiers.ts';
import { unitCount, type AgencyPlan, type Skeleton } from './people.ts';

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

/** Buffered rows (all tables) that trigger a flush between COPY segments (default). */
export const SEGMENT_ROWS = 400_000;
/**
 * Waiting lines are written into byte chunks of this size as they come: off the JS heap, since
 * hundreds of thousands of live small strings cost the GC more than making them. (Derived rows
 * are ASCII: ids, codes, dates, tier/status/method names.)
 */
const CHUNK_BYTES = 256 * 1024;

class Lines {
  #chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  #used = 0;
  chunks: Uint8Array[] = [];
  push(line: string) {
    if (this.#used + line.length > CHUNK_BYTES) this.#next();
    this.#used += this.#chunk.write(line, this.#used, 'latin1');
  }
  #next() {
    if (this.#used) this.chunks.push(this.#chunk.subarray(0, this.#used));
    this.#chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.#used = 0;
  }
  take(): Uint8Array[] {
    this.#next();
    const out = this.chunks;
    this.chunks = [];
    return out;
  }
}

const STATUSES = ['active', 'leave'] as const;
const TIER_INDEX = new Map<string, number>(TIERS.map((t, i) => [t, i]));
const NT = TIERS.length;

export class DerivedRows {
  readonly cutoff: string;
  readonly #codes: readonly string[];
  readonly #buffers = new Map<DerivedTable, Lines>(DERIVED_TABLES.map((t) => [t, new Lines()]));
  #buffered = 0;
  readonly #firstPerson: number;
  readonly #segmentRows: number;
  /** every generated person: not active (1) or active (0), by id − first person id */
  readonly #inactive: Uint8Array;
  // Sums of the agency being generated, in typed arrays indexed by its own units and positions.
  /** headcount: (unit offset × tiers + tier) × 2 + status */
  #heads = new Int32Array(0);
  /** competency_current_count: (position index × codes + code) × 8 + level */
  #counts = new Int32Array(0);
  /** gap sums: ((unit offset × tiers + tier) × codes + code) × 4 + [people, assessed, with_gap, gap_sum] */
  #gaps = new Int32Array(0);
  /** tier index of each position of the agency */
  #tierOf: number[] = [];

  constructor(options: { cutoff: string; codes: readonly string[]; firstPerson: number; people: number; segmentRows?: number }) {
    this.cutoff = options.cutoff;
    this.#segmentRows = options.segmentRows ?? SEGMENT_ROWS;
    this.#codes = options.codes;
    this.#firstPerson = options.firstPerson;
    this.#inactive = new Uint8Array(options.people);
  }

  #push(table: DerivedTable, line: string) {
    this.#buffers.get(table)!.push(line);
    this.#buffered++;
  }

  #start(plan: AgencyPlan) {
    this.#tierOf = plan.positions.map((p) => TIER_INDEX.get(p.tier)!);
  }

  // ---------- people ----------

  /** Before an agency's people. */
  startPeople(plan: AgencyPlan): void {
    this.#start(plan);
    this.#heads = new Int32Array(unitCount(plan) * NT * 2);
  }

  /** Every generated person, with the status their civil_servant row got. */
  person(plan: AgencyPlan, s: Skeleton, status: string): void {
    const tier = plan.positions[s.positionIndex].tier;
    const leave = status === 'active' ? 0 : 1;
    if (status !== STATUSES[leave]) throw new Error(`unexpected status ${status}`);
    this.#inactive[s.id - this.#firstPerson] = leave;
    this.#push('analytics_person', `${s.id}\t${plan.id}\t${s.unitId}\t${tier}\t${status}\n`);
    this.#heads[((s.unitId - plan.unitBase) * NT + this.#tierOf[s.positionIndex]) * 2 + leave]++;
  }

  /** After an agency's people: its headcounts (per unit and tier, per agency). */
  endPeople(plan: AgencyPlan): void {
    const heads = this.#heads;
    const agency = [0, 0];
    for (let i = 0; i < heads.length; i++) {
      const n = heads[i];
      if (n === 0) continue;
      const status = i % 2;
      const tier = ((i - status) / 2) % NT;
      const unit = ((i - status) / 2 - tier) / NT + plan.unitBase;
      this.#push('analytics_headcount_unit', `${plan.id}\t${unit}\t${TIERS[tier]}\t${STATUSES[status]}\t${n}\n`);
      agency[status] += n;
    }
    for (const [status, n] of agency.entries()) if (n > 0) this.#push('analytics_headcount_agency', `${plan.id}\t${STATUSES[status]}\t${n}\n`);
  }

  // ---------- assessments ----------

  /** Before an agency's assessments (after its people). */
  startAssessments(plan: AgencyPlan): void {
    this.#start(plan);
    const n = this.#codes.length;
    this.#counts = new Int32Array(plan.positions.length * n * 8);
    this.#gaps = new Int32Array(unitCount(plan) * NT * n * 4);
  }

  /**
   * The current (last non-void) assessment of every generated pair; `required` is the level the
   * person's position requires for the competency (0: not part of its standard).
   */
  current(plan: AgencyPlan, s: Skeleton, codeIndex: number, required: number, assessmentId: number, level: number, assessedOn: string, method: string): void {
    this.#push('competency_current', `${s.id}\t${this.#codes[codeIndex]}\t${assessmentId}\t${level}\t${assessedOn}\t${method}\n`);
    if (this.#inactive[s.id - this.#firstPerson] !== 0) return; // counted and gap cells: active people only
    const valid = assessedOn > this.cutoff;
    const n = this.#codes.length;
    if (valid) this.#counts[(s.positionIndex * n + codeIndex) * 8 + level]++;
    if (required > 0) {
      const at = (((s.unitId - plan.unitBase) * NT + this.#tierOf[s.positionIndex]) * n + codeIndex) * 4;
      const have = valid ? level : 0;
      const g = this.#gaps;
      g[at]++;
      if (valid) g[at + 1]++;
      if (required > have) {
        g[at + 2]++;
        g[at + 3] += required - have;
      }
    }
  }

  /** After an agency's assessments: its counts and gap sums. */
  endAssessments(plan: AgencyPlan): void {
    const n = this.#codes.length;
    const counts = this.#counts;
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] === 0) continue;
      const level = i % 8;
      const code = ((i - level) / 8) % n;
      const position = ((i - level) / 8 - code) / n;
      this.#push('competency_current_count', `${plan.positionBase + position}\t${this.#codes[code]}\t${level}\t${plan.id}\t${counts[i]}\n`);
    }
    const g = this.#gaps;
    const agency = new Float64Array(n * 4);
    for (let at = 0; at < g.length; at += 4) {
      if (g[at] === 0) continue;
      const cell = at / 4;
      const code = cell % n;
      const tier = ((cell - code) / n) % NT;
      const unit = ((cell - code) / n - tier) / NT + plan.unitBase;
      this.#push('analytics_gap_unit', `${plan.id}\t${unit}\t${TIERS[tier]}\t${this.#codes[code]}\t${g[at]}\t${g[at + 1]}\t${g[at + 2]}\t${g[at + 3]}\n`);
      for (let k = 0; k < 4; k++) agency[code * 4 + k] += g[at + k];
    }
    for (let code = 0; code < n; code++) {
      const a = code * 4;
      if (agency[a] > 0) this.#push('analytics_gap_agency', `${plan.id}\t${this.#codes[code]}\t${agency[a]}\t${agency[a + 1]}\t${agency[a + 2]}\t${agency[a + 3]}\n`);
    }
  }

  // ---------- flushing ----------

  /** Enough rows are waiting to be sent. */
  get full(): boolean {
    return this.#buffered >= this.#segmentRows;
  }

  /** The waiting rows per table (chunks of whole lines), emptying the buffers. */
  drain(): [DerivedTable, Uint8Array[]][] {
    const out: [DerivedTable, Uint8Array[]][] = [];
    for (const [table, lines] of this.#buffers) {
      const chunks = lines.take();
      if (chunks.length) out.push([table, chunks]);
    }
    this.#buffered = 0;
    return out;
  }
}
