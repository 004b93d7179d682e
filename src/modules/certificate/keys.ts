// The key store of the certificate signing keys (Ed25519, EdDSA).
//   - private keys are encrypted at rest: AES-256-GCM under a key derived (HKDF-SHA256) from
//     KEMBANG_KEY_ENCRYPTION_KEY, with the kid as associated data; never logged, never returned
//   - exactly one key is active (signs); rotation turns it into a verifying key (still in the
//     JWKS, so what it signed still verifies) and makes a new active key
//   - a retired key leaves the JWKS: what it signed verifies as unknown (for a compromised key)
// The kid is the key's RFC 7638 JWK thumbprint.
import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { sql, type Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Caller } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { CredentialKeyStatus } from '../../db/certificate-schema.ts';
import { problems } from '../../http/problem.ts';
import { recordAudit } from '../audit/service.ts';

export const KEK_FILE = 'credential-key-encryption.key';

export interface KeyEncryption {
  key: Buffer;
  /** A short public tag of the encryption key, stored beside each private key. */
  check: string;
}

/** The configured secret, or (when unset) a random one kept in the data directory, created on first use. */
export function keyEncryptionSecret(config: Pick<Config, 'keyEncryptionKey' | 'dataDir'>): string {
  if (config.keyEncryptionKey) return config.keyEncryptionKey;
  const file = path.join(config.dataDir, KEK_FILE);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process made it first
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export function deriveKeyEncryption(secret: string): KeyEncryption {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('kembang'), Buffer.from('credential signing keys v1'), 32));
  const check = createHmac('sha256', key).update('kembang key check').digest('base64url').slice(0, 16);
  return { key, check };
}

function encrypt(kek: KeyEncryption, kid: string, plain: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek.key, iv);
  cipher.setAAD(Buffer.from(kid));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

function decrypt(kek: KeyEncryption, kid: string, sealed: string): Buffer {
  const raw = Buffer.from(sealed.replace(/^v1\./, ''), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', kek.key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(kid));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

// Decrypted private keys by kid (a thumbprint of the public key, so the same kid is the same key).
const privateKeys = new Map<string, KeyObject>();

async function newKeyRow(kek: KeyEncryption, status: CredentialKeyStatus) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x });
  const publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid, alg: 'EdDSA', use: 'sig' };
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  privateKeys.set(kid, privateKey);
  return { kid, public_jwk: JSON.stringify(publicJwk), private_key_enc: encrypt(kek, kid, der), kek_check: kek.check, status };
}

/** The active signing key, made on first use (several writers at once: one wins, the others read it). */
export async function activeSigningKey(db: Kysely<DB>, kek: KeyEncryption): Promise<SigningKey> {
  let row = await db.selectFrom('credential_key').select(['kid', 'private_key_enc', 'kek_check']).where('status', '=', 'active').executeTakeFirst();
  if (!row) {
    const fresh = await newKeyRow(kek, 'active');
    await sql`insert into credential_key (kid, public_jwk, private_key_enc, kek_check, status)
      values (${fresh.kid}, ${fresh.public_jwk}::jsonb, ${fresh.private_key_enc}, ${fresh.kek_check}, 'active')
      on conflict do nothing`.execute(db);
    row = await db.selectFrom('credential_key').select(['kid', 'private_key_enc', 'kek_check']).where('status', '=', 'active').executeTakeFirstOrThrow();
  }
  const cached = privateKeys.get(row.kid);
  if (cached) return { kid: row.kid, privateKey: cached };
  if (row.kek_check !== kek.check) {
    throw problems.unavailable('The certificate signing key was encrypted with another KEMBANG_KEY_ENCRYPTION_KEY; set the one this database was set up with.');
  }
  const privateKey = createPrivateKey({ key: decrypt(kek, row.kid, row.private_key_enc), format: 'der', type: 'pkcs8' });
  privateKeys.set(row.kid, privateKey);
  return { kid: row.kid, privateKey };
}

export interface PublishedKey {
  kid: string;
  status: CredentialKeyStatus;
  jwk: JWK;
  /** imported once (node:crypto verify with a KeyObject costs less per verification than jose/WebCrypto) */
  publicKey: KeyObject;
}

