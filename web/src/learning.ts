// What the learner pages read from the learning, certificate and evaluation APIs, and small
// helpers they share: the Jakarta date, problem types, and where a notification leads.
import type { ApiError } from './api.ts';

export type EnrolmentStatus = 'requested' | 'approved' | 'enrolled' | 'waitlisted' | 'completed' | 'not_completed' | 'withdrawn' | 'no_show' | 'rejected';
export type Approval = 'pending' | 'approved' | 'rejected' | 'not_required';

export interface Enrolment {
  id: number;
  status: EnrolmentStatus;
  seat: 'held' | 'queued' | 'none';
  queuePosition: number | null;
  origin: 'self' | 'nomination';
  nominatedBy: string | null;
  mandatory: boolean;
  requiredByPosition: boolean;
  approvals: { supervisor: Approval; supervisorDecidedBy: string | null; agency: Approval; agencyDecidedBy: string | null };
  requestedAt: string;
  finishedAt: string | null;
  reason: string | null;
  score: number | null;
  attendancePct: number | null;
  learningRecordId: number | null;
  offering: { id: number; code: string; startDate: string; endDate: string; registrationCloses: string };
  programme: { id: number; code: string; title: string; titleEn: string | null; jp: number };
}

export type JpStatus = 'met' | 'on_track' | 'at_risk';

export interface LearningRecord {
  id: number;
  source: 'offering' | 'self_report' | 'xapi';
  sourceRef: string;
  programmeId: number | null;
  offeringId: number | null;
  learningForm: string;
  title: string;
  completedOn: string;
  jp: number;
  status: 'credited' | 'held' | 'reversed';
  evidenceUrl: string | null;
}

export interface Ledger {
  person: { id: number; name: string; agencyId: number };
  year: number;
  entitlement: number;
  jp: number;
  heldJp: number;
  expectedByNow: number;
  status: JpStatus;
  records: LearningRecord[];
}

export interface Activity {
  id: number;
  learningForm: string;
  title: string;
  organiser: string | null;
  startedOn: string;
  endedOn: string;
  minutes: number;
  jp: number;
  evidenceUrl: string | null;
  evidenceNote: string | null;
  status: 'submitted' | 'approved' | 'rejected' | string;
  decidedBy: string | null;
  decisionNote: string | null;
  createdAt: string;
}

export interface Conversion {
  learningForm: string;
  minutesPerJp: number;
  maxJpPerActivity: number | null;
  selfReportAllowed: boolean;
}

export interface Certificate {
  id: string;
  number: string;
  programme_id: number;
  programme_code: string;
  title_id: string;
  title_en: string | null;
  provider_name: string;
  holder_name: string;
  jp: number;
  completed_on: string;
  issued_at: string;
  status: 'valid' | 'revoked' | 'expired';
  revoked_at: string | null;
  revocation_reason: string | null;
  verify_url: string;
  pdf_url: string;
}

export interface MyEvaluation {
  certificate_id: string;
  number: string;
  programme: { id: number; code: string; title_id: string; title_en: string | null };
  offering_id: number | null;
  completed_on: string;
  revoked: boolean;
  reaction_submitted: boolean;
  change_project_expected: boolean;
  change_project_id: number | null;
  follow_up_due_on: string | null;
  follow_up_status: string | null;
}

export interface Question {
  key: string;
  textId: string;
  textEn: string;
}

export interface Notification {
  id: number;
  kind: string;
  /** Indonesian */
  title: string;
  body: string;
  /** English; null on notifications written before both languages were kept */
  title_en: string | null;
  body_en: string | null;
  link: string | null;
  entity_type: string | null;
  entity_id: string | null;
  created_at: string;
  read_at: string | null;
}

export interface NotificationList {
  unread: number;
  nextBefore: number | null;
  items: Notification[];
}

export interface PublicCertificate {
  id: string;
  number: string;
  status: 'valid' | 'revoked' | 'expired';
  holder_name: string;
  programme: { code: string; title_id: string; title_en: string | null };
  provider: { id: number; name: string };
  jp: number;
  completed_on: string;
  issued_at: string;
  revoked_at: string | null;
  verify_url: string;
}

export type VerificationStatus = 'valid' | 'revoked' | 'expired' | 'tampered' | 'unknown';

export interface Verification {
  status: VerificationStatus;
  detail: string;
  checks: { format: boolean; signature: string; issuer: string; expiry: string; revocation: string };
  kid: string | null;
  certificate: PublicCertificate | null;
}

export interface Contact {
  name: string;
  role?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface PublicChangeProject {
  id: number;
  title: string;
  agency: { id: number; name: string };
  programme: { id: number; code: string; title_id: string; category: string };
  provider: { id: number; name: string };
  problem: string;
  change: string;
  results: string;
  contacts: Contact[];
  outcome_status: string | null;
  year: string;
}

export interface ChangeProject extends PublicChangeProject {
  public: boolean;
  participant_public: boolean;
  agency_public: boolean;
  holder_name: string | null;
  outcome: { status: string; score: number | null; note: string | null } | null;
  my_rights: { edit: boolean; consent_participant: boolean; consent_agency: boolean; outcome: boolean };
}

/** Enrolments that still hold or wait for a place (the server's LIVE set). */
export const LIVE_STATUSES: readonly EnrolmentStatus[] = ['requested', 'approved', 'enrolled', 'waitlisted'];

/** Today's date in Jakarta (the server's calendar for deadlines), YYYY-MM-DD. */
export function todayJakarta(now = Date.now()): string {
  return new Date(now + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The learner may withdraw a live enrolment until registration closes (the server checks it again). */
export function learnerMayWithdraw(e: Enrolment, today = todayJakarta()): boolean {
  return LIVE_STATUSES.includes(e.status) && today <= e.offering.registrationCloses && today < e.offering.startDate;
}

/** The stable last part of a problem type ("https://…/problems/not-eligible" → "not-eligible"). */
export function problemKind(error: ApiError | null | undefined): string | undefined {
  return error?.type?.split('/').pop();
}

/** The web page a notification's link (written by the server) leads to. */
export function notificationPath(link: string | null): string | null {
  if (!link) return null;
  if (link === '/learning/jp') return '/pembelajaran';
  if (link === '/learning/approvals') return '/persetujuan';
  const enrolment = /^\/learning\/enrolments\/(\d+)$/.exec(link);
  if (enrolment) return `/pembelajaran?pendaftaran=${enrolment[1]}`;
  const certificate = /^\/learning\/certificates\/([0-9a-f-]{36})$/.exec(link);
  if (certificate) return `/pembelajaran?sertifikat=${certificate[1]}`;
  return link.startsWith('/') && !link.startsWith('//') ? link : null;
}

export const CHANGE_PROJECT_CATEGORIES = ['pkn1', 'pkn2', 'pka', 'pkp', 'latsar'] as const;
