// The frame every page shares, signed in or not: skip link, header (brand, tools, navigation),
// the <main> landmark and a footer. Focus moves to <main> on every page change after the first.
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from '../router.tsx';
import { Logo } from './Logo.tsx';

interface FrameProps {
  /** Where the brand links to. */
  home: string;
  /** Header tools right of the brand (language switch, account, sign-in…). */
  tools: ReactNode;
  /** The <nav> of the header. */
  nav: ReactNode;
  /** Shown between the header and <main> (e.g. an alert). */
  notice?: ReactNode;
  children: ReactNode;
}

export function Frame({ home, tools, nav, notice, children }: FrameProps) {
  const { t } = useTranslation();
  const { path } = useLocation();
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
          <Link to={home} className="brand">
            <Logo />
            <span className="brand-text">
              <span className="brand-name">{t('app.name')}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          <div className="topbar-tools">{tools}</div>
        </div>
        {nav}
      </header>
      {notice}
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
