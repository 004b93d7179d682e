// TypeBox schemas of the catalogue API. Requests are camelCase; answers keep the column names.
import { Type, type TSchema } from 'typebox';
import { DateTime, Nullable } from '../../http/schemas.ts';
import {
  ACCREDITATION_STATUSES,
  CATEGORIES,
  DELIVERY_MODES,
  LANGUAGES,
  LEARNING_FORMS,
  OFFERING_STATUSES,
  PARTNER_ROLES,
  PROVIDER_KINDS,
  RANKS,
} from './vocab.ts';

const oneOf = (values: readonly string[], options: Record<string, unknown> = {}) => Type.Union(values.map((v) => Type.Literal(v)), options);
const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
const DateOnly = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Url = Type.String({ format: 'uri', maxLength: 500, pattern: '^https?://' });

export const Category = oneOf(CATEGORIES);
export const LearningForm = oneOf(LEARNING_FORMS);
export const ProviderKind = oneOf(PROVIDER_KINDS);
export const PartnerRole = oneOf(PARTNER_ROLES);
export const AccreditationStatus = oneOf(ACCREDITATION_STATUSES);
export const Rank = oneOf(RANKS);
const CompetencyCode = Type.String({ pattern: '^(M\\.[0-9]{2}|SK\\.[0-9]{2}|T\\.[A-Z0-9][A-Z0-9._-]{0,39})$', description: 'M.01 … M.08, SK.01, T.xxx' });
const ProvinceCode = Type.String({ pattern: '^[0-9]{2}$' });
const RegencyCode = Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}$' });

// ---------- providers ----------

const Contact = Type.Object({ name: Text(200), title: Type.Optional(Text(200)), email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })), phone: Type.Optional(Text(50)) }, { additionalProperties: false });

const providerProfile = {
  descriptionId: Type.Optional(Nullable(Text(5000))),
  descriptionEn: Type.Optional(Nullable(Text(5000))),
  website: Type.Optional(Nullable(Url)),
  email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
  phone: Type.Optional(Nullable(Text(50))),
  address: Type.Optional(Nullable(Text(500))),
  contacts: Type.Optional(Type.Array(Contact, { maxItems: 20 })),
  provincesServed: Type.Optional(Type.Array(ProvinceCode, { maxItems: 38, uniqueItems: true })),
};

export const ProviderCreate = Type.Object(
  { code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9._-]{1,39}$' }), name: Text(300), kind: ProviderKind, owningAgencyId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }))), ...providerProfile },
  { additionalProperties: false },
);
export const ProviderPatch = Type.Object({ name: Type.Optional(Text(300)), ...providerProfile }, { additionalProperties: false, minProperties: 1 });

const providerPublic = {
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  owning_agency_id: Nullable(Type.Integer()),
  description_id: Nullable(Type.String()),
  description_en: Nullable(Type.String()),
  website: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  provinces_served: Type.Array(Type.String()),
  accreditation: Type.Object({ grade: Nullable(Type.String()), valid_from: Nullable(Type.String()), valid_to: Nullable(Type.String()), status: AccreditationStatus }),
};
/** The public profile: no named contact persons. */
export const ProviderPublicView = Type.Object(providerPublic);
export const ProviderAdminView = Type.Object({ ...providerPublic, contacts: Type.Array(Type.Object({ name: Type.String(), title: Type.Optional(Type.String()), email: Type.Optional(Type.String()), phone: Type.Optional(Type.String()) })) });

// ---------- accreditation ----------

const Document = Type.Object({ name: Text(300), url: Type.Optional(Url) }, { additionalProperties: false });

