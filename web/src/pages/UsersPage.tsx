import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, isAbort } from '../api.ts';
import { Loading, LoadError } from '../components/Feedback.tsx';
import { useDocumentTitle, useFormatters } from '../hooks.ts';
import type { Grant } from '../roles.ts';

interface User {
  id: string;
  email: string;
  nip: string | null;
  display_name: string;
  disabled: boolean;
  created_at: string;
  grants: Grant[];
}

const PAGE = 50;

export function UsersPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  useDocumentTitle(t('users.title'));
  const [offset, setOffset] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const [users, setUsers] = useState<User[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    api<{ items: User[] }>(`/api/users?limit=${PAGE}&offset=${offset}`, { signal: controller.signal }).then(
      (page) => {
        setUsers((previous) => (offset ? [...previous, ...page.items] : page.items));
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
  }, [offset, attempt]);

  const empty = t('common.empty');
  const scopeLabel = (g: Grant) => (g.scopeType === 'national' ? t('scope.national') : (g.scopeName ?? g.scope));

  return (
    <>
      <div className="page-head">
        <h1>{t('users.title')}</h1>
        <p className="muted">{t('users.intro')}</p>
      </div>
      <div className="card">
        <LoadError error={error} onRetry={() => setAttempt((n) => n + 1)} />
        {users.length > 0 && (
          <div className="table-wrap" role="region" aria-label={t('users.title')} tabIndex={0}>
            <table className="table" data-testid="users-table">
              <caption className="sr-only">{t('users.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('person.name')}</th>
                  <th scope="col">{t('users.email')}</th>
                  <th scope="col">{t('person.nip')}</th>
                  <th scope="col">{t('users.roles')}</th>
                  <th scope="col">{t('users.status')}</th>
                  <th scope="col">{t('users.created')}</th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">{u.display_name}</th>
                    <td>{u.email}</td>
                    <td className="mono">{u.nip ?? empty}</td>
                    <td>
                      <ul className="plain">
                        {u.grants.map((g) => (
                          <li key={`${g.role}:${g.scope}`}>
                            {t(`roles.${g.role}`)} <span className="muted small">· {scopeLabel(g)}</span>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <span className={u.disabled ? 'tag tag-muted' : 'tag tag-ok'}>{u.disabled ? t('users.disabled') : t('users.active')}</span>
                    </td>
                    <td className="nowrap">{format.date(u.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {!loading && !error && users.length === 0 && <p className="empty">{t('users.empty')}</p>}
        {loading && <Loading />}
        {!loading && hasMore && (
          <p>
            <button type="button" className="btn btn-outline" onClick={() => setOffset(users.length)}>
              {t('users.more')}
            </button>
          </p>
        )}
      </div>
    </>
  );
}
