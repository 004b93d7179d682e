// Competency: the versioned dictionary, position standards, assessments, talent ratings, and
// the gaps between what a position requires and what a person currently has.
// Every write runs in one transaction with its audit entries; nothing is partly applied.
import type { Kysely } from 'kysely';
import type { Caller, Deps } from '../../context.ts';
import type { AssessmentMethod, CompetencyKind, DB, Performance, Potential } from '../../db/schema.ts';
import type { Actor } from '../../http/actor.ts';
import { Problem, problems, type FieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/service.ts';
import { getPerson } from '../org/service.ts';
import { personFilter } from '../org/policy.ts';
import { compareCodes, effectiveStandard, gapCells, gapTotals, rollUp, statsFromSums, type CompetencyGapStat, type EffectiveRequirement } from './gaps.ts';
import { mayEditDictionary, mayEditSettings, mayEditTierStandards, mayReadAgencyGaps, mayReadNationalGaps, mayWriteForAgency } from './policy.ts';
import { nationalGapRollUp } from './national-rollup.ts';
import * as repo from './repository.ts';
import { cached, invalidateCompetencyCache } from './cache.ts';
import { TIERS } from './tiers.ts';
import { currentByCompetency, todayInIndonesia, validityCutoff } from './validity.ts';

export const TIER_DEFAULT_NOTE =
  'Illustrative default shipped with Kembang, NOT the regulation\'s table of required levels. National admins replace it with the adopted standard.';

const actorOfCaller = (caller: Caller): Actor => {
  if (!caller.actor) throw problems.unauthenticated();
  return caller.actor;
};

const labelOf = (caller: Caller) => caller.actor?.label ?? caller.systemLabel ?? 'system';

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

const conflict = (detail: string, field?: string) => new Problem(409, 'conflict', 'Conflict', detail, field ? { errors: [{ field, message: detail }] } : {});

const publishedConflict = (number: number) => conflict(`Dictionary version ${number} is published and cannot change. Create a new version (a draft copy) instead.`);

/** Runs a write of cached configuration (dictionary, settings, tier standards), then drops the cache. */
async function afterConfigWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } finally {
    invalidateCompetencyCache();
  }
}

// ---------- dictionary ----------

const CODE_PATTERN: Record<CompetencyKind, RegExp> = {
  managerial: /^M\.\d{2}$/,
  socio_cultural: /^SK\.\d{2}$/,
  technical: /^T\.[A-Z0-9][A-Z0-9._-]{0,39}$/,
};

const CODE_SHAPE: Record<CompetencyKind, string> = {
  managerial: 'M.nn (e.g. M.09)',
  socio_cultural: 'SK.nn (e.g. SK.02)',
  technical: 'T.<CODE> in capitals (e.g. T.DIGITAL)',
};

export interface LevelText {
  id: string;
  en: string;
}

type VersionRow = NonNullable<Awaited<ReturnType<typeof repo.findVersion>>>;

async function presentVersion(db: Kysely<DB>, version: VersionRow) {
  const competencies = await repo.listCompetencies(db, version.id);
  const levels = await repo.listLevels(db, competencies.map((c) => c.id));
  const byCompetency = new Map<number, { level: number; id: string; en: string }[]>();
  for (const l of levels) {
    const list = byCompetency.get(l.competency_id) ?? [];
    list.push({ level: l.level, id: l.descriptor_id, en: l.descriptor_en });
    byCompetency.set(l.competency_id, list);
  }
  return {
    ...version,
    competencies: competencies
      .sort((a, b) => compareCodes(a.code, b.code))
      .map((c) => ({ id: c.id, kind: c.kind, code: c.code, name_id: c.name_id, name_en: c.name_en, agency_id: c.agency_id, levels: byCompetency.get(c.id) ?? [] })),
  };
}

export async function listVersions({ db }: Deps) {
  return { items: await repo.listVersions(db) };
}

export async function getVersion({ db }: Deps, id: number) {
  const version = await repo.findVersion(db, id);
  if (!version) throw problems.notFound('No such dictionary version.');
  return presentVersion(db, version);
}

