// The SQL of certificates. Reads of the registry and the catalogue (the holder, the programme,
// its competencies and lead provider) are read-only and only at issue time.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export function person(db: Kysely<DB>, id: number) {
  return db.selectFrom('civil_servant').select(['id', 'name', 'nip', 'agency_id', 'supervisor_id']).where('id', '=', id).executeTakeFirst();
}

export function programme(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('programme as p')
    .innerJoin('provider as pr', 'pr.id', 'p.provider_id')
    .select(['p.id', 'p.code', 'p.title_id', 'p.title_en', 'p.description_id', 'p.description_en', 'p.category', 'p.learning_form', 'p.jp', 'p.provider_id', 'p.partner_provider_ids'])
    .select(['pr.code as provider_code', 'pr.name as provider_name', 'pr.website as provider_website'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export function programmeCompetencies(db: Kysely<DB>, programmeId: number) {
  return db.selectFrom('programme_competency').select(['competency_code', 'level_from', 'level_to']).where('programme_id', '=', programmeId).orderBy('competency_code').execute();
}

export function offering(db: Kysely<DB>, id: number) {
  return db.selectFrom('offering').select(['id', 'programme_id', 'code', 'name', 'start_date', 'end_date']).where('id', '=', id).executeTakeFirst();
}

const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));

/** Batch forms of the look-ups above, keyed by id. */
export async function people(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return new Map();
  return byId(await db.selectFrom('civil_servant').select(['id', 'name', 'nip', 'agency_id', 'supervisor_id']).where('id', 'in', ids).execute());
}

export async function programmes(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return new Map();
  return byId(
    await db
      .selectFrom('programme as p')
      .innerJoin('provider as pr', 'pr.id', 'p.provider_id')
      .select(['p.id', 'p.code', 'p.title_id', 'p.title_en', 'p.description_id', 'p.description_en', 'p.category', 'p.learning_form', 'p.jp', 'p.provider_id', 'p.partner_provider_ids'])
      .select(['pr.code as provider_code', 'pr.name as provider_name', 'pr.website as provider_website'])
      .where('p.id', 'in', ids)
      .execute(),
  );
}

export async function offerings(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return new Map<number, NonNullable<Awaited<ReturnType<typeof offering>>>>();
  return byId(await db.selectFrom('offering').select(['id', 'programme_id', 'code', 'name', 'start_date', 'end_date']).where('id', 'in', ids).execute());
}

export async function competenciesOf(db: Kysely<DB>, programmeIds: number[]) {
  const out = new Map<number, { competency_code: string; level_from: number; level_to: number }[]>();
  if (!programmeIds.length) return out;
  const rows = await db.selectFrom('programme_competency').select(['programme_id', 'competency_code', 'level_from', 'level_to']).where('programme_id', 'in', programmeIds).orderBy('programme_id').orderBy('competency_code').execute();
  for (const { programme_id, ...c } of rows) out.set(programme_id, [...(out.get(programme_id) ?? []), c]);
  return out;
}

/** Live certificates of the given completions, keyed `r<learning record>` or `o<person>:<offering>` (see service.completionKey). */
export async function liveDuplicates(db: Kysely<DB>, inputs: { civilServantId: number; offeringId: number | null; learningRecordId: number | null }[]) {
  const out = new Map<string, { id: string; jwt: string }>();
  const records = inputs.flatMap((x) => (x.learningRecordId !== null ? [x.learningRecordId] : []));
  const pairs = inputs.filter((x) => x.learningRecordId === null && x.offeringId !== null);
  if (records.length) {
    const rows = await db.selectFrom('certificate').select(['id', 'jwt', 'learning_record_id']).where('revoked_at', 'is', null).where('learning_record_id', 'in', records).execute();
    for (const r of rows) out.set(`r${r.learning_record_id}`, { id: r.id, jwt: r.jwt });
  }
  if (pairs.length) {
    const rows = await db
      .selectFrom('certificate')
      .select(['id', 'jwt', 'civil_servant_id', 'offering_id'])
      .where('revoked_at', 'is', null)
      .where('civil_servant_id', 'in', [...new Set(pairs.map((x) => x.civilServantId))])
      .where('offering_id', 'in', [...new Set(pairs.map((x) => x.offeringId!))])
      .execute();
    for (const r of rows) out.set(`o${r.civil_servant_id}:${r.offering_id}`, { id: r.id, jwt: r.jwt });
  }
  return out;
}

/** A live (not revoked) certificate of the same completion, for idempotent issuing. */
export function liveDuplicate(db: Kysely<DB>, input: { civilServantId: number; offeringId: number | null; learningRecordId: number | null }) {
  let q = db.selectFrom('certificate').select(['id', 'jwt']).where('revoked_at', 'is', null);
  if (input.learningRecordId !== null) q = q.where('learning_record_id', '=', input.learningRecordId);
  else if (input.offeringId !== null) q = q.where('civil_servant_id', '=', input.civilServantId).where('offering_id', '=', input.offeringId);
  else return Promise.resolve(undefined);
  return q.executeTakeFirst();
}

/** `n` certificate numbers of the year, in one statement. */
export async function nextNumbers(db: Kysely<DB>, year: number, n: number): Promise<string[]> {
  const { rows } = await sql<{ n: number }>`select nextval('certificate_number_seq')::int as n from generate_series(1, ${n}::int)`.execute(db);
  return rows.map((r) => `KMB-${year}-${String(r.n).padStart(6, '0')}`);
}

export async function nextNumber(db: Kysely<DB>, year: number): Promise<string> {
  const { rows } = await sql<{ n: number }>`select nextval('certificate_number_seq')::int as n`.execute(db);
  return `KMB-${year}-${String(rows[0].n).padStart(6, '0')}`;
}

export const certificateColumns = [
  'c.id',
  'c.number',
  'c.civil_servant_id',
  'c.agency_id',
  'c.programme_id',
  'c.offering_id',
  'c.learning_record_id',
  'c.provider_id',
  'c.holder_name',
  'c.programme_code',
  'c.title_id',
  'c.title_en',
  'c.provider_name',
  'c.jp',
  'c.completed_on',
  'c.valid_until',
  'c.issued_at',
  'c.kid',
  'c.status_list_id',
  'c.status_index',
  'c.revoked_at',
  'c.revoked_by',
  'c.revocation_reason',
] as const;

export function findCertificate(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('certificate as c')
    .leftJoin('civil_servant as cs', 'cs.id', 'c.civil_servant_id')
    .select(certificateColumns)
    .select(['c.jwt', 'cs.agency_id as holder_agency_id'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/** findCertificate for many ids, in the order given (missing ones left out). */
export async function findCertificates(db: Kysely<DB>, ids: string[]) {
  if (!ids.length) return [];
  const rows = await db.selectFrom('certificate as c').leftJoin('civil_servant as cs', 'cs.id', 'c.civil_servant_id').select(certificateColumns).select(['c.jwt', 'cs.agency_id as holder_agency_id']).where('c.id', 'in', ids).execute();
  const byKey = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byKey.get(id) ?? []);
}

/** What a verification needs, by primary key. */
export function verificationRow(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('certificate')
    .select(sql<string>`right(jwt, 86)`.as('signature'))
    .select(['id', 'number', 'provider_id', 'provider_name', 'holder_name', 'programme_code', 'title_id', 'title_en', 'jp', 'completed_on', 'issued_at', 'valid_until', 'revoked_at', 'kid'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface ListQuery {
  civilServantId?: number;
  programmeId?: number;
  offeringId?: number;
  revoked?: boolean;
  limit: number;
  offset: number;
}

export function listCertificates(db: Kysely<DB>, scope: 'all' | { self: number | null; agencies: number[]; providers: number[] }, q: ListQuery) {
  let query = db.selectFrom('certificate as c').select(certificateColumns).orderBy('c.issued_at', 'desc').orderBy('c.id').limit(q.limit).offset(q.offset);
  if (scope !== 'all') {
    query = query.where((eb) =>
      eb.or([
        scope.self !== null ? eb('c.civil_servant_id', '=', scope.self) : eb.val(false),
        scope.agencies.length ? eb('c.agency_id', 'in', scope.agencies) : eb.val(false),
        scope.providers.length ? eb('c.provider_id', 'in', scope.providers) : eb.val(false),
      ]),
    );
  }
  if (q.civilServantId !== undefined) query = query.where('c.civil_servant_id', '=', q.civilServantId);
  if (q.programmeId !== undefined) query = query.where('c.programme_id', '=', q.programmeId);
  if (q.offeringId !== undefined) query = query.where('c.offering_id', '=', q.offeringId);
  if (q.revoked !== undefined) query = query.where('c.revoked_at', q.revoked ? 'is not' : 'is', null);
  return query.execute();
}
