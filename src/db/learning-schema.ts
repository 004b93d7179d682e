// Table types of learning (migration 0006_learning). The DB interface in schema.ts extends these.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type MaybeTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** numeric, as text */
type Numeric = ColumnType<string, string | number, string | number>;
type NullableNumeric = ColumnType<string | null, string | number | null | undefined, string | number | null>;
/** calendar date, 'YYYY-MM-DD' */
type DateText = string;

export type EnrolmentStatus = 'requested' | 'approved' | 'enrolled' | 'waitlisted' | 'completed' | 'not_completed' | 'withdrawn' | 'no_show' | 'rejected';
export type ApprovalState = 'pending' | 'approved' | 'rejected' | 'not_required';
export type AttendanceStatus = 'present' | 'late' | 'absent' | 'excused';
export type RecordSource = 'offering' | 'self_report' | 'xapi';
export type RecordStatus = 'credited' | 'held' | 'reversed';

export interface LearningAgencySettingTable {
  agency_id: number;
  agency_approval_required: boolean;
  updated_by: string;
  updated_at: UpdatedAt;
}

export interface ProgrammeCompletionRuleTable {
  programme_id: number;
  min_attendance_pct: number;
  pass_score: NullableNumeric;
  required_modules: ColumnType<string[], string[] | undefined, string[]>;
  updated_by: string;
  updated_at: UpdatedAt;
}

export interface EnrolmentTable {
  id: Generated<number>;
  offering_id: number;
  programme_id: number;
  civil_servant_id: number;
  agency_id: number;
  status: EnrolmentStatus;
  seat_held: ColumnType<boolean, boolean | undefined, boolean>;
  origin: 'self' | 'nomination';
  nominated_by: string | null;
  mandatory: ColumnType<boolean, boolean | undefined, boolean>;
  required_by_position: ColumnType<boolean, boolean | undefined, boolean>;
  priority_class: ColumnType<number, number | undefined, number>;
  priority_gap: ColumnType<number, number | undefined, number>;
  supervisor_id: number | null;
  supervisor_approval: ApprovalState;
  supervisor_decided_by: string | null;
  supervisor_decided_at: MaybeTime;
  agency_approval: ApprovalState;
  agency_decided_by: string | null;
  agency_decided_at: MaybeTime;
  requested_at: CreatedAt;
  approved_at: MaybeTime;
  seated_at: MaybeTime;
  waitlisted_at: MaybeTime;
  finished_at: MaybeTime;
  reason: string | null;
  score: NullableNumeric;
  attendance_pct: NullableNumeric;
  learning_record_id: number | null;
  reminded_at: MaybeTime;
  updated_at: UpdatedAt;
}

export interface AttendanceTable {
  enrolment_id: number;
  session_id: number;
  agency_id: number;
  status: AttendanceStatus;
  recorded_by: string;
  recorded_at: UpdatedAt;
}

export interface LearningFormConversionTable {
  learning_form: string;
  minutes_per_jp: number;
  max_jp_per_activity: NullableNumeric;
  self_report_allowed: ColumnType<boolean, boolean | undefined, boolean>;
  updated_by: string;
  updated_at: UpdatedAt;
}

export interface LearningRecordTable {
  id: Generated<number>;
  civil_servant_id: number;
  agency_id: number;
  year: number;
  source: RecordSource;
  source_ref: string;
  programme_id: number | null;
  offering_id: number | null;
  learning_form: string;
  title: string;
  completed_on: DateText;
  jp: Numeric;
  status: ColumnType<RecordStatus, RecordStatus | undefined, RecordStatus>;
  evidence_url: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SelfReportedActivityTable {
  id: Generated<number>;
  civil_servant_id: number;
  agency_id: number;
  supervisor_id: number | null;
  learning_form: string;
  title: string;
  organiser: string | null;
  started_on: DateText;
  ended_on: DateText;
  minutes: number;
  jp: Numeric;
  evidence_url: string | null;
  evidence_note: string | null;
  status: ColumnType<'submitted' | 'approved' | 'rejected' | 'withdrawn', 'submitted' | 'approved' | 'rejected' | 'withdrawn' | undefined, 'submitted' | 'approved' | 'rejected' | 'withdrawn'>;
  decided_by: string | null;
  decided_at: MaybeTime;
  decision_note: string | null;
  learning_record_id: number | null;
  created_at: CreatedAt;
}

export interface NotificationTable {
  id: Generated<number>;
  recipient_civil_servant_id: number | null;
  recipient_user_id: string | null;
  agency_id: number | null;
  kind: string;
  /** Indonesian */
  title: string;
  body: string;
  /** English (null on rows written before migration 0036 that had none) */
  title_en: string | null;
  body_en: string | null;
  link: string | null;
  entity_type: string | null;
  entity_id: string | null;
  created_at: CreatedAt;
  read_at: MaybeTime;
}

export interface EmailOutboxTable {
  id: Generated<number>;
  notification_id: number | null;
  to_address: string;
  subject: string;
  body: string;
  status: ColumnType<'pending' | 'sent' | 'failed', 'pending' | 'sent' | 'failed' | undefined, 'pending' | 'sent' | 'failed'>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: UpdatedAt;
  last_error: string | null;
  sent_at: MaybeTime;
  created_at: CreatedAt;
}

export interface LearningDB {
  learning_agency_setting: LearningAgencySettingTable;
  programme_completion_rule: ProgrammeCompletionRuleTable;
  enrolment: EnrolmentTable;
  attendance: AttendanceTable;
  learning_form_conversion: LearningFormConversionTable;
  learning_record: LearningRecordTable;
  self_reported_activity: SelfReportedActivityTable;
  notification: NotificationTable;
  email_outbox: EmailOutboxTable;
}