export async function getCurrentVersion({ db }: Deps) {
  const version = await repo.latestPublishedVersion(db);
  if (!version) throw problems.notFound('No dictionary version has been published yet.');
  return presentVersion(db, version);
}

function requireDictionaryEditor(caller: Caller) {
  if (!mayEditDictionary(actorOfCaller(caller))) throw problems.forbidden('Only national admins edit the competency dictionary.');
}

/** A new draft: a copy of the latest published version (or empty when none is published yet). */
export async function createDraftVersion({ db }: Deps, caller: Caller, input: { notes?: string | null }) {
  if (caller.actor) requireDictionaryEditor(caller);
  try {
    return await afterConfigWrite(() => db.transaction().execute(async (tx) => {
      const draft = await repo.findDraft(tx);
      if (draft) throw conflict(`Version ${draft.number} is already a draft; edit or publish it before starting another.`);
      const base = await repo.latestPublishedVersion(tx);
      const version = await repo.insertVersion(tx, await repo.nextVersionNumber(tx), input.notes ?? null);
      if (base) await repo.copyCompetencies(tx, base.id, version.id);
      await recordAudit(tx, caller, {
        action: 'competency.version_created',
        entityType: 'competency_dictionary_version',
        entityId: version.id,
        scopeType: 'national',
        scopeId: null,
        after: { ...version, copied_from: base?.number ?? null },
      });
      return presentVersion(tx, version);
    }));
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('Another draft version was created at the same time; edit that one.');
    throw error;
  }
}

async function lockDraft(tx: Kysely<DB>, id: number) {
  const version = await repo.lockVersion(tx, id);
  if (!version) throw problems.notFound('No such dictionary version.');
  if (version.status === 'published') throw publishedConflict(version.number);
  return version;
}

export async function updateVersion({ db }: Deps, caller: Caller, id: number, input: { notes: string | null }) {
  requireDictionaryEditor(caller);
  return afterConfigWrite(() => db.transaction().execute(async (tx) => {
    const before = await lockDraft(tx, id);
    const after = await repo.updateVersionNotes(tx, id, input.notes);
    await recordAudit(tx, caller, { action: 'competency.version_updated', entityType: 'competency_dictionary_version', entityId: id, scopeType: 'national', scopeId: null, before, after });
    return presentVersion(tx, after);
  }));
}

export async function publishVersion({ db }: Deps, caller: Caller, id: number) {
  if (caller.actor) requireDictionaryEditor(caller);
  return afterConfigWrite(() => db.transaction().execute(async (tx) => {
    const before = await lockDraft(tx, id);
    const competencies = await repo.listCompetencies(tx, id);
    if (competencies.length === 0) throw conflict(`Version ${before.number} has no competencies; add some before publishing.`);
    const levels = await repo.listLevels(tx, competencies.map((c) => c.id));
    const incomplete = competencies.filter((c) => levels.filter((l) => l.competency_id === c.id).length !== 5).map((c) => c.code);
    if (incomplete.length) throw conflict(`These competencies do not have all five level descriptors: ${incomplete.join(', ')}.`);
    const after = await repo.publishVersion(tx, id);
    await recordAudit(tx, caller, { action: 'competency.version_published', entityType: 'competency_dictionary_version', entityId: id, scopeType: 'national', scopeId: null, before, after });
    return presentVersion(tx, after);
  }));
}

export interface NewCompetencyInput {
  kind: CompetencyKind;
  code: string;
  nameId: string;
  nameEn: string;
  agencyId?: number | null;
  levels: LevelText[];
}

async function checkAgency(db: Kysely<DB>, kind: CompetencyKind, agencyId: number | null | undefined, errors: FieldError[]) {
  if (agencyId === null || agencyId === undefined) return;
  if (kind !== 'technical') errors.push({ field: 'body.agencyId', message: 'only technical competencies belong to an agency' });
  else if (!(await repo.agencyExists(db, agencyId))) errors.push({ field: 'body.agencyId', message: `no agency with id ${agencyId}` });
}

