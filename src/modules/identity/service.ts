// Identity and access: sign-in, sessions, password change, accounts and grants, API tokens.
import type { Kysely } from 'kysely';
import type { DB, Role, ScopeType } from '../../db/schema.ts';
import type { Caller, Deps } from '../../context.ts';
import { formatScope, parseScope, type Actor, type Grant } from '../../http/actor.ts';
import { problems } from '../../http/problem.ts';
import { recordAudit } from '../audit/service.ts';
import { hashPassword, passwordWeakness, verifyPassword } from './passwords.ts';
import { administeredScopes, mayGrant, mayManageToken } from './policy.ts';
import * as limits from './rate-limit.ts';
import * as repo from './repository.ts';
import { authChanged, forgetUser, sessionCacheOf } from './session-cache.ts';
import { newApiToken, randomSecret, sha256 } from './tokens.ts';

export const SESSION_COOKIE = 'kembang_session';

// ---------- resolving who is asking ----------

/** Refresh a session's expiry at most once a minute, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export async function actorFromSession({ db, config }: Deps, sessionToken: string): Promise<Actor | null> {
  const id = sha256(sessionToken);
  // session, account and grants: one round trip, or none while cached (session-cache.ts says when that is consistent)
  const cache = sessionCacheOf(db);
  const load = () => repo.findLiveSessionWithGrants(db, id);
  const session = cache ? await cache.read(id, load) : await load();
  if (!session || session.disabled) return null;
  if (Date.now() - session.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    const seen = new Date();
    const expires = new Date(seen.getTime() + config.sessionTtlHours * 3_600_000);
    await repo.touchSession(db, id, expires, seen);
    cache?.touched(id, seen, expires);
  }
  return {
    type: 'user',
    id: session.user_id,
    label: session.email,
    grants: session.grants.map((g) => ({ role: g.role, scopeType: g.scope_type, scopeId: g.scope_id })),
    civilServantId: session.civil_servant_id,
    session: { id, csrfToken: session.csrf_token },
  };
}

export async function actorFromApiToken({ db }: Deps, token: string): Promise<Actor | null> {
  const row = await repo.findLiveTokenByHash(db, sha256(token));
  if (!row) return null;
  // Like sessions, the last-used time is refreshed at most once a minute: busy machine clients
  // would otherwise all write the same row on every request.
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > TOUCH_INTERVAL_MS) await repo.touchToken(db, row.id);
  return {
    type: 'token',
    id: row.id,
    label: `token:${row.name}`,
    grants: [{ role: row.role, scopeType: row.scope_type, scopeId: row.scope_id }],
    civilServantId: null,
  };
}

// ---------- sign-in ----------

export interface LoginInput {
  identifier: string;
  password: string;
  ip: string;
  userAgent: string | undefined;
}

async function openSession(db: Kysely<DB>, config: Deps['config'], userId: string, via: 'password' | 'oidc', ip: string, userAgent: string | undefined) {
  const token = randomSecret();
  await repo.insertSession(db, {
    id: sha256(token),
    user_id: userId,
    csrf_token: randomSecret(24),
    via,
    ip,
    user_agent: userAgent?.slice(0, 300) ?? null,
    expires_at: new Date(Date.now() + config.sessionTtlHours * 3_600_000),
    last_seen_at: new Date(),
  });
  return token;
}

/**
 * Checks a password sign-in. Throttling is by client address (429) and by identifier (423 after
 * too many failures), whether or not the account exists, so responses do not reveal accounts.
 */
