// Shapes of the learning, evaluation and certificate APIs the admin pages use (supervisor inbox,
// agency nominations and JP compliance, the provider's cohort page, the conversion table), and
// small helpers they share.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from './auth.tsx';
import { useApi } from './hooks.ts';
import { grantsFor, hasAnyRole } from './roles.ts';

export const ENROLMENT_STATUSES = ['requested', 'approved', 'enrolled', 'waitlisted', 'completed', 'not_completed', 'withdrawn', 'no_show', 'rejected'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
export type Approval = 'pending' | 'approved' | 'rejected' | 'not_required';
export const ATTENDANCE = ['present', 'late', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE)[number];
export const JP_STATUSES = ['met', 'on_track', 'at_risk'] as const;
export type JpStatus = (typeof JP_STATUSES)[number];
export const OUTCOME_STATUSES = ['planned', 'in_progress', 'implemented', 'sustained', 'discontinued'] as const;

export interface Enrolment {
  id: number;
  status: EnrolmentStatus;
  seat: 'held' | 'queued' | 'none';
  queuePosition: number | null;
  origin: 'self' | 'nomination';
  nominatedBy: string | null;
  mandatory: boolean;
  requiredByPosition: boolean;
  priorityGap: number;
  approvals: { supervisor: Approval; supervisorDecidedBy: string | null; agency: Approval; agencyDecidedBy: string | null };
  requestedAt: string;
  finishedAt: string | null;
  reason: string | null;
  score: number | null;
  attendancePct: number | null;
  learningRecordId: number | null;
  person: { id: number; name: string; agencyId: number };
  offering: { id: number; code: string; startDate: string; endDate: string; registrationCloses: string };
  programme: { id: number; code: string; title: string; jp: number };
}

export interface Activity {
  id: number;
  civilServantId: number;
  personName: string | null;
  learningForm: string;
  title: string;
  organiser: string | null;
  startedOn: string;
  endedOn: string;
  minutes: number;
  jp: number;
  evidenceUrl: string | null;
  evidenceNote: string | null;
  status: string;
  createdAt: string;
}

export interface ApprovalInbox {
  asSupervisor: Enrolment[];
  asAgency: Enrolment[];
  activities: Activity[];
}

export interface Question {
  key: string;
  textId: string;
  textEn: string;
}

export interface FollowUp {
  id: number;
  certificate_id: string;
  due_on: string;
  status: string;
  civil_servant_id: number;
  name: string;
  programme_id: number;
  programme_code: string;
  title_id: string;
  title_en: string | null;
  completed_on: string;
  questions: Question[];
}

export interface ChangeProjectItem {
  id: number;
  title: string;
  agency: { id: number; name: string };
  programme: { id: number; code: string; title_id: string; category: string };
  provider: { id: number; name: string };
  problem: string;
  change: string;
  results: string;
  year: string;
  holder_name: string | null;
  outcome_status: string | null;
  outcome_score: number | null;
  outcome_note: string | null;
  my_rights: { outcome: boolean; supervisor: boolean; edit: boolean };
}

export interface NominationResult {
  civilServantId: number;
  outcome: 'requested' | 'enrolled' | 'waitlisted' | 'refused';
  enrolmentId: number | null;
  seatHeld: boolean;
  problem: { status: number; type: string; detail: string } | null;
}

export interface ComplianceCounts {
  people: number;
  met: number;
  on_track: number;
  at_risk: number;
  jp: number;
  averageJp: number;
}

export interface Compliance {
  agency: { id: number; code: string; name: string };
  year: number;
  entitlement: number;
  expectedByNow: number;
  totals: ComplianceCounts & { metPct: number };
  units: (ComplianceCounts & { unitId: number | null; unitName: string | null })[];
  people: { id: number; name: string; unitId: number | null; unitName: string | null; jp: number; status: JpStatus }[];
  nextAfter: number | null;
}

export interface CohortSession {
  id: number;
  title: string;
  module: string | null;
  providerId: number;
  providerCode: string;
  startsAt: string;
  endsAt: string;
  jp: number | null;
  mayRecord: boolean;
}

export interface Cohort {
  offering: { id: number; code: string; programmeId: number; programmeCode: string; startDate: string; endDate: string; capacity: number; seatsTaken: number; seatsLeft: number; status: string };
  rule: { minAttendancePct: number; passScore: number | null; requiredModules: string[]; isDefault: boolean };
  sessions: CohortSession[];
  participants: (Enrolment & { attendance: (AttendanceStatus | null)[] })[];
  waitlist: Enrolment[];
  others: { id: number; status: EnrolmentStatus; person: { id: number; name: string; agencyId: number }; reason: string | null }[];
}

export interface CohortListItem {
  id: number;
  code: string;
  name: string | null;
  status: string;
  startDate: string;
  endDate: string;
  capacity: number;
  seatsTaken: number;
  enrolled: number;
  waiting: number;
  finished: number;
  programme: { id: number; code: string; titleId: string; titleEn: string | null };
  leadProviderCode: string;
  myPart: 'lead' | 'partner' | 'reader';
}

export interface CompletionResult {
  enrolmentId: number;
  outcome: 'completed' | 'not_completed' | 'refused';
  attendancePct: number | null;
  reasons: string[];
  learningRecordId: number | null;
  certificateId: string | null;
}

export interface TestScore {
  civil_servant_id: number;
  name: string;
  pre: number | null;
  post: number | null;
  gain: number | null;
}

export interface CertificateItem {
  id: string;
  number: string;
  civil_servant_id: number;
  offering_id: number | null;
  holder_name: string;
  status: string;
  pdf_url: string;
}

export interface Conversion {
  learningForm: string;
  minutesPerJp: number;
  maxJpPerActivity: number | null;
  selfReportAllowed: boolean;
  updatedBy: string;
  updatedAt: string;
}

export interface CompletionRules {
  programmeId: number;
  minAttendancePct: number;
  passScore: number | null;
  requiredModules: string[];
  isDefault: boolean;
}

/** The last path segment of a problem type URL (".../problems/not-eligible" → "not-eligible"). */
export const problemKind = (type: string) => type.split('/').pop() ?? type;

/** Attendance % as the completion rule counts it: present or late over the sessions not excused; null while a session has no mark. */
export function attendancePct(marks: (AttendanceStatus | null)[]): number | null {
  if (marks.length === 0 || marks.some((m) => m === null)) return null;
  const counted = marks.filter((m) => m !== 'excused');
  if (counted.length === 0) return 100;
  return Math.round((counted.filter((m) => m === 'present' || m === 'late').length / counted.length) * 10000) / 100;
}

export interface AgencyChoice {
  agencies: { id: number; name: string }[];
  agencyId: number | null;
  setAgencyId(id: number): void;
  loading: boolean;
}

/**
 * The agency an agency page works on: the user's own (agency admins and auditors), chosen from a
 * list when they have several or hold a national role.
 */
export function useAgencyChoice(roles: readonly ('agency_admin' | 'auditor')[] = ['agency_admin', 'auditor']): AgencyChoice {
  const me = useMe();
  const own = useMemo(
    () => roles.flatMap((r) => grantsFor(me, r)).filter((g) => g.scopeType === 'agency' && g.scopeId !== null).map((g) => ({ id: g.scopeId as number, name: g.scopeName ?? g.scope })),
    [me, roles],
  );
  const national = hasAnyRole(me, ['national_admin']) || me.grants.some((g) => g.role === 'auditor' && g.scopeType === 'national');
  const all = useApi<{ items: { id: number; name: string }[] }>(national ? '/api/agencies?limit=200' : null);
  const agencies = useMemo(() => {
    const seen = new Set<number>();
    return [...own, ...(all.data?.items ?? [])].filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)));
  }, [own, all.data]);
  const [agencyId, setAgencyId] = useState<number | null>(own[0]?.id ?? null);
  useEffect(() => {
    if (agencyId === null && agencies.length) setAgencyId(agencies[0].id);
  }, [agencies, agencyId]);
  return { agencies, agencyId, setAgencyId, loading: all.loading };
}

/** Label helpers over the learningAdmin catalogue (keys built from API values). */
export function useLearningLabels() {
  const { t, i18n } = useTranslation();
  const pick = (key: string, fallback: string) => (i18n.exists(key) ? t(key as 'learningAdmin.status.requested') : fallback);
  return {
    status: (s: string) => pick(`learningAdmin.status.${s}`, s),
    attendance: (s: string) => pick(`learningAdmin.attendance.${s}`, s),
    jpStatus: (s: string) => pick(`learningAdmin.jpStatus.${s}`, s),
    form: (s: string) => pick(`learningForm.${s}`, s),
    outcome: (s: string) => pick(`learningAdmin.outcomeStatus.${s}`, s),
    problem: (type: string) => pick(`learningAdmin.problem.${problemKind(type)}`, problemKind(type)),
  };
}

export const STATUS_TAG: Record<string, string> = {
  requested: 'tag-draft',
  approved: 'tag-draft',
  enrolled: 'tag-ok',
  waitlisted: '',
  completed: 'tag-ok',
  not_completed: 'tag-danger',
  withdrawn: 'tag-muted',
  no_show: 'tag-danger',
  rejected: 'tag-muted',
  met: 'tag-ok',
  on_track: '',
  at_risk: 'tag-danger',
};
