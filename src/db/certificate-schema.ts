// Table types of certificates and evaluation (migration 0007_certificates). The DB interface in schema.ts extends these.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;
/** numeric, as text */
type Numeric = ColumnType<string, string | number, string | number>;
/** calendar date, 'YYYY-MM-DD' */
type DateText = string;

export type CredentialKeyStatus = 'active' | 'verifying' | 'retired';

export interface CredentialKeyTable {
  kid: string;
  alg: ColumnType<string, string | undefined, never>;
  public_jwk: Json;
  private_key_enc: string;
  kek_check: string;
  status: CredentialKeyStatus;
  created_at: CreatedAt;
  rotated_at: Timestamp | null;
  retired_at: Timestamp | null;
}

export interface CredentialStatusListTable {
  id: Generated<number>;
  purpose: ColumnType<string, string | undefined, never>;
  size: number;
  stride: number;
  next_counter: ColumnType<number, number | undefined, number>;
  open: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface CredentialStatusVersionTable {
  list_id: number;
  version: ColumnType<string, string | number | undefined, string | number>;
}

export interface CertificateTable {
  id: string;
  number: string;
  civil_servant_id: number;
  agency_id: number;
  programme_id: number;
  offering_id: number | null;
  learning_record_id: number | null;
  provider_id: number;
  holder_name: string;
  programme_code: string;
  title_id: string;
  title_en: string | null;
  provider_name: string;
  jp: Numeric;
  completed_on: DateText;
  valid_until: Timestamp | null;
  issued_at: ColumnType<Date, Date | string | undefined, never>;
  kid: string;
  jwt: string;
  status_list_id: number;
  status_index: number;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revocation_reason: string | null;
}

export interface EvaluationSettingsTable {
  programme_id: number;
  questions: Json | null;
  follow_up_months: number;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: string;
}

export interface EvaluationReactionTable {
  id: Generated<number>;
  certificate_id: string;
  civil_servant_id: number;
  agency_id: number;
  programme_id: number;
  offering_id: number | null;
  provider_id: number;
  answers: Json;
  score: Numeric;
  comments: string | null;
  submitted_at: CreatedAt;
}

export interface EvaluationTestScoreTable {
  offering_id: number;
  civil_servant_id: number;
  programme_id: number;
  pre_score: Numeric | null;
  post_score: Numeric | null;
  recorded_by: string;
  recorded_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface EvaluationFollowUpTable {
  id: Generated<number>;
  certificate_id: string;
  civil_servant_id: number;
  agency_id: number;
  programme_id: number;
  provider_id: number;
  due_on: DateText;
  status: ColumnType<'pending' | 'completed' | 'cancelled', 'pending' | 'completed' | 'cancelled' | undefined, 'pending' | 'completed' | 'cancelled'>;
  reminder_count: ColumnType<number, number | undefined, number>;
  last_reminded_at: Timestamp | null;
  answers: Json | null;
  score: Numeric | null;
  comments: string | null;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  created_at: CreatedAt;
}

export type OutcomeStatus = 'planned' | 'in_progress' | 'implemented' | 'sustained' | 'discontinued';

export interface ChangeProjectTable {
  id: Generated<number>;
  certificate_id: string;
  civil_servant_id: number;
  agency_id: number;
  programme_id: number;
  provider_id: number;
  title: string;
  problem: string;
  change: string;
  results: string;
  contacts: ColumnType<unknown, string | undefined, string>;
  participant_public: ColumnType<boolean, boolean | undefined, boolean>;
  agency_public: ColumnType<boolean, boolean | undefined, boolean>;
  outcome_status: OutcomeStatus | null;
  outcome_score: number | null;
  outcome_note: string | null;
  outcome_by: string | null;
  outcome_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  search_vector: ColumnType<string, never, never>;
}

export interface CertificateDB {
  credential_key: CredentialKeyTable;
  credential_status_list: CredentialStatusListTable;
  credential_status_version: CredentialStatusVersionTable;
  certificate: CertificateTable;
  evaluation_settings: EvaluationSettingsTable;
  evaluation_reaction: EvaluationReactionTable;
  evaluation_test_score: EvaluationTestScoreTable;
  evaluation_follow_up: EvaluationFollowUpTable;
  change_project: ChangeProjectTable;
}
