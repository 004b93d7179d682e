// The Learning Record Store at /xapi, as its own Fastify plugin: its own body parsing (every body
// is kept as bytes: statements, attachments and documents are parsed by the LRS itself), its own
// authentication (HTTP Basic credentials per provider store), and its own error answers with
// the status codes the xAPI specification requires. Routes are hidden from the OpenAPI document:
// the xAPI specification is their contract.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../context.ts';
import { Problem } from '../../http/problem.ts';
import { handleDocument, type DocumentKind } from './documents.ts';
import { bad, notFound, XapiError } from './errors.ts';
import { isObject, type JsonObject } from './formats.ts';
import { jpLedgerHook } from './ledger.ts';
import { buildMultipart, parseMultipart } from './multipart.ts';
import { attachmentHashes, getStatements } from './query.ts';
import * as repo from './repository.ts';
import { prepare, requestedVersion, type LrsRequest, type Method } from './request.ts';
import { acceptedLanguages, ifiOf } from './shape.ts';
import { attachmentsFromParts, storeStatements, type IncomingAttachment, type StatementsStoredHook } from './store.ts';
import { validateAgentOnly, validateIri } from './validate.ts';
import { SUPPORTED_VERSIONS } from './version.ts';

export interface XapiPluginOptions {
  /** Called inside the storing transaction with the statements just stored (e.g. the JP ledger). */
  onStatementsStored?: StatementsStoredHook[];
}

