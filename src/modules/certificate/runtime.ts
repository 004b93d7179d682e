// Settings of the certificate module that come from the configuration: the public URL (the
// issuer and verification links) and the key that encrypts the signing keys. Set by the app
// (and the CLI) at start; a caller without an app (a job, a script) falls back to the
// environment. Per-database caches (the JWKS, status lists) hang off the database handle.
import type { Kysely } from 'kysely';
import { loadConfig, type Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { deriveKeyEncryption, keyEncryptionSecret, KeyCache, type KeyEncryption } from './keys.ts';
import { RevocationCache } from './revocation-cache.ts';
import { VerifiedTokens } from './verified-tokens.ts';

export interface CertificateRuntime {
  publicUrl: string;
  kek: KeyEncryption;
}

let configured: CertificateRuntime | undefined;

export function configureCertificates(config: Pick<Config, 'publicUrl' | 'keyEncryptionKey' | 'dataDir'>): CertificateRuntime {
  configured = { publicUrl: config.publicUrl, kek: deriveKeyEncryption(keyEncryptionSecret(config)) };
  return configured;
}

export function certificateRuntime(): CertificateRuntime {
  return configured ?? configureCertificates(loadConfig());
}

export interface DbCaches {
  keys: KeyCache;
  /** Register rows and revoked entries per status list version (verification). */
  register: RevocationCache;
  /** JWTs already checked with a good signature (verification). */
  verified: VerifiedTokens;
  /** Signed status list credentials by list id, with when they were made. */
  statusLists: Map<number, { at: number; jwt: string; credential: Record<string, unknown> }>;
}

const caches = new WeakMap<Kysely<DB>, DbCaches>();

export function cachesOf(db: Kysely<DB>): DbCaches {
  let c = caches.get(db);
  if (!c) {
    c = { keys: new KeyCache(db), register: new RevocationCache(db), verified: new VerifiedTokens(), statusLists: new Map() };
    caches.set(db, c);
  }
  return c;
}
