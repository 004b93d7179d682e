// Fuzz: two thousand generated bad statements (each a valid statement with one property broken)
// and garbage bodies. Every one must get a 4xx naming a problem, never a 500, and nothing may be
// stored — also when the bad statement hides in a batch of good ones.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { backends } from './helpers.ts';
import { createLrsTestApp, statement, type LrsTestApp } from './xapi-helpers.ts';

type J = null | boolean | number | string | J[] | { [k: string]: J };

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const agent = (): J => ({ objectType: 'Agent', name: 'Budi', mbox: 'mailto:budi@kembang.test' });
const rich = (): J => ({
  id: randomUUID(),
  actor: { objectType: 'Group', name: 'Angkatan 12', member: [agent(), { account: { homePage: 'https://sso.bkn.go.id', name: '199001012015011001' } }] },
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered', 'id-ID': 'menjawab' } },
  object: {
    objectType: 'Activity',
    id: 'https://lms.lan.go.id/quiz/1/q/3',
    definition: {
      name: { 'id-ID': 'Soal 3' },
      description: { 'id-ID': 'Pilih jawaban' },
      type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
      moreInfo: 'https://lms.lan.go.id/quiz/1',
      interactionType: 'choice',
      correctResponsesPattern: ['a[,]b'],
      choices: [{ id: 'a', description: { 'id-ID': 'A' } }, { id: 'b', description: { 'id-ID': 'B' } }],
    },
  },
  result: { score: { scaled: 0.5, raw: 5, min: 0, max: 10 }, success: true, completion: true, response: 'a[,]b', duration: 'PT1M30S' },
  context: {
    registration: randomUUID(),
    instructor: { mbox_sha1sum: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9' },
    team: { objectType: 'Group', openid: 'https://id.kembang.test/team/7' },
    contextActivities: { parent: [{ id: 'https://lms.lan.go.id/quiz/1' }], grouping: [{ id: 'https://lms.lan.go.id/course/pkp' }] },
    revision: '3',
    platform: 'Moodle 4.3',
    language: 'id-ID',
    statement: { objectType: 'StatementRef', id: randomUUID() },
  },
  timestamp: '2025-03-14T08:30:00+07:00',
  attachments: [{ usageType: 'https://kembang.go.id/xapi/attachments/evidence', display: { 'id-ID': 'Bukti' }, contentType: 'application/pdf', length: 1024, sha2: 'a'.repeat(64), fileUrl: 'https://lms.lan.go.id/files/1.pdf' }],
});

const sub = (): J => ({
  actor: agent(),
  verb: { id: 'http://adlnet.gov/expapi/verbs/planned' },
  object: { objectType: 'SubStatement', actor: agent(), verb: { id: 'http://adlnet.gov/expapi/verbs/attended' }, object: { id: 'https://lms.lan.go.id/event/9' }, context: { contextActivities: { category: [{ id: 'https://kembang.go.id/categories/latsar' }] } } },
});

/** Every [container, key] inside a value, except inside extension values. */
function slots(value: J, out: [J[] | { [k: string]: J }, string | number][] = []) {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([value, i]), slots(v, out)));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) (out.push([value, k]), k === 'extensions' || slots(v, out));
  return out;
}

/** One mutation that the data model forbids wherever it lands. */
function breakOne(s: J, rnd: () => number): string {
  const all = slots(s);
  const [container, key] = all[Math.floor(rnd() * all.length)];
  const current = (container as Record<string | number, J>)[key];
  const choice = Math.floor(rnd() * 3);
  const set = (v: J) => ((container as Record<string | number, J>)[key] = v);
  if (choice === 0 && !Array.isArray(container)) {
    set(null);
    return `null at ${String(key)}`;
  }
  if (choice === 1 && current && typeof current === 'object' && !Array.isArray(current)) {
    (current as Record<string, J>)['bad key'] = 1;
    return `unknown key under ${String(key)}`;
  }
  if (typeof current === 'string') set(7);
  else if (typeof current === 'number') set('7');
  else if (typeof current === 'boolean') set('true');
  else set('not an object');
  return `type swap at ${String(key)}`;
}

