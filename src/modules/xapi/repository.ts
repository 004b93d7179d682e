// The SQL of the LRS, and nothing else. Every query names the provider's store (provider_id).
import { sql, type Kysely } from 'kysely';
import { executePrepared } from '../../db/prepared.ts';
import type { DB, XapiDocumentTable } from '../../db/schema.ts';

type Db = Kysely<DB>;

// --- credentials -----------------------------------------------------------------------------

export const credentialColumns = ['id', 'provider_id', 'name', 'key', 'may_read', 'may_write', 'last_version', 'created_by', 'created_at', 'last_used_at', 'revoked_at'] as const;

/** Every LRS request: a named prepared statement on PostgreSQL (one text, the key a parameter). */
export async function findLiveCredential(db: Db, key: string) {
  const query = db.selectFrom('xapi_credential').select([...credentialColumns, 'secret_hash']).where('key', '=', key).where('revoked_at', 'is', null);
  return (await executePrepared(db, query.compile())).rows[0];
}

export function findCredential(db: Db, id: string) {
  return db.selectFrom('xapi_credential').select(credentialColumns).where('id', '=', id).executeTakeFirst();
}

export function insertCredential(db: Db, row: { provider_id: number; name: string; key: string; secret_hash: string; may_read: boolean; may_write: boolean; created_by: string | null }) {
  return db.insertInto('xapi_credential').values(row).returning(credentialColumns).executeTakeFirstOrThrow();
}

export function listCredentials(db: Db, providerIds: number[] | 'all') {
  let q = db
    .selectFrom('xapi_credential')
    .innerJoin('provider', 'provider.id', 'xapi_credential.provider_id')
    .select([...credentialColumns.map((c) => `xapi_credential.${c}` as const), 'provider.code as provider_code'])
    .orderBy('xapi_credential.created_at', 'desc');
  if (providerIds !== 'all') q = q.where('xapi_credential.provider_id', 'in', providerIds.length ? providerIds : [-1]);
  return q.execute();
}

export function revokeCredential(db: Db, id: string) {
  return db.updateTable('xapi_credential').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).returning(credentialColumns).executeTakeFirst();
}

export async function setCredentialVersion(db: Db, id: string, version: string) {
  await db.updateTable('xapi_credential').set({ last_version: version }).where('id', '=', id).execute();
}

export async function touchCredential(db: Db, id: string) {
  // At most once a minute per credential, so ingest does not rewrite the row on every request.
  await db
    .updateTable('xapi_credential')
    .set({ last_used_at: new Date() })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(Date.now() - 60_000))]))
    .execute();
}

export function providerByCode(db: Db, code: string) {
  return db.selectFrom('provider').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();
}

// --- statements ------------------------------------------------------------------------------

export interface StatementRow {
  id: string;
  stored: Date;
  verb_id: string;
  activity_id: string | null;
  registration: string | null;
  voiding_target: string | null;
  object_statement: string | null;
  credential_id: string | null;
  statement: string;
}

export async function existingStatements(db: Db, providerId: number, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('xapi_statement').select(['id', 'statement']).where('provider_id', '=', providerId).where('id', 'in', ids).execute();
}

export async function insertStatements(db: Db, providerId: number, rows: StatementRow[]) {
  return db
    .insertInto('xapi_statement')
    .values(rows.map((r) => ({ ...r, provider_id: providerId })))
    .returning(['id', 'seq'])
    .execute();
}

export async function insertMentions(db: Db, providerId: number, agents: { seq: number; agent_ifi: string; direct: boolean }[], activities: { seq: number; activity_id: string; direct: boolean }[]) {
  if (agents.length) await db.insertInto('xapi_statement_agent').values(agents.map((a) => ({ ...a, provider_id: providerId }))).onConflict((oc) => oc.doNothing()).execute();
  if (activities.length) await db.insertInto('xapi_statement_activity').values(activities.map((a) => ({ ...a, provider_id: providerId }))).onConflict((oc) => oc.doNothing()).execute();
}

