// The supervisor, agency-admin, provider-admin and national-admin pages of learning in headless
// Chromium against the real server (demo seed): the supervisor approves the demo learner's
// request (figures checked against the API), rejects another with a reason, fills in a due
// level-3 follow-up and records a change-project outcome; the agency admin nominates two people
// and sees why one was refused; the JP compliance list matches the API and its CSV download; the
// LAN provider admin marks a no-show, fills the attendance grid, completes the running cohort in
// bulk and downloads a certificate PDF, and a partner's cohort page works; the national admin
// edits the JP conversion table.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { skipReason, startHarness, type Harness, getJson, navLink, signedInAs } from './harness.ts';

interface Enrolment {
  id: number;
  status: string;
  approvals: { supervisor: string };
  reason: string | null;
  person: { id: number; name: string };
  offering: { id: number; code: string };
  programme: { id: number; code: string; jp: number };
}

/** Our CSV: quoted cells may hold commas, quotes and line breaks; lines end in CRLF. */
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
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

const send = (page: Page, method: string, url: string, body: unknown) =>
  page.evaluate(
    async ([m, u, b]) => {
      const me = await fetch('/api/auth/me').then((r) => r.json());
      const r = await fetch(u as string, { method: m as string, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(b) });
      return { status: r.status, body: await r.json() };
    },
    [method, url, body],
  );

