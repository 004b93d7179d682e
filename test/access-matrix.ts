// The route × role matrix: for every API route, which roles are let through.
// test/access-matrix.test.ts fails when a route of the OpenAPI document is missing here,
// so a new route cannot ship without its authorisation being stated and checked.
import type { Role } from '../src/http/actor.ts';
import type { CatalogFixtures } from './catalog-fixtures.ts';
import type { CompetencyFixtures } from './competency-fixtures.ts';
import type { CertificateFixtures } from './certificate-fixtures.ts';
import { learningMatrix, type LearningFixtures } from './learning-matrix.ts';
import { planningMatrix, type PlanningFixtures } from './planning-matrix.ts';
import { allocationMatrix } from './allocation-matrix.ts';

export interface MatrixFixtures {
  /** id of the demo learner's civil-servant record */
  learnerPersonId: number;
  /** id of a civil servant in another agency than the demo agency */
  foreignPersonId: number;
  /** id of an API token in national scope, created before the run */
  nationalTokenId: string;
  agencyId: number;
  /** the demo account of a role, and the demo password */
  emailOf(role: Role): string;
  password: string;
  /** a unique suffix per call, for writes that must not collide */
  unique(): string;
  /** ids of demo catalogue records (see catalog-fixtures.ts) */
  catalog: CatalogFixtures;
  /** ids the competency routes need (see competency-fixtures.ts) */
  competency: CompetencyFixtures;
  /** a unit and a position of the demo agency, and an import run started by the national admin */
  unitId: number;
  positionId: number;
  importRunId: string;
  /** certificates, follow-ups and change projects of the demo learner (see certificate-fixtures.ts) */
  certificates: CertificateFixtures;
  /** the demo learner's enrolment request and activity awaiting approval (see learning-matrix.ts) */
  learning: LearningFixtures;
  /** plans of the demo learner and agency, and a submitted plan of another agency (see planning-matrix.ts) */
  planning: PlanningFixtures;
}

export interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** path as in the OpenAPI document, e.g. /api/tokens/{id} */
  route: string;
  /** concrete URL to call */
  url: (f: MatrixFixtures) => string;
  body?: (f: MatrixFixtures, role: Role) => unknown;
  /** 'public' = no sign-in needed; otherwise the roles that get through (others: 403, or 404 where existence must not leak) */
  allow: 'public' | Role[];
}

const ALL: Role[] = ['learner', 'supervisor', 'agency_admin', 'provider_admin', 'national_admin', 'auditor'];
const ADMINS: Role[] = ['national_admin', 'agency_admin', 'provider_admin'];
const PEOPLE_READERS: Role[] = ['learner', 'supervisor', 'agency_admin', 'national_admin', 'auditor'];
const REGISTRY_WRITERS: Role[] = ['agency_admin', 'national_admin'];
let nipCounter = 0;
/** A valid NIP that no other call in the run gets: born 1990 + n days, TMT CPNS 2015-01, male, sequence 001. */
function freshNip(): { nip: string; birthDate: string } {
  nipCounter++;
  const birth = new Date(Date.UTC(1990, 0, 1 + (nipCounter % 3000)));
  const birthDate = birth.toISOString().slice(0, 10);
  return { nip: `${birthDate.replace(/-/g, '')}2015011001`, birthDate };
}

