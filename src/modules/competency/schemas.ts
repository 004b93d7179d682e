// TypeBox schemas of the competency routes.
import { Type } from 'typebox';
import { DateTime, Nullable } from '../../http/schemas.ts';
import { TIERS } from './tiers.ts';

const literals = (values: readonly string[], description?: string) => Type.Union(values.map((v) => Type.Literal(v)), description ? { description } : {});

export const KindSchema = literals(['managerial', 'socio_cultural', 'technical'], 'managerial (M.nn), socio-cultural (SK.nn) or technical (T.<CODE>)');
export const MethodSchema = literals(['assessment_centre', 'cat', '360', 'portfolio', 'self'], 'assessment centre, computer-assisted test (CAT), 360, portfolio or self-assessment');
export const TierSchema = literals(TIERS, 'Position tier');
export const PerformanceSchema = literals(['below', 'meets', 'above']);
export const PotentialSchema = literals(['low', 'middle', 'high']);

export const Level = Type.Integer({ minimum: 1, maximum: 5, description: 'Competency level 1–5' });
export const CompetencyCode = Type.String({ pattern: '^(M\\.\\d{2}|SK\\.\\d{2}|T\\.[A-Z0-9][A-Z0-9._-]{0,39})$', description: 'e.g. M.01, SK.01, T.DIGITAL' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const CalendarDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const VersionParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false });
export const CompetencyParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), code: CompetencyCode }, { additionalProperties: false });
export const TierParams = Type.Object({ tier: TierSchema }, { additionalProperties: false });
export const PersonParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false });
export const TalentParams = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), period: Type.String({ pattern: '^\\d{4}(-S[12])?$', description: 'A year (2025) or a half-year (2025-S1)' }) },
  { additionalProperties: false },
);

const VersionFields = {
  id: Type.Integer(),
  number: Type.Integer(),
  status: literals(['draft', 'published']),
  notes: Nullable(Type.String()),
  created_at: DateTime,
  published_at: Nullable(DateTime),
};

export const VersionSummary = Type.Object({ ...VersionFields, competency_count: Type.Integer() });

export const LevelView = Type.Object({ level: Type.Integer(), id: Type.String({ description: 'Descriptor in Indonesian' }), en: Type.String({ description: 'Descriptor in English' }) });

export const CompetencyView = Type.Object({
  id: Type.Integer(),
  kind: KindSchema,
  code: Type.String(),
  name_id: Type.String(),
  name_en: Type.String(),
  agency_id: Nullable(Type.Integer({ description: 'Owning agency of an agency-specific technical competency' })),
  levels: Type.Array(LevelView),
});

export const VersionView = Type.Object({ ...VersionFields, competencies: Type.Array(CompetencyView) });

