// Random secrets for sessions, CSRF and API tokens. Only their SHA-256 is stored: they are
// high-entropy, so a fast hash is enough and lookups stay indexable.
import { createHash, randomBytes } from 'node:crypto';

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** API tokens look like `kmb_<8-char prefix>_<secret>`; the prefix is shown in lists to tell them apart. */
export function newApiToken(): { token: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('base64url').slice(0, 8);
  const token = `kmb_${prefix}_${randomSecret(32)}`;
  return { token, prefix, hash: sha256(token) };
}
