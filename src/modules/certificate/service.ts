// Certificates: issue on completion (a signed VC-JWT, a status list entry, the level-3
// follow-up scheduled), verify from the JWT alone, revoke, the public view, the PDF.
import { randomUUID, verify as cryptoVerify } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Insertable, Kysely } from 'kysely';
import type { Caller } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/actor.ts';
import { problems } from '../../http/problem.ts';
import { recordAudit, recordAudits, type AuditEntry } from '../audit/service.ts';
import { DICTIONARY_V1 } from '../competency/dictionary-v1.ts';
import { scheduleFollowUps } from '../evaluation/service.ts';
import { buildCredential, ISSUER_PATTERN, jwtPayload, signCompactJws, statusListCredential, verifyUrl } from './credential.ts';
import { activeSigningKey, listKeys, retireKey, rotateKeys } from './keys.ts';
import { renderCertificatePdf } from './pdf.ts';
import { certificateListScope, mayIssueFor, mayListKeys, mayManageKeys, mayRevokeCertificate, mayViewCertificate } from './policy.ts';
import * as repo from './repository.ts';
import type { VerificationRow } from './revocation-cache.ts';
import { cachesOf, certificateRuntime } from './runtime.ts';
import { allocateStatusEntries, encodeBitstring, statusList } from './status-list.ts';

export interface IssueInput {
  civilServantId: number;
  programmeId: number;
  offeringId: number | null;
  /** the learning_record of the completion (0006_learning); kept by id */
  learningRecordId: number | null;
  /** 'YYYY-MM-DD' */
  completedOn: string;
  jp: number;
  /** optional end of validity (most certificates do not expire) */
  validUntil?: string | null;
}

export interface Issued {
  id: string;
  jwt: string;
  verifyUrl: string;
}

const competencyNames = new Map(DICTIONARY_V1.map((c) => [c.code, { id: c.nameId, en: c.nameEn }]));
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function inTransaction<T>(db: Kysely<DB>, work: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

function checkInput(input: IssueInput, prefix = ''): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const id = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;
  const push = (field: string, message: string) => errors.push({ field: prefix + field, message });
  if (!id(input.civilServantId)) push('civilServantId', 'must be a positive whole number');
  if (!id(input.programmeId)) push('programmeId', 'must be a positive whole number');
  if (input.offeringId !== null && !id(input.offeringId)) push('offeringId', 'must be a positive whole number or null');
  if (input.learningRecordId !== null && !id(input.learningRecordId)) push('learningRecordId', 'must be a positive whole number or null');
  if (typeof input.completedOn !== 'string' || !DATE.test(input.completedOn) || Number.isNaN(Date.parse(input.completedOn))) push('completedOn', 'must be a date YYYY-MM-DD');
  if (typeof input.jp !== 'number' || !(input.jp > 0) || input.jp > 5000) push('jp', 'must be a number above 0');
  if (input.validUntil != null && Number.isNaN(Date.parse(input.validUntil))) push('validUntil', 'must be a date-time');
  return errors;
}

/** The same completion (learning record, else person and offering): issuing it twice returns one certificate. */
const completionKey = (input: IssueInput) => (input.learningRecordId !== null ? `r${input.learningRecordId}` : input.offeringId !== null ? `o${input.civilServantId}:${input.offeringId}` : null);

/**
 * Issues the certificate of a completion: a VC-JWT (Open Badges 3.0) signed with the active key,
 * an entry in the revocation status list, and the level-3 follow-up. Runs in the caller's
 * transaction when given one (the completion flow), else in its own. Issuing the same completion
 * again (same learning record, or same person and offering) returns the live certificate.
 */
export async function issueCertificate(db: Kysely<DB>, caller: Caller, input: IssueInput): Promise<Issued> {
  return (await issueCertificates(db, caller, [input]))[0];
}

/**
 * Issues the certificates of many completions at once (a cohort), with the same checks and
 * results as one by one, in a fixed number of statements: the look-ups for all, the status
 * entries and numbers in one go each, signing in one pass, one insert each for the certificates,
 * follow-ups and audit entries. Field errors name the item (`3.civilServantId`) when there are
 * several. All or nothing (the caller's transaction, or its own).
 */
