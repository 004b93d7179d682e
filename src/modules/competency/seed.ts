// Seeds of the competency module.
//   seedCompetencyBaseline: dictionary version 1 (published) and the illustrative tier defaults;
//                           does nothing that is already there. Works inside a caller's transaction.
//   seedCompetencyDemo:     the baseline plus deterministic assessments and talent ratings for the
//                           demo civil servants, so profiles and roll-ups show real gaps.
import type { Kysely } from 'kysely';
import { systemCaller } from '../../context.ts';
import type { AssessmentMethod, DB, Performance, Potential } from '../../db/schema.ts';
import { createRandom } from '../../seed/random.ts';
import { recordAudit } from '../audit/service.ts';
import { DICTIONARY_V1 } from './dictionary-v1.ts';
import { invalidateCompetencyCache } from './cache.ts';
import * as repo from './repository.ts';
import { defaultTierStandards } from './tiers.ts';
import { addMonths, todayInIndonesia } from './validity.ts';

const caller = systemCaller('seed');

export async function seedCompetencyBaseline(db: Kysely<DB>): Promise<{ versionCreated: boolean; tierDefaults: number }> {
  let versionCreated = false;
  if (!(await repo.latestPublishedVersion(db)) && !(await repo.findDraft(db))) {
    const version = await repo.insertVersion(db, await repo.nextVersionNumber(db), 'National managerial (M.01–M.08) and socio-cultural (SK.01) competencies; descriptors in Kembang\'s own words.');
    for (const def of DICTIONARY_V1) {
      const c = await repo.insertCompetency(db, { version_id: version.id, kind: def.kind, code: def.code, name_id: def.nameId, name_en: def.nameEn, agency_id: null });
      await repo.upsertLevels(db, c.id, def.levels.map((l, i) => ({ level: i + 1, descriptor_id: l.id, descriptor_en: l.en })));
    }
    const published = await repo.publishVersion(db, version.id);
    await recordAudit(db, caller, { action: 'competency.version_published', entityType: 'competency_dictionary_version', entityId: version.id, scopeType: 'national', scopeId: null, after: { ...published, competencies: DICTIONARY_V1.map((d) => d.code) } });
    versionCreated = true;
  }
  let tierDefaults = 0;
  if ((await repo.listTierStandards(db)).length === 0) {
    const rows = defaultTierStandards(DICTIONARY_V1.map((d) => d.code));
    await db.insertInto('competency_tier_standard').values(rows.map((r) => ({ tier: r.tier, competency_code: r.code, required_level: r.level }))).execute();
    await recordAudit(db, caller, { action: 'competency.tier_standard_replaced', entityType: 'competency_tier_standard', entityId: '*', scopeType: 'national', scopeId: null, after: { note: 'illustrative default, not the regulation\'s table', rows: rows.length } });
    tierDefaults = rows.length;
  }
  if (versionCreated || tierDefaults) invalidateCompetencyCache();
  return { versionCreated, tierDefaults };
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const METHODS: AssessmentMethod[] = ['assessment_centre', 'cat', '360', 'portfolio', 'self'];
const PERFORMANCE: Performance[] = ['below', 'meets', 'meets', 'above'];
const POTENTIAL: Potential[] = ['low', 'middle', 'middle', 'high'];

export interface CompetencyDemoResult {
  assessments: number;
  talentRatings: number;
}

/** Deterministic for a given seed and day: dates are relative to today so that they stay valid. */
export async function seedCompetencyDemo(db: Kysely<DB>, options: { seed?: number; today?: string } = {}): Promise<CompetencyDemoResult> {
  await seedCompetencyBaseline(db);
  const version = await repo.latestPublishedVersion(db);
  if (!version) throw new Error('no published competency dictionary');
  const competencies = new Map((await repo.listCompetencies(db, version.id)).map((c) => [c.code, c]));
  const tierRows = await repo.listTierStandards(db);
  const required = (tier: string, code: string) => tierRows.find((t) => t.tier === tier && t.competency_code === code)?.required_level ?? 0;
  const rng = createRandom(options.seed ?? 20261129);
  const today = options.today ?? todayInIndonesia();
  const lastYear = String(Number(today.slice(0, 4)) - 1);

  const people = await db
    .selectFrom('civil_servant')
    .leftJoin('position', 'position.id', 'civil_servant.position_id')
    .select(['civil_servant.id', 'civil_servant.agency_id', 'position.tier'])
    .orderBy('civil_servant.id')
    .execute();
  // People with an account (the demo learner and supervisor) get a visible mix: some levels
  // just below the standard and one competency never assessed.
  const linked = new Set((await db.selectFrom('user_account').select('civil_servant_id').where('civil_servant_id', 'is not', null).execute()).map((r) => r.civil_servant_id as number));

  const assessments: repo.NewAssessment[] = [];
  const ratings: { agency_id: number; civil_servant_id: number; period: string; performance: Performance; potential: Potential; notes: null; rated_by: string }[] = [];
  for (const person of people) {
    for (const [index, def] of DICTIONARY_V1.entries()) {
      const competency = competencies.get(def.code);
      if (!competency) continue;
      const req = required(person.tier ?? '', def.code);
      let level: number | null;
      if (linked.has(person.id)) level = index === 3 ? null : index < 3 ? Math.max(1, req - 1) : Math.min(5, Math.max(1, req + (index % 2)));
      else level = rng.next() < 0.12 ? null : Math.min(5, Math.max(1, req + rng.pick([-2, -1, -1, 0, 0, 1])));
      const row = (lvl: number, on: string, method: AssessmentMethod) => ({
        agency_id: person.agency_id,
        civil_servant_id: person.id,
        competency_id: competency.id,
        competency_code: def.code,
        level: lvl,
        method,
        assessed_on: on,
        assessor: method === 'self' ? 'Penilaian mandiri' : method === '360' ? 'Umpan balik 360 unit kerja' : 'UPT Penilaian Kompetensi (demo)',
        evidence: method === 'portfolio' ? 'Portofolio kinerja (demo)' : null,
        recorded_by: 'seed',
      });
      // An older, expired assessment for some: history the current level does not use.
      if (rng.next() < 0.15) assessments.push(row(Math.max(1, (level ?? req) - 1), addMonths(today, -rng.int(40, 60)), 'assessment_centre'));
      if (level !== null) assessments.push(row(level, addDays(today, -rng.int(20, 900)), rng.pick(METHODS)));
    }
    ratings.push({ agency_id: person.agency_id, civil_servant_id: person.id, period: lastYear, performance: rng.pick(PERFORMANCE), potential: rng.pick(POTENTIAL), notes: null, rated_by: 'seed' });
  }
  for (let i = 0; i < assessments.length; i += 1000) await db.insertInto('competency_assessment').values(assessments.slice(i, i + 1000)).execute();
  for (let i = 0; i < ratings.length; i += 1000) await db.insertInto('talent_rating').values(ratings.slice(i, i + 1000)).execute();
  await recordAudit(db, caller, { action: 'competency.demo_seeded', entityType: 'competency_assessment', entityId: '*', scopeType: 'national', scopeId: null, after: { assessments: assessments.length, talentRatings: ratings.length, dictionaryVersion: version.number } });
  return { assessments: assessments.length, talentRatings: ratings.length };
}
