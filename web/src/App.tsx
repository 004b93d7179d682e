// Decides what to show for the current address: the sign-in page, a redirect to it, or the
// signed-in layout with the page, the forbidden page or the not-found page.
import { Suspense, useEffect, useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onApiError } from './api.ts';
import { useAuth } from './auth.tsx';
import { Layout } from './components/Layout.tsx';
import { PublicLayout } from './components/PublicLayout.tsx';
import { Loading } from './components/Feedback.tsx';
import { Logo } from './components/Logo.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { ForbiddenPage, NotFoundPage } from './pages/StatusPages.tsx';
import { navigate, safeReturnPath, useLocation } from './router.tsx';
import { hasAnyRole } from './roles.ts';
import { findRoute, LOGIN_PATH, REDIRECTS } from './routes.tsx';

function Redirect({ to }: { to: string }) {
  useLayoutEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Splash({ failed, onRetry }: { failed: boolean; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <main className="splash" id="konten">
      <Logo size={48} />
      {failed ? (
        <div className="alert alert-error" role="alert">
          {t('common.networkError')}{' '}
          <button type="button" className="btn btn-link" onClick={onRetry}>
            {t('common.retry')}
          </button>
        </div>
      ) : (
        <p role="status">{t('app.loading')}</p>
      )}
    </main>
  );
}

export function App() {
  const { me, status, retry } = useAuth();
  const location = useLocation();
  // The address at which an API call answered 403; leaving it clears the forbidden page.
  const [forbiddenAt, setForbiddenAt] = useState<string | null>(null);
  useEffect(() => onApiError((error) => error.status === 403 && setForbiddenAt(window.location.pathname + window.location.search)), []);
  useEffect(() => setForbiddenAt(null), [me?.id]);

  if (status !== 'ready') return <Splash failed={status === 'error'} onRetry={retry} />;

  const redirect = REDIRECTS[location.path];
  if (redirect) return <Redirect to={redirect + (window.location.search || '')} />;

  if (location.path === LOGIN_PATH) {
    return me ? <Redirect to={safeReturnPath(location.query.get('kembali'))} /> : <LoginPage />;
  }
  const found = findRoute(location.path);
  if (!me && found?.route.public) {
    const Page = found.route.page;
    return (
      <PublicLayout>
        <Suspense fallback={<Loading />}>
          <Page key={location.path} params={found.params} />
        </Suspense>
      </PublicLayout>
    );
  }
  if (!me) {
    const back = location.href === '/' ? '' : `?kembali=${encodeURIComponent(location.href)}`;
    return <Redirect to={LOGIN_PATH + back} />;
  }

  let content;
  if (!found) content = <NotFoundPage />;
  else if (!hasAnyRole(me, found.route.roles) || forbiddenAt === location.href) content = <ForbiddenPage />;
  else {
    const Page = found.route.page;
    content = <Page key={location.path} params={found.params} />;
  }
  return (
    <Layout>
      <Suspense fallback={<Loading />}>{content}</Suspense>
    </Layout>
  );
}
