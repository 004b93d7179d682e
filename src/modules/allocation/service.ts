// National allocation runs: a national admin starts a run with what-if parameters (checked, then
// queued: 202), a worker of any instance claims it, reads the inputs, solves in a worker thread
// (optimiser and greedy baseline in the same run), explains every group and writes the result in
// one transaction. A run in which not one seat can be given fails with the reasons (the result
// read answers 422 with them). Agency admins read a finished run's slice of their agency.
import type { Caller, Deps } from '../../context.ts';
import type { Actor } from '../../http/actor.ts';
import { Problem, problems } from '../../http/problem.ts';
import { recordAudit } from '../audit/service.ts';
import { recruitsWithoutLatsar } from '../learning/planning-facts.ts';
import { decodeReason, encodeReason, explainText, type GroupReason, type Lang } from './explain.ts';
import { readInputs, type Inputs } from './inputs.ts';
import { latsarWave } from './latsar.ts';
import { gapPerSeat } from './model.ts';
import { checkParams, type RunParams, type RunParamsInput } from './params.ts';
import { mayRunAllocation, sliceOf } from './policy.ts';
import * as repo from './repository.ts';
import { solveInThread, type ThreadOutput } from './solve-thread.ts';

const WRITERS = 4;
const chunks = <T>(rows: T[], n: number): T[][] => {
  const size = Math.max(1, Math.ceil(rows.length / n));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
};
const thisYear = () => Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Jakarta' }).slice(0, 4));
const rp = (n: number) => `Rp ${Math.round(n).toLocaleString('id-ID')}`;

function actorOf(caller: Caller): Actor {
  if (!caller.actor) throw problems.unauthenticated();
  return caller.actor;
}

export async function startRun(deps: Deps, caller: Caller, input: RunParamsInput) {
  const actor = actorOf(caller);
  if (!mayRunAllocation(actor)) throw problems.forbidden('National admins run the national allocation.');
  const params = await checkParams(deps, input, thisYear());
  const run = await deps.db.transaction().execute(async (tx) => {
    const row = await repo.insertRun(tx, { params, label: params.label, created_by: actor.label });
    await recordAudit(tx, { ...caller, actor }, { action: 'allocation.run_started', entityType: 'allocation_run', entityId: row.id, scopeType: 'national', scopeId: null, after: { params } });
    return row;
  });
  kick(deps);
  return present(run, null);
}

// ---------- the worker ----------

const active = new WeakMap<object, Promise<void>>();

/** The run this instance is processing now, if any (awaited at shutdown). */
export const settle = (deps: Deps): Promise<void> => active.get(deps.db) ?? Promise.resolve();

/** Processes queued runs on this instance until none is left (one at a time per instance); never rejects. */
export function kick(deps: Deps): Promise<void> {
  const running = active.get(deps.db);
  if (running) return running;
  const p = (async () => {
    for (;;) {
      const run = await repo.claimRun(deps.db);
      if (!run) return;
      await processRun(deps, run.id, run.params as RunParams);
    }
  })()
    // the database went away (shutdown): a run left 'running' is claimed again when its lease ends
    .catch(() => {})
    .finally(() => active.delete(deps.db));
  active.set(deps.db, p);
  return p;
}

async function processRun(deps: Deps, id: number, params: RunParams) {
  const t0 = performance.now();
  try {
    await repo.clearResults(deps.db, id); // rows of an earlier attempt whose instance died
    const inputs = await readInputs(deps, params);
    const readMs = performance.now() - t0;
    const refused = emptyProblem(inputs);
    if (refused) return await repo.failRun(deps.db, id, refused);
    await repo.setStage(deps.db, id, 'solving', 0.3);
    const out = await solveInThread(inputs.model);
    if (out.optimiser.seats === 0) return await repo.failRun(deps.db, id, noSeatProblem(inputs, out));
    await repo.setStage(deps.db, id, 'saving', 0.85);
    const latsar = await latsarOf(deps, params, inputs);
    const t1 = performance.now();
    const { groups, assignments } = rowsOf(inputs, out);
    // in parallel chunks (readers see a run's rows only once it is done; a failure removes them)
    await Promise.all([
      ...chunks(groups, WRITERS).map((part) => deps.db.transaction().execute((tx) => repo.writeGroups(tx, id, part))),
      ...chunks(assignments, 2).map((part) => deps.db.transaction().execute((tx) => repo.writeAssignments(tx, id, part))),
    ]);
    await deps.db.transaction().execute((tx) => repo.finishRun(tx, id, summaryOf(inputs, params, out, { readMs, writeMs: 0 }), latsar));
    const writeMs = performance.now() - t1;
    await deps.db.updateTable('allocation_run').set({ summary: JSON.stringify(summaryOf(inputs, params, out, { readMs, writeMs, totalMs: performance.now() - t0 })) }).where('id', '=', id).execute();
  } catch (e) {
    const err = e as Error;
    await repo.clearResults(deps.db, id).catch(() => {});
    await repo.failRun(deps.db, id, { status: 500, type: 'https://kembang.go.id/problems/allocation-failed', title: 'The run failed', detail: err?.message ?? String(e) }).catch(() => {});
  }
}

