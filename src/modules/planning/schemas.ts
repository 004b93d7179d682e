// TypeBox schemas of the planning routes.
import { Type, type TSchema } from 'typebox';
import { Nullable } from '../../http/schemas.ts';
import { TIERS } from '../competency/tiers.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Year = Type.Integer({ minimum: 2000, maximum: 2100, description: 'this year or the next' });
const Code = Type.String({ pattern: '^(M\\.[0-9]{2}|SK\\.[0-9]{2}|T\\.[A-Z0-9][A-Z0-9._-]{0,39})$' });
const Text = (max: number) => Type.String({ maxLength: max });
const literals = <T extends string>(values: readonly T[], description?: string) => Type.Union(values.map((v) => Type.Literal(v)), description ? { description } : {});
const Obj = <T extends Record<string, TSchema>>(props: T) => Type.Object(props, { additionalProperties: false });
const Lang = literals(['id', 'en'] as const, 'language of reason_text (default: Accept-Language, else Indonesian)');
const Money = Type.Number({ minimum: 0, maximum: 1e13 });

export const PlanParams = Obj({ id: Id });
export const ItemParams = Obj({ id: Id, itemId: Id });
export const LineParams = Obj({ id: Id, lineId: Id });
export const YearQuery = Obj({ year: Type.Optional(Year) });

// ---------- recommendations ----------

export const RecommendQuery = Obj({
  year: Type.Optional({ ...Year, description: 'only offerings starting in this year (this or the next), weighed by the JP still needed in it; default: every offering still taking registrations, weighed by this year\'s JP' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  location: Type.Optional(literals(['near', 'any'] as const, 'near (default): online, or in the province of the person\'s agency; any: every province')),
  lang: Type.Optional(Lang),
});

const ReasonCompetency = Type.Object({
  code: Type.String(),
  name_id: Nullable(Type.String()),
  name_en: Nullable(Type.String()),
  current: Nullable(Type.Integer({ description: 'null: no valid assessment (counted as 0)' })),
  required: Type.Integer(),
  from: Type.Integer({ description: 'the programme develops the competency from this level …' }),
  to: Type.Integer({ description: '… to this level' }),
  closes: Type.Integer({ description: 'level steps of the gap this closes' }),
});

export const ReasonSchema = Type.Object(
  {
    perspective: literals(['self', 'other'] as const),
    competencies: Type.Array(ReasonCompetency),
    programme: Type.Object({ code: Type.String(), category: Type.String(), title_id: Type.String(), title_en: Nullable(Type.String()) }),
    offering: Nullable(
      Type.Object({
        code: Type.String(),
        startDate: Type.String(),
        registration: literals(['open', 'upcoming'] as const),
        registrationOpens: Type.String(),
        registrationCloses: Type.String(),
        seatsLeft: Type.Integer(),
        mode: literals(['online', 'offline', 'blended'] as const),
        provinceCode: Nullable(Type.String()),
        provinceName: Nullable(Type.String()),
      }),
    ),
    cohort: literals(['offering', 'none', 'elsewhere', 'full'] as const, 'offering: a cohort to join; none: no cohort takes registrations this year; elsewhere: only in other provinces; full: no seat left for the agency'),
    jp: Type.Object({ programme: Type.Number(), stillNeeded: Type.Number() }),
    quality: Nullable(Type.Number()),
    requiredByPosition: Type.Boolean(),
  },
  { description: 'Why: structured, for rendering in any language' },
);

const ProgrammeBrief = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  title_id: Type.String(),
  title_en: Nullable(Type.String()),
  category: Type.String(),
  learning_form: Type.String(),
  jp: Type.Integer(),
  quality: Nullable(Type.Number()),
  provider_quality: Nullable(Type.Number()),
  provider: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
});

const OfferingBrief = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Nullable(Type.String()),
  start_date: Type.String(),
  end_date: Type.String(),
  registration_opens: Type.String(),
  registration_closes: Type.String(),
  registration: literals(['open', 'upcoming'] as const),
  seats_left: Type.Integer({ description: 'seats the person\'s agency can still take (quotas applied), now' }),
  mode: literals(['online', 'offline', 'blended'] as const),
  province_code: Nullable(Type.String()),
  province_name: Nullable(Type.String()),
  fee: Type.Number(),
});

export const Recommendations = Type.Object({
  person: Type.Object({ id: Type.Integer(), name: Type.String(), agency_id: Type.Integer(), position_tier: Nullable(Type.String()), province_code: Nullable(Type.String()) }),
  year: Type.Integer({ description: 'the year whose JP are weighed' }),
  offerings_of_year: Nullable(Type.Integer({ description: 'only offerings starting in this year (null: every offering still taking registrations)' })),
  as_of: Type.String(),
  lang: Lang,
  location: Type.String(),
  jp: Type.Object({ credited: Type.Number(), entitlement: Type.Number(), still_needed: Type.Number() }),
  gaps: Type.Array(Type.Object({ code: Type.String(), name_id: Nullable(Type.String()), name_en: Nullable(Type.String()), current: Nullable(Type.Integer()), required: Type.Integer(), gap: Type.Integer() })),
  excluded: Type.Object({ already_taken: Type.Integer(), not_eligible: Type.Integer() }),
  items: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      kind: literals(['offering', 'programme'] as const, 'offering: a cohort to join; programme: no cohort to join yet'),
      score: Type.Number(),
      closes: Type.Integer(),
      weights: Type.Object({ jp: Type.Number(), quality: Type.Number(), availability: Type.Number() }),
      programme: ProgrammeBrief,
      offering: Nullable(OfferingBrief),
      reason: ReasonSchema,
      reason_text: Type.String(),
    }),
  ),
});