export interface NewStatement {
  id: string;
  verb_id: string;
  activity_id: string | null;
  registration: string | null;
  voiding_target: string | null;
  object_statement: string | null;
  statement: unknown;
  /** agents and activities the statement mentions: [ifi or activity id, direct] */
  agents: [string, boolean][];
  activities: [string, boolean][];
}

/**
 * A PostgreSQL array literal (`{"a","b",NULL}`) of the values, sent as one text parameter and
 * cast in SQL. node-postgres would run two regular-expression replaces over every element; this
 * quotes every element and escapes only those holding a quote or a backslash.
 */
export function arrayLiteral(values: readonly (string | number | boolean | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null) out += 'NULL';
    else if (typeof v !== 'string') out += String(v);
    else out += v.includes('"') || v.includes('\\') ? `"${v.replace(/[\\"]/g, '\\$&')}"` : `"${v}"`;
  }
  return `${out}}`;
}

/**
 * What a register held before the batch, for a key the batch mentions: whether the row is stale
 * (last seen before `staleBefore`) and whether it differs from the batch's candidate (jsonb
 * equality: key order does not count); `value` (the stored definition of an activity) only when
 * the caller needs it to merge: stale or different.
 */
type RegisterEntries = Map<string, { stale: boolean; differs: boolean; value?: unknown }>;

export interface RegisterCandidates {
  /** activities the batch mentions, with the batch's (merged) definition */
  activities: { id: string; definition: unknown }[];
  /** actors the batch mentions (not the authority) */
  actors: { ifi: string; agent: unknown }[];
  /** register rows last seen before this are refreshed */
  staleBefore: Date;
}

/**
 * One SQL statement, one round trip per batch:
 * - inserts the statements (a statement an earlier voiding statement targets is stored voided)
 *   and their agent/activity index rows; an id the store already holds is skipped (ON CONFLICT DO
 *   NOTHING) and the caller compares it with what is stored;
 * - inserts the register rows the activity and actor registers do not have yet (ON CONFLICT DO
 *   NOTHING, in key order: no row locks on rows that exist, no deadlock between batches);
 * - says, for the register rows that exist, which are stale or differ from the batch's, so the
 *   caller can refresh those few (`updateRegisters`).
 * Scalars travel as arrays (zipped by ROWS FROM … WITH ORDINALITY) and the statements as one JSON
 * array: no key names repeated per row, and PostgreSQL parses JSON only for the documents.
 * Returns the ids and sequences inserted (in request order), the register keys inserted, and the
 * earlier register entries by key.
 */
