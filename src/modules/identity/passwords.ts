// Passwords are stored as argon2id hashes (OWASP minimum: m=19 MiB, t=2, p=1).
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Checked when no account matches, so a wrong identifier costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword('kembang-no-such-account');
    await verify(await dummyHash, password);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** Returns a reason (English; the UI translates by code) when a new password is too weak. */
export function passwordWeakness(password: string, identifiers: string[]): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 256) return 'must be at most 256 characters';
  const lower = password.toLowerCase();
  if (identifiers.some((id) => id && lower.includes(id.toLowerCase()))) return 'must not contain your e-mail or NIP';
  if (new Set(password).size < 4) return 'is too repetitive';
  return null;
}