export async function issueCertificates(db: Kysely<DB>, caller: Caller, inputs: IssueInput[]): Promise<Issued[]> {
  const prefix = (i: number) => (inputs.length > 1 ? `${i}.` : '');
  const invalid = inputs.flatMap((input, i) => checkInput(input, prefix(i)));
  if (invalid.length) throw problems.validation(invalid);
  const runtime = certificateRuntime();
  if (inputs.length === 0) return [];
  return inTransaction(db, async (tx) => {
    const out: Issued[] = new Array(inputs.length);
    const issued = (id: string, jwt: string): Issued => ({ id, jwt, verifyUrl: verifyUrl(runtime.publicUrl, id) });
    const live = await repo.liveDuplicates(tx, inputs);
    // the first input of each completion is issued; a repeat in the same batch gets the same certificate
    const firstOf = new Map<string, number>();
    const todo: number[] = [];
    inputs.forEach((input, i) => {
      const key = completionKey(input);
      const existing = key ? live.get(key) : undefined;
      if (existing) out[i] = issued(existing.id, existing.jwt);
      else if (key && firstOf.has(key)) return;
      else {
        if (key) firstOf.set(key, i);
        todo.push(i);
      }
    });
    if (todo.length) {
      const pick = <T>(list: T[]) => [...new Set(list)];
      const [holders, programmes, offerings] = await Promise.all([
        repo.people(tx, pick(todo.map((i) => inputs[i].civilServantId))),
        repo.programmes(tx, pick(todo.map((i) => inputs[i].programmeId))),
        repo.offerings(tx, pick(todo.flatMap((i) => (inputs[i].offeringId === null ? [] : [inputs[i].offeringId!])))),
      ]);
      const errors: { field: string; message: string }[] = [];
      for (const i of todo) {
        const input = inputs[i];
        const programme = programmes.get(input.programmeId);
        const offering = input.offeringId === null ? null : offerings.get(input.offeringId);
        if (!holders.has(input.civilServantId)) errors.push({ field: `${prefix(i)}civilServantId`, message: 'no such civil servant' });
        if (!programme) errors.push({ field: `${prefix(i)}programmeId`, message: 'no such programme' });
        else if (offering === undefined || (offering && offering.programme_id !== programme.id)) errors.push({ field: `${prefix(i)}offeringId`, message: 'no such offering of this programme' });
      }
      if (errors.length) throw problems.validation(errors);
      for (const programme of programmes.values()) {
        if (!mayIssueFor(caller.actor, programme)) throw problems.forbidden('Only the programme\'s providers and national admins issue its certificates.');
      }
      const competencies = await repo.competenciesOf(tx, [...programmes.keys()]);
      const issuedAt = new Date();
      const statuses = await allocateStatusEntries(tx, todo.length);
      const key = await activeSigningKey(tx, runtime.kek);
      const numbers = await repo.nextNumbers(tx, issuedAt.getUTCFullYear(), todo.length);
      const rows: Insertable<DB['certificate']>[] = [];
      const followUps: { certificateId: string; civilServantId: number; agencyId: number; programmeId: number; providerId: number; completedOn: string }[] = [];
      const audits: AuditEntry[] = [];
      todo.forEach((i, k) => {
        const input = inputs[i];
        const holder = holders.get(input.civilServantId)!;
        const programme = programmes.get(input.programmeId)!;
        const offering = input.offeringId === null ? null : offerings.get(input.offeringId)!;
        const [id, status, number] = [randomUUID(), statuses[k], numbers[k]];
        const validUntil = input.validUntil ? new Date(input.validUntil) : null;
        const credential = buildCredential({
          id,
          number,
          issuedAt,
          validUntil,
          publicUrl: runtime.publicUrl,
          provider: { id: programme.provider_id, code: programme.provider_code, name: programme.provider_name, website: programme.provider_website },
          holder: { name: holder.name, nip: holder.nip },
          programme: {
            id: programme.id,
            code: programme.code,
            titleId: programme.title_id,
            titleEn: programme.title_en,
            descriptionId: programme.description_id,
            descriptionEn: programme.description_en,
            category: programme.category,
            learningForm: programme.learning_form,
            competencies: (competencies.get(programme.id) ?? []).map((c) => ({
              code: c.competency_code,
              nameId: competencyNames.get(c.competency_code)?.id ?? null,
              nameEn: competencyNames.get(c.competency_code)?.en ?? null,
              levelFrom: c.level_from,
              levelTo: c.level_to,
            })),
          },
          offering: offering ? { id: offering.id, code: offering.code, name: offering.name, startDate: offering.start_date, endDate: offering.end_date } : null,
          completedOn: input.completedOn,
          jp: input.jp,
          status,
        });
        const jwt = signCompactJws({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' }, jwtPayload(credential), key.privateKey);
        rows.push({
          id,
          number,
          civil_servant_id: holder.id,
          agency_id: holder.agency_id,
          programme_id: programme.id,
          offering_id: offering?.id ?? null,
          learning_record_id: input.learningRecordId,
          provider_id: programme.provider_id,
          holder_name: holder.name,
          programme_code: programme.code,
          title_id: programme.title_id,
          title_en: programme.title_en,
          provider_name: programme.provider_name,
          jp: input.jp,
          completed_on: input.completedOn,
          valid_until: validUntil,
          issued_at: issuedAt,
          kid: key.kid,
          jwt,
          status_list_id: status.listId,
          status_index: status.index,
        });
        followUps.push({ certificateId: id, civilServantId: holder.id, agencyId: holder.agency_id, programmeId: programme.id, providerId: programme.provider_id, completedOn: input.completedOn });
        audits.push({
          action: 'certificate.issue',
          entityType: 'certificate',
          entityId: id,
          scopeType: 'provider',
          scopeId: programme.provider_id,
          after: { number, civilServantId: holder.id, programmeId: programme.id, offeringId: offering?.id ?? null, learningRecordId: input.learningRecordId, jp: input.jp, completedOn: input.completedOn, kid: key.kid, statusList: status },
        });
        out[i] = issued(id, jwt);
      });
      for (let start = 0; start < rows.length; start += 1000) await tx.insertInto('certificate').values(rows.slice(start, start + 1000)).execute();
      await scheduleFollowUps(tx, followUps);
      await recordAudits(tx, caller, audits);
    }
    // repeats of a completion within the batch
    inputs.forEach((input, i) => {
      if (!out[i]) out[i] = out[firstOf.get(completionKey(input)!)!];
    });
    return out;
  });
}

// ---------- verification ----------

export type VerificationStatus = 'valid' | 'revoked' | 'expired' | 'tampered' | 'unknown';

export interface Verification {
  status: VerificationStatus;
  detail: string;
  checks: { format: boolean; signature: 'valid' | 'invalid' | 'unknown_key' | 'not_checked'; issuer: 'ours' | 'foreign' | 'not_checked'; expiry: 'ok' | 'expired' | 'not_yet_valid' | 'not_checked'; revocation: 'active' | 'revoked' | 'not_checked' };
  kid: string | null;
  certificate: PublicCertificate | null;
}

export interface PublicCertificate {
  id: string;
  number: string;
  status: 'valid' | 'revoked' | 'expired';
  holder_name: string;
  programme: { code: string; title_id: string; title_en: string | null };
  provider: { id: number; name: string };
  jp: number;
  completed_on: string;
  issued_at: Date;
  revoked_at: Date | null;
  verify_url: string;
}

type PublicRow = Pick<VerificationRow, 'id' | 'number' | 'valid_until' | 'revoked_at' | 'holder_name' | 'programme_code' | 'title_id' | 'title_en' | 'provider_id' | 'provider_name' | 'jp' | 'completed_on' | 'issued_at'>;

function publicView(row: PublicRow): PublicCertificate {
  const expired = row.valid_until !== null && row.valid_until.getTime() < Date.now();
  return {
    id: row.id,
    number: row.number,
    status: row.revoked_at ? 'revoked' : expired ? 'expired' : 'valid',
    holder_name: row.holder_name,
    programme: { code: row.programme_code, title_id: row.title_id, title_en: row.title_en },
    provider: { id: row.provider_id, name: row.provider_name },
    jp: Number(row.jp),
    completed_on: row.completed_on,
    issued_at: row.issued_at,
    revoked_at: row.revoked_at,
    verify_url: verifyUrl(certificateRuntime().publicUrl, row.id),
  };
}

const UUID_URN = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The JSON object a base64url segment holds, or undefined. */
function jsonSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a certificate from its JWT alone: the key (by kid, from our JWKS), the signature, the
 * issuer, validity dates, and the revocation. Warm, it runs no query: the keys, the register rows
 * and the revoked entries per status list version are cached per instance (revocation-cache.ts:
 * a revocation through this instance is seen at once, through another within RECHECK_MS), and a
 * JWT seen before with a good signature is not verified and parsed again (verified-tokens.ts).
 */
export async function verifyCertificateJwt(db: Kysely<DB>, jwt: string): Promise<Verification> {
  const result: Verification = { status: 'tampered', detail: '', checks: { format: false, signature: 'not_checked', issuer: 'not_checked', expiry: 'not_checked', revocation: 'not_checked' }, kid: null, certificate: null };
  const caches = cachesOf(db);
  const checked = caches.verified.get(jwt);
  let payload: Record<string, unknown> | undefined;
  if (checked) {
    // seen before with a good signature: only whether its key is still published can have changed
    result.checks.format = true;
    result.kid = checked.kid;
    if (!(await caches.keys.get(checked.kid))) {
      result.checks.signature = 'unknown_key';
      return { ...result, status: 'unknown', detail: `Signed by a key Kembang does not publish (kid ${result.kid}): not one of our certificates, or its key was withdrawn.` };
    }
    payload = checked.payload;
  } else {
    const header = COMPACT_JWS.test(jwt) ? jsonSegment(jwt.slice(0, jwt.indexOf('.'))) : undefined;
    if (!header) return { ...result, detail: 'This is not a well-formed signed credential (the JWT header cannot be read).' };
    result.checks.format = true;
    result.kid = typeof header.kid === 'string' ? header.kid : null;
    if (header.alg !== 'EdDSA' || !result.kid) {
      result.checks.signature = 'unknown_key';
      return { ...result, status: 'unknown', detail: 'Not signed by a Kembang key: only EdDSA signatures by a key in our JWKS are ours.' };
    }
    const key = await caches.keys.get(result.kid);
    if (!key) {
      result.checks.signature = 'unknown_key';
      return { ...result, status: 'unknown', detail: `Signed by a key Kembang does not publish (kid ${result.kid}): not one of our certificates, or its key was withdrawn.` };
    }
    // RFC 7515: the signature is over the ASCII of "header.payload"; Ed25519 signatures are 64 bytes
    // (86 base64url characters). Critical header parameters we do not know make it invalid (§4.1.11).
    const lastDot = jwt.lastIndexOf('.');
    const signature = jwt.slice(lastDot + 1);
    const signatureValid =
      header.crit === undefined &&
      signature.length === 86 &&
      cryptoVerify(null, Buffer.from(jwt.slice(0, lastDot), 'latin1'), key.publicKey, Buffer.from(signature, 'base64url'));
    payload = signatureValid ? jsonSegment(jwt.slice(jwt.indexOf('.') + 1, lastDot)) : undefined;
    if (!payload) {
      result.checks.signature = 'invalid';
      return { ...result, status: 'tampered', detail: 'The signature does not match the content: the credential was altered or forged.' };
    }
    caches.verified.add(jwt, { kid: result.kid, payload });
  }
  result.checks.signature = 'valid';
  const issuerMatch = typeof payload.iss === 'string' ? ISSUER_PATTERN.exec(payload.iss) : null;
  const idMatch = typeof payload.jti === 'string' ? UUID_URN.exec(payload.jti) : null;
  if (!issuerMatch || !idMatch) {
    result.checks.issuer = 'foreign';
    return { ...result, status: 'unknown', detail: 'Signed by our key but not a Kembang certificate (no Kembang issuer or credential id).' };
  }
  const row = await caches.register.row(idMatch[1]);
  // the register keeps the JWT it issued: the signature (the last 86 characters) must be that one
  if (!row || row.provider_id !== Number(issuerMatch[1]) || row.signature !== jwt.slice(jwt.lastIndexOf('.') + 1)) {
    result.checks.issuer = row ? 'foreign' : 'not_checked';
    return { ...result, status: 'unknown', detail: 'No such certificate in the Kembang register.' };
  }
  result.checks.issuer = 'ours';
  result.certificate = publicView(row);
  const now = Date.now() / 1000;
  if (typeof payload.nbf === 'number' && payload.nbf > now + 300) {
    result.checks.expiry = 'not_yet_valid';
    return { ...result, status: 'tampered', detail: 'The credential claims to be valid only from a future date.' };
  }
  if (typeof payload.exp === 'number' && payload.exp < now) {
    result.checks.expiry = 'expired';
    result.checks.revocation = row.revoked_at ? 'revoked' : 'active';
    return { ...result, status: row.revoked_at ? 'revoked' : 'expired', detail: row.revoked_at ? 'Revoked (and past its validity).' : `Expired on ${new Date(payload.exp * 1000).toISOString().slice(0, 10)}.` };
  }
  result.checks.expiry = 'ok';
  if (row.revoked_at) {
    result.checks.revocation = 'revoked';
    return { ...result, status: 'revoked', detail: `Revoked on ${row.revoked_at.toISOString().slice(0, 10)}.` };
  }
  result.checks.revocation = 'active';
  return { ...result, status: 'valid', detail: `A genuine Kembang certificate: ${row.holder_name}, ${row.title_id}, ${row.provider_name}, completed ${row.completed_on}.` };
}

export async function getPublicCertificate(db: Kysely<DB>, id: string): Promise<PublicCertificate> {
  const row = await repo.verificationRow(db, id);
  if (!row) throw problems.notFound('No such certificate.');
  return publicView(row);
}

// ---------- records, PDF, revocation ----------

async function visible(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await repo.findCertificate(db, id);
  if (!row || !mayViewCertificate(actor, row)) throw problems.notFound('No such certificate.');
  return row;
}

const detailOf = (row: NonNullable<Awaited<ReturnType<typeof repo.findCertificate>>>) => {
  const { jwt, holder_agency_id: _agency, ...rest } = row;
  return {
    ...rest,
    jp: Number(rest.jp),
    status: rest.revoked_at ? ('revoked' as const) : rest.valid_until && rest.valid_until.getTime() < Date.now() ? ('expired' as const) : ('valid' as const),
    verify_url: verifyUrl(certificateRuntime().publicUrl, row.id),
    pdf_url: `/api/certificates/${row.id}.pdf`,
    jwt,
  };
};

export async function getCertificate(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await visible(db, actor, id);
  const credential = JSON.parse(Buffer.from(row.jwt.split('.')[1], 'base64url').toString('utf8'));
  return { ...detailOf(row), credential };
}

export async function listCertificates(db: Kysely<DB>, actor: Actor, q: repo.ListQuery) {
  const rows = await repo.listCertificates(db, certificateListScope(actor), q);
  const publicUrl = certificateRuntime().publicUrl;
  return rows.map((r) => ({
    ...r,
    jp: Number(r.jp),
    status: r.revoked_at ? ('revoked' as const) : r.valid_until && r.valid_until.getTime() < Date.now() ? ('expired' as const) : ('valid' as const),
    verify_url: verifyUrl(publicUrl, r.id),
    pdf_url: `/api/certificates/${r.id}.pdf`,
  }));
}

export async function certificatePdf(db: Kysely<DB>, actor: Actor, id: string): Promise<{ number: string; pdf: Uint8Array }> {
  const row = await visible(db, actor, id);
  return { number: row.number, pdf: await pdfOf(db, row) };
}

/** The PDF of a certificate row (no access check: callers have done it). */
export async function pdfOf(db: Kysely<DB>, row: CertificateRow): Promise<Uint8Array> {
  return (await pdfsOf(db, [row]))[0];
}

type CertificateRow = NonNullable<Awaited<ReturnType<typeof repo.findCertificate>>>;

/** The PDFs of many certificate rows (a cohort's): the competencies and offerings read once for all (no access check). */
export async function pdfsOf(db: Kysely<DB>, rows: CertificateRow[]): Promise<Uint8Array[]> {
  const [competencies, offerings] = await Promise.all([
    repo.competenciesOf(db, [...new Set(rows.map((r) => r.programme_id))]),
    repo.offerings(db, [...new Set(rows.flatMap((r) => (r.offering_id ? [r.offering_id] : [])))]),
  ]);
  const publicUrl = certificateRuntime().publicUrl;
  const out: Uint8Array[] = [];
  for (const row of rows) {
    const offering = row.offering_id ? offerings.get(row.offering_id) : undefined;
    out.push(
      await renderCertificatePdf({
        number: row.number,
        holderName: row.holder_name,
        programmeCode: row.programme_code,
        titleId: row.title_id,
        titleEn: row.title_en,
        providerName: row.provider_name,
        offering: offering ? { code: offering.code, name: offering.name, startDate: offering.start_date, endDate: offering.end_date } : null,
        jp: Number(row.jp),
        completedOn: row.completed_on,
        issuedAt: row.issued_at,
        kid: row.kid,
        competencies: (competencies.get(row.programme_id) ?? []).map((c) => ({ code: c.competency_code, nameId: competencyNames.get(c.competency_code)?.id ?? null, nameEn: competencyNames.get(c.competency_code)?.en ?? null, levelFrom: c.level_from, levelTo: c.level_to })),
        verifyUrl: verifyUrl(publicUrl, row.id),
        revoked: row.revoked_at !== null,
      }),
    );
  }
  return out;
}

/** Revokes a certificate (national admins, the issuing provider's admins): its status list bit turns on. Audited. */
export async function revokeCertificate(db: Kysely<DB>, caller: Caller, id: string, reason: string) {
  const actor = caller.actor;
  if (!actor) throw problems.unauthenticated();
  const trimmed = reason.trim();
  if (trimmed.length < 3) throw problems.validation([{ field: 'body.reason', message: 'say why (at least 3 characters)' }]);
  const revoked = await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('certificate').select(['id', 'provider_id', 'agency_id', 'civil_servant_id', 'revoked_at', 'status_list_id', 'status_index']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw problems.notFound('No such certificate.');
    if (!mayRevokeCertificate(actor, row)) {
      const holder = await tx.selectFrom('civil_servant').select('agency_id').where('id', '=', row.civil_servant_id).executeTakeFirst();
      if (mayViewCertificate(actor, { ...row, holder_agency_id: holder?.agency_id ?? null })) throw problems.forbidden('Only national admins and the issuing provider\'s admins revoke certificates.');
      throw problems.notFound('No such certificate.');
    }
    if (row.revoked_at) throw problems.conflict('This certificate is already revoked.');
    const at = new Date();
    await tx.updateTable('certificate').set({ revoked_at: at, revoked_by: actor.label, revocation_reason: trimmed }).where('id', '=', id).execute();
    await recordAudit(tx, caller, { action: 'certificate.revoke', entityType: 'certificate', entityId: id, scopeType: 'provider', scopeId: row.provider_id, before: { revoked: false }, after: { revoked: true, reason: trimmed, statusList: row.status_list_id, index: row.status_index } });
    return row.status_list_id;
  });
  // after the commit: this instance answers from the database again for this list, at once
  cachesOf(db).statusLists.delete(revoked);
  cachesOf(db).register.invalidate(revoked);
}

// ---------- JWKS, status lists, keys ----------

export async function jwks(db: Kysely<DB>) {
  const keys = await cachesOf(db).keys.all();
  return { keys: keys.map((k) => ({ ...k.jwk })) };
}

/** How long a signed status list is served from this instance's cache. */
const STATUS_LIST_TTL_MS = 5_000;

export async function statusListFor(db: Kysely<DB>, listId: number): Promise<{ jwt: string; credential: Record<string, unknown> }> {
  const cache = cachesOf(db).statusLists;
  const hit = cache.get(listId);
  if (hit && Date.now() - hit.at < STATUS_LIST_TTL_MS) return hit;
  const list = await statusList(db, listId);
  if (!list) throw problems.notFound('No such status list.');
  const runtime = certificateRuntime();
  const credential = statusListCredential(runtime.publicUrl, list.id, encodeBitstring(list.size, list.revoked), new Date());
  const key = await activeSigningKey(db, runtime.kek);
  const iat = Math.floor(Date.now() / 1000);
  const jwt = await new SignJWT({ ...credential, iss: runtime.publicUrl, jti: String(credential.id), nbf: iat, exp: iat + 86_400 })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
    .sign(key.privateKey);
  const entry = { at: Date.now(), jwt, credential };
  cache.set(listId, entry);
  return entry;
}

export async function keysOf(db: Kysely<DB>, actor: Actor) {
  if (!mayListKeys(actor)) throw problems.forbidden();
  return listKeys(db);
}

export async function rotate(db: Kysely<DB>, caller: Caller) {
  if (caller.actor && !mayManageKeys(caller.actor)) throw problems.forbidden('Only national admins rotate the signing keys.');
  const result = await rotateKeys(db, caller, certificateRuntime().kek);
  cachesOf(db).keys.clear();
  cachesOf(db).verified.clear();
  return result;
}

export async function retire(db: Kysely<DB>, caller: Caller, kid: string) {
  if (caller.actor && !mayManageKeys(caller.actor)) throw problems.forbidden('Only national admins retire signing keys.');
  await retireKey(db, caller, kid);
  cachesOf(db).keys.clear();
  cachesOf(db).verified.clear();
}
