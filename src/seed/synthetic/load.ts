// `kembang seed --scale agency|national`: generate a synthetic civil service and load it in one
// transaction (all or nothing), rows generated on the fly and streamed through COPY.
//
// Order: competency baseline (dictionary v1, tier defaults) → agencies → units → positions →
// position overrides → civil servants → assessments → talent ratings.
//
// Index strategy: when the registry tables are empty (a fresh database), the secondary indexes,
// unique/primary keys and foreign keys on civil_servant, competency_assessment and talent_rating
// (and foreign keys pointing at them) are read from the catalogue, dropped, and re-created from
// those same definitions after the rows are in — one sort per index instead of millions of
// random B-tree inserts and per-row foreign-key triggers. The tables are truncated in the same
// transaction so COPY can use FREEZE (rows visible to everyone, visibility map set: index-only
// scans work at once, no vacuum pass). The schema ends up exactly as the migrations made it
// (checked by test/synthetic-load.test.ts). On a non-empty registry rows are copied with the
// indexes in place.
//
// Derived tables: the current levels (migration 0008) and the registry side of analytics
// (migration 0012); their triggers are off for the copy. On an empty registry the generator
// writes them itself (derived.ts): competency_current and analytics_person by COPY FREEZE (keys
// deferred like the others), the counts and sums it adds up per agency, all COPYed between
// segments of the civil servant and assessment COPYs — no sort of the history, no join, no
// vacuum. Next to existing people, competency_current_rebuild and analytics_rebuild() derive
// them at the end instead (then a VACUUM FREEZE of competency_current after the commit).
import type { Database } from '../../db/database.ts';
import { ANALYTICS_BULK_TRIGGERS, ANALYTICS_REBUILD_SQL } from '../../modules/analytics/bulk.ts';
import { seedCompetencyBaseline } from '../../modules/competency/seed.ts';
import type { Tier } from '../../modules/competency/tiers.ts';
import { todayInIndonesia, validityCutoff } from '../../modules/competency/validity.ts';
import { AGENCY_PEOPLE, NATIONAL_PEOPLE, nationalAgencies, singleAgency } from './agencies.ts';
import { ASSESSMENT_COLUMNS, assessmentLines, overrideLines, TALENT_COLUMNS, talentLines, type AssessmentContext, type CompetencyRef } from './assessments.ts';
import { bulkTarget, type BulkTarget, type CopyOptions } from './copy.ts';
import { DERIVED_COLUMNS, DERIVED_TABLES, DerivedRows } from './derived.ts';
import { NipAllocator, PERSON_COLUMNS, personLines, planAgencies, todayParts, unitsOf, type AgencyPlan } from './people.ts';

export type SyntheticScale = 'agency' | 'national';

export interface SyntheticOptions {
  scale: SyntheticScale;
  seed?: number;
  /** Headcount (default: 50,000 for agency, 6,500,000 for national). */
  people?: number;
  /** Reference date 'YYYY-MM-DD' for ages and assessment dates (default: today in Indonesia). */
  today?: string;
  /** Drop and re-create indexes and keys around the load when the registry is empty (default true). */
  deferIndexes?: boolean;
  onProgress?: (phase: string, done: number, total: number) => void;
  /** Derived rows buffered before they are COPYed between segments (default 400,000; small values only to exercise the segments in tests). */
  segmentRows?: number;
}

export interface SyntheticResult {
  scale: SyntheticScale;
  seed: number;
  today: string;
  agencies: number;
  units: number;
  positions: number;
  positionStandards: number;
  civilServants: number;
  assessments: number;
  talentRatings: number;
  indexesDeferred: boolean;
  seconds: { rows: number; indexes: number; total: number };
}

export const DEFAULT_SEED = 20261201;

/** The triggers that keep competency_current in step (migration 0008), off during the copy. */
const CURRENT_TRIGGERS = ['competency_assessment_current_insert', 'competency_assessment_current_update'] as const;

