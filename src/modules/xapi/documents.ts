// State, Activity Profile and Agent Profile documents: opaque content with a content type,
// JSON merge on POST, and ETag optimistic concurrency (If-Match / If-None-Match).
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, XapiDocumentTable } from '../../db/schema.ts';
import { bad, conflict, notFound, preconditionFailed } from './errors.ts';
import { isObject, isUuid } from './formats.ts';
import * as repo from './repository.ts';
import { ifiOf } from './shape.ts';
import { parseQueryTime } from './store.ts';
import { validateAgentParam, validateIri } from './validate.ts';
import type { XapiVersion } from './version.ts';

export type DocumentKind = XapiDocumentTable['kind'];

interface ResourceSpec {
  /** name of the document id parameter */
  idParam: 'stateId' | 'profileId';
  params: string[];
  activity: boolean;
  agent: boolean;
  registration: boolean;
}

export const RESOURCES: Record<DocumentKind, ResourceSpec> = {
  state: { idParam: 'stateId', params: ['activityId', 'agent', 'registration', 'stateId', 'since'], activity: true, agent: true, registration: true },
  activity_profile: { idParam: 'profileId', params: ['activityId', 'profileId', 'since'], activity: true, agent: false, registration: false },
  agent_profile: { idParam: 'profileId', params: ['agent', 'profileId', 'since'], activity: false, agent: true, registration: false },
};

export interface DocumentRequest {
  db: Kysely<DB>;
  providerId: number;
  version: XapiVersion;
  kind: DocumentKind;
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  query: Record<string, unknown>;
  headers: Record<string, string | undefined>;
  contentType: string | undefined;
  body: Buffer | undefined;
}

export type DocumentResponse =
  | { status: 204; etag?: string }
  | { status: 200; contentType: string; body: Buffer | string; etag?: string; lastModified?: Date };

const etagOf = (content: Buffer) => `"${createHash('sha1').update(content).digest('hex')}"`;

const isJsonType = (ct: string | undefined) => !!ct && /^application\/json\s*(;|$)/i.test(ct);

function parseParams(r: DocumentRequest) {
  const spec = RESOURCES[r.kind];
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.query)) {
    if (!spec.params.includes(k)) throw bad(`Unknown parameter "${k}" for this resource.`);
    if (typeof v !== 'string') throw bad(`Parameter "${k}" is given more than once.`);
    q[k] = v;
  }
  const key: repo.DocumentKey = { provider_id: r.providerId, kind: r.kind, activity_id: '', agent_ifi: '', registration: '' };
  if (spec.activity) {
    if (q.activityId === undefined) throw bad('activityId: is required');
    key.activity_id = validateIri(q.activityId, 'activityId');
  }
  if (spec.agent) {
    if (q.agent === undefined) throw bad('agent: is required');
    let agent: unknown;
    try {
      agent = JSON.parse(q.agent);
    } catch {
      throw bad('agent: must be a JSON Agent');
    }
    key.agent_ifi = ifiOf(validateAgentParam(agent, r.version))!;
  }
  if (spec.registration && q.registration !== undefined) {
    if (!isUuid(q.registration)) throw bad('registration: must be a UUID');
    key.registration = q.registration.toLowerCase();
  }
  const docId = q[spec.idParam];
  return { spec, key, docId, since: q.since };
}

