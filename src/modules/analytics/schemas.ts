// TypeBox schemas of the analytics routes: query strings and the JSON views.
import { Type, type TSchema } from 'typebox';
import { Nullable } from '../../http/schemas.ts';

const Year = Type.Integer({ minimum: 2000, maximum: 2100, description: 'calendar year (default: this year in Indonesia)' });
/** Every dataset is a chart's data: JSON, or its table as CSV or XLSX (column headers in `lang`). */
const Format = {
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')], { default: 'json', description: 'json, or the table view as csv / xlsx' })),
  lang: Type.Optional(Type.Union([Type.Literal('id'), Type.Literal('en')], { default: 'id', description: 'language of the CSV/XLSX column headers' })),
};
const strict = <T extends Record<string, TSchema>>(props: T) => Type.Object(props, { additionalProperties: false });

export const FormatQuery = strict({ ...Format });
export const YearQuery = strict({ year: Type.Optional(Year), ...Format });
export const By = Type.Union([Type.Literal('unit'), Type.Literal('tier')], { description: 'group by unit or by position tier' });
export const AgencyGroupQuery = strict({ by: By, year: Type.Optional(Year), ...Format });
export const AgencyGapQuery = strict({ by: By, ...Format });
export const AtRiskQuery = strict({
  unitId: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'only this unit (0: people without a unit)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  after: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'keyset cursor: nextAfter of the previous page' })),
  ...Format,
});

const Int = Type.Integer();
const Num = Type.Number();
const Text = Type.String();
const DateText = Type.String({ format: 'date' });

const ComplianceFields = { people: Int, met: Int, onTrack: Int, atRisk: Int, compliancePct: Num, metPct: Num, averageJp: Num };
const GapFields = { required: Type.Integer({ description: 'required cells: people × competencies of their standard' }), assessed: Int, withGap: Int, withGapPct: Num, averageGap: Num };
const CompetencyRef = { code: Text, name_id: Nullable(Text), name_en: Nullable(Text), kind: Nullable(Text) };
const AgencyRef = Type.Object({ id: Int, code: Text, name: Text, kind: Text, province_code: Nullable(Text) });

const Tile = { agencies: Int, ...ComplianceFields, gap: Type.Object(GapFields) };

export const ProvincesView = Type.Object({
  asOf: DateText,
  cutoff: DateText,
  year: Int,
  entitlement: Int,
  expectedJp: Num,
  provinces: Type.Array(Type.Object({ code: Text, name: Text, ...Tile })),
  central: Type.Object(Tile),
});

export const CompetenciesView = Type.Object({
  asOf: DateText,
  cutoff: DateText,
  kinds: Type.Array(Text),
  competencies: Type.Array(Type.Object({ ...CompetencyRef, ...GapFields })),
  cells: Type.Array(Type.Object({ code: Text, agencyKind: Text, ...GapFields })),
});

export const SupplyDemandView = Type.Object({
  asOf: DateText,
  cutoff: DateText,
  items: Type.Array(Type.Object({ ...CompetencyRef, seats: Int, offerings: Int, peopleRequired: Int, peopleWithGap: Int, seatsPerPersonWithGap: Nullable(Num) })),
});

export const ProvidersView = Type.Object({
  asOf: DateText,
  year: Int,
  items: Type.Array(
    Type.Object({
      providerId: Int,
      code: Text,
      name: Text,
      kind: Text,
      offerings: Int,
      capacity: Int,
      seatsTaken: Int,
      fillRatePct: Num,
      completed: Int,
      completionRatePct: Num,
      reactions: Int,
      reactionMean: Nullable(Num),
      quality: Nullable(Num),
    }),
  ),
});

const StateCounts = Type.Object({ expired: Int, expiring: Int, valid: Int, none: Int });
export const AccreditationView = Type.Object({
  asOf: DateText,
  windowDays: Int,
  counts: Type.Object({ providers: StateCounts, programmes: StateCounts }),
  total: Int,
  items: Type.Array(
    Type.Object({
      type: Type.Union([Type.Literal('provider'), Type.Literal('programme')]),
      id: Int,
      code: Text,
      name: Text,
      providerName: Nullable(Text),
      grade: Nullable(Text),
      validTo: DateText,
      state: Type.Union([Type.Literal('expired'), Type.Literal('expiring')]),
      daysLeft: Int,
    }),
  ),
});

const GroupRef = { key: Type.String({ description: 'unit id (0 = no unit) or tier' }), code: Nullable(Text), name: Nullable(Text) };

export const AgencyComplianceView = Type.Object({
  agency: AgencyRef,
  asOf: DateText,
  year: Int,
  by: By,
  entitlement: Int,
  expectedJp: Num,
  totals: Type.Object(ComplianceFields),
  groups: Type.Array(Type.Object({ ...GroupRef, ...ComplianceFields })),
});

export const AgencyGapsView = Type.Object({
  agency: AgencyRef,
  asOf: DateText,
  cutoff: DateText,
  by: By,
  competencies: Type.Array(Type.Object({ ...CompetencyRef, ...GapFields })),
  groups: Type.Array(Type.Object({ ...GroupRef, people: Int, ...GapFields, cells: Type.Array(Type.Object({ code: Text, ...GapFields })) })),
});

export const AtRiskView = Type.Object({
  agency: AgencyRef,
  asOf: DateText,
  year: Int,
  entitlement: Int,
  expectedJp: Num,
  total: Int,
  items: Type.Array(
    Type.Object({
      id: Int,
      nip: Nullable(Type.String({ description: 'null unless the caller may see personal data' })),
      name: Text,
      unitName: Nullable(Text),
      positionName: Nullable(Text),
      tier: Nullable(Text),
      jp: Num,
      behindJp: Num,
      missingJp: Num,
    }),
  ),
  nextAfter: Nullable(Int),
});

export const CohortsView = Type.Object({
  provider: Type.Object({ id: Int, code: Text, name: Text, kind: Text }),
  asOf: DateText,
  year: Int,
  totals: Type.Object({ offerings: Int, capacity: Int, seatsTaken: Int, fillRatePct: Num, enrolments: Int, completed: Int, completionRatePct: Num, reactions: Int, reactionMean: Nullable(Num) }),
  items: Type.Array(
    Type.Object({
      offeringId: Int,
      code: Text,
      programmeId: Int,
      programmeCode: Text,
      titleId: Text,
      titleEn: Nullable(Text),
      role: Type.Union([Type.Literal('lead'), Type.Literal('partner')]),
      startDate: DateText,
      endDate: DateText,
      status: Text,
      capacity: Int,
      seatsTaken: Int,
      fillRatePct: Num,
      enrolments: Int,
      enrolled: Int,
      waitlisted: Int,
      completed: Int,
      notCompleted: Int,
      noShow: Int,
      withdrawn: Int,
      completionRatePct: Num,
      reactions: Int,
      reactionMean: Nullable(Num),
      preMean: Nullable(Num),
      postMean: Nullable(Num),
      followUps: Int,
      followUpMean: Nullable(Num),
    }),
  ),
});
