// State, Activity Profile and Agent Profile documents: storage, JSON merge, ETag concurrency.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { backends } from './helpers.ts';
import { createLrsTestApp, type LrsTestApp } from './xapi-helpers.ts';

const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: 'https://sso.bkn.go.id', name: '199001012015011001' } });
const activity = 'https://lms.lan.go.id/course/latsar-cpns';

for (const kind of backends()) {
  describe(`xAPI documents (${kind})`, () => {
    let t: LrsTestApp;
    before(async () => {
      t = await createLrsTestApp(kind);
    });
    after(() => t?.close());

    const stateUrl = (stateId?: string, extra: Record<string, string> = {}) =>
      `/xapi/activities/state?${new URLSearchParams({ activityId: activity, agent, ...(stateId ? { stateId } : {}), ...extra })}`;

    test('state: PUT, GET with ETag and Last-Modified, POST merges JSON one level deep, DELETE', async () => {
      const id = randomUUID();
      assert.equal((await t.lrs('PUT', stateUrl(id), { body: { bookmark: 'page-3', progress: { done: 3 } } })).statusCode, 204);
      const got = await t.lrs('GET', stateUrl(id));
      assert.equal(got.statusCode, 200);
      assert.deepEqual(got.json(), { bookmark: 'page-3', progress: { done: 3 } });
      assert.match(String(got.headers.etag), /^"[0-9a-f]{40}"$/);
      assert.ok(got.headers['last-modified']);
      assert.equal((await t.lrs('POST', stateUrl(id), { body: { progress: { total: 10 }, score: 80 }, headers: { 'if-match': String(got.headers.etag) } })).statusCode, 204);
      assert.deepEqual((await t.lrs('GET', stateUrl(id))).json(), { bookmark: 'page-3', progress: { total: 10 }, score: 80 });
      // Merging into a non-JSON document, or merging a non-object, is refused.
      const text = randomUUID();
      await t.lrs('PUT', stateUrl(text), { raw: 'plain words', contentType: 'text/plain' });
      assert.equal((await t.lrs('GET', stateUrl(text))).body, 'plain words');
      assert.equal((await t.lrs('POST', stateUrl(text), { body: { a: 1 } })).statusCode, 400);
      assert.equal((await t.lrs('POST', stateUrl(id), { body: [1, 2] })).statusCode, 400);
      assert.equal((await t.lrs('PUT', stateUrl(id), { raw: '{not json', headers: { 'if-match': '*' } })).statusCode, 400);
      assert.equal((await t.lrs('DELETE', stateUrl(id))).statusCode, 204);
      assert.equal((await t.lrs('GET', stateUrl(id))).statusCode, 404);
    });

    test('state: listing ids with since, registration keeps documents apart, DELETE without stateId clears them', async () => {
      const registration = randomUUID();
      const a = randomUUID();
      const b = randomUUID();
      await t.lrs('PUT', stateUrl(a, { registration }), { body: { n: 1 } });
      const mid = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 5));
      await t.lrs('PUT', stateUrl(b, { registration }), { body: { n: 2 } });
      assert.deepEqual((await t.lrs('GET', stateUrl(undefined, { registration }))).json().sort(), [a, b].sort());
      assert.deepEqual((await t.lrs('GET', stateUrl(undefined, { registration, since: mid }))).json(), [b]);
      assert.equal((await t.lrs('GET', stateUrl(a))).statusCode, 404);
      assert.equal((await t.lrs('DELETE', stateUrl(undefined, { registration }))).statusCode, 204);
      assert.deepEqual((await t.lrs('GET', stateUrl(undefined, { registration }))).json(), []);
    });

    test('concurrency: If-Match and If-None-Match give 412; PUT over an existing document without them gives 409 (2.0.0)', async () => {
      const id = randomUUID();
      const url = `/xapi/activities/profile?${new URLSearchParams({ activityId: activity, profileId: id })}`;
      assert.equal((await t.lrs('PUT', url, { body: { v: 1 }, headers: { 'if-none-match': '*' } })).statusCode, 204);
      const etag = String((await t.lrs('GET', url)).headers.etag);
      assert.equal((await t.lrs('PUT', url, { body: { v: 2 }, headers: { 'if-none-match': '*' } })).statusCode, 412);
      assert.equal((await t.lrs('PUT', url, { body: { v: 2 }, headers: { 'if-match': '"0000000000000000000000000000000000000000"' } })).statusCode, 412);
      const conflict = await t.lrs('PUT', url, { body: { v: 2 } });
      assert.equal(conflict.statusCode, 409);
      assert.match(conflict.json().detail, /If-Match/);
      assert.deepEqual((await t.lrs('GET', url)).json(), { v: 1 });
      assert.equal((await t.lrs('PUT', url, { body: { v: 2 }, headers: { 'if-match': etag } })).statusCode, 204);
      assert.equal((await t.lrs('DELETE', url, { headers: { 'if-match': etag } })).statusCode, 412);
      assert.deepEqual((await t.lrs('GET', url)).json(), { v: 2 });
      // State follows the same rule under 2.0.0 but not under 1.0.3.
      const s = randomUUID();
      await t.lrs('PUT', stateUrl(s), { body: { v: 1 } });
      assert.equal((await t.lrs('PUT', stateUrl(s), { body: { v: 2 } })).statusCode, 409);
      assert.equal((await t.lrs('PUT', stateUrl(s), { body: { v: 2 }, version: '1.0.3' })).statusCode, 204);
      // 1.0.3 wants a precondition header on every profile PUT.
      const p = `/xapi/activities/profile?${new URLSearchParams({ activityId: activity, profileId: randomUUID() })}`;
      assert.equal((await t.lrs('PUT', p, { body: { v: 1 }, version: '1.0.3' })).statusCode, 400);
    });

    test('agent profile and bad parameters', async () => {
      const id = 'preferences';
      const url = `/xapi/agents/profile?${new URLSearchParams({ agent, profileId: id })}`;
      assert.equal((await t.lrs('POST', url, { body: { language: 'id' } })).statusCode, 204);
      assert.deepEqual((await t.lrs('GET', url)).json(), { language: 'id' });
      assert.deepEqual((await t.lrs('GET', `/xapi/agents/profile?${new URLSearchParams({ agent })}`)).json(), [id]);
      for (const bad of [
        `/xapi/agents/profile?${new URLSearchParams({ agent: '{"name":"x"}', profileId: id })}`,
        `/xapi/agents/profile?${new URLSearchParams({ agent: 'not json', profileId: id })}`,
        `/xapi/activities/state?${new URLSearchParams({ activityId: 'not an iri', agent, stateId: 'x' })}`,
        `/xapi/activities/state?${new URLSearchParams({ activityId: activity, agent, stateId: 'x', registration: 'nope' })}`,
        `/xapi/activities/profile?${new URLSearchParams({ activityId: activity, profileId: 'x', extra: '1' })}`,
      ]) {
        const res = await t.lrs('GET', bad);
        assert.equal(res.statusCode, 400, `${bad}: ${res.body}`);
      }
      assert.equal((await t.lrs('PUT', `/xapi/activities/state?${new URLSearchParams({ activityId: activity, agent })}`, { body: {} })).statusCode, 400);
    });
  });
}