export async function addCompetency({ db }: Deps, caller: Caller, versionId: number, input: NewCompetencyInput) {
  if (caller.actor) requireDictionaryEditor(caller);
  return afterConfigWrite(() => db.transaction().execute(async (tx) => {
    const version = await lockDraft(tx, versionId);
    const errors: FieldError[] = [];
    if (!CODE_PATTERN[input.kind].test(input.code)) errors.push({ field: 'body.code', message: `a ${input.kind} competency code looks like ${CODE_SHAPE[input.kind]}` });
    await checkAgency(tx, input.kind, input.agencyId, errors);
    if (errors.length) throw problems.validation(errors);
    if (await repo.findCompetency(tx, versionId, input.code)) throw conflict(`Version ${version.number} already has a competency ${input.code}.`, 'body.code');
    const competency = await repo.insertCompetency(tx, { version_id: versionId, kind: input.kind, code: input.code, name_id: input.nameId, name_en: input.nameEn, agency_id: input.agencyId ?? null });
    await repo.upsertLevels(tx, competency.id, input.levels.map((l, i) => ({ level: i + 1, descriptor_id: l.id, descriptor_en: l.en })));
    const after = { ...competency, levels: input.levels.map((l, i) => ({ level: i + 1, ...l })) };
    await recordAudit(tx, caller, { action: 'competency.added', entityType: 'competency', entityId: competency.id, scopeType: 'national', scopeId: null, after: { ...after, version: version.number } });
    return after;
  }));
}

export interface CompetencyPatch {
  nameId?: string;
  nameEn?: string;
  agencyId?: number | null;
  levels?: { level: number; id: string; en: string }[];
}

export async function updateCompetency({ db }: Deps, caller: Caller, versionId: number, code: string, patch: CompetencyPatch) {
  requireDictionaryEditor(caller);
  return afterConfigWrite(() => db.transaction().execute(async (tx) => {
    const version = await lockDraft(tx, versionId);
    const existing = await repo.findCompetency(tx, versionId, code);
    if (!existing) throw problems.notFound(`Version ${version.number} has no competency ${code}.`);
    const errors: FieldError[] = [];
    await checkAgency(tx, existing.kind, patch.agencyId, errors);
    const seen = new Set<number>();
    (patch.levels ?? []).forEach((l, i) => {
      if (seen.has(l.level)) errors.push({ field: `body.levels.${i}.level`, message: `level ${l.level} is given twice` });
      seen.add(l.level);
    });
    if (errors.length) throw problems.validation(errors);
    const [before] = (await presentVersion(tx, version)).competencies.filter((c) => c.code === code);
    await repo.updateCompetency(tx, existing.id, {
      ...(patch.nameId !== undefined ? { name_id: patch.nameId } : {}),
      ...(patch.nameEn !== undefined ? { name_en: patch.nameEn } : {}),
      ...(patch.agencyId !== undefined ? { agency_id: patch.agencyId } : {}),
    });
    await repo.upsertLevels(tx, existing.id, (patch.levels ?? []).map((l) => ({ level: l.level, descriptor_id: l.id, descriptor_en: l.en })));
    const [after] = (await presentVersion(tx, version)).competencies.filter((c) => c.code === code);
    await recordAudit(tx, caller, { action: 'competency.updated', entityType: 'competency', entityId: existing.id, scopeType: 'national', scopeId: null, before, after });
    return after;
  }));
}

/** Names of competencies by code, from the latest published version (or the draft when none). */
async function competencyNames(db: Kysely<DB>) {
  const version = (await repo.latestPublishedVersion(db)) ?? (await repo.findDraft(db));
  const rows = version ? await repo.listCompetencies(db, version.id) : [];
  return { version: version?.number ?? null, byCode: new Map(rows.map((r) => [r.code, r])) };
}

function named<T extends { code: string }>(items: T[], names: Awaited<ReturnType<typeof competencyNames>>) {
  return items.map((i) => {
    const c = names.byCode.get(i.code);
    return { ...i, kind: c?.kind ?? null, name_id: c?.name_id ?? null, name_en: c?.name_en ?? null };
  });
}

