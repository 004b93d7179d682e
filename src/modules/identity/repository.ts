// The SQL of the identity module: accounts, grants, sessions, API tokens, OIDC flows.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { ApiTokenTable, DB, Role, ScopeType, SessionTable, UserAccountTable } from '../../db/schema.ts';
import type { Grant } from '../../http/actor.ts';
import { executePrepared } from '../../db/prepared.ts';
import type { LiveSession } from './session-cache.ts';

export const userColumns = ['id', 'email', 'nip', 'display_name', 'civil_servant_id', 'locale', 'disabled', 'created_at'] as const;

export function findUserByLogin(db: Kysely<DB>, identifier: string) {
  const byNip = /^\d{18}$/.test(identifier);
  return db
    .selectFrom('user_account')
    .select([...userColumns, 'password_hash'])
    .where(byNip ? sql<boolean>`nip = ${identifier}` : sql<boolean>`lower(email) = ${identifier.toLowerCase()}`)
    .executeTakeFirst();
}

export function findUserById(db: Kysely<DB>, id: string) {
  return db.selectFrom('user_account').select([...userColumns, 'password_hash']).where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Kysely<DB>, email: string) {
  return db.selectFrom('user_account').select(userColumns).where(sql<boolean>`lower(email) = ${email.toLowerCase()}`).executeTakeFirst();
}

export function findUserByOidcSubject(db: Kysely<DB>, subject: string) {
  return db.selectFrom('user_account').select(userColumns).where('oidc_subject', '=', subject).executeTakeFirst();
}

export async function grantsOf(db: Kysely<DB>, userId: string): Promise<Grant[]> {
  const rows = await db.selectFrom('role_grant').select(['role', 'scope_type', 'scope_id']).where('user_id', '=', userId).orderBy('id').execute();
  return rows.map((r) => ({ role: r.role, scopeType: r.scope_type, scopeId: r.scope_id }));
}

export async function insertUser(db: Kysely<DB>, row: Insertable<UserAccountTable>) {
  return db.insertInto('user_account').values(row).returning(userColumns).executeTakeFirstOrThrow();
}

export async function insertGrant(db: Kysely<DB>, userId: string, role: Role, scopeType: ScopeType, scopeId: number | null) {
  return db.insertInto('role_grant').values({ user_id: userId, role, scope_type: scopeType, scope_id: scopeId }).returning(['id', 'role', 'scope_type', 'scope_id']).executeTakeFirstOrThrow();
}

export async function setPasswordHash(db: Kysely<DB>, userId: string, hash: string) {
  await db.updateTable('user_account').set({ password_hash: hash, password_changed_at: new Date() }).where('id', '=', userId).execute();
}

export async function linkOidcSubject(db: Kysely<DB>, userId: string, subject: string) {
  await db.updateTable('user_account').set({ oidc_subject: subject }).where('id', '=', userId).execute();
}

/** Users having a grant in any of the given scopes (or all users when `scopes` is 'all'). */
export async function listUsers(db: Kysely<DB>, scopes: 'all' | { agencyIds: number[]; providerIds: number[] }, limit: number, offset: number) {
  let q = db.selectFrom('user_account').select(userColumns).orderBy('email').limit(limit).offset(offset);
  if (scopes !== 'all') {
    q = q.where('id', 'in', (eb) =>
      eb
        .selectFrom('role_grant')
        .select('user_id')
        .where((w) =>
          w.or([
            ...(scopes.agencyIds.length ? [w.and([w('scope_type', '=', 'agency'), w('scope_id', 'in', scopes.agencyIds)])] : []),
            ...(scopes.providerIds.length ? [w.and([w('scope_type', '=', 'provider'), w('scope_id', 'in', scopes.providerIds)])] : []),
            sql<boolean>`false`,
          ]),
        ),
    );
  }
  return q.execute();
}

export async function grantsOfUsers(db: Kysely<DB>, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db.selectFrom('role_grant').select(['user_id', 'role', 'scope_type', 'scope_id']).where('user_id', 'in', userIds).orderBy('id').execute();
}

export async function insertSession(db: Kysely<DB>, row: Insertable<SessionTable>) {
  await db.insertInto('user_session').values(row).execute();
}

export function findLiveSession(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('user_session')
    .innerJoin('user_account', 'user_account.id', 'user_session.user_id')
    .select(['user_session.id', 'user_session.user_id', 'user_session.csrf_token', 'user_session.last_seen_at', 'user_account.email', 'user_account.display_name', 'user_account.civil_servant_id', 'user_account.disabled'])
    .where('user_session.id', '=', id)
    .where('user_session.expires_at', '>', new Date())
    .executeTakeFirst();
}

