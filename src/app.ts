// Builds the HTTP server from the modules. No global state: everything hangs off `deps`,
// so tests build as many independent apps as they like.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { Deps } from './context.ts';
import { registerAccessControl } from './http/access.ts';
import { ProblemSchema, registerProblemHandlers } from './http/problem.ts';
import { validatorCompiler } from './http/validation.ts';
import { analyticsRoutes } from './modules/analytics/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { catalogRoutes } from './modules/catalog/routes.ts';
import { certificateRoutes } from './modules/certificate/routes.ts';
import { evaluationRoutes } from './modules/evaluation/routes.ts';
import { competencyRoutes } from './modules/competency/routes.ts';
import { identityRoutes } from './modules/identity/routes.ts';
import { learningRoutes } from './modules/learning/routes.ts';
import { orgRoutes } from './modules/org/routes.ts';
import { planningRoutes } from './modules/planning/routes.ts';
import { allocationRoutes } from './modules/allocation/routes.ts';
import { registryRoutes } from './modules/org/registry-routes.ts';
import { importRoutes } from './modules/org/import/routes.ts';
import { systemRoutes } from './modules/system/routes.ts';
import { startSessionCache } from './modules/identity/session-cache.ts';
import { xapiLrs } from './modules/xapi/plugin.ts';
import { lrsManagementRoutes } from './modules/xapi/routes.ts';

export interface BuildOptions {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions['logger'];
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export async function buildApp({ config, database, logger }: BuildOptions): Promise<FastifyInstance> {
  const deps: Deps = { db: database.db, config };
  const app = Fastify({
    logger: logger ?? { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    bodyLimit: config.bodyLimit,
    // Honour a caller's request id (from a proxy) when it is sane; otherwise make one.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    trustProxy: process.env.TRUST_PROXY === 'true',
    // Idle keep-alive connections are closed at shutdown; in-flight requests finish first.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
  });

  app.setValidatorCompiler(validatorCompiler);
  app.addSchema(ProblemSchema);
  registerProblemHandlers(app);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (!request.url.startsWith('/docs')) reply.header('x-frame-options', 'DENY');
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Kembang API', version: '0.1.0', description: 'Competency development for Indonesia\'s civil service. Errors are RFC 9457 problem+json.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kembang_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'API token from POST /api/tokens or `kembang token create`' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (json.$id as string) || `def-${i}` },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // sessions read on every request are cached while this instance hears every logout (session-cache.ts)
  const stopSessionCache = await startSessionCache(database);
  app.addHook('onClose', stopSessionCache);
  registerAccessControl(app, deps);
  await app.register(systemRoutes(database));
  await app.register(identityRoutes(deps));
  await app.register(orgRoutes(deps));
  await app.register(registryRoutes(deps));
  await app.register(importRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(catalogRoutes(deps));
  await app.register(lrsManagementRoutes(deps));
  await app.register(xapiLrs(deps), { prefix: '/xapi' });
  await app.register(competencyRoutes(deps));
  await app.register(learningRoutes(deps));
  await app.register(certificateRoutes(deps));
  await app.register(evaluationRoutes(deps));
  await app.register(analyticsRoutes(deps));
  await app.register(planningRoutes(deps));
  await app.register(allocationRoutes(deps));
  await registerWebApp(app, config.webDist);
  return app;
}

/** Serves the built single-page app; unknown non-API paths fall back to index.html. */
async function registerWebApp(app: FastifyInstance, webDist: string): Promise<void> {
  const index = path.join(webDist, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn(`web app not built (${index} missing); run "npm run build"`);
    return;
  }
  await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, index: false, maxAge: '1h', immutable: false });
  const html = fs.readFileSync(index, 'utf8');
  const spa = async (_request: unknown, reply: import('fastify').FastifyReply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
      .send(html);
  app.get('/', { schema: { hide: true } }, spa);
  // Client-side routes of the app; anything under /api, /docs or with a file extension stays a 404.
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split('?')[0];
    if (/^\/(api|docs|xapi)(\/|$)/.test(url) || /\.[a-z0-9]+$/i.test(url)) return reply.callNotFound();
    return spa(request, reply);
  });
}
