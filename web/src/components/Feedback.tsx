import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NETWORK_ERROR, type ApiError } from '../api.ts';
import { Link } from '../router.tsx';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {t('app.loading')}
    </p>
  );
}

export function Alert({ kind = 'error', children }: { kind?: 'error' | 'success' | 'info'; children: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/**
 * A failed load, with a retry button. 401 and 403 are handled for the whole app (sign-in page,
 * forbidden page), so they show nothing here.
 */
export function LoadError({ error, onRetry }: { error: ApiError | undefined; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error || error.status === 401 || error.status === 403) return null;
  return (
    <Alert>
      {error.status === NETWORK_ERROR ? t('common.networkError') : t('common.loadError', { status: error.status })}{' '}
      {onRetry && (
        <button type="button" className="btn btn-link" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </Alert>
  );
}

/** A placeholder card for features that later work fills in. */
export function ComingSoonCard({ title, text }: { title: string; text: string }) {
  const { t } = useTranslation();
  return (
    <article className="card card-soon">
      <h3 className="card-title">{title}</h3>
      <p>{text}</p>
      <span className="badge">{t('home.comingSoon')}</span>
    </article>
  );
}

/** A card that leads to a page: title, a line of text, and the links. */
export function LinkCard({ title, text, links, testId, children }: { title: string; text: string; links: { to: string; label: string }[]; testId?: string; children?: ReactNode }) {
  return (
    <article className="card card-link" data-testid={testId}>
      <h3 className="card-title">{title}</h3>
      <p>{text}</p>
      {children}
      <p className="card-links">
        {links.map((l) => (
          <Link key={l.to} to={l.to}>
            {l.label}
          </Link>
        ))}
      </p>
    </article>
  );
}