export async function login(deps: Deps, input: LoginInput): Promise<{ sessionToken: string; userId: string }> {
  const { db, config } = deps;
  const identifier = input.identifier.trim().toLowerCase();
  const window = limits.currentWindow(config.loginLockMinutes);
  const retryAfter = Math.ceil((window.end.getTime() - Date.now()) / 1000);

  const ipCount = await limits.increment(db, `login-ip:${input.ip}`, window);
  if (ipCount > config.loginMaxPerIp) {
    throw problems.tooManyRequests('Too many sign-in attempts from this address. Try again later.', retryAfter);
  }
  const failKey = `login-fail:${identifier}`;
  if ((await limits.countIn(db, failKey, window)) >= config.loginMaxFailures) {
    throw problems.locked(`Too many failed sign-ins for this account. Try again in ${Math.ceil(retryAfter / 60)} minutes.`, retryAfter);
  }

  const user = await repo.findUserByLogin(db, identifier);
  const ok = await verifyPassword(user && !user.disabled ? user.password_hash : null, input.password);
  if (!user || !ok || user.disabled) {
    const failures = await limits.increment(db, failKey, window);
    await recordAudit(db, { actor: null, systemLabel: identifier.slice(0, 100) }, {
      action: 'auth.login_failed',
      entityType: 'user_account',
      entityId: user?.id ?? identifier.slice(0, 100),
      scopeType: 'national',
      scopeId: null,
      after: { ip: input.ip, failures },
    });
    throw problems.unauthenticated('Wrong e-mail/NIP or password.');
  }
  await limits.reset(db, failKey);
  const sessionToken = await openSession(db, config, user.id, 'password', input.ip, input.userAgent);
  return { sessionToken, userId: user.id };
}

export async function loginWithOidcIdentity(
  deps: Deps,
  claims: { sub: string; email?: string; nip?: string },
  ip: string,
  userAgent: string | undefined,
): Promise<{ sessionToken: string; userId: string }> {
  const { db, config } = deps;
  let user = await repo.findUserByOidcSubject(db, claims.sub);
  if (!user && claims.email) {
    // First SSO sign-in: link by the e-mail the SSO vouches for. Accounts are never created here:
    // access comes from grants an admin gave, not from merely having an SSO identity.
    const byEmail = await repo.findUserByEmail(db, claims.email);
    if (byEmail) {
      await repo.linkOidcSubject(db, byEmail.id, claims.sub);
      user = byEmail;
    }
  }
  if (!user && claims.nip) {
    const byNip = await repo.findUserByLogin(db, claims.nip);
    if (byNip) {
      await repo.linkOidcSubject(db, byNip.id, claims.sub);
      user = byNip;
    }
  }
  if (!user || user.disabled) throw problems.forbidden('Your SSO identity has no Kembang account. Ask your agency admin to create one.');
  const sessionToken = await openSession(db, config, user.id, 'oidc', ip, userAgent);
  return { sessionToken, userId: user.id };
}

export async function logout({ db }: Deps, actor: Actor): Promise<void> {
  if (!actor.session) return;
  await db.transaction().execute(async (tx) => {
    await repo.deleteSession(tx, actor.session!.id);
    await authChanged(tx, actor.id); // other instances drop it from their session caches
  });
  forgetUser(db, actor.id);
}

export async function changePassword(deps: Deps, caller: Caller & { actor: Actor }, current: string, next: string): Promise<void> {
  const { db } = deps;
  const user = await repo.findUserById(db, caller.actor.id);
  if (!user) throw problems.unauthenticated();
  if (!(await verifyPassword(user.password_hash, current))) {
    throw problems.validation([{ field: 'body.currentPassword', message: 'is not your current password' }]);
  }
  const weakness = passwordWeakness(next, [user.email.split('@')[0], user.nip ?? '']);
  if (weakness) throw problems.validation([{ field: 'body.newPassword', message: weakness }]);
  if (current === next) throw problems.validation([{ field: 'body.newPassword', message: 'must differ from the current password' }]);
  const hash = await hashPassword(next);
  await db.transaction().execute(async (tx) => {
    await repo.setPasswordHash(tx, user.id, hash);
    // Other sessions may belong to whoever knew the old password: end them.
    await repo.deleteOtherSessions(tx, user.id, caller.actor.session?.id ?? null);
    await authChanged(tx, user.id);
    await recordAudit(tx, caller, { action: 'user.password_changed', entityType: 'user_account', entityId: user.id, scopeType: 'national', scopeId: null });
  });
  forgetUser(db, user.id);
}

