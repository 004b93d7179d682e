// The app's pages: path, who may open them (checked here for the user's sake; the server
// enforces the same on every API call) and their navigation label. A path segment ":name" is
// a parameter the page receives in `params`. Pages beyond the first screen load on demand.
import { lazy, type ComponentType } from 'react';
import type { Role } from './roles.ts';
import { HomePage } from './pages/HomePage.tsx';
import { StaffPage } from './pages/StaffPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { PasswordPage } from './pages/PasswordPage.tsx';

const MyCompetencyPage = lazy(() => import('./pages/competency/MyCompetencyPage.tsx'));
const TeamPage = lazy(() => import('./pages/competency/TeamPage.tsx'));
const PersonPage = lazy(() => import('./pages/PersonPage.tsx'));
const ImportPage = lazy(() => import('./pages/ImportPage.tsx'));
const DictionaryPage = lazy(() => import('./pages/admin/DictionaryPage.tsx'));
const StandardsPage = lazy(() => import('./pages/admin/StandardsPage.tsx'));
const NationalGapsPage = lazy(() => import('./pages/competency/NationalGapsPage.tsx'));
const AgencyGapsPage = lazy(() => import('./pages/competency/AgencyGapsPage.tsx'));
const CatalogPage = lazy(() => import('./pages/catalog/CatalogPage.tsx'));
const ProgrammePage = lazy(() => import('./pages/catalog/ProgrammePage.tsx'));
const MyProgrammesPage = lazy(() => import('./pages/provider/MyProgrammesPage.tsx'));
const ProgrammeEditorPage = lazy(() => import('./pages/provider/ProgrammeEditorPage.tsx'));
const ProvidersPage = lazy(() => import('./pages/admin/ProvidersPage.tsx'));
const ProviderAdminPage = lazy(() => import('./pages/admin/ProviderAdminPage.tsx'));
const ReviewQueuePage = lazy(() => import('./pages/admin/ReviewQueuePage.tsx'));
const LrsPage = lazy(() => import('./pages/lrs/LrsPage.tsx'));
const MyLearningPage = lazy(() => import('./pages/learner/MyLearningPage.tsx'));
const ActivityPage = lazy(() => import('./pages/learner/ActivityPage.tsx'));
const ReactionSurveyPage = lazy(() => import('./pages/learner/ReactionSurveyPage.tsx'));
const ChangeProjectPage = lazy(() => import('./pages/learner/ChangeProjectPage.tsx'));
const NotificationsPage = lazy(() => import('./pages/learner/NotificationsPage.tsx'));
const VerifyPage = lazy(() => import('./pages/learner/VerifyPage.tsx'));
const ChangeProjectsPage = lazy(() => import('./pages/learner/ChangeProjectsPage.tsx'));
const ServerLinkPage = lazy(() => import('./pages/learner/ServerLinkPage.tsx'));
const ApprovalsPage = lazy(() => import('./pages/learningAdmin/ApprovalsPage.tsx'));
const NominationsPage = lazy(() => import('./pages/learningAdmin/NominationsPage.tsx'));
const AgencyEnrolmentsPage = lazy(() => import('./pages/learningAdmin/AgencyEnrolmentsPage.tsx'));
const CompliancePage = lazy(() => import('./pages/learningAdmin/CompliancePage.tsx'));
const CohortsPage = lazy(() => import('./pages/learningAdmin/CohortsPage.tsx'));
const CohortPage = lazy(() => import('./pages/learningAdmin/CohortPage.tsx'));
const JpConversionsPage = lazy(() => import('./pages/learningAdmin/JpConversionsPage.tsx'));
const NationalDashboardPage = lazy(() => import('./pages/analytics/NationalDashboardPage.tsx'));
const AgencyDashboardPage = lazy(() => import('./pages/analytics/AgencyDashboardPage.tsx'));
const ProviderDashboardPage = lazy(() => import('./pages/analytics/ProviderDashboardPage.tsx'));
const RecommendationsPage = lazy(() => import('./pages/planning/RecommendationsPage.tsx'));
const MyPlanPage = lazy(() => import('./pages/planning/MyPlanPage.tsx'));
const PlanApprovalsPage = lazy(() => import('./pages/planning/PlanApprovalsPage.tsx'));
const AgencyPlanPage = lazy(() => import('./pages/planning/AgencyPlanPage.tsx'));
const NationalPlansPage = lazy(() => import('./pages/planning/NationalPlansPage.tsx'));
const AllocationPage = lazy(() => import('./pages/allocation/AllocationPage.tsx'));

