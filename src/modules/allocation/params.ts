// What-if parameters of a run: defaults, and the checks a schema cannot make (agencies and
// offerings that must exist, exactly one selector per extra-seats entry, no agency twice). Every
// error is collected and the run is refused whole (400 naming the fields); nothing is queued.
import type { Deps } from '../../context.ts';
import { problems, type FieldError } from '../../http/problem.ts';
import { regionByCode } from '../org/regions.ts';
import { listAgencies } from '../org/service.ts';
import type { Travel } from './model.ts';

export interface RunParamsInput {
  label?: string;
  year?: number;
  travel?: Travel;
  travelPenalty?: number;
  budgetMultiplier?: number;
  defaultBudget?: number | null;
  budgets?: { agencyId: number; amount: number }[];
  extraSeats?: { offeringId?: number; competencyCode?: string; provinceCode?: string; seats: number }[];
  competencyCodes?: string[];
  candidatesPerOffering?: number;
  latsar?: { cohortSize?: number; newCpns?: { agencyId: number; count: number }[] };
}

export interface RunParams {
  label: string | null;
  year: number | null;
  travel: Travel;
  travelPenalty: number;
  budgetMultiplier: number;
  defaultBudget: number | null;
  budgets: { agencyId: number; amount: number }[];
  extraSeats: { offeringId?: number; competencyCode?: string; provinceCode?: string; seats: number }[];
  competencyCodes: string[] | null;
  candidatesPerOffering: number;
  latsar: { cohortSize: number; newCpns: { agencyId: number; count: number }[] | null };
}

export function withDefaults(p: RunParamsInput): RunParams {
  return {
    label: p.label?.trim() || null,
    year: p.year ?? null,
    travel: p.travel ?? 'prefer',
    travelPenalty: p.travelPenalty ?? 0.5,
    budgetMultiplier: p.budgetMultiplier ?? 1,
    defaultBudget: p.defaultBudget ?? null,
    budgets: p.budgets ?? [],
    extraSeats: p.extraSeats ?? [],
    competencyCodes: p.competencyCodes ?? null,
    candidatesPerOffering: p.candidatesPerOffering ?? 6,
    latsar: { cohortSize: p.latsar?.cohortSize ?? 40, newCpns: p.latsar?.newCpns ?? null },
  };
}

export async function checkParams(deps: Deps, p: RunParamsInput, thisYear: number): Promise<RunParams> {
  const errors: FieldError[] = [];
  if (p.year !== undefined && (p.year < thisYear || p.year > thisYear + 1)) errors.push({ field: 'body.year', message: `must be this year or the next (${thisYear} or ${thisYear + 1})` });
  if (p.travelPenalty !== undefined && p.travel !== undefined && p.travel !== 'prefer' && p.travelPenalty > 0) errors.push({ field: 'body.travelPenalty', message: 'applies only with travel "prefer"' });
  const agencies = new Set((await listAgencies(deps, { limit: 100_000, offset: 0 })).map((a) => a.id));
  const seen = new Set<number>();
  (p.budgets ?? []).forEach((b, i) => {
    if (!agencies.has(b.agencyId)) errors.push({ field: `body.budgets.${i}.agencyId`, message: `there is no agency ${b.agencyId}` });
    else if (seen.has(b.agencyId)) errors.push({ field: `body.budgets.${i}.agencyId`, message: `agency ${b.agencyId} is given twice` });
    seen.add(b.agencyId);
  });
  const seenCpns = new Set<number>();
  (p.latsar?.newCpns ?? []).forEach((b, i) => {
    if (!agencies.has(b.agencyId)) errors.push({ field: `body.latsar.newCpns.${i}.agencyId`, message: `there is no agency ${b.agencyId}` });
    else if (seenCpns.has(b.agencyId)) errors.push({ field: `body.latsar.newCpns.${i}.agencyId`, message: `agency ${b.agencyId} is given twice` });
    seenCpns.add(b.agencyId);
  });
  const offeringIds = (p.extraSeats ?? []).flatMap((e) => (e.offeringId !== undefined ? [e.offeringId] : []));
  const known = offeringIds.length ? new Set((await deps.db.selectFrom('offering').select('id').where('id', 'in', offeringIds).where('status', 'in', ['planned', 'open']).execute()).map((o) => o.id)) : new Set<number>();
  (p.extraSeats ?? []).forEach((e, i) => {
    const selectors = [e.offeringId, e.competencyCode, e.provinceCode].filter((x) => x !== undefined).length;
    if (selectors !== 1) errors.push({ field: `body.extraSeats.${i}`, message: 'give exactly one of offeringId, competencyCode, provinceCode' });
    if (e.offeringId !== undefined && !known.has(e.offeringId)) errors.push({ field: `body.extraSeats.${i}.offeringId`, message: `offering ${e.offeringId} is not a planned or open offering` });
    if (e.provinceCode !== undefined && !regionByCode(e.provinceCode)) errors.push({ field: `body.extraSeats.${i}.provinceCode`, message: `there is no province ${e.provinceCode}` });
  });
  if (errors.length) throw problems.validation(errors);
  return withDefaults(p);
}
