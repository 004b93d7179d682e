import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../hooks.ts';
import { Link, useLocation } from '../router.tsx';

export function ForbiddenPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('forbidden.title'));
  return (
    <section className="status-page" data-testid="forbidden">
      <p className="status-code">{t('forbidden.code')}</p>
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.text')}</p>
      <p>
        <Link to="/" className="btn btn-primary">
          {t('common.backHome')}
        </Link>
      </p>
    </section>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  const { path } = useLocation();
  useDocumentTitle(t('notFound.title'));
  return (
    <section className="status-page" data-testid="not-found">
      <p className="status-code">{t('notFound.code')}</p>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text', { path })}</p>
      <p>
        <Link to="/" className="btn btn-primary">
          {t('common.backHome')}
        </Link>
      </p>
    </section>
  );
}
