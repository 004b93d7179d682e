// What the learner pages rely on from the API and the demo seed, on each back end: the demo
// learner's completion carries a certificate that verifies from its JWT, has a PDF, waits for its
// reaction survey and was announced; enrolments name the programme in both languages; last
// year's PKP cohort fills the public change-project repository (published ones only, without the
// holders' names) and the ledger of that year.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asUser, backends, createTestApp, demoEmail, login, type TestApp } from './helpers.ts';

for (const kind of backends()) {
  describe(`learner API and demo data (${kind})`, () => {
    let t: TestApp;
    let learner: ReturnType<typeof asUser>;

    before(async () => {
      t = await createTestApp(kind);
      learner = asUser(t.app, await login(t.app, demoEmail(t.demo, 'learner')));
    });
    after(() => t?.close());

    test("the demo learner's completed seminar has a certificate: it verifies as valid, has a PDF, waits for its survey, and was announced", async () => {
      const enrolments = (await learner('GET', '/api/learning/enrolments/mine')).json().items as { status: string; offering: { id: number }; learningRecordId: number | null }[];
      const completed = enrolments.find((e) => e.status === 'completed');
      assert.ok(completed, 'a completed enrolment');
      const certificates = (await learner('GET', '/api/certificates')).json().items as { id: string; offering_id: number; learning_record_id: number; status: string; verify_url: string }[];
      const cert = certificates.find((c) => c.offering_id === completed.offering.id);
      assert.ok(cert, 'the completion has its certificate');
      assert.equal(cert.learning_record_id, completed.learningRecordId, 'tied to the JP record of the completion');
      assert.equal(cert.status, 'valid');
      assert.ok(cert.verify_url.endsWith(`/verifikasi/${cert.id}`));

      const { jwt } = (await learner('GET', `/api/certificates/${cert.id}`)).json();
      const verified = await t.app.inject({ method: 'POST', url: '/api/certificates/verify', payload: { jwt } });
      assert.equal(verified.statusCode, 200);
      assert.equal(verified.json().status, 'valid');
      assert.equal(verified.json().certificate.id, cert.id);
      const pdf = await learner('GET', `/api/certificates/${cert.id}.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      // The seeded key signs new things in the app too (the status list is signed on request).
      const list = await t.app.inject({ method: 'GET', url: `/credentials/status/1`, headers: { accept: 'application/vc+jwt' } });
      assert.equal(list.statusCode, 200, list.body);

      const evaluations = (await learner('GET', '/api/evaluation/mine')).json().items as { certificate_id: string; reaction_submitted: boolean }[];
      assert.equal(evaluations.find((e) => e.certificate_id === cert.id)?.reaction_submitted, false);
      const notes = (await learner('GET', '/api/notifications')).json().items as { kind: string; link: string }[];
      assert.ok(notes.some((n) => n.kind === 'certificate.issued' && n.link === `/learning/certificates/${cert.id}`));
    });

    test('enrolments name the programme in Indonesian and English', async () => {
      const items = (await learner('GET', '/api/learning/enrolments/mine')).json().items as { programme: { code: string; title: string; titleEn: string | null } }[];
      const budgeting = items.find((e) => e.programme.code === 'KEU-ANGGARAN-KINERJA');
      assert.ok(budgeting);
      assert.equal(budgeting.programme.title, 'Penganggaran Berbasis Kinerja');
      assert.equal(budgeting.programme.titleEn, 'Performance-based Budgeting');
    });

    test('the public repository holds the published change projects of last year\'s PKP cohort, not the private one', async () => {
      const search = await t.app.inject({ method: 'GET', url: '/api/evaluation/change-projects/search?limit=50' });
      assert.equal(search.statusCode, 200);
      const { total, items } = search.json() as { total: number; items: { id: number; title: string; agency: { id: number }; programme: { code: string }; year: string; contacts: unknown[] }[] };
      const seeded = items.filter((p) => p.programme.code === 'PKP-KOLABORASI');
      assert.equal(seeded.length, 3, JSON.stringify(items.map((p) => p.title)));
      assert.equal(total, items.length);
      assert.equal(new Set(seeded.map((p) => p.agency.id)).size, 3, 'from three agencies');
      const lastYear = String(new Date(Date.now() + 7 * 3600_000).getUTCFullYear() - 1);
      assert.ok(seeded.every((p) => p.year === lastYear));
      assert.ok(!items.some((p) => p.title === 'Piket pengaduan terpadu'), 'not published: not listed');
      assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/evaluation/change-projects/search?q=arsip' })).json().items.map((p: { title: string }) => p.title), ['Arsip kepegawaian digital dan layanan mandiri']);
      const one = await t.app.inject({ method: 'GET', url: `/api/evaluation/change-projects/${seeded[0].id}` });
      assert.equal(one.statusCode, 200);
      assert.equal(one.json().holder_name, null, 'anonymous readers do not learn who wrote it');

      // Their completions are in that year's ledger (260 JP) and each has its certificate.
      const national = asUser(t.app, await login(t.app, demoEmail(t.demo, 'national_admin')));
      const certs = (await national('GET', '/api/certificates?limit=200')).json().items as { programme_code: string; civil_servant_id: number; completed_on: string }[];
      const alumni = certs.filter((c) => c.programme_code === 'PKP-KOLABORASI' && c.completed_on.startsWith(lastYear));
      assert.equal(alumni.length, 4);
      const ledger = (await national('GET', `/api/learning/people/${alumni[0].civil_servant_id}/jp?year=${lastYear}`)).json();
      assert.equal(ledger.jp, 260);
      assert.equal(ledger.status, 'met');
    });
  });
}