export const matrix: RouteCase[] = [
  { method: 'GET', route: '/health', url: () => '/health', allow: 'public' },
  { method: 'GET', route: '/ready', url: () => '/ready', allow: 'public' },
  { method: 'GET', route: '/api/auth/config', url: () => '/api/auth/config', allow: 'public' },
  { method: 'POST', route: '/api/auth/login', url: () => '/api/auth/login', body: (f, role) => ({ identifier: f.emailOf(role), password: f.password }), allow: 'public' },
  { method: 'GET', route: '/api/auth/oidc/start', url: () => '/api/auth/oidc/start', allow: 'public' },
  { method: 'GET', route: '/api/auth/oidc/callback', url: () => '/api/auth/oidc/callback?state=x&code=y', allow: 'public' },
  { method: 'GET', route: '/api/auth/session', url: () => '/api/auth/session', allow: 'public' },
  { method: 'GET', route: '/api/auth/me', url: () => '/api/auth/me', allow: ALL },
  { method: 'POST', route: '/api/auth/password', url: () => '/api/auth/password', body: () => ({ currentPassword: 'not-my-password', newPassword: 'x' }), allow: ALL },
  // logout is last in the run (it ends the session); see the test
  { method: 'POST', route: '/api/auth/logout', url: () => '/api/auth/logout', allow: ALL },
  { method: 'GET', route: '/api/users', url: () => '/api/users', allow: ADMINS },
  {
    method: 'POST',
    route: '/api/users',
    url: () => '/api/users',
    // Each admin creates an account in a scope it administers: the demo agency, LAN, or national.
    body: (f, role) => ({
      email: `new.${f.unique()}@kembang.test`,
      role: role === 'provider_admin' ? 'provider_admin' : role === 'national_admin' ? 'auditor' : 'learner',
      scope: role === 'provider_admin' ? 'provider:LAN' : role === 'national_admin' ? 'national' : 'agency:32',
    }),
    allow: ADMINS,
  },
  { method: 'GET', route: '/api/tokens', url: () => '/api/tokens', allow: ADMINS },
  {
    method: 'POST',
    route: '/api/tokens',
    url: () => '/api/tokens',
    body: (f, role) => ({ name: `lms-${f.unique()}`, scope: role === 'provider_admin' ? 'provider:LAN' : role === 'national_admin' ? 'national' : 'agency:32' }),
    allow: ADMINS,
  },
  // A national token: only national admins may revoke it; scoped admins get 404.
  { method: 'DELETE', route: '/api/tokens/{id}', url: (f) => `/api/tokens/${f.nationalTokenId}`, allow: ['national_admin'] },
  { method: 'GET', route: '/api/audit', url: () => '/api/audit', allow: ['national_admin', 'auditor'] },
  // the xAPI LRS's management API (the LRS itself, under /xapi, authenticates with its own credentials)
  { method: 'GET', route: '/api/lrs/credentials', url: () => '/api/lrs/credentials', allow: ['national_admin', 'provider_admin'] },
  { method: 'POST', route: '/api/lrs/credentials', url: () => '/api/lrs/credentials', body: (f) => ({ provider: 'LAN', name: `lms-${f.unique()}` }), allow: ['national_admin', 'provider_admin'] },
  // An id nobody has: the admins are let through and get 404.
  { method: 'DELETE', route: '/api/lrs/credentials/{id}', url: () => '/api/lrs/credentials/00000000-0000-4000-8000-000000000000', allow: ['national_admin', 'provider_admin'] },
  { method: 'GET', route: '/api/lrs/statements', url: () => '/api/lrs/statements', allow: ['national_admin', 'provider_admin', 'auditor'] },
  { method: 'GET', route: '/api/lrs/unmapped', url: () => '/api/lrs/unmapped', allow: ['national_admin', 'provider_admin', 'auditor'] },
  { method: 'GET', route: '/api/lrs/ledger', url: () => '/api/lrs/ledger', allow: ['national_admin', 'provider_admin', 'auditor'] },
  { method: 'GET', route: '/api/agencies', url: () => '/api/agencies', allow: ALL },
  { method: 'GET', route: '/api/agencies/{id}', url: (f) => `/api/agencies/${f.agencyId}`, allow: ALL },
  { method: 'GET', route: '/api/providers', url: () => '/api/providers', allow: ALL },
  { method: 'GET', route: '/api/civil-servants', url: () => '/api/civil-servants', allow: PEOPLE_READERS },
  // The demo learner's own record: self, their supervisor, their agency admin, national roles.
  { method: 'GET', route: '/api/civil-servants/{id}', url: (f) => `/api/civil-servants/${f.learnerPersonId}`, allow: PEOPLE_READERS },
  // Someone in another agency: only national roles; the rest get 404 (existence must not leak).
  { method: 'GET', route: '/api/civil-servants/{id}', url: (f) => `/api/civil-servants/${f.foreignPersonId}`, allow: ['national_admin', 'auditor'] },
  // registry writes (agency admins in their own agency, national admins everywhere)
  { method: 'POST', route: '/api/agencies', url: () => '/api/agencies', body: (f) => ({ kind: 'national_agency', code: `MX${f.unique()}`, name: 'Badan Uji Matriks' }), allow: ['national_admin'] },
  { method: 'PATCH', route: '/api/agencies/{id}', url: (f) => `/api/agencies/${f.agencyId}`, body: () => ({}), allow: ['national_admin'] },
  { method: 'GET', route: '/api/agencies/{id}/units', url: (f) => `/api/agencies/${f.agencyId}/units`, allow: ALL },
  { method: 'POST', route: '/api/agencies/{id}/units', url: (f) => `/api/agencies/${f.agencyId}/units`, body: (f) => ({ code: `UM${f.unique()}`, name: 'Unit Uji' }), allow: REGISTRY_WRITERS },
  { method: 'PATCH', route: '/api/units/{id}', url: (f) => `/api/units/${f.unitId}`, body: () => ({ name: 'Sekretariat' }), allow: REGISTRY_WRITERS },
  { method: 'GET', route: '/api/agencies/{id}/positions', url: (f) => `/api/agencies/${f.agencyId}/positions`, allow: ALL },
  { method: 'POST', route: '/api/agencies/{id}/positions', url: (f) => `/api/agencies/${f.agencyId}/positions`, body: (f) => ({ code: `PM${f.unique()}`, name: 'Analis Uji', kind: 'functional', tier: 'ahli_muda' }), allow: REGISTRY_WRITERS },
  { method: 'PATCH', route: '/api/positions/{id}', url: (f) => `/api/positions/${f.positionId}`, body: () => ({ kind: 'functional', tier: 'ahli_muda' }), allow: REGISTRY_WRITERS },
  {
    method: 'POST',
    route: '/api/civil-servants',
    url: () => '/api/civil-servants',
    body: (f) => {
      const { nip, birthDate } = freshNip();
      return { nip, name: 'Pegawai Uji', gender: 1, birthDate, tmtCpns: '2015-01-01', rank: 'III/a', agencyId: f.agencyId };
    },
    allow: REGISTRY_WRITERS,
  },
  { method: 'PATCH', route: '/api/civil-servants/{id}', url: (f) => `/api/civil-servants/${f.learnerPersonId}`, body: () => ({ status: 'active' }), allow: REGISTRY_WRITERS },
  // imports and exports; the import body is JSON here (not a file), so allowed roles get 415
  { method: 'POST', route: '/api/imports/{kind}', url: () => '/api/imports/staff?dryRun=true', body: () => ({ not: 'a file' }), allow: REGISTRY_WRITERS },
  { method: 'GET', route: '/api/imports', url: () => '/api/imports', allow: ['agency_admin', 'national_admin', 'auditor'] },
  // A run the national admin started without an agency: national roles only; the agency admin gets 404.
  { method: 'GET', route: '/api/imports/{id}', url: (f) => `/api/imports/${f.importRunId}`, allow: ['national_admin', 'auditor'] },
  { method: 'GET', route: '/api/imports/{id}/errors.csv', url: (f) => `/api/imports/${f.importRunId}/errors.csv`, allow: ['national_admin', 'auditor'] },
  { method: 'GET', route: '/api/exports/staff.csv', url: (f) => `/api/exports/staff.csv?agencyId=${f.agencyId}`, allow: PEOPLE_READERS },
  // competency: dictionary (national admins write; everyone reads)
  { method: 'GET', route: '/api/competency/dictionary/versions', url: () => '/api/competency/dictionary/versions', allow: ALL },
  // A draft already exists (fixture), so the national admin gets 409: let through, refused on the merits.
  { method: 'POST', route: '/api/competency/dictionary/versions', url: () => '/api/competency/dictionary/versions', body: () => ({ notes: 'matrix' }), allow: ['national_admin'] },
  { method: 'GET', route: '/api/competency/dictionary/current', url: () => '/api/competency/dictionary/current', allow: ALL },
  { method: 'GET', route: '/api/competency/dictionary/versions/{id}', url: (f) => `/api/competency/dictionary/versions/${f.competency.publishedVersionId}`, allow: ALL },
  { method: 'PATCH', route: '/api/competency/dictionary/versions/{id}', url: (f) => `/api/competency/dictionary/versions/${f.competency.draftVersionId}`, body: () => ({ notes: 'matrix' }), allow: ['national_admin'] },
  // Publishing the already published version: 409 for the national admin (the draft stays a draft).
  { method: 'POST', route: '/api/competency/dictionary/versions/{id}/publish', url: (f) => `/api/competency/dictionary/versions/${f.competency.publishedVersionId}/publish`, allow: ['national_admin'] },
  {
    method: 'POST',
    route: '/api/competency/dictionary/versions/{id}/competencies',
    url: (f) => `/api/competency/dictionary/versions/${f.competency.draftVersionId}/competencies`,
    body: (f) => ({ kind: 'technical', code: `T.M${f.unique()}`, nameId: 'Uji Matriks', nameEn: 'Matrix Test', levels: [1, 2, 3, 4, 5].map((n) => ({ id: `Tingkat ${n}`, en: `Level ${n}` })) }),
    allow: ['national_admin'],
  },
  { method: 'PATCH', route: '/api/competency/dictionary/versions/{id}/competencies/{code}', url: (f) => `/api/competency/dictionary/versions/${f.competency.draftVersionId}/competencies/M.01`, body: () => ({ nameEn: 'Integrity' }), allow: ['national_admin'] },
  { method: 'GET', route: '/api/competency/settings', url: () => '/api/competency/settings', allow: ALL },
  { method: 'PUT', route: '/api/competency/settings', url: () => '/api/competency/settings', body: () => ({ validityMonths: 36 }), allow: ['national_admin'] },
  // competency: position standards
  { method: 'GET', route: '/api/competency/tier-standards', url: () => '/api/competency/tier-standards', allow: ALL },
  { method: 'PUT', route: '/api/competency/tier-standards/{tier}', url: () => '/api/competency/tier-standards/pemula', body: () => ({ levels: [{ code: 'M.01', level: 1 }] }), allow: ['national_admin'] },
  { method: 'GET', route: '/api/positions/{id}/competency-overrides', url: (f) => `/api/positions/${f.positionId}/competency-overrides`, allow: ALL },
  { method: 'PUT', route: '/api/positions/{id}/competency-overrides', url: (f) => `/api/positions/${f.positionId}/competency-overrides`, body: () => ({ overrides: [{ code: 'M.01', level: 3 }] }), allow: ['agency_admin', 'national_admin'] },
  // A position of another agency: national admins only.
  { method: 'PUT', route: '/api/positions/{id}/competency-overrides', url: (f) => `/api/positions/${f.competency.foreignPositionId}/competency-overrides`, body: () => ({ overrides: [] }), allow: ['national_admin'] },
  { method: 'GET', route: '/api/positions/{id}/competency-standard', url: (f) => `/api/positions/${f.positionId}/competency-standard`, allow: ALL },
  // competency: assessments and talent
  {
    method: 'POST',
    route: '/api/competency/assessments',
    url: () => '/api/competency/assessments',
    body: (f) => ({ assessments: [{ civilServantId: f.learnerPersonId, competencyCode: 'M.02', level: 2, method: 'cat', assessedOn: '2025-03-14', assessor: 'UPT Penilaian (matriks)' }] }),
    allow: ['agency_admin', 'national_admin'],
  },
  // The agency admin voids it; the national admin then gets 409 (already void).
  { method: 'POST', route: '/api/competency/assessments/{id}/void', url: (f) => `/api/competency/assessments/${f.competency.assessmentId}/void`, body: () => ({ reason: 'matrix' }), allow: ['agency_admin', 'national_admin'] },
  { method: 'GET', route: '/api/civil-servants/{id}/competency-assessments', url: (f) => `/api/civil-servants/${f.learnerPersonId}/competency-assessments`, allow: PEOPLE_READERS },
  { method: 'GET', route: '/api/civil-servants/{id}/competency-assessments', url: (f) => `/api/civil-servants/${f.foreignPersonId}/competency-assessments`, allow: ['national_admin', 'auditor'] },
  { method: 'PUT', route: '/api/civil-servants/{id}/talent-ratings/{period}', url: (f) => `/api/civil-servants/${f.learnerPersonId}/talent-ratings/2025`, body: () => ({ performance: 'meets', potential: 'middle' }), allow: ['agency_admin', 'national_admin'] },
  { method: 'PUT', route: '/api/civil-servants/{id}/talent-ratings/{period}', url: (f) => `/api/civil-servants/${f.foreignPersonId}/talent-ratings/2025`, body: () => ({ performance: 'meets', potential: 'middle' }), allow: ['national_admin'] },
  // competency: profile and gaps
  { method: 'GET', route: '/api/civil-servants/{id}/profile', url: (f) => `/api/civil-servants/${f.learnerPersonId}/profile`, allow: PEOPLE_READERS },
  { method: 'GET', route: '/api/civil-servants/{id}/profile', url: (f) => `/api/civil-servants/${f.foreignPersonId}/profile`, allow: ['national_admin', 'auditor'] },
  { method: 'GET', route: '/api/competency/team-gaps', url: () => '/api/competency/team-gaps', allow: ['supervisor'] },
  { method: 'GET', route: '/api/agencies/{id}/competency-gaps', url: (f) => `/api/agencies/${f.agencyId}/competency-gaps`, allow: ['agency_admin', 'national_admin', 'auditor'] },
  { method: 'GET', route: '/api/agencies/{id}/competency-gaps', url: (f) => `/api/agencies/${f.competency.foreignAgencyId}/competency-gaps`, allow: ['national_admin', 'auditor'] },
  { method: 'GET', route: '/api/competency/gaps/national', url: () => '/api/competency/gaps/national', allow: ['national_admin', 'auditor'] },
  // catalogue: public reads
  { method: 'GET', route: '/api/catalog/search', url: () => '/api/catalog/search?q=kepemimpinan&category=pkp&delivery=online', allow: 'public' },
  { method: 'GET', route: '/api/catalog/programmes/{id}', url: (f) => `/api/catalog/programmes/${f.catalog.programmeId}`, allow: 'public' },
  { method: 'GET', route: '/api/catalog/competencies/{code}/programmes', url: () => '/api/catalog/competencies/M.07/programmes?from=2&to=3', allow: 'public' },
  { method: 'GET', route: '/api/catalog/providers', url: () => '/api/catalog/providers', allow: 'public' },
  { method: 'GET', route: '/api/catalog/providers/{id}', url: (f) => `/api/catalog/providers/${f.catalog.providerId}`, allow: 'public' },
  // catalogue administration: LAN's admin (the demo provider admin) leads the fixture programme
  { method: 'POST', route: '/api/catalog/providers', url: () => '/api/catalog/providers', body: (f) => ({ code: `PM${f.unique()}`, name: 'Penyedia Uji', kind: 'university' }), allow: ['national_admin'] },
  { method: 'GET', route: '/api/catalog/manage/providers/{id}', url: (f) => `/api/catalog/manage/providers/${f.catalog.providerId}`, allow: ['provider_admin', 'national_admin', 'auditor'] },
  { method: 'PATCH', route: '/api/catalog/providers/{id}', url: (f) => `/api/catalog/providers/${f.catalog.providerId}`, body: () => ({ phone: '021-5337000' }), allow: ['provider_admin', 'national_admin'] },
  { method: 'GET', route: '/api/catalog/providers/{id}/accreditations', url: (f) => `/api/catalog/providers/${f.catalog.providerId}/accreditations`, allow: ['provider_admin', 'national_admin', 'auditor'] },
  {
    method: 'POST',
    route: '/api/catalog/providers/{id}/accreditations',
    url: (f) => `/api/catalog/providers/${f.catalog.providerId}/accreditations`,
    body: () => ({ grade: 'A', validFrom: '2025-01-01', validTo: '2029-12-31', decisionNumber: 'KEP-UJI/2025' }),
    allow: ['national_admin'],
  },
  { method: 'GET', route: '/api/catalog/programmes/{id}/accreditations', url: (f) => `/api/catalog/programmes/${f.catalog.programmeId}/accreditations`, allow: ['provider_admin', 'national_admin', 'auditor'] },
  {
    method: 'POST',
    route: '/api/catalog/programmes/{id}/accreditations',
    url: (f) => `/api/catalog/programmes/${f.catalog.programmeId}/accreditations`,
    body: () => ({ grade: 'A', validFrom: '2025-01-01', validTo: '2029-12-31', decisionNumber: 'KEP-UJI/2025' }),
    allow: ['national_admin'],
  },
  { method: 'GET', route: '/api/catalog/manage/programmes', url: () => '/api/catalog/manage/programmes', allow: ['provider_admin', 'national_admin', 'auditor'] },
  { method: 'GET', route: '/api/catalog/manage/programmes/{id}', url: (f) => `/api/catalog/manage/programmes/${f.catalog.programmeId}`, allow: ['provider_admin', 'national_admin', 'auditor'] },
  {
    method: 'POST',
    route: '/api/catalog/programmes',
    url: () => '/api/catalog/programmes',
    body: (f) => ({ providerId: f.catalog.providerId, code: `UJI-${f.unique()}`, titleId: 'Program Uji', category: 'technical', learningForm: 'e_learning', jp: 8 }),
    allow: ['provider_admin', 'national_admin'],
  },
  { method: 'PATCH', route: '/api/catalog/programmes/{id}', url: (f) => `/api/catalog/programmes/${f.catalog.programmeId}`, body: () => ({ descriptionEn: 'A joint supervisor leadership programme.' }), allow: ['provider_admin', 'national_admin'] },
  {
    method: 'PUT',
    route: '/api/catalog/programmes/{id}/partners',
    url: (f) => `/api/catalog/programmes/${f.catalog.archivedProgrammeId}/partners`,
    body: (f) => ({ partners: [{ providerId: f.catalog.providerId, roles: ['lead'] }] }),
    allow: ['provider_admin', 'national_admin'],
  },
  { method: 'POST', route: '/api/catalog/programmes/{id}/submit', url: (f) => `/api/catalog/programmes/${f.catalog.submittedProgrammeId}/submit`, allow: ['provider_admin', 'national_admin'] },
  { method: 'POST', route: '/api/catalog/programmes/{id}/publish', url: (f) => `/api/catalog/programmes/${f.catalog.submittedProgrammeId}/publish`, allow: ['provider_admin', 'national_admin'] },
  { method: 'POST', route: '/api/catalog/programmes/{id}/archive', url: (f) => `/api/catalog/programmes/${f.catalog.archivedProgrammeId}/archive`, allow: ['provider_admin', 'national_admin'] },
  { method: 'POST', route: '/api/catalog/programmes/{id}/review', url: (f) => `/api/catalog/programmes/${f.catalog.submittedProgrammeId}/review`, body: () => ({ decision: 'approve' }), allow: ['national_admin'] },
  {
    method: 'POST',
    route: '/api/catalog/programmes/{id}/offerings',
    url: (f) => `/api/catalog/programmes/${f.catalog.programmeId}/offerings`,
    body: (f) => ({ code: `A-${f.unique()}`, startDate: '2030-03-02', endDate: '2030-03-06', registrationOpens: '2030-01-01', registrationCloses: '2030-02-20', capacity: 30, mode: 'online', onlineUrl: 'https://belajar.example.id/kelas' }),
    allow: ['provider_admin', 'national_admin'],
  },
  { method: 'PATCH', route: '/api/catalog/offerings/{id}', url: (f) => `/api/catalog/offerings/${f.catalog.offeringId}`, body: () => ({ fee: 12500000 }), allow: ['provider_admin', 'national_admin'] },
  {
    method: 'POST',
    route: '/api/catalog/offerings/{id}/sessions',
    url: (f) => `/api/catalog/offerings/${f.catalog.offeringId}/sessions`,
    body: (f) => ({ title: 'Sesi uji', startsAt: `${f.catalog.offeringStart}T02:00:00Z`, endsAt: `${f.catalog.offeringStart}T04:00:00Z` }),
    allow: ['provider_admin', 'national_admin'],
  },
  { method: 'PATCH', route: '/api/catalog/sessions/{id}', url: (f) => `/api/catalog/sessions/${f.catalog.sessionId}`, body: () => ({ location: 'Ruang Kelas 1' }), allow: ['provider_admin', 'national_admin'] },
  { method: 'DELETE', route: '/api/catalog/sessions/{id}', url: (f) => `/api/catalog/sessions/${f.catalog.deletableSessionId}`, allow: ['provider_admin', 'national_admin'] },
  // certificates: public verification; the holder, their agency admin, the issuing provider's admins and national admins see the record
  { method: 'GET', route: '/.well-known/jwks.json', url: () => '/.well-known/jwks.json', allow: 'public' },
  { method: 'GET', route: '/credentials/status/{listId}', url: (f) => `/credentials/status/${f.certificates.statusListId}`, allow: 'public' },
  { method: 'POST', route: '/api/certificates/verify', url: () => '/api/certificates/verify', body: (f) => ({ jwt: f.certificates.certificate.jwt }), allow: 'public' },
  { method: 'GET', route: '/api/certificates/{id}/public', url: (f) => `/api/certificates/${f.certificates.certificate.id}/public`, allow: 'public' },
  { method: 'GET', route: '/api/certificates', url: () => '/api/certificates', allow: ALL },
  { method: 'GET', route: '/api/certificates/{id}', url: (f) => `/api/certificates/${f.certificates.certificate.id}`, allow: ['learner', 'agency_admin', 'provider_admin', 'national_admin'] },
  { method: 'GET', route: '/api/certificates/{id}.pdf', url: (f) => `/api/certificates/${f.certificates.certificate.id}.pdf`, allow: ['learner', 'agency_admin', 'provider_admin', 'national_admin'] },
  // LAN's admin revokes it; the national admin then gets 409 (already revoked)
  { method: 'POST', route: '/api/certificates/{id}/revoke', url: (f) => `/api/certificates/${f.certificates.revocable.id}/revoke`, body: () => ({ reason: 'uji matriks' }), allow: ['provider_admin', 'national_admin'] },
  { method: 'GET', route: '/api/certificates/keys', url: () => '/api/certificates/keys', allow: ['national_admin', 'auditor'] },
  { method: 'POST', route: '/api/certificates/keys/rotate', url: () => '/api/certificates/keys/rotate', allow: ['national_admin'] },
  // evaluation
  { method: 'GET', route: '/api/evaluation/programmes/{id}/settings', url: (f) => `/api/evaluation/programmes/${f.certificates.programmeId}/settings`, allow: ALL },
  { method: 'PUT', route: '/api/evaluation/programmes/{id}/settings', url: (f) => `/api/evaluation/programmes/${f.certificates.programmeId}/settings`, body: () => ({ followUpMonths: 3 }), allow: ['provider_admin', 'national_admin'] },
  { method: 'GET', route: '/api/evaluation/programmes/{id}/summary', url: (f) => `/api/evaluation/programmes/${f.certificates.programmeId}/summary`, allow: ['provider_admin', 'national_admin', 'auditor'] },
  { method: 'GET', route: '/api/evaluation/providers/{id}/quality', url: (f) => `/api/evaluation/providers/${f.catalog.providerId}/quality`, allow: 'public' },
  { method: 'GET', route: '/api/evaluation/mine', url: () => '/api/evaluation/mine', allow: ALL },
  // only the holder answers the survey of their own training; everyone else gets 404
  {
    method: 'POST',
    route: '/api/evaluation/certificates/{id}/reaction',
    url: (f) => `/api/evaluation/certificates/${f.certificates.certificate.id}/reaction`,
    body: () => ({ answers: { relevance: 5, facilitators: 4, methods: 4, organisation: 5, application: 4, overall: 5 }, comments: 'matriks' }),
    allow: ['learner'],
  },
  { method: 'PUT', route: '/api/evaluation/offerings/{id}/test-scores', url: (f) => `/api/evaluation/offerings/${f.certificates.offeringId}/test-scores`, body: (f) => ({ scores: [{ civilServantId: f.learnerPersonId, pre: 55, post: 80 }] }), allow: ['provider_admin', 'national_admin'] },
  { method: 'GET', route: '/api/evaluation/offerings/{id}/test-scores', url: (f) => `/api/evaluation/offerings/${f.certificates.offeringId}/test-scores`, allow: ['provider_admin', 'national_admin', 'auditor'] },
  { method: 'GET', route: '/api/evaluation/follow-ups', url: () => '/api/evaluation/follow-ups?due=true', allow: ['supervisor'] },
  // the learner's supervisor fills it in
  { method: 'POST', route: '/api/evaluation/follow-ups/{id}', url: (f) => `/api/evaluation/follow-ups/${f.certificates.followUpId}`, body: () => ({ answers: { applies: 4, performance: 4, sharing: 3, initiative: 4 } }), allow: ['supervisor'] },
  { method: 'GET', route: '/api/evaluation/change-projects/search', url: () => '/api/evaluation/change-projects/search?q=perizinan', allow: 'public' },
  { method: 'GET', route: '/api/evaluation/change-projects', url: () => '/api/evaluation/change-projects', allow: ALL },
  // only the holder records a change project for their own certificate; others get 404
  {
    method: 'POST',
    route: '/api/evaluation/change-projects',
    url: () => '/api/evaluation/change-projects',
    body: (f) => ({ certificateId: f.certificates.projectCertificateId, title: 'Arsip digital', problem: 'Arsip kertas hilang.', change: 'Arsip dipindai dan diindeks.', results: 'Pencarian arsip 5 menit.' }),
    allow: ['learner'],
  },
  // not public yet: readers see it, the rest get 404 (allowed through the gate, refused by the record's policy)
  { method: 'GET', route: '/api/evaluation/change-projects/{id}', url: (f) => `/api/evaluation/change-projects/${f.certificates.changeProjectId}`, allow: 'public' },
  // the participant's consent: the participant only (the supervisor and agency admin get 403 naming the field)
  { method: 'PATCH', route: '/api/evaluation/change-projects/{id}', url: (f) => `/api/evaluation/change-projects/${f.certificates.changeProjectId}`, body: () => ({ participantPublic: true }), allow: ['learner'] },
  {
    method: 'PUT',
    route: '/api/evaluation/change-projects/{id}/outcome',
    url: (f) => `/api/evaluation/change-projects/${f.certificates.changeProjectId}/outcome`,
    body: () => ({ status: 'implemented', score: 4, note: 'matriks' }),
    allow: ['supervisor', 'agency_admin', 'national_admin'],
  },
  ...learningMatrix,
  // analytics dashboards: national roles; an agency's own admins; a provider's own admins
  { method: 'GET', route: '/api/analytics/national/provinces', url: () => '/api/analytics/national/provinces', allow: ['national_admin', 'auditor'] },
  { method: 'GET', route: '/api/analytics/national/competencies', url: () => '/api/analytics/national/competencies?format=csv', allow: ['national_admin', 'auditor'] },
  { method: 'GET', route: '/api/analytics/national/supply-demand', url: () => '/api/analytics/national/supply-demand', allow: ['national_admin', 'auditor'] },
  { method: 'GET', route: '/api/analytics/national/providers', url: () => '/api/analytics/national/providers?format=xlsx', allow: ['national_admin', 'auditor'] },
  { method: 'GET', route: '/api/analytics/national/accreditation', url: () => '/api/analytics/national/accreditation', allow: ['national_admin', 'auditor'] },
  { method: 'GET', route: '/api/analytics/agencies/{id}/compliance', url: (f) => `/api/analytics/agencies/${f.agencyId}/compliance?by=unit`, allow: ['agency_admin', 'national_admin', 'auditor'] },
  { method: 'GET', route: '/api/analytics/agencies/{id}/compliance', url: (f) => `/api/analytics/agencies/${f.competency.foreignAgencyId}/compliance?by=tier`, allow: ['national_admin', 'auditor'] },
  { method: 'GET', route: '/api/analytics/agencies/{id}/gaps', url: (f) => `/api/analytics/agencies/${f.agencyId}/gaps?by=tier`, allow: ['agency_admin', 'national_admin', 'auditor'] },
  { method: 'GET', route: '/api/analytics/agencies/{id}/gaps', url: (f) => `/api/analytics/agencies/${f.competency.foreignAgencyId}/gaps?by=unit&format=csv`, allow: ['national_admin', 'auditor'] },
  { method: 'GET', route: '/api/analytics/agencies/{id}/at-risk', url: (f) => `/api/analytics/agencies/${f.agencyId}/at-risk`, allow: ['agency_admin', 'national_admin', 'auditor'] },
  { method: 'GET', route: '/api/analytics/agencies/{id}/at-risk', url: (f) => `/api/analytics/agencies/${f.competency.foreignAgencyId}/at-risk?format=xlsx`, allow: ['national_admin', 'auditor'] },
  { method: 'GET', route: '/api/analytics/providers/{id}/cohorts', url: (f) => `/api/analytics/providers/${f.catalog.providerId}/cohorts`, allow: ['provider_admin', 'national_admin', 'auditor'] },
  ...planningMatrix,
  ...allocationMatrix,
];
