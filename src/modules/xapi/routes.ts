// Management API of the LRS under /api/lrs: credentials of a provider's store, and browsing
// its statements and the actors/activities not yet mapped to people and programmes.
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../context.ts';
import { actorOf, callerOf } from '../../http/access.ts';
import { problems } from '../../http/problem.ts';
import { DateTime, Nullable, responses, UuidParam } from '../../http/schemas.ts';
import * as credentials from './credentials.ts';
import { isObject } from './formats.ts';
import { listLedgerEntries } from './ledger.ts';
import { readableStores } from './policy.ts';
import * as repo from './repository.ts';
import { ifiOf } from './shape.ts';

const CredentialView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  provider_id: Type.Integer(),
  provider_code: Type.String(),
  name: Type.String(),
  key: Type.String(),
  may_read: Type.Boolean(),
  may_write: Type.Boolean(),
  created_at: DateTime,
  last_used_at: Nullable(DateTime),
  revoked_at: Nullable(DateTime),
});

const CreatedCredentialView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  provider_code: Type.String(),
  name: Type.String(),
  key: Type.String(),
  secret: Type.String({ description: 'Shown once; only its hash is kept' }),
  endpoint: Type.String(),
});

const CreateCredentialBody = Type.Object(
  {
    provider: Type.String({ minLength: 1, maxLength: 60, description: 'Provider code, e.g. LAN' }),
    name: Type.String({ minLength: 1, maxLength: 120, description: 'A label, e.g. the LMS' }),
    mayRead: Type.Optional(Type.Boolean({ default: true })),
    mayWrite: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

const StatementSummary = Type.Object({
  seq: Type.Integer(),
  id: Type.String(),
  provider_code: Type.String(),
  stored: DateTime,
  verb_id: Type.String(),
  activity_id: Nullable(Type.String()),
  voided: Type.Boolean(),
  statement: Type.Unknown(),
});

const ADMINS = ['national_admin', 'provider_admin'] as const;

export function lrsManagementRoutes(deps: Deps) {
  return async function (app: FastifyInstance) {
    app.get('/api/lrs/credentials', {
      config: { access: { roles: [...ADMINS] } },
      schema: { tags: ['lrs'], summary: 'LRS credentials of the stores I administer', response: responses({ 200: Type.Object({ items: Type.Array(CredentialView) }) }) },
      handler: async (request) => ({ items: await credentials.listCredentials(deps, actorOf(request)) }),
    });

    app.post('/api/lrs/credentials', {
      config: { access: { roles: [...ADMINS] } },
      schema: { tags: ['lrs'], summary: 'Create LRS credentials (HTTP Basic key/secret) for a provider\'s store; the secret is shown once', body: CreateCredentialBody, response: responses({ 201: CreatedCredentialView }) },
      handler: async (request, reply) => reply.status(201).send(await credentials.createCredential(deps, callerOf(request), request.body as credentials.CreateCredentialInput)),
    });

    app.delete('/api/lrs/credentials/:id', {
      config: { access: { roles: [...ADMINS] } },
      schema: { tags: ['lrs'], summary: 'Revoke LRS credentials', params: UuidParam, response: responses({ 200: Type.Omit(CredentialView, ['provider_code']) }) },
      handler: async (request) => credentials.revokeCredential(deps, callerOf(request), (request.params as { id: string }).id),
    });

    app.get('/api/lrs/statements', {
      config: { access: { roles: ['national_admin', 'provider_admin', 'auditor'] } },
      schema: {
        tags: ['lrs'],
        summary: 'Browse the statements of the stores I may read, newest first',
        querystring: Type.Object(
          {
            provider: Type.Optional(Type.String({ maxLength: 60, description: 'Provider code' })),
            person: Type.Optional(Type.String({ maxLength: 500, description: 'An e-mail address, a NIP (account name), or an Agent as JSON' })),
            activity: Type.Optional(Type.String({ maxLength: 2048 })),
            verb: Type.Optional(Type.String({ maxLength: 2048 })),
            from: Type.Optional(Type.String({ format: 'date' })),
            to: Type.Optional(Type.String({ format: 'date', description: 'inclusive' })),
            before: Type.Optional(Type.Integer({ minimum: 1, description: 'Statements with a sequence below this (paging)' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Object({ items: Type.Array(StatementSummary) }) }),
      },
      handler: async (request) => {
        const q = request.query as { provider?: string; person?: string; activity?: string; verb?: string; from?: string; to?: string; before?: number; limit: number };
        let stores = readableStores(actorOf(request));
        if (q.provider) {
          const provider = await repo.providerByCode(deps.db, q.provider);
          if (!provider || (stores !== 'all' && !stores.includes(provider.id))) throw problems.notFound(`No store you may read for provider ${q.provider}.`);
          stores = [provider.id];
        }
        if (stores !== 'all' && stores.length === 0) throw problems.forbidden('You read no LRS store.');
        let agentIfi: string | undefined;
        if (q.person) {
          const p = q.person.trim();
          if (p.startsWith('{')) {
            try {
              const parsed: unknown = JSON.parse(p);
              agentIfi = isObject(parsed) ? (ifiOf(parsed) ?? undefined) : undefined;
            } catch {
              throw problems.validation([{ field: 'querystring.person', message: 'is not valid JSON' }]);
            }
            if (!agentIfi) throw problems.validation([{ field: 'querystring.person', message: 'needs mbox, mbox_sha1sum, openid or account' }]);
          } else if (p.includes('@')) {
            agentIfi = `mbox:${(p.startsWith('mailto:') ? p : `mailto:${p}`).toLowerCase()}`;
          } else {
            // A NIP (or another account name) on the national SSO's account home page.
            agentIfi = `account:${JSON.stringify([deps.config.oidc?.issuer ?? deps.config.publicUrl, p])}`;
          }
        }
        const until = q.to ? new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000) : undefined;
        const rows = await repo.browseStatements(deps.db, {
          providerIds: stores,
          agentIfi,
          activity: q.activity,
          verb: q.verb,
          since: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
          until,
          before: q.before,
          limit: q.limit,
        });
        return { items: rows };
      },
    });

    app.get('/api/lrs/ledger', {
      config: { access: { roles: ['national_admin', 'provider_admin', 'auditor'] } },
      schema: {
        tags: ['lrs'],
        summary: 'Completion statements of known civil servants on programmes, and what the JP ledger made of them (credited, held for review with the reason, duplicate, reversed)',
        querystring: Type.Object(
          {
            outcome: Type.Optional(Type.Union([Type.Literal('credited'), Type.Literal('held'), Type.Literal('duplicate'), Type.Literal('reversed')])),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
          },
          { additionalProperties: false },
        ),
        response: responses({
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                statement_id: Type.String(),
                provider_code: Type.String(),
                civil_servant_id: Type.Integer(),
                person_name: Type.String(),
                nip: Type.String(),
                programme_id: Type.Integer(),
                programme_title: Type.String(),
                jp: Type.Number(),
                learning_record_id: Nullable(Type.Integer()),
                record_status: Nullable(Type.String()),
                outcome: Type.String(),
                reason: Nullable(Type.String({ description: 'Why a completion is held for review' })),
                created_at: DateTime,
              }),
            ),
          }),
        }),
      },
      handler: async (request) => {
        const stores = readableStores(actorOf(request));
        if (stores !== 'all' && stores.length === 0) throw problems.forbidden('You read no LRS store.');
        const q = request.query as { outcome?: 'credited' | 'held' | 'duplicate' | 'reversed'; limit: number };
        const rows = await listLedgerEntries(deps.db, stores, q);
        return { items: rows.map((r) => ({ ...r, civil_servant_id: Number(r.civil_servant_id), jp: Number(r.jp) })) };
      },
    });

    app.get('/api/lrs/unmapped', {
      config: { access: { roles: ['national_admin', 'provider_admin', 'auditor'] } },
      schema: {
        tags: ['lrs'],
        summary: 'Actors and activities seen in statements that are not yet mapped to civil servants or programmes',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }, { additionalProperties: false }),
        response: responses({
          200: Type.Object({
            actors: Type.Array(Type.Object({ provider_id: Type.Integer(), ifi: Type.String(), agent: Type.Unknown(), first_seen: DateTime, last_seen: DateTime })),
            activities: Type.Array(Type.Object({ provider_id: Type.Integer(), id: Type.String(), definition: Type.Unknown(), first_seen: DateTime, last_seen: DateTime })),
          }),
        }),
      },
      handler: async (request) => {
        const stores = readableStores(actorOf(request));
        if (stores !== 'all' && stores.length === 0) throw problems.forbidden('You read no LRS store.');
        const { limit } = request.query as { limit: number };
        return { actors: await repo.listUnmappedActors(deps.db, stores, limit), activities: await repo.listUnmappedActivities(deps.db, stores, limit) };
      },
    });
  };
}