export async function insertStatementsWithMentions(db: Db, providerId: number, stored: Date, credentialId: string | null, rows: NewStatement[], registers: RegisterCandidates = { activities: [], actors: [], staleBefore: new Date(0) }) {
  const known = { activities: new Map() as RegisterEntries, actors: new Map() as RegisterEntries };
  const added = { activities: new Set<string>(), actors: new Set<string>() };
  if (rows.length === 0) return { inserted: [], known, added };
  const col = <K extends keyof NewStatement>(k: K) => rows.map((r) => r[k]);
  // index rows: the statement's position in the batch (1-based, as WITH ORDINALITY counts), key, direct
  const agentOrd: number[] = [], agentIfi: string[] = [], agentDirect: boolean[] = [];
  const activityOrd: number[] = [], activityId: string[] = [], activityDirect: boolean[] = [];
  rows.forEach((r, i) => {
    for (const [ifi, direct] of r.agents) agentOrd.push(i + 1), agentIfi.push(ifi), agentDirect.push(direct);
    for (const [id, direct] of r.activities) activityOrd.push(i + 1), activityId.push(id), activityDirect.push(direct);
  });
  // One text for every batch (all values are parameters): a named prepared statement on
  // PostgreSQL, parsed once per pooled connection (and planned once when PostgreSQL settles on
  // the generic plan) instead of on every batch.
  const query = sql<{ kind: 'statement' | 'new_activity' | 'new_actor' | 'activity' | 'actor'; key: string; seq: number | null; value: unknown; stale: boolean | null; differs: boolean | null }>`
    with src as materialized (
      select * from rows from (
        unnest(${arrayLiteral(col('id'))}::uuid[]), unnest(${arrayLiteral(col('verb_id'))}::text[]), unnest(${arrayLiteral(col('activity_id'))}::text[]), unnest(${arrayLiteral(col('registration'))}::uuid[]),
        unnest(${arrayLiteral(col('voiding_target'))}::uuid[]), unnest(${arrayLiteral(col('object_statement'))}::uuid[]), jsonb_array_elements(${JSON.stringify(col('statement'))}::jsonb)
      ) with ordinality as t(id, verb_id, activity_id, registration, voiding_target, object_statement, statement, ord)
    ), vt as materialized (
      -- targets among these ids of voiding statements stored earlier: one look-up in the (small,
      -- partial) voiding index per batch, not one per statement (a correlated probe per row was
      -- planned as a scan of the provider's rows while the statistics under-counted the provider)
      select distinct w.voiding_target as id from xapi_statement w
      where w.provider_id = ${providerId} and w.voiding_target is not null and w.voiding_target = any(${arrayLiteral(rows.filter((r) => r.voiding_target === null).map((r) => r.id))}::uuid[])
    ), ins as (
      insert into xapi_statement (provider_id, id, stored, verb_id, activity_id, registration, voiding_target, object_statement, credential_id, voided, statement)
      select ${providerId}::integer, t.id, ${stored}::timestamptz, t.verb_id, t.activity_id, t.registration, t.voiding_target, t.object_statement, ${credentialId}::uuid,
             t.voiding_target is null and t.id in (select vt.id from vt),
             t.statement
      from src t
      order by t.ord
      on conflict (provider_id, id) do nothing
      returning id, seq
    ), ag as (
      -- index rows only for statements inserted just now (a fresh seq), one per agent/activity
      -- of a statement: they cannot conflict, so no ON CONFLICT (its arbiter probe before every
      -- row was a tenth of PostgreSQL's time per batch)
      insert into xapi_statement_agent (provider_id, seq, agent_ifi, direct)
      select ${providerId}::integer, ins.seq, m.ifi, m.direct
      from rows from (unnest(${arrayLiteral(agentOrd)}::integer[]), unnest(${arrayLiteral(agentIfi)}::text[]), unnest(${arrayLiteral(agentDirect)}::boolean[])) as m(ord, ifi, direct)
      join src on src.ord = m.ord join ins on ins.id = src.id
    ), ac as (
      insert into xapi_statement_activity (provider_id, seq, activity_id, direct)
      select ${providerId}::integer, ins.seq, m.activity, m.direct
      from rows from (unnest(${arrayLiteral(activityOrd)}::integer[]), unnest(${arrayLiteral(activityId)}::text[]), unnest(${arrayLiteral(activityDirect)}::boolean[])) as m(ord, activity, direct)
      join src on src.ord = m.ord join ins on ins.id = src.id
    ), ka as materialized (
      -- the batch's activities and what the register holds for each (one primary-key probe per
      -- key; the LIMIT keeps the lateral subquery from being flattened into a join: with
      -- "provider_id = … and id = any(keys)" the planner, while the statistics under-count the
      -- provider (a young store, not analysed yet), scanned all the provider's register rows)
      select c.id, c.definition, r.definition as held, r.last_seen
      from jsonb_to_recordset(${JSON.stringify(registers.activities)}::jsonb) as c(id text, definition jsonb)
      left join lateral (select definition, last_seen from xapi_activity where provider_id = ${providerId} and id = c.id limit 1) r on true
    ), kp as materialized (
      select c.ifi, c.agent, r.agent as held, r.last_seen
      from jsonb_to_recordset(${JSON.stringify(registers.actors)}::jsonb) as c(ifi text, agent jsonb)
      left join lateral (select agent, last_seen from xapi_actor where provider_id = ${providerId} and ifi = c.ifi limit 1) r on true
    ), na as (
      -- only keys the probe did not find (last_seen is never null); ON CONFLICT for a concurrent batch's
      insert into xapi_activity (provider_id, id, definition, first_seen, last_seen)
      select ${providerId}::integer, k.id, k.definition, ${stored}::timestamptz, ${stored}::timestamptz from ka k where k.last_seen is null order by k.id
      on conflict (provider_id, id) do nothing
      returning id
    ), np as (
      insert into xapi_actor (provider_id, ifi, agent, first_seen, last_seen)
      select ${providerId}::integer, k.ifi, k.agent, ${stored}::timestamptz, ${stored}::timestamptz from kp k where k.last_seen is null order by k.ifi
      on conflict (provider_id, ifi) do nothing
      returning ifi
    ), ea as (
      select id, held, last_seen < ${registers.staleBefore}::timestamptz as stale, definition is not null and held is distinct from definition as differs from ka where last_seen is not null
    )
    select 'statement' as kind, id::text as key, seq, null::jsonb as value, null::boolean as stale, null::boolean as differs from ins
    union all select 'new_activity', id, null, null, null, null from na
    union all select 'new_actor', ifi, null, null, null, null from np
    union all select 'activity', id, null, case when stale or differs then held end, stale, differs from ea
    union all select 'actor', ifi, null, null, last_seen < ${registers.staleBefore}::timestamptz, held is distinct from agent from kp where last_seen is not null`;
  const { rows: out } = await executePrepared(db, query.compile(db));
  const inserted: { id: string; seq: number }[] = [];
  for (const r of out) {
    if (r.kind === 'statement') inserted.push({ id: r.key, seq: Number(r.seq) });
    else if (r.kind === 'new_activity') added.activities.add(r.key);
    else if (r.kind === 'new_actor') added.actors.add(r.key);
    else (r.kind === 'activity' ? known.activities : known.actors).set(r.key, { stale: r.stale === true, differs: r.differs === true, value: r.value });
  }
  inserted.sort((x, y) => x.seq - y.seq);
  return { inserted, known, added };
}