export const LOGIN_PATH = '/masuk';
/** Old or English addresses that lead to the Indonesian ones. */
export const REDIRECTS: Record<string, string> = { '/login': LOGIN_PATH, '/learning/jp': '/pembelajaran' };

type NavKey =
  | 'nav.home'
  | 'nav.myCompetency'
  | 'nav.team'
  | 'nav.staff'
  | 'nav.agencyGaps'
  | 'nav.import'
  | 'nav.dictionary'
  | 'nav.standards'
  | 'nav.nationalGaps'
  | 'nav.users'
  | 'nav.audit'
  | 'nav.catalog'
  | 'nav.programmes'
  | 'nav.providers'
  | 'nav.review'
  | 'nav.lrs'
  | 'learner.nav.myLearning'
  | 'learner.nav.changeProjects'
  | 'learningAdmin.nav.approvals'
  | 'learningAdmin.nav.nominations'
  | 'learningAdmin.nav.compliance'
  | 'learningAdmin.nav.cohorts'
  | 'learningAdmin.nav.conversions'
  | 'analytics.nav.national'
  | 'analytics.nav.agency'
  | 'analytics.nav.provider'
  | 'planning.nav.recommendations'
  | 'planning.nav.myPlan'
  | 'planning.nav.approvals'
  | 'planning.nav.agencyPlan'
  | 'planning.nav.nationalPlans'
  | 'allocation.nav.allocation';

export interface PageProps {
  params: Record<string, string>;
}

export interface RouteDef {
  path: string;
  page: ComponentType<PageProps>;
  /** Any of these roles opens the page; undefined: anyone signed in. */
  roles?: readonly Role[];
  nav?: NavKey;
  /** Shown in the navigation only to these roles (default: `roles`). */
  navRoles?: readonly Role[];
  /** Open to visitors who are not signed in (the public catalogue). */
  public?: boolean;
}

export const PEOPLE_PAGE_ROLES = ['supervisor', 'agency_admin', 'national_admin', 'auditor'] as const;

export const PROGRAMME_ADMIN_ROLES = ['provider_admin', 'national_admin'] as const;

/** Civil servants: they have a JP ledger, enrolments and certificates of their own. */
export const CIVIL_SERVANT_ROLES = ['learner', 'supervisor'] as const;

