// The signed-in frame: the shared Frame with the user, password and sign-out tools and the
// role-aware navigation.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../auth.tsx';
import { Link, navigate, useLocation } from '../router.tsx';
import { hasAnyRole, rolesOf } from '../roles.ts';
import { NAV_GROUPS, NAV_ROUTES, LOGIN_PATH, type RouteDef } from '../routes.tsx';
import { Frame } from './Frame.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationsLink } from '../notifications.tsx';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
  const { path } = useLocation();
  const [leaving, setLeaving] = useState(false);
  const [logoutFailed, setLogoutFailed] = useState(false);

  const onLogout = async () => {
    setLeaving(true);
    setLogoutFailed(false);
    try {
      await logout();
      navigate(LOGIN_PATH, { replace: true });
    } catch {
      setLogoutFailed(true);
      setLeaving(false);
    }
  };

  const roles = rolesOf(me);
  const links = NAV_ROUTES.filter((route) => hasAnyRole(me, route.navRoles ?? route.roles));
  const home = links.filter((route) => route.path === '/');
  const groups = NAV_GROUPS.map(({ group, keys }) => ({ group, links: keys.flatMap((key) => links.filter((route) => route.nav === key)) })).filter((g) => g.links.length > 0);
  const navLink = (route: RouteDef & { nav: string }) => (
    <li key={route.path}>
      <Link to={route.path} aria-current={path === route.path ? 'page' : path.startsWith(`${route.path}/`) && route.path !== '/' ? 'location' : undefined}>
        {t(route.nav as 'nav.home')}
      </Link>
    </li>
  );

  return (
    <Frame
      home="/"
      tools={
        <>
          <NotificationsLink />
          <LanguageSwitch />
          <section className="user" aria-label={t('header.account')}>
            <span className="user-name" data-testid="user-name">
              {me.displayName}
            </span>
            <span className="user-roles">{roles.map((r) => t(`roles.${r}`)).join(', ')}</span>
          </section>
          <Link to="/akun/kata-sandi" className="btn btn-ghost btn-small" aria-current={path === '/akun/kata-sandi' ? 'page' : undefined}>
            {t('nav.password')}
          </Link>
          <button type="button" className="btn btn-light btn-small" onClick={onLogout} disabled={leaving}>
            {leaving ? t('header.loggingOut') : t('header.logout')}
          </button>
        </>
      }
      nav={
        <nav className="mainnav" aria-label={t('nav.label')}>
          <ul>
            {home.map(navLink)}
            {/* One item per group: a label (for sighted users and screen readers) and its links. */}
            {groups.map(({ group, links: inGroup }) => (
              <li key={group} className="nav-group" aria-labelledby={`nav-group-${group}`}>
                <span className="nav-group-label" id={`nav-group-${group}`}>
                  {t(`nav.groups.${group}`)}
                </span>
                <ul>{inGroup.map(navLink)}</ul>
              </li>
            ))}
          </ul>
        </nav>
      }
      notice={
        logoutFailed && (
          <div className="container">
            <div className="alert alert-error" role="alert">
              {t('header.logoutFailed')}
            </div>
          </div>
        )
      }
    >
      {children}
    </Frame>
  );
}