// ---------- settings ----------

export async function getSettings({ db }: Deps) {
  const s = await repo.getSettings(db);
  return { validityMonths: s.assessment_validity_months, updated_at: s.updated_at };
}

export async function updateSettings({ db }: Deps, caller: Caller, input: { validityMonths: number }) {
  if (!mayEditSettings(actorOfCaller(caller))) throw problems.forbidden('Only national admins change competency settings.');
  return afterConfigWrite(() => db.transaction().execute(async (tx) => {
    const before = await repo.getSettings(tx);
    const after = await repo.updateSettings(tx, input.validityMonths);
    await recordAudit(tx, caller, { action: 'competency.settings_updated', entityType: 'competency_settings', entityId: 'competency', scopeType: 'national', scopeId: null, before, after });
    return { validityMonths: after.assessment_validity_months, updated_at: after.updated_at };
  }));
}

// ---------- standards ----------

export async function listTierStandards({ db }: Deps) {
  const rows = await repo.listTierStandards(db);
  const names = await competencyNames(db);
  return {
    note: TIER_DEFAULT_NOTE,
    tiers: TIERS.map((tier) => {
      const own = rows.filter((r) => r.tier === tier);
      return {
        tier,
        updated_at: own.reduce<Date | null>((max, r) => (max && max > r.updated_at ? max : r.updated_at), null),
        levels: named(own.map((r) => ({ code: r.competency_code, level: r.required_level })).sort((a, b) => compareCodes(a.code, b.code)), names),
      };
    }),
  };
}

/** Checks a list of {code, level}: known codes, no duplicates, agency-specific codes only for that agency. */
async function checkLevels(db: Kysely<DB>, levels: { code: string; level: number }[], field: string, agencyId: number | null): Promise<void> {
  const errors: FieldError[] = [];
  const known = new Map((await repo.knownCodes(db, [...new Set(levels.map((l) => l.code))])).map((k) => [k.code, k]));
  const seen = new Set<string>();
  levels.forEach((l, i) => {
    const k = known.get(l.code);
    if (!k) errors.push({ field: `${field}.${i}.code`, message: `unknown competency code "${l.code}"` });
    else if (k.agency_id !== null && k.agency_id !== agencyId) errors.push({ field: `${field}.${i}.code`, message: `${l.code} is a technical competency of another agency` });
    if (seen.has(l.code)) errors.push({ field: `${field}.${i}.code`, message: `${l.code} is given twice` });
    seen.add(l.code);
  });
  if (errors.length) throw problems.validation(errors);
}

export async function putTierStandard({ db }: Deps, caller: Caller, tier: string, levels: { code: string; level: number }[]) {
  if (caller.actor && !mayEditTierStandards(caller.actor)) throw problems.forbidden('Only national admins change the tier defaults.');
  await checkLevels(db, levels, 'body.levels', null);
  return afterConfigWrite(() => db.transaction().execute(async (tx) => {
    const before = await repo.listTierStandards(tx, tier);
    await repo.replaceTierStandard(tx, tier, levels);
    const after = levels.map((l) => ({ code: l.code, level: l.level })).sort((a, b) => compareCodes(a.code, b.code));
    await recordAudit(tx, caller, {
      action: 'competency.tier_standard_replaced',
      entityType: 'competency_tier_standard',
      entityId: tier,
      scopeType: 'national',
      scopeId: null,
      before: before.map((b) => ({ code: b.competency_code, level: b.required_level })),
      after,
    });
    return { tier, note: TIER_DEFAULT_NOTE, levels: named(after, await competencyNames(tx)) };
  }));
}

async function positionOr404(db: Kysely<DB>, id: number) {
  const position = await repo.findPosition(db, id);
  if (!position) throw problems.notFound('No such position.');
  return position;
}

export async function getPositionOverrides({ db }: Deps, positionId: number) {
  const position = await positionOr404(db, positionId);
  const rows = await repo.listPositionOverrides(db, positionId);
  return { position, overrides: named(rows.map((r) => ({ code: r.competency_code, level: r.required_level })).sort((a, b) => compareCodes(a.code, b.code)), await competencyNames(db)) };
}