export const CreateVersionBody = Type.Object({ notes: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }, { additionalProperties: false });
export const UpdateVersionBody = Type.Object({ notes: Nullable(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });

const LevelText = Type.Object({ id: Text(1000), en: Text(1000) }, { additionalProperties: false });

export const NewCompetencyBody = Type.Object(
  {
    kind: KindSchema,
    code: CompetencyCode,
    nameId: Text(200),
    nameEn: Text(200),
    agencyId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Only for agency-specific technical competencies' }))),
    levels: Type.Array(LevelText, { minItems: 5, maxItems: 5, description: 'Descriptors of levels 1 to 5, in order' }),
  },
  { additionalProperties: false },
);

export const CompetencyPatchBody = Type.Object(
  {
    nameId: Type.Optional(Text(200)),
    nameEn: Type.Optional(Text(200)),
    agencyId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }))),
    levels: Type.Optional(Type.Array(Type.Object({ level: Level, id: Text(1000), en: Text(1000) }, { additionalProperties: false }), { minItems: 1, maxItems: 5 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const SettingsView = Type.Object({ validityMonths: Type.Integer({ description: 'An assessment counts as current for this many months (default 36)' }), updated_at: DateTime });
export const SettingsBody = Type.Object({ validityMonths: Type.Integer({ minimum: 1, maximum: 240 }) }, { additionalProperties: false });

const NamedLevel = Type.Object({
  code: Type.String(),
  level: Type.Integer(),
  kind: Nullable(Type.String()),
  name_id: Nullable(Type.String()),
  name_en: Nullable(Type.String()),
});

export const TierStandardsView = Type.Object({
  note: Type.String(),
  tiers: Type.Array(Type.Object({ tier: Type.String(), updated_at: Nullable(DateTime), levels: Type.Array(NamedLevel) })),
});

const RequiredLevelInput = Type.Object({ code: CompetencyCode, level: Level }, { additionalProperties: false });

export const TierStandardBody = Type.Object({ levels: Type.Array(RequiredLevelInput, { maxItems: 200 }) }, { additionalProperties: false });
export const TierStandardView = Type.Object({ tier: Type.String(), note: Type.String(), levels: Type.Array(NamedLevel) });

export const PositionView = Type.Object({
  id: Type.Integer(),
  agency_id: Type.Integer(),
  agency_name: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  tier: Type.String(),
});

export const OverridesBody = Type.Object({ overrides: Type.Array(RequiredLevelInput, { maxItems: 200 }) }, { additionalProperties: false });
export const OverridesView = Type.Object({ position: PositionView, overrides: Type.Array(NamedLevel) });

export const EffectiveStandardView = Type.Object({
  position: PositionView,
  dictionaryVersion: Nullable(Type.Integer()),
  note: Type.String(),
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      required: Type.Integer(),
      source: literals(['position', 'tier_default']),
      kind: Nullable(Type.String()),
      name_id: Nullable(Type.String()),
      name_en: Nullable(Type.String()),
    }),
  ),
});

export const AssessmentInput = Type.Object(
  {
    civilServantId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
    competencyCode: CompetencyCode,
    level: Level,
    method: MethodSchema,
    assessedOn: CalendarDate,
    assessor: Text(200),
    evidence: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: 'Text or a URL to the evidence' }))),
  },
  { additionalProperties: false },
);

export const AssessmentsBody = Type.Object({ assessments: Type.Array(AssessmentInput, { minItems: 1, maxItems: 500 }) }, { additionalProperties: false });

const AssessmentFields = {
  id: Type.Integer(),
  agency_id: Type.Integer(),
  civil_servant_id: Type.Integer(),
  competency_id: Type.Integer({ description: 'The competency row of the dictionary version used' }),
  competency_code: Type.String(),
  level: Type.Integer(),
  method: Type.String(),
  assessed_on: Type.String(),
  assessor: Type.String(),
  evidence: Nullable(Type.String()),
  recorded_by: Type.String(),
  recorded_at: DateTime,
  voided_at: Nullable(DateTime),
  voided_by: Nullable(Type.String()),
  void_reason: Nullable(Type.String()),
};

export const AssessmentView = Type.Object(AssessmentFields);
export const RecordedAssessmentsView = Type.Object({ dictionaryVersion: Type.Integer(), items: Type.Array(AssessmentView) });
export const VoidBody = Type.Object({ reason: Text(500) }, { additionalProperties: false });

export const HistoryQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })) }, { additionalProperties: false });
export const HistoryView = Type.Object({
  asOf: Type.String(),
  validityMonths: Type.Integer(),
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      ...AssessmentFields,
      dictionary_version: Type.Integer(),
      name_id: Type.String(),
      name_en: Type.String(),
      current: Type.Boolean({ description: 'This row gives the current level' }),
      expired: Type.Boolean({ description: 'Older than the validity period' }),
    }),
  ),
});

export const TalentBody = Type.Object({ performance: PerformanceSchema, potential: PotentialSchema, notes: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }, { additionalProperties: false });
export const TalentView = Type.Object({
  id: Type.Integer(),
  civil_servant_id: Type.Integer(),
  agency_id: Type.Integer(),
  period: Type.String(),
  performance: Type.String(),
  potential: Type.String(),
  box: Type.Integer({ description: '9-box: 1 = below+low … 9 = above+high' }),
  notes: Nullable(Type.String()),
  rated_by: Type.String(),
  rated_at: DateTime,
});

