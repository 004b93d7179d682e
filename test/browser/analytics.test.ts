// The dashboards in headless Chromium against the real server (demo seed): the national tile grid
// of the 38 provinces (canvas, text summary, metric switch, table view), a CSV and an XLSX
// download, the agency admin's list of people at risk of missing 20 JP (with paging and NIP),
// the provider's cohorts, and the language switch. Figures are checked against the API.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { skipReason, startHarness, type Harness, getJson, navLink, signedInAs } from './harness.ts';

interface Tile {
  people: number;
  compliancePct: number;
  gap: { required: number; averageGap: number };
}
interface Provinces {
  provinces: (Tile & { code: string; name: string })[];
  central: Tile;
}

describe('dashboards in the browser', { skip: skipReason() }, () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  test('national: the province tile grid, its summary, the metric switch, the table view and the downloads', async () => {
    const { context, page } = await signedInAs(h, 'national_admin');
    await navLink(page, 'Dasbor nasional').click();
    await page.getByRole('heading', { level: 1, name: 'Dasbor nasional' }).waitFor();
    const year = new Date().getFullYear();
    const api = await getJson<Provinces>(page, `/api/analytics/national/provinces?year=${year}`);

    const tiles = page.getByTestId('province-tiles');
    await tiles.locator('canvas').first().waitFor();
    const box = await tiles.locator('canvas').first().boundingBox();
    assert.ok(box && box.width > 600 && box.height > 300, 'the tile grid is drawn');
    assert.equal(await tiles.getByRole('img').getAttribute('aria-label'), `Peta petak provinsi menurut kepatuhan 20 JP tahun ${year}`);
    // the text summary names the province with the lowest compliance, as the API has it
    const withPeople = api.provinces.filter((p) => p.people > 0).sort((a, b) => a.compliancePct - b.compliancePct);
    const summary = (await tiles.locator('.chart-summary').textContent()) ?? '';
    assert.ok(summary.startsWith(`${withPeople[0].name} memiliki kepatuhan terendah`), summary);
    const describedBy = await tiles.getByRole('img').getAttribute('aria-describedby');
    assert.ok(describedBy && (await page.locator(`[id="${describedBy}"]`).textContent())?.includes('kepatuhan terendah'), 'the canvas is described by the summary');

    // by mean gap instead
    await page.getByTestId('metric-gap').click();
    const byGap = api.provinces.filter((p) => p.gap.required > 0).sort((a, b) => b.gap.averageGap - a.gap.averageGap);
    await tiles.locator('.chart-summary', { hasText: `${byGap[0].name} memiliki rata-rata kesenjangan terbesar` }).waitFor();

    // the table view: 38 provinces and the central government
    await tiles.getByRole('button', { name: 'Tabel' }).click();
    const table = page.getByTestId('province-tiles-table');
    await table.waitFor();
    assert.equal(await table.locator('tbody tr').count(), 39);
    const jabar = api.provinces.find((p) => p.code === '32')!;
    const row = table.locator('tbody tr', { has: page.getByRole('rowheader', { name: 'Jawa Barat', exact: true }) });
    assert.equal(await row.locator('td').first().textContent(), new Intl.NumberFormat('id-ID').format(jabar.people));

    // downloads of the panel's table: CSV and XLSX, with Indonesian headers
    const panel = page.getByTestId('panel-provinces');
    const [csv] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('export-csv').click()]);
    assert.equal(csv.suggestedFilename(), `provinsi-${year}.csv`);
    const text = fs.readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    assert.match(lines[0], /^Kode provinsi,Provinsi,Instansi,Pegawai,/);
    assert.equal(lines.length, 40);
    assert.ok(lines.some((l) => l.startsWith(`32,Jawa Barat,`)));
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('panel-heatmap').getByTestId('export-xlsx').click()]);
    assert.equal(xlsx.suggestedFilename(), 'kompetensi-jenis-instansi.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await xlsx.path())!);
    assert.equal(book.worksheets[0].getRow(2).getCell(1).value, 'Kode');
    assert.ok(book.worksheets[0].actualRowCount > 2);

    // the other panels are there, each with a chart or its data
    for (const id of ['kind-heatmap', 'supply-demand', 'providers', 'accreditation']) await page.getByTestId(id).locator('.chart-summary').waitFor();

    // in English
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'National dashboard' }).waitFor();
    await page.getByTestId('province-tiles').getByRole('button', { name: 'Chart' }).click();
    await page.getByTestId('metric-compliance').click();
    assert.ok(((await page.getByTestId('province-tiles').locator('.chart-summary').textContent()) ?? '').includes('has the lowest compliance'));
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await context.close();
  });

  test('agency: the list of people at risk of missing 20 JP, with NIP, paging and a unit filter', async () => {
    const { context, page } = await signedInAs(h, 'agency_admin');
    await navLink(page, 'Dasbor instansi').click();
    await page.getByRole('heading', { level: 1, name: /^Dasbor Pemerintah Provinsi Jawa Barat$/ }).waitFor();
    const me = await getJson<{ grants: { role: string; scopeId: number }[] }>(page, '/api/auth/me');
    const agencyId = me.grants.find((g) => g.role === 'agency_admin')!.scopeId;
    const api = await getJson<{ total: number; items: { id: number; name: string; nip: string }[]; nextAfter: number | null }>(page, `/api/analytics/agencies/${agencyId}/at-risk?limit=50`);
    assert.ok(api.total > 0, 'the demo agency has people at risk');

    const list = page.getByTestId('at-risk-table');
    await list.waitFor();
    await page.getByTestId('at-risk-summary').getByText(`${new Intl.NumberFormat('id-ID').format(api.total)} pegawai berisiko.`).waitFor();
    assert.equal(await list.locator('tbody tr').count(), api.items.length);
    const first = list.locator('tbody tr').first();
    assert.equal(await first.getByRole('rowheader').textContent(), api.items[0].name);
    assert.match((await first.locator('td').first().textContent()) ?? '', /^\d{18}$/);
    if (api.nextAfter !== null) {
      await page.getByTestId('at-risk-more').click();
      await list.locator('tbody tr').nth(api.items.length).waitFor();
    }
    // one unit only
    const units = await getJson<{ items: { id: number; name: string }[] }>(page, `/api/agencies/${agencyId}/units`);
    await page.getByTestId('panel-at-risk').getByLabel('Unit kerja').selectOption(String(units.items[0].id));
    await page.waitForFunction((name) => {
      const cells = [...document.querySelectorAll('[data-testid="at-risk-table"] tbody tr td:nth-child(3)')];
      return cells.length > 0 && cells.every((c) => c.textContent === name);
    }, units.items[0].name);

    // compliance by position tier, as a table
    const compliance = page.getByTestId('panel-agency-compliance');
    await compliance.getByRole('button', { name: 'Per jenjang jabatan' }).click();
    await compliance.getByRole('button', { name: 'Tabel' }).click();
    await page.getByTestId('agency-compliance-table').getByRole('columnheader', { name: 'Jenjang jabatan' }).waitFor();
    await context.close();
  });

  test('provider: the cohorts of the provider, with fill rates', async () => {
    const { context, page } = await signedInAs(h, 'provider_admin');
    await navLink(page, 'Dasbor penyelenggara').click();
    await page.getByRole('heading', { level: 1, name: 'Dasbor Lembaga Administrasi Negara' }).waitFor();
    await page.getByTestId('provider-totals').waitFor();
    await page.getByTestId('panel-cohorts').locator('.chart-summary').waitFor();
    await context.close();
    assert.deepEqual(h.problems, []);
  });
});
