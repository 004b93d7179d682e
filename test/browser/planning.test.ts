// Planning in headless Chromium against the real server (demo seed): the learner sees
// recommendations with their reasons (Indonesian, then English), adds one to the plan of its
// year, submits the plan; the supervisor approves it in the plans-to-approve page, and the
// planned cohort becomes an enrolment request. Figures are checked against the API.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, startHarness, type Harness, getJson, navLink, signedInAs } from './harness.ts';
import { addDays, makeOffering, makeProgramme, today } from '../learning-fixtures.ts';
import { startOffset } from '../planning-fixtures.ts';

process.env.PLANNING_SUPPLY_POLL_MS = '0';

interface Rec {
  programme: { id: number; code: string };
  offering: { id: number; start_date: string } | null;
  reason_text: string;
}

describe('planning pages in the browser', { skip: skipReason() }, () => {
  let h: Harness;
  let code: string;
  let year: number;

  before(async () => {
    h = await startHarness();
    // A programme for the demo learner's gaps (Kerja Sama and Komunikasi at level 1 of 2), online, registration open.
    const db = h.server.database.db;
    const start = startOffset();
    const p = await makeProgramme(db, { competencies: [['M.02', 1, 2], ['M.03', 1, 2]], learningForm: 'e_learning', jp: 12 });
    await db.updateTable('programme').set({ title_id: 'Komunikasi dan Kerja Sama Tim', title_en: 'Communication and Teamwork' }).where('id', '=', p.id).execute();
    await makeOffering(db, p.id, { start, opens: -3, closes: start - 2, capacity: 25 });
    code = p.code;
    // a second one, so that something is still recommended once the first is requested
    const q = await makeProgramme(db, { competencies: [['M.01', 1, 2]], learningForm: 'e_learning', jp: 6 });
    await makeOffering(db, q.id, { start: start + 1, opens: -3, closes: start - 2, capacity: 40 });
    year = Number(addDays(today(), start).slice(0, 4));
  });
  after(async () => {
    await h?.close();
  });

  test('the learner sees recommendations with reasons, builds a plan from one and submits it; the supervisor approves it', async () => {
    const { context, page } = await signedInAs(h, 'learner');
    const me = await getJson<{ civilServantId: number }>(page, '/api/auth/me');
    const api = await getJson<{ items: Rec[] }>(page, `/api/planning/people/${me.civilServantId}/recommendations`);
    const rec = api.items.find((i) => i.programme.code === code);
    assert.ok(rec?.offering, 'the API recommends the fixture cohort');

    await navLink(page, 'Rekomendasi').click();
    await page.getByRole('heading', { level: 1, name: 'Rekomendasi' }).waitFor();
    const item = page.locator(`[data-testid="recommendation"][data-programme="${code}"]`);
    await item.waitFor();
    const reason = (await item.getByTestId('reason').textContent()) ?? '';
    // the page renders the structured reason through its catalogue: the same words as the API's text (dates formatted by the browser)
    const head = rec.reason_text.split('; pendaftaran')[0];
    assert.ok(reason.startsWith(head), `${reason} | ${head}`);
    assert.match(reason, /^Kerja Sama di level 1, jabatan Anda memerlukan 2; Komunikasi di level 1, jabatan Anda memerlukan 2; angkatan ini mengembangkan Kerja Sama dari 1 ke 2 dan Komunikasi dari 1 ke 2; sisa 25 kursi; daring;/);
    assert.equal(await page.locator('[data-testid="recommendation"]').count(), api.items.length);

    // English, from the same data
    await page.getByRole('button', { name: /^EN/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Recommendations' }).waitFor();
    assert.match((await item.getByTestId('reason').textContent()) ?? '', /^Collaboration is at level 1, your position needs 2; Communication is at level 1, your position needs 2; this cohort develops Collaboration from 1 to 2 and Communication from 1 to 2; 25 seats left; online;/);
    await page.getByRole('button', { name: /^ID/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Rekomendasi' }).waitFor();

    // into the plan of the year the cohort starts in
    await item.getByRole('button', { name: 'Tambahkan ke rencana' }).click();
    await page.getByText(`Komunikasi dan Kerja Sama Tim ditambahkan ke rencana ${year}.`).waitFor();
    await item.getByText('Sudah di rencana').waitFor();
    await page.getByRole('link', { name: 'Buka rencana' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rencana pengembangan saya' }).waitFor();
    const plan = page.getByTestId('plan');
    await plan.getByTestId('plan-status').getByText('Draf').waitFor();
    const row = plan.locator(`[data-testid="plan-items"] tr[data-programme="${code}"]`);
    await row.waitFor();
    assert.equal(await row.getByRole('spinbutton').inputValue(), '12');
    await plan.getByTestId('jp-meter').getByText(/12 JP direncanakan, dari hak 20 JP/).waitFor();
    await plan.getByRole('button', { name: 'Ajukan ke atasan' }).click();
    await plan.getByTestId('plan-status').getByText('Diajukan').waitFor();
    assert.equal(await plan.getByRole('button', { name: 'Ajukan ke atasan' }).count(), 0, 'no second submission');
    await context.close();

    // the supervisor
    const sup = await signedInAs(h, 'supervisor');
    const learner = await getJson<{ name: string }>(sup.page, `/api/civil-servants/${me.civilServantId}`);
    await navLink(sup.page, 'Persetujuan rencana').click();
    await sup.page.getByRole('heading', { level: 1, name: 'Persetujuan rencana pengembangan' }).waitFor();
    const card = sup.page.getByTestId('plan-to-decide').filter({ hasText: learner.name });
    await card.locator(`tr[data-programme="${code}"]`).waitFor();
    // returning needs a comment
    await card.getByRole('button', { name: 'Kembalikan' }).click();
    await card.getByText('Tulis catatan untuk mengembalikan rencana.').waitFor();
    await card.getByRole('button', { name: 'Setujui' }).click();
    await sup.page.getByText(`Rencana ${learner.name} disetujui.`).waitFor();
    const decided = await getJson<{ plan: { status: string; items: { programme: { code: string }; state: string; enrolment_id: number | null }[] } }>(sup.page, `/api/planning/people/${me.civilServantId}/plan?year=${year}`);
    assert.equal(decided.plan.status, 'approved');
    const planned = decided.plan.items.find((i) => i.programme.code === code)!;
    assert.equal(planned.state, 'requested', 'registration is open: approval made the enrolment request');
    assert.ok(planned.enrolment_id);

    // the person page shows the report's recommendations to the supervisor
    await sup.page.goto(`/pegawai/${me.civilServantId}`);
    const section = sup.page.getByTestId('person-recommendations');
    await section.getByRole('heading', { name: 'Rekomendasi pengembangan' }).waitFor();
    await section.locator('[data-testid="recommendation"]').first().waitFor();
    assert.match((await section.getByTestId('reason').first().textContent()) ?? '', /jabatannya memerlukan/);
    await sup.context.close();
    assert.deepEqual(h.problems, []);
  });
});
