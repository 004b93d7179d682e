// The dashboards: national (provinces, competency × agency kind, supply vs demand, providers,
// accreditation), agency (compliance and gaps by unit and tier, people at risk of missing 20 JP)
// and provider (cohorts). Figures come from the analytics aggregates (repository.ts); names and
// people come from the modules that own them, through their exported service functions.
import type { Kysely } from 'kysely';
import type { Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/actor.ts';
import { problems } from '../../http/problem.ts';
import { cached } from '../competency/cache.ts';
import { compareCodes } from '../competency/gaps.ts';
import { ensureCountsAtToday, getCurrentVersion } from '../competency/service.ts';
import { TIERS } from '../competency/tiers.ts';
import { todayInIndonesia } from '../competency/validity.ts';
import { JP_ENTITLEMENT } from '../learning/rules.ts';
import { regions } from '../org/regions.ts';
import { listUnits } from '../org/registry-service.ts';
import { getAgency, listAgencies, peopleByIds } from '../org/service.ts';
import { accreditationState, addDays, addGap, compliance, daysBetween, emptyGap, gapFigures, isRegional, jpExpectation, pct, round2, weightedQuality, type GapTotals } from './figures.ts';
import { nationalCached } from './cache.ts';
import { mayReadAgency, mayReadNational, mayReadProvider } from './policy.ts';
import * as repo from './repository.ts';

export const AGENCY_KINDS = ['ministry', 'national_agency', 'province', 'regency', 'city'] as const;
export const EXPIRY_WINDOW_DAYS = 90;
const ACCREDITATION_LIST_LIMIT = 200;

const currentYear = () => Number(todayInIndonesia().slice(0, 4));
const yearSpan = (year: number) => ({ from: `${year}-01-01`, to: `${year + 1}-01-01` });

function requireNational(actor: Actor) {
  if (!mayReadNational(actor)) throw problems.forbidden('The national dashboard is for national admins and auditors.');
}

/** Competency names of the current dictionary (cached with the competency module's configuration cache). */
async function competencyNames(deps: Deps): Promise<Map<string, { name_id: string; name_en: string; kind: string }>> {
  return cached(deps.db, 'analytics-competency-names', async () => {
    try {
      const version = await getCurrentVersion(deps);
      return new Map(version.competencies.map((c) => [c.code, { name_id: c.name_id, name_en: c.name_en, kind: c.kind }]));
    } catch {
      return new Map(); // no dictionary published yet: codes only
    }
  });
}

const named = (code: string, names: Map<string, { name_id: string; name_en: string; kind: string }>) => {
  const c = names.get(code);
  return { code, name_id: c?.name_id ?? null, name_en: c?.name_en ?? null, kind: c?.kind ?? null };
};

/**
 * The gap cells are counted at the current-level cutoff; bring it to today (competency's
 * ensureCountsAtToday) at most every few seconds per process rather than on every read.
 */
const countsAtToday = (deps: Deps) => cached(deps.db, 'analytics-counts-at-today', () => ensureCountsAtToday(deps));

/** Every agency with its kind and province (org's list; kept for a few seconds, like the competency configuration). */
async function allAgencies(deps: Deps) {
  return cached(deps.db, 'analytics-agencies', () => listAgencies(deps, { limit: 1_000_000, offset: 0 }));
}

// ---------- national ----------

/** The 38 provinces (and the central government) by 20-JP compliance and by mean gap. */
export async function nationalProvinces(deps: Deps, actor: Actor, year = currentYear()) {
  requireNational(actor);
  return nationalCached(deps.db, deps.config?.analyticsCacheSeconds ?? 0, `provinces:${year}`, () => provinces(deps, year));
}

async function provinces(deps: Deps, year: number) {
  const { today, cutoff } = await countsAtToday(deps);
  const { expected, centi } = jpExpectation(year, today);
  const [agencies, comply, gaps] = await Promise.all([allAgencies(deps), repo.complianceByAgency(deps.db, year, centi), repo.gapByAgency(deps.db)]);
  const tileOf = new Map(agencies.map((a) => [a.id, isRegional(a.kind) && a.province_code ? a.province_code : 'central']));
  const tiles = new Map<string, { agencies: Set<number>; people: number; met: number; onTrack: number; jp: number; gap: GapTotals }>();
  const tile = (key: string) => {
    let t = tiles.get(key);
    if (!t) tiles.set(key, (t = { agencies: new Set(), people: 0, met: 0, onTrack: 0, jp: 0, gap: emptyGap() }));
    return t;
  };
  for (const c of comply) {
    const t = tile(tileOf.get(c.agency_id) ?? 'central');
    t.agencies.add(c.agency_id);
    t.people += c.people;
    t.met += c.met;
    t.onTrack += c.on_track;
    t.jp += c.jp;
  }
  for (const g of gaps) {
    const t = tile(tileOf.get(g.agency_id) ?? 'central');
    t.agencies.add(g.agency_id);
    addGap(t.gap, g);
  }
  const present = (key: string) => {
    const t = tiles.get(key) ?? { agencies: new Set<number>(), people: 0, met: 0, onTrack: 0, jp: 0, gap: emptyGap() };
    return { agencies: t.agencies.size, ...compliance(t.people, t.met, t.onTrack, t.jp), gap: gapFigures(t.gap) };
  };
  return {
    asOf: today,
    cutoff,
    year,
    entitlement: JP_ENTITLEMENT,
    expectedJp: expected,
    provinces: regions().provinces.map((p) => ({ code: p.code, name: p.name, ...present(p.code) })),
    central: present('central'),
  };
}

/** Mean gap per competency × agency kind. */
export async function nationalCompetencies(deps: Deps, actor: Actor) {
  requireNational(actor);
  return nationalCached(deps.db, deps.config?.analyticsCacheSeconds ?? 0, 'competencies', () => competencies(deps));
}

async function competencies(deps: Deps) {
  const { today, cutoff } = await countsAtToday(deps);
  const [agencies, gaps, names] = await Promise.all([allAgencies(deps), repo.gapByAgency(deps.db), competencyNames(deps)]);
  const kindOf = new Map(agencies.map((a) => [a.id, a.kind]));
  const cells = new Map<string, GapTotals>();
  const totals = new Map<string, GapTotals>();
  for (const g of gaps) {
    const kind = kindOf.get(g.agency_id) ?? 'ministry';
    const key = `${g.code}\u0000${kind}`;
    cells.set(key, addGap(cells.get(key) ?? emptyGap(), g));
    totals.set(g.code, addGap(totals.get(g.code) ?? emptyGap(), g));
  }
  const codes = [...totals.keys()].sort(compareCodes);
  return {
    asOf: today,
    cutoff,
    kinds: [...AGENCY_KINDS],
    competencies: codes.map((code) => ({ ...named(code, names), ...gapFigures(totals.get(code)!) })),
    cells: codes.flatMap((code) => AGENCY_KINDS.flatMap((kind) => {
      const c = cells.get(`${code}\u0000${kind}`);
      return c ? [{ code, agencyKind: kind, ...gapFigures(c) }] : [];
    })),
  };
}

/** Seats of upcoming offerings per competency against the people with a gap in it. */
export async function nationalSupplyDemand(deps: Deps, actor: Actor) {
  requireNational(actor);
  return nationalCached(deps.db, deps.config?.analyticsCacheSeconds ?? 0, 'supply-demand', () => supplyDemand(deps));
}

async function supplyDemand(deps: Deps) {
  const { today, cutoff } = await countsAtToday(deps);
  const [supply, gaps, names] = await Promise.all([repo.supplyByCompetency(deps.db, today), repo.gapByAgency(deps.db), competencyNames(deps)]);
  const demand = new Map<string, GapTotals>();
  for (const g of gaps) demand.set(g.code, addGap(demand.get(g.code) ?? emptyGap(), g));
  const seats = new Map(supply.map((s) => [s.code, s]));
  const codes = [...new Set([...demand.keys(), ...seats.keys()])].sort(compareCodes);
  return {
    asOf: today,
    cutoff,
    items: codes.map((code) => {
      const d = demand.get(code) ?? emptyGap();
      const s = seats.get(code);
      return { ...named(code, names), seats: s?.seats ?? 0, offerings: s?.offerings ?? 0, peopleRequired: d.cells, peopleWithGap: d.withGap, seatsPerPersonWithGap: d.withGap ? round2((s?.seats ?? 0) / d.withGap) : null };
    }),
  };
}

/** Per lead provider: fill rate and completion of the year's offerings, reaction mean and quality. */
export async function nationalProviders(deps: Deps, actor: Actor, year = currentYear()) {
  requireNational(actor);
  return nationalCached(deps.db, deps.config?.analyticsCacheSeconds ?? 0, `providers:${year}`, () => providers(deps, year));
}

async function providers(deps: Deps, year: number) {
  const { from, to } = yearSpan(year);
  const [rows, quality] = await Promise.all([repo.providerTotals(deps.db, from, to), repo.programmeQuality(deps.db)]);
  const byProvider = new Map<number, { quality: number; responses: number }[]>();
  for (const q of quality) {
    const list = byProvider.get(q.provider_id);
    if (list) list.push(q);
    else byProvider.set(q.provider_id, [q]);
  }
  return {
    asOf: todayInIndonesia(),
    year,
    items: rows
      .map((r) => ({
        providerId: r.provider_id,
        code: r.code,
        name: r.name,
        kind: r.kind,
        offerings: r.offerings,
        capacity: r.capacity,
        seatsTaken: r.seats_taken,
        fillRatePct: pct(r.seats_taken, r.capacity),
        completed: r.completed,
        completionRatePct: pct(r.completed, r.finished),
        reactions: r.reaction_n,
        reactionMean: r.reaction_n ? round2(r.reaction_sum / r.reaction_n) : null,
        quality: weightedQuality(byProvider.get(r.provider_id) ?? []),
      }))
      .sort((a, b) => b.capacity - a.capacity || a.name.localeCompare(b.name)),
  };
}

/** Accreditation of providers and programmes: expired, expiring within 90 days, valid, none. */
export async function nationalAccreditation(deps: Deps, actor: Actor) {
  requireNational(actor);
  return nationalCached(deps.db, deps.config?.analyticsCacheSeconds ?? 0, 'accreditation', () => accreditation(deps));
}

async function accreditation(deps: Deps) {
  const today = todayInIndonesia();
  const until = addDays(today, EXPIRY_WINDOW_DAYS);
  const [rows, list] = await Promise.all([repo.accreditationCounts(deps.db, today, until), repo.accreditationsToAct(deps.db, today, until, ACCREDITATION_LIST_LIMIT)]);
  const counts = {
    providers: { expired: 0, expiring: 0, valid: 0, none: 0 },
    programmes: { expired: 0, expiring: 0, valid: 0, none: 0 },
  };
  for (const r of rows) counts[r.type === 'provider' ? 'providers' : 'programmes'] = { expired: r.expired, expiring: r.expiring, valid: r.valid, none: r.none };
  const total = rows.reduce((n, r) => n + r.expired + r.expiring, 0);
  return {
    asOf: today,
    windowDays: EXPIRY_WINDOW_DAYS,
    counts,
    total,
    items: list.map((r) => ({ type: r.type, id: r.id, code: r.code, name: r.name, providerName: r.provider_name, grade: r.grade, validTo: r.valid_to!, state: accreditationState(r.valid_to, today, EXPIRY_WINDOW_DAYS) as 'expired' | 'expiring', daysLeft: daysBetween(today, r.valid_to!) })),
  };
}

// ---------- agency ----------

async function readableAgency(deps: Deps, actor: Actor, agencyId: number) {
  const agency = await getAgency(deps, agencyId); // 404 when missing
  if (!mayReadAgency(actor, agencyId)) throw problems.forbidden("You may read your own agency's dashboard only.");
  return { id: agency.id, code: agency.code, name: agency.name, kind: agency.kind, province_code: agency.province_code };
}

async function groupLabels(deps: Deps, agencyId: number, by: 'unit' | 'tier'): Promise<Map<string, { code: string | null; name: string | null }>> {
  if (by === 'tier') return new Map();
  const units = await listUnits(deps, agencyId);
  return new Map(units.map((u) => [String(u.id), { code: u.code, name: u.name }]));
}

const byKey = (by: 'unit' | 'tier') => (a: { key: string; name: string | null }, b: { key: string; name: string | null }) =>
  by === 'tier' ? TIER_ORDER(a.key) - TIER_ORDER(b.key) : a.key === '0' ? 1 : b.key === '0' ? -1 : (a.name ?? '').localeCompare(b.name ?? '');

const TIER_ORDER = (tier: string) => {
  const i = (TIERS as readonly string[]).indexOf(tier);
  return i < 0 ? TIERS.length : i;
};

/** One agency's 20-JP compliance per unit or per position tier. */
export async function agencyCompliance(deps: Deps, actor: Actor, agencyId: number, by: 'unit' | 'tier', year = currentYear()) {
  const agency = await readableAgency(deps, actor, agencyId);
  const today = todayInIndonesia();
  const { expected, centi } = jpExpectation(year, today);
  const [rows, labels] = await Promise.all([repo.complianceByGroup(deps.db, agencyId, by, year, centi), groupLabels(deps, agencyId, by)]);
  const groups = rows
    .map((r) => ({ key: r.key, code: labels.get(r.key)?.code ?? null, name: labels.get(r.key)?.name ?? null, ...compliance(r.people, r.met, r.on_track, r.jp) }))
    .sort(byKey(by));
  const t = rows.reduce((a, r) => ({ people: a.people + r.people, met: a.met + r.met, onTrack: a.onTrack + r.on_track, jp: a.jp + r.jp }), { people: 0, met: 0, onTrack: 0, jp: 0 });
  return { agency, asOf: today, year, by, entitlement: JP_ENTITLEMENT, expectedJp: expected, totals: compliance(t.people, t.met, t.onTrack, t.jp), groups };
}

/** One agency's gaps per unit or per position tier × competency. */
export async function agencyGaps(deps: Deps, actor: Actor, agencyId: number, by: 'unit' | 'tier') {
  const agency = await readableAgency(deps, actor, agencyId);
  const { today, cutoff } = await countsAtToday(deps);
  const [rows, labels, people, names] = await Promise.all([repo.gapByGroup(deps.db, agencyId, by), groupLabels(deps, agencyId, by), repo.peopleWithPosition(deps.db, agencyId, by), competencyNames(deps)]);
  const codes = [...new Set(rows.map((r) => r.code))].sort(compareCodes);
  const groups = new Map<string, { cells: Map<string, GapTotals>; total: GapTotals }>();
  const all = new Map<string, GapTotals>();
  for (const r of rows) {
    const g = groups.get(r.key) ?? { cells: new Map(), total: emptyGap() };
    g.cells.set(r.code, addGap(g.cells.get(r.code) ?? emptyGap(), r));
    addGap(g.total, r);
    groups.set(r.key, g);
    all.set(r.code, addGap(all.get(r.code) ?? emptyGap(), r));
  }
  return {
    agency,
    asOf: today,
    cutoff,
    by,
    competencies: codes.map((code) => ({ ...named(code, names), ...gapFigures(all.get(code)!) })),
    groups: [...groups.entries()]
      .map(([key, g]) => ({
        key,
        code: labels.get(key)?.code ?? null,
        name: labels.get(key)?.name ?? null,
        people: people.get(key) ?? 0,
        ...gapFigures(g.total),
        cells: codes.flatMap((code) => {
          const c = g.cells.get(code);
          return c ? [{ code, ...gapFigures(c) }] : [];
        }),
      }))
      .sort(byKey(by)),
  };
}

/** People of the agency below the pro-rata share of 20 JP this year, by id; names and NIP as org lets the actor see them. */
export async function agencyAtRisk(deps: Deps, actor: Actor, agencyId: number, q: { unitId?: number; limit: number; after?: number }) {
  const agency = await readableAgency(deps, actor, agencyId);
  const today = todayInIndonesia();
  const year = Number(today.slice(0, 4));
  const { expected, centi } = jpExpectation(year, today);
  const below = Math.min(expected, JP_ENTITLEMENT);
  const [rows, totals] = await Promise.all([
    repo.atRisk(deps.db, { agencyId, unitKey: q.unitId === 0 ? 0 : q.unitId, year, belowJp: below, after: q.after ?? 0, limit: q.limit }),
    repo.complianceByGroup(deps.db, agencyId, 'unit', year, centi),
  ]);
  const people = new Map((await peopleByIds(deps, actor, rows.map((r) => r.civil_servant_id))).map((p) => [p.id, p]));
  const scope = q.unitId === undefined ? totals : totals.filter((t) => t.key === String(q.unitId));
  const count = scope.reduce((n, t) => n + t.people - t.met - t.on_track, 0);
  return {
    agency,
    asOf: today,
    year,
    entitlement: JP_ENTITLEMENT,
    expectedJp: expected,
    total: count,
    items: rows.flatMap((r) => {
      const p = people.get(r.civil_servant_id);
      if (!p) return [];
      return [{ id: p.id, nip: p.nip, name: p.name, unitName: p.unit_name, positionName: p.position_name, tier: r.tier || null, jp: round2(r.jp), behindJp: round2(Math.max(0, expected - r.jp)), missingJp: round2(Math.max(0, JP_ENTITLEMENT - r.jp)) }];
    }),
    nextAfter: rows.length === q.limit ? rows[rows.length - 1].civil_servant_id : null,
  };
}

// ---------- provider ----------

/** The provider's cohorts (offerings starting in the year, of programmes it leads or partners in). */
export async function providerCohorts(deps: Deps, actor: Actor, providerId: number, year = currentYear()) {
  const provider = await repo.findProvider(deps.db, providerId);
  if (!provider) throw problems.notFound('No such provider.');
  if (!mayReadProvider(actor, providerId)) throw problems.forbidden("You may read your own provider's dashboard only.");
  const { from, to } = yearSpan(year);
  const rows = await repo.cohortsOf(deps.db, providerId, from, to);
  const mean = (sum: number, count: number) => (count ? round2(sum / count) : null);
  const items = rows.map((r) => {
    const finished = r.completed + r.not_completed + r.no_show;
    return {
      offeringId: r.offering_id,
      code: r.code,
      programmeId: r.programme_id,
      programmeCode: r.programme_code,
      titleId: r.title_id,
      titleEn: r.title_en,
      role: r.lead ? ('lead' as const) : ('partner' as const),
      startDate: r.start_date,
      endDate: r.end_date,
      status: r.status,
      capacity: r.capacity,
      seatsTaken: r.seats_taken,
      fillRatePct: pct(r.seats_taken, r.capacity),
      enrolments: r.requested + r.approved + r.enrolled + r.waitlisted + r.completed + r.not_completed + r.withdrawn + r.no_show + r.rejected,
      enrolled: r.enrolled,
      waitlisted: r.waitlisted,
      completed: r.completed,
      notCompleted: r.not_completed,
      noShow: r.no_show,
      withdrawn: r.withdrawn,
      completionRatePct: pct(r.completed, finished),
      reactions: r.reaction_n,
      reactionMean: mean(r.reaction_sum, r.reaction_n),
      preMean: mean(r.pre_sum, r.pre_n),
      postMean: mean(r.post_sum, r.post_n),
      followUps: r.follow_n,
      followUpMean: mean(r.follow_sum, r.follow_n),
    };
  });
  const sum = (k: 'capacity' | 'seatsTaken' | 'completed' | 'enrolments' | 'reactions') => items.reduce((a, i) => a + i[k], 0);
  const finished = rows.reduce((a, r) => a + r.completed + r.not_completed + r.no_show, 0);
  const reactionSum = rows.reduce((a, r) => a + r.reaction_sum, 0);
  return {
    provider: { id: provider.id, code: provider.code, name: provider.name, kind: provider.kind },
    asOf: todayInIndonesia(),
    year,
    totals: { offerings: items.length, capacity: sum('capacity'), seatsTaken: sum('seatsTaken'), fillRatePct: pct(sum('seatsTaken'), sum('capacity')), enrolments: sum('enrolments'), completed: sum('completed'), completionRatePct: pct(sum('completed'), finished), reactions: sum('reactions'), reactionMean: mean(reactionSum, sum('reactions')) },
    items,
  };
}

// ---------- upkeep ----------

/** Folds the pending deltas into the counters (reads are exact either way; this keeps the logs short). */
export async function foldAnalytics(db: Kysely<DB>): Promise<number> {
  return repo.fold(db);
}