export const ProviderAccreditationInput = Type.Object(
  { grade: oneOf(['A', 'B', 'C']), category: Type.Optional(Text(200)), validFrom: DateOnly, validTo: DateOnly, decisionNumber: Text(200), documents: Type.Optional(Type.Array(Document, { maxItems: 20 })), notes: Type.Optional(Text(2000)) },
  { additionalProperties: false },
);
export const ProgrammeAccreditationInput = Type.Object(
  {
    scheme: Type.Optional(oneOf(['current', 'legacy'], { description: 'current: grades A/B; legacy (older scheme): A/B/C' })),
    grade: oneOf(['A', 'B', 'C']),
    validFrom: DateOnly,
    validTo: DateOnly,
    decisionNumber: Text(200),
    documents: Type.Optional(Type.Array(Document, { maxItems: 20 })),
    notes: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export const AccreditationView = Type.Object({
  id: Type.Integer(),
  scheme: Type.Optional(Type.String()),
  grade: Type.String(),
  category: Type.Optional(Nullable(Type.String())),
  valid_from: Type.String(),
  valid_to: Type.String(),
  decision_number: Type.String(),
  documents: Type.Array(Type.Object({ name: Type.String(), url: Type.Optional(Type.String()) })),
  notes: Nullable(Type.String()),
  recorded_by: Type.String(),
  created_at: DateTime,
  status: AccreditationStatus,
});

// ---------- programmes ----------

const CompetencyTarget = Type.Object({ code: CompetencyCode, levelFrom: Type.Integer({ minimum: 1, maximum: 5 }), levelTo: Type.Integer({ minimum: 1, maximum: 5 }) }, { additionalProperties: false });
const Eligibility = Type.Object(
  {
    positionTiers: Type.Optional(Type.Array(Text(40), { maxItems: 20 })),
    rankMin: Type.Optional(Nullable(Rank)),
    rankMax: Type.Optional(Nullable(Rank)),
    prerequisites: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), { maxItems: 20, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export const PartnerInput = Type.Object(
  {
    providerId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
    roles: Type.Array(PartnerRole, { minItems: 1, maxItems: 5 }),
    contribution: Type.Optional(Nullable(Text(2000))),
    modules: Type.Optional(Type.Array(Text(300), { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export const PartnersInput = Type.Object({ partners: Type.Array(PartnerInput, { minItems: 1, maxItems: 20 }) }, { additionalProperties: false });

const programmeFields = {
  titleId: Text(300),
  titleEn: Nullable(Text(300)),
  descriptionId: Nullable(Text(10000)),
  descriptionEn: Nullable(Text(10000)),
  category: Category,
  learningForm: LearningForm,
  jp: Type.Integer({ minimum: 1, maximum: 2000, description: 'jam pelajaran (1 JP = 45 minutes)' }),
  competencies: Type.Array(CompetencyTarget, { maxItems: 30 }),
  eligibility: Eligibility,
  languages: Type.Array(oneOf(LANGUAGES), { minItems: 1, maxItems: 2, uniqueItems: true }),
  activityIri: Nullable(Url),
};
type Fields = typeof programmeFields;
const optionalAll = <T extends Record<string, TSchema>>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof T]: ReturnType<typeof Type.Optional<T[K]>> };

export const ProgrammeCreate = Type.Object(
  {
    providerId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'The lead provider; defaults to the provider you administer' })),
    code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9._-]{1,39}$' }),
    titleId: programmeFields.titleId,
    category: programmeFields.category,
    learningForm: programmeFields.learningForm,
    jp: programmeFields.jp,
    ...optionalAll({ titleEn: programmeFields.titleEn, descriptionId: programmeFields.descriptionId, descriptionEn: programmeFields.descriptionEn, competencies: programmeFields.competencies, eligibility: programmeFields.eligibility, languages: programmeFields.languages, activityIri: programmeFields.activityIri }),
    partners: Type.Optional(Type.Array(PartnerInput, { minItems: 1, maxItems: 20 })),
  },
  { additionalProperties: false },
);
export const ProgrammePatch = Type.Object(optionalAll<Fields>(programmeFields), { additionalProperties: false, minProperties: 1 });
export const ReviewInput = Type.Object({ decision: oneOf(['approve', 'return']), note: Type.Optional(Text(2000)) }, { additionalProperties: false });

const PartnerView = Type.Object({
  provider_id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  roles: Type.Array(Type.String()),
  contribution: Nullable(Type.String()),
  modules: Type.Array(Type.String()),
  accreditation_status: AccreditationStatus,
});
const CompetencyView = Type.Object({ code: Type.String(), name_id: Nullable(Type.String()), name_en: Nullable(Type.String()), level_from: Type.Integer(), level_to: Type.Integer() });
const Accreditation = Type.Object({ grade: Nullable(Type.String()), valid_from: Nullable(Type.String()), valid_to: Nullable(Type.String()), status: AccreditationStatus });

const programmeCore = {
  id: Type.Integer(),
  code: Type.String(),
  title_id: Type.String(),
  title_en: Nullable(Type.String()),
  description_id: Nullable(Type.String()),
  description_en: Nullable(Type.String()),
  category: Type.String(),
  learning_form: Type.String(),
  jp: Type.Integer(),
  languages: Type.Array(Type.String()),
  activity_iri: Nullable(Type.String()),
  quality: Nullable(Type.Number()),
  eligibility: Type.Object({
    position_tiers: Type.Array(Type.String()),
    rank_min: Nullable(Type.String()),
    rank_max: Nullable(Type.String()),
    prerequisites: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), title_id: Type.String(), title_en: Nullable(Type.String()) })),
  }),
  competencies: Type.Array(CompetencyView),
  provider: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), accreditation_status: AccreditationStatus }),
  partners: Type.Array(PartnerView),
  accreditation: Accreditation,
};

