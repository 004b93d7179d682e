// The signed-in frame: skip link, header (name, language, user, sign-out), role-aware
// navigation, the <main> landmark and a footer. Focus moves to <main> on every page change.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../auth.tsx';
import { Link, navigate, useLocation } from '../router.tsx';
import { hasAnyRole, rolesOf } from '../roles.ts';
import { NAV_ROUTES, LOGIN_PATH } from '../routes.tsx';
import { Logo } from './Logo.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
  const { path } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const [leaving, setLeaving] = useState(false);
  const [logoutFailed, setLogoutFailed] = useState(false);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [path]);

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

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#konten"
        onClick={(event) => {
          event.preventDefault();
          mainRef.current?.focus();
          mainRef.current?.scrollIntoView();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand">
            <Logo />
            <span className="brand-text">
              <span className="brand-name">{t('app.name')}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          <div className="topbar-tools">
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
          </div>
        </div>
        <nav className="mainnav" aria-label={t('nav.label')}>
          <ul>
            {links.map((route) => (
              <li key={route.path}>
                <Link to={route.path} aria-current={path === route.path ? 'page' : path.startsWith(`${route.path}/`) && route.path !== '/' ? 'location' : undefined}>
                  {t(route.nav)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {logoutFailed && (
        <div className="container">
          <div className="alert alert-error" role="alert">
            {t('header.logoutFailed')}
          </div>
        </div>
      )}
      <main id="konten" ref={mainRef} tabIndex={-1} className="container main">
        {children}
      </main>
      <footer className="footer">
        <div className="container footer-inner">
          <span>{t('app.footer')}</span>
          <a href="/docs">{t('app.apiDocs')}</a>
        </div>
      </footer>
    </div>
  );
}
