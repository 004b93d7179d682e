// The LRS's Statement resource: storing, validation, immutability, batches, voiding, queries,
// paging, formats, versions and authentication.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { backends } from './helpers.ts';
import { sql } from 'kysely';
import { arrayLiteral } from '../src/modules/xapi/repository.ts';
import { basic, createLrsTestApp, statement, type LrsTestApp } from './xapi-helpers.ts';

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';

for (const kind of backends()) {
  describe(`xAPI statements (${kind})`, () => {
    let t: LrsTestApp;
    before(async () => {
      t = await createLrsTestApp(kind);
    });
    after(() => t?.close());

    test('POST stores a statement and GET returns it with the LRS-set properties and headers', async () => {
      const res = await t.lrs('POST', '/xapi/statements', { body: statement() });
      assert.equal(res.statusCode, 200, res.body);
      const [id] = res.json();
      assert.match(id, /^[0-9a-f-]{36}$/);
      const got = await t.lrs('GET', `/xapi/statements?statementId=${id}`);
      assert.equal(got.statusCode, 200);
      const s = got.json();
      assert.equal(s.id, id);
      assert.equal(s.version, '2.0.0');
      assert.ok(s.stored && s.timestamp);
      assert.equal(s.authority.account.name, t.key);
      assert.equal(got.headers['x-experience-api-version'], '2.0.0');
      assert.ok(got.headers['x-experience-api-consistent-through']);
      assert.equal(new Date(String(got.headers['last-modified'])).getTime(), Math.floor(new Date(s.stored).getTime() / 1000) * 1000);
      const head = await t.lrs('HEAD', `/xapi/statements?statementId=${id}`);
      assert.equal(head.statusCode, 200);
      assert.equal(head.body, '');
    });

    test('PUT stores under the given id; the same statement again is fine, a different one is 409', async () => {
      const id = randomUUID();
      assert.equal((await t.lrs('PUT', `/xapi/statements?statementId=${id}`, { body: statement() })).statusCode, 204);
      assert.equal((await t.lrs('PUT', `/xapi/statements?statementId=${id}`, { body: statement() })).statusCode, 204);
      const changed = await t.lrs('PUT', `/xapi/statements?statementId=${id}`, { body: statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } }) });
      assert.equal(changed.statusCode, 409);
      assert.match(changed.json().detail, /immutable/);
      const stored = (await t.lrs('GET', `/xapi/statements?statementId=${id}`)).json();
      assert.equal(stored.verb.id, 'http://adlnet.gov/expapi/verbs/completed');
      assert.equal((await t.lrs('PUT', `/xapi/statements?statementId=${id}`, { body: statement({ id: randomUUID() }) })).statusCode, 400);
      assert.equal((await t.lrs('PUT', '/xapi/statements', { body: statement() })).statusCode, 400);
    });

    test('a batch is all-or-nothing: one bad statement, a repeated id, or a conflicting id refuses all of it', async () => {
      const before = await t.statementCount();
      const good = () => statement({ id: randomUUID() });
      const bad = await t.lrs('POST', '/xapi/statements', { body: [good(), good(), statement({ verb: { id: 'not an iri' } })] });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().detail, /statements\[2\]\.verb\.id/);
      const dup = good();
      assert.equal((await t.lrs('POST', '/xapi/statements', { body: [good(), dup, dup] })).statusCode, 400);
      const existing = good();
      assert.equal((await t.lrs('POST', '/xapi/statements', { body: existing })).statusCode, 200);
      const conflicting = await t.lrs('POST', '/xapi/statements', { body: [good(), { ...existing, verb: { id: 'http://adlnet.gov/expapi/verbs/failed' } }] });
      assert.equal(conflicting.statusCode, 409);
      assert.equal(await t.statementCount(), before + 1);
      const ok = await t.lrs('POST', '/xapi/statements', { body: [good(), good(), existing] });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().length, 3);
      assert.equal(await t.statementCount(), before + 3);
    });

    test('each data-model rule refuses the statement with 400 naming the property', async () => {
      const agent = { mbox: 'mailto:a@kembang.test' };
      const cases: [string, Record<string, unknown>, RegExp][] = [
        ['no actor', { actor: undefined }, /statement\.actor: is required/],
        ['agent with two IFIs', { actor: { mbox: 'mailto:a@x.id', openid: 'http://x.id/a' } }, /only one identifier/],
        ['agent without IFI', { actor: { name: 'x' } }, /exactly one identifier/],
        ['mbox without mailto', { actor: { mbox: 'a@x.id' } }, /actor\.mbox/],
        ['bad sha1', { actor: { mbox_sha1sum: 'xyz' } }, /mbox_sha1sum/],
        ['account without name', { actor: { account: { homePage: 'https://sso.bkn.go.id' } } }, /account\.name: is required/],
        ['anonymous group without members', { actor: { objectType: 'Group' } }, /member/],
        ['group with a group member', { actor: { objectType: 'Group', member: [{ objectType: 'Group', mbox: 'mailto:g@x.id' }] } }, /member\[0\]/],
        ['verb id not an IRI', { verb: { id: 'completed' } }, /verb\.id/],
        ['bad language tag', { verb: { id: 'http://x.id/v', display: { 'not a tag': 'x' } } }, /verb\.display/],
        ['unknown object type', { object: { objectType: 'Thing', id: 'http://x.id' } }, /object\.objectType/],
        ['activity without id', { object: { objectType: 'Activity' } }, /object\.id: is required/],
        ['bad interaction type', { object: { id: 'http://x.id/q', definition: { interactionType: 'essay' } } }, /interactionType/],
        ['components of the wrong interaction', { object: { id: 'http://x.id/q', definition: { interactionType: 'true-false', choices: [] } } }, /choices/],
        ['duplicate component ids', { object: { id: 'http://x.id/q', definition: { interactionType: 'choice', choices: [{ id: 'a' }, { id: 'a' }] } } }, /duplicates/],
        ['statementRef with a bad id', { object: { objectType: 'StatementRef', id: 'nope' } }, /object\.id/],
        ['nested substatement', { object: { objectType: 'SubStatement', actor: agent, verb: { id: 'http://x.id/v' }, object: { objectType: 'SubStatement', actor: agent, verb: { id: 'http://x.id/v' }, object: { id: 'http://x.id' } } } }, /must not contain a SubStatement/],
        ['substatement with an id', { object: { objectType: 'SubStatement', id: randomUUID(), actor: agent, verb: { id: 'http://x.id/v' }, object: { id: 'http://x.id' } } }, /object\.id: is not a property/],
        ['scaled score above 1', { result: { score: { scaled: 1.5 } } }, /scaled/],
        ['raw below min', { result: { score: { raw: 1, min: 5, max: 10 } } }, /raw/],
        ['bad duration', { result: { duration: '1 hour' } }, /duration/],
        ['weeks mixed with days', { result: { duration: 'P4W1D' } }, /duration/],
        ['success as a string', { result: { success: 'true' } }, /success/],
        ['registration not a UUID', { context: { registration: 'abc' } }, /registration/],
        ['revision with an agent object', { object: { objectType: 'Agent', ...agent }, context: { revision: '2' } }, /revision/],
        ['context team not a group', { context: { team: agent } }, /team/],
        ['extension key not an IRI', { context: { extensions: { foo: 1 } } }, /extensions/],
        ['bad timestamp', { timestamp: '2024-13-45T00:00:00Z' }, /timestamp/],
        ['-00:00 offset', { timestamp: '2024-01-01T00:00:00-00:00' }, /timestamp/],
        ['bad version', { version: '0.95' }, /version/],
        ['unknown property', { foo: 'bar' }, /statement\.foo/],
        ['null property', { result: null }, /result: must not be null/],
        ['voided verb without StatementRef', { verb: { id: VOIDED } }, /voiding statement/],
        ['authority group that is identified', { authority: { objectType: 'Group', mbox: 'mailto:g@x.id', member: [agent, { mbox: 'mailto:b@x.id' }] } }, /authority/],
        ['attachment without sha2', { attachments: [{ usageType: 'http://x.id/u', display: { en: 'a' }, contentType: 'text/plain', length: 1, fileUrl: 'http://x.id/f' }] }, /sha2: is required/],
      ];
      const before = await t.statementCount();
      for (const [name, over, pattern] of cases) {
        const s = statement(over);
        for (const k of Object.keys(s)) if (s[k] === undefined) delete s[k];
        const res = await t.lrs('POST', '/xapi/statements', { body: s });
        assert.equal(res.statusCode, 400, `${name}: ${res.body}`);
        assert.match(res.json().detail, pattern, name);
      }
      assert.equal(await t.statementCount(), before);
    });

    test('versions: the header is required, unknown versions are refused, 2.0-only properties need 2.0', async () => {
      assert.equal((await t.lrs('GET', '/xapi/statements', { version: null })).statusCode, 400);
      assert.equal((await t.lrs('GET', '/xapi/statements', { version: '3.0.0' })).statusCode, 400);
      const withContextAgents = statement({ context: { contextAgents: [{ objectType: 'contextAgent', agent: { mbox: 'mailto:i@x.id' }, relevantTypes: ['http://x.id/instructor'] }] } });
      assert.equal((await t.lrs('POST', '/xapi/statements', { body: withContextAgents, version: '1.0.3' })).statusCode, 400);
      assert.equal((await t.lrs('POST', '/xapi/statements', { body: withContextAgents })).statusCode, 200);
      assert.equal((await t.lrs('POST', '/xapi/statements', { body: statement({ version: '2.0.0' }), version: '1.0.3' })).statusCode, 400);
      const res = await t.lrs('POST', '/xapi/statements', { body: statement(), version: '1.0.3' });
      assert.equal(res.headers['x-experience-api-version'], '1.0.3');
      const s = (await t.lrs('GET', `/xapi/statements?statementId=${res.json()[0]}`, { version: '1.0.3' })).json();
      assert.equal(s.version, '1.0.0');
    });

    test('voiding hides the target from statementId and lists; voidedStatementId finds it; voiding statements cannot be voided', async () => {
      const target = randomUUID();
      await t.lrs('PUT', `/xapi/statements?statementId=${target}`, { body: statement({ verb: { id: 'http://x.id/verbs/voidable' } }) });
      const voiding = randomUUID();
      const v = await t.lrs('PUT', `/xapi/statements?statementId=${voiding}`, { body: statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: target } }) });
      assert.equal(v.statusCode, 204, v.body);
      assert.equal((await t.lrs('GET', `/xapi/statements?statementId=${target}`)).statusCode, 404);
      assert.equal((await t.lrs('GET', `/xapi/statements?voidedStatementId=${target}`)).json().id, target);
      assert.equal((await t.lrs('GET', `/xapi/statements?voidedStatementId=${voiding}`)).statusCode, 404);
      // A filter matching the voided statement returns the statements that refer to it.
      const list = (await t.lrs('GET', `/xapi/statements?verb=${encodeURIComponent('http://x.id/verbs/voidable')}`)).json();
      assert.deepEqual(list.statements.map((s: { id: string }) => s.id), [voiding]);
      const again = await t.lrs('POST', '/xapi/statements', { body: statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: voiding } }) });
      assert.equal(again.statusCode, 400);
      // Voiding a statement the LRS has not seen yet is accepted; the statement arrives voided.
      const later = randomUUID();
      assert.equal((await t.lrs('POST', '/xapi/statements', { body: statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: later } }) })).statusCode, 200);
      await t.lrs('PUT', `/xapi/statements?statementId=${later}`, { body: statement() });
      assert.equal((await t.lrs('GET', `/xapi/statements?statementId=${later}`)).statusCode, 404);
    });

    test('queries filter by agent, verb, activity, registration, related agents/activities and time; more pages through all', async () => {
      const tag = randomUUID().slice(0, 8);
      const person = { mbox: `mailto:q-${tag}@kembang.test` };
      const instructor = { mbox: `mailto:i-${tag}@kembang.test` };
      const course = `https://lms.lan.go.id/course/${tag}`;
      const module = `https://lms.lan.go.id/module/${tag}`;
      const registration = randomUUID();
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await t.lrs('POST', '/xapi/statements', {
          body: statement({
            actor: person,
            verb: { id: i % 2 ? 'http://adlnet.gov/expapi/verbs/passed' : 'http://adlnet.gov/expapi/verbs/attempted' },
            object: { id: i < 4 ? course : module },
            context: { registration, instructor, contextActivities: { parent: { id: course } } },
          }),
        });
        ids.push(res.json()[0]);
      }
      const q = async (params: Record<string, string>) => {
        const res = await t.lrs('GET', `/xapi/statements?${new URLSearchParams(params)}`);
        assert.equal(res.statusCode, 200, res.body);
        return res.json() as { statements: { id: string }[]; more: string };
      };
      assert.equal((await q({ agent: JSON.stringify(person) })).statements.length, 7);
      assert.equal((await q({ agent: JSON.stringify(instructor) })).statements.length, 0);
      assert.equal((await q({ agent: JSON.stringify(instructor), related_agents: 'true' })).statements.length, 7);
      assert.equal((await q({ activity: course })).statements.length, 4);
      assert.equal((await q({ activity: course, related_activities: 'true' })).statements.length, 7);
      assert.equal((await q({ activity: course, verb: 'http://adlnet.gov/expapi/verbs/passed' })).statements.length, 2);
      assert.equal((await q({ registration })).statements.length, 7);
      const newestFirst = (await q({ registration })).statements.map((s) => s.id);
      assert.deepEqual(newestFirst, [...ids].reverse());
      assert.deepEqual((await q({ registration, ascending: 'true' })).statements.map((s) => s.id), ids);
      const stored = (await t.lrs('GET', `/xapi/statements?statementId=${ids[3]}`)).json().stored;
      assert.ok((await q({ registration, since: stored })).statements.every((s) => !ids.slice(0, 4).includes(s.id) || s.id !== ids[3]));
      assert.ok((await q({ registration, until: stored })).statements.some((s) => s.id === ids[3]));

      // Paging: 3 per page, the more link carries the filter; statements stored meanwhile stay out.
      const seen: string[] = [];
      let page = await q({ registration, limit: '3' });
      seen.push(...page.statements.map((s) => s.id));
      await t.lrs('POST', '/xapi/statements', { body: statement({ actor: person, context: { registration } }) });
      while (page.more) {
        const res = await t.lrs('GET', page.more);
        assert.equal(res.statusCode, 200, res.body);
        page = res.json();
        seen.push(...page.statements.map((s) => s.id));
      }
      assert.deepEqual(seen, [...ids].reverse());
      assert.equal((await t.lrs('GET', '/xapi/statements?more=garbage')).statusCode, 400);
    });

    test('formats: ids strips to identifiers, canonical picks one language by Accept-Language', async () => {
      const [id] = (await t.lrs('POST', '/xapi/statements', { body: statement() })).json();
      const ids = (await t.lrs('GET', `/xapi/statements?statementId=${id}&format=ids`)).json();
      assert.deepEqual(ids.verb, { id: 'http://adlnet.gov/expapi/verbs/completed' });
      assert.deepEqual(ids.object, { id: 'https://lms.lan.go.id/course/latsar-cpns' });
      assert.deepEqual(Object.keys(ids.actor).sort(), ['mbox', 'objectType']);
      const canonical = await t.lrs('GET', `/xapi/statements?statementId=${id}&format=canonical`, { headers: { 'accept-language': 'id-ID, en;q=0.5' } });
      assert.deepEqual(canonical.json().object.definition.name, { 'id-ID': 'Latsar CPNS' });
      assert.deepEqual(canonical.json().verb.display, { id: 'menyelesaikan' });
      assert.equal((await t.lrs('GET', `/xapi/statements?statementId=${id}&format=full`)).statusCode, 400);
    });

    test('parameter rules: unknown parameters, statementId with filters, bad values are 400 with the consistency header', async () => {
      for (const url of [
        '/xapi/statements?foo=1',
        `/xapi/statements?statementId=${randomUUID()}&verb=http://x.id/v`,
        '/xapi/statements?statementId=nope',
        '/xapi/statements?agent=notjson',
        '/xapi/statements?agent={"name":"no ifi"}',
        '/xapi/statements?since=yesterday',
        '/xapi/statements?limit=-1',
        '/xapi/statements?ascending=yes',
        '/xapi/statements?verb=a&verb=b',
      ]) {
        const res = await t.lrs('GET', url);
        assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
        assert.ok(res.headers['x-experience-api-consistent-through'], url);
      }
      assert.equal((await t.lrs('GET', `/xapi/statements?statementId=${randomUUID()}`)).statusCode, 404);
      assert.equal((await t.lrs('POST', '/xapi/statements?statementId=x', { body: statement() })).statusCode, 400);
    });

    test('bodies: malformed JSON, wrong content type, empty body and empty batch are 400; oversized is 413', async () => {
      assert.equal((await t.lrs('POST', '/xapi/statements', { raw: '{"actor":' })).statusCode, 400);
      assert.equal((await t.lrs('POST', '/xapi/statements', { raw: JSON.stringify(statement()), contentType: 'text/plain' })).statusCode, 400);
      assert.equal((await t.lrs('POST', '/xapi/statements', { raw: '' })).statusCode, 400);
      assert.equal((await t.lrs('POST', '/xapi/statements', { body: [] })).statusCode, 400);
      assert.equal((await t.lrs('POST', '/xapi/statements', { body: 42 })).statusCode, 400);
      const huge = statement({ result: { response: 'x'.repeat(t.config.xapi.maxBodyBytes + 10) } });
      const res = await t.lrs('POST', '/xapi/statements', { body: huge });
      assert.equal(res.statusCode, 413);
    });

    test('authentication: Basic credentials per provider store; read-only, revoked and foreign credentials', async () => {
      const noAuth = await t.lrs('GET', '/xapi/statements', { auth: null });
      assert.equal(noAuth.statusCode, 401);
      assert.match(String(noAuth.headers['www-authenticate']), /^Basic/);
      assert.equal((await t.lrs('GET', '/xapi/statements', { auth: { key: t.key, secret: 'wrong' } })).statusCode, 401);
      assert.equal((await t.lrs('GET', '/xapi/statements', { auth: null, headers: { authorization: 'Basic:garbage' } })).statusCode, 401);
      assert.equal((await t.lrs('GET', '/xapi/statements', { auth: null, headers: { authorization: 'Bearer kmb_x_y' } })).statusCode, 401);
      assert.equal((await t.app.inject({ method: 'GET', url: '/xapi/about' })).statusCode, 200);

      const readOnly = await t.credential('LAN', { mayWrite: false });
      assert.equal((await t.lrs('POST', '/xapi/statements', { body: statement(), auth: readOnly })).statusCode, 403);
      assert.equal((await t.lrs('GET', '/xapi/statements', { auth: readOnly })).statusCode, 200);

      // Another provider's store sees none of LAN's statements.
      const [id] = (await t.lrs('POST', '/xapi/statements', { body: statement() })).json();
      const other = await t.credential('UI');
      assert.equal((await t.lrs('GET', `/xapi/statements?statementId=${id}`, { auth: other })).statusCode, 404);
      assert.equal((await t.lrs('GET', '/xapi/statements', { auth: other })).json().statements.length, 0);

      await t.database.db.updateTable('xapi_credential').set({ revoked_at: new Date() }).where('key', '=', other.key).execute();
      assert.equal((await t.lrs('GET', '/xapi/statements', { auth: other })).statusCode, 401);
    });

    test('1.0.3 alternate request syntax works under 1.0.3 and is refused under 2.0.0', async () => {
      const id = randomUUID();
      const form = new URLSearchParams({
        statementId: id,
        content: JSON.stringify(statement()),
        'Content-Type': 'application/json',
        'X-Experience-API-Version': '1.0.3',
        Authorization: basic(t.key, t.secret),
      });
      const res = await t.app.inject({ method: 'POST', url: '/xapi/statements?method=PUT', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
      assert.equal(res.statusCode, 204, res.body);
      assert.equal((await t.lrs('GET', `/xapi/statements?statementId=${id}`)).statusCode, 200);
      const v2 = await t.lrs('POST', '/xapi/statements?method=PUT', { raw: form.toString(), contentType: 'application/x-www-form-urlencoded' });
      assert.equal(v2.statusCode, 400);
    });

    test('Activities and Agents resources; unknown actors and activities are registered for mapping', async () => {
      const activity = `https://lms.lan.go.id/course/${randomUUID()}`;
      await t.lrs('POST', '/xapi/statements', { body: statement({ object: { id: activity, definition: { name: { 'en-US': 'Leadership' } } } }) });
      await t.lrs('POST', '/xapi/statements', { body: statement({ object: { id: activity, definition: { name: { 'id-ID': 'Kepemimpinan' } } } }) });
      const a = (await t.lrs('GET', `/xapi/activities?activityId=${encodeURIComponent(activity)}`)).json();
      assert.deepEqual(a.definition.name, { 'en-US': 'Leadership', 'id-ID': 'Kepemimpinan' });
      const unknown = (await t.lrs('GET', `/xapi/activities?activityId=${encodeURIComponent('http://x.id/never')}`)).json();
      assert.deepEqual(unknown, { objectType: 'Activity', id: 'http://x.id/never' });
      const person = (await t.lrs('GET', `/xapi/agents?agent=${encodeURIComponent(JSON.stringify({ mbox: 'mailto:siti.rahma@kembang.test' }))}`)).json();
      assert.deepEqual(person, { objectType: 'Person', name: ['Siti Rahma'], mbox: ['mailto:siti.rahma@kembang.test'] });
      assert.equal((await t.lrs('GET', '/xapi/agents?agent={}')).statusCode, 400);
      const unmappedActivity = await t.database.db.selectFrom('xapi_activity').select(['mapped_at']).where('id', '=', activity).executeTakeFirstOrThrow();
      assert.equal(unmappedActivity.mapped_at, null);
      const actor = await t.database.db.selectFrom('xapi_actor').select(['civil_servant_id']).where('ifi', '=', 'mbox:mailto:siti.rahma@kembang.test').executeTakeFirstOrThrow();
      assert.equal(actor.civil_servant_id, null);
    });

    test('array parameters of the store round-trip any text (quotes, backslashes, commas, braces, NULL as text, empty)', async () => {
      const texts = ['account:["https://sso.kembang.go.id","1988"]', 'a\\b', 'back\\"slash', 'x,y', '{z}', ' padded ', 'NULL', '', 'null', 'Pelatihan «Kepemimpinan» 🌱', null];
      const { rows } = await sql<{ a: (string | null)[]; n: number[]; b: boolean[] }>`select ${arrayLiteral(texts)}::text[] as a, ${arrayLiteral([1, 22, 333])}::integer[] as n, ${arrayLiteral([true, false])}::boolean[] as b`.execute(t.database.db);
      assert.deepEqual(rows[0].a, texts);
      assert.deepEqual(rows[0].n, [1, 22, 333]);
      assert.deepEqual(rows[0].b, [true, false]);
      assert.deepEqual((await sql<{ a: string[] }>`select ${arrayLiteral([])}::text[] as a`.execute(t.database.db)).rows[0].a, []);
    });

    test('the registers: an unchanged actor or activity is not rewritten, a changed one is (definitions merged), a stale one is refreshed', async () => {
      const activity = `https://lms.lan.go.id/course/${randomUUID()}`;
      const mbox = `mailto:${randomUUID()}@kembang.test`;
      const ifi = `mbox:${mbox}`;
      const post = async (actor: Record<string, unknown>, definition?: Record<string, unknown>) => {
        const res = await t.lrs('POST', '/xapi/statements', { body: [statement({ actor, object: { id: activity, ...(definition ? { definition } : {}) } })] });
        assert.equal(res.statusCode, 200, res.body);
      };
      const rows = async () => ({
        activity: await t.database.db.selectFrom('xapi_activity').select(['definition', 'last_seen']).where('id', '=', activity).executeTakeFirstOrThrow(),
        actor: await t.database.db.selectFrom('xapi_actor').select(['agent', 'last_seen']).where('ifi', '=', ifi).executeTakeFirstOrThrow(),
      });
      const type = 'http://adlnet.gov/expapi/activities/course';
      await post({ name: 'Dewi', mbox }, { name: { 'en-US': 'Ethics' }, type });
      const first = await rows();
      // the same again, keys in another order, and a definition the register already holds part of: nothing written
      await post({ mbox, name: 'Dewi' }, { type, name: { 'en-US': 'Ethics' } });
      await post({ name: 'Dewi', mbox }, { name: { 'en-US': 'Ethics' } });
      await post({ name: 'Dewi', mbox });
      const same = await rows();
      assert.deepEqual(same.activity, first.activity);
      assert.equal(same.actor.last_seen.getTime(), first.actor.last_seen.getTime());
      // a new name and a new language: written, the definition merged
      await post({ name: 'Dewi Lestari', mbox }, { name: { 'id-ID': 'Etika' } });
      const changed = await rows();
      assert.equal((changed.actor.agent as { name: string }).name, 'Dewi Lestari');
      assert.ok(changed.actor.last_seen > first.actor.last_seen);
      assert.deepEqual(changed.activity.definition, { name: { 'en-US': 'Ethics', 'id-ID': 'Etika' }, type });
      assert.ok(changed.activity.last_seen > first.activity.last_seen);
      // not seen for two hours: refreshed by the next statement, content kept
      const old = new Date(Date.now() - 7_200_000);
      await t.database.db.updateTable('xapi_activity').set({ last_seen: old }).where('id', '=', activity).execute();
      await t.database.db.updateTable('xapi_actor').set({ last_seen: old }).where('ifi', '=', ifi).execute();
      await post({ name: 'Dewi Lestari', mbox });
      const refreshed = await rows();
      assert.ok(refreshed.activity.last_seen.getTime() > old.getTime() + 3_600_000);
      assert.ok(refreshed.actor.last_seen.getTime() > old.getTime() + 3_600_000);
      assert.deepEqual(refreshed.activity.definition, changed.activity.definition);
      assert.deepEqual(refreshed.actor.agent, changed.actor.agent);
    });
  });
}
