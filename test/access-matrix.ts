// The route × role matrix: for every API route, which roles are let through.
// test/access-matrix.test.ts fails when a route of the OpenAPI document is missing here,
// so a new route cannot ship without its authorisation being stated and checked.
import type { Role } from '../src/http/actor.ts';

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

export const matrix: RouteCase[] = [
  { method: 'GET', route: '/health', url: () => '/health', allow: 'public' },
  { method: 'GET', route: '/ready', url: () => '/ready', allow: 'public' },
  { method: 'GET', route: '/api/auth/config', url: () => '/api/auth/config', allow: 'public' },
  { method: 'POST', route: '/api/auth/login', url: () => '/api/auth/login', body: (f, role) => ({ identifier: f.emailOf(role), password: f.password }), allow: 'public' },
  { method: 'GET', route: '/api/auth/oidc/start', url: () => '/api/auth/oidc/start', allow: 'public' },
  { method: 'GET', route: '/api/auth/oidc/callback', url: () => '/api/auth/oidc/callback?state=x&code=y', allow: 'public' },
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
  { method: 'GET', route: '/api/agencies', url: () => '/api/agencies', allow: ALL },
  { method: 'GET', route: '/api/agencies/{id}', url: (f) => `/api/agencies/${f.agencyId}`, allow: ALL },
  { method: 'GET', route: '/api/providers', url: () => '/api/providers', allow: ALL },
  { method: 'GET', route: '/api/civil-servants', url: () => '/api/civil-servants', allow: PEOPLE_READERS },
  // The demo learner's own record: self, their supervisor, their agency admin, national roles.
  { method: 'GET', route: '/api/civil-servants/{id}', url: (f) => `/api/civil-servants/${f.learnerPersonId}`, allow: PEOPLE_READERS },
  // Someone in another agency: only national roles; the rest get 404 (existence must not leak).
  { method: 'GET', route: '/api/civil-servants/{id}', url: (f) => `/api/civil-servants/${f.foreignPersonId}`, allow: ['national_admin', 'auditor'] },
];
