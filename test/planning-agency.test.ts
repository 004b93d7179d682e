// Agency plans through the real app: needs (consistent with the competency module's gap
// summary), lines and the budget that refuses anything over it (nothing applied), the comparison
// with what was delivered last year, submission to the national institute and its return, scope,
// and the XLSX and PDF exports.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { sql } from 'kysely';
import { asUser, backends, demoEmail, isProblem, login, type Session, type TestApp } from './helpers.ts';
import { as, sessionFor } from './learning-fixtures.ts';
import { buildWorld, createPlanningApp, type World } from './planning-fixtures.ts';

process.env.PLANNING_SUPPLY_POLL_MS = '0';

interface AgencyPlan {
  id: number;
  status: string;
  budget: number;
  cost: number;
  remaining: number;
  seats: number;
  lines: { id: number; programme: { id: number; code: string }; offering: { id: number } | null; seats: number; unit_fee: number; cost: number; target_competencies: { code: string }[]; position_tier: string | null; unit_id: number | null; unit_name: string | null }[];
  needs: { frozen: boolean; rows: { code: string; tier: string; unitId: number | null; people: number; withGap: number; gapSum: number }[] };
  comparison: { lastYear: number; competencies: { code: string; withGap: number; plannedSeats: number; deliveredCompletions: number; deliveredJp: number }[] };
  may: { edit: boolean; submit: boolean; return: boolean };
}

