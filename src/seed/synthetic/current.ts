// The current levels of a synthetic load (migration 0008's competency_current and
// competency_current_count), collected while the assessments are generated instead of derived by
// SQL afterwards: the generator writes every pair's history in date order and ends it with the
// one non-void row that is current (the latest date, then the greatest id), so it knows each
// current row without a sort. The loader COPYs them (with FREEZE into the truncated table) in
// segments between segments of the assessment COPY, and inserts the counts it summed here.
//
// Only for a load into an empty registry: there every current row and count comes from the
// generated people. Next to existing people the loader runs competency_current_rebuild instead.

export const CURRENT_COLUMNS = ['civil_servant_id', 'competency_code', 'assessment_id', 'level', 'assessed_on', 'method'] as const;
export const COUNT_COLUMNS = ['position_id', 'competency_code', 'level', 'agency_id', 'people'] as const;

/** Current rows kept in memory before they are sent (about 45 bytes each). */
const SEGMENT_ROWS = 400_000;

export class CurrentLevels {
  readonly cutoff: string;
  readonly #firstPerson: number;
  /** 1 where the person is not active (not counted); indexed by id − first person id */
  readonly #inactive: Uint8Array;
  readonly #codes: readonly string[];
  /** key: (position id × codes + code index) × 8 + level → people */
  readonly #counts = new Map<number, number>();
  readonly #agencyOf = new Map<number, number>();
  #lines: string[] = [];
  total = 0;

  constructor(options: { cutoff: string; firstPerson: number; people: number; codes: readonly string[] }) {
    this.cutoff = options.cutoff;
    this.#firstPerson = options.firstPerson;
    this.#inactive = new Uint8Array(options.people);
    this.#codes = options.codes;
  }

  /** Called for every generated person (civil_servant.status). */
  status(personId: number, status: string): void {
    this.#inactive[personId - this.#firstPerson] = status === 'active' ? 0 : 1;
  }

  /** Called for the current (last non-void) assessment of every generated pair. */
  current(personId: number, agencyId: number, positionId: number, codeIndex: number, assessmentId: number, level: number, assessedOn: string, method: string): void {
    this.#lines.push(`${personId}\t${this.#codes[codeIndex]}\t${assessmentId}\t${level}\t${assessedOn}\t${method}\n`);
    this.total++;
    if (assessedOn > this.cutoff && this.#inactive[personId - this.#firstPerson] === 0) {
      const key = (positionId * this.#codes.length + codeIndex) * 8 + level;
      this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
      this.#agencyOf.set(positionId, agencyId);
    }
  }

  /** Enough rows are waiting to be sent. */
  get full(): boolean {
    return this.#lines.length >= SEGMENT_ROWS;
  }

  /** The waiting rows as COPY lines, emptying the buffer. */
  drain(): string[] {
    const lines = this.#lines;
    this.#lines = [];
    return lines;
  }

  /** competency_current_count rows (COPY text), in key order. */
  *countLines(): Generator<string> {
    const n = this.#codes.length;
    for (const key of [...this.#counts.keys()].sort((a, b) => a - b)) {
      const level = key % 8;
      const rest = (key - level) / 8;
      const code = rest % n;
      const position = (rest - code) / n;
      yield `${position}\t${this.#codes[code]}\t${level}\t${this.#agencyOf.get(position)}\t${this.#counts.get(key)}\n`;
    }
  }
}