const PROBLEM_BASE = 'https://kembang.go.id/problems/';
const TITLES: Record<number, string> = { 400: 'Bad request', 401: 'Not authenticated', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed', 409: 'Conflict', 412: 'Precondition failed', 413: 'Request too large', 429: 'Too many requests', 503: 'Service unavailable' };

type Handler = (x: LrsRequest, reply: FastifyReply, request: FastifyRequest) => Promise<unknown>;

function onlyParams(x: LrsRequest, allowed: string[]) {
  for (const [k, v] of Object.entries(x.query)) {
    if (!allowed.includes(k)) throw bad(`Unknown parameter "${k}" for this request.`);
    if (typeof v !== 'string') throw bad(`Parameter "${k}" is given more than once.`);
  }
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** The statements and attachments of a PUT/POST body (application/json or multipart/mixed). */
function statementBody(x: LrsRequest): { statements: unknown; attachments: Map<string, IncomingAttachment> } {
  const type = mediaType(x.contentType);
  const body = x.body ?? Buffer.alloc(0);
  const parseJson = (buf: Buffer, where: string) => {
    if (buf.length === 0) throw bad(`${where} is empty: send a statement or an array of statements`);
    try {
      return JSON.parse(buf.toString('utf8'));
    } catch (e) {
      throw bad(`${where} is not valid JSON (${(e as Error).message})`);
    }
  };
  if (type === 'application/json') return { statements: parseJson(body, 'The body'), attachments: new Map() };
  if (type === 'multipart/mixed') {
    const parts = parseMultipart(body, x.contentType!);
    if (parts.length === 0) throw bad('multipart: the body has no parts');
    if (mediaType(parts[0].headers['content-type']) !== 'application/json') throw bad('multipart: the first part must be the statements, as application/json');
    return { statements: parseJson(parts[0].body, 'multipart: the first part'), attachments: attachmentsFromParts(parts.slice(1)) };
  }
  throw bad(`Content-Type must be application/json or multipart/mixed for statements, not "${x.contentType ?? '(none)'}"`);
}

export function xapiLrs(deps: Deps, options: XapiPluginOptions = {}) {
  // By default, completions of known civil servants on programmes go into the JP ledger.
  const hooks = options.onStatementsStored ?? [jpLedgerHook(deps)];
  const { xapi } = deps.config;

  return async function (app: FastifyInstance) {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: xapi.maxBodyBytes }, (_request, body, done) => done(null, body));

    app.addHook('onSend', async (request, reply) => {
      reply.header('x-experience-api-version', request.xapiVersion ?? requestedVersion(request) ?? '2.0.0');
      if (/\/statements$/.test(request.url.split('?')[0]) && !reply.hasHeader('x-experience-api-consistent-through')) {
        reply.header('x-experience-api-consistent-through', new Date().toISOString());
      }
    });

    app.setErrorHandler((error: FastifyError | XapiError | Problem, request, reply) => {
      let status: number;
      let message: string;
      let headers: Record<string, string> = {};
      if (error instanceof XapiError) {
        status = error.status;
        message = error.message;
        headers = error.headers;
      } else if (error instanceof Problem) {
        status = error.status;
        message = error.detail ?? error.title;
        headers = error.headers;
      } else if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        status = 413;
        message = `The request body is larger than the LRS accepts (${xapi.maxBodyBytes} bytes).`;
      } else if ((error as FastifyError).statusCode && (error as FastifyError).statusCode! >= 400 && (error as FastifyError).statusCode! < 500) {
        status = (error as FastifyError).statusCode!;
        message = error.message;
      } else {
        request.log.error({ err: error }, 'LRS error');
        status = 500;
        message = `Something went wrong on our side. Quote request id ${request.id} when reporting it.`;
      }
      if (status < 500) request.log.debug({ status, message, method: request.method, url: request.url }, 'LRS refused a request');
      for (const [k, v] of Object.entries(headers)) reply.header(k, v);
      return reply
        .status(status)
        .type('application/problem+json; charset=utf-8')
        .send({ type: `${PROBLEM_BASE}xapi`, title: TITLES[status] ?? 'Error', status, detail: message, instance: request.url.split('?')[0] });
    });

    const resource = (url: string, handlers: Partial<Record<Method, Handler>>) => {
      app.route({
        method: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
        url,
        config: { access: 'public' },
        schema: { hide: true },
        handler: async (request, reply) => {
          const x = await prepare(deps, request);
          const handler = handlers[x.method] ?? (x.method === 'HEAD' ? handlers.GET : undefined);
          if (!handler) throw new XapiError(405, `${x.method} is not a method of ${url}.`);
          return handler(x, reply, request);
        },
      });
    };

    // --- About ------------------------------------------------------------------------------
    app.get('/about', { config: { access: 'public' }, schema: { hide: true } }, async () => ({
      version: SUPPORTED_VERSIONS,
      extensions: { 'https://kembang.go.id/xapi/extensions/lrs': { name: 'Kembang LRS' } },
    }));

    // --- Statements -------------------------------------------------------------------------
    const getHandler: Handler = async (x, reply, request) => {
      const result = await getStatements(
        { db: deps.db, providerId: x.client.providerId, version: x.version, languages: acceptedLanguages(x.headers['accept-language']), pageSize: xapi.pageSize, basePath: `${request.url.split('?')[0]}` },
        x.query,
      );
      reply.header('x-experience-api-consistent-through', new Date().toISOString());
      const statements = result.kind === 'single' ? [result.statement] : result.statements;
      const lastModified = result.kind === 'single' ? result.stored : result.lastModified;
      if (lastModified) reply.header('last-modified', lastModified.toUTCString());
      const json =
        result.kind === 'single'
          ? JSON.stringify(result.statement)
          : result.json
            ? `{"statements":[${result.json.join(',')}],"more":${JSON.stringify(result.more)}}`
            : JSON.stringify({ statements: result.statements, more: result.more });
      if (result.attachments) {
        const rows = await repo.findAttachments(deps.db, x.client.providerId, attachmentHashes(statements));
        const multipart = buildMultipart(json, rows.map((r) => ({ sha2: r.sha2, contentType: r.content_type, content: r.content })));
        return reply.type(multipart.contentType).send(multipart.body);
      }
      return reply.type('application/json; charset=utf-8').send(json);
    };

    resource('/statements', {
      GET: getHandler,
      PUT: async (x, reply) => {
        onlyParams(x, ['statementId']);
        const id = x.query.statementId;
        if (typeof id !== 'string') throw bad('statementId: is required for PUT');
        const { statements, attachments } = statementBody(x);
        if (Array.isArray(statements)) throw bad('PUT takes one statement, not an array');
        await storeStatements({ db: deps.db, providerId: x.client.providerId, credentialId: x.client.credentialId, authority: x.client.authority, version: x.version, hooks }, statements, attachments, { putId: validUuidParam(id), batchLimit: xapi.maxBatch });
        return reply.status(204).send();
      },
      POST: async (x, reply) => {
        onlyParams(x, []);
        const { statements, attachments } = statementBody(x);
        const ids = await storeStatements({ db: deps.db, providerId: x.client.providerId, credentialId: x.client.credentialId, authority: x.client.authority, version: x.version, hooks }, statements, attachments, { batchLimit: xapi.maxBatch });
        return reply.status(200).type('application/json; charset=utf-8').send(JSON.stringify(ids));
      },
    });

    // --- Documents --------------------------------------------------------------------------
    const documentHandler =
      (kind: DocumentKind): Handler =>
      async (x, reply) => {
        const result = await handleDocument({ db: deps.db, providerId: x.client.providerId, version: x.version, kind, method: x.method, query: x.query, headers: x.headers, contentType: x.contentType, body: x.body });
        if (result.etag) reply.header('etag', result.etag);
        if (result.status === 204) return reply.status(204).send();
        if (result.lastModified) reply.header('last-modified', result.lastModified.toUTCString());
        return reply.status(200).type(result.contentType).send(result.body);
      };
    for (const [url, kind] of [['/activities/state', 'state'], ['/activities/profile', 'activity_profile'], ['/agents/profile', 'agent_profile']] as const) {
      const h = documentHandler(kind);
      resource(url, { GET: h, PUT: h, POST: h, DELETE: h });
    }

    // --- Activities and Agents --------------------------------------------------------------
    resource('/activities', {
      GET: async (x, reply) => {
        onlyParams(x, ['activityId']);
        if (typeof x.query.activityId !== 'string') throw bad('activityId: is required');
        const id = validateIri(x.query.activityId, 'activityId');
        const row = await repo.findActivity(deps.db, x.client.providerId, id);
        // An activity the store has not seen is still an Activity: answer with its id alone.
        const activity: JsonObject = { objectType: 'Activity', id };
        if (row && isObject(row.definition)) activity.definition = row.definition;
        return reply.type('application/json; charset=utf-8').send(JSON.stringify(activity));
      },
    });

    resource('/agents', {
      GET: async (x, reply) => {
        onlyParams(x, ['agent']);
        if (typeof x.query.agent !== 'string') throw bad('agent: is required');
        let agent: unknown;
        try {
          agent = JSON.parse(x.query.agent);
        } catch {
          throw bad('agent: must be a JSON Agent');
        }
        const a = validateAgentOnly(agent, x.version);
        const known = await repo.findActor(deps.db, x.client.providerId, ifiOf(a)!);
        const person: Record<string, unknown> = { objectType: 'Person' };
        const source = (known?.agent as JsonObject | undefined) ?? a;
        const name = source.name ?? a.name;
        if (typeof name === 'string') person.name = [name];
        for (const k of ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const) if (k in a) person[k] = [a[k]];
        return reply.type('application/json; charset=utf-8').send(JSON.stringify(person));
      },
    });
  };
}

function validUuidParam(id: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw bad('statementId: must be a UUID');
  return id.toLowerCase();
}
