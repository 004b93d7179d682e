// Table types of the catalogue (migration 0005_catalog). The DB interface in schema.ts extends these.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;
type JsonDefault = ColumnType<unknown, string | undefined, string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
/** calendar date, 'YYYY-MM-DD' */
type DateText = string;

export interface ProviderAccreditationTable {
  id: Generated<number>;
  provider_id: number;
  grade: 'A' | 'B' | 'C';
  category: string | null;
  valid_from: DateText;
  valid_to: DateText;
  decision_number: string;
  documents: Json;
  notes: string | null;
  recorded_by: string;
  created_at: CreatedAt;
}

export interface ProgrammeTable {
  id: Generated<number>;
  provider_id: number;
  code: string;
  title_id: string;
  title_en: string | null;
  description_id: string | null;
  description_en: string | null;
  category: string;
  learning_form: string;
  jp: number;
  position_tiers: TextArray;
  rank_min: string | null;
  rank_max: string | null;
  languages: TextArray;
  activity_iri: string | null;
  status: ColumnType<string, string | undefined, string>;
  review_status: ColumnType<string, string | undefined, string>;
  review_note: string | null;
  /** numeric(3,2), as text */
  quality: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  competency_codes: TextArray;
  partner_provider_ids: ColumnType<number[], number[] | undefined, number[]>;
  provider_kinds: TextArray;
  accr_grade: string | null;
  accr_valid_from: DateText | null;
  accr_valid_to: DateText | null;
  offering_modes: TextArray;
  offering_provinces: TextArray;
  next_start: DateText | null;
  seats_available: ColumnType<number, number | undefined, number>;
  search_extra: ColumnType<string, string | undefined, string>;
  search_vector: ColumnType<string, never, never>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ProgrammeCompetencyTable {
  programme_id: number;
  competency_code: string;
  level_from: number;
  level_to: number;
}

export interface ProgrammePrerequisiteTable {
  programme_id: number;
  prerequisite_id: number;
}

export interface ProgrammePartnerTable {
  programme_id: number;
  provider_id: number;
  roles: string[];
  contribution: string | null;
  modules: TextArray;
}

export interface ProgrammeAccreditationTable {
  id: Generated<number>;
  programme_id: number;
  scheme: 'current' | 'legacy';
  grade: 'A' | 'B' | 'C';
  valid_from: DateText;
  valid_to: DateText;
  decision_number: string;
  documents: Json;
  notes: string | null;
  recorded_by: string;
  created_at: CreatedAt;
}

export interface OfferingTable {
  id: Generated<number>;
  programme_id: number;
  code: string;
  name: string | null;
  start_date: DateText;
  end_date: DateText;
  registration_opens: DateText;
  registration_closes: DateText;
  capacity: number;
  enrolled_count: ColumnType<number, number | undefined, number>;
  mode: 'offline' | 'online' | 'blended';
  province_code: string | null;
  regency_code: string | null;
  venue: string | null;
  online_url: string | null;
  /** numeric(14,2), as text */
  fee: ColumnType<string, string | number | undefined, string | number>;
  status: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface OfferingQuotaTable {
  offering_id: number;
  agency_id: number;
  seats: number;
}

export interface OfferingSessionTable {
  id: Generated<number>;
  offering_id: number;
  provider_id: number;
  title: string;
  module: string | null;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  jp: number | null;
  location: string | null;
  created_at: CreatedAt;
}

export interface CatalogLexiconTable {
  word: string;
  /** the transaction that added the word (migration 0055) */
  added_xid: ColumnType<string, never, never>;
}

/** Extra provider columns added by 0005_catalog. */
export interface ProviderProfileColumns {
  description_id: ColumnType<string | null, string | null | undefined, string | null>;
  description_en: ColumnType<string | null, string | null | undefined, string | null>;
  website: ColumnType<string | null, string | null | undefined, string | null>;
  email: ColumnType<string | null, string | null | undefined, string | null>;
  phone: ColumnType<string | null, string | null | undefined, string | null>;
  address: ColumnType<string | null, string | null | undefined, string | null>;
  contacts: JsonDefault;
  provinces_served: TextArray;
  accr_grade: ColumnType<string | null, string | null | undefined, string | null>;
  accr_valid_from: ColumnType<DateText | null, DateText | null | undefined, DateText | null>;
  accr_valid_to: ColumnType<DateText | null, DateText | null | undefined, DateText | null>;
  updated_at: UpdatedAt;
}

/** One narrow row per programme for search (migration 0023); written only by its triggers. */
export interface CatalogSearchTable {
  programme_id: number;
  published: boolean;
  category: string;
  learning_form: string;
  jp: number;
  /** numeric(3,2), as text */
  quality: string | null;
  provider_kinds: TextArray;
  competency_codes: TextArray;
  partner_provider_ids: number[];
  offering_modes: TextArray;
  offering_provinces: TextArray;
  seats_available: number;
  next_start: DateText | null;
  accr_valid_to: DateText | null;
  live_starts: DateText[];
  search_vector: ColumnType<string, never, never>;
  /** xid8, as text */
  changed_xid: ColumnType<string, never, never>;
}

export interface CatalogDB {
  provider_accreditation: ProviderAccreditationTable;
  programme: ProgrammeTable;
  programme_competency: ProgrammeCompetencyTable;
  programme_prerequisite: ProgrammePrerequisiteTable;
  programme_partner: ProgrammePartnerTable;
  programme_accreditation: ProgrammeAccreditationTable;
  offering: OfferingTable;
  offering_quota: OfferingQuotaTable;
  offering_session: OfferingSessionTable;
  catalog_lexicon: CatalogLexiconTable;
  catalog_search: CatalogSearchTable;
}
