// The learner's and the public pages of enrolment-to-certificate in headless Chromium against the
// real server (demo seed): My learning (JP figures as the API computes them, records, enrolments,
// English), a certificate's PDF and share link opening the public verification page (valid; a
// tampered JWT pasted there: tampered), the reaction survey, a self-reported activity, the
// notifications count, the enrol flow (a refusal in the learner's words, a request and what
// happens next, withdrawal), a change project and the public repository.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { systemCaller } from '../../src/context.ts';
import { issueCertificate } from '../../src/modules/certificate/service.ts';
import { skipReason, startHarness, type Harness, getJson, navLink, signedInAs } from './harness.ts';

interface Ledger {
  year: number;
  jp: number;
  expectedByNow: number;
  status: 'met' | 'on_track' | 'at_risk';
  records: { id: number; jp: number; source: string }[];
}
interface Enrolment {
  id: number;
  status: string;
  seat: string;
  queuePosition: number | null;
  programme: { id: number; code: string };
  offering: { id: number; code: string };
}
interface Certificate {
  id: string;
  number: string;
  holder_name: string;
  civil_servant_id: number;
  programme_code: string;
  verify_url: string;
  pdf_url: string;
}

const idNumber = (n: number) => new Intl.NumberFormat('id-ID').format(n);
const enNumber = (n: number) => new Intl.NumberFormat('en-GB').format(n);
const b64url = (s: string) => Buffer.from(s).toString('base64url');
const todayJakarta = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.parse(`${todayJakarta()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

describe('learner pages in the browser', { skip: skipReason() }, () => {
  let h: Harness;

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  test('My learning shows the year\'s JP, status and records as the API computes them, the enrolments, and switches to English', async () => {
    const { context, page } = await signedInAs(h, 'learner');
    await navLink(page, 'Pembelajaran saya').click();
    await page.getByRole('heading', { level: 1, name: 'Pembelajaran saya' }).waitFor();
    assert.equal(await page.title(), 'Pembelajaran saya · Kembang');
    const year = Number(todayJakarta().slice(0, 4));
    const ledger = await getJson<Ledger>(page, `/api/learning/jp/mine?year=${year}`);
    assert.ok(ledger.jp > 0 && ledger.jp < 20, `the demo learner's bar is partly filled (${ledger.jp})`);

    await page.getByTestId('jp-earned').getByText(idNumber(ledger.jp), { exact: true }).waitFor();
    assert.equal(await page.getByTestId('jp-expected').textContent(), idNumber(ledger.expectedByNow));
    assert.equal(await page.getByTestId('jp-status').getAttribute('data-status'), ledger.status);
    const bar = page.getByRole('progressbar', { name: `Kemajuan menuju 20 JP tahun ${year}` });
    assert.equal(Number(await bar.getAttribute('aria-valuenow')), ledger.jp);
    assert.equal(await bar.getAttribute('aria-valuetext'), `${idNumber(ledger.jp)} dari 20 JP`);
    // The status is explained with the figures it rests on.
    const explained = (await page.getByTestId('jp-status-explained').textContent()) ?? '';
    assert.ok(explained.includes(idNumber(ledger.expectedByNow)), explained);
    // The history lists every record with its JP: a completed training and an approved self-report.
    const rows = page.getByTestId('record');
    assert.equal(await rows.count(), ledger.records.length);
    assert.deepEqual(await page.getByTestId('record-jp').allTextContents(), ledger.records.map((r) => idNumber(r.jp)));
    assert.deepEqual((await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-source')))).sort(), ledger.records.map((r) => r.source).sort());

    // Another year: its own figures.
    await page.getByLabel('Tahun', { exact: true }).selectOption(String(year - 1));
    await page.getByRole('heading', { level: 2, name: `JP tahun ${year - 1}` }).waitFor();
    const last = await getJson<Ledger>(page, `/api/learning/jp/mine?year=${year - 1}`);
    await page.getByTestId('jp-earned').getByText(idNumber(last.jp), { exact: true }).waitFor();
    assert.equal(await page.getByTestId('jp-status').getAttribute('data-status'), last.status);
    await page.getByLabel('Tahun', { exact: true }).selectOption(String(year));
    await page.getByTestId('jp-earned').getByText(idNumber(ledger.jp), { exact: true }).waitFor();

    // Enrolments with their state in words: the seeded request waits for the supervisor.
    const enrolments = await getJson<{ items: Enrolment[] }>(page, '/api/learning/enrolments/mine');
    await page.getByTestId('enrolment').first().waitFor();
    assert.equal(await page.getByTestId('enrolment').count(), enrolments.items.length);
    const requested = enrolments.items.find((e) => e.status === 'requested')!;
    const item = page.locator(`[data-testid=enrolment][data-id="${requested.id}"]`);
    assert.equal(await item.getByTestId('enrolment-status').textContent(), 'Diajukan');
    assert.match((await item.getByTestId('enrolment-detail').textContent()) ?? '', /Menunggu persetujuan atasan langsung Anda/);
    assert.equal(await item.getByRole('button', { name: 'Mengundurkan diri' }).count(), 1, 'withdrawal is open until registration closes');
    const completed = page.locator('[data-testid=enrolment][data-status=completed]');
    assert.equal(await completed.getByRole('button').count(), 0, 'a completion cannot be withdrawn');

    // English.
    await page.getByRole('button', { name: /^EN/ }).click();
    await page.getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByRole('progressbar', { name: `Progress toward 20 JP in ${year}` }).waitFor();
    assert.equal(await page.getByTestId('jp-status').textContent(), { met: 'Met', on_track: 'On track', at_risk: 'At risk' }[ledger.status]);
    assert.equal(await page.getByTestId('jp-expected').textContent(), enNumber(ledger.expectedByNow));
    assert.equal(await item.getByTestId('enrolment-status').textContent(), 'Requested');
    await item.getByRole('link', { name: 'Performance-based Budgeting' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'My certificates' }).waitFor();
    await page.getByRole('button', { name: /^ID/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Pembelajaran saya' }).waitFor();
    await context.close();
  });

  test('a certificate: the PDF downloads, and its share link opens the public verification page saying "valid"; a tampered JWT pasted there says "tampered"', async () => {
    const { context, page } = await signedInAs(h, 'learner');
    await page.goto('/pembelajaran');
    const certs = await getJson<{ items: Certificate[] }>(page, '/api/certificates');
    assert.ok(certs.items.length >= 1, 'the demo learner holds a certificate');
    const cert = certs.items[0];
    const card = page.locator(`[data-testid=certificate][data-id="${cert.id}"]`);
    await card.waitFor();
    assert.equal(await card.getByTestId('certificate-status').textContent(), 'Sah');

    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: 'Unduh PDF' }).click()]);
    assert.equal(download.suggestedFilename(), `sertifikat-${cert.number}.pdf`);
    const pdf = fs.readFileSync((await download.path())!);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.ok(pdf.length > 2000, `a real PDF (${pdf.length} bytes)`);

    const share = card.getByLabel('Tautan berbagi (halaman verifikasi publik)');
    const shareUrl = await share.inputValue();
    assert.equal(shareUrl, cert.verify_url, 'the share link is the one in the QR code');
    assert.ok(shareUrl.endsWith(`/verifikasi/${cert.id}`), shareUrl);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await card.getByRole('button', { name: 'Salin' }).click();
    await card.getByText('Tautan disalin.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shareUrl);
    const detail = await getJson<{ jwt: string; status_list_id: number }>(page, `/api/certificates/${cert.id}`);
    // The server signs with the key the seed made (same key encryption as the served configuration).
    const listStatus = await page.evaluate((u) => fetch(u, { headers: { accept: 'application/vc+jwt' } }).then((r) => r.status), `/credentials/status/${detail.status_list_id}`);
    assert.equal(listStatus, 200);
    const person = await getJson<{ nip: string; birth_date?: string }>(page, `/api/civil-servants/${cert.civil_servant_id}`);
    await context.close();

    // Anyone, not signed in, opens the link.
    const visitor = await h.newPage();
    await visitor.page.goto(new URL(shareUrl).pathname);
    await visitor.page.getByRole('heading', { level: 1, name: 'Verifikasi sertifikat' }).waitFor();
    const verdict = visitor.page.getByTestId('register-verdict');
    await verdict.waitFor();
    assert.equal(await verdict.getAttribute('data-status'), 'valid');
    assert.match((await verdict.textContent()) ?? '', /Sertifikat ini asli dan berlaku/);
    assert.equal(await verdict.getByTestId('holder-name').textContent(), cert.holder_name);
    const text = (await visitor.page.locator('main').textContent()) ?? '';
    assert.ok(!text.includes(person.nip), 'no NIP on the public page');
    assert.equal(await visitor.page.getByRole('button', { name: 'Keluar' }).count(), 0, 'a visitor, not signed in');

    // The JWT alone: genuine, then altered (more JP) with the old signature.
    const jwtBox = visitor.page.getByLabel('Kredensial (JWT)', { exact: true });
    await jwtBox.fill(detail.jwt);
    await visitor.page.getByRole('button', { name: 'Periksa' }).click();
    const jwtVerdict = visitor.page.getByTestId('jwt-verdict');
    await visitor.page.locator('[data-testid=jwt-verdict][data-status=valid]').waitFor();
    assert.equal(await jwtVerdict.getByTestId('holder-name').textContent(), cert.holder_name);
    const [header, payload, signature] = detail.jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.credentialSubject.creditsEarned = 800;
    await jwtBox.fill(`${header}.${b64url(JSON.stringify(claims))}.${signature}`);
    await visitor.page.getByRole('button', { name: 'Periksa' }).click();
    await visitor.page.locator('[data-testid=jwt-verdict][data-status=tampered]').waitFor();
    assert.match((await jwtVerdict.textContent()) ?? '', /Dipalsukan/);
    assert.equal(await jwtVerdict.getByTestId('holder-name').count(), 0, 'nothing of a forgery is shown as fact');
    await visitor.context.close();
  });

  test('the level-1 reaction survey of a completed training: every statement rated, then recorded once', async () => {
    const { context, page } = await signedInAs(h, 'learner');
    await page.goto('/pembelajaran');
    const before = await getJson<{ items: { certificate_id: string; reaction_submitted: boolean; programme: { id: number } }[] }>(page, '/api/evaluation/mine');
    const todo = before.items.find((i) => !i.reaction_submitted)!;
    assert.ok(todo, 'a certificate waits for its survey');
    const card = page.locator(`[data-testid=certificate][data-id="${todo.certificate_id}"]`);
    await card.getByTestId('reaction-link').click();
    await page.getByRole('heading', { level: 1, name: 'Survei reaksi pelatihan' }).waitFor();
    const settings = await getJson<{ reaction_questions: { key: string; textId: string }[] }>(page, `/api/evaluation/programmes/${todo.programme.id}/settings`);
    assert.equal(await page.locator('fieldset.likert').count(), settings.reaction_questions.length);

    await page.getByRole('button', { name: 'Kirim survei' }).click();
    await page.getByText('Jawab semua pernyataan sebelum mengirim.').waitFor();
    for (const [i, q] of settings.reaction_questions.entries()) {
      await page.getByRole('group', { name: q.textId }).getByRole('radio', { name: i === 0 ? '5 — sangat setuju' : '4 — setuju' }).check();
    }
    await page.getByLabel('Saran atau komentar (tidak wajib)').fill('Narasumber menarik; waktu diskusi bisa lebih panjang.');
    await page.getByRole('button', { name: 'Kirim survei' }).click();
    const expected = (5 + 4 * (settings.reaction_questions.length - 1)) / settings.reaction_questions.length;
    await page.getByTestId('reaction-thanks').getByText(idNumber(Math.round(expected * 100) / 100), { exact: false }).waitFor();

    const after = await getJson<{ items: { certificate_id: string; reaction_submitted: boolean }[] }>(page, '/api/evaluation/mine');
    assert.equal(after.items.find((i) => i.certificate_id === todo.certificate_id)!.reaction_submitted, true);
    await page.getByRole('link', { name: 'Kembali ke Pembelajaran saya' }).click();
    await card.getByTestId('reaction-done').waitFor();
    assert.equal(await card.getByTestId('reaction-link').count(), 0);
    await context.close();
  });

  test('a self-reported activity: the server\'s field errors, then submitted for the supervisor\'s approval with its JP', async () => {
    const { context, page } = await signedInAs(h, 'learner');
    await page.goto('/pembelajaran');
    await page.getByRole('link', { name: 'Laporkan kegiatan belajar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Laporkan kegiatan belajar' }).waitFor();
    await page.getByLabel('Bentuk kegiatan').selectOption('seminar');
    await page.getByLabel('Nama kegiatan').fill('Seminar nasional pelayanan publik digital');
    await page.getByLabel('Penyelenggara (tidak wajib)').fill('Kementerian PANRB');
    await page.getByLabel('Tanggal mulai').fill(daysAgo(3));
    await page.getByLabel('Tanggal selesai').fill(daysAgo(3));
    await page.getByLabel('Lama belajar (jam)').fill('2');
    // 120 minutes at 45 minutes per JP, two decimals down.
    await page.getByTestId('jp-preview').getByText(`Perkiraan: ${idNumber(2.66)} JP.`).waitFor();

    // No evidence: the server refuses and the field says why.
    await page.getByRole('button', { name: 'Kirim untuk persetujuan' }).click();
    await page.waitForFunction(() => document.querySelector('#act-url')?.getAttribute('aria-invalid') === 'true');
    assert.match((await page.locator('#act-url-error').textContent()) ?? '', /evidence is required/);

    await page.getByLabel('Tautan bukti').fill('https://example.go.id/sertifikat/seminar-123');
    await page.getByRole('button', { name: 'Kirim untuk persetujuan' }).click();
    await page.getByTestId('activity-submitted').waitFor();
    const mine = await getJson<{ items: { title: string; jp: number; status: string; minutes: number }[] }>(page, '/api/learning/activities/mine');
    const made = mine.items[0];
    assert.deepEqual([made.title, made.minutes, made.jp, made.status], ['Seminar nasional pelayanan publik digital', 120, 2.66, 'submitted']);
    assert.match((await page.getByTestId('activity-submitted').textContent()) ?? '', new RegExp(`\\(${idNumber(made.jp)} JP\\)`));
    const row = page.getByTestId('activity').filter({ hasText: made.title });
    assert.equal(await row.getByTestId('activity-status').textContent(), 'Menunggu persetujuan atasan');
    await context.close();
  });

  test('the header counts unread notifications; reading them on the notifications page brings the count down', async () => {
    const { context, page } = await signedInAs(h, 'learner');
    const start = await getJson<{ unread: number; items: { id: number; read_at: string | null }[] }>(page, '/api/notifications');
    assert.ok(start.unread >= 2, `unread: ${start.unread}`);
    const count = page.getByTestId('unread-count');
    await count.getByText(String(start.unread), { exact: true }).waitFor();
    await page.getByRole('link', { name: `Notifikasi: ${start.unread} belum dibaca` }).click();
    await page.getByRole('heading', { level: 1, name: 'Notifikasi' }).waitFor();
    await page.getByTestId('unread-summary').getByText(`${start.unread} belum dibaca`).waitFor();
    assert.equal(await page.locator('[data-testid=notification][data-read=false]').count(), start.unread);

    await page.locator('[data-testid=notification][data-read=false]').first().getByRole('button', { name: /^Tandai sudah dibaca/ }).click();
    await count.getByText(String(start.unread - 1), { exact: true }).waitFor();
    assert.equal((await getJson<{ unread: number }>(page, '/api/notifications')).unread, start.unread - 1);

    await page.getByRole('button', { name: 'Tandai semua sudah dibaca' }).click();
    await page.getByText('Semua notifikasi sudah dibaca.').waitFor();
    await count.waitFor({ state: 'detached' });
    assert.equal((await getJson<{ unread: number }>(page, '/api/notifications')).unread, 0);
    assert.equal(await page.getByRole('link', { name: 'Notifikasi', exact: true }).count(), 1, 'the header link without a count');
    // Still read after a reload.
    await page.reload();
    await page.getByText('Semua notifikasi sudah dibaca.').waitFor();
    assert.equal(await page.locator('[data-testid=notification][data-read=false]').count(), 0);
    // Each notification in the interface's language: Indonesian, then English after the switch.
    const newest = (await getJson<{ items: { title: string; body: string; title_en: string | null; body_en: string | null }[] }>(page, '/api/notifications')).items[0];
    assert.ok(newest.title_en && newest.body_en && newest.body_en !== newest.body, JSON.stringify(newest));
    const first = page.getByTestId('notification').first();
    await first.getByRole('heading', { name: newest.title }).waitFor();
    await first.getByText(newest.body, { exact: true }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await first.getByRole('heading', { name: newest.title_en }).waitFor();
    await first.getByText(newest.body_en, { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await context.close();
  });

  test('enrolment: a refusal in the learner\'s words; a request that says what happens next, shown in My learning, then withdrawn', async () => {
    const learner = await signedInAs(h, 'learner');
    const search = await getJson<{ items: { id: number; code: string }[] }>(learner.page, '/api/catalog/search?pageSize=50');
    const pkp = search.items.find((i) => i.code === 'PKP-KOLABORASI')!;
    const seminar = search.items.find((i) => i.code === 'WAWASAN-KEBANGSAAN')!;
    // Not a supervisor: the server says why, the page explains it.
    await learner.page.goto(`/katalog/${pkp.id}`);
    const firstCohort = learner.page.getByTestId('cohort').first();
    await firstCohort.getByRole('button', { name: 'Ajukan pendaftaran' }).click();
    const refused = firstCohort.getByTestId('enrol-refused');
    await refused.waitFor();
    assert.equal(await refused.getAttribute('data-kind'), 'not-eligible');
    assert.match((await refused.textContent()) ?? '', /Anda belum memenuhi syarat program ini/);
    assert.match((await refused.getByTestId('enrol-refused-detail').textContent()) ?? '', /position tiers pengawas/);
    // Already completed: no request button, the completion instead.
    await learner.page.goto(`/katalog/${seminar.id}`);
    const done = learner.page.getByTestId('cohort').first().getByTestId('enrol-existing');
    await done.waitFor();
    assert.equal(await done.getAttribute('data-status'), 'completed');
    assert.equal(await learner.page.getByRole('button', { name: 'Ajukan pendaftaran' }).count(), 0);
    await learner.context.close();

    // The demo supervisor is a pengawas, and learns too: PKP is theirs to request.
    const { context, page } = await signedInAs(h, 'supervisor');
    await page.goto(`/katalog/${pkp.id}`);
    const cohort = page.getByTestId('cohort').first();
    await cohort.getByRole('button', { name: 'Ajukan pendaftaran' }).click();
    const confirmation = cohort.getByTestId('enrol-confirmation');
    await confirmation.waitFor();
    const mine = await getJson<{ items: Enrolment[] }>(page, '/api/learning/enrolments/mine');
    const made = mine.items.find((e) => e.programme.id === pkp.id)!;
    assert.equal(made.status, 'requested');
    assert.equal(made.seat, 'held');
    assert.equal(await confirmation.getAttribute('data-status'), 'requested');
    const steps = (await confirmation.textContent()) ?? '';
    assert.match(steps, /Permintaan pendaftaran terkirim/);
    assert.match(steps, /Atasan langsung Anda menerima permintaan ini/);
    assert.match(steps, /Satu kursi disiapkan untuk Anda/);
    // The other cohort of the programme now says there is an enrolment.
    assert.equal(await page.getByTestId('cohort').nth(1).getByTestId('enrol-existing').getAttribute('data-status'), 'requested');

    await confirmation.getByRole('link', { name: 'Lihat di Pembelajaran saya' }).click();
    await page.waitForURL((url) => url.pathname === '/pembelajaran' && url.searchParams.get('pendaftaran') === String(made.id));
    const item = page.locator(`[data-testid=enrolment][data-id="${made.id}"]`);
    await item.waitFor();
    assert.equal(await item.getAttribute('data-status'), 'requested');
    assert.match((await item.getAttribute('class')) ?? '', /row-selected/, 'the new request is marked');
    assert.match((await item.getByTestId('enrolment-detail').textContent()) ?? '', /Satu kursi disiapkan untuk Anda selama persetujuan berjalan/);

    await item.getByRole('button', { name: 'Mengundurkan diri' }).click();
    await item.getByLabel('Alasan (tidak wajib)').fill('Jadwal bentrok dengan tugas kantor');
    await item.getByRole('button', { name: 'Ya, mengundurkan diri' }).click();
    await page.locator(`[data-testid=enrolment][data-id="${made.id}"][data-status=withdrawn]`).waitFor();
    const after = await getJson<{ items: Enrolment[] }>(page, '/api/learning/enrolments/mine');
    assert.equal(after.items.find((e) => e.id === made.id)!.status, 'withdrawn');
    assert.match((await item.getByTestId('enrolment-detail').textContent()) ?? '', /Alasan: Jadwal bentrok/);
    await context.close();
  });

  test('a change project for a leadership certificate, with the participant\'s consent; the public repository searches the published ones', async () => {
    const db = h.server.database.db;
    const learner = await signedInAs(h, 'learner');
    const me = await getJson<{ civilServantId: number }>(learner.page, '/api/auth/me');
    const pkp = await db.selectFrom('programme').select('id').where('code', '=', 'PKP-KOLABORASI').executeTakeFirstOrThrow();
    const issued = await issueCertificate(db, systemCaller('test'), { civilServantId: me.civilServantId, programmeId: pkp.id, offeringId: null, learningRecordId: 987_654, completedOn: daysAgo(30), jp: 260 });

    const { page } = learner;
    await page.goto(`/pembelajaran?sertifikat=${issued.id}`);
    const card = page.locator(`[data-testid=certificate][data-id="${issued.id}"]`);
    await card.getByTestId('change-project-link').click();
    await page.getByRole('heading', { level: 1, name: 'Aksi perubahan' }).waitFor();
    await page.getByLabel('Judul', { exact: true }).fill('Antrean layanan KTP dengan nomor daring');
    await page.getByLabel('Masalah', { exact: true }).fill('Warga antre sejak subuh untuk mengurus KTP elektronik.');
    await page.getByLabel('Perubahan yang dilakukan').fill('Nomor antrean diambil lewat situs dan dikirim lewat pesan singkat.');
    await page.getByLabel('Hasil', { exact: true }).fill('Waktu tunggu di kantor turun dari tiga jam menjadi empat puluh menit.');
    await page.getByRole('button', { name: 'Tambah kontak' }).click();
    await page.getByLabel('Nama atau unit').fill('Seksi Pelayanan Dukcapil');
    await page.getByLabel('E-mail', { exact: true }).fill('dukcapil@example.go.id');
    await page.getByLabel('Saya setuju aksi perubahan ini ditampilkan di repositori publik').check();
    await page.getByRole('button', { name: 'Simpan aksi perubahan' }).click();
    await page.getByText('Aksi perubahan tersimpan.').waitFor();
    const status = page.getByTestId('change-project-public');
    assert.equal(await status.getAttribute('data-public'), 'false', 'public only once the agency agrees too');
    await page.getByText('Instansi Anda belum memberi persetujuan.').waitFor();
    const projects = await getJson<{ items: { title: string; participant_public: boolean; agency_public: boolean }[] }>(page, '/api/evaluation/change-projects');
    const mine = projects.items.find((p) => p.title === 'Antrean layanan KTP dengan nomor daring')!;
    assert.deepEqual([mine.participant_public, mine.agency_public], [true, false]);
    await learner.context.close();

    // The repository, for anyone: the seeded projects both sides published; not the new one.
    const visitor = await h.newPage();
    await visitor.page.goto('/aksi-perubahan');
    await visitor.page.getByRole('heading', { level: 1, name: 'Repositori aksi perubahan' }).waitFor();
    const all = await getJson<{ total: number }>(visitor.page, '/api/evaluation/change-projects/search');
    assert.ok(all.total >= 3, `published demo projects: ${all.total}`);
    await visitor.page.getByTestId('project-count').getByText(`${all.total} aksi perubahan ditemukan`).waitFor();
    await visitor.page.getByRole('searchbox', { name: 'Cari aksi perubahan' }).fill('arsip');
    await visitor.page.getByRole('button', { name: 'Cari', exact: true }).click();
    await visitor.page.waitForURL((url) => url.searchParams.get('q') === 'arsip');
    const found = await getJson<{ total: number; items: { title: string }[] }>(visitor.page, '/api/evaluation/change-projects/search?q=arsip');
    await visitor.page.getByTestId('project-count').getByText(`${found.total} aksi perubahan ditemukan`).waitFor();
    assert.deepEqual(await visitor.page.getByTestId('project').getByRole('heading', { level: 2 }).allTextContents(), found.items.map((p) => p.title));
    await visitor.page.getByRole('searchbox', { name: 'Cari aksi perubahan' }).fill('antrean KTP');
    await visitor.page.getByRole('button', { name: 'Cari', exact: true }).click();
    await visitor.page.getByText('Tidak ada aksi perubahan yang cocok.').waitFor();
    await visitor.context.close();
  });

  test('no page logged an error, broke the CSP or asked another host for anything', () => {
    // The one refusal provoked on purpose: the ineligible learner's request (422).
    const provoked = /^console error on [^ ]+\/katalog\/\d+: Failed to load resource: the server responded with a status of 422 /;
    assert.deepEqual(h.problems.filter((p) => !provoked.test(p)), []);
  });
});