export async function putPositionOverrides({ db }: Deps, caller: Caller, positionId: number, overrides: { code: string; level: number }[]) {
  const position = await positionOr404(db, positionId);
  if (!mayWriteForAgency(actorOfCaller(caller), position.agency_id)) throw problems.forbidden('You may change the standards of your own agency\'s positions only.');
  await checkLevels(db, overrides, 'body.overrides', position.agency_id);
  return db.transaction().execute(async (tx) => {
    const before = await repo.listPositionOverrides(tx, positionId);
    await repo.replacePositionOverrides(tx, position, overrides);
    const after = [...overrides].sort((a, b) => compareCodes(a.code, b.code));
    await recordAudit(tx, caller, {
      action: 'competency.position_standard_replaced',
      entityType: 'position',
      entityId: positionId,
      scopeType: 'agency',
      scopeId: position.agency_id,
      before: before.map((b) => ({ code: b.competency_code, level: b.required_level })),
      after,
    });
    return { position, overrides: named(after, await competencyNames(tx)) };
  });
}

/** Effective standards of several positions: override if present, else the tier default. */
async function standardsOf(db: Kysely<DB>, positionIds: number[]): Promise<Map<number, EffectiveRequirement[]>> {
  const { positions, tierRows, overrideRows } = await repo.standardInputs(db, [...new Set(positionIds)]);
  return new Map(
    positions.map((p) => [
      p.id,
      effectiveStandard(
        tierRows.filter((t) => t.tier === p.tier).map((t) => ({ code: t.competency_code, level: t.required_level })),
        overrideRows.filter((o) => o.position_id === p.id).map((o) => ({ code: o.competency_code, level: o.required_level })),
      ),
    ]),
  );
}

export async function getEffectiveStandard({ db }: Deps, positionId: number) {
  const position = await positionOr404(db, positionId);
  const standard = (await standardsOf(db, [positionId])).get(positionId) ?? [];
  const names = await competencyNames(db);
  return { position, dictionaryVersion: names.version, note: TIER_DEFAULT_NOTE, items: named(standard, names) };
}

// ---------- assessments ----------

export interface AssessmentInput {
  civilServantId: number;
  competencyCode: string;
  level: number;
  method: AssessmentMethod;
  assessedOn: string;
  assessor: string;
  evidence?: string | null;
}

/** Records several assessments at once: all or none. The agency of each row is the person's agency. */
export async function recordAssessments(deps: Deps, caller: Caller, items: AssessmentInput[]) {
  const { db } = deps;
  const actor = actorOfCaller(caller);
  const version = await repo.latestPublishedVersion(db);
  if (!version) throw conflict('No competency dictionary is published yet; assessments refer to a published version.');
  const competencies = new Map((await repo.findCompetenciesByCode(db, version.id, [...new Set(items.map((i) => i.competencyCode))])).map((c) => [c.code, c]));
  // Assessments may be dated today in the easternmost zone (WIT), not later.
  const latestDate = todayInIndonesia(new Date(), 'Asia/Jayapura');
  const people = new Map<number, { agency_id: number } | null>();
  const errors: FieldError[] = [];
  const rows: repo.NewAssessment[] = [];
  for (const [i, item] of items.entries()) {
    const field = `body.assessments.${i}`;
    if (!people.has(item.civilServantId)) {
      let person: { agency_id: number } | null = null;
      try {
        const found = await getPerson(deps, actor, item.civilServantId);
        if (mayWriteForAgency(actor, found.agency_id)) person = found;
      } catch (error) {
        if (!(error instanceof Problem && error.status === 404)) throw error;
      }
      people.set(item.civilServantId, person);
    }
    const person = people.get(item.civilServantId);
    if (!person) errors.push({ field: `${field}.civilServantId`, message: 'is not a civil servant of an agency you administer' });
    const competency = competencies.get(item.competencyCode);
    if (!competency) errors.push({ field: `${field}.competencyCode`, message: `"${item.competencyCode}" is not in the published dictionary (version ${version.number})` });
    else if (person && competency.agency_id !== null && competency.agency_id !== person.agency_id) {
      errors.push({ field: `${field}.competencyCode`, message: `${item.competencyCode} is a technical competency of another agency` });
    }
    if (item.assessedOn > latestDate) errors.push({ field: `${field}.assessedOn`, message: 'is in the future' });
    if (person && competency) {
      rows.push({
        agency_id: person.agency_id,
        civil_servant_id: item.civilServantId,
        competency_id: competency.id,
        competency_code: competency.code,
        level: item.level,
        method: item.method,
        assessed_on: item.assessedOn,
        assessor: item.assessor,
        evidence: item.evidence ?? null,
        recorded_by: labelOf(caller),
      });
    }
  }
  if (errors.length) throw problems.validation(errors);
  return db.transaction().execute(async (tx) => {
    const inserted = await repo.insertAssessments(tx, rows);
    for (const row of inserted) {
      await recordAudit(tx, caller, { action: 'competency.assessed', entityType: 'competency_assessment', entityId: row.id, scopeType: 'agency', scopeId: row.agency_id, after: row });
    }
    return { dictionaryVersion: version.number, items: inserted };
  });
}

