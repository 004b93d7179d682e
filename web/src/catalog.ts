// Shapes of the catalogue API, its vocabularies, and small helpers the catalogue pages share.
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FieldError } from './api.ts';

export const CATEGORIES = ['pkn1', 'pkn2', 'pka', 'pkp', 'latsar', 'technical', 'functional', 'managerial', 'socio_cultural'] as const;
export const LEARNING_FORMS = ['course', 'workshop', 'seminar', 'technical_guidance', 'e_learning', 'coaching', 'mentoring', 'internship', 'secondment', 'exchange', 'community_of_practice', 'self_study'] as const;
export const PROVIDER_KINDS = ['national_institute', 'government_institution', 'corporate_university', 'private_company', 'university', 'foreign_government_institute'] as const;
/** Leadership and basic training: national review before publishing. */
export const REVIEWED_CATEGORIES: readonly string[] = ['pkn1', 'pkn2', 'pka', 'pkp', 'latsar'];
export const PARTNER_ROLES = ['lead', 'co_organiser', 'content', 'faculty', 'host'] as const;
export const ACCREDITATION_STATUSES = ['valid', 'expiring', 'expired', 'none'] as const;
export const PROGRAMME_STATUSES = ['draft', 'submitted', 'published', 'archived'] as const;
export const REVIEW_STATUSES = ['not_required', 'pending', 'approved', 'returned'] as const;
export const OFFERING_STATUSES = ['planned', 'open', 'closed', 'running', 'completed', 'cancelled'] as const;
export const DELIVERY_MODES = ['offline', 'online', 'blended'] as const;
export const LANGUAGES = ['id', 'en'] as const;
export const RANKS = ['I/a', 'I/b', 'I/c', 'I/d', 'II/a', 'II/b', 'II/c', 'II/d', 'III/a', 'III/b', 'III/c', 'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e'] as const;
export const TIERS = ['jpt_utama', 'jpt_madya', 'jpt_pratama', 'administrator', 'pengawas', 'ahli_utama', 'ahli_madya', 'ahli_muda', 'ahli_pertama', 'penyelia', 'mahir', 'terampil', 'pemula', 'pelaksana'] as const;
/** The JP buckets of the search facet, with the range each asks for. */
export const JP_BUCKETS: { value: string; min: number; max?: number }[] = [
  { value: '1-8', min: 1, max: 8 },
  { value: '9-24', min: 9, max: 24 },
  { value: '25-80', min: 25, max: 80 },
  { value: '81-200', min: 81, max: 200 },
  { value: '201+', min: 201 },
];

export type Category = (typeof CATEGORIES)[number];
export type LearningForm = (typeof LEARNING_FORMS)[number];
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
export type PartnerRole = (typeof PARTNER_ROLES)[number];
export type AccreditationStatus = (typeof ACCREDITATION_STATUSES)[number];
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export type OfferingStatus = (typeof OFFERING_STATUSES)[number];
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** Province codes (Kemendagri) and names; proper names, the same in both languages. */
export const PROVINCES: Record<string, string> = {
  '11': 'Aceh',
  '12': 'Sumatera Utara',
  '13': 'Sumatera Barat',
  '14': 'Riau',
  '15': 'Jambi',
  '16': 'Sumatera Selatan',
  '17': 'Bengkulu',
  '18': 'Lampung',
  '19': 'Kepulauan Bangka Belitung',
  '21': 'Kepulauan Riau',
  '31': 'DKI Jakarta',
  '32': 'Jawa Barat',
  '33': 'Jawa Tengah',
  '34': 'DI Yogyakarta',
  '35': 'Jawa Timur',
  '36': 'Banten',
  '51': 'Bali',
  '52': 'Nusa Tenggara Barat',
  '53': 'Nusa Tenggara Timur',
  '61': 'Kalimantan Barat',
  '62': 'Kalimantan Tengah',
  '63': 'Kalimantan Selatan',
  '64': 'Kalimantan Timur',
  '65': 'Kalimantan Utara',
  '71': 'Sulawesi Utara',
  '72': 'Sulawesi Tengah',
  '73': 'Sulawesi Selatan',
  '74': 'Sulawesi Tenggara',
  '75': 'Gorontalo',
  '76': 'Sulawesi Barat',
  '81': 'Maluku',
  '82': 'Maluku Utara',
  '91': 'Papua',
  '92': 'Papua Barat',
  '93': 'Papua Selatan',
  '94': 'Papua Tengah',
  '95': 'Papua Pegunungan',
  '96': 'Papua Barat Daya',
};
export const provinceName = (code: string | null | undefined): string => (code ? (PROVINCES[code] ?? code) : '');

export interface Accreditation {
  grade: string | null;
  valid_from: string | null;
  valid_to: string | null;
  status: AccreditationStatus;
}

export interface ProviderRef {
  id: number;
  code: string;
  name: string;
  kind: ProviderKind;
  accreditation_status: AccreditationStatus;
}