function checkPreconditions(r: DocumentRequest, current: { etag: string } | undefined, requireHeaderOnPut: boolean) {
  const ifMatch = r.headers['if-match'];
  const ifNoneMatch = r.headers['if-none-match'];
  if (ifMatch !== undefined) {
    const tags = ifMatch.split(',').map((t) => t.trim());
    if (!current || !(tags.includes('*') || tags.includes(current.etag) || tags.includes(current.etag.replace(/"/g, '')))) {
      throw preconditionFailed(current ? 'If-Match: the document has changed (its ETag is another)' : 'If-Match: there is no such document');
    }
  }
  if (ifNoneMatch !== undefined) {
    const tags = ifNoneMatch.split(',').map((t) => t.trim());
    if (current && (tags.includes('*') || tags.includes(current.etag))) throw preconditionFailed('If-None-Match: the document already exists');
  }
  if (r.version === '1.0.3' && r.kind !== 'state' && r.method === 'PUT' && !current && ifMatch === undefined && ifNoneMatch === undefined) {
    throw bad('xAPI 1.0.3 asks for If-Match or If-None-Match on every PUT of a profile document (If-None-Match: * to create it).');
  }
  if (requireHeaderOnPut && r.method === 'PUT' && current && ifMatch === undefined && ifNoneMatch === undefined) {
    throw conflict('The document exists: send If-Match with its ETag (or If-None-Match: * to create only) to overwrite it.');
  }
}

function parseJsonObject(body: Buffer, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw bad(`${what} is not valid JSON`);
  }
  if (!isObject(value)) throw bad(`${what} must be a JSON object to be merged`);
  return value;
}

export async function handleDocument(r: DocumentRequest): Promise<DocumentResponse> {
  const { spec, key, docId, since } = parseParams(r);
  // 1.0.3 asks for concurrency headers on the profile resources; 2.0.0 on all three.
  const requireHeaderOnPut = r.kind !== 'state' || r.version === '2.0.0';

  if (r.method === 'GET' || r.method === 'HEAD') {
    if (docId === undefined) {
      const sinceDate = since !== undefined ? parseQueryTime(since, 'since', r.version) : undefined;
      const rows = await repo.listDocumentIds(r.db, key, sinceDate);
      const lastModified = rows.reduce<Date | undefined>((l, x) => (!l || x.updated > l ? x.updated : l), undefined);
      return { status: 200, contentType: 'application/json', body: JSON.stringify(rows.map((x) => x.doc_id)), lastModified };
    }
    if (since !== undefined) throw bad(`since: is only allowed when listing documents, not with ${spec.idParam}`);
    const doc = await repo.findDocument(r.db, key, docId);
    if (!doc) throw notFound(`No document with ${spec.idParam} "${docId}".`);
    return { status: 200, contentType: doc.content_type, body: doc.content, etag: doc.etag, lastModified: doc.updated };
  }

  if (since !== undefined) throw bad('since: is only allowed on GET');

  if (r.method === 'DELETE') {
    if (docId === undefined && r.kind !== 'state') throw bad(`${spec.idParam}: is required to delete a document`);
    return r.db.transaction().execute(async (tx) => {
      if (docId !== undefined) {
        const current = await repo.findDocument(tx, key, docId);
        checkPreconditions(r, current, false);
      }
      await repo.deleteDocuments(tx, key, docId);
      return { status: 204 as const };
    });
  }

  // PUT and POST
  if (docId === undefined) throw bad(`${spec.idParam}: is required`);
  const body = r.body ?? Buffer.alloc(0);
  const contentType = (r.contentType ?? 'application/octet-stream').trim();
  if (isJsonType(contentType) && body.length > 0) {
    // JSON documents must be valid JSON; POST additionally needs an object (to merge).
    if (r.method === 'POST') parseJsonObject(body, 'The document');
    else {
      try {
        JSON.parse(body.toString('utf8'));
      } catch {
        throw bad('The document is sent as application/json but is not valid JSON');
      }
    }
  }
  return r.db.transaction().execute(async (tx) => {
    const current = await repo.findDocument(tx, key, docId);
    checkPreconditions(r, current, requireHeaderOnPut);
    let content = body;
    let storedType = contentType;
    if (r.method === 'POST' && current) {
      if (!isJsonType(current.content_type) || !isJsonType(contentType)) {
        throw bad('POST merges JSON documents: both the stored document and the new one must be application/json objects (use PUT to replace)');
      }
      const merged = { ...parseJsonObject(current.content, 'The stored document'), ...parseJsonObject(body, 'The document') };
      content = Buffer.from(JSON.stringify(merged));
      storedType = 'application/json';
    }
    const etag = etagOf(content);
    await repo.saveDocument(tx, key, docId, { content_type: storedType, content, etag, updated: new Date() });
    return { status: 204 as const, etag };
  });
}