export async function voidAssessment({ db }: Deps, caller: Caller, id: number, reason: string) {
  const actor = actorOfCaller(caller);
  const existing = await repo.findAssessment(db, id);
  if (!existing || !mayWriteForAgency(actor, existing.agency_id)) throw problems.notFound('No such assessment.');
  return db.transaction().execute(async (tx) => {
    const voided = await repo.voidAssessment(tx, id, labelOf(caller), reason);
    if (!voided) throw conflict('This assessment is already void.');
    await recordAudit(tx, caller, { action: 'competency.assessment_voided', entityType: 'competency_assessment', entityId: id, scopeType: 'agency', scopeId: existing.agency_id, before: existing, after: voided });
    return voided;
  });
}

async function validity(db: Kysely<DB>) {
  const months = await repo.validityMonths(db);
  const today = todayInIndonesia();
  return { months, today, cutoff: validityCutoff(today, months) };
}

export async function assessmentHistory(deps: Deps, actor: Actor, personId: number, limit: number) {
  await getPerson(deps, actor, personId); // 404 when out of scope
  const { months, today, cutoff } = await validity(deps.db);
  const rows = await repo.assessmentHistory(deps.db, personId);
  const current = new Set([...currentByCompetency(rows, cutoff).values()].map((r) => r.id));
  return {
    asOf: today,
    validityMonths: months,
    total: rows.length,
    items: rows.slice(0, limit).map((r) => ({ ...r, current: current.has(r.id), expired: r.voided_at === null && r.assessed_on <= cutoff })),
  };
}

// ---------- talent ----------

export async function putTalentRating(deps: Deps, caller: Caller, personId: number, period: string, input: { performance: Performance; potential: Potential; notes?: string | null }) {
  const actor = actorOfCaller(caller);
  const person = await getPerson(deps, actor, personId);
  if (!mayWriteForAgency(actor, person.agency_id)) throw problems.forbidden('Talent ratings are set by the agency admin of the person\'s agency.');
  return deps.db.transaction().execute(async (tx) => {
    const before = await repo.findTalentRating(tx, personId, period);
    const after = await repo.upsertTalentRating(tx, { agency_id: person.agency_id, civil_servant_id: personId, period, performance: input.performance, potential: input.potential, notes: input.notes ?? null, rated_by: labelOf(caller) });
    await recordAudit(tx, caller, { action: 'competency.talent_rated', entityType: 'talent_rating', entityId: after.id, scopeType: 'agency', scopeId: person.agency_id, before: before ?? null, after });
    return after;
  });
}

// ---------- gaps ----------

/**
 * Brings the maintained current-level counts to today's validity cutoff when the day (or the
 * validity setting) has moved it, and returns that cutoff. Readers of counts built on
 * competency_current (the analytics dashboards) call it before reading; a no-op most of the day.
 */