export const CandidatesQuery = Obj({
  agencyId: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 25 })),
  lang: Type.Optional(Lang),
});

export const Candidates = Type.Object({
  offering: OfferingBrief,
  programme: ProgrammeBrief,
  agency_id: Type.Integer(),
  as_of: Type.String(),
  lang: Lang,
  excluded: Type.Object({ already_taken: Type.Integer(), missing_prerequisites: Type.Integer() }),
  people: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      person: Type.Object({ id: Type.Integer(), name: Type.String(), rank: Type.String(), position_tier: Type.String(), position_name: Type.String(), unit_name: Nullable(Type.String()) }),
      closes: Type.Integer(),
      reason: ReasonSchema,
      reason_text: Type.String(),
    }),
  ),
});

// ---------- development plans ----------

const PlanStatus = literals(['draft', 'submitted', 'approved', 'returned'] as const);
const Named = Type.Object({ code: Type.String(), name_id: Nullable(Type.String()), name_en: Nullable(Type.String()) });

export const PlanView = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  status: PlanStatus,
  person: Type.Object({ id: Type.Integer(), name: Type.String(), agency_id: Type.Integer() }),
  decider_id: Nullable(Type.Integer()),
  submitted_at: Nullable(Type.String()),
  decided_at: Nullable(Type.String()),
  decided_by: Nullable(Type.String()),
  decision_comment: Nullable(Type.String()),
  submissions: Type.Integer(),
  updated_at: Type.String(),
  jp: Type.Object({ entitlement: Type.Number(), credited: Type.Number(), planned: Type.Number(), remaining: Type.Number({ description: 'JP of the entitlement neither credited nor planned' }) }),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      kind: literals(['offering', 'programme'] as const),
      programme: Type.Object({ id: Type.Integer(), code: Type.String(), title_id: Type.String(), title_en: Nullable(Type.String()), category: Type.String(), jp: Type.Integer(), status: Type.String(), provider_name: Type.String() }),
      offering: Nullable(
        Type.Object({
          id: Type.Integer(),
          code: Type.String(),
          start_date: Type.String(),
          end_date: Type.String(),
          registration_opens: Type.String(),
          registration_closes: Type.String(),
          registration: Nullable(literals(['open', 'upcoming', 'closed'] as const)),
          mode: Type.String(),
          province_code: Nullable(Type.String()),
          status: Type.String(),
        }),
      ),
      planned_jp: Type.Number(),
      target_competencies: Type.Array(Named),
      note: Nullable(Type.String()),
      origin: literals(['recommendation', 'learner'] as const),
      state: literals(['planned', 'requested', 'refused', 'missed'] as const, 'planned; requested: an enrolment request was made (enrolment_id); refused: the request was refused (state_detail); missed: registration closed before it became a request'),
      enrolment_id: Nullable(Type.Integer()),
      state_detail: Nullable(Type.String()),
    }),
  ),
  may: Type.Object({ edit: Type.Boolean(), submit: Type.Boolean(), withdraw: Type.Boolean(), decide: Type.Boolean() }),
});

export const PlanOfYear = Type.Object({ year: Type.Integer(), plan: Nullable(PlanView) });
export const PlanList = Type.Object({ items: Type.Array(PlanView) });
export const ItemResult = Type.Object({ itemId: Type.Integer(), plan: PlanView });

export const CreatePlanBody = Obj({
  year: Year,
  fromRecommendations: Type.Optional(Type.Boolean({ description: 'draft the first items from the recommendations (default true)' })),
});

const Targets = Type.Array(Code, { maxItems: 20 });
const PlannedJp = Type.Number({ exclusiveMinimum: 0, maximum: 2000 });

export const AddItemBody = Obj({
  programmeId: Type.Optional(Id),
  offeringId: Type.Optional(Id),
  plannedJp: Type.Optional(PlannedJp),
  targetCompetencies: Type.Optional(Targets),
  note: Type.Optional(Nullable(Text(1000))),
});

export const UpdateItemBody = Obj({
  offeringId: Type.Optional(Nullable(Id)),
  plannedJp: Type.Optional(PlannedJp),
  targetCompetencies: Type.Optional(Targets),
  note: Type.Optional(Nullable(Text(1000))),
});

export const DecisionBody = Obj({ comment: Type.Optional(Text(2000)) });
export const ReturnBody = Obj({ comment: Type.String({ minLength: 1, maxLength: 2000 }) });

// ---------- agency plans ----------

const AgencyPlanStatus = literals(['draft', 'submitted', 'returned'] as const);
const Tier = literals(TIERS, 'position tier');

