// Storing statements: validate every statement of a request, check attachments and signatures,
// then write the whole request in one transaction. A statement is acknowledged only after the
// commit; a batch is all-or-nothing; an id already stored with other content is a 409.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { bad, conflict, XapiError } from './errors.ts';
import { isObject, parseTimestamp, type JsonObject } from './formats.ts';
import { sha2Hex, type Part } from './multipart.ts';
import * as repo from './repository.ts';
import { ifiOf, matchesStored, mentionsOf, normalizeStatement, objectActivityId, registrationOf, voidingTarget } from './shape.ts';
import { checkSignature } from './signature.ts';
import { SIGNATURE_USAGE, validateStatement } from './validate.ts';
import type { XapiVersion } from './version.ts';

/** A statement as stored, handed to hooks after the write (inside the same transaction). */
export interface StoredStatement {
  providerId: number;
  seq: number;
  id: string;
  statement: JsonObject;
  voidingTarget: string | null;
}

/**
 * Called inside the storing transaction after statements are written, e.g. to credit JP in the
 * learning ledger. A hook that throws rolls the whole request back.
 */
export type StatementsStoredHook = (tx: Kysely<DB>, stored: StoredStatement[]) => Promise<void>;

export interface StoreContext {
  db: Kysely<DB>;
  providerId: number;
  credentialId: string | null;
  authority: JsonObject;
  version: XapiVersion;
  hooks: StatementsStoredHook[];
}

export interface IncomingAttachment {
  sha2: string;
  contentType: string;
  content: Buffer;
}

