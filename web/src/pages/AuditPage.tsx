import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, isAbort } from '../api.ts';
import { AuditTable, type AuditEntry } from '../components/Audit.tsx';
import { Loading, LoadError } from '../components/Feedback.tsx';
import { useDocumentTitle } from '../hooks.ts';

const PAGE = 50;

export function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('audit.title'));
  const [before, setBefore] = useState<number | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (before) query.set('before', String(before));
    api<{ items: AuditEntry[] }>(`/api/audit?${query}`, { signal: controller.signal }).then(
      (page) => {
        setEntries((previous) => (before ? [...previous, ...page.items] : page.items));
        setHasMore(page.items.length === PAGE);
        setLoading(false);
      },
      (e: unknown) => {
        if (isAbort(e)) return;
        setError(e instanceof ApiError ? e : new ApiError(0, String(e)));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [before, attempt]);

  return (
    <>
      <div className="page-head">
        <h1>{t('audit.title')}</h1>
        <p className="muted">{t('audit.intro')}</p>
      </div>
      <div className="card">
        <LoadError error={error} onRetry={() => setAttempt((n) => n + 1)} />
        {entries.length > 0 && <AuditTable entries={entries} caption={t('audit.title')} />}
        {!loading && !error && entries.length === 0 && <p className="empty">{t('audit.empty')}</p>}
        {loading && <Loading />}
        {!loading && hasMore && (
          <p>
            <button type="button" className="btn btn-outline" onClick={() => setBefore(entries[entries.length - 1].id)}>
              {t('audit.more')}
            </button>
          </p>
        )}
      </div>
    </>
  );
}
