// The JWTs this instance has already checked with a good signature, with their decoded header and
// payload, so a certificate verified again (a QR code scanned twice, an employer re-checking)
// costs no Ed25519 verification and no re-parsing. Keyed by the exact JWT text: the same
// bytes under the same key give the same answer, so this changes no verdict. Whether the key is
// still published, the register row and the revocation are checked on every verification, not
// here. Bounded (least recently added goes first).
export const MAX_TOKENS = 5_000;

export interface CheckedToken {
  kid: string;
  payload: Record<string, unknown>;
}

export class VerifiedTokens {
  private readonly tokens = new Map<string, CheckedToken>();
  /** off: every verification checks the signature (benchmarks measure both) */
  enabled = process.env.CERTIFICATE_VERIFIED_CACHE !== '0';

  get(jwt: string): CheckedToken | undefined {
    return this.enabled ? this.tokens.get(jwt) : undefined;
  }

  add(jwt: string, token: CheckedToken): void {
    if (!this.enabled) return;
    this.tokens.set(jwt, token);
    if (this.tokens.size > MAX_TOKENS) this.tokens.delete(this.tokens.keys().next().value!);
  }

  clear(): void {
    this.tokens.clear();
  }
}
