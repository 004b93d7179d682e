// HTTP routes of identity and access: sign-in (password and SSO), session, password, accounts, tokens.
import { Type } from 'typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Deps } from '../../context.ts';
import { actorOf, callerOf } from '../../http/access.ts';
import { Nullable, responses, UuidParam, Paging } from '../../http/schemas.ts';
import * as schemas from './schemas.ts';
import * as service from './service.ts';
import { finishOidc, startOidc } from './oidc.ts';

export function identityRoutes(deps: Deps) {
  return async function (app: FastifyInstance) {
    const setSessionCookie = (reply: FastifyReply, token: string) =>
      reply.setCookie(service.SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.cookieSecure,
        maxAge: deps.config.sessionTtlHours * 3600,
      });

    app.get('/api/auth/config', {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Sign-in options shown on the login page', response: responses({ 200: schemas.AuthConfigView }) },
      handler: async () => ({ oidc: { enabled: Boolean(deps.config.oidc), label: deps.config.oidc?.label ?? null } }),
    });

    app.post('/api/auth/login', {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Sign in with e-mail or NIP and password; sets the session cookie', body: schemas.LoginBody, response: responses({ 200: schemas.MeView }) },
      handler: async (request, reply) => {
        const { identifier, password } = request.body as { identifier: string; password: string };
        const { sessionToken } = await service.login(deps, { identifier, password, ip: request.ip, userAgent: request.headers['user-agent'] });
        setSessionCookie(reply, sessionToken);
        const actor = await service.actorFromSession(deps, sessionToken);
        return service.me(deps, actor!);
      },
    });

    app.post('/api/auth/logout', {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'End this session', response: responses({ 204: Type.Null() }) },
      handler: async (request, reply) => {
        await service.logout(deps, actorOf(request));
        reply.clearCookie(service.SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    });

    // Public pages ask this instead of /me: anonymous visitors get 200 with `me: null`, not a 401.
    app.get('/api/auth/session', {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'The signed-in user (as /api/auth/me), or null for anonymous visitors', response: responses({ 200: Type.Object({ me: Nullable(schemas.MeView) }) }) },
      handler: async (request) => ({ me: request.actor ? await service.me(deps, request.actor) : null }),
    });

    app.get('/api/auth/me', {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'Who I am, my roles per scope, and the CSRF token for this session', response: responses({ 200: schemas.MeView }) },
      handler: async (request) => service.me(deps, actorOf(request)),
    });

    app.post('/api/auth/password', {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'Change my password (ends my other sessions)', body: schemas.PasswordBody, response: responses({ 204: Type.Null() }) },
      handler: async (request, reply) => {
        const body = request.body as { currentPassword: string; newPassword: string };
        await service.changePassword(deps, callerOf(request), body.currentPassword, body.newPassword);
        return reply.status(204).send();
      },
    });

    app.get('/api/auth/oidc/start', {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Start SSO sign-in (redirects to the SSO)', querystring: schemas.OidcStartQuery, response: responses({ 302: Type.Null() }) },
      handler: async (request, reply) => reply.redirect(await startOidc(deps, (request.query as { returnTo?: string }).returnTo)),
    });

    app.get('/api/auth/oidc/callback', {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Where the SSO returns; sets the session cookie and redirects into the app', querystring: schemas.OidcCallbackQuery, response: responses({ 302: Type.Null() }) },
      handler: async (request, reply) => {
        const identity = await finishOidc(deps, request.query as Record<string, string | undefined>);
        const { sessionToken } = await service.loginWithOidcIdentity(deps, identity, request.ip, request.headers['user-agent']);
        setSessionCookie(reply, sessionToken);
        return reply.redirect(identity.returnTo);
      },
    });

    app.get('/api/users', {
      config: { access: { roles: ['national_admin', 'agency_admin', 'provider_admin'] } },
      schema: {
        tags: ['users'],
        summary: 'Accounts in the scopes I administer',
        querystring: Type.Object({ ...Paging, offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })) }, { additionalProperties: false }),
        response: responses({ 200: Type.Object({ items: Type.Array(schemas.UserView) }) }),
      },
      handler: async (request) => {
        const q = request.query as { limit: number; offset: number };
        return { items: await service.listUsers(deps, actorOf(request), q.limit, q.offset) };
      },
    });

    app.post('/api/users', {
      config: { access: { roles: ['national_admin', 'agency_admin', 'provider_admin'] } },
      schema: { tags: ['users'], summary: 'Create an account with a role in a scope', body: schemas.CreateUserBody, response: responses({ 201: schemas.UserView }) },
      handler: async (request, reply) => reply.status(201).send(await service.createUser(deps, callerOf(request), request.body as service.CreateUserInput)),
    });

    app.get('/api/tokens', {
      config: { access: { roles: ['national_admin', 'agency_admin', 'provider_admin'] } },
      schema: { tags: ['tokens'], summary: 'API tokens in the scopes I administer', response: responses({ 200: Type.Object({ items: Type.Array(schemas.TokenView) }) }) },
      handler: async (request) => ({ items: await service.listApiTokens(deps, actorOf(request)) }),
    });

    app.post('/api/tokens', {
      config: { access: { roles: ['national_admin', 'agency_admin', 'provider_admin'] } },
      schema: { tags: ['tokens'], summary: 'Create an API token for a machine client; the secret is shown once', body: schemas.CreateTokenBody, response: responses({ 201: schemas.CreatedTokenView }) },
      handler: async (request, reply) => reply.status(201).send(await service.createApiToken(deps, callerOf(request), request.body as service.CreateTokenInput)),
    });

    app.delete('/api/tokens/:id', {
      config: { access: { roles: ['national_admin', 'agency_admin', 'provider_admin'] } },
      schema: { tags: ['tokens'], summary: 'Revoke an API token', params: UuidParam, response: responses({ 200: schemas.TokenView }) },
      handler: async (request) => service.revokeApiToken(deps, callerOf(request), (request.params as { id: string }).id),
    });
  };
}