function problemJson(status: number, type: string, title: string, detail: string, reasons: string[]) {
  return { status, type: `https://kembang.go.id/problems/${type}`, title, detail, reasons };
}

function emptyProblem(inputs: Inputs) {
  if (inputs.model.groups.length === 0) return problemJson(422, 'allocation-infeasible', 'No feasible allocation', 'Nobody has a competency gap: there is nothing to allocate.', ['no-gap']);
  if (!inputs.model.offerings.some((o) => o.seats > 0)) {
    const missing = [...inputs.supplied].filter(([, ok]) => !ok).map(([code]) => `no upcoming offering develops competency ${code}`);
    return problemJson(422, 'allocation-infeasible', 'No feasible allocation', `No upcoming offering has a seat left for the competencies in need: ${missing.slice(0, 12).join('; ') || 'every offering is full'}.`, missing.length ? missing : ['no-seats']);
  }
  return null;
}

function noSeatProblem(inputs: Inputs, out: ThreadOutput) {
  const reasons: string[] = [];
  for (const [code, supplied] of inputs.supplied) if (!supplied) reasons.push(`no upcoming offering develops competency ${code}`);
  const byAgency = new Map<number, GroupReason>();
  out.reasons.forEach((r, i) => {
    if (r.cause === 'budget') byAgency.set(inputs.model.groups[i].agencyId, r);
  });
  for (const [agencyId, r] of byAgency) {
    const a = inputs.agencies.get(agencyId);
    reasons.push(`the budget of agency ${a?.code ?? agencyId} (${rp(r.budget?.total ?? 0)}) is below the fee of any offering that would help its people`);
  }
  const causes = new Set(out.reasons.map((r) => r.cause));
  if (causes.has('travel')) reasons.push('the offerings that would help are held in other provinces and the travel rule is strict');
  if (causes.has('range')) reasons.push('the offerings of the competencies in need do not cover the levels people are at');
  if (causes.has('eligibility')) reasons.push('the offerings that would help are not open to the position tiers in need');
  if (causes.has('capacity')) reasons.push('the offerings that would help are full');
  return problemJson(422, 'allocation-infeasible', 'No feasible allocation', `Not one seat can be allocated: ${reasons.slice(0, 12).join('; ') || 'no offering closes any gap'}.`, reasons);
}

async function latsarOf(deps: Deps, params: RunParams, inputs: Inputs) {
  const fromParams = params.latsar.newCpns;
  const recruits = fromParams ?? (await recruitsWithoutLatsar(deps.db, thisYear())).map((r) => ({ agencyId: r.agency_id, count: r.people }));
  return latsarWave(recruits, (id) => inputs.agencies.get(id)?.province_code ?? null, inputs.latsar, params.latsar.cohortSize, fromParams ? 'parameters' : 'registry');
}

function rowsOf(inputs: Inputs, out: ThreadOutput) {
  const m = inputs.model;
  const per = (list: { group: number; offering: number; seats: number }[]) => {
    const seats = new Int32Array(m.groups.length);
    const gap = new Int32Array(m.groups.length);
    for (const a of list) {
      seats[a.group] += a.seats;
      gap[a.group] += a.seats * gapPerSeat(m, a.group, a.offering);
    }
    return { seats, gap };
  };
  const opt = per(out.optimiser.assignments);
  const gr = per(out.greedy.assignments);
  const groups: repo.GroupRowIn[] = m.groups.map((g, i) => ({
    id: i + 1,
    agency_id: g.agencyId,
    tier: g.tier,
    province_code: g.province,
    competency_code: g.code,
    current_level: g.current,
    required_level: g.required,
    people: g.people,
    seats: opt.seats[i],
    gap_closed: opt.gap[i],
    greedy_seats: gr.seats[i],
    greedy_gap_closed: gr.gap[i],
    reason: encodeReason(out.reasons[i]),
  }));
  const assignments: repo.AssignmentRowIn[] = [];
  for (const [method, list] of [['optimiser', out.optimiser.assignments], ['greedy', out.greedy.assignments]] as const) {
    for (const a of list) {
      const o = m.offerings[a.offering];
      assignments.push({ method, group_id: a.group + 1, agency_id: m.groups[a.group].agencyId, offering_id: o.id, seats: a.seats, gap_closed: a.seats * gapPerSeat(m, a.group, a.offering), cost: a.seats * o.fee });
    }
  }
  return { groups, assignments };
}

