// The registry and competency pages in headless Chromium against the real server (demo seed):
// the learner's competency profile (radar chart, gap list, history), the supervisor's team
// heatmap, the staff list and person page, the import page (dry run, error report, apply),
// the dictionary editor (edit a draft, publish), the standards editor, the national gap
// summary, and the language switch on these pages. Figures are checked against the API.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, startHarness, type Harness, getJson, navLink, signedInAs } from './harness.ts';


interface ProfileItem {
  code: string;
  name_id: string;
  name_en: string;
  required: number | null;
  current: number | null;
  gap: number | null;
}

describe('registry and competency pages in the browser', { skip: skipReason() }, () => {
  let h: Harness;

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });


  test('a learner sees the radar chart, the gap list, the levels table, the talent box and the history', async () => {
    const { context, page } = await signedInAs(h, 'learner');
    const me = await getJson<{ civilServantId: number }>(page, '/api/auth/me');
    const profile = await getJson<{ items: ProfileItem[]; totals: { required: number; withGap: number; totalGap: number }; talent: { box: number } }>(page, `/api/civil-servants/${me.civilServantId}/profile`);
    const history = await getJson<{ total: number }>(page, `/api/civil-servants/${me.civilServantId}/competency-assessments`);

    // From the home page card to the profile page.
    const card = page.getByTestId('learner-competency');
    await card.getByText(`${profile.totals.withGap} dari ${profile.totals.required} kompetensi`).waitFor();
    await navLink(page, 'Kompetensi saya').click();
    await page.getByRole('heading', { level: 1, name: 'Profil kompetensi saya' }).waitFor();
    assert.equal(await page.title(), 'Profil kompetensi saya · Kembang');

    // The radar chart draws on a canvas (ECharts loaded on demand) and is described in text.
    const radar = page.getByTestId('radar');
    await radar.locator('canvas').first().waitFor();
    const box = await radar.locator('canvas').first().boundingBox();
    assert.ok(box && box.width > 300 && box.height > 300, 'radar canvas has a size');
    assert.equal(await radar.getByRole('img').getAttribute('aria-label'), 'Diagram radar tingkat kompetensi yang dibutuhkan dan saat ini');
    const described = (await radar.locator('.chart-summary').textContent()) ?? '';
    const m01 = profile.items.find((i) => i.code === 'M.01')!;
    assert.ok(described.includes(`Integritas: dibutuhkan ${m01.required}, saat ini ${m01.current ?? 'belum dinilai'}`), described);

    // Gap list: every competency with a gap, largest first, with its levels.
    const gaps = profile.items.filter((i) => (i.gap ?? 0) > 0).sort((a, b) => b.gap! - a.gap! || a.code.localeCompare(b.code));
    assert.ok(gaps.length > 0, 'the demo learner has gaps');
    const items = page.getByTestId('gap-list').locator('li');
    assert.equal(await items.count(), gaps.length);
    assert.deepEqual(await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-code'))), gaps.map((g) => g.code));
    for (const [index, gap] of gaps.entries()) {
      const text = (await items.nth(index).textContent()) ?? '';
      assert.ok(text.includes(gap.name_id), `${gap.code} named`);
      assert.ok(text.includes(`Dibutuhkan tingkat ${gap.required}, saat ini ${gap.current ?? 'belum dinilai'}; kurang ${gap.gap} tingkat.`), text);
    }
    // The never-assessed competency (M.04 in the demo seed) shows as such.
    assert.ok(((await page.getByTestId('gap-list').locator('li[data-code="M.04"]').textContent()) ?? '').includes('belum dinilai'));

    // The chart's table view has the same figures, keyboard-operable.
    const tableButton = radar.getByRole('button', { name: 'Tabel' });
    await tableButton.focus();
    await page.keyboard.press('Enter');
    assert.equal(await tableButton.getAttribute('aria-pressed'), 'true');
    const rows = page.getByTestId('levels-table').locator('tbody tr');
    assert.equal(await rows.count(), profile.items.length);
    for (const [index, item] of profile.items.entries()) {
      const cells = await rows.nth(index).locator('td, th').allTextContents();
      assert.equal(cells[0], item.code);
      assert.equal(cells[1], item.name_id);
      assert.equal(cells[2], String(item.required));
      assert.equal(cells[3], item.current === null ? 'belum dinilai' : String(item.current));
      assert.equal(cells[4], String(item.gap));
    }
    assert.equal(await page.getByTestId('levels-table').locator('caption').textContent(), 'Tingkat kompetensi yang dibutuhkan, saat ini, dan kesenjangannya');

    // Summary figures, talent box and history.
    const stats = await page.getByTestId('profile-summary').locator('.stat-value').allTextContents();
    assert.deepEqual(stats, [String(profile.totals.required), String(profile.totals.withGap), String(profile.totals.totalGap)]);
    assert.match((await page.getByTestId('talent-text').textContent()) ?? '', new RegExp(`^Kotak ${profile.talent.box}:`));
    assert.equal(await page.getByTestId('talent-box').locator('td[aria-current="true"]').textContent(), `${profile.talent.box} (posisi saat ini)`);
    assert.equal(await page.getByTestId('history-table').locator('tbody tr').count(), history.total);
    await context.close();
  });

  test('a supervisor sees the team heatmap and its table; a name opens the person page', async () => {
    const { context, page } = await signedInAs(h, 'supervisor');
    const team = await getJson<{ competencies: { code: string }[]; people: { id: number; name: string; cells: { gap: number | null }[]; totals: { totalGap: number } }[] }>(page, '/api/competency/team-gaps');
    assert.ok(team.people.length >= 5);
    await page.getByTestId('supervisor-team').getByRole('link', { name: 'Lihat kompetensi tim' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kompetensi tim' }).waitFor();

    const heatmap = page.getByTestId('heatmap');
    await heatmap.locator('canvas').first().waitFor();
    assert.ok(((await heatmap.locator('.chart-summary').textContent()) ?? '').startsWith(`${team.people.length} bawahan × ${team.competencies.length} kompetensi`));
    await heatmap.getByRole('button', { name: 'Tabel' }).click();
    const table = page.getByTestId('team-table');
    await table.waitFor();
    assert.equal(await heatmap.locator('canvas').count(), 0, 'the table replaces the chart');
    const rows = table.locator('tbody tr');
    assert.equal(await rows.count(), team.people.length);
    const headers = await table.locator('thead th span[aria-hidden="true"]').allTextContents();
    assert.deepEqual(headers, team.competencies.map((c) => c.code));
    for (const index of [0, team.people.length - 1]) {
      const person = team.people[index];
      const cells = await rows.nth(index).locator('td').allTextContents();
      assert.deepEqual(cells, [...person.cells.map((c) => (c.gap === null ? '—' : String(c.gap))), String(person.totals.totalGap)], person.name);
    }
    // The per-competency roll-up has a chart too.
    await page.getByTestId('team-stats').locator('canvas').first().waitFor();

    const first = team.people[0];
    await rows.first().getByRole('link', { name: first.name }).click();
    await page.getByRole('heading', { level: 1, name: first.name }).waitFor();
    await page.getByTestId('radar').locator('canvas').first().waitFor();
    await context.close();
  });

  test('an agency admin searches staff by name and NIP and opens a person page', async () => {
    const { context, page } = await signedInAs(h, 'agency_admin');
    await navLink(page, 'Pegawai').click();
    await page.getByRole('heading', { level: 1, name: 'Pegawai' }).waitFor();
    const rows = page.locator('main tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 25);
    // Keyset pages: the next 25.
    await page.getByRole('button', { name: 'Muat lebih banyak' }).click();
    await page.waitForFunction(() => document.querySelectorAll('main tbody tr').length === 50);

    const list = await getJson<{ items: { id: number; name: string; nip: string }[] }>(page, '/api/civil-servants?limit=5');
    const target = list.items[3];
    const search = page.getByLabel('Cari nama atau NIP');
    await search.fill(target.nip);
    await page.waitForFunction((nip) => {
      const cells = [...document.querySelectorAll('main tbody tr td.mono')];
      return cells.length === 1 && cells[0].textContent === nip;
    }, target.nip);
    assert.equal(new URL(page.url()).searchParams.get('q'), target.nip, 'the term is kept in the address');
    await search.fill(target.name.split(' ')[0]);
    await page.waitForURL((url) => url.searchParams.get('q') === target.name.split(' ')[0]);
    await page.waitForFunction((name) => {
      const cells = [...document.querySelectorAll('main tbody tr th')];
      return cells.length > 0 && cells.every((c) => c.textContent?.toLowerCase().includes(name.toLowerCase()));
    }, target.name.split(' ')[0]);

    await page.locator('main tbody').getByRole('link', { name: target.name, exact: true }).first().click();
    await page.waitForURL((url) => url.pathname === `/pegawai/${target.id}`);
    await page.getByRole('heading', { level: 1, name: target.name }).waitFor();
    const facts = (await page.getByTestId('person-facts').textContent()) ?? '';
    assert.ok(facts.includes(target.nip) && facts.includes('Pemerintah Provinsi Jawa Barat'));
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'konten', 'focus moved to the page');
    await page.getByTestId('radar').locator('canvas').first().waitFor();
    await page.getByTestId('history-table').waitFor();

    // Back to the same search.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Pegawai' }).waitFor();
    assert.equal(await page.getByLabel('Cari nama atau NIP').inputValue(), target.name.split(' ')[0]);
    // An unknown person is a not-found page, not an error.
    await page.goto('/pegawai/999999999');
    await page.getByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' }).waitFor();
    await context.close();
  });

  test('an agency admin checks an import file, reads the errors, then applies a clean file', async () => {
    const { context, page } = await signedInAs(h, 'agency_admin');
    const exported = await page.evaluate(() => fetch('/api/exports/staff.csv').then((r) => r.text()));
    await page.getByTestId('agency-import').getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Impor data' }).waitFor();
    const apply = page.getByRole('button', { name: 'Terapkan impor' });
    assert.equal(await apply.isDisabled(), true, 'apply waits for a clean dry run');

    // A file with a bad NIP: refused, errors listed by row and column, report downloadable.
    await page.getByLabel('Berkas').setInputFiles({ name: 'salah.csv', mimeType: 'text/csv', buffer: Buffer.from('NIP,NAMA,JENIS_KELAMIN,TANGGAL_LAHIR,TMT_CPNS,GOLONGAN\n123,Budi,1,1980-01-01,2005-01-01,III/a\n') });
    await page.getByRole('button', { name: 'Periksa berkas (uji coba)' }).click();
    const report = page.getByTestId('import-report');
    await report.getByRole('heading', { name: 'Hasil uji coba' }).waitFor();
    assert.deepEqual(await page.getByTestId('import-errors').locator('tbody tr td').allTextContents(), ['2', 'NIP', 'must be exactly 18 digits']);
    const href = await page.getByTestId('errors-download').getAttribute('href');
    const csv = await page.evaluate((url) => fetch(url!).then((r) => r.text()), href);
    assert.match(csv, /NIP/);
    assert.equal(await apply.isDisabled(), true);

    // The agency's own export: valid, nothing changes; then applied.
    await page.getByLabel('Berkas').setInputFiles({ name: 'pegawai.csv', mimeType: 'text/csv', buffer: Buffer.from(exported) });
    await page.getByRole('button', { name: 'Periksa berkas (uji coba)' }).click();
    await report.getByText('Berkas valid.', { exact: false }).waitFor();
    const rows = exported.trim().split('\n').length - 1;
    assert.deepEqual(await report.locator('.stat-value').allTextContents(), [String(rows), '0', '0', String(rows), '0']);
    await apply.click();
    await report.getByRole('heading', { name: 'Hasil impor' }).waitFor();
    await report.getByText('Impor selesai diterapkan.').waitFor();
    const runs = page.getByTestId('import-runs').locator('tbody tr');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="import-runs"] tbody tr').length >= 3);
    assert.match((await runs.first().textContent()) ?? '', /Diterapkan/);
    await context.close();
  });

  test('a national admin edits a draft competency and publishes the version; edits the standards; reads the national gaps', async () => {
    const { context, page } = await signedInAs(h, 'national_admin');
    await navLink(page, 'Kamus kompetensi').click();
    await page.getByRole('heading', { level: 1, name: 'Kamus kompetensi' }).waitFor();
    await page.getByTestId('version-view').waitFor();
    await page.getByRole('button', { name: 'Buat draf baru' }).click();
    await page.getByText('Draf versi 2 dibuat dari versi terbit terakhir.').waitFor();
    const view = page.getByTestId('version-view');
    await page.locator('[data-testid="version-view"][data-status="draft"]').waitFor();

    const item = view.locator('details[data-code="M.08"]');
    await item.locator('summary').click();
    const form = page.getByTestId('competency-form-M.08');
    await form.getByLabel('Nama (Inggris)').fill('Decision-Making');
    await form.getByLabel('Tingkat 5 — Indonesia').fill('Mengambil keputusan strategis berskala nasional dengan mempertimbangkan dampak jangka panjang.');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await form.getByText('Tersimpan.').waitFor();
    const draft = await getJson<{ items: { id: number; number: number; status: string }[] }>(page, '/api/competency/dictionary/versions');
    const v2 = draft.items.find((v) => v.number === 2)!;
    assert.equal(v2.status, 'draft');
    const saved = await getJson<{ competencies: { code: string; name_en: string; levels: { level: number; id: string }[] }[] }>(page, `/api/competency/dictionary/versions/${v2.id}`);
    const m08 = saved.competencies.find((c) => c.code === 'M.08')!;
    assert.equal(m08.name_en, 'Decision-Making');
    assert.match(m08.levels.find((l) => l.level === 5)!.id, /^Mengambil keputusan strategis berskala nasional/);

    // Publishing asks first; cancelling changes nothing.
    await view.getByRole('button', { name: 'Terbitkan versi' }).click();
    const dialog = page.getByRole('dialog', { name: 'Terbitkan versi 2?' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal((await getJson<{ number: number }>(page, '/api/competency/dictionary/current')).number, 1);
    await view.getByRole('button', { name: 'Terbitkan versi' }).click();
    await dialog.getByRole('button', { name: 'Ya, terbitkan' }).click();
    await page.getByText('Versi 2 telah diterbitkan.').waitFor();
    await page.locator('[data-testid="version-view"][data-status="published"]').waitFor();
    const current = await getJson<{ number: number; competencies: { code: string; name_en: string }[] }>(page, '/api/competency/dictionary/current');
    assert.equal(current.number, 2);
    assert.equal(current.competencies.find((c) => c.code === 'M.08')!.name_en, 'Decision-Making');
    assert.equal(await view.locator('textarea').count(), 0, 'a published version is read-only');

    // Standards: one tier row and the validity period.
    await navLink(page, 'Standar kompetensi').click();
    await page.getByRole('heading', { level: 1, name: 'Standar kompetensi' }).waitFor();
    const row = page.locator('tr[data-tier="pengawas"]');
    await row.getByLabel('Pengawas, Integritas').selectOption('4');
    await row.getByRole('button', { name: 'Simpan Pengawas' }).click();
    await row.getByText('Tersimpan.').waitFor();
    const tiers = await getJson<{ tiers: { tier: string; levels: { code: string; level: number }[] }[] }>(page, '/api/competency/tier-standards');
    assert.equal(tiers.tiers.find((x) => x.tier === 'pengawas')!.levels.find((l) => l.code === 'M.01')!.level, 4);
    const validity = page.getByLabel('Masa berlaku (bulan)');
    await validity.fill('0');
    await page.getByRole('button', { name: 'Simpan', exact: true }).first().click();
    await page.getByText('Isi bilangan bulat 1–240.').waitFor();
    await validity.fill('48');
    await page.getByRole('button', { name: 'Simpan', exact: true }).first().click();
    await page.locator('.validity-form').getByText('Tersimpan.').waitFor();
    assert.equal((await getJson<{ validityMonths: number }>(page, '/api/competency/settings')).validityMonths, 48);

    // National gap summary: chart, and a table with every competency.
    await navLink(page, 'Kesenjangan nasional').click();
    await page.getByRole('heading', { level: 1, name: 'Kesenjangan kompetensi nasional' }).waitFor();
    const national = await getJson<{ competencies: { code: string }[]; agencies: unknown[] }>(page, '/api/competency/gaps/national');
    const chart = page.getByTestId('national-chart');
    await chart.locator('canvas').first().waitFor();
    await chart.getByRole('button', { name: 'Tabel' }).click();
    assert.deepEqual(await page.getByTestId('national-chart-table').locator('tbody td.mono').allTextContents(), national.competencies.map((c) => c.code));
    assert.equal(await page.getByTestId('national-agencies').locator('tbody tr').count(), national.agencies.length);
    await context.close();
  });

  test('the language switch translates the competency pages, including names from the dictionary', async () => {
    const { context, page } = await signedInAs(h, 'supervisor');
    await navLink(page, 'Kompetensi saya').click();
    await page.getByRole('heading', { level: 1, name: 'Profil kompetensi saya' }).waitFor();
    await page.getByTestId('gap-list').locator('li').first().waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'My competency profile' }).waitFor();
    assert.equal(await page.title(), 'My competency profile · Kembang');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    const me = await getJson<{ civilServantId: number }>(page, '/api/auth/me');
    const profile = await getJson<{ items: ProfileItem[] }>(page, `/api/civil-servants/${me.civilServantId}/profile`);
    const firstGap = profile.items.filter((i) => (i.gap ?? 0) > 0).sort((a, b) => b.gap! - a.gap! || a.code.localeCompare(b.code))[0];
    const text = (await page.getByTestId('gap-list').locator('li').first().textContent()) ?? '';
    assert.ok(text.includes(firstGap.name_en), `${text} names ${firstGap.name_en}`);
    assert.ok(text.includes(`Level ${firstGap.required} required`));
    await page.getByTestId('radar').getByRole('button', { name: 'Table' }).click();
    assert.deepEqual((await page.getByTestId('levels-table').locator('thead th').allTextContents()).slice(0, 5), ['Code', 'Competency', 'Required', 'Current', 'Gap']);
    await page.getByRole('heading', { level: 2, name: 'Assessment history' }).waitFor();

    await navLink(page, 'My team').click();
    await page.getByRole('heading', { level: 1, name: 'Team competencies' }).waitFor();
    await page.getByTestId('heatmap').locator('canvas').first().waitFor();
    assert.match((await page.getByTestId('heatmap').locator('.chart-summary').textContent()) ?? '', /direct reports × \d+ competencies/);

    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kompetensi tim' }).waitFor();
    await context.close();

    // The national admin's editors in English too.
    const admin = await signedInAs(h, 'national_admin');
    await admin.page.getByRole('button', { name: 'English' }).click();
    await navLink(admin.page, 'Competency dictionary').click();
    await admin.page.getByRole('heading', { level: 1, name: 'Competency dictionary' }).waitFor();
    await navLink(admin.page, 'Competency standards').click();
    await admin.page.getByRole('heading', { level: 1, name: 'Competency standards' }).waitFor();
    await admin.page.getByRole('heading', { level: 2, name: 'Defaults per position tier' }).waitFor();
    await admin.context.close();
  });

  test('no page logged an error, broke the CSP or asked another host for anything', () => {
    // The one 404 provoked on purpose: the API's answer for a person who does not exist.
    const provoked = /^console error on [^ ]+\/pegawai\/999999999: Failed to load resource: the server responded with a status of 404 /;
    assert.deepEqual(h.problems.filter((p) => !provoked.test(p)), []);
  });
});