/**
 * Refreshes register rows that are stale or changed (rare in steady ingest), in key order so
 * concurrent batches lock them in the same order (no deadlock).
 */
export async function updateRegisters(db: Db, providerId: number, activities: { id: string; definition: unknown }[], actors: { ifi: string; agent: unknown }[]) {
  if (activities.length === 0 && actors.length === 0) return;
  const now = new Date();
  await sql`
    with a as (
      insert into xapi_activity (provider_id, id, definition, first_seen, last_seen)
      select ${providerId}::integer, t.id, t.definition, ${now}::timestamptz, ${now}::timestamptz from jsonb_to_recordset(${JSON.stringify(activities)}::jsonb) as t(id text, definition jsonb) order by t.id
      on conflict (provider_id, id) do update set definition = coalesce(excluded.definition, xapi_activity.definition), last_seen = excluded.last_seen
      returning 1
    ), p as (
      insert into xapi_actor (provider_id, ifi, agent, first_seen, last_seen)
      select ${providerId}::integer, t.ifi, t.agent, ${now}::timestamptz, ${now}::timestamptz from jsonb_to_recordset(${JSON.stringify(actors)}::jsonb) as t(ifi text, agent jsonb) order by t.ifi
      on conflict (provider_id, ifi) do update set agent = excluded.agent, last_seen = excluded.last_seen
      returning 1
    )
    select (select count(*) from a) as activities, (select count(*) from p) as actors`.execute(db);
}

/** Marks targets of voiding statements as voided; a voiding statement itself is never voided. */
export async function markVoided(db: Db, providerId: number, targets: string[]) {
  if (targets.length === 0) return;
  await db.updateTable('xapi_statement').set({ voided: true }).where('provider_id', '=', providerId).where('id', 'in', targets).where('voiding_target', 'is', null).execute();
}

/** Newly stored statements that an earlier voiding statement already targets. */
export async function markVoidedByEarlier(db: Db, providerId: number, ids: string[]) {
  if (ids.length === 0) return;
  await db
    .updateTable('xapi_statement')
    .set({ voided: true })
    .where('provider_id', '=', providerId)
    .where('id', 'in', ids)
    .where('voiding_target', 'is', null)
    .where('id', 'in', (eb) => eb.selectFrom('xapi_statement as v').select('v.voiding_target').where('v.provider_id', '=', providerId).where('v.voiding_target', 'in', ids))
    .execute();
}

