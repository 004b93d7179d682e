// Catalogue search: typos, word forms, Indonesian and English, facets with counts, sorting,
// pages, and the "programmes that develop competency X from a to b" query.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, createTestApp, isProblem, type TestApp } from './helpers.ts';

type Item = { code: string; accreditation: { status: string }; next_offering: { start_date: string } | null; quality: number | null; partners: { code: string }[] };

for (const kind of backends()) {
  describe(`catalogue search (${kind})`, () => {
    let t: TestApp;
    const get = async (query: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/catalog/search?${query}` });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { total: number; items: Item[]; facets: Record<string, { value: string; count: number }[]>; query: { terms: { term: string; matched: string[] }[]; ignored: string[] } };
    };
    const codes = (r: { items: Item[] }) => r.items.map((i) => i.code);
    const facet = (r: { facets: Record<string, { value: string; count: number }[]> }, name: string) => Object.fromEntries(r.facets[name].map((v) => [v.value, v.count]));

    before(async () => {
      t = await createTestApp(kind);
    });
    after(() => t?.close());

    test('is public and shows only published programmes', async () => {
      const all = await get('pageSize=50');
      assert.equal(all.total, 9);
      assert.ok(!codes(all).includes('PKN2-2026'), 'submitted');
      assert.ok(!codes(all).includes('KEU-MANAJEMEN-RISIKO'), 'draft');
      assert.ok(!codes(all).includes('DIKLATPIM-IV-LAMA'), 'archived');
    });

    test('tolerates typos', async () => {
      const r = await get(`q=${encodeURIComponent('kepemimpnan pengawass')}`);
      assert.equal(codes(r)[0], 'PKP-KOLABORASI');
      assert.ok(r.query.terms[0].matched.includes('kepemimpinan'), JSON.stringify(r.query.terms));
      assert.ok(codes(await get('q=anggran')).includes('KEU-ANGGARAN-KINERJA'));
      assert.ok(codes(await get('q=kebijkan')).includes('UI-KEBIJAKAN-BUKTI'));
    });

    test('matches Indonesian word forms and English', async () => {
      // "berlatih" (to train) and "dilatih" (trained) share the stem of "pelatihan" (training)
      for (const word of ['berlatih', 'dilatih']) {
        const forms = await get(`q=${word}&pageSize=50`);
        assert.ok(codes(forms).includes('PKP-KOLABORASI') && codes(forms).includes('LATSAR-JABAR'), `${word}: ${JSON.stringify(codes(forms))}`);
      }
      // "memimpin" (to lead) and "pemimpin" (leader) share a stem
      assert.ok(codes(await get('q=memimpin')).includes('LAN-COACHING-PEMIMPIN'));
      const en = await get(`q=${encodeURIComponent('supervisors leadership')}`);
      assert.equal(codes(en)[0], 'PKP-KOLABORASI');
      assert.ok(codes(await get('q=budgeting')).includes('KEU-ANGGARAN-KINERJA'));
      // competency names and partner names are searchable too
      assert.ok(codes(await get(`q=${encodeURIComponent('mengelola perubahan')}`)).includes('KEPEMIMPINAN-DIGITAL'));
      assert.deepEqual(codes(await get('q=singapore')).sort(), ['PERTUKARAN-SG-ID', 'PKP-KOLABORASI']);
    });

    test('drops words that match nothing, and says so', async () => {
      const r = await get(`q=${encodeURIComponent('kepemimpinan qqxzzv')}`);
      assert.deepEqual(r.query.ignored, ['qqxzzv']);
      assert.ok(r.total >= 2);
      const none = await get('q=qqxzzv');
      assert.equal(none.total, 0);
    });

    test('facets count disjunctively and filter', async () => {
      const r = await get('category=pkp');
      assert.deepEqual(codes(r), ['PKP-KOLABORASI']);
      const categories = facet(r, 'category');
      assert.equal(categories.pkp, 1);
      assert.equal(categories.managerial, 3, 'the category facet ignores its own filter');
      assert.equal(facet(r, 'provider_kind').foreign_government_institute, 1);
      const online = await get('delivery=online');
      assert.ok(codes(online).includes('KEU-ANGGARAN-KINERJA'));
      assert.ok(!codes(online).includes('UI-KEBIJAKAN-BUKTI'), 'offline only');
      assert.ok(codes(await get('province=32')).includes('UI-KEBIJAKAN-BUKTI'));
      assert.deepEqual(codes(await get('competency=SK.01&form=seminar')), ['WAWASAN-KEBANGSAAN']);
      const seats = await get('seatsAvailable=true&pageSize=50');
      assert.ok(!codes(seats).includes('LAN-COACHING-PEMIMPIN'), 'its only cohort is full');
      assert.equal(facet(await get(''), 'seats').available, 8);
      assert.deepEqual(codes(await get('jpMin=200&sort=start')).sort(), ['LATSAR-JABAR', 'PKA-LAN', 'PKP-KOLABORASI']);
      assert.deepEqual(codes(await get('accreditation=expired')), ['LATSAR-JABAR']);
      assert.deepEqual(codes(await get('providerKind=university&pageSize=50')).sort(), ['KEPEMIMPINAN-DIGITAL', 'UI-KEBIJAKAN-BUKTI']);
      const dated = await get(`startFrom=${day(100)}&startTo=${day(130)}`);
      assert.deepEqual(codes(dated).sort(), ['KEU-ANGGARAN-KINERJA', 'PERTUKARAN-SG-ID']);
      assert.equal(facet(await get('q=kepemimpinan'), 'jp')['201+'], 2, 'PKP and PKA');
    });

    test('sorts by relevance, start date and quality; pages', async () => {
      const byQuality = await get('sort=quality&pageSize=50');
      const q = byQuality.items.map((i) => i.quality ?? 0);
      assert.deepEqual(q, [...q].sort((a, b) => b - a));
      assert.equal(codes(byQuality)[0], 'PERTUKARAN-SG-ID');
      const byStart = await get('sort=start&pageSize=50');
      const starts = byStart.items.map((i) => i.next_offering?.start_date ?? '9999');
      assert.deepEqual(starts, [...starts].sort());
      const p1 = await get('pageSize=4&page=1&sort=start');
      const p2 = await get('pageSize=4&page=2&sort=start');
      const p3 = await get('pageSize=4&page=3&sort=start');
      assert.equal(p1.items.length + p2.items.length + p3.items.length, 9);
      assert.equal(new Set([...codes(p1), ...codes(p2), ...codes(p3)]).size, 9);
    });

    test('bad search input is a 400, never a 500', async () => {
      for (const query of ['jpMin=10&jpMax=5', 'startFrom=2030-01-02&startTo=2030-01-01', 'category=pkn3', 'pageSize=1000', 'startFrom=kemarin', 'competency=XX', 'sort=price', `q=${'a'.repeat(300)}`, 'unknown=1']) {
        const res = await t.app.inject({ method: 'GET', url: `/api/catalog/search?${query}` });
        assert.ok(isProblem(res, 400), `${query}: ${res.statusCode} ${res.body}`);
      }
      for (const q of ["'", '":*', '!&|()', 'kepemimpinan & | !', '%_\\', 'ǩęƥēɱɨɱƥɨɳȃɳ']) {
        const res = await t.app.inject({ method: 'GET', url: `/api/catalog/search?q=${encodeURIComponent(q)}` });
        assert.equal(res.statusCode, 200, `${q}: ${res.body}`);
      }
    });

    test('programmes that develop a competency from level a to b', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/catalog/competencies/M.07/programmes?from=2&to=3' });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.competency.name_id, 'Mengelola Perubahan');
      const found = body.items.map((i: { code: string }) => i.code);
      assert.ok(found.includes('PKP-KOLABORASI') && found.includes('KEPEMIMPINAN-DIGITAL'));
      assert.ok(!found.includes('PKA-LAN'), 'PKA develops M.07 from 3, not from 2');
      assert.deepEqual(found[0], 'PKP-KOLABORASI', 'the narrowest range first');
      const res2 = await t.app.inject({ method: 'GET', url: '/api/catalog/competencies/M.07/programmes?from=4&to=3' });
      assert.ok(isProblem(res2, 400));
    });
  });
}

function day(offset: number) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}