export async function ensureCountsAtToday({ db }: Deps): Promise<{ today: string; cutoff: string; validityMonths: number }> {
  const { months, today, cutoff } = await validity(db);
  if ((await repo.countedCutoff(db)) !== cutoff) await repo.rollCountedCutoff(db, cutoff);
  return { today, cutoff, validityMonths: months };
}

/** Configuration every profile needs, cached per process (cache.ts: invalidated on write here, TTL elsewhere). */
function profileConfig(db: Kysely<DB>) {
  return cached(db, 'profile-config', async () => {
    const months = await repo.validityMonths(db);
    const tiers = new Map<string, { code: string; level: number }[]>();
    for (const t of await repo.listTierStandards(db)) {
      const list = tiers.get(t.tier) ?? [];
      list.push({ code: t.competency_code, level: t.required_level });
      tiers.set(t.tier, list);
    }
    return { months, tiers, names: await competencyNames(db) };
  });
}

/** "My competency profile": per competency required, current, gap; and the latest talent box. */
export async function getProfile(deps: Deps, actor: Actor, personId: number) {
  return (await profileWithPlacement(deps, actor, personId)).profile;
}

/**
 * The profile and the person's rank and status read in the same statement (planning's
 * recommendations need both: one read instead of two). Same visibility as getProfile.
 */
export async function profileWithPlacement(deps: Deps, actor: Actor, personId: number, extra?: repo.ProfileExtra) {
  const { db } = deps;
  const { months, tiers, names } = await profileConfig(db);
  const today = todayInIndonesia();
  // person (under org's visibility filter), placement, overrides, current levels, talent (and the extra columns): one statement
  const person = await repo.profileRow(db, personFilter(actor), personId, validityCutoff(today, months), extra);
  if (!person) throw problems.notFound('No such civil servant.'); // out of scope answers 404, like missing (org getPerson)
  const standard = person.position_id ? effectiveStandard((person.position_tier && tiers.get(person.position_tier)) || [], person.overrides) : [];
  const current = person.current;
  const byCode = new Map(current.map((c) => [c.code, c]));
  const source = new Map(standard.map((s) => [s.code, s.source]));
  const cells = gapCells(standard, new Map(current.map((c) => [c.code, c.level])));
  const talent = person.talent;
  const profile = {
    person: { id: person.id, name: person.name, agency_id: person.agency_id, agency_name: person.agency_name, position_name: person.position_name, position_tier: person.position_tier, unit_name: person.unit_name },
    asOf: today,
    validityMonths: months,
    dictionaryVersion: names.version,
    items: named(cells, names).map((c) => {
      const a = byCode.get(c.code);
      return { ...c, source: source.get(c.code) ?? null, assessed_on: a?.assessed_on ?? null, method: a?.method ?? null, assessment_id: a?.id ?? null };
    }),
    totals: gapTotals(cells),
    talent: talent ? { period: talent.period, performance: talent.performance, potential: talent.potential, box: talent.box } : null,
  };
  return { profile, placement: { rank: person.rank, status: person.status }, row: person as typeof person & Record<string, unknown> };
}