describe('learning admin pages in the browser', { skip: skipReason() }, () => {
  let h: Harness;
  let learner: { id: number; name: string };

  before(async () => {
    h = await startHarness();
    const db = h.server.database.db;
    const row = await db.selectFrom('user_account as u').innerJoin('civil_servant as cs', 'cs.id', 'u.civil_servant_id').select(['cs.id', 'cs.name']).where('u.email', '=', 'pelajar@kembang.test').executeTakeFirstOrThrow();
    learner = { id: Number(row.id), name: row.name };
  });
  after(async () => {
    await h?.close();
  });

  test('the supervisor approves the demo learner\'s request, rejects another with a reason, fills in a due follow-up and records an outcome', async () => {
    const { context, page } = await signedInAs(h, 'supervisor');
    const inbox = await getJson<{ asSupervisor: Enrolment[]; activities: { id: number }[] }>(page, '/api/learning/approvals');
    const followUps = await getJson<{ items: { id: number; due_on: string; name: string }[] }>(page, '/api/evaluation/follow-ups?due=true');
    assert.ok(followUps.items.length >= 1, 'the demo has a follow-up due');
    const card = page.getByTestId('supervisor-approvals');
    await card.getByTestId('count-requests').getByText(`Permintaan pendaftaran: ${inbox.asSupervisor.length}`).waitFor();
    assert.equal(await card.getByTestId('count-activities').textContent(), `Kegiatan mandiri: ${inbox.activities.length}`);
    assert.equal(await card.getByTestId('count-follow-ups').textContent(), `Evaluasi level 3 jatuh tempo: ${followUps.items.length}`);
    await card.getByRole('link', { name: 'Buka persetujuan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Persetujuan' }).waitFor();
    assert.equal(await page.title(), 'Persetujuan · Kembang');

    // The learner's request: who, which offering, JP and the gap, as the API says.
    const mine = inbox.asSupervisor.find((e) => e.person.id === learner.id);
    assert.ok(mine, 'the demo learner has a request waiting');
    const rows = page.getByTestId('supervisor-requests').getByTestId('request');
    assert.equal(await rows.count(), inbox.asSupervisor.length);
    const row = page.locator(`[data-testid=request][data-enrolment="${mine.id}"]`);
    const text = (await row.textContent()) ?? '';
    for (const part of [learner.name, mine.programme.code, mine.offering.code]) assert.ok(text.includes(part), `${part} in ${text}`);
    assert.equal(await row.getByTestId('jp').textContent(), String(mine.programme.jp));
    const programme = await getJson<{ competencies: { code: string; level_to: number }[] }>(page, `/api/catalog/programmes/${mine.programme.id}`);
    const profile = await getJson<{ items: { code: string; required: number | null; current: number | null }[] }>(page, `/api/civil-servants/${learner.id}/profile`);
    const gap = programme.competencies.reduce((n, c) => {
      const cell = profile.items.find((i) => i.code === c.code);
      return cell && cell.required !== null ? n + Math.max(0, Math.min(cell.required, c.level_to) - (cell.current ?? 0)) : n;
    }, 0);
    await row.locator(`[data-testid=gap][data-gap="${gap}"]`).waitFor();

    await row.getByRole('button', { name: `Setujui ${learner.name}` }).click();
    const approved = page.getByTestId('supervisor-requests').getByRole('status');
    await approved.getByText(`Permintaan ${learner.name} untuk ${mine.offering.code} disetujui.`, { exact: false }).waitFor();
    const after = await getJson<Enrolment>(page, `/api/learning/enrolments/${mine.id}`);
    assert.equal(after.approvals.supervisor, 'approved');
    assert.equal(after.status, 'enrolled', 'a seat was held, so the approval enrols');
    assert.match((await approved.textContent()) ?? '', /Status: Terdaftar\./);
    await row.waitFor({ state: 'detached' });

    // Another report's request, rejected with a reason.
    const other = inbox.asSupervisor.find((e) => e.person.id !== learner.id)!;
    const otherRow = page.locator(`[data-testid=request][data-enrolment="${other.id}"]`);
    await otherRow.getByRole('button', { name: `Tolak ${other.person.name}` }).click();
    const reasonBox = page.getByLabel(`Alasan menolak permintaan ${other.person.name}`);
    assert.equal(await page.getByRole('button', { name: 'Kirim penolakan' }).isDisabled(), true, 'no rejection without a reason');
    await reasonBox.fill('Beban kerja unit sedang tinggi; ajukan di angkatan berikutnya.');
    await page.getByRole('button', { name: 'Kirim penolakan' }).click();
    await otherRow.waitFor({ state: 'detached' });
    const rejected = await getJson<Enrolment>(page, `/api/learning/enrolments/${other.id}`);
    assert.deepEqual([rejected.status, rejected.reason], ['rejected', 'Beban kerja unit sedang tinggi; ajukan di angkatan berikutnya.']);

    // The level-3 follow-up that is due.
    const due = followUps.items[0];
    const item = page.getByTestId('follow-up').filter({ hasText: due.name });
    await item.getByRole('button', { name: `Isi evaluasi ${due.name}` }).click();
    const form = page.getByRole('form', { name: `Evaluasi pasca-pelatihan ${due.name}` });
    const sendButton = form.getByRole('button', { name: 'Kirim evaluasi' });
    assert.equal(await sendButton.isDisabled(), true);
    for (const [i, score] of [4, 5, 3, 4].entries()) await form.getByRole('group', { name: new RegExp(`^${i + 1}\\. `) }).getByRole('radio', { name: new RegExp(`^${score} `) }).check();
    await form.getByLabel('Catatan (opsional)').fill('Lebih proaktif dalam rapat unit.');
    await sendButton.click();
    await page.getByTestId('follow-ups').getByText(`Evaluasi ${due.name} terkirim (nilai rata-rata 4).`).waitFor();
    const left = await getJson<{ items: { id: number }[] }>(page, '/api/evaluation/follow-ups');
    assert.ok(!left.items.some((f) => f.id === due.id), 'the follow-up is done');

    // The change project's outcome (level 4).
    const project = page.getByTestId('change-project').first();
    const title = (await project.locator('strong').first().textContent())!;
    await project.getByRole('button', { name: `Catat hasil ${title}` }).click();
    const outcome = page.getByRole('form', { name: `Hasil aksi perubahan "${title}"` });
    await outcome.getByLabel('Status perubahan').selectOption('sustained');
    await outcome.getByRole('group', { name: 'Nilai hasil' }).getByRole('radio', { name: /^5 / }).check();
    await outcome.getByRole('button', { name: 'Simpan hasil' }).click();
    await page.getByTestId('outcomes').getByText(`Hasil "${title}" tersimpan: Berkelanjutan.`).waitFor();
    const projects = await getJson<{ items: { title: string; outcome_status: string; outcome_score: number }[] }>(page, '/api/evaluation/change-projects');
    const saved = projects.items.find((p) => p.title === title)!;
    assert.deepEqual([saved.outcome_status, saved.outcome_score], ['sustained', 5]);
    await context.close();
  });

  test('an agency admin nominates two people to the joint PKP cohort; the one who is not a pengawas is refused and the page says why', async () => {
    const { context, page } = await signedInAs(h, 'agency_admin');
    await navLink(page, 'Nominasi').click();
    await page.getByRole('heading', { level: 1, name: 'Nominasi peserta' }).waitFor();
    await page.getByLabel('Cari program di katalog').fill('kepemimpinan pengawas');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.locator('[data-testid=programme-option][data-code="PKP-KOLABORASI"]').getByRole('button', { name: 'Pilih PKP-KOLABORASI' }).click();
    const offerings = page.getByTestId('offering-choice');
    await offerings.getByText('ANGKATAN-I', { exact: true }).waitFor();
    assert.equal(await offerings.getByRole('radio').first().isChecked(), true, 'the cohort open for registration is chosen');
    // The programme is for pengawas only: the staff filter starts there.
    assert.equal(await page.getByLabel('Jenjang jabatan').inputValue(), 'pengawas');
    const firstRow = page.getByTestId('staff-row').first();
    await firstRow.waitFor();
    const pengawas = { id: Number(await firstRow.getAttribute('data-person')), name: (await firstRow.locator('th').textContent())! };
    await firstRow.getByRole('checkbox').check();
    await page.getByLabel('Jenjang jabatan').selectOption('pelaksana');
    await page.locator('[data-testid=staff-row]').filter({ hasText: 'Pelaksana' }).first().waitFor();
    const pelaksanaRow = page.getByTestId('staff-row').first();
    const pelaksana = { id: Number(await pelaksanaRow.getAttribute('data-person')), name: (await pelaksanaRow.locator('th').textContent())! };
    await pelaksanaRow.getByRole('checkbox').check();
    await page.getByText('Dipilih: 2 pegawai').waitFor();
    await page.getByRole('button', { name: 'Nominasikan (2)' }).click();

    const results = page.getByTestId('nomination-results');
    await results.getByRole('heading', { name: 'Hasil nominasi ke ANGKATAN-I' }).waitFor();
    assert.equal(await results.getByRole('status').textContent(), 'Diproses: 1 · ditolak: 1');
    const ok = results.locator(`[data-testid=nomination-result][data-person="${pengawas.id}"]`);
    assert.equal(await ok.getAttribute('data-outcome'), 'requested');
    assert.match((await ok.textContent()) ?? '', /Menunggu persetujuan atasan langsung/);
    const refused = results.locator(`[data-testid=nomination-result][data-person="${pelaksana.id}"]`);
    assert.equal(await refused.getAttribute('data-outcome'), 'refused');
    assert.equal(await refused.getByTestId('refusal-kind').textContent(), 'Tidak memenuhi syarat');
    assert.match((await refused.getByTestId('refusal-detail').textContent()) ?? '', new RegExp(`${pelaksana.name} is not eligible for PKP-KOLABORASI: the programme is for position tiers pengawas`));

    // The API agrees: one nomination, nothing for the refused person.
    const me = await getJson<{ grants: { role: string; scopeId: number }[] }>(page, '/api/auth/me');
    const agencyId = me.grants.find((g) => g.role === 'agency_admin')!.scopeId;
    const list = await getJson<{ items: Enrolment[] & { origin: string }[] }>(page, `/api/learning/agencies/${agencyId}/enrolments?limit=500`);
    const nominated = list.items.filter((e) => e.programme.code === 'PKP-KOLABORASI');
    assert.deepEqual(nominated.map((e) => [e.person.id, e.status]), [[pengawas.id, 'requested']]);

    // All or nothing: the same refusal now refuses the batch, naming the person.
    await page.getByLabel('Jenjang jabatan').selectOption('pelaksana');
    await page.locator(`[data-testid=staff-row][data-person="${pelaksana.id}"]`).getByRole('checkbox').check();
    await page.getByLabel('Semua atau tidak sama sekali').check();
    await page.getByRole('button', { name: 'Nominasikan (1)' }).click();
    await page.getByTestId('nomination-refused').getByTestId('refused-person').getByText(`${pelaksana.name}: ${pelaksana.name} is not eligible`, { exact: false }).waitFor();
    await context.close();
  });

  test('the JP compliance list matches the API, filters by status and unit, and its CSV downloads the same people', async () => {
    const { context, page } = await signedInAs(h, 'agency_admin');
    await navLink(page, 'Kepatuhan JP').click();
    await page.getByRole('heading', { level: 1, name: 'Kepatuhan 20 JP' }).waitFor();
    const me = await getJson<{ grants: { role: string; scopeId: number }[] }>(page, '/api/auth/me');
    const agencyId = me.grants.find((g) => g.role === 'agency_admin')!.scopeId;
    const api = await getJson<{ year: number; totals: Record<string, number>; units: { unitId: number | null; unitName: string; people: number; met: number; on_track: number; at_risk: number }[] }>(page, `/api/learning/agencies/${agencyId}/jp-compliance?limit=1`);
    const totals = page.getByTestId('compliance-totals');
    await totals.waitFor();
    for (const s of ['met', 'on_track', 'at_risk']) assert.equal(await totals.getByTestId(`total-${s}`).locator('.stat-value').textContent(), new Intl.NumberFormat('id-ID').format(api.totals[s]));
    const unitRows = page.getByTestId('unit-row');
    assert.equal(await unitRows.count(), api.units.length);
    for (const u of api.units) {
      const r = page.locator(`[data-testid=unit-row][data-unit="${u.unitId ?? ''}"]`);
      assert.deepEqual(await Promise.all(['met', 'on_track', 'at_risk'].map((s) => r.getByTestId(`unit-${s}`).textContent())), [u.met, u.on_track, u.at_risk].map(String));
    }

    // Filter: the people met, then one unit's at-risk people.
    await page.getByLabel('Status', { exact: true }).selectOption('met');
    const people = page.getByTestId('compliance-person');
    await page.locator('h2', { hasText: 'Tercapai' }).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=compliance-person]').length === n, api.totals.met);
    assert.deepEqual([...new Set(await people.evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))))], api.totals.met ? ['met'] : []);
    const unit = api.units.find((u) => u.unitId !== null && u.at_risk > 0)!;
    await page.getByLabel('Status', { exact: true }).selectOption('at_risk');
    await page.locator(`[data-testid=unit-row][data-unit="${unit.unitId}"]`).getByRole('button', { name: unit.unitName }).click();
    await page.getByRole('heading', { level: 2, name: `Pegawai ${unit.unitName}` }).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=compliance-person]').length === n, Math.min(unit.at_risk, 100));
    const shown = await people.evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-person')), Number(e.querySelector('[data-testid=jp]')!.textContent!.replace(',', '.'))]));
    const apiUnit = await getJson<{ people: { id: number; jp: number; status: string }[] }>(page, `/api/learning/agencies/${agencyId}/jp-compliance?year=${api.year}&status=at_risk&unitId=${unit.unitId}&limit=100`);
    assert.deepEqual(shown, apiUnit.people.map((p) => [p.id, p.jp]));

    // The CSV link carries the same filters, and downloads those people.
    const link = page.getByTestId('csv-link');
    assert.equal(await link.getAttribute('href'), `/api/learning/agencies/${agencyId}/jp-compliance.csv?year=${api.year}&status=at_risk&unitId=${unit.unitId}`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), new RegExp(`^kepatuhan-jp-32-${api.year}\\.csv$`));
    const [header, ...rows] = parseCsv(fs.readFileSync((await download.path())!, 'utf8'));
    assert.deepEqual(header, ['ID_PEGAWAI', 'NIP', 'NAMA', 'UNIT_KERJA', 'TAHUN', 'JP', 'TARGET_JP', 'STATUS']);
    assert.deepEqual(rows.map((r) => [Number(r[0]), Number(r[5])]), apiUnit.people.map((p) => [p.id, p.jp]));
    assert.ok(rows.every((r) => r[3] === unit.unitName && r[7] === 'at_risk' && /^\d{18}$/.test(r[1])));
    await context.close();
  });

  test('the LAN provider admin marks a no-show, fills the attendance grid, completes the running cohort in bulk and downloads a certificate PDF; a partner\'s cohort page works', async () => {
    const { context, page } = await signedInAs(h, 'provider_admin');
    const cohorts = await getJson<{ items: { id: number; code: string; programme: { id: number; code: string }; myPart: string }[] }>(page, '/api/learning/cohorts');
    const running = cohorts.items.find((c) => c.code === 'COHORT-0')!;
    // From the programme editor's cohort card to the cohort page.
    await page.goto(`/penyelenggara/program/${running.programme.id}`);
    await page.getByTestId('completion-rules').getByLabel('Kehadiran minimal (%)').waitFor();
    assert.equal(await page.getByTestId('completion-rules').getByLabel('Kehadiran minimal (%)').inputValue(), '75');
    await page.getByRole('link', { name: 'Buka halaman angkatan COHORT-0' }).click();
    await page.getByRole('heading', { level: 1, name: /COHORT-0/ }).waitFor();
    const before = await getJson<{ sessions: { id: number; title: string }[]; participants: { id: number; person: { name: string }; attendance: (string | null)[] }[] }>(page, `/api/learning/offerings/${running.id}/cohort`);
    assert.equal(await page.getByTestId('attendance-row').count(), before.participants.length);

    // The one who never came is a no-show.
    const absentee = before.participants.find((p) => p.attendance.slice(0, 3).every((a) => a === 'absent'))!;
    await page.getByTestId('participants').getByLabel(absentee.person.name).check();
    await page.getByRole('button', { name: 'Tandai tidak hadir (1)' }).click();
    await page.getByRole('button', { name: 'Ya, tandai tidak hadir' }).click();
    await page.getByText('Dicatat tidak hadir: 1 peserta.').waitFor();
    await page.locator(`[data-testid=participant][data-enrolment="${absentee.id}"][data-status="no_show"]`).waitFor();

    // The last session: everyone present, then one cell toggled to late; saved in one go.
    const last = before.sessions[3];
    await page.getByRole('button', { name: `Semua hadir ${last.title}` }).click();
    const late = before.participants.find((p) => p.attendance[1] === 'absent' && p.id !== absentee.id)!;
    const cell = page.locator(`[data-testid=attendance-row][data-enrolment="${late.id}"] [data-testid=attendance-cell][data-session="${last.id}"]`);
    assert.equal(await cell.getAttribute('data-value'), 'present');
    await cell.click();
    assert.equal(await cell.getAttribute('data-value'), 'late');
    await page.getByRole('button', { name: 'Simpan kehadiran (7 perubahan)' }).click();
    await page.getByText('Kehadiran tersimpan: 7 sel.').waitFor();
    const marked = await getJson<typeof before>(page, `/api/learning/offerings/${running.id}/cohort`);
    for (const p of marked.participants) assert.equal(p.attendance[3], p.id === absentee.id ? null : p.id === late.id ? 'late' : 'present', p.person.name);

    // A post-test score, saved and read back (level 2).
    const scoreRow = page.locator('[data-testid=score-row]').first();
    await scoreRow.getByTestId('post-score').fill('88');
    await page.getByRole('button', { name: 'Simpan nilai' }).click();
    await page.getByText('Nilai tersimpan (1 perubahan).').waitFor();
    const scores = await getJson<{ items: { name: string; post: number | null }[] }>(page, `/api/evaluation/offerings/${running.id}/test-scores`);
    const scoredId = Number(await scoreRow.getAttribute('data-enrolment'));
    const scoredName = marked.participants.find((p) => p.id === scoredId)!.person.name;
    assert.equal(scores.items.find((x) => x.name === scoredName)?.post, 88);

    // Bulk completion by the rule: five complete with certificates, two do not, with the rule's reasons.
    await page.getByLabel('Pilih semua peserta terdaftar (7)').check();
    await page.getByRole('button', { name: 'Selesaikan (7)' }).click();
    const results = page.getByTestId('completion-results');
    await results.getByTestId('completion-summary').getByText('Selesai: 5 · tidak selesai: 2 · ditolak: 0').waitFor();
    const reasons = await results.locator('[data-testid=completion-result][data-outcome=not_completed] [data-testid=completion-reasons]').allTextContents();
    assert.deepEqual(reasons.sort(), ['attendance 50% is below the required 75%', 'score 65 is below the pass score 70']);
    const after = await getJson<{ participants: { status: string; person: { id: number } }[] }>(page, `/api/learning/offerings/${running.id}/cohort`);
    assert.deepEqual(after.participants.map((p) => p.status).sort(), ['completed', 'completed', 'completed', 'completed', 'completed', 'no_show', 'not_completed', 'not_completed']);
    const certificates = await getJson<{ items: { civil_servant_id: number; pdf_url: string }[] }>(page, `/api/certificates?offeringId=${running.id}`);
    assert.equal(certificates.items.length, 5);
    const links = page.getByTestId('participants').getByTestId('certificate-link');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=participants] [data-testid=certificate-link]').length === 5);
    const hrefs = await links.evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    assert.deepEqual(hrefs.sort(), certificates.items.map((c) => c.pdf_url).sort());
    const pdf = await context.request.get(hrefs[0]!);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    assert.equal(await results.getByTestId('new-certificate-link').count(), 5);

    // A joint programme led by another provider: LAN sees its part; the lead's tools are absent.
    const partnerCohort = cohorts.items.find((c) => c.myPart === 'partner')!;
    await page.goto(`/penyelenggara/angkatan/${partnerCohort.id}`);
    await page.getByText('Lembaga Anda mitra dalam program ini', { exact: false }).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Selesaikan/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Simpan nilai' }).count(), 0);
    await context.close();
  });

  test('the national admin edits the JP conversion table', async () => {
    const { context, page } = await signedInAs(h, 'national_admin');
    await navLink(page, 'Konversi JP').click();
    await page.getByRole('heading', { level: 1, name: 'Tabel konversi JP' }).waitFor();
    const row = page.locator('[data-testid=conversion][data-form="seminar"]');
    await row.getByLabel('Menit per JP untuk Seminar').fill('60');
    await row.getByLabel('Maks. JP per kegiatan untuk Seminar').fill('2,5');
    assert.equal(await row.getByTestId('example').textContent(), '= 2,5 JP');
    await row.getByRole('button', { name: 'Simpan Seminar' }).click();
    await page.getByText('Konversi Seminar tersimpan.').waitFor();
    const list = await getJson<{ items: { learningForm: string; minutesPerJp: number; maxJpPerActivity: number | null }[] }>(page, '/api/learning/jp-conversions');
    const seminar = list.items.find((c) => c.learningForm === 'seminar')!;
    assert.deepEqual([seminar.minutesPerJp, seminar.maxJpPerActivity], [60, 2.5]);
    // Refused input keeps the button off; the server's own check answers a direct call.
    await row.getByLabel('Menit per JP untuk Seminar').fill('0');
    assert.equal(await row.getByRole('button', { name: 'Simpan Seminar' }).isDisabled(), true);
    const bad = await send(page, 'PUT', '/api/learning/jp-conversions/seminar', { minutesPerJp: 0, maxJpPerActivity: null, selfReportAllowed: true });
    assert.equal(bad.status, 400);
    await context.close();
  });

  test('no page logged an error or asked another host for anything', () => {
    // The one refusal provoked on purpose: the all-or-nothing nomination (409).
    const provoked = /^console error on [^ ]+\/instansi\/nominasi: Failed to load resource: the server responded with a status of 409 /;
    assert.deepEqual(h.problems.filter((p) => !provoked.test(p)), []);
  });
});