// ---------- who am I ----------

async function describeGrants(db: Kysely<DB>, grants: Grant[]) {
  const agencies = await repo.scopeCodesByIds(db, 'agency', grants.filter((g) => g.scopeType === 'agency').map((g) => g.scopeId as number));
  const providers = await repo.scopeCodesByIds(db, 'provider', grants.filter((g) => g.scopeType === 'provider').map((g) => g.scopeId as number));
  const byId = { agency: new Map(agencies.map((a) => [a.id, a])), provider: new Map(providers.map((p) => [p.id, p])) };
  return grants.map((g) => {
    const target = g.scopeType === 'national' ? null : byId[g.scopeType].get(g.scopeId as number);
    return { role: g.role, scope: formatScope(g.scopeType, target?.code), scopeType: g.scopeType, scopeId: g.scopeId, scopeName: target?.name ?? null };
  });
}

export async function me({ db }: Deps, actor: Actor) {
  const grants = await describeGrants(db, actor.grants);
  if (actor.type === 'token') {
    return { type: actor.type, id: actor.id, email: null, displayName: actor.label, locale: 'id' as const, civilServantId: null, grants, csrfToken: null };
  }
  const user = await repo.findUserById(db, actor.id);
  if (!user) throw problems.unauthenticated();
  return {
    type: actor.type,
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    locale: user.locale,
    civilServantId: user.civil_servant_id,
    grants,
    csrfToken: actor.session?.csrfToken ?? null,
  };
}

// ---------- accounts and grants ----------

export interface ResolvedScope {
  scopeType: ScopeType;
  scopeId: number | null;
}

/** Turns `national`, `agency:CODE` or `provider:CODE` into ids; a wrong scope is a 400 naming the field. */
export async function resolveScope(db: Kysely<DB>, text: string, field: string): Promise<ResolvedScope> {
  const parsed = parseScope(text);
  if (!parsed) throw problems.validation([{ field, message: 'must be "national", "agency:<code>" or "provider:<code>"' }]);
  if (parsed.scopeType === 'national') return { scopeType: 'national', scopeId: null };
  const target = await repo.scopeIdByCode(db, parsed.scopeType as 'agency' | 'provider', parsed.code as string);
  if (!target) throw problems.validation([{ field, message: `no ${parsed.scopeType} with code "${parsed.code}"` }]);
  return { scopeType: parsed.scopeType, scopeId: target.id };
}

export function checkRoleFitsScope(role: Role, scope: ResolvedScope, field: string): void {
  const expected: Partial<Record<Role, ScopeType>> = { learner: 'agency', supervisor: 'agency', agency_admin: 'agency', provider_admin: 'provider', national_admin: 'national' };
  const want = expected[role];
  if (want && want !== scope.scopeType) throw problems.validation([{ field, message: `role ${role} is granted in a ${want} scope` }]);
}

export interface CreateUserInput {
  email: string;
  displayName?: string;
  password?: string;
  nip?: string;
  role: Role;
  scope: string;
}

