// GET /xapi/statements: one statement by id, or a filtered, paged StatementResult.
// Paging is keyset on the store's sequence; the `more` link carries the filter, the position
// and a snapshot bound, so later pages never show statements stored after the first page.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { bad, notFound } from './errors.ts';
import { isObject, isUuid, type JsonObject } from './formats.ts';
import * as repo from './repository.ts';
import { ifiOf, toCanonicalFormat, toIdsFormat } from './shape.ts';
import { parseQueryTime } from './store.ts';
import { validateAgentParam, validateIri } from './validate.ts';
import type { XapiVersion } from './version.ts';

const PARAMS = ['statementId', 'voidedStatementId', 'agent', 'verb', 'activity', 'registration', 'related_activities', 'related_agents', 'since', 'until', 'limit', 'format', 'attachments', 'ascending', 'more'];
const SINGLE_ALLOWED = ['statementId', 'voidedStatementId', 'format', 'attachments'];

export interface QueryContext {
  db: Kysely<DB>;
  providerId: number;
  version: XapiVersion;
  languages: string[];
  pageSize: number;
  /** Path of the statements resource, for `more` links, e.g. /xapi/statements */
  basePath: string;
}

export type QueryResult =
  | { kind: 'single'; statement: JsonObject; stored: Date; attachments: boolean }
  | { kind: 'list'; statements: JsonObject[]; more: string; lastModified: Date | null; attachments: boolean; /** format=exact without attachments: each statement's stored JSON text */ json?: string[] };

function bool(value: string | undefined, name: string): boolean {
  if (value === undefined) return false;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw bad(`${name}: must be true or false`);
}

function format(statement: JsonObject, fmt: string, languages: string[]): JsonObject {
  if (fmt === 'ids') return toIdsFormat(statement);
  if (fmt === 'canonical') return toCanonicalFormat(statement, languages);
  return statement;
}

interface Cursor {
  q: Record<string, string>;
  after: number;
  max: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(token: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Cursor;
    if (!isObject(c.q as never) || !Number.isSafeInteger(c.after) || !Number.isSafeInteger(c.max)) throw new Error('shape');
    return c;
  } catch {
    throw bad('more: this paging token is not one this LRS issued');
  }
}

export async function getStatements(ctx: QueryContext, rawQuery: Record<string, unknown>): Promise<QueryResult> {
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawQuery)) {
    if (!PARAMS.includes(k)) throw bad(`Unknown parameter "${k}" for the Statements resource.`);
    if (typeof v !== 'string') throw bad(`Parameter "${k}" is given more than once.`);
    query[k] = v;
  }
  let cursor: Cursor | undefined;
  if (query.more !== undefined) {
    cursor = decodeCursor(query.more);
    const others = Object.keys(query).filter((k) => k !== 'more');
    if (others.length) throw bad(`more: send the "more" link as given, without other parameters (${others.join(', ')})`);
    Object.assign(query, cursor.q);
    delete query.more;
  }

  const fmt = query.format ?? 'exact';
  if (!['exact', 'ids', 'canonical'].includes(fmt)) throw bad('format: must be "exact", "ids" or "canonical"');
  const attachments = bool(query.attachments, 'attachments');

  const single = query.statementId ?? query.voidedStatementId;
  if (query.statementId !== undefined || query.voidedStatementId !== undefined) {
    if (query.statementId !== undefined && query.voidedStatementId !== undefined) throw bad('Give statementId or voidedStatementId, not both.');
    const extra = Object.keys(query).filter((k) => !SINGLE_ALLOWED.includes(k));
    if (extra.length) throw bad(`With ${query.statementId !== undefined ? 'statementId' : 'voidedStatementId'} only "format" and "attachments" may be given, not ${extra.join(', ')}.`);
    const name = query.statementId !== undefined ? 'statementId' : 'voidedStatementId';
    if (!isUuid(single)) throw bad(`${name}: must be a UUID`);
    const row = await repo.findStatement(ctx.db, ctx.providerId, single!.toLowerCase());
    const wantVoided = name === 'voidedStatementId';
    if (!row || row.voided !== wantVoided) {
      throw notFound(wantVoided ? `No voided statement with id ${single}.` : `No statement with id ${single}${row ? ' (it has been voided; ask with voidedStatementId)' : ''}.`);
    }
    return { kind: 'single', statement: format(row.statement as JsonObject, fmt, ctx.languages), stored: row.stored, attachments };
  }

  const filter: repo.StatementFilter = { providerId: ctx.providerId, limit: ctx.pageSize };
  if (query.agent !== undefined) {
    let agent: unknown;
    try {
      agent = JSON.parse(query.agent);
    } catch {
      throw bad('agent: must be a JSON Agent or identified Group');
    }
    filter.agentIfi = ifiOf(validateAgentParam(agent, ctx.version)) ?? undefined;
  }
  if (query.verb !== undefined) filter.verb = validateIri(query.verb, 'verb');
  if (query.activity !== undefined) filter.activity = validateIri(query.activity, 'activity');
  if (query.registration !== undefined) {
    if (!isUuid(query.registration)) throw bad('registration: must be a UUID');
    filter.registration = query.registration.toLowerCase();
  }
  filter.relatedActivities = bool(query.related_activities, 'related_activities');
  filter.relatedAgents = bool(query.related_agents, 'related_agents');
  filter.ascending = bool(query.ascending, 'ascending');
  if (query.since !== undefined) filter.since = parseQueryTime(query.since, 'since', ctx.version);
  if (query.until !== undefined) filter.until = parseQueryTime(query.until, 'until', ctx.version);
  if (query.limit !== undefined) {
    if (!/^\d+$/.test(query.limit)) throw bad('limit: must be a whole number (0 for the server maximum)');
    const limit = Number(query.limit);
    filter.limit = limit === 0 ? ctx.pageSize : Math.min(limit, ctx.pageSize);
  }

  const max = cursor?.max ?? (await repo.maxSeq(ctx.db, ctx.providerId));
  filter.maxSeq = max;
  if (cursor) filter.after = cursor.after;
  const pageSize = filter.limit;
  // The exact format is the statement as stored: without attachments the page is served from the
  // stored JSON text as it comes from the database (no parse and re-serialization of each one).
  const asText = fmt === 'exact' && !attachments;
  const rows = await repo.queryStatements(ctx.db, { ...filter, limit: pageSize + 1, asText });
  const page = rows.slice(0, pageSize);
  let more = '';
  if (rows.length > pageSize) {
    const q = { ...query };
    delete q.more;
    more = `${ctx.basePath}?more=${encodeCursor({ q, after: page[page.length - 1].seq, max })}`;
  }
  const lastModified = page.reduce<Date | null>((latest, r) => (!latest || r.stored > latest ? r.stored : latest), null);
  if (asText) return { kind: 'list', statements: [], json: page.map((r) => r.statement as string), more, lastModified, attachments };
  return { kind: 'list', statements: page.map((r) => format(r.statement as JsonObject, fmt, ctx.languages)), more, lastModified, attachments };
}

/** The hashes of the attachments of statements (and their sub-statements), for multipart answers. */
export function attachmentHashes(statements: JsonObject[]): string[] {
  const hashes = new Set<string>();
  for (const s of statements) {
    const lists = [s.attachments, isObject(s.object) ? s.object.attachments : undefined];
    for (const list of lists) if (Array.isArray(list)) for (const a of list) if (isObject(a) && typeof a.sha2 === 'string') hashes.add(a.sha2.toLowerCase());
  }
  return [...hashes];
}
