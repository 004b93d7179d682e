// Registry writes: agencies, units, positions, civil servants — rules, scope and audit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNip } from '../src/modules/org/nip.ts';
import { asUser, backends, createTestApp, demoEmail, isProblem, login, type TestApp } from './helpers.ts';

for (const kind of backends()) {
  describe(`registry writes (${kind})`, () => {
    let t: TestApp;
    let national: ReturnType<typeof asUser>;
    let agencyAdmin: ReturnType<typeof asUser>;
    let jabar: number;
    let jateng: number;

    before(async () => {
      t = await createTestApp(kind);
      national = asUser(t.app, await login(t.app, demoEmail(t.demo, 'national_admin')));
      agencyAdmin = asUser(t.app, await login(t.app, demoEmail(t.demo, 'agency_admin')));
      const db = t.database.db;
      jabar = (await db.selectFrom('agency').select('id').where('code', '=', '32').executeTakeFirstOrThrow()).id;
      jateng = (await db.selectFrom('agency').select('id').where('code', '=', '33').executeTakeFirstOrThrow()).id;
    });
    after(() => t?.close());

    const person = (over: Record<string, unknown> = {}) => ({
      nip: formatNip({ birthDate: '1988-04-12', tmtCpns: '2012-03-01', gender: 2, sequence: 7 }),
      name: 'Sri Wahyuni',
      gender: 2,
      birthDate: '1988-04-12',
      tmtCpns: '2012-03-01',
      rank: 'III/b',
      agencyId: jabar,
      ...over,
    });

    test('a regional agency takes its official code and name from idn-area-data; only national admins create agencies', async () => {
      const res = await national('POST', '/api/agencies', { kind: 'regency', regionCode: '32.01' });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().name, 'Pemerintah Kabupaten Bogor');
      assert.equal(res.json().province_code, '32');
      assert.equal(res.json().parent_id, jabar);
      assert.ok(isProblem(await national('POST', '/api/agencies', { kind: 'city', regionCode: '32.01' }), 400), 'Bogor regency is not a city');
      assert.ok(isProblem(await national('POST', '/api/agencies', { kind: 'province', regionCode: '99' }), 400));
      assert.ok(isProblem(await national('POST', '/api/agencies', { kind: 'province', regionCode: '34', name: 'Made up' }), 400));
      assert.ok(isProblem(await national('POST', '/api/agencies', { kind: 'regency', regionCode: '32.01' }), 409));
      assert.ok(isProblem(await agencyAdmin('POST', '/api/agencies', { kind: 'ministry', code: 'KEMENX', name: 'Kementerian X' }), 403));
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'agency').where('entity_id', '=', String(res.json().id)).executeTakeFirstOrThrow();
      assert.equal(audit.action, 'agency.created');
    });

    test('a civil servant whose NIP disagrees with birth date, TMT CPNS and gender gets one message for each', async () => {
      const res = await agencyAdmin('POST', '/api/civil-servants', person({ birthDate: '1988-04-13', tmtCpns: '2013-03-01', gender: 1 }));
      assert.ok(isProblem(res, 400), res.body);
      const fields = res.json().errors.map((e: { field: string }) => e.field).sort();
      assert.deepEqual(fields, ['body.birthDate', 'body.gender', 'body.tmtCpns']);
      const bad = await agencyAdmin('POST', '/api/civil-servants', person({ nip: '19880412201203' + '3' + '007' }));
      assert.ok(isProblem(bad, 400));
      assert.match(bad.json().errors[0].message, /digit 15/);
    });

    test('create, update and audit a civil servant; supervisor links stay in the agency and never loop', async () => {
      const created = await agencyAdmin('POST', '/api/civil-servants', person());
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id;
      assert.ok(isProblem(await agencyAdmin('POST', '/api/civil-servants', person()), 409), 'duplicate NIP');
      const boss = await agencyAdmin('POST', '/api/civil-servants', person({ nip: formatNip({ birthDate: '1975-01-02', tmtCpns: '2000-01-01', gender: 1, sequence: 1 }), name: 'Bambang', gender: 1, birthDate: '1975-01-02', tmtCpns: '2000-01-01', rank: 'IV/a' }));
      assert.equal(boss.statusCode, 201, boss.body);
      const linked = await agencyAdmin('PATCH', `/api/civil-servants/${id}`, { supervisorId: boss.json().id });
      assert.equal(linked.statusCode, 200, linked.body);
      const cycle = await agencyAdmin('PATCH', `/api/civil-servants/${boss.json().id}`, { supervisorId: id });
      assert.ok(isProblem(cycle, 400), cycle.body);
      assert.match(cycle.json().errors[0].message, /cycle/);
      assert.ok(isProblem(await agencyAdmin('PATCH', `/api/civil-servants/${id}`, { supervisorId: id }), 400), 'own supervisor');
      const foreign = await t.database.db.selectFrom('civil_servant').select('id').where('agency_id', '=', jateng).executeTakeFirstOrThrow();
      const cross = await national('PATCH', `/api/civil-servants/${id}`, { supervisorId: foreign.id });
      assert.ok(isProblem(cross, 400));
      assert.match(cross.json().errors[0].message, /same agency/);
      // Agency admins write only their own agency.
      assert.ok(isProblem(await agencyAdmin('POST', '/api/civil-servants', person({ agencyId: jateng, nip: formatNip({ birthDate: '1988-04-12', tmtCpns: '2012-03-01', gender: 2, sequence: 8 }) })), 403));
      assert.ok([403, 404].includes((await agencyAdmin('PATCH', `/api/civil-servants/${foreign.id}`, { name: 'X' })).statusCode));
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_type', '=', 'civil_servant').where('entity_id', '=', String(id)).orderBy('id').execute();
      assert.deepEqual(audit.map((a) => a.action), ['civil_servant.created', 'civil_servant.updated']);
      assert.equal((audit[1].before as { supervisor_id: number | null }).supervisor_id, null);
      assert.equal((audit[1].after as { supervisor_id: number }).supervisor_id, boss.json().id);
    });

    test('units form a tree without cycles; positions need a tier of their kind', async () => {
      const a = await agencyAdmin('POST', `/api/agencies/${jabar}/units`, { code: 'TA', name: 'Unit A' });
      assert.equal(a.statusCode, 201, a.body);
      const b = await agencyAdmin('POST', `/api/agencies/${jabar}/units`, { code: 'TB', name: 'Unit B', parentId: a.json().id });
      assert.equal(b.statusCode, 201, b.body);
      const loop = await agencyAdmin('PATCH', `/api/units/${a.json().id}`, { parentId: b.json().id });
      assert.ok(isProblem(loop, 400), loop.body);
      assert.match(loop.json().errors[0].message, /cycle/);
      const otherUnit = await t.database.db.selectFrom('unit').select('id').where('agency_id', '=', jateng).executeTakeFirstOrThrow();
      assert.ok(isProblem(await agencyAdmin('PATCH', `/api/units/${a.json().id}`, { parentId: otherUnit.id }), 400));
      assert.ok(isProblem(await agencyAdmin('POST', `/api/agencies/${jateng}/units`, { code: 'TX', name: 'X' }), 403));
      const mismatch = await agencyAdmin('POST', `/api/agencies/${jabar}/positions`, { code: 'P1', name: 'Kepala', kind: 'functional', tier: 'pengawas' });
      assert.ok(isProblem(mismatch, 400));
      const ok = await agencyAdmin('POST', `/api/agencies/${jabar}/positions`, { code: 'P1', name: 'Penyuluh Ahli Utama', kind: 'functional', tier: 'ahli_utama' });
      assert.equal(ok.statusCode, 201, ok.body);
      const units = await agencyAdmin('GET', `/api/agencies/${jabar}/units`);
      assert.ok(units.json().items.some((u: { code: string; parent_id: number }) => u.code === 'TB' && u.parent_id === a.json().id));
    });
  });
}