for (const kind of backends()) {
  describe(`agency plans (${kind})`, () => {
    let t: TestApp;
    let w: World;
    let admin: Session;
    let national: Session;
    let plan: AgencyPlan;
    const a = () => asUser(t.app, admin);

    before(async () => {
      t = await createPlanningApp(kind, { workerPollMs: 0 });
      w = await buildWorld(t);
      admin = await login(t.app, demoEmail(t.demo, 'agency_admin'));
      national = await login(t.app, demoEmail(t.demo, 'national_admin'));
      // fees: A 2.5M per seat; a completion of A in the year before the plan's, by someone of the agency
      await t.database.db.updateTable('offering').set({ fee: 2_500_000 }).where('id', '=', w.a.offeringId).execute();
      await sql`insert into learning_record (civil_servant_id, agency_id, year, source, source_ref, programme_id, learning_form, title, completed_on, jp)
                values (${w.supervisorId}, ${w.agencyId}, ${w.year - 1}, 'self_report', ${`agency-fixture:${w.supervisorId}`}, ${w.a.programmeId}, 'e_learning', 'A tahun lalu', ${`${w.year - 1}-06-01`}, 16)`.execute(t.database.db);
    });
    after(() => t?.close());

    test('needs by competency × tier × unit add up to the competency module\'s gap summary', async () => {
      const res = await a()('GET', `/api/planning/agencies/${w.agencyId}/needs?year=${w.year}`);
      assert.equal(res.statusCode, 200, res.body);
      const needs = res.json();
      const summary = (await a()('GET', `/api/agencies/${w.agencyId}/competency-gaps`)).json();
      for (const c of summary.competencies as { code: string; people: number; withGap: number }[]) {
        const rows = (needs.needs.rows as AgencyPlan['needs']['rows']).filter((r) => r.code === c.code);
        assert.equal(rows.reduce((n, r) => n + r.people, 0), c.people, `${c.code} people`);
        assert.equal(rows.reduce((n, r) => n + r.withGap, 0), c.withGap, `${c.code} with a gap`);
      }
      assert.ok((needs.needs.rows as AgencyPlan['needs']['rows']).some((r) => r.code === 'M.08' && r.tier === 'ahli_muda' && r.withGap >= 1));
      const m08 = needs.comparison.competencies.find((c: { code: string }) => c.code === 'M.08');
      assert.deepEqual([m08.deliveredCompletions, m08.deliveredJp], [1, 16]);
      assert.equal(needs.comparison.lastYear, w.year - 1);
    });

    test('a plan with a budget; lines cost fee × seats; anything over the budget is refused and changes nothing', async () => {
      assert.ok(isProblem(await a()('POST', '/api/planning/agency-plans', { agencyId: w.agencyId, year: 2000, budget: 1 }), 400));
      const created = await a()('POST', '/api/planning/agency-plans', { agencyId: w.agencyId, year: w.year, budget: 50_000_000, notes: 'Prioritas: Pengambilan Keputusan' });
      assert.equal(created.statusCode, 201, created.body);
      plan = created.json();
      assert.deepEqual([plan.status, plan.budget, plan.cost, plan.lines.length], ['draft', 50_000_000, 0, 0]);
      assert.ok(isProblem(await a()('POST', '/api/planning/agency-plans', { agencyId: w.agencyId, year: w.year, budget: 1 }), 409));
      const other = (await t.database.db.selectFrom('agency').select('id').where('code', '=', '33').executeTakeFirstOrThrow()).id;
      assert.ok(isProblem(await a()('POST', '/api/planning/agency-plans', { agencyId: other, year: w.year, budget: 1 }), 403));

      const unit = (await t.database.db.selectFrom('unit').select('id').where('agency_id', '=', w.agencyId).orderBy('id').executeTakeFirstOrThrow()).id;
      const line = await a()('POST', `/api/planning/agency-plans/${plan.id}/lines`, { offeringId: w.a.offeringId, seats: 10, positionTier: 'ahli_muda', unitId: unit });
      assert.equal(line.statusCode, 201, line.body);
      plan = line.json().plan;
      assert.deepEqual([plan.cost, plan.remaining, plan.lines[0].unit_fee, plan.lines[0].cost], [25_000_000, 25_000_000, 2_500_000, 25_000_000]);
      assert.deepEqual(plan.lines[0].target_competencies.map((c) => c.code), ['M.08']);
      assert.ok(plan.lines[0].unit_name);

      const noFee = await a()('POST', `/api/planning/agency-plans/${plan.id}/lines`, { programmeId: w.b.programmeId, seats: 10 });
      assert.ok(isProblem(noFee, 400));
      assert.equal(noFee.json().errors[0].field, 'body.unitFee');
      const over = await a()('POST', `/api/planning/agency-plans/${plan.id}/lines`, { programmeId: w.b.programmeId, seats: 10, unitFee: 3_000_000 });
      assert.ok(isProblem(over, 422), over.body);
      assert.match(over.json().type, /over-budget$/);
      assert.match(over.json().detail, /Rp 55\.000\.000.*Rp 5\.000\.000 over its budget of Rp 50\.000\.000/);
      assert.equal(over.json().errors[0].field, 'body.seats');
      const b = await a()('POST', `/api/planning/agency-plans/${plan.id}/lines`, { programmeId: w.b.programmeId, seats: 5, unitFee: 3_000_000, targetCompetencies: ['M.07'] });
      assert.equal(b.statusCode, 201, b.body);
      plan = b.json().plan;
      assert.equal(plan.cost, 40_000_000);
      const bLine = plan.lines.find((l) => l.programme.id === w.b.programmeId)!;
      assert.ok(isProblem(await a()('PATCH', `/api/planning/agency-plans/${plan.id}/lines/${bLine.id}`, { seats: 9 }), 422), 'seats that would cost 52M');
      assert.ok(isProblem(await a()('PATCH', `/api/planning/agency-plans/${plan.id}`, { budget: 39_999_999 }), 422), 'a budget below the cost');
      const unchanged: AgencyPlan = (await a()('GET', `/api/planning/agency-plans/${plan.id}`)).json();
      assert.deepEqual([unchanged.budget, unchanged.cost, unchanged.lines.find((l) => l.id === bLine.id)!.seats], [50_000_000, 40_000_000, 5], 'nothing applied');
      assert.equal((await a()('PATCH', `/api/planning/agency-plans/${plan.id}/lines/${bLine.id}`, { seats: 6 })).json().plan.cost, 43_000_000);

      for (const [body, field] of [[{ programmeId: w.d.programmeId, seats: 1, unitFee: 1, targetCompetencies: ['M.01'] }, 'body.targetCompetencies.0'], [{ programmeId: w.d.programmeId, seats: 1, unitFee: 1, positionTier: 'kaisar' }, 'body.positionTier'], [{ programmeId: w.d.programmeId, seats: 1, unitFee: 1, unitId: 2147483000 }, 'body.unitId'], [{ offeringId: 2147483000, seats: 1 }, 'body.offeringId'], [{ programmeId: w.d.programmeId, seats: 0 }, 'body.seats']] as const) {
        const res = await a()('POST', `/api/planning/agency-plans/${plan.id}/lines`, body);
        assert.ok(res.statusCode === 400 || res.statusCode === 422, `${JSON.stringify(body)}: ${res.statusCode}`);
        assert.ok(res.json().errors.some((e: { field: string }) => e.field === field), `${JSON.stringify(body)} names ${field}: ${res.body}`);
      }
      // the comparison shows the seats planned per competency
      plan = (await a()('GET', `/api/planning/agency-plans/${plan.id}`)).json();
      const m08 = plan.comparison.competencies.find((c) => c.code === 'M.08')!;
      const m07 = plan.comparison.competencies.find((c) => c.code === 'M.07')!;
      assert.deepEqual([m08.plannedSeats, m07.plannedSeats, m08.deliveredCompletions], [10, 6, 1]);
    });

    test('drafts are the agency\'s own; submitting freezes the needs and closes edits; national admins read and return it', async () => {
      const auditor = await login(t.app, demoEmail(t.demo, 'auditor'));
      assert.ok(isProblem(await asUser(t.app, national)('GET', `/api/planning/agency-plans/${plan.id}`), 404), 'a draft is not submitted yet');
      assert.ok(!(await asUser(t.app, national)('GET', '/api/planning/agency-plans')).json().items.some((p: { id: number }) => p.id === plan.id));
      const submitted = await a()('POST', `/api/planning/agency-plans/${plan.id}/submit`);
      assert.equal(submitted.statusCode, 200, submitted.body);
      assert.equal(submitted.json().status, 'submitted');
      assert.equal(submitted.json().needs.frozen, true);
      assert.ok(isProblem(await a()('POST', `/api/planning/agency-plans/${plan.id}/submit`), 409));
      assert.ok(isProblem(await a()('POST', `/api/planning/agency-plans/${plan.id}/lines`, { offeringId: w.a.offeringId, seats: 1 }), 409));
      assert.ok(isProblem(await a()('PATCH', `/api/planning/agency-plans/${plan.id}`, { budget: 60_000_000 }), 409));
      const listed = (await asUser(t.app, national)('GET', `/api/planning/agency-plans?status=submitted&year=${w.year}`)).json().items;
      assert.deepEqual(listed.map((p: { id: number; cost: number; seats: number }) => [p.id, p.cost, p.seats]), [[plan.id, 43_000_000, 16]]);
      assert.equal((await asUser(t.app, auditor)('GET', `/api/planning/agency-plans/${plan.id}`)).statusCode, 200);
      const stranger = await sessionFor(t.database.db, { role: 'agency_admin', scopeType: 'agency', scopeId: (await t.database.db.selectFrom('agency').select('id').where('code', '=', '33').executeTakeFirstOrThrow()).id });
      assert.ok(isProblem(await as(t.app, stranger)('GET', `/api/planning/agency-plans/${plan.id}`), 404));
      assert.ok(isProblem(await as(t.app, stranger)('GET', `/api/planning/agency-plans/${plan.id}/export.pdf`), 404));
      assert.ok(isProblem(await a()('POST', `/api/planning/agency-plans/${plan.id}/return`, { comment: 'x' }), 403));
      const returned = await asUser(t.app, national)('POST', `/api/planning/agency-plans/${plan.id}/return`, { comment: 'Kurangi biaya per kursi program B.' });
      assert.equal(returned.statusCode, 200, returned.body);
      assert.deepEqual([returned.json().status, returned.json().return_comment, returned.json().may.edit], ['returned', 'Kurangi biaya per kursi program B.', false]);
      assert.ok(isProblem(await asUser(t.app, national)('POST', `/api/planning/agency-plans/${plan.id}/return`, { comment: 'lagi' }), 409));
      const again = (await a()('GET', `/api/planning/agency-plans/${plan.id}`)).json();
      assert.deepEqual(again.may, { edit: true, submit: true, return: false });
      assert.equal((await a()('POST', `/api/planning/agency-plans/${plan.id}/submit`)).json().status, 'submitted');
      const actions = (await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'agency_plan').where('entity_id', '=', String(plan.id)).execute()).map((r) => r.action);
      for (const x of ['agency_plan.created', 'agency_plan.line_added', 'agency_plan.line_updated', 'agency_plan.submitted', 'agency_plan.returned']) assert.ok(actions.includes(x), x);
    });

    test('exports: a workbook of the lines, needs and comparison, and a PDF with bilingual headings', async () => {
      const xlsx = await asUser(t.app, national)('GET', `/api/planning/agency-plans/${plan.id}/export.xlsx`);
      assert.equal(xlsx.statusCode, 200);
      assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
      assert.match(String(xlsx.headers['content-disposition']), /attachment; filename="rencana-32-\d{4}\.xlsx"/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      assert.deepEqual(book.worksheets.map((s) => s.name), ['Ringkasan - Summary', 'Program - Programmes', 'Kebutuhan - Needs', 'Perbandingan - Comparison']);
      const lines = book.getWorksheet('Program - Programmes')!;
      assert.equal(lines.getRow(1).getCell(1).value, 'Kode program / Programme code');
      const codes = lines.getColumn(1).values.slice(2) as string[];
      assert.ok(codes.includes(w.a.code) && codes.includes(w.b.code));
      const total = lines.getRow(lines.rowCount);
      assert.deepEqual([total.getCell(1).value, total.getCell(9).value, total.getCell(11).value], ['Jumlah / Total', 16, 43_000_000]);

      const pdf = await a()('GET', `/api/planning/agency-plans/${plan.id}/export.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const doc = await PDFDocument.load(pdf.rawPayload);
      assert.ok(doc.getPageCount() >= 1);
      assert.match(doc.getTitle() ?? '', /Rencana pengembangan kompetensi .* \d{4}/);
      assert.equal(doc.getSubject(), 'Agency competency development plan');
    });
  });
}
