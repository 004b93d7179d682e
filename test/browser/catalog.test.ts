// The catalogue and learning-ecosystem pages in headless Chromium against the real server (demo
// seed): the public catalogue (typo-tolerant search, facets with counts, the joint PKP programme
// and its partners), the provider admin's programme editor (a draft, field errors when
// publishing it incomplete), national accreditation, the LRS page (credentials, the secret shown
// once), and the language switch. Figures are checked against the API.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { skipReason, startHarness, type Harness, getJson, navLink, signedInAs } from './harness.ts';

const ID = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'web', 'src', 'i18n', 'id.json'), 'utf8')) as { partnerRole: Record<string, string>; category: Record<string, string> };

interface Search {
  total: number;
  items: { id: number; code: string }[];
  query: { ignored: string[] };
  facets: Record<string, { value: string; count: number }[]>;
}

describe('catalogue pages in the browser', { skip: skipReason() }, () => {
  let h: Harness;

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });


  test('anyone finds the joint PKP programme despite a typo; its page shows the three partners with their roles', async () => {
    const { context, page } = await h.newPage();
    // The sign-in page leads to the public catalogue.
    await page.goto('/masuk');
    await page.getByRole('link', { name: 'Lihat katalog pembelajaran' }).click();
    await page.waitForURL((url) => url.pathname === '/katalog');
    await page.getByRole('heading', { level: 1, name: 'Katalog pembelajaran' }).waitFor();
    assert.equal(await page.title(), 'Katalog pembelajaran · Kembang');

    const q = 'kepemimpnan pengawas qwzx';
    const api = await getJson<Search>(page, `/api/catalog/search?q=${encodeURIComponent(q)}&pageSize=10`);
    assert.ok(api.items.some((i) => i.code === 'PKP-KOLABORASI'), 'the API finds PKP despite the typo');
    await page.getByRole('searchbox', { name: 'Cari program' }).fill(q);
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.getByTestId('result-count').getByText(`${api.total} program ditemukan`).waitFor();
    await page.waitForURL((url) => url.searchParams.get('q') === q);
    assert.deepEqual(await page.getByTestId('result').evaluateAll((els) => els.map((e) => e.getAttribute('data-code'))), api.items.map((i) => i.code));
    // The word the index does not know is reported as ignored.
    assert.deepEqual(api.query.ignored, ['qwzx']);
    assert.match((await page.getByTestId('ignored-words').textContent()) ?? '', /qwzx/);

    const card = page.locator('[data-testid=result][data-code="PKP-KOLABORASI"]');
    const cardText = (await card.textContent()) ?? '';
    assert.ok(cardText.includes('Lembaga Administrasi Negara (Penyelenggara utama, Tuan rumah)'), cardText);
    assert.ok(cardText.includes('260 JP') && cardText.includes('Terakreditasi A'), cardText);
    await card.getByRole('link', { name: 'Pelatihan Kepemimpinan Pengawas (PKP) Kolaboratif' }).click();
    await page.waitForURL((url) => /^\/katalog\/\d+$/.test(url.pathname));
    await page.getByRole('heading', { level: 1, name: 'Pelatihan Kepemimpinan Pengawas (PKP) Kolaboratif' }).waitFor();

    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const programme = await getJson<{ partners: { code: string; name: string; roles: string[] }[]; offerings: { seats_left: number; capacity: number }[] }>(page, `/api/catalog/programmes/${id}`);
    assert.equal(programme.partners.length, 3);
    await page.getByRole('heading', { level: 2, name: 'Program bersama: 3 mitra' }).waitFor();
    const rows = page.getByTestId('partner');
    assert.equal(await rows.count(), 3);
    for (const partner of programme.partners) {
      const row = page.locator(`[data-testid=partner][data-code="${partner.code}"]`);
      assert.ok(((await row.textContent()) ?? '').includes(partner.name));
      assert.equal(await row.getByTestId('partner-roles').textContent(), partner.roles.map((r) => ID.partnerRole[r]).join(', '));
    }
    // Upcoming cohorts with seats left, and no request button for a visitor.
    const cohorts = page.getByTestId('cohort');
    assert.equal(await cohorts.count(), programme.offerings.length);
    assert.ok(((await cohorts.first().textContent()) ?? '').includes(`${programme.offerings[0].seats_left} tersisa dari ${programme.offerings[0].capacity}`));
    assert.equal(await page.getByRole('button', { name: 'Ajukan pendaftaran' }).count(), 0);
    await context.close();
  });

  test('a facet filter narrows the results to what the API counts', async () => {
    const { context, page } = await h.newPage();
    await page.goto('/katalog');
    const all = await getJson<Search>(page, '/api/catalog/search?pageSize=10');
    await page.getByTestId('result-count').getByText(`${all.total} program ditemukan`).waitFor();
    const facet = all.facets.category.find((f) => f.value === 'managerial')!;
    assert.ok(facet.count > 0 && facet.count < all.total, 'managerial narrows the catalogue');
    const option = page.getByTestId('facet-category').locator('[data-value="managerial"]');
    assert.equal(await option.getAttribute('data-count'), String(facet.count));
    await page.getByRole('checkbox', { name: new RegExp(`^${ID.category.managerial}`) }).check();
    await page.waitForURL((url) => url.searchParams.getAll('category').includes('managerial'));
    const narrowed = await getJson<Search>(page, '/api/catalog/search?category=managerial&pageSize=10');
    assert.equal(narrowed.total, facet.count);
    await page.getByTestId('result-count').getByText(`${narrowed.total} program ditemukan`).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=result]').length === n, narrowed.items.length);
    // Another facet's counts follow the filter: JP buckets add up to the narrowed total.
    const jpCounts = await page.getByTestId('facet-jp').locator('[data-count]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
    assert.equal(jpCounts.reduce((a, b) => a + b, 0), narrowed.total);
    // The filter is in the address: going back shows the whole catalogue again.
    await page.goBack();
    await page.getByTestId('result-count').getByText(`${all.total} program ditemukan`).waitFor();
    await context.close();
  });

  test('the catalogue switches language, and signed-in learners have it in their navigation', async () => {
    const { context, page } = await h.newPage();
    await page.goto('/katalog?q=pengawas');
    const api = await getJson<Search>(page, '/api/catalog/search?q=pengawas&pageSize=10');
    await page.getByTestId('result-count').getByText(`${api.total} program ditemukan`).waitFor();
    await page.getByRole('button', { name: /^EN/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Learning catalogue' }).waitFor();
    await page.getByTestId('result-count').getByText(`Programmes found: ${api.total}`).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByRole('heading', { level: 3, name: 'Supervisor Leadership Training (PKP), joint programme' }).waitFor();
    await page.getByRole('group', { name: 'Category' }).waitFor();
    await page.getByRole('button', { name: /^ID/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Katalog pembelajaran' }).waitFor();
    await context.close();

    const learner = await signedInAs(h, 'learner');
    await navLink(learner.page, 'Katalog pembelajaran').click();
    await learner.page.getByRole('heading', { level: 1, name: 'Katalog pembelajaran' }).waitFor();
    await learner.page.getByTestId('result').first().waitFor();
    await learner.context.close();
  });

  test('a provider admin creates a draft programme and sees the field errors when publishing it incomplete', async () => {
    const { context, page } = await signedInAs(h, 'provider_admin');
    await navLink(page, 'Program pelatihan').click();
    await page.getByRole('heading', { level: 1, name: 'Program pelatihan' }).waitFor();
    await page.getByTestId('programme-list').waitFor();
    await page.getByRole('link', { name: 'Buat program baru' }).click();
    await page.getByRole('heading', { level: 1, name: 'Program baru' }).waitFor();
    await page.getByLabel('Kode program').fill('UJI-BROWSER-1');
    await page.getByLabel('Judul (Indonesia)').fill('Pelatihan Uji Peramban');
    await page.getByLabel('Kategori').selectOption('technical');
    await page.getByLabel('Jam pelajaran (JP)').fill('16');
    await page.getByRole('button', { name: 'Simpan sebagai draf' }).click();
    await page.waitForURL((url) => /^\/penyelenggara\/program\/\d+$/.test(url.pathname));
    await page.getByRole('heading', { level: 1, name: 'Pelatihan Uji Peramban' }).waitFor();
    await page.locator('[data-status=draft]').first().waitFor();

    await page.getByRole('button', { name: 'Terbitkan', exact: true }).click();
    // The missing English title is marked at its field, with the server's message.
    const titleEn = page.getByLabel('Judul (Inggris)');
    await page.waitForFunction(() => document.querySelector('#f-title-en')?.getAttribute('aria-invalid') === 'true');
    assert.equal(await titleEn.getAttribute('aria-describedby'), 'f-title-en-error');
    assert.match((await page.locator('#f-title-en-error').textContent()) ?? '', /required/);
    assert.equal(await page.getByLabel('Deskripsi (Indonesia)').getAttribute('aria-invalid'), 'true');
    assert.match((await page.locator('#f-comp-error').textContent()) ?? '', /competenc/);
    await page.getByRole('alert').filter({ hasText: 'Perbaiki' }).first().waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const saved = await getJson<{ status: string; code: string }>(page, `/api/catalog/manage/programmes/${id}`);
    assert.deepEqual([saved.code, saved.status], ['UJI-BROWSER-1', 'draft']);
    await context.close();
  });

  test('a national admin records an institution accreditation and sees it in the history', async () => {
    const { context, page } = await signedInAs(h, 'national_admin');
    await navLink(page, 'Penyelenggara').click();
    await page.getByRole('heading', { level: 1, name: 'Penyelenggara pelatihan' }).waitFor();
    const row = page.getByTestId('provider-list').locator('tr[data-code="UI"]');
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Universitas Indonesia' }).waitFor();
    const providerId = Number(new URL(page.url()).pathname.split('/').pop());
    const before = await getJson<{ items: unknown[] }>(page, `/api/catalog/providers/${providerId}/accreditations`);

    const form = page.getByTestId('accreditation-form');
    await form.getByLabel('Peringkat').selectOption('A');
    await form.getByLabel('Berlaku sejak').fill('2026-01-01');
    await form.getByLabel('Berlaku sampai').fill('2030-12-31');
    await form.getByLabel('Nomor keputusan').fill('Keputusan Kepala LAN No. 77/K.1/PKP.3/2026');
    await form.getByRole('button', { name: 'Simpan akreditasi' }).click();
    await form.getByText('Keputusan akreditasi tersimpan.').waitFor();
    await page.getByTestId('accreditation-history').getByText('Keputusan Kepala LAN No. 77/K.1/PKP.3/2026').waitFor();
    const after = await getJson<{ items: { decision_number: string; status: string }[] }>(page, `/api/catalog/providers/${providerId}/accreditations`);
    assert.equal(after.items.length, before.items.length + 1);
    assert.equal(after.items[0].decision_number, 'Keputusan Kepala LAN No. 77/K.1/PKP.3/2026');
    await page.locator('.page-head [data-accreditation=valid]').getByText('Terakreditasi A').waitFor();

    // A bad period is refused with the server's message at the field.
    await form.getByLabel('Berlaku sejak').fill('2031-01-01');
    await form.getByLabel('Berlaku sampai').fill('2030-01-01');
    await form.getByLabel('Nomor keputusan').fill('Keputusan salah');
    await form.getByRole('button', { name: 'Simpan akreditasi' }).click();
    await form.getByRole('alert').waitFor();
    await context.close();
  });

  test('the LRS page lists credentials, and a new secret is shown once', async () => {
    const { context, page } = await signedInAs(h, 'provider_admin');
    await navLink(page, 'Rekam belajar (LRS)').click();
    await page.getByRole('heading', { level: 1, name: 'Rekam belajar (LRS)' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Pernyataan' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Belum dipetakan' }).waitFor();
    const before = await getJson<{ items: { name: string }[] }>(page, '/api/lrs/credentials');
    const rows = page.getByTestId('credential');
    if (before.items.length) await rows.first().waitFor();
    else await page.getByText('Belum ada kredensial.').waitFor();
    assert.equal(await rows.count(), before.items.length);

    await page.getByLabel('Nama', { exact: true }).fill('LMS Uji Peramban');
    await page.getByRole('button', { name: 'Buat kredensial' }).click();
    const box = page.getByTestId('new-secret');
    await box.waitFor();
    const secret = ((await page.getByTestId('secret-value').textContent()) ?? '').trim();
    const key = ((await page.getByTestId('new-key').textContent()) ?? '').trim();
    assert.ok(secret.length >= 16, 'a secret is shown');
    await page.locator('[data-testid=credential]', { hasText: 'LMS Uji Peramban' }).waitFor();
    const list = await getJson<{ items: { name: string; key: string }[] }>(page, '/api/lrs/credentials');
    assert.equal(list.items.length, before.items.length + 1);
    assert.ok(list.items.some((c) => c.key === key));
    assert.ok(!JSON.stringify(list).includes(secret), 'the list never carries the secret');
    await box.getByRole('button', { name: 'Sudah saya simpan' }).click();
    await box.waitFor({ state: 'detached' });
    await page.reload();
    await page.locator('[data-testid=credential]', { hasText: 'LMS Uji Peramban' }).waitFor();
    assert.ok(!((await page.content()).includes(secret)), 'the secret is not shown again');
    await context.close();
  });

  test('no console errors or requests to other hosts', () => {
    assert.deepEqual(h.problems, []);
  });
});
