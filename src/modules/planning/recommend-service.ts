// Recommendations: for one person, the offerings (and programmes without a cohort to join) that
// close most of their competency gaps, eligible, open or upcoming, with seats, nearby or online,
// weighted by the JP they still need this year and by quality (scoring.ts); each with its reason.
// And the reverse: for one offering, the people of an agency who need it most (nominations).
import type { Deps } from '../../context.ts';
import type { Actor } from '../../http/actor.ts';
import { problems } from '../../http/problem.ts';
import { profileWithPlacement } from '../competency/service.ts';
import { peopleNeeding } from '../competency/needs.ts';
import { RANKS, rankIndex } from '../catalog/vocab.ts';
import { todayJakarta } from '../catalog/rules.ts';
import { learnerFactsExtra, learnerFactsOf, programmeHistoryOf, seatsLeftFor } from '../learning/planning-facts.ts';
import { requiredByPosition } from '../learning/rules.ts';
import { planningProblems } from './errors.ts';
import { mayNominateFor } from './policy.ts';
import { provinceName, renderReason, type Lang, type Reason, type ReasonCompetency } from './reasons.ts';
import { jpStillNeeded, matchRanges, registrationState, score, JP_ENTITLEMENT, type Availability, type CompetencyMatch, type PersonGap } from './scoring.ts';
import type { SupplyOffering } from '../catalog/supply.ts';
import { provisionalTop, type Location, type Ranked } from './ranking.ts';
import { supplyIndex, type IndexedProgramme, type SupplyIndex } from './supply-index.ts';

export type { Location } from './ranking.ts';

export const currentYear = () => Number(todayJakarta().slice(0, 4));

/** Plans and recommendations are for this year or the next. */
export function checkYear(year: number, field: string): void {
  const now = currentYear();
  if (!Number.isInteger(year) || year < now || year > now + 1) throw problems.validation([{ field, message: `must be ${now} or ${now + 1} (this year or the next)` }]);
}

interface PersonFacts {
  id: number;
  name: string;
  agencyId: number;
  tier: string | null;
  rank: string;
  status: string;
  provinceCode: string | null;
}

function reasonCompetencies(index: SupplyIndex, matches: CompetencyMatch[]): ReasonCompetency[] {
  return matches.map((m) => ({ code: m.code, ...index.name(m.code), current: m.current, required: m.required, from: m.from, to: m.to, closes: m.closes }));
}

function offeringView(o: SupplyOffering, today: string, seatsLeft: number) {
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    start_date: o.start_date,
    end_date: o.end_date,
    registration_opens: o.registration_opens,
    registration_closes: o.registration_closes,
    registration: registrationState(o, today) as 'open' | 'upcoming',
    seats_left: seatsLeft,
    mode: o.mode,
    province_code: o.province_code,
    province_name: provinceName(o.province_code),
    fee: o.fee,
  };
}

function programmeView(p: IndexedProgramme) {
  return {
    id: p.id,
    code: p.code,
    title_id: p.title_id,
    title_en: p.title_en,
    category: p.category,
    learning_form: p.learning_form,
    jp: p.jp,
    quality: p.quality,
    provider_quality: p.providerQuality,
    provider: p.provider,
  };
}

async function personFacts(deps: Deps, actor: Actor, personId: number, index: SupplyIndex, year: number) {
  // the person under org's visibility filter (out of scope: 404), their gaps, rank and status, and
  // their learning history of the year: one read
  const { profile, placement, row } = await profileWithPlacement(deps, actor, personId, learnerFactsExtra(year));
  const person = profile.person;
  const agency = index.reference.agencies.get(person.agency_id);
  const facts: PersonFacts = {
    id: Number(person.id),
    name: person.name,
    agencyId: person.agency_id,
    tier: person.position_tier ?? null,
    rank: placement.rank,
    status: placement.status,
    provinceCode: agency?.province_code ?? null,
  };
  return { profile, facts, history: learnerFactsOf(row) };
}

/**
 * Seats left for the offerings the answer may show: of each candidate, the first of its nearby
 * offerings (at most six) that has seats is the one offered. Read in rounds — the first two of
 * every candidate, then the rest of those whose first two are full — so that a request reads a
 * third of the offerings or fewer when seats are left; the map covers each candidate's offerings
 * up to the one with seats (or all six).
 */
export type SeatsOf = (deps: Deps, agencyId: number, top: readonly Ranked[]) => Promise<Map<number, number>>;

const SHOWN = 6;
const FIRST_ROUND = 2;

