// Signed statements: a signature attachment holds a JWS (compact serialisation, RS256/384/512)
// whose payload is the statement as it was before signing. The LRS refuses a signature that is
// not a JWS, uses another algorithm, carries a different statement, or (when the JWS names its
// certificate in x5c) does not verify against that certificate.
import { X509Certificate } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, importX509 } from 'jose';
import { bad } from './errors.ts';
import { isObject, type JsonObject } from './formats.ts';
import { sameStatement } from './shape.ts';

const ALGORITHMS = ['RS256', 'RS384', 'RS512'];

function stripForComparison(s: JsonObject): JsonObject {
  const { attachments: _attachments, ...rest } = s;
  return rest;
}

export async function checkSignature(statement: JsonObject, jws: Buffer, path: string): Promise<void> {
  const text = jws.toString('utf8').trim();
  const pieces = text.split('.');
  if (pieces.length !== 3 || pieces.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw bad(`${path}: the signature attachment is not a JWS in compact serialisation`);
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(text);
  } catch {
    throw bad(`${path}: the signature's JWS header cannot be read`);
  }
  if (!header.alg || !ALGORITHMS.includes(header.alg)) throw bad(`${path}: the signature must use RS256, RS384 or RS512, not ${header.alg ?? 'no algorithm'}`);
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(pieces[1], 'base64url').toString('utf8'));
  } catch {
    throw bad(`${path}: the signature's payload is not a JSON statement`);
  }
  if (!isObject(payload)) throw bad(`${path}: the signature's payload is not a JSON statement`);
  if (typeof payload.id === 'string' && typeof statement.id === 'string' && payload.id.toLowerCase() !== statement.id.toLowerCase()) {
    throw bad(`${path}: the signed statement has another id than the statement`);
  }
  if (!sameStatement(stripForComparison(payload), stripForComparison(statement))) throw bad(`${path}: the signed payload does not match the statement`);
  if (Array.isArray(header.x5c) && header.x5c.length > 0) {
    try {
      const pem = new X509Certificate(Buffer.from(header.x5c[0], 'base64')).toString();
      await compactVerify(text, await importX509(pem, header.alg));
    } catch {
      throw bad(`${path}: the signature does not verify against the certificate in its x5c header`);
    }
  }
}