/** Public keys that verify (active and verifying), as the JWKS publishes them. */
export async function publishedKeys(db: Kysely<DB>): Promise<PublishedKey[]> {
  const rows = await db.selectFrom('credential_key').select(['kid', 'status', 'public_jwk']).where('status', '<>', 'retired').orderBy('created_at', 'desc').execute();
  return rows.map((r) => {
    const jwk = r.public_jwk as JWK;
    return { kid: r.kid, status: r.status, jwk, publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x! }, format: 'jwk' }) };
  });
}

/**
 * Per-instance cache of the verifying keys (the JWKS), so a verification costs no key query.
 * A kid it does not know triggers a reload (at most once a second); otherwise it reloads every
 * minute, which bounds how long a key retired through another instance still verifies here.
 */
export class KeyCache {
  private keys = new Map<string, PublishedKey>();
  private loadedAt = 0;
  private loading: Promise<void> | undefined;
  private readonly db: Kysely<DB>;
  constructor(db: Kysely<DB>) {
    this.db = db;
  }

  private reload(): Promise<void> {
    this.loading ??= publishedKeys(this.db)
      .then((keys) => {
        this.keys = new Map(keys.map((k) => [k.kid, k]));
        this.loadedAt = Date.now();
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  async get(kid: string): Promise<PublishedKey | undefined> {
    const age = Date.now() - this.loadedAt;
    if (age > 60_000 || (!this.keys.has(kid) && age > 1000)) await this.reload();
    return this.keys.get(kid);
  }

  async all(): Promise<PublishedKey[]> {
    if (Date.now() - this.loadedAt > 60_000) await this.reload();
    return [...this.keys.values()];
  }

  clear(): void {
    this.loadedAt = 0;
  }
}

export interface KeyInfo {
  kid: string;
  status: CredentialKeyStatus;
  created_at: Date;
  rotated_at: Date | null;
  retired_at: Date | null;
  certificates: number;
}

export async function listKeys(db: Kysely<DB>): Promise<KeyInfo[]> {
  const rows = await db
    .selectFrom('credential_key as k')
    .select(['k.kid', 'k.status', 'k.created_at', 'k.rotated_at', 'k.retired_at'])
    .select((eb) => eb.selectFrom('certificate as c').whereRef('c.kid', '=', 'k.kid').select((e) => e.fn.countAll<number>().as('n')).as('certificates'))
    .orderBy('k.created_at', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, certificates: Number(r.certificates ?? 0) }));
}

/** Makes a new active key; the old one keeps verifying. Audited. */
export async function rotateKeys(db: Kysely<DB>, caller: Caller, kek: KeyEncryption): Promise<{ kid: string; previous: string | null }> {
  return db.transaction().execute(async (tx) => {
    const old = await tx.selectFrom('credential_key').select('kid').where('status', '=', 'active').forUpdate().executeTakeFirst();
    if (old) await tx.updateTable('credential_key').set({ status: 'verifying', rotated_at: new Date() }).where('kid', '=', old.kid).execute();
    const fresh = await newKeyRow(kek, 'active');
    await sql`insert into credential_key (kid, public_jwk, private_key_enc, kek_check, status) values (${fresh.kid}, ${fresh.public_jwk}::jsonb, ${fresh.private_key_enc}, ${fresh.kek_check}, 'active')`.execute(tx);
    await recordAudit(tx, caller, { action: 'certificate.key.rotate', entityType: 'credential_key', entityId: fresh.kid, scopeType: 'national', scopeId: null, before: old ? { active: old.kid } : null, after: { active: fresh.kid } });
    return { kid: fresh.kid, previous: old?.kid ?? null };
  });
}

/** Withdraws a key from the JWKS (e.g. compromised): what it signed no longer verifies. The active key cannot be retired; rotate first. */
export async function retireKey(db: Kysely<DB>, caller: Caller, kid: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('credential_key').select(['kid', 'status']).where('kid', '=', kid).forUpdate().executeTakeFirst();
    if (!row) throw problems.notFound(`No signing key ${kid}.`);
    if (row.status === 'active') throw problems.conflict('This is the active signing key: rotate first, then retire it.');
    if (row.status === 'retired') return;
    await tx.updateTable('credential_key').set({ status: 'retired', retired_at: new Date() }).where('kid', '=', kid).execute();
    await recordAudit(tx, caller, { action: 'certificate.key.retire', entityType: 'credential_key', entityId: kid, scopeType: 'national', scopeId: null, before: { status: row.status }, after: { status: 'retired' } });
  });
}
