// RFC 9457 problem details. Every error leaves the server as application/problem+json with a
// stable `type` URI, a human title, the status, and (for validation) the fields at fault.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { preferredLanguage } from './language.ts';
import { PROBLEM_TITLES_ID, validationMessageId } from './messages-id.ts';

const TYPE_BASE = 'https://kembang.go.id/problems/';

export interface FieldError {
  field: string;
  message: string;
}

export class Problem extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, type: string, title: string, detail?: string, extra: { errors?: FieldError[]; headers?: Record<string, string> } = {}) {
    super(detail ?? title);
    this.status = status;
    this.type = type;
    this.title = title;
    this.detail = detail;
    this.errors = extra.errors;
    this.headers = extra.headers ?? {};
  }
}

export const problems = {
  badRequest: (detail: string, errors?: FieldError[]) => new Problem(400, 'bad-request', 'Bad request', detail, { errors }),
  validation: (errors: FieldError[]) =>
    new Problem(400, 'validation', 'Invalid input', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors }),
  unauthenticated: (detail = 'Sign in first.') => new Problem(401, 'unauthenticated', 'Not signed in', detail),
  forbidden: (detail = 'You do not have access to this.') => new Problem(403, 'forbidden', 'Forbidden', detail),
  notFound: (detail = 'Not found.') => new Problem(404, 'not-found', 'Not found', detail),
  conflict: (detail: string) => new Problem(409, 'conflict', 'Conflict', detail),
  locked: (detail: string, retryAfterSeconds: number) =>
    new Problem(423, 'account-locked', 'Temporarily locked', detail, { headers: { 'retry-after': String(retryAfterSeconds) } }),
  tooManyRequests: (detail: string, retryAfterSeconds: number) =>
    new Problem(429, 'rate-limited', 'Too many requests', detail, { headers: { 'retry-after': String(retryAfterSeconds) } }),
  unavailable: (detail: string) => new Problem(503, 'unavailable', 'Service unavailable', detail),
  badGateway: (detail: string) => new Problem(502, 'bad-gateway', 'Upstream service failed', detail),
  csrf: () => new Problem(403, 'csrf', 'Missing or wrong CSRF token', 'Send the x-csrf-token header from GET /api/auth/me with every change made with a session cookie.'),
};

/** Response schema shared by every route's 4xx/5xx answers (for the OpenAPI document). */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', title: 'Problem (RFC 9457)' },
);

function send(reply: FastifyReply, request: FastifyRequest, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  const language = preferredLanguage(request.headers['accept-language']);
  reply.header('content-language', language);
  reply.header('vary', 'Accept-Language');
  if (language === 'id') body = { ...body, title: PROBLEM_TITLES_ID[String(body.type)] ?? body.title };
  return reply
    .status(status)
    .type('application/problem+json; charset=utf-8')
    .send({ ...body, type: TYPE_BASE + String(body.type), status, instance: request.url.split('?')[0] });
}

/** Turns Fastify's validation output into field errors named like `body.email`. */
function fieldErrors(error: FastifyError, indonesian: boolean): FieldError[] {
  const context = error.validationContext ?? 'body';
  return (error.validation ?? []).map((v) => {
    const base = `${context}${v.instancePath.replace(/\//g, '.')}`;
    const params = v.params as Record<string, unknown>;
    const local = indonesian ? validationMessageId(v.keyword, params) : undefined;
    if (v.keyword === 'additionalProperties') return { field: `${base}.${String(params.additionalProperty)}`, message: local ?? 'is not allowed here' };
    if (v.keyword === 'required') return { field: `${base}.${String(params.missingProperty)}`, message: local ?? 'is required' };
    return { field: base, message: local ?? v.message ?? 'is invalid' };
  });
}

const FRAMEWORK_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed-json', 'Malformed JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed-json', 'Empty JSON body'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body-too-large', 'Request body too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported-media-type', 'Unsupported media type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad-request', 'Invalid content length'],
  FST_ERR_CTP_INVALID_TYPE: [400, 'bad-request', 'Invalid content type'],
  FST_ERR_BAD_URL: [400, 'bad-request', 'Malformed URL'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'bad-request', 'Bad request'],
};

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof Problem) {
      return send(reply, request, error.status, { type: error.type, title: error.title, detail: error.detail, errors: error.errors }, error.headers);
    }
    if (error.validation) {
      const errors = fieldErrors(error, preferredLanguage(request.headers['accept-language']) === 'id');
      return send(reply, request, 400, { type: 'validation', title: 'Invalid input', detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors });
    }
    const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
    if (known) {
      return send(reply, request, known[0], { type: known[1], title: known[2], detail: error.message });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, request, error.statusCode, { type: 'bad-request', title: 'Bad request', detail: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, 500, { type: 'internal', title: 'Internal error', detail: `Something went wrong on our side. Quote request id ${request.id} when reporting it.` });
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, request, 404, { type: 'not-found', title: 'Not found', detail: `No route for ${request.method} ${request.url.split('?')[0]}` }),
  );
}