export const ROUTES: RouteDef[] = [
  { path: '/', page: HomePage, nav: 'nav.home' },
  { path: '/kompetensi', page: MyCompetencyPage, roles: ['learner'], nav: 'nav.myCompetency' },
  { path: '/pembelajaran', page: MyLearningPage, roles: CIVIL_SERVANT_ROLES, nav: 'learner.nav.myLearning', navRoles: ['learner'] },
  { path: '/pembelajaran/kegiatan', page: ActivityPage, roles: CIVIL_SERVANT_ROLES },
  { path: '/pembelajaran/sertifikat/:id/evaluasi', page: ReactionSurveyPage, roles: CIVIL_SERVANT_ROLES },
  { path: '/pembelajaran/sertifikat/:id/aksi-perubahan', page: ChangeProjectPage, roles: CIVIL_SERVANT_ROLES },
  { path: '/learning/enrolments/:id', page: ServerLinkPage },
  { path: '/learning/certificates/:id', page: ServerLinkPage },
  { path: '/notifikasi', page: NotificationsPage },
  { path: '/tim', page: TeamPage, roles: ['supervisor'], nav: 'nav.team' },
  { path: '/pegawai', page: StaffPage, roles: PEOPLE_PAGE_ROLES, nav: 'nav.staff' },
  { path: '/pegawai/:id', page: PersonPage, roles: PEOPLE_PAGE_ROLES },
  { path: '/analitik/instansi', page: AgencyGapsPage, roles: ['agency_admin'], nav: 'nav.agencyGaps' },
  { path: '/analitik/instansi/:id', page: AgencyGapsPage, roles: ['agency_admin', 'national_admin', 'auditor'] },
  { path: '/impor', page: ImportPage, roles: ['agency_admin', 'national_admin'], nav: 'nav.import' },
  { path: '/admin/kamus', page: DictionaryPage, roles: ['national_admin'], nav: 'nav.dictionary' },
  { path: '/admin/standar', page: StandardsPage, roles: ['national_admin'], nav: 'nav.standards' },
  { path: '/analitik/nasional', page: NationalGapsPage, roles: ['national_admin', 'auditor'], nav: 'nav.nationalGaps' },
  { path: '/admin/pengguna', page: UsersPage, roles: ['national_admin', 'agency_admin', 'provider_admin'], nav: 'nav.users' },
  { path: '/audit', page: AuditPage, roles: ['auditor', 'national_admin'], nav: 'nav.audit' },
  { path: '/katalog', page: CatalogPage, public: true, nav: 'nav.catalog', navRoles: ['learner', 'supervisor', 'agency_admin'] },
  { path: '/katalog/:id', page: ProgrammePage, public: true },
  { path: '/aksi-perubahan', page: ChangeProjectsPage, public: true, nav: 'learner.nav.changeProjects', navRoles: ['learner', 'supervisor', 'agency_admin', 'provider_admin'] },
  { path: '/verifikasi', page: VerifyPage, public: true },
  { path: '/verifikasi/:id', page: VerifyPage, public: true },
  { path: '/penyelenggara/program', page: MyProgrammesPage, roles: PROGRAMME_ADMIN_ROLES, nav: 'nav.programmes' },
  { path: '/penyelenggara/program/baru', page: ProgrammeEditorPage, roles: PROGRAMME_ADMIN_ROLES },
  { path: '/penyelenggara/program/:id', page: ProgrammeEditorPage, roles: [...PROGRAMME_ADMIN_ROLES, 'auditor'] },
  { path: '/admin/penyelenggara', page: ProvidersPage, roles: ['national_admin'], nav: 'nav.providers' },
  { path: '/admin/penyelenggara/:id', page: ProviderAdminPage, roles: ['national_admin', 'provider_admin', 'auditor'] },
  { path: '/admin/tinjauan', page: ReviewQueuePage, roles: ['national_admin'], nav: 'nav.review' },
  { path: '/lrs', page: LrsPage, roles: ['provider_admin', 'national_admin', 'auditor'], nav: 'nav.lrs' },
  { path: '/persetujuan', page: ApprovalsPage, roles: ['supervisor', 'agency_admin', 'national_admin'], nav: 'learningAdmin.nav.approvals', navRoles: ['supervisor'] },
  { path: '/instansi/nominasi', page: NominationsPage, roles: ['agency_admin', 'national_admin'], nav: 'learningAdmin.nav.nominations', navRoles: ['agency_admin'] },
  { path: '/instansi/pendaftaran', page: AgencyEnrolmentsPage, roles: ['agency_admin', 'national_admin', 'auditor'] },
  { path: '/instansi/kepatuhan-jp', page: CompliancePage, roles: ['agency_admin', 'national_admin', 'auditor'], nav: 'learningAdmin.nav.compliance', navRoles: ['agency_admin'] },
  { path: '/penyelenggara/angkatan', page: CohortsPage, roles: [...PROGRAMME_ADMIN_ROLES, 'auditor'], nav: 'learningAdmin.nav.cohorts', navRoles: ['provider_admin'] },
  { path: '/penyelenggara/angkatan/:id', page: CohortPage, roles: [...PROGRAMME_ADMIN_ROLES, 'auditor'] },
  { path: '/admin/konversi-jp', page: JpConversionsPage, roles: ['national_admin', 'auditor'], nav: 'learningAdmin.nav.conversions', navRoles: ['national_admin'] },
  { path: '/dasbor/nasional', page: NationalDashboardPage, roles: ['national_admin', 'auditor'], nav: 'analytics.nav.national' },
  { path: '/dasbor/instansi', page: AgencyDashboardPage, roles: ['agency_admin'], nav: 'analytics.nav.agency' },
  { path: '/dasbor/instansi/:id', page: AgencyDashboardPage, roles: ['agency_admin', 'national_admin', 'auditor'] },
  { path: '/dasbor/penyelenggara', page: ProviderDashboardPage, roles: ['provider_admin'], nav: 'analytics.nav.provider' },
  { path: '/dasbor/penyelenggara/:id', page: ProviderDashboardPage, roles: ['provider_admin', 'national_admin', 'auditor'] },
  // planning (the specific /rencana/… paths before /rencana/:id)
  { path: '/rekomendasi', page: RecommendationsPage, roles: ['learner'], nav: 'planning.nav.recommendations' },
  { path: '/rencana', page: MyPlanPage, roles: ['learner'], nav: 'planning.nav.myPlan' },
  { path: '/rencana/persetujuan', page: PlanApprovalsPage, roles: ['supervisor', 'agency_admin'], nav: 'planning.nav.approvals' },
  { path: '/rencana/instansi', page: AgencyPlanPage, roles: ['agency_admin'], nav: 'planning.nav.agencyPlan' },
  { path: '/rencana/instansi/:id', page: AgencyPlanPage, roles: ['agency_admin', 'national_admin', 'auditor'] },
  { path: '/rencana/nasional', page: NationalPlansPage, roles: ['national_admin', 'auditor'], nav: 'planning.nav.nationalPlans' },
  { path: '/alokasi', page: AllocationPage, roles: ['national_admin'], nav: 'allocation.nav.allocation' },
  { path: '/rencana/:id', page: MyPlanPage, roles: ['learner', 'supervisor', 'agency_admin', 'national_admin', 'auditor'] },
  { path: '/akun/kata-sandi', page: PasswordPage },
];

