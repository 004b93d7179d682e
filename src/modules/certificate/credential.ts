// The certificate as a W3C Verifiable Credential 2.0 in the Open Badges 3.0 shape, and its
// VC-JWT form (OB 3.0 §8.2: the JWT payload is the credential itself with iss, jti, nbf, sub
// and exp beside it; the header names the signing key by kid). Pure functions.
import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';

export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const PLATFORM_NAME = 'Kembang — Lembaga Administrasi Negara (LAN)';

export interface CompetencyFact {
  code: string;
  nameId: string | null;
  nameEn: string | null;
  levelFrom: number;
  levelTo: number;
}

export interface CredentialFacts {
  id: string;
  number: string;
  issuedAt: Date;
  validUntil: Date | null;
  publicUrl: string;
  provider: { id: number; code: string; name: string; website: string | null };
  holder: { name: string; nip: string };
  programme: {
    id: number;
    code: string;
    titleId: string;
    titleEn: string | null;
    descriptionId: string | null;
    descriptionEn: string | null;
    category: string;
    learningForm: string;
    competencies: CompetencyFact[];
  };
  offering: { id: number; code: string; name: string | null; startDate: string; endDate: string } | null;
  completedOn: string;
  jp: number;
  status: { listId: number; index: number };
}

export const issuerId = (publicUrl: string, providerId: number) => `${publicUrl}/api/catalog/providers/${providerId}`;
export const ISSUER_PATTERN = /^https?:\/\/[^\s]+\/api\/catalog\/providers\/(\d+)$/;
export const statusListUrl = (publicUrl: string, listId: number) => `${publicUrl}/credentials/status/${listId}`;
export const verifyUrl = (publicUrl: string, id: string) => `${publicUrl}/verifikasi/${id}`;

/** The holder's NIP, salted and hashed (OB 3.0 IdentityObject): provable by the holder, unreadable to others. */
export function hashedNip(nip: string, salt = randomBytes(16).toString('hex')) {
  return { type: 'IdentityObject', identityType: 'identifier', hashed: true, identityHash: `sha256$${createHash('sha256').update(nip + salt).digest('hex')}`, salt };
}

export function buildCredential(f: CredentialFacts): Record<string, unknown> {
  const p = f.programme;
  const issuer = issuerId(f.publicUrl, f.provider.id);
  const statusUrl = statusListUrl(f.publicUrl, f.status.listId);
  const levels = (c: CompetencyFact) => (c.levelFrom === c.levelTo ? `${c.levelFrom}` : `${c.levelFrom}–${c.levelTo}`);
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id: `urn:uuid:${f.id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `Sertifikat ${p.titleId}`,
    issuer: {
      id: issuer,
      type: ['Profile'],
      name: f.provider.name,
      ...(f.provider.website ? { url: f.provider.website } : {}),
      otherIdentifier: [{ type: 'IdentifierEntry', identifier: f.provider.code, identifierType: 'sourcedId' }],
    },
    // The platform that keeps the register, holds the signing keys and answers verification.
    platform: { id: f.publicUrl, type: ['Profile'], name: PLATFORM_NAME },
    validFrom: f.issuedAt.toISOString(),
    ...(f.validUntil ? { validUntil: f.validUntil.toISOString() } : {}),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: f.holder.name }, hashedNip(f.holder.nip)],
      activityEndDate: `${f.completedOn}T00:00:00+07:00`,
      ...(f.offering ? { activityStartDate: `${f.offering.startDate}T00:00:00+07:00`, term: f.offering.name ?? f.offering.code } : {}),
      creditsEarned: f.jp,
      achievement: {
        id: `${f.publicUrl}/api/catalog/programmes/${p.id}`,
        type: ['Achievement'],
        achievementType: 'Certificate',
        humanCode: p.code,
        name: p.titleId,
        ...(p.titleEn ? { nameEn: p.titleEn } : {}),
        description: p.descriptionId ?? p.titleId,
        ...(p.descriptionEn ? { descriptionEn: p.descriptionEn } : {}),
        inLanguage: 'id',
        creditsAvailable: f.jp,
        fieldOfStudy: p.category,
        tag: [p.category, p.learningForm],
        criteria: {
          narrative: `Menyelesaikan ${p.titleId} (${f.jp} JP) sesuai ketentuan kelulusan program. / Completed ${p.titleEn ?? p.titleId} (${f.jp} learning hours of 45 minutes) under the programme's completion rules.`,
        },
        alignment: p.competencies.map((c) => ({
          type: ['Alignment'],
          targetType: 'ceasn:Competency',
          targetFramework: 'Kamus Kompetensi ASN',
          targetCode: c.code,
          targetName: c.nameId ?? c.code,
          targetDescription: `${c.nameEn ?? c.nameId ?? c.code}: level ${levels(c)}`,
          targetUrl: `${f.publicUrl}/api/catalog/competencies/${encodeURIComponent(c.code)}/programmes`,
        })),
        creator: { id: issuer, type: ['Profile'], name: f.provider.name },
      },
    },
    credentialStatus: {
      id: `${statusUrl}#${f.status.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(f.status.index),
      statusListCredential: statusUrl,
    },
    evidence: [{ id: verifyUrl(f.publicUrl, f.id), type: ['Evidence'], name: `Nomor sertifikat / Certificate number ${f.number}` }],
  };
}

/** The JWT claims of a credential (OB 3.0 VC-JWT): the credential, plus iss, jti, nbf and exp. */
export function jwtPayload(credential: Record<string, unknown>): Record<string, unknown> {
  const issuer = (credential.issuer as { id: string }).id;
  const nbf = Math.floor(Date.parse(credential.validFrom as string) / 1000);
  const exp = credential.validUntil ? Math.floor(Date.parse(credential.validUntil as string) / 1000) : undefined;
  return { ...credential, iss: issuer, jti: credential.id, nbf, ...(exp ? { exp } : {}) };
}

/** The status list credential (W3C Bitstring Status List v1.0), unsigned; the route also serves it as a VC-JWT. */
export function statusListCredential(publicUrl: string, listId: number, encodedList: string, validFrom: Date): Record<string, unknown> {
  const url = statusListUrl(publicUrl, listId);
  return {
    '@context': [VC_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: { id: publicUrl, name: PLATFORM_NAME },
    validFrom: validFrom.toISOString(),
    credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList },
  };
}

const b64json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWS in compact form (RFC 7515) signed with an Ed25519 key: synchronous, no re-encoding. */
export function signCompactJws(header: { alg: 'EdDSA'; kid: string; typ?: string }, payload: Record<string, unknown>, privateKey: KeyObject): string {
  const input = `${b64json(header)}.${b64json(payload)}`;
  return `${input}.${sign(null, Buffer.from(input, 'latin1'), privateKey).toString('base64url')}`;
}
