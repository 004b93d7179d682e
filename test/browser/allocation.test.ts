// The national allocation page in headless Chromium against the real server (demo seed): the
// national admin starts a run from /alokasi, follows it to the end, reads the summary (the same
// figures as the API: optimiser vs greedy), the groups with their explanations in Indonesian,
// narrows them to one agency, and finds the exports.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, startHarness, type Harness, getJson, navLink, signedInAs } from './harness.ts';

interface RunView { id: number; status: string; summary: { optimiser: { gap_closed: number }; greedy: { gap_closed: number }; agencies: { agency_id: number; code: string; name: string; optimiser: { seats: number } }[] } }

describe('national allocation page in the browser', { skip: skipReason() }, () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  test('a national admin runs an allocation and reads the result, explained, per agency', async () => {
    const { context, page } = await signedInAs(h, 'national_admin');
    await navLink(page, 'Alokasi nasional').click();
    await page.getByRole('heading', { level: 1, name: 'Alokasi kursi nasional' }).waitFor();
    await page.getByLabel('Nama run').fill('uji peramban');
    await page.getByLabel('Aturan perjalanan').selectOption('strict');
    await page.getByRole('button', { name: 'Jalankan', exact: true }).click();
    await page.getByTestId('allocation-summary').waitFor({ timeout: 120_000 });

    const runs = await getJson<{ items: RunView[] }>(page, '/api/allocation/runs');
    const run = runs.items[0];
    assert.equal(run.status, 'done');
    const fmt = (n: number) => new Intl.NumberFormat('id-ID').format(n);
    assert.equal(await page.getByTestId('gap-optimiser').textContent(), fmt(run.summary.optimiser.gap_closed));
    assert.equal(await page.getByTestId('gap-greedy').textContent(), fmt(run.summary.greedy.gap_closed));
    assert.ok(run.summary.optimiser.gap_closed >= run.summary.greedy.gap_closed);

    const rows = page.getByTestId('allocation-groups').locator('tbody tr');
    await rows.first().waitFor();
    assert.match((await rows.first().textContent()) ?? '', /orang di kelompok ini berada di level/);

    // one agency's slice
    const agency = [...run.summary.agencies].sort((a, b) => b.optimiser.seats - a.optimiser.seats)[0];
    await page.getByTestId('allocation-agency-filter').selectOption(String(agency.agency_id));
    await page.waitForFunction((code) => {
      const cells = [...document.querySelectorAll('[data-testid="allocation-groups"] tbody th')];
      return cells.length > 0 && cells.every((c) => c.textContent?.startsWith(`${code} ·`));
    }, agency.code);
    assert.ok(await page.getByRole('link', { name: 'Unduh CSV' }).isVisible());
    assert.ok(await page.getByRole('link', { name: 'Unduh XLSX' }).isVisible());

    // a what-if run (travel allowed), compared with the first
    await page.getByLabel('Aturan perjalanan').selectOption('any');
    await page.getByRole('button', { name: 'Jalankan', exact: true }).click();
    await page.getByRole('heading', { name: `Ringkasan run ${run.id + 1}` }).waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Bandingkan dengan run ini' }).first().click();
    const compare = page.getByTestId('allocation-compare');
    await compare.getByRole('heading', { name: `Perbandingan run ${run.id} dan ${run.id + 1}` }).waitFor();
    const api = await getJson<{ totals: { change: { optimiser: number } } }>(page, `/api/allocation/runs/${run.id}/compare/${run.id + 1}`);
    assert.match((await compare.textContent()) ?? '', new RegExp(`Perubahan kesenjangan tertutup: ${fmt(api.totals.change.optimiser).replace('.', '\\.')}`));
    await context.close();
  });
});
