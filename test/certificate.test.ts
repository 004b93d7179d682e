// Certificates: issue, verify (valid / tampered / unknown / revoked), status list, key rotation,
// the encrypted key store, the PDF (parsed, its QR code decoded) and who may see what.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { calculateJwkThumbprint, SignJWT, decodeJwt, type JWK } from 'jose';
import jsQRModule from 'jsqr';
import { PDFDocument, PDFName, PDFDict, PDFArray, PDFRawStream, PDFString } from 'pdf-lib';
import { systemCaller } from '../src/context.ts';
import { issueCertificate, issueCertificates, verifyCertificateJwt } from '../src/modules/certificate/service.ts';
import { activeSigningKey, deriveKeyEncryption } from '../src/modules/certificate/keys.ts';
import { cachesOf, certificateRuntime } from '../src/modules/certificate/runtime.ts';
import { RECHECK_MS } from '../src/modules/certificate/revocation-cache.ts';
import { bitAt, decodeBitstring } from '../src/modules/certificate/status-list.ts';
import { asUser, backends, createTestApp, demoEmail, isProblem, login, type Session, type TestApp } from './helpers.ts';

/** Draws the filled rectangles of the PDF's page content into a bitmap and reads the QR code in it. */
// jsqr is CommonJS: under Node its default import is the function itself
const jsQR = jsQRModule as unknown as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

function decodeQrFromPdfContent(content: string): string | null {
  const rects: [number, number, number, number][] = [];
  for (const m of content.matchAll(/(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+) re/g)) rects.push([Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])]);
  // the QR modules are the small squares-high rectangles (the page frame is huge)
  const modules = rects.filter((r) => r[3] < 10);
  if (modules.length === 0) return null;
  const cell = Math.min(...modules.map((r) => r[3]));
  const x0 = Math.min(...modules.map((r) => r[0]));
  const y1 = Math.max(...modules.map((r) => r[1] + r[3]));
  const n = Math.round((Math.max(...modules.map((r) => r[0] + r[2])) - x0) / cell);
  const scale = 4;
  const quiet = 4;
  const size = (n + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(size * size * 4).fill(255);
  for (const [x, y, w, h] of modules) {
    const c0 = Math.round((x - x0) / cell);
    const r0 = Math.round((y1 - (y + h)) / cell);
    const cw = Math.round(w / cell);
    for (let c = c0; c < c0 + cw; c++) {
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const px = (c + quiet) * scale + dx;
          const py = (r0 + quiet) * scale + dy;
          const i = (py * size + px) * 4;
          pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
        }
    }
  }
  return jsQR(pixels, size, size)?.data ?? null;
}

function alter(jwt: string, change: (payload: Record<string, unknown>) => void): string {
  const [h, p, s] = jwt.split('.');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
  change(payload);
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
}

