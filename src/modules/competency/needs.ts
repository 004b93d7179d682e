// Gap reads for planning: an agency's needs (people with gaps by competency × position tier ×
// unit) and the people of an agency who most need what a programme develops. Same gap definition
// and validity cutoff as the profile and the roll-ups (gaps.ts, validity.ts).
import type { Deps } from '../../context.ts';
import type { Actor } from '../../http/actor.ts';
import { problems } from '../../http/problem.ts';
import { compareCodes } from './gaps.ts';
import { gapGroupCounts, peopleByClosedGap, needsByTierAndUnit } from './needs-repository.ts';
import { mayReadAgencyGaps } from './policy.ts';
import * as repo from './repository.ts';
import { todayInIndonesia, validityCutoff } from './validity.ts';

async function cutoffNow(deps: Deps) {
  const months = await repo.validityMonths(deps.db);
  const today = todayInIndonesia();
  return { months, today, cutoff: validityCutoff(today, months) };
}

function requireAgency(actor: Actor, agencyId: number) {
  if (!mayReadAgencyGaps(actor, agencyId)) throw problems.forbidden("You may read your own agency's gaps only.");
}

/** Needs of an agency: per competency × tier × unit, people required, with a gap, and the sum of gaps. */
export async function agencyNeeds(deps: Deps, actor: Actor, agencyId: number) {
  requireAgency(actor, agencyId);
  const { months, today, cutoff } = await cutoffNow(deps);
  const rows = await needsByTierAndUnit(deps.db, agencyId, cutoff);
  const units = await repo.unitsOf(deps.db, agencyId);
  return {
    asOf: today,
    validityMonths: months,
    units,
    rows: rows
      .map((r) => ({ code: r.code, tier: r.tier, unitId: r.unit_id, people: r.people, withGap: r.with_gap, gapSum: r.gap_sum }))
      .sort((a, b) => compareCodes(a.code, b.code) || a.tier.localeCompare(b.tier) || (a.unitId ?? 0) - (b.unitId ?? 0)),
  };
}

export interface NeedingQuery {
  agencyId: number;
  targets: { code: string; from: number; to: number }[];
  /** only these position tiers (null: any) */
  tiers: string[] | null;
  /** only these ranks (null: any) */
  ranks: string[] | null;
  limit: number;
}

/** People of the agency ranked by how much of their gap the targets' level ranges close. */
export async function peopleNeeding(deps: Deps, actor: Actor, q: NeedingQuery) {
  requireAgency(actor, q.agencyId);
  const { today, cutoff } = await cutoffNow(deps);
  const rows = await peopleByClosedGap(deps.db, { ...q, cutoff });
  return { asOf: today, people: rows };
}

/** Every agency's people with a gap, by agency × tier × competency × (current, required) level (for the national allocation). */
export async function nationalGapGroups(deps: Deps) {
  const { today, cutoff } = await cutoffNow(deps);
  return { asOf: today, cutoff, groups: await gapGroupCounts(deps.db, cutoff) };
}
