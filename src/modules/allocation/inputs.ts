// The allocation's input, read from the other modules: groups of people with a gap (competency
// module, from the maintained counts), the catalogue's upcoming offerings with seats left, budgets
// (agency plans of the year, or the run's parameters), then the what-if changes applied.
import type { Deps } from '../../context.ts';
import { catalogueSupply, offeringSeatsLeft } from '../catalog/supply.ts';
import { nationalGapGroups } from '../competency/needs.ts';
import { listAgencies } from '../org/service.ts';
import { budgetsOfYear } from '../planning/repository.ts';
import type { ModelGroup, ModelInput, ModelOffering } from './model.ts';
import type { RunParams } from './params.ts';

export interface OfferingMeta {
  id: number;
  code: string;
  programmeId: number;
  programmeCode: string;
  title_id: string;
  title_en: string | null;
  category: string;
  startDate: string;
}

export interface Inputs {
  model: ModelInput;
  offerings: OfferingMeta[];
  agencies: Map<number, { code: string; name: string; province_code: string | null }>;
  /** budgets before the run: agencyId → rupiah (agencies absent: no limit) */
  budgets: Map<number, number>;
  /** competency codes with a gap, and whether any upcoming offering develops each */
  supplied: Map<string, boolean>;
  /** Latsar programmes' upcoming offerings (for the new-recruit wave) */
  latsar: ModelOffering[];
  asOf: string;
}

function today(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Jakarta' });
}

export async function readInputs(deps: Deps, p: RunParams): Promise<Inputs> {
  const now = today();
  // the gap groups (the long read), the catalogue and the budgets side by side
  const [agencyRows, gaps, supply, planned] = await Promise.all([
    listAgencies(deps, { limit: 100_000, offset: 0 }),
    nationalGapGroups(deps),
    catalogueSupply(deps.db, 'all'),
    budgetsOfYear(deps.db, p.year ?? Number(now.slice(0, 4))),
  ]);
  const agencies = new Map(agencyRows.map((a) => [a.id, { code: a.code, name: a.name, province_code: a.province_code }]));
  const only = p.competencyCodes ? new Set(p.competencyCodes) : null;
  const groups: ModelGroup[] = gaps.groups.filter((g) => !only || only.has(g.code)).map((g) => ({ agencyId: g.agency_id, tier: g.tier, province: agencies.get(g.agency_id)?.province_code ?? null, code: g.code, current: g.current, required: g.required, people: g.people }));

  const chosen = supply.flatMap((prog) => prog.offerings.filter((o) => (p.year === null || o.start_date.startsWith(`${p.year}-`))).map((o) => ({ prog, o })));
  const left = await offeringSeatsLeft(deps.db, chosen.map((c) => c.o.id));
  const extraFor = (o: (typeof chosen)[number]) =>
    p.extraSeats.reduce((n, e) => {
      if (e.offeringId !== undefined) return n + (e.offeringId === o.o.id ? e.seats : 0);
      if (e.competencyCode !== undefined) return n + (o.prog.competencies.some((c) => c.code === e.competencyCode) ? e.seats : 0);
      if (e.provinceCode !== undefined) return n + (o.o.mode !== 'online' && o.o.province_code === e.provinceCode ? e.seats : 0);
      return n;
    }, 0);
  const toModel = (c: (typeof chosen)[number]): ModelOffering => ({
    id: c.o.id,
    tiers: c.prog.position_tiers,
    competencies: c.prog.competencies.filter((x) => !only || c.prog.category === 'latsar' || only.has(x.code)).map((x) => ({ code: x.code, from: x.level_from, to: x.level_to })),
    mode: c.o.mode,
    province: c.o.province_code,
    fee: c.o.fee,
    seats: (left.get(c.o.id) ?? 0) + extraFor(c),
    quotas: c.o.quotas.map((q) => ({ agencyId: q.agency_id, seats: q.seats })),
  });
  const gapOfferings = chosen.filter((c) => c.prog.category !== 'latsar' && (!only || c.prog.competencies.some((x) => only.has(x.code))));
  const offerings = gapOfferings.map(toModel);
  const latsar = chosen.filter((c) => c.prog.category === 'latsar').map(toModel);

  const budgets = new Map<number, number>();
  const explicit = new Map(p.budgets.map((b) => [b.agencyId, b.amount]));
  for (const id of agencies.keys()) {
    const base = explicit.get(id) ?? planned.get(id) ?? p.defaultBudget;
    if (base !== null && base !== undefined) budgets.set(id, base * p.budgetMultiplier);
  }
  const developed = new Set(offerings.flatMap((o) => (o.seats > 0 ? o.competencies.map((c) => c.code) : [])));
  const supplied = new Map([...new Set(groups.map((g) => g.code))].map((code) => [code, developed.has(code)]));
  return {
    model: { groups, offerings, budgets: [...budgets], travel: p.travel, travelPenalty: p.travel === 'prefer' ? p.travelPenalty : 0, candidatesPerOffering: p.candidatesPerOffering, exactPairs: 20_000, timeLimitSeconds: 50 },
    offerings: gapOfferings.map((c) => ({ id: c.o.id, code: c.o.code, programmeId: c.prog.id, programmeCode: c.prog.code, title_id: c.prog.title_id, title_en: c.prog.title_en, category: c.prog.category, startDate: c.o.start_date })),
    agencies,
    budgets,
    supplied,
    latsar,
    asOf: gaps.asOf,
  };
}