/** Targeted breakages of formats the type swaps do not reach. */
const FORMAT_BREAKS: ((s: Record<string, any>) => void)[] = [
  (s) => (s.id = 'not-a-uuid'),
  (s) => (s.verb.id = 'answered'),
  (s) => (s.actor = { mbox: 'budi@kembang.test' }),
  (s) => (s.actor = { mbox: 'mailto:a@b.id', openid: 'http://x.id' }),
  (s) => delete s.verb,
  (s) => delete s.actor,
  (s) => delete s.object,
  (s) => (s.timestamp = '14/03/2025'),
  (s) => (s.timestamp = '2025-03-14T08:30:00-00:00'),
  (s) => (s.version = '3.0.0'),
  (s) => (s.stored = 'yesterday'),
  (s) => (s.object.definition ? (s.object.definition.interactionType = 'essay') : (s.object.objectType = 'Thing')),
  (s) => (s.result = { score: { scaled: 2 } }),
  (s) => (s.result = { duration: 'PT' }),
  (s) => (s.context = { registration: '12345' }),
  (s) => (s.context = { language: 'bahasa indonesia' }),
  (s) => (s.verb.display = { 'en_US': 'x' }),
  (s) => (s.attachments = [{ usageType: 'http://x.id/u', display: { en: 'x' }, contentType: 'nope', length: 1, sha2: 'a'.repeat(64), fileUrl: 'http://x.id/f' }]),
  (s) => (s.attachments = [{ usageType: 'http://x.id/u', display: { en: 'x' }, contentType: 'text/plain', length: -1, sha2: 'a'.repeat(64), fileUrl: 'http://x.id/f' }]),
  (s) => (s.object = { objectType: 'StatementRef', id: 'x' }),
  (s) => (s.verb = { id: 'http://adlnet.gov/expapi/verbs/voided' }),
  (s) => (s.authority = { objectType: 'Group', member: [{ mbox: 'mailto:a@b.id' }] }),
];

for (const kind of backends()) {
  describe(`xAPI fuzz (${kind})`, () => {
    let t: LrsTestApp;
    before(async () => {
      t = await createLrsTestApp(kind, { rateLimitPerMinute: 0 });
    });
    after(() => t?.close());

    test('the fuzz bases themselves are valid', async () => {
      for (const base of [rich(), sub()]) {
        const res = await t.lrs('POST', '/xapi/statements', { body: base });
        assert.equal(res.statusCode, 200, res.body);
      }
      await t.database.db.deleteFrom('xapi_statement').execute();
    });

    test('2,000 statements with one broken property each: 400 naming a property, none stored', async () => {
      const rnd = prng(20250314);
      const failures: string[] = [];
      const N = 2000;
      for (let i = 0; i < N; i++) {
        const s = (i % 3 === 2 ? sub() : rich()) as Record<string, any>;
        let what: string;
        if (i % 5 === 4) {
          const f = FORMAT_BREAKS[Math.floor(rnd() * FORMAT_BREAKS.length)];
          f(s);
          what = `format break ${f.toString().slice(0, 60)}`;
        } else {
          what = breakOne(s, rnd);
        }
        const version = i < N / 4 ? '1.0.3' : '2.0.0';
        const batch = i % 7 === 0;
        const body = batch ? [statement({ id: randomUUID() }), s, statement({ id: randomUUID() })] : s;
        const res = await t.lrs('POST', '/xapi/statements', { body, version });
        const detail = res.statusCode === 400 ? (res.json().detail as string) : '';
        if (res.statusCode !== 400 || !/^(statements?(\[\d+\])?|multipart)[.:\s[]/.test(detail)) failures.push(`#${i} ${what} (${version}${batch ? ', batch' : ''}) → ${res.statusCode} ${res.body.slice(0, 200)} :: ${JSON.stringify(s).slice(0, 300)}`);
        if (failures.length > 10) break;
      }
      assert.deepEqual(failures, []);
      assert.equal(await t.statementCount(), 0);
    });

    test('garbage bodies and headers: always a 4xx, never a 500', async () => {
      const rnd = prng(7);
      const bodies: [string | Buffer, string][] = [];
      for (let i = 0; i < 150; i++) {
        const json = JSON.stringify(rich());
        const cut = json.slice(0, Math.floor(rnd() * json.length));
        bodies.push([cut, 'application/json']);
        bodies.push([Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 200) }, () => Math.floor(rnd() * 256))), i % 2 ? 'application/json' : 'multipart/mixed; boundary=x']);
      }
      bodies.push(['null', 'application/json'], ['"text"', 'application/json'], ['[null]', 'application/json'], ['[[]]', 'application/json'], ['{"__proto__":{"x":1}}', 'application/json']);
      for (const [raw, contentType] of bodies) {
        for (const method of ['POST', 'PUT']) {
          const url = method === 'PUT' ? `/xapi/statements?statementId=${randomUUID()}` : '/xapi/statements';
          const res = await t.lrs(method, url, { raw, contentType });
          assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${method} ${contentType} ${String(raw).slice(0, 80)} → ${res.statusCode} ${res.body}`);
        }
      }
      const weirdQueries = ['agent=%7B', 'since=%00', 'limit=99999999999999999999', 'activity=%E0%A4%A', 'registration[]=1', 'format[x]=1'];
      for (const q of weirdQueries) {
        const res = await t.lrs('GET', `/xapi/statements?${q}`);
        assert.ok(res.statusCode < 500, `${q} → ${res.statusCode} ${res.body}`);
      }
      assert.equal(await t.statementCount(), 0);
    });
  });
}
