// The frame of the public pages (the catalogue, the change-project repository, certificate
// verification) for visitors who are not signed in: the shared Frame with the language switch,
// a sign-in link and the public navigation.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from '../router.tsx';
import { LOGIN_PATH } from '../routes.tsx';
import { Frame } from './Frame.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { path, href } = useLocation();
  return (
    <Frame
      home="/katalog"
      tools={
        <>
          <LanguageSwitch />
          <Link to={`${LOGIN_PATH}?kembali=${encodeURIComponent(href)}`} className="btn btn-light btn-small">
            {t('publicLayout.signIn')}
          </Link>
        </>
      }
      nav={
        <nav className="mainnav" aria-label={t('nav.label')}>
          <ul>
            <li>
              <Link to="/katalog" aria-current={path === '/katalog' ? 'page' : path.startsWith('/katalog/') ? 'location' : undefined}>
                {t('nav.catalog')}
              </Link>
            </li>
            <li>
              <Link to="/aksi-perubahan" aria-current={path === '/aksi-perubahan' ? 'page' : undefined}>
                {t('learner.nav.changeProjects')}
              </Link>
            </li>
            <li>
              <Link to="/verifikasi" aria-current={path === '/verifikasi' ? 'page' : path.startsWith('/verifikasi/') ? 'location' : undefined}>
                {t('learner.nav.verify')}
              </Link>
            </li>
          </ul>
        </nav>
      }
    >
      {children}
    </Frame>
  );
}