export async function createUser(deps: Deps, caller: Caller, input: CreateUserInput) {
  const { db } = deps;
  const scope = await resolveScope(db, input.scope, 'body.scope');
  checkRoleFitsScope(input.role, scope, 'body.role');
  if (caller.actor && !mayGrant(caller.actor, input.role, scope.scopeType, scope.scopeId)) {
    throw problems.forbidden(`You may not grant ${input.role} in ${input.scope}.`);
  }
  if (input.password !== undefined) {
    const weakness = passwordWeakness(input.password, [input.email.split('@')[0], input.nip ?? '']);
    if (weakness) throw problems.validation([{ field: 'body.password', message: weakness }]);
  }
  if (await repo.findUserByEmail(db, input.email)) throw problems.conflict(`An account with e-mail ${input.email} already exists.`);
  let civilServantId: number | null = null;
  if (input.nip) {
    if (await repo.findUserByLogin(db, input.nip)) throw problems.conflict(`An account with NIP ${input.nip} already exists.`);
    const person = await db.selectFrom('civil_servant').select(['id', 'agency_id']).where('nip', '=', input.nip).executeTakeFirst();
    civilServantId = person?.id ?? null;
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return db.transaction().execute(async (tx) => {
    const user = await repo.insertUser(tx, {
      email: input.email.trim(),
      display_name: input.displayName?.trim() || input.email.trim(),
      nip: input.nip ?? null,
      password_hash: passwordHash,
      civil_servant_id: civilServantId,
    });
    const grant = await repo.insertGrant(tx, user.id, input.role, scope.scopeType, scope.scopeId);
    await recordAudit(tx, caller, { action: 'user.created', entityType: 'user_account', entityId: user.id, scopeType: scope.scopeType, scopeId: scope.scopeId, after: { ...user, grants: [grant] } });
    return { ...user, grants: await describeGrants(tx, [{ role: grant.role, scopeType: grant.scope_type, scopeId: grant.scope_id }]) };
  });
}

export async function listUsers({ db }: Deps, actor: Actor, limit: number, offset: number) {
  const users = await repo.listUsers(db, administeredScopes(actor), limit, offset);
  const grants = await repo.grantsOfUsers(db, users.map((u) => u.id));
  const described = await describeGrants(db, grants.map((g) => ({ role: g.role, scopeType: g.scope_type, scopeId: g.scope_id })));
  return users.map((u) => ({ ...u, grants: described.filter((_, i) => grants[i].user_id === u.id) }));
}

// ---------- API tokens ----------

export interface CreateTokenInput {
  name: string;
  scope: string;
  role?: Role;
}

const DEFAULT_TOKEN_ROLE: Record<ScopeType, Role> = { national: 'auditor', agency: 'agency_admin', provider: 'provider_admin' };

/** Creates a token and returns its secret once; only its hash is kept. */
export async function createApiToken(deps: Deps, caller: Caller, input: CreateTokenInput) {
  const { db } = deps;
  const scope = await resolveScope(db, input.scope, 'body.scope');
  const role = input.role ?? DEFAULT_TOKEN_ROLE[scope.scopeType];
  checkRoleFitsScope(role, scope, 'body.role');
  if (caller.actor && !mayGrant(caller.actor, role, scope.scopeType, scope.scopeId)) {
    throw problems.forbidden(`You may not create a ${role} token in ${input.scope}.`);
  }
  const secret = newApiToken();
  return db.transaction().execute(async (tx) => {
    const row = await repo.insertToken(tx, {
      name: input.name.trim(),
      prefix: secret.prefix,
      token_hash: secret.hash,
      role,
      scope_type: scope.scopeType,
      scope_id: scope.scopeId,
      created_by: caller.actor?.type === 'user' ? caller.actor.id : null,
    });
    await recordAudit(tx, caller, { action: 'token.created', entityType: 'api_token', entityId: row.id, scopeType: row.scope_type, scopeId: row.scope_id, after: row });
    return { ...row, scope: input.scope, token: secret.token };
  });
}

export async function listApiTokens({ db }: Deps, actor: Actor) {
  return repo.listTokens(db, administeredScopes(actor));
}

export async function revokeApiToken({ db }: Deps, caller: Caller & { actor: Actor }, id: string) {
  const token = await repo.findToken(db, id);
  // Tokens outside one's scope answer 404: their existence is not the caller's business.
  if (!token || !mayManageToken(caller.actor, token)) throw problems.notFound('No such token.');
  return db.transaction().execute(async (tx) => {
    const revoked = await repo.revokeToken(tx, id);
    if (!revoked) throw problems.conflict('This token is already revoked.');
    await recordAudit(tx, caller, { action: 'token.revoked', entityType: 'api_token', entityId: id, scopeType: token.scope_type, scopeId: token.scope_id, before: token, after: revoked });
    return revoked;
  });
}

export async function housekeeping({ db }: Deps): Promise<void> {
  await repo.purgeExpiredSessions(db);
  await limits.purgeOld(db, new Date(Date.now() - 24 * 3_600_000));
}