for (const kind of backends()) {
  describe(`certificates (${kind})`, () => {
    let t: TestApp;
    let learner: Session;
    let national: Session;
    let providerAdmin: Session;
    let programmeId: number;
    let offeringId: number;
    const issue = (completedOn = '2026-03-12', extra: Partial<Parameters<typeof issueCertificate>[2]> = {}) =>
      issueCertificate(t.database.db, systemCaller('test'), { civilServantId: learner.me.civilServantId!, programmeId, offeringId: null, learningRecordId: Math.floor(Math.random() * 1e9), completedOn, jp: 40, ...extra });
    const verify = async (jwt: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/certificates/verify', payload: { jwt } });
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };

    before(async () => {
      t = await createTestApp(kind);
      learner = await login(t.app, demoEmail(t.demo, 'learner'));
      national = await login(t.app, demoEmail(t.demo, 'national_admin'));
      providerAdmin = await login(t.app, demoEmail(t.demo, 'provider_admin'));
      programmeId = (await t.database.db.selectFrom('programme').select('id').where('code', '=', 'PKP-KOLABORASI').executeTakeFirstOrThrow()).id;
      offeringId = (await t.database.db.selectFrom('offering').select('id').where('programme_id', '=', programmeId).orderBy('id').executeTakeFirstOrThrow()).id;
    });
    after(() => t?.close());

    test('an issued certificate is an Open Badges 3.0 credential signed with EdDSA, and verifies as valid', async () => {
      const issued = await issue('2026-03-12', { offeringId, learningRecordId: null });
      assert.equal(issued.verifyUrl, `${t.config.publicUrl}/verifikasi/${issued.id}`);
      const header = JSON.parse(Buffer.from(issued.jwt.split('.')[0], 'base64url').toString());
      assert.equal(header.alg, 'EdDSA');
      const vc = decodeJwt(issued.jwt) as Record<string, any>;
      assert.deepEqual(vc['@context'], ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
      assert.deepEqual(vc.type, ['VerifiableCredential', 'OpenBadgeCredential']);
      assert.equal(vc.jti, `urn:uuid:${issued.id}`);
      assert.equal(vc.iss, vc.issuer.id);
      assert.equal(vc.issuer.name, 'Lembaga Administrasi Negara');
      assert.equal(vc.credentialSubject.creditsEarned, 40);
      assert.match(vc.credentialSubject.achievement.name, /Kepemimpinan Pengawas/);
      assert.ok(vc.credentialSubject.achievement.nameEn);
      assert.ok(vc.credentialSubject.achievement.alignment.length > 0, 'competencies developed');
      assert.equal(vc.credentialStatus.type, 'BitstringStatusListEntry');
      const nip = (await t.database.db.selectFrom('civil_servant').select('nip').where('id', '=', learner.me.civilServantId!).executeTakeFirstOrThrow()).nip;
      assert.ok(!JSON.stringify(vc).includes(nip), 'the NIP is only present hashed');

      const result = await verify(issued.jwt);
      assert.equal(result.status, 'valid');
      assert.equal(result.checks.signature, 'valid');
      assert.equal(result.certificate.id, issued.id);

      const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
      assert.ok(jwks.keys.some((k: { kid: string }) => k.kid === header.kid));
      assert.ok(jwks.keys.every((k: Record<string, unknown>) => k.d === undefined), 'no private parts in the JWKS');

      // issuing the same completion again returns the same certificate
      const again = await issue('2026-03-12', { offeringId, learningRecordId: null });
      assert.equal(again.id, issued.id);
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', issued.id).execute();
      assert.deepEqual(audit.map((a) => a.action), ['certificate.issue']);
    });

    test('an altered, forged, foreign or malformed JWT is refused with the right verdict', async () => {
      const issued = await issue();
      const altered = alter(issued.jwt, (p) => {
        (p.credentialSubject as { creditsEarned: number }).creditsEarned = 400;
      });
      assert.equal((await verify(altered)).status, 'tampered');

      // forged: signed by another key but claiming our kid
      const ourKid = JSON.parse(Buffer.from(issued.jwt.split('.')[0], 'base64url').toString()).kid;
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const payload = decodeJwt(issued.jwt);
      const forged = await new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid: ourKid }).sign(privateKey);
      const forgedResult = await verify(forged);
      assert.equal(forgedResult.status, 'tampered');
      assert.equal(forgedResult.checks.signature, 'invalid');

      // signed by an unknown key (its own kid)
      const foreignKid = await calculateJwkThumbprint(publicKey.export({ format: 'jwk' }) as JWK);
      const foreign = await new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid: foreignKid }).sign(privateKey);
      const foreignResult = await verify(foreign);
      assert.equal(foreignResult.status, 'unknown');
      assert.equal(foreignResult.checks.signature, 'unknown_key');

      // signed with our own key but not in the register
      const key = await activeSigningKey(t.database.db, certificateRuntime().kek);
      const ghost = await new SignJWT({ ...payload, jti: 'urn:uuid:00000000-0000-4000-8000-000000000000' }).setProtectedHeader({ alg: 'EdDSA', kid: key.kid }).sign(key.privateKey);
      assert.equal((await verify(ghost)).status, 'unknown');

      assert.equal((await verify('eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl')).status, 'tampered');
      const garbage = await t.app.inject({ method: 'POST', url: '/api/certificates/verify', payload: { jwt: 'not a jwt at all' } });
      assert.ok(isProblem(garbage, 400));
      assert.equal(garbage.json().errors[0].field, 'body.jwt');
    });

    test('revocation: only national and issuing-provider admins, with a reason; the status list bit flips; audited', async () => {
      const issued = await issue();
      const row = await t.database.db.selectFrom('certificate').select(['status_list_id', 'status_index']).where('id', '=', issued.id).executeTakeFirstOrThrow();
      const bit = async () => {
        const list = (await t.app.inject({ method: 'GET', url: `/credentials/status/${row.status_list_id}` })).json();
        assert.equal(list.credentialSubject.type, 'BitstringStatusList');
        assert.equal(list.credentialSubject.statusPurpose, 'revocation');
        return bitAt(decodeBitstring(list.credentialSubject.encodedList), row.status_index);
      };
      assert.equal(await bit(), false);

      const asLearner = await asUser(t.app, learner)('POST', `/api/certificates/${issued.id}/revoke`, { reason: 'saya mau' });
      assert.ok(isProblem(asLearner, 403));
      const noReason = await asUser(t.app, providerAdmin)('POST', `/api/certificates/${issued.id}/revoke`, { reason: '' });
      assert.ok(isProblem(noReason, 400));
      assert.equal(noReason.json().errors[0].field, 'body.reason');

      const res = await asUser(t.app, providerAdmin)('POST', `/api/certificates/${issued.id}/revoke`, { reason: 'Diterbitkan karena kesalahan data kelulusan' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().status, 'revoked');
      assert.equal(await bit(), true);
      const verdict = await verify(issued.jwt);
      assert.equal(verdict.status, 'revoked');
      assert.equal(verdict.checks.signature, 'valid');
      assert.ok(isProblem(await asUser(t.app, national)('POST', `/api/certificates/${issued.id}/revoke`, { reason: 'lagi' }), 409));
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', issued.id).where('action', '=', 'certificate.revoke').executeTakeFirstOrThrow();
      assert.match(JSON.stringify(audit.after), /kesalahan data/);

      // the signed form of the status list verifies against the JWKS
      const signed = await t.app.inject({ method: 'GET', url: `/credentials/status/${row.status_list_id}`, headers: { accept: 'application/vc+jwt' } });
      assert.match(String(signed.headers['content-type']), /application\/vc\+jwt/);
      assert.equal(decodeJwt(signed.body).type instanceof Array, true);
    });

    test('key rotation: new certificates use the new key, old ones still verify; a retired key stops verifying', async () => {
      const old = await issue();
      const oldKid = JSON.parse(Buffer.from(old.jwt.split('.')[0], 'base64url').toString()).kid;
      const rotated = await asUser(t.app, national)('POST', '/api/certificates/keys/rotate');
      assert.equal(rotated.statusCode, 200, rotated.body);
      assert.equal(rotated.json().previous, oldKid);
      const fresh = await issue();
      const freshKid = JSON.parse(Buffer.from(fresh.jwt.split('.')[0], 'base64url').toString()).kid;
      assert.notEqual(freshKid, oldKid);
      assert.equal((await verify(old.jwt)).status, 'valid');
      assert.equal((await verify(fresh.jwt)).status, 'valid');
      const kids = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json().keys.map((k: { kid: string }) => k.kid);
      assert.ok(kids.includes(oldKid) && kids.includes(freshKid));
      const keys = (await asUser(t.app, national)('GET', '/api/certificates/keys')).json().items;
      assert.equal(keys.filter((k: { status: string }) => k.status === 'active').length, 1);

      const { retire } = await import('../src/modules/certificate/service.ts');
      await assert.rejects(retire(t.database.db, systemCaller('test'), freshKid), /active signing key/);
      await retire(t.database.db, systemCaller('test'), oldKid);
      assert.equal((await verify(old.jwt)).status, 'unknown');
      assert.equal((await verify(fresh.jwt)).status, 'valid');
      assert.ok(!(await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json().keys.some((k: { kid: string }) => k.kid === oldKid));
    });

    test('verification caches: a revocation through the service is seen at once; one by another writer within the recheck bound', async () => {
      const issued = await issue();
      const other = await issue();
      // warm: the register rows and the status list are now cached on this instance
      assert.equal((await verify(issued.jwt)).status, 'valid');
      assert.equal((await verify(other.jwt)).status, 'valid');
      const res = await asUser(t.app, national)('POST', `/api/certificates/${issued.id}/revoke`, { reason: 'Salah data kelulusan' });
      assert.equal(res.statusCode, 200, res.body);
      const revoked = await verify(issued.jwt);
      assert.equal(revoked.status, 'revoked');
      assert.equal(revoked.checks.revocation, 'revoked');
      assert.equal(revoked.certificate.status, 'revoked');
      assert.ok(revoked.certificate.revoked_at);
      assert.equal((await verify(other.jwt)).status, 'valid', 'the other entry of the same list is still valid');

      // another instance (here: plain SQL) revokes: this instance sees it once the recheck bound has passed
      const register = cachesOf(t.database.db).register;
      const realNow = register.now;
      let shift = 0;
      register.now = () => realNow() + shift;
      try {
        await t.database.db.updateTable('certificate').set({ revoked_at: new Date(), revoked_by: 'elsewhere', revocation_reason: 'elsewhere' }).where('id', '=', other.id).execute();
        shift = RECHECK_MS + 1;
        const seen = await verify(other.jwt);
        assert.equal(seen.status, 'revoked');
        assert.equal(seen.checks.signature, 'valid');
        // a certificate issued after the cache was filled verifies (cold path), valid
        const later = await issue();
        assert.equal((await verify(later.jwt)).status, 'valid');
      } finally {
        register.now = realNow;
      }
      // every revocation bumped the version of its list, in the revoking transaction
      const row = await t.database.db.selectFrom('certificate').select('status_list_id').where('id', '=', other.id).executeTakeFirstOrThrow();
      const version = await t.database.db.selectFrom('credential_status_version').select('version').where('list_id', '=', row.status_list_id).executeTakeFirstOrThrow();
      assert.ok(Number(version.version) >= 2);
    });

    test('expiry: past its validity a certificate verifies as expired, or revoked when it also was revoked; a cold and a warm cache agree', async () => {
      const past = await issue('2024-01-10', { validUntil: '2025-01-10T00:00:00Z' });
      for (let i = 0; i < 2; i++) {
        const verdict = await verify(past.jwt);
        assert.equal(verdict.status, 'expired');
        assert.equal(verdict.checks.expiry, 'expired');
        assert.equal(verdict.certificate.status, 'expired');
        cachesOf(t.database.db).register.clear();
      }
      assert.equal((await verify(past.jwt)).status, 'expired'); // warm again
      const res = await asUser(t.app, national)('POST', `/api/certificates/${past.id}/revoke`, { reason: 'Dicabut setelah kedaluwarsa' });
      assert.equal(res.statusCode, 200, res.body);
      const verdict = await verify(past.jwt);
      assert.equal(verdict.status, 'revoked');
      assert.equal(verdict.checks.expiry, 'expired');
      // signed by our key with the register's id but not the JWT the register issued (another header): unknown
      const key = await activeSigningKey(t.database.db, certificateRuntime().kek);
      const copy = await new SignJWT(decodeJwt(past.jwt)).setProtectedHeader({ alg: 'EdDSA', kid: key.kid }).sign(key.privateKey);
      assert.notEqual(copy, past.jwt);
      const copyVerdict = await verify(copy);
      assert.equal(copyVerdict.status, 'unknown');
      assert.equal(copyVerdict.checks.signature, 'valid');
      // a critical header parameter we do not understand makes the signature invalid (RFC 7515 §4.1.11)
      const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const input = `${b64({ alg: 'EdDSA', kid: key.kid, crit: ['x-kembang'], 'x-kembang': 1 })}.${past.jwt.split('.')[1]}`;
      const crit = `${input}.${sign(null, Buffer.from(input), key.privateKey).toString('base64url')}`;
      const critVerdict = await verify(crit);
      assert.equal(critVerdict.status, 'tampered');
      assert.equal(critVerdict.checks.signature, 'invalid');
    });

    test('a batch of certificates: distinct numbers and status entries, across a list that fills up; a repeat in the batch gets the same certificate', async () => {
      const people = await t.database.db.selectFrom('civil_servant').select('id').orderBy('id').limit(3).execute();
      const open = await t.database.db.selectFrom('credential_status_list').select(['id', 'size']).where('open', '=', true).executeTakeFirstOrThrow();
      // one entry left in the open list: the batch takes it, closes the list and opens another
      await t.database.db.updateTable('credential_status_list').set({ next_counter: open.size - 1 }).where('id', '=', open.id).execute();
      const base = Math.floor(Math.random() * 1e9);
      const inputs = people.map((p, i) => ({ civilServantId: p.id, programmeId, offeringId: null, learningRecordId: base + i, completedOn: '2026-03-12', jp: 40 }));
      const issued = await issueCertificates(t.database.db, systemCaller('test'), [...inputs, inputs[1]]);
      assert.equal(issued.length, 4);
      assert.equal(issued[3].id, issued[1].id, 'the repeat of a completion is the same certificate');
      assert.equal(new Set(issued.map((x) => x.id)).size, 3);
      const rows = await t.database.db.selectFrom('certificate').select(['id', 'number', 'status_list_id', 'status_index']).where('id', 'in', issued.map((x) => x.id)).execute();
      assert.equal(rows.length, 3);
      assert.equal(new Set(rows.map((r) => r.number)).size, 3);
      assert.equal(new Set(rows.map((r) => `${r.status_list_id}:${r.status_index}`)).size, 3);
      assert.equal(rows.filter((r) => r.status_list_id === open.id).length, 1, 'the last entry of the full list');
      const lists = await t.database.db.selectFrom('credential_status_list').select(['id', 'open', 'next_counter']).orderBy('id').execute();
      assert.equal(lists.find((l) => l.id === open.id)!.open, false);
      assert.equal(lists.filter((l) => l.open).length, 1);
      for (const x of issued.slice(0, 3)) assert.equal((await verify(x.jwt)).status, 'valid');
      // every certificate has its follow-up and its audit entry
      assert.equal((await t.database.db.selectFrom('evaluation_follow_up').select('id').where('certificate_id', 'in', issued.map((x) => x.id)).execute()).length, 3);
      assert.equal((await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'certificate.issue').where('entity_id', 'in', issued.map((x) => x.id)).execute()).length, 3);
      // issued again (same learning records): the same certificates, nothing new
      const again = await issueCertificates(t.database.db, systemCaller('test'), inputs);
      assert.deepEqual(again.map((x) => x.id), issued.slice(0, 3).map((x) => x.id));
      // a bad item refuses the batch, naming it; nothing written
      const before = await t.database.db.selectFrom('certificate').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      await assert.rejects(
        issueCertificates(t.database.db, systemCaller('test'), [{ ...inputs[0], learningRecordId: base + 10 }, { ...inputs[0], learningRecordId: base + 11, civilServantId: 999_999_999 }]),
        (e: { errors?: { field: string }[] }) => e.errors?.[0]?.field === '1.civilServantId',
      );
      const after = await t.database.db.selectFrom('certificate').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n));
    });

    test('private keys are encrypted at rest and unusable under another encryption key', async () => {
      await issue();
      const rows = await t.database.db.selectFrom('credential_key').select(['kid', 'private_key_enc', 'kek_check']).execute();
      for (const r of rows) {
        assert.match(r.private_key_enc, /^v1\./);
        assert.ok(!r.private_key_enc.includes('MC4CAQAwBQYDK2VwBCIEI'), 'not a plain PKCS#8 key');
      }
      const other = deriveKeyEncryption('a-different-key-encryption-secret-of-32+chars');
      // a new process (empty cache) with the wrong secret cannot sign
      const { activeSigningKey: fresh } = await import(`../src/modules/certificate/keys.ts?other=${Date.now()}`);
      await assert.rejects(fresh(t.database.db, other), /another KEMBANG_KEY_ENCRYPTION_KEY/);
    });

    test('the PDF is a real A4 landscape PDF whose QR code and link open the verification page', async () => {
      const issued = await issue('2026-03-12', { offeringId: null });
      const res = await asUser(t.app, learner)('GET', `/api/certificates/${issued.id}.pdf`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const doc = await PDFDocument.load(res.rawPayload);
      assert.equal(doc.getPageCount(), 1);
      const page = doc.getPage(0);
      assert.ok(Math.abs(page.getWidth() - 841.89) < 1 && Math.abs(page.getHeight() - 595.28) < 1, 'A4 landscape');
      assert.match(doc.getSubject() ?? '', new RegExp(issued.verifyUrl));
      const annots = page.node.lookup(PDFName.of('Annots'), PDFArray);
      const action = (annots.lookup(0, PDFDict) as PDFDict).lookup(PDFName.of('A'), PDFDict);
      assert.equal((action.lookup(PDFName.of('URI')) as PDFString).decodeText(), issued.verifyUrl);
      const stream = page.node.lookup(PDFName.of('Contents'));
      const streams = stream instanceof PDFArray ? stream.asArray().map((r) => doc.context.lookup(r) as PDFRawStream) : [stream as PDFRawStream];
      const content = streams.map((s) => inflateSync(Buffer.from(s.getContents())).toString('latin1')).join('\n');
      assert.equal(decodeQrFromPdfContent(content), issued.verifyUrl);
      // the holder's name and both languages are on it (text is hex-encoded in the content stream)
      const hex = (s: string) => Buffer.from(s, 'latin1').toString('hex').toUpperCase();
      assert.ok(content.includes(hex('SERTIFIKAT')) && content.includes(hex('Certificate of Completion')));
    });

    test('who may see the certificate and its PDF; the public view has no personal data', async () => {
      const issued = await issue();
      for (const [role, status] of [['learner', 200], ['agency_admin', 200], ['provider_admin', 200], ['national_admin', 200], ['supervisor', 404], ['auditor', 404]] as const) {
        const session = await login(t.app, demoEmail(t.demo, role));
        const res = await asUser(t.app, session)('GET', `/api/certificates/${issued.id}.pdf`);
        assert.equal(res.statusCode, status, `${role}: ${res.body.slice(0, 200)}`);
      }
      const mine = (await asUser(t.app, learner)('GET', '/api/certificates')).json().items;
      assert.ok(mine.some((c: { id: string }) => c.id === issued.id));
      const pub = await t.app.inject({ method: 'GET', url: `/api/certificates/${issued.id}/public` });
      assert.equal(pub.statusCode, 200);
      const body = pub.json();
      assert.deepEqual(Object.keys(body).sort(), ['completed_on', 'holder_name', 'id', 'issued_at', 'jp', 'number', 'programme', 'provider', 'revoked_at', 'status', 'verify_url']);
      assert.ok(isProblem(await t.app.inject({ method: 'GET', url: '/api/certificates/00000000-0000-4000-8000-000000000000/public' }), 404));
      assert.ok(isProblem(await t.app.inject({ method: 'GET', url: '/api/certificates/not-a-uuid/public' }), 400));
    });

    test('bad issue input: clear errors, nothing written', async () => {
      const before = await t.database.db.selectFrom('certificate').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      await assert.rejects(issue('2026-13-45'), (e: { status: number; errors: { field: string }[] }) => e.status === 400 && e.errors[0].field === 'completedOn');
      await assert.rejects(issue('2026-03-12', { civilServantId: 987654321 }), (e: { status: number }) => e.status === 400);
      await assert.rejects(issue('2026-03-12', { jp: 0 }), (e: { errors: { field: string }[] }) => e.errors[0].field === 'jp');
      const after = await t.database.db.selectFrom('certificate').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n));
      assert.equal((await verifyCertificateJwt(t.database.db, 'x.y.z')).status, 'tampered');
    });
  });
}