/** People × competencies matrix of a supervisor's direct reports. */
export async function teamGaps({ db }: Deps, actor: Actor) {
  if (actor.civilServantId === null) throw problems.forbidden('This account is not linked to a civil servant, so it has no direct reports.');
  const reports = await repo.directReports(db, actor.civilServantId);
  const standards = await standardsOf(db, reports.flatMap((r) => (r.position_id ? [r.position_id] : [])));
  const { months, today, cutoff } = await validity(db);
  const history = await repo.assessmentsOf(db, reports.map((r) => r.id));
  const talents = new Map((await repo.latestTalentRatings(db, reports.map((r) => r.id))).map((t) => [t.civil_servant_id, t.box]));
  const people = reports.map((r) => {
    const current = currentByCompetency(history.filter((h) => h.civil_servant_id === r.id), cutoff);
    const levels = new Map([...current.values()].map((c) => [c.competency_code, c.level]));
    return { report: r, cells: gapCells(r.position_id ? standards.get(r.position_id) ?? [] : [], levels) };
  });
  const codes = [...new Set(people.flatMap((p) => p.cells.map((c) => c.code)))].sort(compareCodes);
  const names = await competencyNames(db);
  return {
    supervisorId: actor.civilServantId,
    asOf: today,
    validityMonths: months,
    competencies: named(codes.map((code) => ({ code })), names),
    people: people.map(({ report, cells }) => {
      const byCode = new Map(cells.map((c) => [c.code, c]));
      return {
        id: report.id,
        name: report.name,
        position_name: report.position_name,
        position_tier: report.position_tier,
        talentBox: talents.get(report.id) ?? null,
        cells: codes.map((code) => byCode.get(code) ?? { code, required: null, current: null, gap: null }),
        totals: gapTotals(cells),
      };
    }),
    summary: named(rollUp(people.map((p) => p.cells)), names),
  };
}

function statsOf(rows: repo.GapGroupRow[]): CompetencyGapStat[] {
  return statsFromSums(rows.map((r) => ({ code: r.code, people: r.people, assessed: r.assessed, withGap: r.with_gap, gapSum: r.gap_sum })));
}

export async function agencyGapSummary({ db }: Deps, actor: Actor, agencyId: number, unitId?: number) {
  const [agency] = await repo.agencies(db, [agencyId]);
  if (!agency) throw problems.notFound('No such agency.');
  if (!mayReadAgencyGaps(actor, agencyId)) throw problems.forbidden('You may read the gap summary of your own agency only.');
  if (unitId !== undefined && !(await repo.findUnit(db, agencyId, unitId))) throw problems.validation([{ field: 'querystring.unitId', message: `is not a unit of agency ${agency.code}` }]);
  const { months, today, cutoff } = await validity(db);
  const rows = await repo.gapRollUp(db, { agencyId, unitId, groupBy: 'unit', cutoff });
  const counts = await repo.peopleCounts(db, { agencyId, unitId, groupBy: 'unit' });
  const names = await competencyNames(db);
  const units = (await repo.unitsOf(db, agencyId)).filter((u) => unitId === undefined || u.id === unitId);
  const groups: { id: number | null; code: string | null; name: string | null }[] = [...units, ...(counts.some((c) => c.group_id === null) ? [{ id: null, code: null, name: null }] : [])];
  return {
    agency,
    unitId: unitId ?? null,
    asOf: today,
    validityMonths: months,
    people: counts.reduce((n, c) => n + c.people, 0),
    competencies: named(statsOf(rows), names),
    units: groups.map((u) => ({
      unitId: u.id,
      unitCode: u.code,
      unitName: u.name,
      people: counts.find((c) => c.group_id === u.id)?.people ?? 0,
      competencies: named(statsOf(rows.filter((r) => r.group_id === u.id)), names),
    })),
  };
}

export async function nationalGapSummary({ db }: Deps, actor: Actor) {
  if (!mayReadNationalGaps(actor)) throw problems.forbidden('The national gap summary is for national roles.');
  const { months, today, cutoff } = await validity(db);
  const rows = await nationalGapRollUp(db, cutoff); // same numbers as repo.gapRollUp by agency, fast at 6.5M people
  const counts = await repo.peopleCounts(db, { groupBy: 'agency' });
  const names = await competencyNames(db);
  const agencies = await repo.agencies(db);
  return {
    asOf: today,
    validityMonths: months,
    people: counts.reduce((n, c) => n + c.people, 0),
    competencies: named(statsOf(rows), names),
    agencies: agencies
      .filter((a) => counts.some((c) => c.group_id === a.id))
      .map((a) => ({
        agencyId: a.id,
        agencyCode: a.code,
        agencyName: a.name,
        people: counts.find((c) => c.group_id === a.id)?.people ?? 0,
        competencies: named(statsOf(rows.filter((r) => r.group_id === a.id)), names),
      })),
  };
}
