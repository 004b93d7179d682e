// Bad input gets a clear problem+json answer naming what is wrong, and never a 500.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asUser, backends, createTestApp, demoEmail, isProblem, login, type Session, type TestApp } from './helpers.ts';

for (const kind of backends()) {
  describe(`bad input (${kind})`, () => {
    let t: TestApp;
    let admin: Session;
    before(async () => {
      t = await createTestApp(kind, { bodyLimit: 4096 });
      admin = await login(t.app, demoEmail(t.demo, 'national_admin'));
    });
    after(() => t?.close());

    const post = (url: string, payload: string, contentType = 'application/json') =>
      t.app.inject({ method: 'POST', url, payload, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': contentType } });

    test('malformed JSON: 400', async () => {
      const res = await post('/api/tokens', '{"name": "x",');
      assert.ok(isProblem(res, 400));
      assert.match(res.json().type, /malformed-json$/);
    });

    test('wrong types and missing fields: 400 naming each field', async () => {
      const res = await post('/api/tokens', JSON.stringify({ name: 42 }));
      assert.ok(isProblem(res, 400));
      const fields = res.json().errors.map((e: { field: string }) => e.field).sort();
      assert.deepEqual(fields, ['body.name', 'body.scope']);
    });

    test('a number in a string is not silently accepted for a body field', async () => {
      const res = await asUser(t.app, admin)('POST', '/api/tokens', { name: 'x', scope: 'national', role: 7 });
      assert.ok(isProblem(res, 400));
      assert.ok(res.json().errors.some((e: { field: string }) => e.field === 'body.role'));
    });

    test('unknown fields: 400 naming the field (not silently dropped)', async () => {
      const res = await asUser(t.app, admin)('POST', '/api/tokens', { name: 'x', scope: 'national', isAdmin: true });
      assert.ok(isProblem(res, 400));
      assert.deepEqual(res.json().errors, [{ field: 'body.isAdmin', message: 'is not allowed here' }]);
    });

    test('the problem title and validation messages follow Accept-Language (Indonesian for the web app in id)', async () => {
      const send = (language?: string) =>
        t.app.inject({
          method: 'POST', url: '/api/tokens', payload: JSON.stringify({ name: 42, isAdmin: true }),
          headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json', ...(language ? { 'accept-language': language } : {}) },
        });
      const messages = (res: Awaited<ReturnType<typeof send>>) => Object.fromEntries(res.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]));
      const id = await send('id-ID,id;q=0.9,en;q=0.5');
      assert.ok(isProblem(id, 400));
      assert.equal(id.headers['content-language'], 'id');
      assert.equal(id.json().title, 'Isian tidak valid');
      assert.deepEqual(messages(id), { 'body.name': 'harus berupa teks', 'body.scope': 'wajib diisi', 'body.isAdmin': 'tidak diperbolehkan di sini' });
      assert.match(id.json().detail, /body\.scope: wajib diisi/);
      for (const english of [undefined, 'en', 'fr, en;q=0.8, id;q=0.5']) {
        const res = await send(english);
        assert.equal(res.headers['content-language'], 'en', String(english));
        assert.equal(res.json().title, 'Invalid input');
        assert.equal(messages(res)['body.scope'], 'is required');
      }
      const range = await t.app.inject({ method: 'GET', url: '/api/civil-servants?limit=100000', headers: { cookie: admin.cookie, 'accept-language': 'id' } });
      assert.match(range.json().errors[0].message, /^harus <= \d+$/);
    });

    test('oversized body: 413', async () => {
      const res = await post('/api/tokens', JSON.stringify({ name: 'x'.repeat(10_000), scope: 'national' }));
      assert.ok(isProblem(res, 413));
    });

    test('unsupported media type: 415', async () => {
      const res = await post('/api/tokens', 'name=x&scope=national', 'application/x-www-form-urlencoded');
      assert.ok(isProblem(res, 415));
    });

    test('bad path and query parameters: 400 naming them', async () => {
      const as = asUser(t.app, admin);
      const uuid = await as('DELETE', '/api/tokens/not-a-uuid');
      assert.ok(isProblem(uuid, 400));
      assert.equal(uuid.json().errors[0].field, 'params.id');
      const limit = await as('GET', '/api/civil-servants?limit=100000');
      assert.equal(limit.json().errors[0].field, 'querystring.limit');
      const cursor = await as('GET', '/api/civil-servants?after=garbage');
      assert.equal(cursor.json().errors[0].field, 'querystring.after');
      const unknownParam = await as('GET', '/api/civil-servants?sort=evil');
      assert.ok(isProblem(unknownParam, 400));
    });

    test('unknown routes: 404 problem+json', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
      assert.ok(isProblem(res, 404));
    });

    test('no generated input produces a 500 on any documented route', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
      const bodies = ['', 'null', '[]', '{}', '{"a":{"b":[1,2,{"c":null}]}}', '{"name":"\\u0000"}', '{"email":"a@b","role":"root","scope":"agency:\'; drop table agency;--"}', '{"identifier":"' + 'x'.repeat(300) + '","password":"p"}', '\u00ff\u00fe'];
      const ids = ['0', '99999999999999999999', '%00', '00000000-0000-0000-0000-000000000000'];
      const failures: string[] = [];
      for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
        if (path === '/api/auth/logout') continue; // would end the session the rest of the run uses
        for (const method of Object.keys(ops).filter((m) => m !== 'head')) {
          for (const id of ids) {
            const url = path.replace(/\{[^}]+\}/g, encodeURIComponent(id)) + `?limit=${id}&q=${encodeURIComponent("'%_\\")}`;
            for (const body of method === 'get' || method === 'delete' ? [undefined] : bodies) {
              const res = await t.app.inject({
                method: method.toUpperCase() as 'GET',
                url,
                headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
                ...(body === undefined ? {} : { payload: body }),
              });
              if (res.statusCode >= 500) failures.push(`${method} ${url} ${body ?? ''} → ${res.statusCode} ${res.body.slice(0, 200)}`);
              if (res.statusCode >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json')) failures.push(`${method} ${url} → ${res.statusCode} not problem+json`);
            }
          }
        }
      }
      assert.deepEqual(failures, []);
      assert.equal((await asUser(t.app, admin)('GET', '/api/auth/me')).statusCode, 200, 'the run stayed signed in');
    });
  });
}
