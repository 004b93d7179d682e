// The API the learning admin pages need, through the real server on every back end: the JP
// compliance CSV (the same people, JP and status as the JSON list), the provider's cohort list,
// level-2 scores read back, the staff list filtered by position tier and unit, and the demo's
// running LAN cohort (attendance to finish, then completion by its rules with certificates).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { asUser, backends, createTestApp, demoEmail, isProblem, login, type TestApp } from './helpers.ts';
import { systemCaller } from '../src/context.ts';
import { issueCertificate } from '../src/modules/certificate/service.ts';
import { createChangeProject } from '../src/modules/evaluation/service.ts';
import { personCaller } from './certificate-fixtures.ts';
import { agencyId, as, makePeople, providerId, sessionFor } from './learning-fixtures.ts';

type Call = ReturnType<typeof asUser>;

/** Parses our CSV (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

for (const kind of backends()) {
  describe(`learning admin API (${kind})`, () => {
    let t: TestApp;
    let db: Kysely<DB>;
    let agency: number;
    let agencyAdmin: Call;
    let lanAdmin: Call;
    let national: Call;
    let running: { id: number; programme_id: number };

    before(async () => {
      t = await createTestApp(kind, { workerPollMs: 0 });
      db = t.database.db;
      agency = await agencyId(db, '32');
      agencyAdmin = asUser(t.app, await login(t.app, demoEmail(t.demo, 'agency_admin')));
      lanAdmin = asUser(t.app, await login(t.app, demoEmail(t.demo, 'provider_admin')));
      national = asUser(t.app, await login(t.app, demoEmail(t.demo, 'national_admin')));
      running = await db.selectFrom('offering').select(['id', 'programme_id']).where('code', '=', 'COHORT-0').executeTakeFirstOrThrow();
    });
    after(() => t?.close());

    test('the compliance CSV lists every person with the JP and status of the JSON list, NIP included for the agency admin; filters apply; other agencies are refused', async () => {
      const json = (await agencyAdmin('GET', `/api/learning/agencies/${agency}/jp-compliance?limit=500`)).json();
      assert.equal(json.nextAfter, null, 'the demo agency fits on one page');
      const res = await agencyAdmin('GET', `/api/learning/agencies/${agency}/jp-compliance.csv`);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      assert.match(String(res.headers['content-disposition']), new RegExp(`attachment; filename="kepatuhan-jp-32-${json.year}\\.csv"`));
      const [header, ...rows] = parseCsv(res.body);
      assert.deepEqual(header, ['ID_PEGAWAI', 'NIP', 'NAMA', 'UNIT_KERJA', 'TAHUN', 'JP', 'TARGET_JP', 'STATUS']);
      assert.equal(rows.length, json.totals.people);
      assert.deepEqual(
        rows.map((r) => [Number(r[0]), r[2], r[3] || null, Number(r[5]), r[7]]),
        json.people.map((p: { id: number; name: string; unitName: string | null; jp: number; status: string }) => [p.id, p.name, p.unitName, p.jp, p.status]),
      );
      const nips = await db.selectFrom('civil_servant').select(['id', 'nip']).where('agency_id', '=', agency).execute();
      const nipOf = new Map(nips.map((n) => [Number(n.id), n.nip]));
      assert.ok(rows.every((r) => r[1] === nipOf.get(Number(r[0])) && /^\d{18}$/.test(r[1])), 'the agency admin gets NIPs');
      assert.ok(rows.every((r) => r[4] === String(json.year) && r[6] === '20'));

      const atRisk = parseCsv((await agencyAdmin('GET', `/api/learning/agencies/${agency}/jp-compliance.csv?status=at_risk`)).body).slice(1);
      assert.equal(atRisk.length, json.totals.at_risk);
      assert.ok(atRisk.every((r) => r[7] === 'at_risk'));
      const unit = json.units.find((u: { unitId: number | null; people: number }) => u.unitId !== null && u.people > 0);
      const ofUnit = parseCsv((await agencyAdmin('GET', `/api/learning/agencies/${agency}/jp-compliance.csv?unitId=${unit.unitId}`)).body).slice(1);
      assert.equal(ofUnit.length, unit.people);
      assert.ok(ofUnit.every((r) => r[3] === unit.unitName));

      const other = await agencyId(db, 'KEMENKEU');
      assert.ok(isProblem(await agencyAdmin('GET', `/api/learning/agencies/${other}/jp-compliance.csv`), 403));
      assert.ok(isProblem(await national('GET', '/api/learning/agencies/999999/jp-compliance.csv'), 404));
      const bad = await agencyAdmin('GET', `/api/learning/agencies/${agency}/jp-compliance.csv?status=nope`);
      assert.ok(isProblem(bad, 400));
      assert.equal(bad.json().errors[0].field, 'querystring.status');
      assert.ok(isProblem(await lanAdmin('GET', `/api/learning/agencies/${agency}/jp-compliance.csv`), 403));
    });

    test('a provider admin lists the cohorts of programmes their provider leads or partners in, with counts; national admins see all; agency admins are refused', async () => {
      const lan = await providerId(db, 'LAN');
      const res = await lanAdmin('GET', '/api/learning/cohorts');
      assert.equal(res.statusCode, 200, res.body);
      const items = res.json().items as { id: number; code: string; myPart: string; enrolled: number; waiting: number; leadProviderCode: string; programme: { code: string } }[];
      const cohort0 = items.find((i) => i.id === running.id);
      assert.ok(cohort0, 'the running LAN cohort is listed');
      assert.deepEqual([cohort0.myPart, cohort0.enrolled, cohort0.waiting, cohort0.leadProviderCode], ['lead', 8, 0, 'LAN']);
      const coaching1 = items.find((i) => i.code === 'COHORT-1')!;
      assert.equal(coaching1.waiting, 2, 'the full coaching cohort has two people waiting');
      const exchange = items.find((i) => i.programme.code === 'PERTUKARAN-SG-ID');
      assert.equal(exchange?.myPart, 'partner', 'LAN co-organises the exchange led by CSC-SG');
      // Nothing of programmes LAN has no part in.
      const theirs = await db.selectFrom('offering as o').innerJoin('programme as p', 'p.id', 'o.programme_id').select('o.id').where('p.provider_id', '<>', lan).where(sql<boolean>`not (${lan} = any(p.partner_provider_ids))`).execute();
      assert.ok(theirs.length > 0);
      assert.ok(!items.some((i) => theirs.some((o) => o.id === i.id)));
      const runningOnly = (await lanAdmin('GET', '/api/learning/cohorts?status=running')).json().items as { status: string }[];
      assert.ok(runningOnly.length >= 1 && runningOnly.every((i) => i.status === 'running'));
      const all = (await national('GET', '/api/learning/cohorts?limit=500')).json().items as unknown[];
      const offerings = Number((await db.selectFrom('offering').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      assert.equal(all.length, offerings);
      assert.ok(isProblem(await agencyAdmin('GET', '/api/learning/cohorts'), 403));
      assert.ok(isProblem(await lanAdmin('GET', '/api/learning/cohorts?limit=0'), 400));
    });

    test('level-2 scores are read back by the programme\'s providers; other providers get 404', async () => {
      const before = (await lanAdmin('GET', `/api/evaluation/offerings/${running.id}/test-scores`)).json();
      assert.equal(before.items.length, 7, 'the demo has pre-tests of the seven who came');
      assert.ok(before.items.every((i: { pre: number | null; post: number | null }) => i.pre !== null && i.post === null));
      const person = before.items[0];
      const put = await lanAdmin('PUT', `/api/evaluation/offerings/${running.id}/test-scores`, { scores: [{ civilServantId: person.civil_servant_id, post: 92.5 }] });
      assert.equal(put.statusCode, 200, put.body);
      const after = (await lanAdmin('GET', `/api/evaluation/offerings/${running.id}/test-scores`)).json();
      const row = after.items.find((i: { civil_servant_id: number }) => i.civil_servant_id === person.civil_servant_id);
      assert.deepEqual([row.pre, row.post, row.gain], [person.pre, 92.5, 92.5 - person.pre]);
      const ui = as(t.app, await sessionFor(db, { role: 'provider_admin', scopeType: 'provider', scopeId: await providerId(db, 'UI') }));
      assert.ok(isProblem(await ui('GET', `/api/evaluation/offerings/${running.id}/test-scores`), 404));
      assert.ok(isProblem(await agencyAdmin('GET', `/api/evaluation/offerings/${running.id}/test-scores`), 403));
    });

    test('the staff list filters by position tier and by unit', async () => {
      const pengawas = (await agencyAdmin('GET', `/api/civil-servants?agencyId=${agency}&tier=pengawas&limit=200`)).json().items as { position_tier: string; agency_id: number }[];
      const expected = await db.selectFrom('civil_servant as cs').innerJoin('position as p', 'p.id', 'cs.position_id').select('cs.id').where('cs.agency_id', '=', agency).where('p.tier', '=', 'pengawas').execute();
      assert.equal(pengawas.length, expected.length);
      assert.ok(pengawas.length > 0 && pengawas.every((p) => p.position_tier === 'pengawas' && p.agency_id === agency));
      const unit = await db.selectFrom('unit').select(['id', 'name']).where('agency_id', '=', agency).orderBy('id').executeTakeFirstOrThrow();
      const ofUnit = (await agencyAdmin('GET', `/api/civil-servants?unitId=${unit.id}&limit=200`)).json().items as { unit_name: string }[];
      assert.ok(ofUnit.length > 0 && ofUnit.every((p) => p.unit_name === unit.name));
      const bad = await agencyAdmin('GET', '/api/civil-servants?tier=boss');
      assert.ok(isProblem(bad, 400));
      assert.equal(bad.json().errors[0].field, 'querystring.tier');
    });

    test('the change-project list says what the reader may do: the supervisor records the outcome, the participant edits', async () => {
      const [boss] = await makePeople(db, 1, { agencyId: agency, tier: 'pengawas', rank: 'III/d' });
      const [report] = await makePeople(db, 1, { agencyId: agency, tier: 'ahli_pertama', rank: 'III/a', supervisorId: boss });
      const latsar = await db.selectFrom('programme').select('id').where('code', '=', 'LATSAR-JABAR').executeTakeFirstOrThrow();
      const cert = await issueCertificate(db, systemCaller('test'), { civilServantId: report, programmeId: latsar.id, offeringId: null, learningRecordId: 990_001, completedOn: '2025-06-30', jp: 40 });
      const project = await createChangeProject(db, personCaller(report, agency), { certificateId: cert.id, title: 'Arsip digital surat masuk', problem: 'Surat masuk dicatat manual.', change: 'Pencatatan daring.', results: 'Pencarian surat dalam hitungan detik.' });
      const supervisor = as(t.app, await sessionFor(db, { civilServantId: boss, role: 'supervisor', scopeType: 'agency', scopeId: agency }));
      const participant = as(t.app, await sessionFor(db, { civilServantId: report, role: 'learner', scopeType: 'agency', scopeId: agency }));
      const ofSupervisor = (await supervisor('GET', '/api/evaluation/change-projects')).json().items.find((p: { id: number }) => p.id === project.id);
      assert.deepEqual(ofSupervisor.my_rights, { edit: false, consent_participant: false, consent_agency: false, outcome: true, supervisor: true });
      const ofParticipant = (await participant('GET', '/api/evaluation/change-projects')).json().items.find((p: { id: number }) => p.id === project.id);
      assert.deepEqual(ofParticipant.my_rights, { edit: true, consent_participant: true, consent_agency: false, outcome: false, supervisor: false });
      const ofAgency = (await agencyAdmin('GET', '/api/evaluation/change-projects?limit=200')).json().items.find((p: { id: number }) => p.id === project.id);
      assert.deepEqual([ofAgency.my_rights.consent_agency, ofAgency.my_rights.outcome, ofAgency.my_rights.supervisor], [true, true, false]);
      const set = await supervisor('PUT', `/api/evaluation/change-projects/${project.id}/outcome`, { status: 'implemented', score: 4 });
      assert.equal(set.statusCode, 200, set.body);
      const after = (await supervisor('GET', '/api/evaluation/change-projects')).json().items.find((p: { id: number }) => p.id === project.id);
      assert.deepEqual([after.outcome_status, after.outcome_score], ['implemented', 4]);
    });

    test('the demo\'s running LAN cohort: completion waits for the last session\'s attendance, then follows the rule (75 %, pass 70, module "Umpan balik") and issues certificates', async () => {
      const cohort = (await lanAdmin('GET', `/api/learning/offerings/${running.id}/cohort`)).json();
      assert.equal(cohort.sessions.length, 4);
      assert.ok(cohort.sessions.every((s: { mayRecord: boolean; startsAt: string }) => s.mayRecord && Date.parse(s.startsAt) < Date.now()), 'every session has taken place');
      assert.deepEqual([cohort.rule.minAttendancePct, cohort.rule.passScore, cohort.rule.requiredModules], [75, 70, ['Umpan balik']]);
      assert.equal(cohort.participants.length, 8);
      assert.ok(cohort.participants.every((p: { attendance: (string | null)[] }) => p.attendance.slice(0, 3).every((a) => a !== null) && p.attendance[3] === null));
      const ids = cohort.participants.map((p: { id: number }) => p.id) as number[];

      const early = (await lanAdmin('POST', `/api/learning/offerings/${running.id}/completions`, { items: ids.map((id) => ({ enrolmentId: id })) })).json().items as { outcome: string; reasons: string[] }[];
      assert.ok(early.every((r) => r.outcome === 'refused' && /attendance is not recorded for 1 of 4 session/.test(r.reasons[0])), JSON.stringify(early));

      // The one who never came is a no-show; the others were there last time.
      const absentee = cohort.participants.find((p: { attendance: string[] }) => p.attendance.slice(0, 3).every((a) => a === 'absent'));
      assert.equal((await lanAdmin('POST', `/api/learning/offerings/${running.id}/no-shows`, { enrolmentIds: [absentee.id] })).json().marked, 1);
      const present = ids.filter((id) => id !== absentee.id);
      const last = cohort.sessions[3].id;
      const rec = await lanAdmin('PUT', `/api/learning/offerings/${running.id}/attendance`, { records: present.map((id) => ({ enrolmentId: id, sessionId: last, status: 'present' })) });
      assert.equal(rec.json().recorded, 7, rec.body);
      const done = (await lanAdmin('POST', `/api/learning/offerings/${running.id}/completions`, { items: present.map((id) => ({ enrolmentId: id })) })).json().items as { enrolmentId: number; outcome: string; reasons: string[]; certificateId: string | null }[];
      const completed = done.filter((r) => r.outcome === 'completed');
      const failed = done.filter((r) => r.outcome === 'not_completed');
      assert.equal(completed.length, 5, JSON.stringify(done));
      assert.deepEqual(failed.map((r) => r.reasons.join('; ')).sort(), ['attendance 50% is below the required 75%', 'score 65 is below the pass score 70']);
      assert.ok(completed.every((r) => r.certificateId));
      const certs = (await lanAdmin('GET', `/api/certificates?offeringId=${running.id}&limit=50`)).json().items as { id: string; pdf_url: string }[];
      assert.deepEqual(certs.map((c) => c.id).sort(), completed.map((r) => r.certificateId).sort());
      const pdf = await lanAdmin('GET', certs[0].pdf_url);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    });
  });
}