/** Tables whose keys and indexes are deferred on an empty registry. */
export const BULK_TABLES = ['civil_servant', 'competency_assessment', 'talent_rating'] as const;
/** Derived tables (those with many rows) whose keys and indexes are deferred too when the generator writes them. */
const DERIVED_BULK = ['competency_current', 'competency_current_count', 'analytics_person', 'analytics_gap_unit', 'analytics_headcount_unit'] as const;
/**
 * What analytics_rebuild() leaves empty or derives from people when there are none yet: emptied
 * before the generator writes the people's rows (learning records need people, so no JP either).
 */
const PEOPLE_ANALYTICS = ['analytics_person_year', 'analytics_person_jp_delta', 'analytics_jp_unit', 'analytics_jp_agency', 'analytics_jp_delta', 'analytics_gap_delta', 'analytics_headcount_delta'] as const;

export function syntheticSpecs(options: Pick<SyntheticOptions, 'scale' | 'seed' | 'people'>) {
  const seed = options.seed ?? DEFAULT_SEED;
  return options.scale === 'national' ? nationalAgencies(seed, options.people ?? NATIONAL_PEOPLE) : singleAgency(options.people ?? AGENCY_PEOPLE);
}

export async function loadSynthetic(database: Database, options: SyntheticOptions): Promise<SyntheticResult> {
  await database.db.transaction().execute((tx) => seedCompetencyBaseline(tx));
  const target = await bulkTarget(database);
  try {
    return await loadInto(target, options);
  } finally {
    await target.release();
  }
}

interface Saved {
  keys: { table: string; name: string; def: string }[];
  foreignKeys: { table: string; name: string; def: string }[];
  indexes: { name: string; def: string }[];
}