function summaryOf(inputs: Inputs, params: RunParams, out: ThreadOutput, t: { readMs: number; writeMs: number; totalMs?: number }) {
  const m = inputs.model;
  const agencies = new Map<number, { agency_id: number; code: string; name: string; budget: number | null; people_with_gap: number; gap_levels: number; optimiser: { seats: number; gap_closed: number; cost: number }; greedy: { seats: number; gap_closed: number; cost: number } }>();
  const row = (id: number) => {
    let r = agencies.get(id);
    if (!r) {
      const a = inputs.agencies.get(id);
      agencies.set(id, (r = { agency_id: id, code: a?.code ?? String(id), name: a?.name ?? '', budget: inputs.budgets.get(id) ?? null, people_with_gap: 0, gap_levels: 0, optimiser: { seats: 0, gap_closed: 0, cost: 0 }, greedy: { seats: 0, gap_closed: 0, cost: 0 } }));
    }
    return r;
  };
  for (const g of m.groups) {
    const r = row(g.agencyId);
    r.people_with_gap += g.people;
    r.gap_levels += g.people * (g.required - g.current);
  }
  for (const [key, list] of [['optimiser', out.optimiser.assignments], ['greedy', out.greedy.assignments]] as const) {
    for (const a of list) {
      const r = row(m.groups[a.group].agencyId)[key];
      const o = m.offerings[a.offering];
      r.seats += a.seats;
      r.gap_closed += a.seats * gapPerSeat(m, a.group, a.offering);
      r.cost += a.seats * o.fee;
    }
  }
  const opt = out.optimiser;
  return {
    as_of: inputs.asOf,
    year: params.year,
    travel: params.travel,
    groups: m.groups.length,
    people_with_gap: m.groups.reduce((n, g) => n + g.people, 0),
    gap_levels: m.groups.reduce((n, g) => n + g.people * (g.required - g.current), 0),
    offerings: m.offerings.length,
    seats_offered: m.offerings.reduce((n, o) => n + o.seats, 0),
    optimiser: { gap_closed: opt.gapClosed, seats: opt.seats, cost: opt.cost, method: opt.method, status: opt.status, bound: Math.round(opt.bound * 100) / 100, pairs: opt.pairs, rows: opt.rows, ms: Math.round(opt.ms), candidates_ms: Math.round(opt.candidatesMs), highs_ms: Math.round(opt.highsMs) },
    greedy: { gap_closed: out.greedy.gapClosed, seats: out.greedy.seats, cost: out.greedy.cost, ms: Math.round(out.greedy.ms) },
    difference: { gap_closed: opt.gapClosed - out.greedy.gapClosed, percent: out.greedy.gapClosed ? Math.round(((opt.gapClosed - out.greedy.gapClosed) / out.greedy.gapClosed) * 10000) / 100 : null },
    optimality_gap: opt.method === 'none' ? null : Math.max(0, Math.round((opt.bound - (params.travel === 'prefer' ? objectiveOf(inputs, out) : opt.gapClosed)) * 100) / 100),
    supply_bound: out.supplyBound,
    timings: { read_ms: Math.round(t.readMs), solve_ms: Math.round(out.threadMs), write_ms: Math.round(t.writeMs), total_ms: t.totalMs === undefined ? null : Math.round(t.totalMs) },
    agencies: [...agencies.values()].sort((a, b) => a.code.localeCompare(b.code)),
  };
}

function objectiveOf(inputs: Inputs, out: ThreadOutput) {
  const m = inputs.model;
  return out.optimiser.assignments.reduce((n, a) => n + a.seats * (gapPerSeat(m, a.group, a.offering) - (m.offerings[a.offering].mode !== 'online' && m.offerings[a.offering].province !== m.groups[a.group].province ? m.travelPenalty : 0)), 0);
}

// ---------- reading ----------

type RunRow = NonNullable<Awaited<ReturnType<typeof repo.findRun>>>;

