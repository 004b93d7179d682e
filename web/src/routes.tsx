// The app's pages: path, who may open them (checked here for the user's sake; the server
// enforces the same on every API call) and their navigation label.
import type { ComponentType } from 'react';
import type { Role } from './roles.ts';
import { HomePage } from './pages/HomePage.tsx';
import { StaffPage } from './pages/StaffPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { PasswordPage } from './pages/PasswordPage.tsx';

export const LOGIN_PATH = '/masuk';
/** Old or English addresses that lead to the Indonesian ones. */
export const REDIRECTS: Record<string, string> = { '/login': LOGIN_PATH };

type NavKey = 'nav.home' | 'nav.staff' | 'nav.users' | 'nav.audit';

export interface RouteDef {
  path: string;
  page: ComponentType;
  /** Any of these roles opens the page; undefined: anyone signed in. */
  roles?: readonly Role[];
  nav?: NavKey;
}

export const ROUTES: RouteDef[] = [
  { path: '/', page: HomePage, nav: 'nav.home' },
  { path: '/pegawai', page: StaffPage, roles: ['supervisor', 'agency_admin', 'national_admin', 'auditor'], nav: 'nav.staff' },
  { path: '/admin/pengguna', page: UsersPage, roles: ['national_admin', 'agency_admin', 'provider_admin'], nav: 'nav.users' },
  { path: '/audit', page: AuditPage, roles: ['auditor', 'national_admin'], nav: 'nav.audit' },
  { path: '/akun/kata-sandi', page: PasswordPage },
];

export const NAV_ROUTES = ROUTES.filter((r): r is RouteDef & { nav: NavKey } => Boolean(r.nav));

export const findRoute = (path: string): RouteDef | undefined => ROUTES.find((r) => r.path === path);