export function findStatement(db: Db, providerId: number, id: string) {
  return db.selectFrom('xapi_statement').select(['seq', 'statement', 'stored', 'voided']).where('provider_id', '=', providerId).where('id', '=', id).executeTakeFirst();
}

export interface StatementFilter {
  providerId: number;
  agentIfi?: string;
  relatedAgents?: boolean;
  verb?: string;
  activity?: string;
  relatedActivities?: boolean;
  registration?: string;
  since?: Date;
  until?: Date;
  ascending?: boolean;
  /** keyset: continue after this seq (in the direction of the order) */
  after?: number;
  /** snapshot: nothing stored after the first page */
  maxSeq?: number;
  limit: number;
  /** the statements as JSON text (jsonb output), not parsed: pages served as stored */
  asText?: boolean;
}

/**
 * Statements matching the filter, and (when the filter names an agent, verb, activity or
 * registration) statements whose object is a StatementRef to a matching statement — voided or
 * not — as the specification requires. Two keyset queries, merged by sequence.
 */
export async function queryStatements(db: Db, f: StatementFilter) {
  const direct = await queryDirect(db, f, false);
  if (f.agentIfi === undefined && f.verb === undefined && f.activity === undefined && f.registration === undefined) return direct;
  const referring = await queryDirect(db, f, true);
  const bySeq = new Map([...direct, ...referring].map((r) => [r.seq, r]));
  return [...bySeq.values()].sort((a, b) => (f.ascending ? a.seq - b.seq : b.seq - a.seq)).slice(0, f.limit);
}

function queryDirect(db: Db, f: StatementFilter, viaRef: boolean) {
  const statement = f.asText ? sql<unknown>`s.statement::text`.as('statement') : sql<unknown>`s.statement`.as('statement');
  let q = db.selectFrom('xapi_statement as s').select(['s.seq', statement, 's.stored']).where('s.provider_id', '=', f.providerId).where('s.voided', '=', false);
  if (viaRef) {
    q = q.where('s.object_statement', 'is not', null).where((eb) => eb.exists(targetMatches(eb.selectFrom('xapi_statement as t').select(sql`1`.as('one')).where('t.provider_id', '=', f.providerId).whereRef('t.id', '=', 's.object_statement'), f)));
  } else {
    q = filterOn(q, 's', f);
  }
  if (f.since) q = q.where('s.stored', '>', f.since);
  if (f.until) q = q.where('s.stored', '<=', f.until);
  if (f.maxSeq !== undefined) q = q.where('s.seq', '<=', f.maxSeq);
  if (f.after !== undefined) q = q.where('s.seq', f.ascending ? '>' : '<', f.after);
  return q.orderBy('s.seq', f.ascending ? 'asc' : 'desc').limit(f.limit).execute();
}

function targetMatches<Q>(q: Q, f: StatementFilter): Q {
  return filterOn(q as any, 't', f) as Q;
}

/** The agent / verb / activity / registration conditions on the statement aliased `a`. */
function filterOn(q: any, a: 's' | 't', f: StatementFilter): any {
  const seq = `${a}.seq`;
  if (f.verb !== undefined) q = q.where(`${a}.verb_id`, '=', f.verb);
  if (f.registration !== undefined) q = q.where(`${a}.registration`, '=', f.registration);
  if (f.activity !== undefined) {
    const activity = f.activity;
    q = f.relatedActivities
      ? q.where((eb: any) => eb.exists(eb.selectFrom('xapi_statement_activity as a').select(sql`1`.as('one')).where('a.provider_id', '=', f.providerId).where('a.activity_id', '=', activity).whereRef('a.seq', '=', seq)))
      : q.where(`${a}.activity_id`, '=', activity);
  }
  if (f.agentIfi !== undefined) {
    const ifi = f.agentIfi;
    q = q.where((eb: any) => {
      let sub = eb.selectFrom('xapi_statement_agent as g').select(sql`1`.as('one')).where('g.provider_id', '=', f.providerId).where('g.agent_ifi', '=', ifi).whereRef('g.seq', '=', seq);
      if (!f.relatedAgents) sub = sub.where('g.direct', '=', true);
      return eb.exists(sub);
    });
  }
  return q;
}

