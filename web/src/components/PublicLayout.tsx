// The frame of the public pages (the catalogue) for visitors who are not signed in: skip link,
// header with the name, language switch and a sign-in link, the <main> landmark and a footer.
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from '../router.tsx';
import { LOGIN_PATH } from '../routes.tsx';
import { Logo } from './Logo.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { path, href } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [path]);

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
          <Link to="/katalog" className="brand">
            <Logo />
            <span className="brand-text">
              <span className="brand-name">{t('app.name')}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          <div className="topbar-tools">
            <LanguageSwitch />
            <Link to={`${LOGIN_PATH}?kembali=${encodeURIComponent(href)}`} className="btn btn-light btn-small">
              {t('publicLayout.signIn')}
            </Link>
          </div>
        </div>
        <nav className="mainnav" aria-label={t('nav.label')}>
          <ul>
            <li>
              <Link to="/katalog" aria-current={path === '/katalog' ? 'page' : path.startsWith('/katalog/') ? 'location' : undefined}>
                {t('nav.catalog')}
              </Link>
            </li>
          </ul>
        </nav>
      </header>
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