const GapCellView = Type.Object({ code: Type.String(), required: Nullable(Type.Integer()), current: Nullable(Type.Integer()), gap: Nullable(Type.Integer()) });
const TotalsView = Type.Object({ required: Type.Integer(), withGap: Type.Integer(), totalGap: Type.Integer() });

export const ProfileView = Type.Object({
  person: Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    agency_id: Type.Integer(),
    agency_name: Type.String(),
    position_name: Nullable(Type.String()),
    position_tier: Nullable(Type.String()),
    unit_name: Nullable(Type.String()),
  }),
  asOf: Type.String({ description: 'Date the current levels are computed for' }),
  validityMonths: Type.Integer(),
  dictionaryVersion: Nullable(Type.Integer()),
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      kind: Nullable(Type.String()),
      name_id: Nullable(Type.String()),
      name_en: Nullable(Type.String()),
      required: Nullable(Type.Integer()),
      source: Nullable(literals(['position', 'tier_default'])),
      current: Nullable(Type.Integer({ description: 'Latest valid assessed level; null when none is valid' })),
      gap: Nullable(Type.Integer({ description: 'max(0, required − current), a missing current level counting as 0; null when not required' })),
      assessed_on: Nullable(Type.String()),
      method: Nullable(Type.String()),
      assessment_id: Nullable(Type.Integer()),
    }),
  ),
  totals: TotalsView,
  talent: Nullable(Type.Object({ period: Type.String(), performance: Type.String(), potential: Type.String(), box: Type.Integer() })),
});

const CompetencyHeader = Type.Object({ code: Type.String(), kind: Nullable(Type.String()), name_id: Nullable(Type.String()), name_en: Nullable(Type.String()) });

const GapStatView = Type.Object({
  code: Type.String(),
  kind: Nullable(Type.String()),
  name_id: Nullable(Type.String()),
  name_en: Nullable(Type.String()),
  people: Type.Integer({ description: 'People for whom the competency is required' }),
  assessed: Type.Integer({ description: 'Of them, people with a valid current level' }),
  withGap: Type.Integer({ description: 'Of them, people with gap > 0' }),
  averageGap: Type.Number({ description: 'Mean gap over `people` (unassessed count as level 0)' }),
});

export const TeamGapsView = Type.Object({
  supervisorId: Type.Integer(),
  asOf: Type.String(),
  validityMonths: Type.Integer(),
  competencies: Type.Array(CompetencyHeader),
  people: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      position_name: Nullable(Type.String()),
      position_tier: Nullable(Type.String()),
      talentBox: Nullable(Type.Integer()),
      cells: Type.Array(GapCellView, { description: 'One per entry of `competencies`, in the same order' }),
      totals: TotalsView,
    }),
  ),
  summary: Type.Array(GapStatView),
});

export const AgencyGapQuery = Type.Object({ unitId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })) }, { additionalProperties: false });

export const AgencyGapView = Type.Object({
  agency: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  unitId: Nullable(Type.Integer()),
  asOf: Type.String(),
  validityMonths: Type.Integer(),
  people: Type.Integer({ description: 'Active civil servants with a position' }),
  competencies: Type.Array(GapStatView),
  units: Type.Array(Type.Object({ unitId: Nullable(Type.Integer()), unitCode: Nullable(Type.String()), unitName: Nullable(Type.String()), people: Type.Integer(), competencies: Type.Array(GapStatView) })),
});

export const NationalGapView = Type.Object({
  asOf: Type.String(),
  validityMonths: Type.Integer(),
  people: Type.Integer(),
  competencies: Type.Array(GapStatView),
  agencies: Type.Array(Type.Object({ agencyId: Type.Integer(), agencyCode: Type.String(), agencyName: Type.String(), people: Type.Integer(), competencies: Type.Array(GapStatView) })),
});

export const VersionsView = Type.Object({ items: Type.Array(VersionSummary) });
