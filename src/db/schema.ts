// Table types for Kysely. One interface per table; keep in step with migrations/.
import type { ColumnType, Generated } from 'kysely';
import type { CatalogDB, ProviderProfileColumns } from './catalog-schema.ts';
import type { LearningDB } from './learning-schema.ts';
import type { CertificateDB } from './certificate-schema.ts';
import type { AnalyticsDB } from './analytics-schema.ts';
import type { PlanningDB } from './planning-schema.ts';
import type { AllocationDB } from './allocation-schema.ts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export type AgencyKind = 'ministry' | 'national_agency' | 'province' | 'regency' | 'city';
export type ProviderKind = 'national_institute' | 'government_institution' | 'corporate_university' | 'private_company' | 'university' | 'foreign_government_institute';
export type Role = 'learner' | 'supervisor' | 'agency_admin' | 'provider_admin' | 'national_admin' | 'auditor';
export type ScopeType = 'national' | 'agency' | 'provider';

export interface AgencyTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: AgencyKind;
  province_code: string | null;
  region_code: string | null;
  parent_id: number | null;
  created_at: CreatedAt;
}

export interface UnitTable {
  id: Generated<number>;
  agency_id: number;
  parent_id: number | null;
  code: string;
  name: string;
}

export interface PositionTable {
  id: Generated<number>;
  agency_id: number;
  code: string;
  name: string;
  kind: 'managerial' | 'functional' | 'executor';
  tier: string;
}