export interface SearchItem {
  id: number;
  code: string;
  title_id: string;
  title_en: string | null;
  summary_id: string | null;
  summary_en: string | null;
  category: Category;
  learning_form: LearningForm;
  jp: number;
  languages: string[];
  quality: number | null;
  competencies: { code: string; level_from: number; level_to: number }[];
  provider: ProviderRef;
  partners: { provider_id: number; code: string; name: string; roles: PartnerRole[] }[];
  accreditation: Accreditation;
  upcoming_offerings: number;
  seats_available: number;
  next_offering: { id: number; start_date: string; end_date: string; mode: DeliveryMode; province_code: string | null; seats_left: number; registration_closes: string } | null;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface SearchResult {
  total: number;
  page: number;
  page_size: number;
  query: { text: string | null; terms: { term: string; matched: string[] }[]; ignored: string[] };
  items: SearchItem[];
  facets: Record<'competency' | 'category' | 'learning_form' | 'provider_kind' | 'accreditation' | 'jp' | 'delivery' | 'province' | 'seats', FacetValue[]>;
}

export interface Session {
  id: number;
  offering_id: number;
  provider_id: number;
  provider_code: string;
  provider_name: string;
  title: string;
  module: string | null;
  starts_at: string;
  ends_at: string;
  jp: number | null;
  location: string | null;
}

export interface Offering {
  id: number;
  code: string;
  name: string | null;
  start_date: string;
  end_date: string;
  registration_opens: string;
  registration_closes: string;
  registration_open_now: boolean;
  capacity: number;
  seats_left: number;
  mode: DeliveryMode;
  province_code: string | null;
  province_name: string | null;
  regency_code: string | null;
  regency_name: string | null;
  venue: string | null;
  fee: number;
  status: OfferingStatus;
  sessions: Session[];
}

export interface AdminOffering extends Offering {
  programme_id: number;
  online_url: string | null;
  enrolled_count: number;
  quotas: { agency_id: number; agency_code: string; agency_name: string; seats: number }[];
}

export interface Partner {
  provider_id: number;
  code: string;
  name: string;
  kind: ProviderKind;
  roles: PartnerRole[];
  contribution: string | null;
  modules: string[];
  accreditation_status: AccreditationStatus;
}

export interface ProgrammeCore {
  id: number;
  code: string;
  title_id: string;
  title_en: string | null;
  description_id: string | null;
  description_en: string | null;
  category: Category;
  learning_form: LearningForm;
  jp: number;
  languages: string[];
  activity_iri: string | null;
  quality: number | null;
  eligibility: { position_tiers: string[]; rank_min: string | null; rank_max: string | null; prerequisites: { id: number; code: string; title_id: string; title_en: string | null }[] };
  competencies: { code: string; name_id: string | null; name_en: string | null; level_from: number; level_to: number }[];
  provider: ProviderRef;
  partners: Partner[];
  accreditation: Accreditation;
}

export interface PublicProgramme extends ProgrammeCore {
  offerings: Offering[];
}

export interface AccreditationRecord {
  id: number;
  scheme?: string;
  grade: string;
  category?: string | null;
  valid_from: string;
  valid_to: string;
  decision_number: string;
  documents: { name: string; url?: string }[];
  notes: string | null;
  recorded_by: string;
  created_at: string;
  status: AccreditationStatus;
}

export interface AdminProgramme extends ProgrammeCore {
  status: ProgrammeStatus;
  review_status: ReviewStatus;
  review_note: string | null;
  published_at: string | null;
  updated_at: string;
  my_part: 'manager' | 'partner' | 'reader';
  offerings: AdminOffering[];
  accreditations: AccreditationRecord[];
}

export interface ProgrammeListItem {
  id: number;
  code: string;
  title_id: string;
  title_en: string | null;
  category: Category;
  learning_form: LearningForm;
  jp: number;
  status: ProgrammeStatus;
  review_status: ReviewStatus;
  provider: ProviderRef;
  accreditation: Accreditation;
  my_part: 'manager' | 'partner' | 'reader';
  updated_at: string;
}

export interface PublicProvider {
  id: number;
  code: string;
  name: string;
  kind: ProviderKind;
  owning_agency_id: number | null;
  description_id: string | null;
  description_en: string | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  provinces_served: string[];
  accreditation: Accreditation;
}

/** The title, summary or description in the current language, falling back to Indonesian. */
export function useLocalised() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return <T extends string | null | undefined>(idText: T, enText: string | null | undefined): T | string => (en && enText ? enText : idText);
}

/** Field errors from the server, keyed by field without the "body." prefix. */
export function fieldErrorMap(errors: FieldError[]): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const e of errors) {
    const key = e.field.replace(/^(body|querystring|params)\.?/, '') || '_';
    (map[key] ??= []).push(e.message);
  }
  return map;
}

/** Errors of a field and every field below it ("competencies" also takes "competencies.0.code"). */
export function errorsUnder(map: Record<string, string[]>, field: string): string[] {
  return Object.entries(map)
    .filter(([k]) => k === field || k.startsWith(`${field}.`))
    .flatMap(([k, messages]) => (k === field ? messages : messages.map((m) => `${k.slice(field.length + 1)}: ${m}`)));
}

/** Removes empty values from a query object and builds a URL search string. */
export function toQuery(values: Record<string, string | number | boolean | readonly (string | number)[] | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** A translation by a key built at run time (unknown keys answer the key). */
const tDynamic = (key: string): string => (i18n.t as unknown as (k: string) => string)(key);

/** The national competencies have names in the catalogues; technical ones show their code. */
export function competencyLabel(code: string, name?: string | null): string {
  if (name) return `${code} ${name}`;
  const key = `competencyNames.${code.replace('.', '_')}`;
  return i18n.exists(key) ? `${code} ${tDynamic(key)}` : code;
}

