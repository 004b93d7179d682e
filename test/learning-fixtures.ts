// Learning test fixtures: programmes and offerings with chosen rules, people with chosen
// positions and supervisors, and signed-in sessions made straight in the database (so hundreds of
// learners can sign in without hundreds of password hashes). Used by test/learning*.test.ts and
// bench/learning-enrol.ts.
import { randomBytes, createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { DB, Role } from '../src/db/schema.ts';
import { refreshProgrammes } from '../src/modules/catalog/summary.ts';
import { todayJakarta } from '../src/modules/catalog/rules.ts';

export const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
export const today = () => todayJakarta();

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase();

export async function providerId(db: Kysely<DB>, code = 'LAN') {
  return (await db.selectFrom('provider').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

export async function agencyId(db: Kysely<DB>, code = '32') {
  return (await db.selectFrom('agency').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

export interface ProgrammeSpec {
  lead?: string;
  partners?: string[];
  category?: string;
  learningForm?: string;
  jp?: number;
  tiers?: string[];
  rankMin?: string | null;
  rankMax?: string | null;
  competencies?: [string, number, number][];
  prerequisites?: number[];
}

export async function makeProgramme(db: Kysely<DB>, spec: ProgrammeSpec = {}) {
  const lead = await providerId(db, spec.lead ?? 'LAN');
  const row = await db
    .insertInto('programme')
    .values({ provider_id: lead, code: `T-${unique()}`, title_id: 'Program Uji Pembelajaran', category: spec.category ?? 'technical', learning_form: spec.learningForm ?? 'course', jp: spec.jp ?? 24, position_tiers: spec.tiers ?? [], rank_min: spec.rankMin ?? null, rank_max: spec.rankMax ?? null, status: 'published', published_at: new Date() })
    .returning(['id', 'code'])
    .executeTakeFirstOrThrow();
  await db.insertInto('programme_partner').values({ programme_id: row.id, provider_id: lead, roles: ['lead'] }).execute();
  for (const code of spec.partners ?? []) await db.insertInto('programme_partner').values({ programme_id: row.id, provider_id: await providerId(db, code), roles: ['faculty'] }).execute();
  if (spec.competencies?.length) await db.insertInto('programme_competency').values(spec.competencies.map(([code, from, to]) => ({ programme_id: row.id, competency_code: code, level_from: from, level_to: to }))).execute();
  if (spec.prerequisites?.length) await db.insertInto('programme_prerequisite').values(spec.prerequisites.map((p) => ({ programme_id: row.id, prerequisite_id: p }))).execute();
  await refreshProgrammes(db, [row.id]);
  return row;
}

export interface OfferingSpec {
  capacity?: number;
  quotas?: [number, number][];
  /** days from today */
  opens?: number;
  closes?: number;
  start?: number;
  days?: number;
  status?: string;
}

export async function makeOffering(db: Kysely<DB>, programmeId: number, spec: OfferingSpec = {}) {
  const t = today();
  const start = addDays(t, spec.start ?? 30);
  const row = await db
    .insertInto('offering')
    .values({ programme_id: programmeId, code: `O-${unique()}`, start_date: start, end_date: addDays(start, (spec.days ?? 3) - 1), registration_opens: addDays(t, spec.opens ?? -5), registration_closes: addDays(t, spec.closes ?? 10), capacity: spec.capacity ?? 30, mode: 'online', online_url: 'https://belajar.example.id/kelas', status: spec.status ?? 'open' })
    .returning(['id', 'code', 'programme_id', 'start_date'])
    .executeTakeFirstOrThrow();
  if (spec.quotas?.length) await db.insertInto('offering_quota').values(spec.quotas.map(([agency, seats]) => ({ offering_id: row.id, agency_id: agency, seats }))).execute();
  await refreshProgrammes(db, [programmeId]);
  return row;
}

/** Sessions on the offering's days, delivered by the given providers in turn. */
export async function makeSessions(db: Kysely<DB>, offering: { id: number; start_date: string }, providers: number[], modules: (string | null)[]) {
  const ids: number[] = [];
  for (let i = 0; i < modules.length; i++) {
    const row = await db
      .insertInto('offering_session')
      .values({ offering_id: offering.id, provider_id: providers[i % providers.length], title: `Sesi ${i + 1}`, module: modules[i], starts_at: `${offering.start_date}T0${1 + i}:00:00Z`, ends_at: `${offering.start_date}T0${2 + i}:00:00Z`, jp: 2 })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

/** Moves an offering and its sessions `days` into the past (registration too), as if it had run. */
export async function shiftIntoPast(db: Kysely<DB>, offeringId: number, days: number) {
  await sql`update offering set registration_opens = registration_opens - ${days}::int, registration_closes = registration_closes - ${days}::int, start_date = start_date - ${days}::int, end_date = end_date - ${days}::int, status = 'running' where id = ${offeringId}`.execute(db);
  await sql`update offering_session set starts_at = starts_at - make_interval(days => ${days}::int), ends_at = ends_at - make_interval(days => ${days}::int) where offering_id = ${offeringId}`.execute(db);
}

let nipSeq = 0;
export interface PersonSpec {
  agencyId: number;
  tier?: string;
  rank?: string;
  supervisorId?: number | null;
  status?: 'active' | 'leave' | 'retired' | 'dismissed';
  unitId?: number | null;
}

/** Civil servants with valid, unique NIPs. */
export async function makePeople(db: Kysely<DB>, n: number, spec: PersonSpec): Promise<number[]> {
  const position = await db.selectFrom('position').select('id').where('agency_id', '=', spec.agencyId).where('tier', '=', spec.tier ?? 'ahli_muda').executeTakeFirst();
  const rows = [];
  for (let i = 0; i < n; i++) {
    nipSeq++;
    const birth = new Date(Date.UTC(1970, 0, 1 + (nipSeq % 9000)));
    const birthDate = birth.toISOString().slice(0, 10);
    const year = 1995 + Math.floor(nipSeq / 999) % 25;
    rows.push({ agency_id: spec.agencyId, nip: `${birthDate.replace(/-/g, '')}${year}01${1 + (nipSeq % 2)}${String((nipSeq % 999) + 1).padStart(3, '0')}`, name: `Peserta Uji ${nipSeq}`, gender: 1 + (nipSeq % 2), birth_date: birthDate, tmt_cpns: `${year}-01-01`, rank: spec.rank ?? 'III/c', unit_id: spec.unitId ?? null, position_id: position?.id ?? null, supervisor_id: spec.supervisorId ?? null, status: spec.status ?? 'active' });
  }
  const out: number[] = [];
  for (let i = 0; i < rows.length; i += 500) out.push(...(await db.insertInto('civil_servant').values(rows.slice(i, i + 500)).returning('id').execute()).map((r) => Number(r.id)));
  return out;
}

export interface FakeSession {
  cookie: string;
  csrf: string;
  userId: string;
}

/** An account with one role, linked to a civil servant (or not), signed in: a session row made directly. */
export async function sessionFor(db: Kysely<DB>, opts: { civilServantId?: number | null; role: Role; scopeType: 'agency' | 'provider' | 'national'; scopeId: number | null; extraRoles?: Role[] }): Promise<FakeSession> {
  const email = `t.${unique().toLowerCase()}@kembang.test`;
  const user = await db.insertInto('user_account').values({ email, display_name: email, civil_servant_id: opts.civilServantId ?? null, password_hash: null }).returning('id').executeTakeFirstOrThrow();
  for (const role of [opts.role, ...(opts.extraRoles ?? [])]) await db.insertInto('role_grant').values({ user_id: user.id, role, scope_type: opts.scopeType, scope_id: opts.scopeId }).execute();
  const token = randomBytes(24).toString('base64url');
  const csrf = randomBytes(16).toString('hex');
  const expires = new Date(Date.now() + 3_600_000);
  await db.insertInto('user_session').values({ id: createHash('sha256').update(token).digest('hex'), user_id: user.id, csrf_token: csrf, via: 'password', expires_at: expires, last_seen_at: new Date() }).execute();
  return { cookie: `kembang_session=${token}`, csrf, userId: user.id };
}

export function as(app: FastifyInstance, s: FakeSession) {
  return (method: string, url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    app.inject({ method: method as 'GET', url, headers: { cookie: s.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': s.csrf }) }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

/** Seats the offering says are taken, and the enrolments that hold one: the two must agree. */
export async function seatCounts(db: Kysely<DB>, offeringId: number) {
  const o = await db.selectFrom('offering').select(['capacity', 'enrolled_count']).where('id', '=', offeringId).executeTakeFirstOrThrow();
  const held = await db.selectFrom('enrolment').select((eb) => eb.fn.countAll<number>().as('n')).where('offering_id', '=', offeringId).where('seat_held', '=', true).executeTakeFirstOrThrow();
  const enrolled = await db.selectFrom('enrolment').select((eb) => eb.fn.countAll<number>().as('n')).where('offering_id', '=', offeringId).where('status', '=', 'enrolled').executeTakeFirstOrThrow();
  return { capacity: o.capacity, enrolledCount: o.enrolled_count, held: Number(held.n), enrolled: Number(enrolled.n) };
}
