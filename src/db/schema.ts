// Table types for Kysely. One interface per table; keep in step with migrations/.
import type { ColumnType, Generated } from 'kysely';

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

export interface ProviderTable {
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

export interface DB {
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
}
