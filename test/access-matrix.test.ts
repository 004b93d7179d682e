// Every route × every role: allowed roles get through, others get 403/404, anonymous gets 401.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES, type Role } from '../src/http/actor.ts';
import { asUser, backends, TEST_PASSWORD, createTestApp, demoEmail, login, type Session, type TestApp } from './helpers.ts';
import { matrix, type MatrixFixtures } from './access-matrix.ts';
import { catalogFixtures } from './catalog-fixtures.ts';
import { competencyFixtures } from './competency-fixtures.ts';
import { certificateFixtures } from './certificate-fixtures.ts';
import { learningFixtures } from './learning-matrix.ts';
import { planningFixtures } from './planning-matrix.ts';

for (const kind of backends()) {
  describe(`route × role matrix (${kind})`, () => {
    let t: TestApp;
    let fixtures: MatrixFixtures;
    const sessions = new Map<Role, Session>();

    before(async () => {
      t = await createTestApp(kind);
      for (const role of ROLES) sessions.set(role, await login(t.app, demoEmail(t.demo, role)));
      const national = sessions.get('national_admin')!;
      const token = await asUser(t.app, national)('POST', '/api/tokens', { name: 'matrix', scope: 'national' });
      assert.equal(token.statusCode, 201, token.body);
      const learner = sessions.get('learner')!;
      const agency = await t.database.db.selectFrom('agency').select('id').where('code', '=', '32').executeTakeFirstOrThrow();
      const foreign = await t.database.db.selectFrom('civil_servant').select('id').where('agency_id', '<>', agency.id).executeTakeFirstOrThrow();
      let counter = 0;
      fixtures = {
        learnerPersonId: learner.me.civilServantId!,
        foreignPersonId: foreign.id,
        nationalTokenId: token.json().id,
        agencyId: agency.id,
        emailOf: (role) => demoEmail(t.demo, role),
        password: TEST_PASSWORD,
        unique: () => `${Date.now()}${counter++}`,
        catalog: await catalogFixtures(t.database.db),
        certificates: await certificateFixtures(t.database.db, learner.me.civilServantId!),
        learning: await learningFixtures(t.database.db, learner.me.civilServantId!),
        planning: await planningFixtures(t.database.db, learner.me.civilServantId!),
        competency: await competencyFixtures(t, national, agency.id),
        unitId: (await t.database.db.selectFrom('unit').select('id').where('agency_id', '=', agency.id).where('code', '=', 'U01').executeTakeFirstOrThrow()).id,
        positionId: (await t.database.db.selectFrom('position').select('id').where('agency_id', '=', agency.id).where('code', '=', 'AK-MUDA').executeTakeFirstOrThrow()).id,
        importRunId: (
          await t.app.inject({ method: 'POST', url: '/api/imports/units?dryRun=true', headers: { cookie: national.cookie, 'x-csrf-token': national.csrf, 'content-type': 'text/csv' }, payload: 'KODE_UNIT,NAMA_UNIT\n' })
        ).json().id,
      };
    });
    after(() => t?.close());

    test('the matrix covers every route in the OpenAPI document, and nothing else', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
      const documented = new Set<string>();
      for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
        for (const method of Object.keys(ops)) if (method !== 'head') documented.add(`${method.toUpperCase()} ${path}`);
      }
      const covered = new Set(matrix.map((c) => `${c.method} ${c.route}`));
      assert.deepEqual([...documented].filter((r) => !covered.has(r)), [], 'routes without a matrix entry');
      assert.deepEqual([...covered].filter((r) => !documented.has(r)), [], 'matrix entries for routes that do not exist');
    });

    test('anonymous callers get 401 problem+json on every non-public route', async () => {
      for (const c of matrix.filter((m) => m.allow !== 'public')) {
        const res = await t.app.inject({ method: c.method, url: c.url(fixtures), ...(c.body ? { payload: c.body(fixtures, 'learner') as object } : {}) });
        assert.equal(res.statusCode, 401, `${c.method} ${c.route}: ${res.body}`);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      }
    });

    test('each role is let through exactly where the matrix says', async () => {
      const failures: string[] = [];
      // logout ends the session, so it goes last
      const ordered = [...matrix.filter((c) => c.route !== '/api/auth/logout'), ...matrix.filter((c) => c.route === '/api/auth/logout')];
      for (const c of ordered) {
        for (const role of ROLES) {
          const res = await asUser(t.app, sessions.get(role)!)(c.method, c.url(fixtures), c.body?.(fixtures, role));
          const allowed = c.allow === 'public' || c.allow.includes(role);
          const label = `${role} ${c.method} ${c.url(fixtures)} → ${res.statusCode}`;
          if (res.statusCode >= 500) failures.push(`${label} (server error) ${res.body}`);
          else if (allowed && [401, 403].includes(res.statusCode)) failures.push(`${label}: should be allowed`);
          else if (!allowed && ![403, 404].includes(res.statusCode)) failures.push(`${label}: should be denied`);
          else if (!allowed && !String(res.headers['content-type']).startsWith('application/problem+json')) failures.push(`${label}: denial is not problem+json`);
        }
      }
      assert.deepEqual(failures, []);
    });
  });
}
