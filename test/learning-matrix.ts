// The learning routes of the route × role matrix (spread into test/access-matrix.ts), and the
// ids they need. Writes that would change a shared demo record send a body the route refuses on
// its merits (400), so each allowed role is let through and the record stays as it was;
// record-level rules are tested in test/learning.test.ts.
import type { Kysely } from 'kysely';
import type { DB, Role } from '../src/db/schema.ts';
import type { RouteCase } from './access-matrix.ts';

export interface LearningFixtures {
  /** the demo learner's request awaiting the demo supervisor */
  enrolmentId: number;
  /** the demo learner's self-reported activity awaiting the demo supervisor */
  activityId: number;
  /** an offering open for registration */
  openOfferingId: number;
}

export async function learningFixtures(db: Kysely<DB>, learnerId: number): Promise<LearningFixtures> {
  const e = await db.selectFrom('enrolment').select('id').where('civil_servant_id', '=', learnerId).where('status', '=', 'requested').orderBy('id').executeTakeFirstOrThrow();
  const a = await db.selectFrom('self_reported_activity').select('id').where('civil_servant_id', '=', learnerId).where('status', '=', 'submitted').orderBy('id').executeTakeFirstOrThrow();
  const o = await db.selectFrom('offering as o').innerJoin('programme as p', 'p.id', 'o.programme_id').select('o.id').where('p.code', '=', 'WAWASAN-KEBANGSAAN').where('o.code', '=', 'SEMINAR-BANDUNG').executeTakeFirstOrThrow();
  return { enrolmentId: e.id, activityId: a.id, openOfferingId: o.id };
}

const ALL: Role[] = ['learner', 'supervisor', 'agency_admin', 'provider_admin', 'national_admin', 'auditor'];
const CIVIL_SERVANTS: Role[] = ['learner', 'supervisor'];
const DECIDERS: Role[] = ['supervisor', 'agency_admin', 'national_admin'];
const AGENCY: Role[] = ['agency_admin', 'national_admin'];
const AGENCY_READERS: Role[] = ['agency_admin', 'national_admin', 'auditor'];
const PROVIDERS: Role[] = ['provider_admin', 'national_admin'];
const PROVIDER_READERS: Role[] = ['provider_admin', 'national_admin', 'auditor'];

