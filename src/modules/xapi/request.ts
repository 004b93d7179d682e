// Every LRS request passes here first: the 1.0.3 alternate request syntax is unwrapped, the
// caller authenticated (HTTP Basic), the xAPI version negotiated, the rate limit and the
// credential's permissions checked. Handlers then see one uniform LrsRequest.
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../context.ts';
import { currentWindow, increment } from '../identity/rate-limit.ts';
import { authenticateBasic, type LrsClient } from './credentials.ts';
import { bad, forbidden, unauthorized, XapiError } from './errors.ts';
import * as repo from './repository.ts';
import { negotiateVersion, type XapiVersion } from './version.ts';

export type Method = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';

export interface LrsRequest {
  method: Method;
  headers: Record<string, string | undefined>;
  query: Record<string, unknown>;
  body: Buffer | undefined;
  contentType: string | undefined;
  version: XapiVersion;
  client: LrsClient;
}

declare module 'fastify' {
  interface FastifyRequest {
    xapiVersion?: XapiVersion;
  }
}

const FORM_HEADERS = ['authorization', 'x-experience-api-version', 'content-type', 'content-length', 'if-match', 'if-none-match'];
const METHODS: Method[] = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];

function headerMap(request: FastifyRequest): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(request.headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Unwraps `POST ...?method=PUT` with a form body (xAPI 1.0.3 "alternate request syntax"). */
function unwrapAlternate(request: FastifyRequest): { method: Method; headers: Record<string, string | undefined>; query: Record<string, unknown>; body: Buffer | undefined } {
  const query = { ...(request.query as Record<string, unknown>) };
  const headers = headerMap(request);
  const body = Buffer.isBuffer(request.body) ? request.body : undefined;
  if (!('method' in query)) return { method: request.method as Method, headers, query, body };

  const headerVersion = headers['x-experience-api-version'];
  if (headerVersion && /^2\./.test(headerVersion.trim())) throw bad('The alternate request syntax (a "method" parameter) is not part of xAPI 2.0.');
  if (request.method !== 'POST') throw bad('The alternate request syntax is only for POST requests.');
  const others = Object.keys(query).filter((k) => k !== 'method');
  if (others.length) throw bad(`With the alternate request syntax every parameter goes in the form body; found ${others.join(', ')} in the URL.`);
  const method = String(query.method).toUpperCase() as Method;
  if (!METHODS.includes(method)) throw bad(`method: "${String(query.method)}" is not an HTTP method of the LRS`);
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(headers['content-type'] ?? '')) {
    throw bad('The alternate request syntax needs Content-Type: application/x-www-form-urlencoded.');
  }
  const form = new URLSearchParams((body ?? Buffer.alloc(0)).toString('utf8'));
  const outHeaders: Record<string, string | undefined> = { authorization: headers.authorization, 'x-experience-api-version': headers['x-experience-api-version'] };
  const outQuery: Record<string, unknown> = {};
  let content: Buffer | undefined;
  for (const [k, v] of form) {
    const lower = k.toLowerCase();
    if (FORM_HEADERS.includes(lower)) outHeaders[lower] = v;
    else if (k === 'content') content = Buffer.from(v, 'utf8');
    else if (k in outQuery) throw bad(`Parameter "${k}" is given more than once.`);
    else outQuery[k] = v;
  }
  if ((method === 'PUT' || method === 'POST') && content === undefined) throw bad('The alternate request syntax sends the body in a form field named "content".');
  if (content !== undefined && !outHeaders['content-type']) outHeaders['content-type'] = 'application/json';
  return { method, headers: outHeaders, query: outQuery, body: content };
}

async function clientWithoutAuth(deps: Deps): Promise<LrsClient> {
  const code = deps.config.xapi.openProvider;
  const provider = await repo.providerByCode(deps.db, code);
  if (!provider) throw new XapiError(503, `XAPI_AUTH is off but XAPI_OPEN_PROVIDER "${code}" is not a provider.`);
  return {
    credentialId: null,
    providerId: provider.id,
    mayRead: true,
    mayWrite: true,
    lastVersion: null,
    authority: { objectType: 'Agent', name: 'Kembang LRS (open)', account: { homePage: `${deps.config.publicUrl}/xapi`, name: 'open' } },
  };
}

/** The version a request asks for, or null when its header is missing or unsupported. */
export function requestedVersion(request: FastifyRequest): XapiVersion | null {
  try {
    return negotiateVersion(request.headers['x-experience-api-version']);
  } catch {
    return null;
  }
}

export async function prepare(deps: Deps, request: FastifyRequest): Promise<LrsRequest> {
  const unwrapped = unwrapAlternate(request);
  const { headers } = unwrapped;
  let client: LrsClient | null;
  if (deps.config.xapi.auth) {
    client = await authenticateBasic(deps, headers.authorization);
    if (!client) {
      throw unauthorized(headers.authorization ? 'These LRS credentials are unknown, revoked or malformed.' : 'Send the LRS key and secret with HTTP Basic authentication.');
    }
  } else {
    client = await clientWithoutAuth(deps);
  }
  let version: XapiVersion;
  try {
    version = negotiateVersion(headers['x-experience-api-version']);
  } catch (error) {
    // A request that names no (or no known) version is answered in the version this client last spoke.
    if (client.lastVersion) request.xapiVersion = client.lastVersion;
    throw error;
  }
  request.xapiVersion = version;
  if (client.credentialId && client.lastVersion !== version) await repo.setCredentialVersion(deps.db, client.credentialId, version);
  if (client.credentialId && deps.config.xapi.rateLimitPerMinute > 0) {
    const window = currentWindow(1);
    const count = await increment(deps.db, `xapi:${client.credentialId}`, window);
    if (count > deps.config.xapi.rateLimitPerMinute) {
      const retry = Math.max(1, Math.ceil((window.end.getTime() - Date.now()) / 1000));
      throw new XapiError(429, `Rate limit of ${deps.config.xapi.rateLimitPerMinute} requests per minute reached for this credential.`, { 'retry-after': String(retry) });
    }
  }
  const method = unwrapped.method;
  if ((method === 'GET' || method === 'HEAD') && !client.mayRead) throw forbidden('This credential may not read from the LRS.');
  if (method !== 'GET' && method !== 'HEAD' && !client.mayWrite) throw forbidden('This credential may not write to the LRS.');
  return {
    method,
    headers,
    query: unwrapped.query,
    body: unwrapped.body,
    contentType: headers['content-type'],
    version,
    client,
  };
}