const offeringPublic = {
  id: Type.Integer(),
  code: Type.String(),
  name: Nullable(Type.String()),
  start_date: Type.String(),
  end_date: Type.String(),
  registration_opens: Type.String(),
  registration_closes: Type.String(),
  registration_open_now: Type.Boolean(),
  capacity: Type.Integer(),
  seats_left: Type.Integer(),
  mode: Type.String(),
  province_code: Nullable(Type.String()),
  province_name: Nullable(Type.String()),
  regency_code: Nullable(Type.String()),
  regency_name: Nullable(Type.String()),
  venue: Nullable(Type.String()),
  fee: Type.Number(),
  status: Type.String(),
};
const SessionView = Type.Object({
  id: Type.Integer(),
  offering_id: Type.Integer(),
  provider_id: Type.Integer(),
  provider_code: Type.String(),
  provider_name: Type.String(),
  title: Type.String(),
  module: Nullable(Type.String()),
  starts_at: DateTime,
  ends_at: DateTime,
  jp: Nullable(Type.Integer()),
  location: Nullable(Type.String()),
});
export { SessionView };
const QuotaView = Type.Object({ agency_id: Type.Integer(), agency_code: Type.String(), agency_name: Type.String(), seats: Type.Integer() });

export const OfferingPublicView = Type.Object({ ...offeringPublic, sessions: Type.Array(SessionView) });
export const OfferingAdminView = Type.Object({ ...offeringPublic, programme_id: Type.Integer(), online_url: Nullable(Type.String()), enrolled_count: Type.Integer(), quotas: Type.Array(QuotaView), sessions: Type.Array(SessionView) });

export const ProgrammePublicView = Type.Object({ ...programmeCore, offerings: Type.Array(OfferingPublicView) });
export const ProgrammeAdminView = Type.Object({
  ...programmeCore,
  status: Type.String(),
  review_status: Type.String(),
  review_note: Nullable(Type.String()),
  published_at: Nullable(DateTime),
  updated_at: DateTime,
  my_part: oneOf(['manager', 'partner', 'reader'], { description: 'manager: the lead or a national admin; partner: manages only the sessions it delivers' }),
  offerings: Type.Array(OfferingAdminView),
  accreditations: Type.Array(AccreditationView),
});
export const ProgrammeListItem = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  title_id: Type.String(),
  title_en: Nullable(Type.String()),
  category: Type.String(),
  learning_form: Type.String(),
  jp: Type.Integer(),
  status: Type.String(),
  review_status: Type.String(),
  provider: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), accreditation_status: AccreditationStatus }),
  accreditation: Accreditation,
  my_part: oneOf(['manager', 'partner', 'reader']),
  updated_at: DateTime,
});

// ---------- offerings and sessions ----------

const Quota = Type.Object({ agencyId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), seats: Type.Integer({ minimum: 1, maximum: 100_000 }) }, { additionalProperties: false });
const offeringFields = {
  name: Nullable(Text(300)),
  startDate: DateOnly,
  endDate: DateOnly,
  registrationOpens: DateOnly,
  registrationCloses: DateOnly,
  capacity: Type.Integer({ minimum: 1, maximum: 100_000 }),
  quotas: Type.Array(Quota, { maxItems: 700 }),
  mode: oneOf(DELIVERY_MODES),
  provinceCode: Nullable(ProvinceCode),
  regencyCode: Nullable(RegencyCode),
  venue: Nullable(Text(500)),
  onlineUrl: Nullable(Url),
  fee: Type.Number({ minimum: 0, maximum: 1_000_000_000 }),
  status: oneOf(OFFERING_STATUSES),
};
export const OfferingCreate = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,39}$', description: 'e.g. ANGKATAN-1-2026' }),
    startDate: offeringFields.startDate,
    endDate: offeringFields.endDate,
    registrationOpens: offeringFields.registrationOpens,
    registrationCloses: offeringFields.registrationCloses,
    capacity: offeringFields.capacity,
    mode: offeringFields.mode,
    ...optionalAll({ name: offeringFields.name, quotas: offeringFields.quotas, provinceCode: offeringFields.provinceCode, regencyCode: offeringFields.regencyCode, venue: offeringFields.venue, onlineUrl: offeringFields.onlineUrl, fee: offeringFields.fee, status: offeringFields.status }),
  },
  { additionalProperties: false },
);
export const OfferingPatch = Type.Object(optionalAll(offeringFields), { additionalProperties: false, minProperties: 1 });