export interface CivilServantTable {
  id: Generated<number>;
  agency_id: number;
  nip: string;
  name: string;
  gender: number;
  birth_date: string;
  tmt_cpns: string;
  rank: string;
  unit_id: number | null;
  position_id: number | null;
  supervisor_id: number | null;
  status: 'active' | 'leave' | 'retired' | 'dismissed';
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ProviderTable extends ProviderProfileColumns {
  id: Generated<number>;
  code: string;
  name: string;
  kind: ProviderKind;
  owning_agency_id: number | null;
  created_at: CreatedAt;
}

export interface UserAccountTable {
  id: Generated<string>;
  email: string;
  nip: string | null;
  display_name: string;
  password_hash: string | null;
  civil_servant_id: number | null;
  oidc_subject: string | null;
  locale: Generated<'id' | 'en'>;
  disabled: Generated<boolean>;
  password_changed_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface RoleGrantTable {
  id: Generated<number>;
  user_id: string;
  role: Role;
  scope_type: ScopeType;
  scope_id: number | null;
  created_at: CreatedAt;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  via: 'password' | 'oidc';
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface ApiTokenTable {
  id: Generated<string>;
  name: string;
  prefix: string;
  token_hash: string;
  role: Role;
  scope_type: ScopeType;
  scope_id: number | null;
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface RateCounterTable {
  key: string;
  window_start: Timestamp;
  count: number;
}

export interface OidcFlowTable {
  state: string;
  code_verifier: string;
  nonce: string;
  return_to: string;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actor_type: 'user' | 'token' | 'system';
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  scope_type: ScopeType;
  scope_id: number | null;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
}

export interface ImportRunTable {
  id: Generated<string>;
  kind: string;
  format: 'csv' | 'xlsx';
  file_name: string | null;
  dry_run: boolean;
  agency_id: number | null;
  status: Generated<'running' | 'validating' | 'applying' | 'validated' | 'applied' | 'refused' | 'failed'>;
  processed: Generated<number>;
  bytes_read: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  error_count: Generated<number>;
  message: string | null;
  actor_type: 'user' | 'token' | 'system';
  actor_id: string | null;
  actor_label: string;
  started_at: CreatedAt;
  finished_at: Timestamp | null;
}

export interface ImportRowTable {
  run_id: string;
  row_number: number;
  key: string;
  ref: string | null;
  agency_code: string | null;
  data: Json;
}

export interface ImportErrorTable {
  run_id: string;
  seq: number;
  row_number: number | null;
  column_name: string | null;
  message: string;
}

export interface XapiCredentialTable {
  id: Generated<string>;
  provider_id: number;
  name: string;
  key: string;
  secret_hash: string;
  may_read: Generated<boolean>;
  may_write: Generated<boolean>;
  last_version: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface XapiStatementTable {
  provider_id: number;
  seq: Generated<number>;
  id: string;
  stored: Timestamp;
  verb_id: string;
  activity_id: string | null;
  registration: string | null;
  voiding_target: string | null;
  object_statement: string | null;
  voided: Generated<boolean>;
  credential_id: string | null;
  statement: Json;
}

export interface XapiStatementAgentTable {
  provider_id: number;
  seq: number;
  agent_ifi: string;
  direct: boolean;
}

export interface XapiStatementActivityTable {
  provider_id: number;
  seq: number;
  activity_id: string;
  direct: boolean;
}

export interface XapiAttachmentTable {
  provider_id: number;
  sha2: string;
  content_type: string;
  content: Buffer;
  created_at: CreatedAt;
}

export interface XapiActivityTable {
  provider_id: number;
  id: string;
  definition: Json | null;
  first_seen: CreatedAt;
  last_seen: ColumnType<Date, Date | string | undefined, Date | string>;
  mapped_at: Timestamp | null;
}

export interface XapiActorTable {
  provider_id: number;
  ifi: string;
  agent: Json;
  first_seen: CreatedAt;
  last_seen: ColumnType<Date, Date | string | undefined, Date | string>;
  civil_servant_id: number | null;
}

export interface XapiDocumentTable {
  provider_id: number;
  kind: 'state' | 'activity_profile' | 'agent_profile';
  activity_id: string;
  agent_ifi: string;
  registration: string;
  doc_id: string;
  content_type: string;
  content: Buffer;
  etag: string;
  updated: Timestamp;
}

export interface XapiLedgerEntryTable {
  provider_id: number;
  statement_id: string;
  civil_servant_id: number;
  programme_id: number;
  learning_record_id: number | null;
  outcome: 'credited' | 'held' | 'duplicate' | 'reversed';
  reason: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DB extends CatalogDB, LearningDB, CertificateDB, AnalyticsDB, PlanningDB, AllocationDB {
  import_run: ImportRunTable;
  import_row: ImportRowTable;
  import_error: ImportErrorTable;
  agency: AgencyTable;
  unit: UnitTable;
  position: PositionTable;
  civil_servant: CivilServantTable;
  provider: ProviderTable;
  user_account: UserAccountTable;
  role_grant: RoleGrantTable;
  user_session: SessionTable;
  api_token: ApiTokenTable;
  rate_counter: RateCounterTable;
  oidc_flow: OidcFlowTable;
  audit_log: AuditLogTable;
  xapi_credential: XapiCredentialTable;
  xapi_statement: XapiStatementTable;
  xapi_statement_agent: XapiStatementAgentTable;
  xapi_statement_activity: XapiStatementActivityTable;
  xapi_attachment: XapiAttachmentTable;
  xapi_activity: XapiActivityTable;
  xapi_actor: XapiActorTable;
  xapi_document: XapiDocumentTable;
  xapi_ledger_entry: XapiLedgerEntryTable;
  competency_dictionary_version: CompetencyDictionaryVersionTable;
  competency: CompetencyTable;
  competency_level: CompetencyLevelTable;
  competency_tier_standard: CompetencyTierStandardTable;
  competency_position_standard: CompetencyPositionStandardTable;
  competency_settings: CompetencySettingsTable;
  competency_current: CompetencyCurrentTable;
  competency_current_count: CompetencyCurrentCountTable;
  competency_current_state: CompetencyCurrentStateTable;
  competency_assessment: CompetencyAssessmentTable;
  talent_rating: TalentRatingTable;
}

// Competency (migration 0002_competency)
export type CompetencyKind = 'managerial' | 'socio_cultural' | 'technical';
export type AssessmentMethod = 'assessment_centre' | 'cat' | '360' | 'portfolio' | 'self';
export type Performance = 'below' | 'meets' | 'above';
export type Potential = 'low' | 'middle' | 'high';

export interface CompetencyDictionaryVersionTable {
  id: Generated<number>;
  number: number;
  status: ColumnType<'draft' | 'published', 'draft' | 'published' | undefined, 'draft' | 'published'>;
  notes: string | null;
  created_at: CreatedAt;
  published_at: Timestamp | null;
}

export interface CompetencyTable {
  id: Generated<number>;
  version_id: number;
  kind: CompetencyKind;
  code: string;
  name_id: string;
  name_en: string;
  agency_id: number | null;
}

export interface CompetencyLevelTable {
  competency_id: number;
  level: number;
  descriptor_id: string;
  descriptor_en: string;
}

export interface CompetencyTierStandardTable {
  tier: string;
  competency_code: string;
  required_level: number;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CompetencyPositionStandardTable {
  position_id: number;
  agency_id: number;
  competency_code: string;
  required_level: number;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CompetencySettingsTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  assessment_validity_months: number;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CompetencyAssessmentTable {
  id: Generated<number>;
  agency_id: number;
  civil_servant_id: number;
  competency_id: number;
  competency_code: string;
  level: number;
  method: AssessmentMethod;
  /** calendar date, 'YYYY-MM-DD' */
  assessed_on: string;
  assessor: string;
  evidence: string | null;
  recorded_by: string;
  recorded_at: CreatedAt;
  voided_at: Timestamp | null;
  voided_by: string | null;
  void_reason: string | null;
}

/** Maintained by triggers (migration 0008): the latest non-void assessment per person × code. */
export interface CompetencyCurrentTable {
  civil_servant_id: number;
  competency_code: string;
  assessment_id: number;
  level: number;
  assessed_on: string;
  method: AssessmentMethod;
}

export interface CompetencyCurrentCountTable {
  position_id: number;
  competency_code: string;
  level: number;
  agency_id: number;
  people: number;
}

export interface CompetencyCurrentStateTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  cutoff: string;
}

export interface TalentRatingTable {
  id: Generated<number>;
  agency_id: number;
  civil_servant_id: number;
  period: string;
  performance: Performance;
  potential: Potential;
  /** generated by the database from performance × potential */
  box: ColumnType<number, never, never>;
  notes: string | null;
  rated_by: string;
  rated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