export const learningMatrix: RouteCase[] = [
  // enrolment: the learner (any civil servant)
  { method: 'POST', route: '/api/learning/enrolments', url: () => '/api/learning/enrolments', body: (f) => ({ offeringId: f.learning.openOfferingId }), allow: CIVIL_SERVANTS },
  { method: 'GET', route: '/api/learning/enrolments/mine', url: () => '/api/learning/enrolments/mine', allow: ALL },
  // the demo learner's request: themselves, their supervisor, their agency, national roles (the provider is KEMENKEU-CU, not LAN)
  { method: 'GET', route: '/api/learning/enrolments/{id}', url: (f) => `/api/learning/enrolments/${f.learning.enrolmentId}`, allow: ['learner', 'supervisor', 'agency_admin', 'national_admin', 'auditor'] },
  { method: 'POST', route: '/api/learning/enrolments/{id}/withdraw', url: (f) => `/api/learning/enrolments/${f.learning.enrolmentId}/withdraw`, body: () => ({ reason: '' }), allow: ALL },
  // approvals (a note or reason the route refuses keeps the request as it is)
  { method: 'GET', route: '/api/learning/approvals', url: () => '/api/learning/approvals', allow: DECIDERS },
  { method: 'POST', route: '/api/learning/enrolments/{id}/approve', url: (f) => `/api/learning/enrolments/${f.learning.enrolmentId}/approve`, body: () => ({ note: '' }), allow: DECIDERS },
  { method: 'POST', route: '/api/learning/enrolments/{id}/reject', url: (f) => `/api/learning/enrolments/${f.learning.enrolmentId}/reject`, body: () => ({}), allow: DECIDERS },
  // agency admin
  { method: 'POST', route: '/api/learning/nominations', url: () => '/api/learning/nominations', body: (f) => ({ offeringId: f.learning.openOfferingId, civilServantIds: [f.learnerPersonId] }), allow: AGENCY },
  { method: 'GET', route: '/api/learning/agencies/{id}/enrolments', url: (f) => `/api/learning/agencies/${f.agencyId}/enrolments`, allow: AGENCY_READERS },
  { method: 'GET', route: '/api/learning/agencies/{id}/settings', url: (f) => `/api/learning/agencies/${f.agencyId}/settings`, allow: AGENCY_READERS },
  { method: 'PUT', route: '/api/learning/agencies/{id}/settings', url: (f) => `/api/learning/agencies/${f.agencyId}/settings`, body: () => ({ agencyApprovalRequired: false }), allow: AGENCY },
  { method: 'GET', route: '/api/learning/agencies/{id}/jp-compliance', url: (f) => `/api/learning/agencies/${f.agencyId}/jp-compliance`, allow: AGENCY_READERS },
  { method: 'GET', route: '/api/learning/agencies/{id}/jp-compliance.csv', url: (f) => `/api/learning/agencies/${f.agencyId}/jp-compliance.csv`, allow: AGENCY_READERS },
  { method: 'GET', route: '/api/learning/jp-compliance/national', url: () => '/api/learning/jp-compliance/national', allow: ['national_admin', 'auditor'] },
  // provider: the cohort of LAN's joint PKP offering
  { method: 'GET', route: '/api/learning/cohorts', url: () => '/api/learning/cohorts', allow: PROVIDER_READERS },
  { method: 'GET', route: '/api/learning/offerings/{id}/cohort', url: (f) => `/api/learning/offerings/${f.catalog.offeringId}/cohort`, allow: PROVIDER_READERS },
  { method: 'PUT', route: '/api/learning/offerings/{id}/attendance', url: (f) => `/api/learning/offerings/${f.catalog.offeringId}/attendance`, body: () => ({ records: [] }), allow: PROVIDERS },
  { method: 'PUT', route: '/api/learning/offerings/{id}/scores', url: (f) => `/api/learning/offerings/${f.catalog.offeringId}/scores`, body: () => ({ scores: [] }), allow: PROVIDERS },
  { method: 'POST', route: '/api/learning/offerings/{id}/no-shows', url: (f) => `/api/learning/offerings/${f.catalog.offeringId}/no-shows`, body: () => ({ enrolmentIds: [] }), allow: PROVIDERS },
  { method: 'POST', route: '/api/learning/offerings/{id}/completions', url: (f) => `/api/learning/offerings/${f.catalog.offeringId}/completions`, body: () => ({ items: [] }), allow: PROVIDERS },
  { method: 'GET', route: '/api/learning/programmes/{id}/completion-rules', url: (f) => `/api/learning/programmes/${f.catalog.programmeId}/completion-rules`, allow: PROVIDER_READERS },
  { method: 'PUT', route: '/api/learning/programmes/{id}/completion-rules', url: (f) => `/api/learning/programmes/${f.catalog.programmeId}/completion-rules`, body: () => ({ minAttendancePct: 80, passScore: null, requiredModules: [] }), allow: PROVIDERS },
  // JP ledger
  { method: 'GET', route: '/api/learning/jp/mine', url: () => '/api/learning/jp/mine', allow: CIVIL_SERVANTS },
  { method: 'GET', route: '/api/learning/people/{id}/jp', url: (f) => `/api/learning/people/${f.learnerPersonId}/jp`, allow: ['learner', 'supervisor', 'agency_admin', 'national_admin', 'auditor'] },
  { method: 'GET', route: '/api/learning/people/{id}/jp', url: (f) => `/api/learning/people/${f.foreignPersonId}/jp`, allow: ['national_admin', 'auditor'] },
  { method: 'POST', route: '/api/learning/activities', url: () => '/api/learning/activities', body: () => ({}), allow: CIVIL_SERVANTS },
  { method: 'GET', route: '/api/learning/activities/mine', url: () => '/api/learning/activities/mine', allow: ALL },
  { method: 'POST', route: '/api/learning/activities/{id}/approve', url: (f) => `/api/learning/activities/${f.learning.activityId}/approve`, body: () => ({ note: '' }), allow: DECIDERS },
  { method: 'POST', route: '/api/learning/activities/{id}/reject', url: (f) => `/api/learning/activities/${f.learning.activityId}/reject`, body: () => ({}), allow: DECIDERS },
  { method: 'GET', route: '/api/learning/jp-conversions', url: () => '/api/learning/jp-conversions', allow: ALL },
  { method: 'PUT', route: '/api/learning/jp-conversions/{form}', url: () => '/api/learning/jp-conversions/course', body: () => ({ minutesPerJp: 45, maxJpPerActivity: null, selfReportAllowed: true }), allow: ['national_admin'] },
  // notifications: everyone, their own
  { method: 'GET', route: '/api/notifications', url: () => '/api/notifications', allow: ALL },
  { method: 'POST', route: '/api/notifications/read', url: () => '/api/notifications/read', body: () => ({ all: true }), allow: ALL },
];