type Summary = ReturnType<typeof summaryOf>;

function sliceSummary(summary: Summary | null, agencies: number[]) {
  if (!summary) return null;
  const mine = summary.agencies.filter((a) => agencies.includes(a.agency_id));
  const sum = (f: (a: Summary['agencies'][number]) => number) => mine.reduce((n, a) => n + f(a), 0);
  const opt = sum((a) => a.optimiser.gap_closed);
  const gr = sum((a) => a.greedy.gap_closed);
  return {
    as_of: summary.as_of,
    year: summary.year,
    travel: summary.travel,
    people_with_gap: sum((a) => a.people_with_gap),
    gap_levels: sum((a) => a.gap_levels),
    optimiser: { gap_closed: opt, seats: sum((a) => a.optimiser.seats), cost: sum((a) => a.optimiser.cost), method: summary.optimiser.method },
    greedy: { gap_closed: gr, seats: sum((a) => a.greedy.seats), cost: sum((a) => a.greedy.cost) },
    difference: { gap_closed: opt - gr, percent: gr ? Math.round(((opt - gr) / gr) * 10000) / 100 : null },
    agencies: mine,
  };
}

function present(run: RunRow, slice: number[] | null) {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: run.id,
    status: run.status,
    label: run.label,
    stage: run.stage,
    progress: run.progress,
    params: slice ? null : run.params,
    summary: slice ? sliceSummary(run.summary as Summary | null, slice) : run.summary,
    latsar: slice ? null : run.latsar,
    problem: slice ? null : run.problem,
    created_by: run.created_by,
    created_at: run.created_at.toISOString(),
    started_at: iso(run.started_at),
    finished_at: iso(run.finished_at),
    scope: slice ? ('agency' as const) : ('national' as const),
  };
}

/** The run, whole (national admins) or the actor's agency slice of a finished run; others 404. */
async function readable(deps: Deps, actor: Actor, id: number) {
  const run = await repo.findRun(deps.db, id);
  const slice = sliceOf(actor);
  if (!run || (slice && (run.status !== 'done' || slice.length === 0))) throw problems.notFound('No such allocation run.');
  return { run, slice };
}

export async function getRun(deps: Deps, actor: Actor, id: number) {
  const { run, slice } = await readable(deps, actor, id);
  return present(run, slice);
}

export async function listRuns(deps: Deps, actor: Actor, limit: number) {
  const slice = sliceOf(actor);
  const rows = await repo.listRuns(deps.db, limit, slice !== null);
  return { items: rows.map((r) => present(r, slice)) };
}

/** A finished run (409 while it runs; 422 with the reasons when it found no feasible allocation). */
async function finished(deps: Deps, actor: Actor, id: number) {
  const r = await readable(deps, actor, id);
  if (r.run.status === 'failed') {
    const p = r.run.problem as { status: number; type: string; title: string; detail: string; reasons?: string[] };
    throw new Problem(p.status === 422 ? 422 : 409, p.status === 422 ? 'allocation-infeasible' : 'allocation-failed', p.title, p.detail, { errors: (p.reasons ?? []).map((m) => ({ field: 'run', message: m })) });
  }
  if (r.run.status !== 'done') throw new Problem(409, 'allocation-not-ready', 'Not finished yet', `Run ${id} is ${r.run.status}; read it again when it is done.`);
  return r;
}

export interface GroupQuery {
  agencyId?: number;
  competencyCode?: string;
  outcome?: 'served' | 'partly' | 'none';
  lang: Lang;
  limit: number;
  offset: number;
}