/** findLiveSession and grantsOf in one round trip (every authenticated request runs this). */
export async function findLiveSessionWithGrants(db: Kysely<DB>, id: string) {
  const query = sql<LiveSession>`
    select s.user_id, s.csrf_token, s.last_seen_at, s.expires_at, u.email, u.civil_servant_id, u.disabled,
           coalesce((select json_agg(json_build_object('role', g.role, 'scope_type', g.scope_type, 'scope_id', g.scope_id) order by g.id)
                       from role_grant g where g.user_id = s.user_id), '[]') as grants
      from user_session s join user_account u on u.id = s.user_id
     where s.id = ${id} and s.expires_at > ${new Date()}`;
  // every authenticated request runs it: a prepared statement (planned once per connection)
  const { rows } = await executePrepared(db, query.compile(db));
  return rows[0];
}

export async function touchSession(db: Kysely<DB>, id: string, expiresAt: Date, seenAt = new Date()) {
  await db.updateTable('user_session').set({ last_seen_at: seenAt, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<DB>, id: string) {
  await db.deleteFrom('user_session').where('id', '=', id).execute();
}

export async function deleteOtherSessions(db: Kysely<DB>, userId: string, keepId: string | null) {
  let q = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (keepId) q = q.where('id', '<>', keepId);
  await q.execute();
}

export async function purgeExpiredSessions(db: Kysely<DB>) {
  await db.deleteFrom('user_session').where('expires_at', '<', new Date()).execute();
}

export const tokenColumns = ['id', 'name', 'prefix', 'role', 'scope_type', 'scope_id', 'created_by', 'created_at', 'last_used_at', 'revoked_at'] as const;

export function insertToken(db: Kysely<DB>, row: Insertable<ApiTokenTable>) {
  return db.insertInto('api_token').values(row).returning(tokenColumns).executeTakeFirstOrThrow();
}

export function findLiveTokenByHash(db: Kysely<DB>, hash: string) {
  return db.selectFrom('api_token').select(tokenColumns).where('token_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
}

export function findToken(db: Kysely<DB>, id: string) {
  return db.selectFrom('api_token').select(tokenColumns).where('id', '=', id).executeTakeFirst();
}

export async function touchToken(db: Kysely<DB>, id: string) {
  await db.updateTable('api_token').set({ last_used_at: new Date() }).where('id', '=', id).execute();
}

export function listTokens(db: Kysely<DB>, scopes: 'all' | { agencyIds: number[]; providerIds: number[] }) {
  let q = db.selectFrom('api_token').select(tokenColumns).orderBy('created_at', 'desc');
  if (scopes !== 'all') {
    q = q.where((w) =>
      w.or([
        ...(scopes.agencyIds.length ? [w.and([w('scope_type', '=', 'agency'), w('scope_id', 'in', scopes.agencyIds)])] : []),
        ...(scopes.providerIds.length ? [w.and([w('scope_type', '=', 'provider'), w('scope_id', 'in', scopes.providerIds)])] : []),
        sql<boolean>`false`,
      ]),
    );
  }
  return q.execute();
}

export function revokeToken(db: Kysely<DB>, id: string) {
  return db.updateTable('api_token').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).returning(tokenColumns).executeTakeFirst();
}

export async function insertOidcFlow(db: Kysely<DB>, flow: { state: string; code_verifier: string; nonce: string; return_to: string }) {
  await db.insertInto('oidc_flow').values(flow).execute();
}

/** Takes a flow once: a replayed callback finds nothing. Flows older than 10 minutes are void. */
export function takeOidcFlow(db: Kysely<DB>, state: string) {
  return db.deleteFrom('oidc_flow').where('state', '=', state).where('created_at', '>', new Date(Date.now() - 10 * 60_000)).returningAll().executeTakeFirst();
}

export function scopeIdByCode(db: Kysely<DB>, scopeType: 'agency' | 'provider', code: string) {
  return db.selectFrom(scopeType).select(['id', 'code']).where('code', '=', code).executeTakeFirst();
}

export function scopeCodesByIds(db: Kysely<DB>, scopeType: 'agency' | 'provider', ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom(scopeType).select(['id', 'code', 'name']).where('id', 'in', ids).execute();
}
