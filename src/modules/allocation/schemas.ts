// TypeBox schemas of the allocation routes. The what-if parameters carry their ranges here; what a
// schema cannot say (an agency or offering that must exist, one selector per extra-seats entry) is
// checked by params.ts before a run is queued.
import { Type, type TSchema } from 'typebox';
import { Nullable } from '../../http/schemas.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Obj = <T extends Record<string, TSchema>>(props: T, description?: string) => Type.Object(props, { additionalProperties: false, ...(description ? { description } : {}) });
const literals = <T extends string>(values: readonly T[], description?: string) => Type.Union(values.map((v) => Type.Literal(v)), description ? { description } : {});
const Money = Type.Number({ minimum: 0, maximum: 1e15 });
const Code = Type.String({ pattern: '^(M\\.[0-9]{2}|SK\\.[0-9]{2}|T\\.[A-Z0-9][A-Z0-9._-]{0,39})$' });
const Province = Type.String({ pattern: '^[0-9]{2}$', description: 'two-digit province code (BPS)' });
export const Lang = literals(['id', 'en'] as const, 'language of the explanations (default: Accept-Language, else Indonesian)');

export const TRAVEL = ['strict', 'prefer', 'any'] as const;

export const RunParamsBody = Obj({
  label: Type.Optional(Type.String({ maxLength: 200 })),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'offerings starting in this year, and the budgets of the agency plans of this year (default: every upcoming offering; budgets of this year)' })),
  travel: Type.Optional(literals(TRAVEL, 'strict: online or in the province of the agency only; prefer (default): travel allowed, each seat that needs it worth travelPenalty levels less; any: no preference')),
  travelPenalty: Type.Optional(Type.Number({ minimum: 0, maximum: 4, description: 'under prefer: gap levels a seat needing travel is worth less (default 0.5)' })),
  budgetMultiplier: Type.Optional(Type.Number({ minimum: 0, maximum: 10, description: 'multiplies every budget (default 1)' })),
  defaultBudget: Type.Optional(Nullable({ ...Money, description: 'budget of an agency without an agency plan for the year (default null: no limit)' })),
  budgets: Type.Optional(Type.Array(Obj({ agencyId: Id, amount: Money }), { maxItems: 1000, description: 'budgets per agency, replacing the agency plan\'s (before the multiplier)' })),
  extraSeats: Type.Optional(
    Type.Array(
      Obj({
        offeringId: Type.Optional(Id),
        competencyCode: Type.Optional(Code),
        provinceCode: Type.Optional(Province),
        seats: Type.Integer({ minimum: 1, maximum: 100_000 }),
      }, 'seats added to one offering, or to every offering that develops a competency, or to every offering held in a province (exactly one selector)'),
      { maxItems: 1000 },
    ),
  ),
  competencyCodes: Type.Optional(Type.Array(Code, { minItems: 1, maxItems: 200, uniqueItems: true, description: 'allocate for these competencies only (default: every competency with a gap)' })),
  candidatesPerOffering: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'groups the optimiser considers per offering × competency (default 6)' })),
  latsar: Type.Optional(Obj({
    cohortSize: Type.Optional(Type.Integer({ minimum: 10, maximum: 200, description: 'seats of one Latsar cohort (default 40)' })),
    newCpns: Type.Optional(Type.Array(Obj({ agencyId: Id, count: Type.Integer({ minimum: 0, maximum: 1_000_000 }) }), { maxItems: 1000, description: 'new CPNS per agency, replacing the registry\'s count' })),
  })),
});

export const RunParams = Obj({ id: Id });
export const CompareParams = Obj({ id: Id, otherId: Id });

export const RunView = Type.Object({
  id: Type.Integer(),
  status: literals(['queued', 'running', 'done', 'failed'] as const),
  label: Nullable(Type.String()),
  stage: Nullable(Type.String()),
  progress: Type.Number(),
  params: Type.Any(),
  summary: Type.Any({ description: 'totals (for an agency admin: their agency\'s slice only)' }),
  latsar: Type.Any(),
  problem: Type.Any({ description: 'why the run failed (a problem: status, type, title, detail, reasons)' }),
  created_by: Type.String(),
  created_at: Type.String(),
  started_at: Nullable(Type.String()),
  finished_at: Nullable(Type.String()),
  scope: literals(['national', 'agency'] as const),
});

export const RunList = Type.Object({ items: Type.Array(RunView) });
export const RunListQuery = Obj({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) });

export const GroupQuery = Obj({
  agencyId: Type.Optional(Id),
  competencyCode: Type.Optional(Code),
  outcome: Type.Optional(literals(['served', 'partly', 'none'] as const)),
  lang: Type.Optional(Lang),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
});

export const GroupList = Type.Object({
  total: Type.Integer(),
  items: Type.Array(Type.Object({
    id: Type.Integer(),
    agency: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
    tier: Type.String(),
    province_code: Nullable(Type.String()),
    competency: Type.Object({ code: Type.String(), name_id: Nullable(Type.String()), name_en: Nullable(Type.String()) }),
    current_level: Type.Integer(),
    required_level: Type.Integer(),
    people: Type.Integer(),
    seats: Type.Integer(),
    gap_closed: Type.Integer(),
    greedy_seats: Type.Integer(),
    greedy_gap_closed: Type.Integer(),
    assignments: Type.Array(Type.Object({ offering_id: Type.Integer(), offering_code: Type.String(), programme_code: Type.String(), programme_title: Type.String(), mode: Type.String(), province_code: Nullable(Type.String()), start_date: Type.String(), seats: Type.Integer(), gap_closed: Type.Integer(), cost: Type.Number() })),
    reason: Type.Any({ description: 'the structured reason (explain.ts)' }),
    explanation: Type.String({ description: 'the reason in words, in the requested language' }),
  })),
});

export const CompareView = Type.Object({
  a: Type.Integer(),
  b: Type.Integer(),
  totals: Type.Any(),
  agencies: Type.Array(Type.Any()),
});