export async function maxSeq(db: Db, providerId: number): Promise<number> {
  const row = await db.selectFrom('xapi_statement').select(sql<number | null>`max(seq)`.as('max')).where('provider_id', '=', providerId).executeTakeFirst();
  return row?.max ?? 0;
}

// --- attachments -----------------------------------------------------------------------------

export async function insertAttachments(db: Db, providerId: number, rows: { sha2: string; content_type: string; content: Buffer }[]) {
  if (rows.length === 0) return;
  await db.insertInto('xapi_attachment').values(rows.map((r) => ({ ...r, provider_id: providerId }))).onConflict((oc) => oc.doNothing()).execute();
}

// PGlite returns bytea as a Uint8Array, node-postgres as a Buffer: both become Buffers here.
const asBuffer = (b: Uint8Array) => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

export async function findAttachments(db: Db, providerId: number, hashes: string[]) {
  if (hashes.length === 0) return [];
  const rows = await db.selectFrom('xapi_attachment').select(['sha2', 'content_type', 'content']).where('provider_id', '=', providerId).where('sha2', 'in', hashes).execute();
  return rows.map((r) => ({ ...r, content: asBuffer(r.content) }));
}

// --- activity and actor registers --------------------------------------------------------------

export async function activityDefinitions(db: Db, providerId: number, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('xapi_activity').select(['id', 'definition']).where('provider_id', '=', providerId).where('id', 'in', ids).execute();
}