/** Turns the attachment parts of a multipart request into attachments keyed by their hash. */
export function attachmentsFromParts(parts: Part[]): Map<string, IncomingAttachment> {
  const map = new Map<string, IncomingAttachment>();
  parts.forEach((part, i) => {
    const hash = part.headers['x-experience-api-hash'];
    if (!hash) throw bad(`multipart part ${i + 2}: the X-Experience-API-Hash header is required on every attachment part`);
    const encoding = part.headers['content-transfer-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'binary') throw bad(`multipart part ${i + 2}: Content-Transfer-Encoding must be "binary"`);
    const sha2 = hash.toLowerCase();
    if (!/^[0-9a-f]+$/.test(sha2) || ![56, 64, 96, 128].includes(sha2.length)) throw bad(`multipart part ${i + 2}: X-Experience-API-Hash must be a hex SHA-2 hash`);
    const actual = sha2Hex(part.body, sha2.length);
    if (actual !== sha2) throw bad(`multipart part ${i + 2}: the content's SHA-2 hash is ${actual}, not the ${sha2} its X-Experience-API-Hash header says`);
    map.set(sha2, { sha2, contentType: part.headers['content-type'] ?? 'application/octet-stream', content: part.body });
  });
  return map;
}

function attachmentList(s: JsonObject): JsonObject[] {
  const own = Array.isArray(s.attachments) ? (s.attachments.filter(isObject) as JsonObject[]) : [];
  const sub = isObject(s.object) && s.object.objectType === 'SubStatement' && Array.isArray(s.object.attachments) ? (s.object.attachments.filter(isObject) as JsonObject[]) : [];
  return [...own, ...sub];
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/**
 * Validates and stores statements. `putId` is the statementId of a PUT. Returns the ids in
 * request order.
 */
export async function storeStatements(
  ctx: StoreContext,
  input: unknown,
  attachments: Map<string, IncomingAttachment>,
  options: { putId?: string; batchLimit: number },
): Promise<string[]> {
  const batch = Array.isArray(input);
  const list: unknown[] = batch ? (input as unknown[]) : [input];
  if (batch && list.length === 0) throw bad('The batch is empty: send at least one statement.');
  if (list.length > options.batchLimit) throw new XapiError(413, `A batch holds at most ${options.batchLimit} statements; this one has ${list.length}.`);

  const statements = list.map((s, i) => validateStatement(s, ctx.version, batch ? `statements[${i}]` : 'statement'));
  if (options.putId !== undefined) {
    const s = statements[0];
    if (s.id !== undefined && String(s.id).toLowerCase() !== options.putId.toLowerCase()) throw bad(`The statement's id ${String(s.id)} differs from the statementId parameter ${options.putId}.`);
    s.id = s.id ?? options.putId;
  }

  const seen = new Set<string>();
  const now = new Date();
  const stored = now.toISOString();
  const sent = statements.map((s) => normalizeStatement(s));
  const prepared = statements.map((s, i) => {
    const id = (typeof s.id === 'string' ? s.id : randomUUID()).toLowerCase();
    if (seen.has(id)) throw bad(`statements[${i}].id: the id ${id} occurs more than once in this batch`);
    seen.add(id);
    const out: JsonObject = { ...sent[i], id };
    out.timestamp = typeof s.timestamp === 'string' ? s.timestamp : stored;
    out.stored = stored;
    out.authority = ctx.authority;
    out.version = typeof s.version === 'string' ? s.version : ctx.version === '2.0.0' ? '2.0.0' : '1.0.0';
    return out;
  });

  // Attachments: each one without a fileUrl must come with the request (or be stored already);
  // each part sent must belong to a statement; signatures must check out.
  const referenced = new Set<string>();
  const missing: { path: string; sha2: string }[] = [];
  for (const [i, s] of prepared.entries()) {
    for (const [j, a] of attachmentList(s).entries()) {
      const sha2 = String(a.sha2).toLowerCase();
      const path = `${batch ? `statements[${i}]` : 'statement'}.attachments[${j}]`;
      referenced.add(sha2);
      if (a.usageType === SIGNATURE_USAGE) {
        if (String(a.contentType).split(';')[0].trim() !== 'application/octet-stream') throw bad(`${path}.contentType: a signature attachment must be "application/octet-stream"`);
        const part = attachments.get(sha2);
        if (!part) throw bad(`${path}: the signature attachment's content (sha2 ${sha2}) is not in the request`);
        await checkSignature(statements[i], part.content, path);
      }
      if (a.fileUrl === undefined && !attachments.has(sha2)) missing.push({ path, sha2 });
    }
  }
  if (missing.length) throw bad(`${missing[0].path}: no fileUrl, and the request has no attachment part with sha2 ${missing[0].sha2}`);
  for (const sha2 of attachments.keys()) {
    if (!referenced.has(sha2)) throw bad(`multipart: the part with hash ${sha2} is not an attachment of any statement in the request`);
  }

  try {
    return await ctx.db.transaction().execute(async (tx) => {
      // A voiding statement may not target another voiding statement.
      const targets = prepared.map(voidingTarget).filter((t): t is string => t !== null);
      if (targets.length) {
        const inBatch = new Map(prepared.map((p) => [p.id as string, p]));
        const stored = await repo.existingStatements(tx, ctx.providerId, targets.filter((t) => !inBatch.has(t)));
        for (const t of targets) {
          const target = inBatch.get(t) ?? (stored.find((r) => r.id === t)?.statement as JsonObject | undefined);
          if (target && voidingTarget(target) !== null) throw bad(`The statement ${t} is itself a voiding statement and cannot be voided.`);
        }
      }

      // One statement inserts the statements and their agent/activity index rows (ids the store
      // already holds are skipped, and must hold the same statement: statements are immutable),
      // adds register rows for activities and actors not seen before, and reads the others.
      const authorityIfi = ifiOf(ctx.authority);
      const mentions = prepared.map((p) => mentionsOf(p));
      const actors = new Map<string, JsonObject>();
      const definitions = new Map<string, JsonObject | null>();
      for (const m of mentions) {
        for (const [ifi, agent] of m.agentObjects) if (ifi !== authorityIfi) actors.set(ifi, agent);
        for (const [id, def] of m.definitions) definitions.set(id, mergeDefinition(definitions.get(id) ?? null, def));
      }
      const { inserted, known, added } = await repo.insertStatementsWithMentions(
        tx,
        ctx.providerId,
        now,
        ctx.credentialId,
        prepared.map((p, i) => ({
          id: p.id as string,
          verb_id: String((p.verb as JsonObject).id),
          activity_id: objectActivityId(p),
          registration: registrationOf(p),
          voiding_target: voidingTarget(p),
          object_statement: isObject(p.object) && p.object.objectType === 'StatementRef' ? String(p.object.id).toLowerCase() : null,
          statement: p,
          agents: [...mentions[i].agents],
          activities: [...mentions[i].activities],
        })),
        { activities: [...definitions].map(([id, definition]) => ({ id, definition })), actors: [...actors].map(([ifi, agent]) => ({ ifi, agent })), staleBefore: new Date(now.getTime() - REGISTER_REFRESH_MS) },
      );
      const seqOf = new Map(inserted.map((r) => [r.id, r.seq]));
      if (inserted.length < prepared.length) {
        const skipped = prepared.map((p, i) => [p, i] as const).filter(([p]) => !seqOf.has(p.id as string));
        const existing = new Map((await repo.existingStatements(tx, ctx.providerId, skipped.map(([p]) => p.id as string))).map((r) => [r.id, r.statement as JsonObject]));
        for (const [p, i] of skipped) {
          const old = existing.get(p.id as string);
          if (!old || !matchesStored(old, sent[i])) throw conflict(`A different statement with id ${String(p.id)} is already stored; statements are immutable.`);
        }
      }
      const fresh = prepared.filter((p) => seqOf.has(p.id as string));
      if (fresh.length === 0) return prepared.map((p) => p.id as string);

      const freshTargets = fresh.map(voidingTarget).filter((t): t is string => t !== null);
      await repo.markVoided(tx, ctx.providerId, freshTargets);
      const parts = [...attachments.values()];
      await repo.insertAttachments(tx, ctx.providerId, parts.map((a) => ({ sha2: a.sha2, content_type: a.contentType, content: a.content })));
      // The registers: rows not there before were added with the insert; of the others only rows
      // that changed or were not seen for an hour are written, so steady ingest does not rewrite
      // (and lock) the same activity and actor rows batch after batch. A row neither added nor
      // known was added by a concurrent batch after this statement began: upserted (merged).
      // An activity whose stored definition differs from the batch's may still hold it already
      // (the batch's is a subset): merged, and written only when the merge changes it.
      const activityRows: { id: string; definition: JsonObject | null }[] = [];
      for (const [id, def] of definitions) {
        if (added.activities.has(id)) continue;
        const k = known.activities.get(id);
        if (!k) activityRows.push({ id, definition: def });
        else if (k.stale || k.differs) {
          const merged = mergeDefinition((k.value as JsonObject | null | undefined) ?? null, def);
          if (k.stale || !sameJson(k.value, merged)) activityRows.push({ id, definition: merged });
        }
      }
      const actorRows: { ifi: string; agent: JsonObject }[] = [];
      for (const [ifi, agent] of actors) {
        if (added.actors.has(ifi)) continue;
        const k = known.actors.get(ifi);
        if (!k || k.stale || k.differs) actorRows.push({ ifi, agent });
      }
      await repo.updateRegisters(tx, ctx.providerId, activityRows, actorRows);
      if (ctx.hooks.length) {
        const storedList = fresh.map((p) => ({ providerId: ctx.providerId, seq: seqOf.get(p.id as string)!, id: p.id as string, statement: p, voidingTarget: voidingTarget(p) }));
        for (const hook of ctx.hooks) await hook(tx, storedList);
      }
      return prepared.map((p) => p.id as string);
    });
  } catch (error) {
    // Two requests raced to store the same id: the loser sees the winner's row on retry.
    if (isUniqueViolation(error)) {
      const rows = await repo.existingStatements(ctx.db, ctx.providerId, prepared.map((p) => p.id as string));
      const byId = new Map(rows.map((r) => [r.id, r.statement as JsonObject]));
      if (prepared.every((p, i) => byId.has(p.id as string) && matchesStored(byId.get(p.id as string)!, sent[i]))) return prepared.map((p) => p.id as string);
      throw conflict('A statement with one of these ids was stored at the same moment by another request.');
    }
    throw error;
  }
}

/** How long a register row's last_seen may lag before a statement mentioning it refreshes it. */
const REGISTER_REFRESH_MS = 3_600_000;

/** Deep equality of JSON values, ignoring key order (jsonb reorders keys). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameJson(x, (b as unknown[])[i]));
  const ka = Object.keys(a as object);
  if (ka.length !== Object.keys(b as object).length) return false;
  return ka.every((k) => Object.hasOwn(b as object, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The register keeps one definition per activity: a newer one replaces the known properties,
 * except language maps (name, description…), which gain the new languages.
 */
export function mergeDefinition(known: JsonObject | null, incoming: JsonObject | null): JsonObject | null {
  if (!incoming) return known;
  if (!known) return incoming;
  const out: JsonObject = { ...known, ...incoming };
  for (const k of ['name', 'description']) {
    if (isObject(known[k]) && isObject(incoming[k])) out[k] = { ...(known[k] as JsonObject), ...(incoming[k] as JsonObject) };
  }
  if (isObject(known.extensions) && isObject(incoming.extensions)) out.extensions = { ...known.extensions, ...incoming.extensions };
  return out;
}

/** Parses since/until style timestamps of query parameters. */
export function parseQueryTime(value: string, name: string, version: XapiVersion): Date {
  const date = parseTimestamp(value, version) ?? parseTimestamp(value, '1.0.3');
  if (!date) throw bad(`${name}: must be a timestamp such as 2024-05-01T08:00:00Z`);
  return date;
}
