// Attachments in multipart/mixed requests (checked by their SHA-2 hash) and signed statements.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { CompactSign, generateKeyPair } from 'jose';
import { backends } from './helpers.ts';
import { createLrsTestApp, statement, type LrsTestApp } from './xapi-helpers.ts';

const SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature';
const BOUNDARY = 'kembang-test-boundary';

interface TestPart {
  contentType: string;
  body: string | Buffer;
  hash?: string | null;
}

function multipart(json: unknown, parts: TestPart[]): Buffer {
  const chunks: Buffer[] = [Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(json)}\r\n`)];
  for (const p of parts) {
    const body = Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body);
    const hash = p.hash === undefined ? createHash('sha256').update(body).digest('hex') : p.hash;
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Type: ${p.contentType}\r\nContent-Transfer-Encoding: binary\r\n${hash === null ? '' : `X-Experience-API-Hash: ${hash}\r\n`}\r\n`), body, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');

function attachment(content: string | Buffer, over: Record<string, unknown> = {}) {
  const buf = Buffer.isBuffer(content) ? content : Buffer.from(content);
  return { usageType: 'https://kembang.go.id/xapi/attachments/certificate', display: { 'id-ID': 'Sertifikat' }, contentType: 'text/plain', length: buf.length, sha2: sha256(buf), ...over };
}

for (const kind of backends()) {
  describe(`xAPI attachments and signed statements (${kind})`, () => {
    let t: LrsTestApp;
    before(async () => {
      t = await createLrsTestApp(kind);
    });
    after(() => t?.close());

    const send = (body: Buffer, method = 'POST', url = '/xapi/statements') => t.lrs(method, url, { raw: body, contentType: `multipart/mixed; boundary=${BOUNDARY}` });

    test('a multipart statement with its attachment is stored, and returned with attachments=true', async () => {
      const content = 'STTPP Latsar CPNS 2025 – Siti Rahma';
      const s = statement({ id: randomUUID(), attachments: [attachment(content)] });
      const res = await send(multipart(s, [{ contentType: 'text/plain', body: content }]));
      assert.equal(res.statusCode, 200, res.body);
      const got = await t.lrs('GET', `/xapi/statements?statementId=${s.id}&attachments=true`);
      assert.equal(got.statusCode, 200);
      assert.match(String(got.headers['content-type']), /^multipart\/mixed; boundary=/);
      assert.ok(got.body.includes(`X-Experience-API-Hash: ${sha256(content)}`));
      assert.ok(got.body.includes(content));
      const plain = await t.lrs('GET', `/xapi/statements?statementId=${s.id}`);
      assert.match(String(plain.headers['content-type']), /^application\/json/);
    });

    test('missing, extra, unhashed or wrongly hashed parts are refused and nothing is stored', async () => {
      const before = await t.statementCount();
      const content = 'isi lampiran';
      const s = statement({ attachments: [attachment(content)] });
      const cases: [string, Buffer | string, string?][] = [
        ['no part for the attachment', multipart(s, [])],
        ['wrong hash', multipart(s, [{ contentType: 'text/plain', body: content, hash: sha256('other') }])],
        ['no hash header', multipart(s, [{ contentType: 'text/plain', body: content, hash: null }])],
        ['a part no statement names', multipart(s, [{ contentType: 'text/plain', body: content }, { contentType: 'text/plain', body: 'stray' }])],
        ['first part not JSON', Buffer.from(`--${BOUNDARY}\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${BOUNDARY}--\r\n`)],
        ['no closing boundary', Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/json\r\n\r\n{}`)],
        ['attachment without fileUrl sent as plain JSON', JSON.stringify(s), 'application/json'],
      ];
      for (const [name, body, type] of cases) {
        const res = type ? await t.lrs('POST', '/xapi/statements', { raw: body, contentType: type }) : await send(body as Buffer);
        assert.equal(res.statusCode, 400, `${name}: ${res.body}`);
        assert.ok(res.json().detail.length > 10, name);
      }
      const noBoundary = await t.lrs('POST', '/xapi/statements', { raw: multipart(s, []), contentType: 'multipart/mixed' });
      assert.equal(noBoundary.statusCode, 400);
      assert.equal(await t.statementCount(), before);
      // An attachment given by fileUrl needs no part.
      const byUrl = statement({ attachments: [attachment('remote', { fileUrl: 'https://lms.lan.go.id/files/1.pdf' })] });
      assert.equal((await t.lrs('POST', '/xapi/statements', { body: byUrl })).statusCode, 200);
    });

    test('signed statements: a valid RS256 JWS is accepted; another payload, algorithm or a non-JWS is refused', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const { privateKey: ecKey } = await generateKeyPair('ES256');
      const sign = async (payload: unknown, alg = 'RS256', key = privateKey) =>
        new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg }).sign(key);
      const signed = async (jws: string, original: Record<string, unknown>, over: Record<string, unknown> = {}) => {
        const s = { ...original, attachments: [attachment(jws, { usageType: SIGNATURE, contentType: 'application/octet-stream', ...over })] };
        return send(multipart(s, [{ contentType: 'application/octet-stream', body: jws }]));
      };
      const original = statement({ id: randomUUID() });
      const ok = await signed(await sign(original), original);
      assert.equal(ok.statusCode, 200, ok.body);

      const other = statement({ id: randomUUID() });
      const mismatch = await signed(await sign({ ...other, verb: { id: 'http://adlnet.gov/expapi/verbs/failed' } }), other);
      assert.equal(mismatch.statusCode, 400);
      assert.match(mismatch.json().detail, /does not match/);
      const ec = statement({ id: randomUUID() });
      const wrongAlg = await signed(await sign(ec, 'ES256', ecKey), ec);
      assert.equal(wrongAlg.statusCode, 400);
      assert.match(wrongAlg.json().detail, /RS256/);
      const plain = statement({ id: randomUUID() });
      assert.equal((await signed('this is not a jws', plain)).statusCode, 400);
      const wrongType = statement({ id: randomUUID() });
      assert.equal((await signed(await sign(wrongType), wrongType, { contentType: 'text/plain' })).statusCode, 400);
    });
  });
}