export async function upsertActivities(db: Db, providerId: number, rows: { id: string; definition: string | null }[]) {
  if (rows.length === 0) return;
  const now = new Date();
  await db
    .insertInto('xapi_activity')
    // In key order: concurrent batches then lock the register's rows in the same order (no deadlock).
    .values([...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((r) => ({ provider_id: providerId, id: r.id, definition: r.definition, first_seen: now, last_seen: now })))
    .onConflict((oc) =>
      oc.columns(['provider_id', 'id']).doUpdateSet({
        // The caller merged the new definition over the one known so far.
        definition: sql`coalesce(excluded.definition, xapi_activity.definition)`,
        last_seen: now,
      }),
    )
    .execute();
}

export function findActivity(db: Db, providerId: number, id: string) {
  return db.selectFrom('xapi_activity').select(['id', 'definition']).where('provider_id', '=', providerId).where('id', '=', id).executeTakeFirst();
}

export async function upsertActors(db: Db, providerId: number, rows: { ifi: string; agent: string }[]) {
  if (rows.length === 0) return;
  const now = new Date();
  await db
    .insertInto('xapi_actor')
    .values([...rows].sort((a, b) => (a.ifi < b.ifi ? -1 : a.ifi > b.ifi ? 1 : 0)).map((r) => ({ provider_id: providerId, ifi: r.ifi, agent: r.agent, first_seen: now, last_seen: now })))
    .onConflict((oc) => oc.columns(['provider_id', 'ifi']).doUpdateSet({ agent: sql`excluded.agent`, last_seen: now }))
    .execute();
}

export function findActor(db: Db, providerId: number, ifi: string) {
  return db.selectFrom('xapi_actor').select(['ifi', 'agent']).where('provider_id', '=', providerId).where('ifi', '=', ifi).executeTakeFirst();
}

// --- documents -------------------------------------------------------------------------------

export interface DocumentKey {
  provider_id: number;
  kind: XapiDocumentTable['kind'];
  activity_id: string;
  agent_ifi: string;
  registration: string;
}

function whereKey<Q extends { where: (...args: any[]) => Q }>(q: Q, k: DocumentKey): Q {
  return q
    .where('provider_id', '=', k.provider_id)
    .where('kind', '=', k.kind)
    .where('activity_id', '=', k.activity_id)
    .where('agent_ifi', '=', k.agent_ifi)
    .where('registration', '=', k.registration);
}

export async function findDocument(db: Db, key: DocumentKey, docId: string) {
  const row = await whereKey(db.selectFrom('xapi_document').select(['content_type', 'content', 'etag', 'updated']), key).where('doc_id', '=', docId).executeTakeFirst();
  return row ? { ...row, content: asBuffer(row.content) } : undefined;
}

export function listDocumentIds(db: Db, key: DocumentKey, since: Date | undefined) {
  let q = whereKey(db.selectFrom('xapi_document').select(['doc_id', 'updated']), key);
  if (since) q = q.where('updated', '>', since);
  return q.orderBy('doc_id').execute();
}

export async function saveDocument(db: Db, key: DocumentKey, docId: string, doc: { content_type: string; content: Buffer; etag: string; updated: Date }) {
  await db
    .insertInto('xapi_document')
    .values({ ...key, doc_id: docId, ...doc })
    .onConflict((oc) => oc.columns(['provider_id', 'kind', 'activity_id', 'agent_ifi', 'registration', 'doc_id']).doUpdateSet(doc))
    .execute();
}

export async function deleteDocuments(db: Db, key: DocumentKey, docId: string | undefined) {
  let q = whereKey(db.deleteFrom('xapi_document'), key);
  if (docId !== undefined) q = q.where('doc_id', '=', docId);
  await q.execute();
}

// --- management browsing ---------------------------------------------------------------------

export interface BrowseFilter {
  providerIds: number[] | 'all';
  agentIfi?: string;
  activity?: string;
  verb?: string;
  since?: Date;
  until?: Date;
  before?: number;
  limit: number;
}

export function browseStatements(db: Db, f: BrowseFilter) {
  let q = db
    .selectFrom('xapi_statement as s')
    .innerJoin('provider as p', 'p.id', 's.provider_id')
    .select(['s.seq', 's.id', 's.stored', 's.verb_id', 's.activity_id', 's.voided', 's.statement', 'p.code as provider_code'])
    .orderBy('s.seq', 'desc')
    .limit(f.limit);
  if (f.providerIds !== 'all') q = q.where('s.provider_id', 'in', f.providerIds.length ? f.providerIds : [-1]);
  if (f.verb) q = q.where('s.verb_id', '=', f.verb);
  if (f.activity) q = q.where('s.activity_id', '=', f.activity);
  if (f.agentIfi) {
    const ifi = f.agentIfi;
    q = q.where((eb) => eb.exists(eb.selectFrom('xapi_statement_agent as g').select(sql`1`.as('one')).whereRef('g.provider_id', '=', 's.provider_id').whereRef('g.seq', '=', 's.seq').where('g.agent_ifi', '=', ifi).where('g.direct', '=', true)));
  }
  if (f.since) q = q.where('s.stored', '>=', f.since);
  if (f.until) q = q.where('s.stored', '<', f.until);
  if (f.before) q = q.where('s.seq', '<', f.before);
  return q.execute();
}

export function listUnmappedActors(db: Db, providerIds: number[] | 'all', limit: number) {
  let q = db.selectFrom('xapi_actor').select(['provider_id', 'ifi', 'agent', 'first_seen', 'last_seen']).where('civil_servant_id', 'is', null).orderBy('first_seen', 'desc').limit(limit);
  if (providerIds !== 'all') q = q.where('provider_id', 'in', providerIds.length ? providerIds : [-1]);
  return q.execute();
}

export function listUnmappedActivities(db: Db, providerIds: number[] | 'all', limit: number) {
  let q = db.selectFrom('xapi_activity').select(['provider_id', 'id', 'definition', 'first_seen', 'last_seen']).where('mapped_at', 'is', null).orderBy('first_seen', 'desc').limit(limit);
  if (providerIds !== 'all') q = q.where('provider_id', 'in', providerIds.length ? providerIds : [-1]);
  return q.execute();
}
