// LRS credentials: HTTP Basic key/secret pairs, each scoped to one provider's store. The secret
// is shown once; only its SHA-256 is kept (it is 32 random bytes, so a fast hash is enough).
import { timingSafeEqual } from 'node:crypto';
import type { Deps, Caller } from '../../context.ts';
import type { Actor } from '../../http/actor.ts';
import { problems } from '../../http/problem.ts';
import { recordAudit } from '../audit/service.ts';
import { randomSecret, sha256 } from '../identity/tokens.ts';
import type { JsonObject } from './formats.ts';
import type { XapiVersion } from './version.ts';
import { credentialStores, mayManageCredentials } from './policy.ts';
import * as repo from './repository.ts';

export interface CreateCredentialInput {
  provider: string;
  name: string;
  mayRead?: boolean;
  mayWrite?: boolean;
}

export async function createCredential(deps: Deps, caller: Caller, input: CreateCredentialInput) {
  const { db, config } = deps;
  const name = input.name.trim();
  if (!name) throw problems.validation([{ field: 'body.name', message: 'must not be empty' }]);
  const provider = await repo.providerByCode(db, input.provider);
  if (!provider) throw problems.validation([{ field: 'body.provider', message: `no provider with code "${input.provider}"` }]);
  if (caller.actor && !mayManageCredentials(caller.actor, provider.id)) throw problems.forbidden(`You may not create LRS credentials for ${provider.code}.`);
  const key = `lrs_${randomSecret(12)}`;
  const secret = randomSecret(32);
  return db.transaction().execute(async (tx) => {
    const row = await repo.insertCredential(tx, {
      provider_id: provider.id,
      name,
      key,
      secret_hash: sha256(secret),
      may_read: input.mayRead ?? true,
      may_write: input.mayWrite ?? true,
      created_by: caller.actor?.type === 'user' ? caller.actor.id : null,
    });
    await recordAudit(tx, caller, { action: 'lrs_credential.created', entityType: 'xapi_credential', entityId: row.id, scopeType: 'provider', scopeId: provider.id, after: row });
    return { ...row, provider_code: provider.code, secret, endpoint: `${config.publicUrl}/xapi/` };
  });
}

export async function listCredentials({ db }: Deps, actor: Actor) {
  return repo.listCredentials(db, credentialStores(actor));
}

export async function revokeCredential({ db }: Deps, caller: Caller & { actor: Actor }, id: string) {
  const credential = await repo.findCredential(db, id);
  if (!credential || !mayManageCredentials(caller.actor, credential.provider_id)) throw problems.notFound('No such LRS credential.');
  return db.transaction().execute(async (tx) => {
    const revoked = await repo.revokeCredential(tx, id);
    if (!revoked) throw problems.conflict('This credential is already revoked.');
    await recordAudit(tx, caller, { action: 'lrs_credential.revoked', entityType: 'xapi_credential', entityId: id, scopeType: 'provider', scopeId: credential.provider_id, before: credential, after: revoked });
    return revoked;
  });
}

export interface LrsClient {
  credentialId: string | null;
  providerId: number;
  mayRead: boolean;
  mayWrite: boolean;
  authority: JsonObject;
  /** The xAPI version this credential last spoke. */
  lastVersion: XapiVersion | null;
}

/** Checks an `Authorization: Basic` header; null when the header is absent, malformed or wrong. */
export async function authenticateBasic(deps: Deps, header: string | undefined): Promise<LrsClient | null> {
  if (!header) return null;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  const key = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  const row = await repo.findLiveCredential(deps.db, key);
  if (!row) return null;
  const a = Buffer.from(sha256(secret));
  const b = Buffer.from(row.secret_hash);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) await repo.touchCredential(deps.db, row.id);
  return {
    credentialId: row.id,
    providerId: row.provider_id,
    mayRead: row.may_read,
    mayWrite: row.may_write,
    lastVersion: row.last_version === '1.0.3' || row.last_version === '2.0.0' ? row.last_version : null,
    authority: { objectType: 'Agent', name: row.name, account: { homePage: `${deps.config.publicUrl}/xapi`, name: row.key } },
  };
}
