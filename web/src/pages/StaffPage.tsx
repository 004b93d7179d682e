// Staff list: search by name or NIP prefix, filter by agency (national roles), keyset pages;
// each name opens the person page. The search term stays in the address (?q=) so that going
// back from a person returns to the same list.
import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth.tsx';
import { StaffSearch } from '../components/People.tsx';
import { useApi, useDocumentTitle } from '../hooks.ts';
import { navigate, useLocation } from '../router.tsx';
import { idParam } from '../routes.tsx';

interface Agency {
  id: number;
  code: string;
  name: string;
}

export function StaffPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('staff.title'));
  const me = useMe();
  const location = useLocation();
  const agencyId = idParam(location.query.get('instansi') ?? undefined) ?? undefined;
  const national = me.grants.some((g) => g.scopeType === 'national' && ['national_admin', 'auditor'].includes(g.role));
  const agencies = useApi<{ items: Agency[] }>(national ? '/api/agencies?limit=200' : null);
  const selectId = useId();

  const setQuery = useCallback((changes: Record<string, string | undefined>) => {
    const query = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) query.set(key, value);
      else query.delete(key);
    }
    const search = query.toString();
    navigate(`${window.location.pathname}${search ? `?${search}` : ''}`, { replace: true });
  }, []);
  const onSearch = useCallback((term: string) => setQuery({ q: term || undefined }), [setQuery]);

  return (
    <>
      <div className="page-head">
        <h1>{t('staff.title')}</h1>
        <p className="muted">{t('staff.intro')}</p>
      </div>
      <div className="card">
        {national && (
          <div className="filters-row">
            <div className="field">
              <label htmlFor={selectId}>{t('staff.agencyFilter')}</label>
              <select id={selectId} value={agencyId ?? ''} onChange={(e) => setQuery({ instansi: e.target.value || undefined })}>
                <option value="">{t('staff.allAgencies')}</option>
                {(agencies.data?.items ?? []).map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
        <StaffSearch pageSize={25} linked agencyId={agencyId} initialTerm={location.query.get('q') ?? ''} onSearch={onSearch} />
      </div>
    </>
  );
}