const sessionFields = {
  providerId: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'The delivering partner' }),
  title: Text(300),
  module: Nullable(Text(300)),
  startsAt: DateTime,
  endsAt: DateTime,
  jp: Nullable(Type.Integer({ minimum: 1, maximum: 500 })),
  location: Nullable(Text(500)),
};
export const SessionCreate = Type.Object(
  { title: sessionFields.title, startsAt: sessionFields.startsAt, endsAt: sessionFields.endsAt, ...optionalAll({ providerId: sessionFields.providerId, module: sessionFields.module, jp: sessionFields.jp, location: sessionFields.location }) },
  { additionalProperties: false },
);
export const SessionPatch = Type.Object(optionalAll(sessionFields), { additionalProperties: false, minProperties: 1 });

// ---------- search ----------

const many = <T extends TSchema>(item: T, max = 20) => Type.Optional(Type.Array(item, { maxItems: max }));
export const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    competency: many(CompetencyCode),
    category: many(Category),
    form: many(LearningForm),
    providerKind: many(ProviderKind),
    provider: many(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    accreditation: many(AccreditationStatus),
    jpMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 2000 })),
    jpMax: Type.Optional(Type.Integer({ minimum: 0, maximum: 2000 })),
    delivery: many(oneOf(['online', 'offline'])),
    province: many(ProvinceCode, 38),
    startFrom: Type.Optional(DateOnly),
    startTo: Type.Optional(DateOnly),
    seatsAvailable: Type.Optional(Type.Boolean()),
    sort: Type.Optional(oneOf(['relevance', 'start', 'quality'], { default: 'relevance' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  },
  { additionalProperties: false },
);

const FacetValue = Type.Object({ value: Type.String(), count: Type.Integer() });
export const SearchResult = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  page_size: Type.Integer(),
  query: Type.Object({ text: Nullable(Type.String()), terms: Type.Array(Type.Object({ term: Type.String(), matched: Type.Array(Type.String()) })), ignored: Type.Array(Type.String()) }),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      title_id: Type.String(),
      title_en: Nullable(Type.String()),
      summary_id: Nullable(Type.String()),
      summary_en: Nullable(Type.String()),
      category: Type.String(),
      learning_form: Type.String(),
      jp: Type.Integer(),
      languages: Type.Array(Type.String()),
      quality: Nullable(Type.Number()),
      score: Type.Number(),
      competencies: Type.Array(Type.Object({ code: Type.String(), level_from: Type.Integer(), level_to: Type.Integer() })),
      provider: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), accreditation_status: AccreditationStatus }),
      partners: Type.Array(Type.Object({ provider_id: Type.Integer(), code: Type.String(), name: Type.String(), roles: Type.Array(Type.String()) })),
      accreditation: Accreditation,
      upcoming_offerings: Type.Integer(),
      seats_available: Type.Integer(),
      next_offering: Nullable(Type.Object({ id: Type.Integer(), start_date: Type.String(), end_date: Type.String(), mode: Type.String(), province_code: Nullable(Type.String()), seats_left: Type.Integer(), registration_closes: Type.String() })),
    }),
  ),
  facets: Type.Object({
    competency: Type.Array(FacetValue),
    category: Type.Array(FacetValue),
    learning_form: Type.Array(FacetValue),
    provider_kind: Type.Array(FacetValue),
    accreditation: Type.Array(FacetValue),
    jp: Type.Array(FacetValue),
    delivery: Type.Array(FacetValue),
    province: Type.Array(FacetValue),
    seats: Type.Array(FacetValue),
  }),
});

export const DevelopingQuery = Type.Object(
  {
    from: Type.Integer({ minimum: 1, maximum: 5, description: 'current level' }),
    to: Type.Integer({ minimum: 1, maximum: 5, description: 'target level' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
  },
  { additionalProperties: false },
);
export const DevelopingResult = Type.Object({
  competency: Type.Object({ code: Type.String(), name_id: Nullable(Type.String()), name_en: Nullable(Type.String()) }),
  from: Type.Integer(),
  to: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      title_id: Type.String(),
      title_en: Nullable(Type.String()),
      category: Type.String(),
      learning_form: Type.String(),
      jp: Type.Integer(),
      quality: Nullable(Type.Number()),
      level_from: Type.Integer(),
      level_to: Type.Integer(),
      next_start: Nullable(Type.String()),
      seats_available: Type.Integer(),
      provider: Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String() }),
      accreditation_status: AccreditationStatus,
    }),
  ),
});