/** Reads the definitions of keys and indexes on `tables` (and foreign keys pointing at them), then drops them. */
export async function dropDeferrable(target: BulkTarget, tables: readonly string[]): Promise<Saved> {
  const list = `array[${tables.map((t) => `'${t}'`).join(',')}]::regclass[]`;
  const constraints = await target.query<{ table: string; name: string; type: string; def: string }>(
    `select c.conrelid::regclass::text as table, c.conname as name, c.contype as type, pg_get_constraintdef(c.oid) as def
       from pg_constraint c
      where (c.contype in ('p','u') and c.conrelid = any(${list}))
         or (c.contype = 'f' and (c.conrelid = any(${list}) or c.confrelid = any(${list})))
      order by c.oid`,
  );
  const indexes = await target.query<{ name: string; def: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i
      where i.indrelid = any(${list})
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.conrelid = i.indrelid and c.contype in ('p','u','x'))
      order by i.indexrelid`,
  );
  const foreignKeys = constraints.filter((c) => c.type === 'f');
  const keys = constraints.filter((c) => c.type !== 'f');
  for (const fk of foreignKeys) await target.query(`alter table ${fk.table} drop constraint ${fk.name}`);
  for (const index of indexes) await target.query(`drop index ${index.name}`);
  for (const key of keys) await target.query(`alter table ${key.table} drop constraint ${key.name}`);
  return { keys, foreignKeys, indexes };
}

export async function restoreDeferred(target: BulkTarget, saved: Saved, onStep?: (done: number, total: number) => void): Promise<void> {
  const steps = [
    ...saved.keys.map((k) => `alter table ${k.table} add constraint ${k.name} ${k.def}`),
    ...saved.indexes.map((i) => i.def),
    ...saved.foreignKeys.map((f) => `alter table ${f.table} add constraint ${f.name} ${f.def}`),
  ];
  for (const [i, step] of steps.entries()) {
    onStep?.(i, steps.length);
    await target.query(step);
  }
  onStep?.(steps.length, steps.length);
}

async function nextId(target: BulkTarget, table: string): Promise<number> {
  const [row] = await target.query<{ next: string | number }>(`select coalesce(max(id), 0) + 1 as next from ${table}`);
  return Number(row.next);
}

async function assessmentContext(target: BulkTarget, today: string): Promise<AssessmentContext> {
  const competencies = await target.query<{ id: number; code: string }>(
    `select c.id, c.code from competency c
      where c.version_id = (select id from competency_dictionary_version where status = 'published' order by number desc limit 1)
        and c.kind in ('managerial','socio_cultural') and c.agency_id is null
      order by c.kind, c.code`,
  );
  if (competencies.length === 0) throw new Error('no published competency dictionary: seedCompetencyBaseline first');
  const standards = await target.query<{ tier: Tier; competency_code: string; required_level: number }>('select tier, competency_code, required_level from competency_tier_standard');
  const tierLevels = new Map<Tier, number[]>();
  for (const s of standards) {
    const i = competencies.findIndex((c) => c.code === s.competency_code);
    if (i < 0) continue;
    const levels = tierLevels.get(s.tier) ?? competencies.map(() => 0);
    levels[i] = Number(s.required_level);
    tierLevels.set(s.tier, levels);
  }
  const [settings] = await target.query<{ months: number }>('select assessment_validity_months as months from competency_settings');
  return { competencies: competencies.map((c): CompetencyRef => ({ id: Number(c.id), code: c.code })), tierLevels, today, validityMonths: Number(settings?.months ?? 36) };
}

function* flat<T>(plans: readonly AgencyPlan[], each: (plan: AgencyPlan) => Iterable<T>): Generator<T> {
  for (const plan of plans) yield* each(plan);
}

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');

export async function loadInto(target: BulkTarget, options: SyntheticOptions): Promise<SyntheticResult> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const today = options.today ?? todayInIndonesia();
  const specs = syntheticSpecs(options);
  const progress = options.onProgress ?? (() => {});
  await target.query('begin');
  try {
    if (target.kind === 'postgres') {
      for (const setting of ["maintenance_work_mem = '1GB'", 'max_parallel_maintenance_workers = 2', 'synchronous_commit = off', "work_mem = '256MB'"]) {
        await target.query(`set local ${setting}`);
      }
    }
    const clash = await target.query<{ code: string }>('select code from agency where code = any($1::text[]) limit 5', [specs.map((s) => s.code)]);
    if (clash.length) throw new Error(`agencies ${clash.map((c) => c.code).join(', ')} are already in this database: load the ${options.scale} set into an empty registry`);
    const ctx = await assessmentContext(target, today);
    const bases = { agency: await nextId(target, 'agency'), unit: await nextId(target, 'unit'), position: await nextId(target, 'position'), person: await nextId(target, 'civil_servant') };
    const plans = planAgencies(seed, specs, bases);

    const [{ empty }] = await target.query<{ empty: boolean }>(
      `select not exists (select 1 from civil_servant) and not exists (select 1 from competency_assessment) and not exists (select 1 from talent_rating) as empty`,
    );
    const deferred = empty && options.deferIndexes !== false;
    const cutoff = validityCutoff(today, ctx.validityMonths);
    // The generator knows every standard's level only for the competencies it assesses.
    const [{ foreign }] = await target.query<{ foreign: boolean }>('select exists (select 1 from competency_tier_standard where competency_code <> all($1::text[])) as foreign', [ctx.competencies.map((c) => c.code)]);
    const derived = empty && !foreign ? new DerivedRows({ cutoff, codes: ctx.competencies.map((c) => c.code), firstPerson: bases.person, people: plans.reduce((n, p) => n + p.people, 0), segmentRows: options.segmentRows }) : undefined;
    let saved: Saved | undefined;
    if (deferred) {
      saved = await dropDeferrable(target, [...BULK_TABLES, ...(derived ? DERIVED_BULK : [])]);
      await target.query(`truncate ${BULK_TABLES.join(', ')}`);
    }
    // no civil servants: nothing in these tables can be kept (they hold people's rows and sums over them only)
    if (derived) await target.query(`truncate ${[...DERIVED_TABLES, ...PEOPLE_ANALYTICS].join(', ')}`);

    // The per-statement current-level and analytics triggers would look up each new row; the
    // loader writes (empty registry) or rebuilds (otherwise) those tables itself.
    for (const trigger of CURRENT_TRIGGERS) await target.query(`alter table competency_assessment disable trigger ${trigger}`);
    for (const [table, trigger] of ANALYTICS_BULK_TRIGGERS) await target.query(`alter table ${table} disable trigger ${trigger}`);
    const counts = await copyRows(target, { plans, ctx, seed, today, freeze: deferred, empty, progress, derived });
    const { agencies, units, positions, positionStandards, civilServants, assessments, talentRatings } = counts;
    if (derived) await target.query('insert into competency_current_state (id, cutoff) values (true, $1) on conflict (id) do update set cutoff = excluded.cutoff', [cutoff]);
    const rowsDone = performance.now();

    if (saved) await restoreDeferred(target, saved, (done, total) => progress('indexes and keys', done, total));
    for (const trigger of CURRENT_TRIGGERS) await target.query(`alter table competency_assessment enable trigger ${trigger}`);
    if (!derived) {
      progress('current levels', 0, 1);
      await target.query('select competency_current_rebuild($1::date)', [cutoff]);
      progress('current levels', 1, 1);
    }
    for (const [table, trigger] of ANALYTICS_BULK_TRIGGERS) await target.query(`alter table ${table} enable trigger ${trigger}`);
    if (!derived) {
      progress('analytics', 0, 1);
      await target.query(ANALYTICS_REBUILD_SQL);
      progress('analytics', 1, 1);
    }
    for (const table of ['agency', 'unit', 'position', 'civil_servant', 'competency_assessment', 'talent_rating']) {
      await target.query(`select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select max(id) from ${table}), 1))`);
    }
    const result: SyntheticResult = {
      scale: options.scale,
      seed,
      today,
      agencies,
      units,
      positions,
      positionStandards,
      civilServants,
      assessments,
      talentRatings,
      indexesDeferred: deferred,
      seconds: { rows: 0, indexes: 0, total: 0 },
    };
    await target.query(
      `insert into audit_log (actor_type, actor_label, action, entity_type, entity_id, scope_type, after) values ('system', 'seed', 'registry.synthetic_seeded', 'civil_servant', '*', 'national', $1)`,
      [JSON.stringify({ scale: result.scale, seed, today, agencies, civilServants, assessments, talentRatings })],
    );
    await target.query(`analyze agency, unit, position, competency_position_standard, ${BULK_TABLES.join(', ')}, competency_current, competency_current_count, analytics_person, analytics_gap_unit, analytics_gap_agency, analytics_headcount_unit, analytics_headcount_agency`);
    await target.query('commit');
    // competency_current rebuilt by INSERT (no FREEZE): set its hint bits and visibility map now,
    // not on the first profile reads of every page. (COPY FREEZE did that on an empty registry.)
    if (!derived) await target.query('vacuum (freeze, analyze) competency_current');
    const done = performance.now();
    result.seconds = { rows: round((rowsDone - started) / 1000), indexes: round((done - rowsDone) / 1000), total: round((done - started) / 1000) };
    return result;
  } catch (error) {
    await target.query('rollback').catch(() => {});
    throw error;
  }
}

interface CopyPlan {
  plans: AgencyPlan[];
  ctx: AssessmentContext;
  seed: number;
  today: string;
  freeze: boolean;
  /** the registry had no civil servants before (no NIPs to keep clear of) */
  empty: boolean;
  progress: (phase: string, done: number, total: number) => void;
  /** Target table of each registry and derived table (default: itself). */
  table?: (name: string) => string;
  /** Collects the derived rows (current levels, analytics), COPYed between segments of the people and assessments. */
  derived?: DerivedRows;
}

/** Streams every row of the planned agencies into the tables, in load order. */
export async function copyRows(target: BulkTarget, plan: CopyPlan) {
  const { plans, ctx, seed, today, freeze, empty, progress } = plan;
  const table = plan.table ?? ((name: string) => name);
  const people = plans.reduce((n, p) => n + p.people, 0);
  const agencies = await target.copyIn(
    table('agency'),
    ['id', 'code', 'name', 'kind', 'province_code', 'region_code', 'parent_id'],
    plans.map((p) => `${p.id}\t${esc(p.code)}\t${esc(p.name)}\t${p.kind}\t${p.provinceCode}\t${p.regionCode ?? '\\N'}\t${p.parentId ?? '\\N'}\n`),
  );
  const units = await target.copyIn(table('unit'), ['id', 'agency_id', 'parent_id', 'code', 'name'], flat(plans, function* (plan) {
    for (const u of unitsOf(plan)) yield `${u.id}\t${u.agencyId}\t${u.parentId ?? '\\N'}\t${u.code}\t${u.name}\n`;
  }));
  const positions = await target.copyIn(table('position'), ['id', 'agency_id', 'code', 'name', 'kind', 'tier'], flat(plans, function* (plan) {
    for (const [i, p] of plan.positions.entries()) yield `${plan.positionBase + i}\t${plan.id}\t${p.code}\t${p.name}\t${p.kind}\t${p.tier}\n`;
  }));
  const positionStandards = await target.copyIn(table('competency_position_standard'), ['position_id', 'agency_id', 'competency_code', 'required_level'], flat(plans, (plan) => overrideLines(plan, ctx)));

  const nips = new NipAllocator();
  if (!empty) {
    // keep clear of NIPs already there (e.g. a demo set), a page at a time
    let after = '';
    for (;;) {
      const page = await target.query<{ nip: string }>('select nip from civil_servant where nip > $1 order by nip limit 10000', [after]);
      for (const r of page) nips.reserve(r.nip);
      if (page.length < 10000) break;
      after = page[page.length - 1].nip;
    }
  }
  const t = todayParts(today);
  const derived = plan.derived;
  const personRows = flat(plans, function* (p) {
    derived?.startPeople(p);
    yield* personLines(seed, p, t, nips, derived && ((s, status) => derived.person(p, s, status)));
    derived?.endPeople(p);
  });
  const civilServants = await copySegmented(target, table('civil_servant'), PERSON_COLUMNS, personRows, { freeze, onRows: (n) => progress('civil servants', n, people) }, derived, table);
  progress('civil servants', civilServants, people);
  const assessmentCounter = { value: await nextId(target, table('competency_assessment')) };
  const firstAssessment = assessmentCounter.value;
  const expected = Math.round(people * ctx.competencies.length * 1.083);
  const assessmentRows = flat(plans, function* (p) {
    derived?.startAssessments(p);
    yield* assessmentLines(seed, p, ctx, assessmentCounter, derived);
    derived?.endAssessments(p);
  });
  await copySegmented(target, table('competency_assessment'), ASSESSMENT_COLUMNS, assessmentRows, { freeze, onRows: (n) => progress('assessments', n, Math.max(n, expected)) }, derived, table);
  const assessments = assessmentCounter.value - firstAssessment;
  progress('assessments', assessments, assessments);
  const talentCounter = { value: await nextId(target, table('talent_rating')) };
  const firstTalent = talentCounter.value;
  await target.copyIn(table('talent_rating'), TALENT_COLUMNS, flat(plans, (plan) => talentLines(seed, plan, today, talentCounter)), { freeze });
  const talentRatings = talentCounter.value - firstTalent;
  return { agencies, units, positions, positionStandards, civilServants, assessments, talentRatings };
}

/**
 * COPY of `lines` into `table`; with `derived`, in segments: whenever enough derived rows wait,
 * the COPY ends, they are COPYed into their tables, and the next segment goes on (a connection
 * has one COPY open at a time). Returns the rows of `lines`.
 */
async function copySegmented(target: BulkTarget, table: string, columns: readonly string[], lines: Iterator<string>, options: CopyOptions, derived?: DerivedRows, tableOf: (name: string) => string = (name) => name): Promise<number> {
  if (!derived) return target.copyIn(table, columns, { [Symbol.iterator]: () => lines }, options);
  let sent = 0;
  let more = true;
  const segment = function* () {
    for (;;) {
      const next = lines.next();
      if (next.done) return void (more = false);
      yield next.value;
      if (derived.full) return;
    }
  };
  while (more) {
    const before = sent;
    sent += await target.copyIn(table, columns, segment(), { ...options, onRows: (n) => options.onRows?.(before + n) });
    for (const [t, rows] of derived.drain()) await target.copyIn(tableOf(t), DERIVED_COLUMNS[t], rows, { freeze: options.freeze });
  }
  return sent;
}

export const RAW_PREFIX = 'raw_';

/** The tables of each baseline: the registry rows only, or every row the load writes (registry + derived). */
const RAW_TABLES = ['agency', 'unit', 'position', 'competency_position_standard', ...BULK_TABLES] as const;
const rawTables = (allRows: boolean): string[] => [...RAW_TABLES, ...(allRows ? DERIVED_TABLES : [])];

export interface RawBaselineOptions extends SyntheticOptions {
  /**
   * Also the derived rows the load writes on an empty registry (current levels, registry
   * analytics), generated by the same DerivedRows and COPYed between the same segments, into
   * plain tables of their own (default: the registry rows only).
   */
  allRows?: boolean;
}

/**
 * The baseline of the load benchmark: the same rows, generated the same way, COPYed into plain
 * tables (`create table raw_x (like x)`: columns and NOT NULL only — no keys, indexes, checks,
 * foreign keys or triggers). Returns the seconds taken and the rows written (derived rows
 * included with `allRows`); the raw tables are dropped by `dropRawBaseline`.
 */
export async function copyRawBaseline(database: Database, options: RawBaselineOptions): Promise<{ seconds: number; rows: number }> {
  await database.db.transaction().execute((tx) => seedCompetencyBaseline(tx));
  const target = await bulkTarget(database);
  const allRows = options.allRows === true;
  try {
    const seed = options.seed ?? DEFAULT_SEED;
    const today = options.today ?? todayInIndonesia();
    const tables = rawTables(allRows);
    for (const t of rawTables(true)) await target.query(`drop table if exists ${RAW_PREFIX}${t}`);
    const started = performance.now();
    await target.query('begin');
    for (const t of tables) await target.query(`create table ${RAW_PREFIX}${t} (like ${t} including defaults)`);
    const ctx = await assessmentContext(target, today);
    const plans = planAgencies(seed, syntheticSpecs(options), { agency: 1, unit: 1, position: 1, person: 1 });
    const derived = allRows
      ? new DerivedRows({ cutoff: validityCutoff(today, ctx.validityMonths), codes: ctx.competencies.map((c) => c.code), firstPerson: 1, people: plans.reduce((n, p) => n + p.people, 0), segmentRows: options.segmentRows })
      : undefined;
    const counts = await copyRows(target, { plans, ctx, seed, today, freeze: false, empty: true, progress: options.onProgress ?? (() => {}), table: (t) => `${RAW_PREFIX}${t}`, derived });
    await target.query('commit');
    const seconds = (performance.now() - started) / 1000;
    let rows = Object.values(counts).reduce((a, b) => a + b, 0);
    if (allRows) {
      for (const t of DERIVED_TABLES) {
        const [{ n }] = await target.query<{ n: string }>(`select count(*) as n from ${RAW_PREFIX}${t}`);
        rows += Number(n);
      }
    }
    return { seconds, rows };
  } catch (error) {
    await target.query('rollback').catch(() => {});
    throw error;
  } finally {
    await target.release();
  }
}

export async function dropRawBaseline(database: Database): Promise<void> {
  const target = await bulkTarget(database);
  try {
    for (const t of rawTables(true)) await target.query(`drop table if exists ${RAW_PREFIX}${t}`);
  } finally {
    await target.release();
  }
}

const round = (x: number) => Math.round(x * 10) / 10;