const NeedRow = Type.Object({
  code: Type.String(),
  name_id: Nullable(Type.String()),
  name_en: Nullable(Type.String()),
  tier: Type.String(),
  unitId: Nullable(Type.Integer()),
  people: Type.Integer(),
  withGap: Type.Integer(),
  gapSum: Type.Integer(),
});
const Needs = Type.Object({ as_of: Type.String(), units: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() })), rows: Type.Array(NeedRow) });
const Comparison = Type.Object({
  lastYear: Type.Integer(),
  delivered: Type.Object({ people: Type.Integer(), jp: Type.Number(), jpWithoutProgramme: Type.Number() }),
  competencies: Type.Array(
    Type.Object({
      code: Type.String(),
      name_id: Nullable(Type.String()),
      name_en: Nullable(Type.String()),
      people: Type.Integer(),
      withGap: Type.Integer(),
      gapSum: Type.Integer(),
      plannedSeats: Type.Integer(),
      deliveredCompletions: Type.Integer({ description: 'completions last year of programmes that develop the competency' }),
      deliveredJp: Type.Number(),
    }),
  ),
});
const AgencyRef = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });

export const NeedsView = Type.Object({ agency: AgencyRef, year: Type.Integer(), needs: Needs, comparison: Comparison });

export const AgencyPlanView = Type.Object({
  id: Type.Integer(),
  agency: AgencyRef,
  year: Type.Integer(),
  status: AgencyPlanStatus,
  budget: Type.Number(),
  cost: Type.Number(),
  remaining: Type.Number(),
  seats: Type.Integer(),
  notes: Nullable(Type.String()),
  submitted_at: Nullable(Type.String()),
  submitted_by: Nullable(Type.String()),
  returned_at: Nullable(Type.String()),
  returned_by: Nullable(Type.String()),
  return_comment: Nullable(Type.String()),
  created_by: Type.String(),
  updated_at: Type.String(),
  lines: Type.Array(
    Type.Object({
      id: Type.Integer(),
      programme: Type.Object({ id: Type.Integer(), code: Type.String(), title_id: Type.String(), title_en: Nullable(Type.String()), category: Type.String(), jp: Type.Integer(), status: Type.String(), provider_name: Type.String() }),
      offering: Nullable(Type.Object({ id: Type.Integer(), code: Type.String(), start_date: Type.String(), end_date: Type.String(), mode: Type.String(), province_code: Nullable(Type.String()), status: Type.String(), fee: Type.Number() })),
      seats: Type.Integer(),
      unit_fee: Type.Number(),
      cost: Type.Number(),
      target_competencies: Type.Array(Named),
      position_tier: Nullable(Type.String()),
      unit_id: Nullable(Type.Integer()),
      unit_name: Nullable(Type.String()),
      note: Nullable(Type.String()),
    }),
  ),
  needs: Type.Object({ as_of: Type.String(), frozen: Type.Boolean({ description: 'true: the needs as they were at submission' }), units: Needs.properties.units, rows: Type.Array(NeedRow) }),
  comparison: Comparison,
  may: Type.Object({ edit: Type.Boolean(), submit: Type.Boolean(), return: Type.Boolean() }),
});

export const AgencyPlanList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      agency: AgencyRef,
      year: Type.Integer(),
      status: AgencyPlanStatus,
      budget: Type.Number(),
      cost: Type.Number(),
      seats: Type.Integer(),
      submitted_at: Nullable(Type.String()),
      submitted_by: Nullable(Type.String()),
      updated_at: Type.String(),
    }),
  ),
});

export const AgencyPlanListQuery = Obj({
  agencyId: Type.Optional(Id),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  status: Type.Optional(AgencyPlanStatus),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
});

export const NeedsQuery = Obj({ year: Type.Optional(Year) });

export const CreateAgencyPlanBody = Obj({ agencyId: Id, year: Year, budget: Money, notes: Type.Optional(Nullable(Text(4000))) });
export const UpdateAgencyPlanBody = Obj({ budget: Type.Optional(Money), notes: Type.Optional(Nullable(Text(4000))) });

const Seats = Type.Integer({ minimum: 1, maximum: 1_000_000 });
const Fee = Type.Number({ minimum: 0, maximum: 1e12 });
export const AddLineBody = Obj({
  programmeId: Type.Optional(Id),
  offeringId: Type.Optional(Id),
  seats: Seats,
  unitFee: Type.Optional(Fee),
  targetCompetencies: Type.Optional(Targets),
  positionTier: Type.Optional(Nullable(Tier)),
  unitId: Type.Optional(Nullable(Id)),
  note: Type.Optional(Nullable(Text(1000))),
});
export const UpdateLineBody = Obj({
  offeringId: Type.Optional(Nullable(Id)),
  seats: Type.Optional(Seats),
  unitFee: Type.Optional(Fee),
  targetCompetencies: Type.Optional(Targets),
  positionTier: Type.Optional(Nullable(Tier)),
  unitId: Type.Optional(Nullable(Id)),
  note: Type.Optional(Nullable(Text(1000))),
});
export const LineResult = Type.Object({ lineId: Type.Integer(), plan: AgencyPlanView });