export type NavGroup = 'mine' | 'team' | 'agency' | 'learning' | 'national' | 'admin';

/**
 * The navigation, grouped by what the pages are about (and in this order within each group), so a
 * person with many roles finds their pages by area rather than in the order they were built.
 * Every nav key belongs to exactly one group (checked by the browser tests' nav lists).
 */
export const NAV_GROUPS: { group: NavGroup; keys: NavKey[] }[] = [
  { group: 'mine', keys: ['nav.myCompetency', 'learner.nav.myLearning', 'planning.nav.recommendations', 'planning.nav.myPlan'] },
  { group: 'team', keys: ['nav.team', 'learningAdmin.nav.approvals', 'planning.nav.approvals'] },
  { group: 'agency', keys: ['nav.staff', 'nav.agencyGaps', 'analytics.nav.agency', 'learningAdmin.nav.nominations', 'learningAdmin.nav.compliance', 'planning.nav.agencyPlan', 'nav.import'] },
  { group: 'learning', keys: ['nav.catalog', 'learner.nav.changeProjects', 'nav.programmes', 'learningAdmin.nav.cohorts', 'analytics.nav.provider', 'nav.lrs'] },
  { group: 'national', keys: ['analytics.nav.national', 'nav.nationalGaps', 'planning.nav.nationalPlans', 'allocation.nav.allocation', 'nav.dictionary', 'nav.standards', 'nav.providers', 'nav.review', 'learningAdmin.nav.conversions'] },
  { group: 'admin', keys: ['nav.users', 'nav.audit'] },
];

export const NAV_ROUTES = ROUTES.filter((r): r is RouteDef & { nav: NavKey } => Boolean(r.nav));

export interface RouteMatch {
  route: RouteDef;
  params: Record<string, string>;
}

function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      if (!got[i]) return null;
      try {
        params[want[i].slice(1)] = decodeURIComponent(got[i]);
      } catch {
        return null;
      }
    } else if (want[i] !== got[i]) return null;
  }
  return params;
}

export function findRoute(path: string): RouteMatch | undefined {
  for (const route of ROUTES) {
    const params = match(route.path, path);
    if (params) return { route, params };
  }
  return undefined;
}

/** A positive whole number from a path parameter, or null (the page then shows "not found"). */
export function idParam(value: string | undefined): number | null {
  return value && /^[1-9]\d{0,15}$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : null;
}