export const seatsByRounds: SeatsOf = async (deps, agencyId, top) => {
  const seats = await seatsLeftFor(deps.db, agencyId, top.flatMap((s) => s.near.slice(0, FIRST_ROUND)));
  const full = top.filter((s) => s.near.length > FIRST_ROUND && !s.near.slice(0, FIRST_ROUND).some((o) => (seats.get(o.id) ?? 0) > 0));
  if (full.length) for (const [id, n] of await seatsLeftFor(deps.db, agencyId, full.flatMap((s) => s.near.slice(FIRST_ROUND, SHOWN)))) seats.set(id, n);
  return seats;
};

export interface RecommendQuery {
  year?: number;
  limit: number;
  location: Location;
  lang: Lang;
}

/**
 * With a year: offerings starting in that year, against the JP still needed in it (what a plan of
 * that year can hold). Without: every offering still taking registrations, against this year's JP.
 * `rank` is the first stage; tests pass the straightforward algorithm (test/planning-oracle.ts) to
 * show the answers are the same.
 */
export async function recommendationsFor(deps: Deps, actor: Actor, personId: number, q: RecommendQuery, rank: typeof provisionalTop = provisionalTop, seatsOf: SeatsOf = seatsByRounds) {
  if (q.year !== undefined) checkYear(q.year, 'querystring.year');
  const year = q.year ?? currentYear();
  const index = await supplyIndex(deps);
  // the person (visibility checked: out of scope is 404) with their learning history, in one statement
  const { profile, facts, history } = await personFacts(deps, actor, personId, index, year);
  const today = todayJakarta();
  const stillNeeded = jpStillNeeded(history.creditedJp);
  const gaps = new Map<string, PersonGap>();
  for (const i of profile.items) if (i.required !== null && (i.gap ?? 0) > 0) gaps.set(i.code, { code: i.code, required: i.required, current: i.current });

  // the best candidates on the person's gap steps (ranking.ts), then seats, live, for their offerings only
  const { excluded, top } = rank(index, {
    gaps,
    done: new Set(history.completedProgrammeIds),
    live: new Set(history.live.map((l) => l.programmeId)),
    person: { tier: facts.tier, rank: facts.rank, status: facts.status, provinceCode: facts.provinceCode },
    stillNeeded,
    year: q.year ?? null,
    location: q.location,
    today,
    keep: q.limit * 2 + 10,
  });
  const seats = await seatsOf(deps, facts.agencyId, top);
  const perspective = actor.civilServantId === facts.id ? 'self' : 'other';
  const ranked = top.map((s) => {
    const chosen = s.near.slice(0, SHOWN).find((o) => (seats.get(o.id) ?? 0) > 0) ?? null;
    const availability: Availability = chosen ? (registrationState(chosen, today) === 'open' ? 'open' : 'upcoming') : 'none';
    const offering = chosen ? offeringView(chosen, today, seats.get(chosen.id) ?? 0) : null;
    return { s, chosen, availability, offering, score: score(s.match.closes, s.weights.jp, s.weights.quality, availability) };
  });
  ranked.sort((a, b) => b.score - a.score || b.s.match.closes - a.s.match.closes || (a.offering?.start_date ?? '9').localeCompare(b.offering?.start_date ?? '9') || a.s.p.id - b.s.p.id);
  // reasons (structured and as text) for the answered items only
  const items = ranked.slice(0, q.limit).map(({ s, chosen, availability, offering, score: itemScore }) => {
    const cohort: Reason['cohort'] = chosen ? 'offering' : s.near.length ? 'full' : s.inYear ? 'elsewhere' : 'none';
    const reason: Reason = {
      perspective,
      competencies: reasonCompetencies(index, s.match.matches),
      programme: { code: s.p.code, category: s.p.category, title_id: s.p.title_id, title_en: s.p.title_en },
      offering: offering && { code: offering.code, startDate: offering.start_date, registration: offering.registration, registrationOpens: offering.registration_opens, registrationCloses: offering.registration_closes, seatsLeft: offering.seats_left, mode: offering.mode, provinceCode: offering.province_code, provinceName: offering.province_name },
      cohort,
      jp: { programme: s.p.jp, stillNeeded },
      quality: s.quality === null ? null : Math.round(s.quality * 100) / 100,
      requiredByPosition: requiredByPosition(facts.tier, s.p.category),
    };
    return {
      kind: chosen ? ('offering' as const) : ('programme' as const),
      score: itemScore,
      closes: s.match.closes,
      weights: { jp: round3(s.weights.jp), quality: round3(s.weights.quality), availability: availabilityWeight(availability) },
      programme: programmeView(s.p),
      offering,
      reason,
      reason_text: renderReason(reason, q.lang),
    };
  });
  return {
    person: { id: facts.id, name: facts.name, agency_id: facts.agencyId, position_tier: facts.tier, province_code: facts.provinceCode },
    year,
    offerings_of_year: q.year ?? null,
    as_of: today,
    lang: q.lang,
    location: q.location,
    jp: { credited: history.creditedJp, entitlement: JP_ENTITLEMENT, still_needed: stillNeeded },
    gaps: [...gaps.values()].map((g) => ({ code: g.code, ...index.name(g.code), current: g.current, required: g.required, gap: g.required - (g.current ?? 0) })),
    excluded: { already_taken: excluded.alreadyTaken, not_eligible: excluded.notEligible },
    items: items.map((item, i) => ({ rank: i + 1, ...item })),
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const availabilityWeight = (a: Availability) => ({ open: 1, upcoming: 0.9, none: 0.6 })[a];

// ---------- people who most need an offering ----------

/** Ranks allowed by a programme's rank range (null: any). */
function ranksBetween(min: string | null, max: string | null): string[] | null {
  if (!min && !max) return null;
  const lo = min ? rankIndex(min) : 0;
  const hi = max ? rankIndex(max) : RANKS.length - 1;
  return RANKS.slice(Math.max(0, lo), hi + 1);
}

export interface CandidateQuery {
  agencyId?: number;
  limit: number;
  lang: Lang;
}

/** The people of an agency whose gaps this offering's programme closes most, eligible and not already in or through it. */
export async function candidatesFor(deps: Deps, actor: Actor, offeringId: number, q: CandidateQuery) {
  const index = await supplyIndex(deps);
  const offering = index.offerings.get(offeringId);
  const today = todayJakarta();
  if (!offering || offering.registration_closes < today) throw problems.notFound('No such offering taking registrations.');
  const p = offering.programme;
  const agencyId = q.agencyId ?? singleAgency(actor);
  if (!mayNominateFor(actor, agencyId)) throw problems.forbidden('You may list candidates of your own agency only.');
  const targets = p.competencies.map((c) => ({ code: c.code, from: c.level_from, to: c.level_to }));
  const { people } = await peopleNeeding(deps, actor, {
    agencyId,
    targets,
    tiers: p.position_tiers.length ? p.position_tiers : null,
    ranks: ranksBetween(p.rank_min, p.rank_max),
    limit: q.limit * 3 + 20,
  });
  const history = await programmeHistoryOf(deps.db, people.map((x) => x.id), [p.id, ...p.prerequisites.map((x) => x.id)]);
  const [seatsLeft] = [...(await seatsLeftFor(deps.db, agencyId, [{ id: offering.id, quotas: offering.quotas }])).values()];
  const excluded = { alreadyTaken: 0, missingPrerequisites: 0 };
  const chosen = [];
  for (const person of people) {
    const h = history.get(person.id)!;
    if (h.completed.has(p.id) || h.live.has(p.id)) {
      excluded.alreadyTaken++;
      continue;
    }
    if (p.prerequisites.some((x) => !h.completed.has(x.id))) {
      excluded.missingPrerequisites++;
      continue;
    }
    chosen.push(person);
    if (chosen.length === q.limit) break;
  }
  const view = offeringView(offering, today, seatsLeft ?? 0);
  return {
    offering: view,
    programme: programmeView(p),
    agency_id: agencyId,
    as_of: today,
    lang: q.lang,
    excluded: { already_taken: excluded.alreadyTaken, missing_prerequisites: excluded.missingPrerequisites },
    people: chosen.map((person, i) => {
      const gaps = new Map(person.cells.map((c) => [c.code, { code: c.code, required: c.required, current: c.current }]));
      const match = matchRanges(gaps, p.competencies);
      const reason: Reason = {
        perspective: 'other',
        competencies: reasonCompetencies(index, match.matches),
        programme: { code: p.code, category: p.category, title_id: p.title_id, title_en: p.title_en },
        offering: { code: view.code, startDate: view.start_date, registration: view.registration, registrationOpens: view.registration_opens, registrationCloses: view.registration_closes, seatsLeft: view.seats_left, mode: view.mode, provinceCode: view.province_code, provinceName: view.province_name },
        cohort: 'offering',
        jp: { programme: p.jp, stillNeeded: 0 },
        quality: null,
        requiredByPosition: requiredByPosition(person.tier, p.category),
      };
      return {
        rank: i + 1,
        person: { id: person.id, name: person.name, rank: person.rank, position_tier: person.tier, position_name: person.position_name, unit_name: person.unit_name },
        closes: person.closed,
        reason,
        reason_text: renderReason(reason, q.lang),
      };
    }),
  };
}

/** The agency an agency admin works for, when they have exactly one. */
function singleAgency(actor: Actor): number {
  const agencies = [...new Set(actor.grants.filter((g) => g.role === 'agency_admin' && g.scopeType === 'agency').map((g) => g.scopeId as number))];
  if (agencies.length === 1) return agencies[0];
  throw planningProblems.invalid('querystring.agencyId', agencies.length ? 'is required: you administer several agencies' : 'is required');
}
