// Planning test fixtures: a civil servant of West Java with known gaps (Decision Making 2 of 3,
// Managing Change 1 of 3), their supervisor, and programmes around those gaps — each built to
// test one rule of the recommendations (range, eligibility, prerequisites, location, seats,
// registration, history). Catalogue rows are written directly (as the learning tests do); the
// planning triggers see them like any catalogue write.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { buildApp } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import type { DatabaseKind } from '../src/db/database.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { asUser, createTestDatabase, demoEmail, login, TEST_PASSWORD, testConfig, type TestApp } from './helpers.ts';
import { addDays, agencyId, makeOffering, makePeople, makeProgramme, sessionFor, today, type FakeSession } from './learning-fixtures.ts';

/** Days from today such that offerings starting within the next 10 days of it are all in one year. */
export function startOffset(): number {
  const t = today();
  for (let d = 20; d <= 60; d++) if (addDays(t, d).slice(0, 4) === addDays(t, d + 10).slice(0, 4)) return d;
  return 20;
}

export interface World {
  agencyId: number;
  personId: number;
  supervisorId: number;
  learner: FakeSession;
  supervisor: FakeSession;
  /** the year the fixture offerings start in */
  year: number;
  start: number;
  /** M.08 2→3, online, registration open, 30 seats, 16 JP */
  a: { programmeId: number; offeringId: number; code: string };
  /** M.07 1→3 and M.08 2→4 (closes 3), 40 JP, quality 4.5, offline in Jakarta (another province) */
  b: { programmeId: number; offeringId: number; code: string };
  /** M.07 3→4: closes nothing for this person */
  c: { programmeId: number; code: string };
  /** M.08 2→3 for administrators only */
  d: { programmeId: number; offeringId: number; code: string };
  /** M.08 2→3, needs A first */
  e: { programmeId: number; offeringId: number; code: string };
  /** M.07 1→2, online, full */
  f: { programmeId: number; offeringId: number; code: string };
  /** M.08 2→3, online, registration opens in 5 days */
  g: { programmeId: number; offeringId: number; code: string };
  /** M.07 1→2, completed by the person */
  h: { programmeId: number; offeringId: number; code: string };
}

export async function assess(t: TestApp, personId: number, levels: Record<string, number>, assessedOn = addDays(today(), -30)) {
  const admin = await login(t.app, demoEmail(t.demo, 'agency_admin'));
  const res = await asUser(t.app, admin)('POST', '/api/competency/assessments', {
    assessments: Object.entries(levels).map(([competencyCode, level]) => ({ civilServantId: personId, competencyCode, level, method: 'assessment_centre', assessedOn, assessor: 'UPT Penilaian (uji)' })),
  });
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`assessments: ${res.statusCode} ${res.body}`);
}

export const ALL_AT_THREE = { 'M.01': 3, 'M.02': 3, 'M.03': 3, 'M.04': 3, 'M.05': 3, 'M.06': 3, 'M.07': 3, 'M.08': 3, 'SK.01': 3 };

export async function buildWorld(t: TestApp): Promise<World> {
  const db: Kysely<DB> = t.database.db;
  const agency = await agencyId(db, '32');
  const [supervisorId] = await makePeople(db, 1, { agencyId: agency, tier: 'pengawas', rank: 'III/d' });
  const [personId] = await makePeople(db, 1, { agencyId: agency, tier: 'ahli_muda', rank: 'III/c', supervisorId });
  await assess(t, personId, { ...ALL_AT_THREE, 'M.07': 1, 'M.08': 2 });
  const start = startOffset();
  const year = Number(addDays(today(), start).slice(0, 4));
  const prog = async (competencies: [string, number, number][], extra: Parameters<typeof makeProgramme>[1] = {}) => makeProgramme(db, { competencies, learningForm: 'e_learning', ...extra });
  const a = await prog([['M.08', 2, 3]], { jp: 16 });
  const ao = await makeOffering(db, a.id, { start, opens: -5, closes: start - 2, capacity: 30 });
  const b = await prog([['M.07', 1, 3], ['M.08', 2, 4]], { jp: 40 });
  await db.updateTable('programme').set({ quality: '4.50' }).where('id', '=', b.id).execute();
  const bo = await makeOffering(db, b.id, { start: start + 1, opens: -5, closes: start - 2 });
  await db.updateTable('offering').set({ mode: 'offline', province_code: '31', online_url: null }).where('id', '=', bo.id).execute();
  const c = await prog([['M.07', 3, 4]]);
  await makeOffering(db, c.id, { start, closes: start - 2 });
  const d = await prog([['M.08', 2, 3]], { tiers: ['administrator'] });
  const dd = await makeOffering(db, d.id, { start, closes: start - 2 });
  const e = await prog([['M.08', 2, 3]], { prerequisites: [a.id] });
  const eo = await makeOffering(db, e.id, { start, closes: start - 2 });
  const f = await prog([['M.07', 1, 2]], { jp: 8 });
  const fo = await makeOffering(db, f.id, { start: start + 2, closes: start - 2, capacity: 1 });
  await db.updateTable('offering').set({ enrolled_count: 1 }).where('id', '=', fo.id).execute();
  const g = await prog([['M.08', 2, 3]], { jp: 12 });
  const go = await makeOffering(db, g.id, { start: start + 3, opens: 5, closes: start - 2 });
  const h = await prog([['M.07', 1, 2]], { jp: 10 });
  const ho = await makeOffering(db, h.id, { start, closes: start - 2 });
  await sql`insert into learning_record (civil_servant_id, agency_id, year, source, source_ref, programme_id, learning_form, title, completed_on, jp)
            values (${personId}, ${agency}, ${Number(today().slice(0, 4)) - 1}, 'self_report', ${`fixture:${personId}:${h.id}`}, ${h.id}, 'e_learning', 'Selesai tahun lalu', ${addDays(today(), -400)}, 10)`.execute(db);
  const learner = await sessionFor(db, { civilServantId: personId, role: 'learner', scopeType: 'agency', scopeId: agency });
  const supervisor = await sessionFor(db, { civilServantId: supervisorId, role: 'supervisor', scopeType: 'agency', scopeId: agency, extraRoles: ['learner'] });
  return {
    agencyId: agency,
    personId,
    supervisorId,
    learner,
    supervisor,
    year,
    start,
    a: { programmeId: a.id, offeringId: ao.id, code: a.code },
    b: { programmeId: b.id, offeringId: bo.id, code: b.code },
    c: { programmeId: c.id, code: c.code },
    d: { programmeId: d.id, offeringId: dd.id, code: d.code },
    e: { programmeId: e.id, offeringId: eo.id, code: e.code },
    f: { programmeId: f.id, offeringId: fo.id, code: f.code },
    g: { programmeId: g.id, offeringId: go.id, code: g.code },
    h: { programmeId: h.id, offeringId: ho.id, code: h.code },
  };
}

/** createTestApp, keeping the database URL (PostgreSQL) so a second instance can open it. */
export async function createPlanningApp(kind: DatabaseKind, overrides: Partial<Config> = {}): Promise<TestApp & { url?: string }> {
  const testDb = await createTestDatabase(kind);
  const config = testConfig(overrides);
  const demo = await seedDemo(testDb.database.db, { password: TEST_PASSWORD, perAgency: 20 });
  const app = await buildApp({ config, database: testDb.database, logger: false });
  await app.ready();
  return {
    app,
    database: testDb.database,
    config,
    demo,
    url: testDb.url,
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}