export async function listGroups(deps: Deps, actor: Actor, id: number, q: GroupQuery) {
  const { run, slice } = await finished(deps, actor, id);
  let agencies: number[] | null = slice;
  if (q.agencyId !== undefined) {
    if (slice && !slice.includes(q.agencyId)) throw problems.forbidden("You may read your own agency's slice only.");
    agencies = [q.agencyId];
  }
  const f = { agencies, competencyCode: q.competencyCode, outcome: q.outcome };
  const [total, rows] = await Promise.all([repo.countGroups(deps.db, run.id, f), repo.listGroups(deps.db, run.id, f, q.limit, q.offset)]);
  const assignments = await repo.assignmentsOf(deps.db, run.id, rows.map((r) => r.id), 'optimiser');
  const names = await competencyNames(deps);
  return {
    total,
    items: rows.map((r) => {
      const mine = assignments.filter((a) => a.group_id === r.id);
      const name = names.get(r.competency_code) ?? { name_id: null, name_en: null };
      const reason = decodeReason(r.reason as number[]);
      const label = (q.lang === 'en' ? name.name_en ?? name.name_id : name.name_id ?? name.name_en) ?? r.competency_code;
      return {
        id: r.id,
        agency: { id: r.agency_id, code: r.agency_code, name: r.agency_name },
        tier: r.tier,
        province_code: r.province_code,
        competency: { code: r.competency_code, ...name },
        current_level: r.current_level,
        required_level: r.required_level,
        people: r.people,
        seats: r.seats,
        gap_closed: r.gap_closed,
        greedy_seats: r.greedy_seats,
        greedy_gap_closed: r.greedy_gap_closed,
        assignments: mine.map((a) => ({ offering_id: a.offering_id, offering_code: a.offering_code, programme_code: a.programme_code, programme_title: q.lang === 'en' ? a.title_en ?? a.programme_title : a.programme_title, mode: a.mode, province_code: a.province_code, start_date: a.start_date, seats: a.seats, gap_closed: a.gap_closed, cost: Number(a.cost) })),
        reason,
        explanation: explainText(reason, { competency: `${r.competency_code} ${label}`, current: r.current_level, required: r.required_level, people: r.people, seats: r.seats, gap_closed: r.gap_closed, greedy_gap_closed: r.greedy_gap_closed, offerings: mine.map((a) => `${a.programme_code}/${a.offering_code} (${a.seats})`) }, q.lang),
      };
    }),
  };
}

async function competencyNames(deps: Deps) {
  const rows = await deps.db.selectFrom('competency').innerJoin('competency_dictionary_version as v', 'v.id', 'competency.version_id').select(['competency.code', 'competency.name_id', 'competency.name_en', 'v.number']).where('v.status', '=', 'published').orderBy('v.number').execute();
  return new Map(rows.map((r) => [r.code, { name_id: r.name_id as string | null, name_en: r.name_en as string | null }]));
}

/** Two finished runs side by side: totals and per agency (national admins). */
export async function compareRuns(deps: Deps, actor: Actor, a: number, b: number) {
  if (!mayRunAllocation(actor)) throw problems.forbidden('National admins compare runs.');
  const [ra, rb] = await Promise.all([finished(deps, actor, a), finished(deps, actor, b)]);
  const sa = ra.run.summary as Summary;
  const sb = rb.run.summary as Summary;
  const pick = (s: Summary) => ({ optimiser: s.optimiser.gap_closed, greedy: s.greedy.gap_closed, seats: s.optimiser.seats, cost: s.optimiser.cost, seats_offered: s.seats_offered });
  const ids = new Set([...sa.agencies, ...sb.agencies].map((x) => x.agency_id));
  const byId = (s: Summary) => new Map(s.agencies.map((x) => [x.agency_id, x]));
  const ma = byId(sa);
  const mb = byId(sb);
  return {
    a,
    b,
    totals: { a: pick(sa), b: pick(sb), change: { optimiser: sb.optimiser.gap_closed - sa.optimiser.gap_closed, seats: sb.optimiser.seats - sa.optimiser.seats, cost: sb.optimiser.cost - sa.optimiser.cost } },
    agencies: [...ids]
      .map((id) => {
        const x = ma.get(id);
        const y = mb.get(id);
        return { agency_id: id, code: x?.code ?? y?.code ?? '', a: x?.optimiser ?? null, b: y?.optimiser ?? null, change: { gap_closed: (y?.optimiser.gap_closed ?? 0) - (x?.optimiser.gap_closed ?? 0), seats: (y?.optimiser.seats ?? 0) - (x?.optimiser.seats ?? 0) } };
      })
      .filter((r) => r.change.gap_closed !== 0 || r.change.seats !== 0)
      .sort((p, q) => Math.abs(q.change.gap_closed) - Math.abs(p.change.gap_closed) || p.code.localeCompare(q.code)),
  };
}

/** Every group of the actor's slice (for the exports), with its assignments and explanation. */
export async function exportGroups(deps: Deps, actor: Actor, id: number, lang: Lang, agencyId?: number) {
  const first = await listGroups(deps, actor, id, { lang, limit: 1, offset: 0, agencyId });
  const items: Awaited<ReturnType<typeof listGroups>>['items'] = [];
  for (let offset = 0; offset < Math.min(first.total, 100_000); offset += 500) items.push(...(await listGroups(deps, actor, id, { lang, limit: 500, offset, agencyId })).items);
  return { run: await getRun(deps, actor, id), items };
}
