// Authentication and the first gate of authorisation, for every route.
// Each /api route declares `config.access`; a route without one refuses to register, so no
// route can forget authorisation. Finer, record-level decisions live in each module's policy.ts.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../context.ts';
import { actorFromApiToken, actorFromSession, SESSION_COOKIE } from '../modules/identity/service.ts';
import { hasRole, type Actor, type Role } from './actor.ts';
import { problems } from './problem.ts';

export type Access = 'public' | 'authenticated' | { roles: Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function resolveActor(deps: Deps, request: FastifyRequest): Promise<Actor | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    // The LRS speaks HTTP Basic on its own routes; elsewhere only bearer tokens are accepted.
    if (!match) return null;
    const actor = await actorFromApiToken(deps, match[1]);
    if (!actor) throw problems.unauthenticated('This API token is unknown or revoked.');
    return actor;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? actorFromSession(deps, cookie) : null;
}

export function registerAccessControl(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api') && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} declares no config.access; every API route must say who may call it.`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) return; // static files, docs, and the not-found handler
    request.actor = await resolveActor(deps, request);
    if (access === 'public') return;
    const actor = request.actor;
    if (!actor) throw problems.unauthenticated();
    if (typeof access === 'object' && !hasRole(actor, ...access.roles)) {
      throw problems.forbidden(`This needs one of the roles: ${access.roles.join(', ')}.`);
    }
    if (actor.session && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameSecret(sent, actor.session.csrfToken)) throw problems.csrf();
    }
  });
}

/** The actor of a route that is not public (the access hook has already refused anonymous calls). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw problems.unauthenticated();
  return request.actor;
}

export const callerOf = (request: FastifyRequest) => ({ actor: actorOf(request), requestId: String(request.id) });
