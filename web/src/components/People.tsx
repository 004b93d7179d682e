// Civil servants as a table, and a search over /api/civil-servants with keyset paging.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, isAbort } from '../api.ts';
import { Link } from '../router.tsx';
import { Loading, LoadError } from './Feedback.tsx';

export interface Person {
  id: number;
  agency_id: number;
  agency_name: string;
  nip: string | null;
  name: string;
  rank: string;
  status: string;
  supervisor_id: number | null;
  position_name: string | null;
  unit_name: string | null;
}

export interface PersonPage {
  items: Person[];
  next: string | null;
}

export function PeopleTable({ people, caption, showAgency = true, linked = false }: { people: Person[]; caption: string; showAgency?: boolean; linked?: boolean }) {
  const { t } = useTranslation();
  const empty = t('common.empty');
  // Only those who may see personal data get NIPs; without any, the column is left out.
  const showNip = people.some((p) => p.nip !== null);
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('person.name')}</th>
            {showNip && <th scope="col">{t('person.nip')}</th>}
            <th scope="col">{t('person.rank')}</th>
            <th scope="col">{t('person.position')}</th>
            <th scope="col">{t('person.unit')}</th>
            {showAgency && <th scope="col">{t('person.agency')}</th>}
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <th scope="row">{linked ? <Link to={`/pegawai/${p.id}`}>{p.name}</Link> : p.name}</th>
              {showNip && <td className="mono">{p.nip ?? empty}</td>}
              <td>{p.rank}</td>
              <td>{p.position_name ?? empty}</td>
              <td>{p.unit_name ?? empty}</td>
              {showAgency && <td>{p.agency_name}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface StaffSearchProps {
  pageSize?: number;
  heading?: string;
  /** Names link to the person page. */
  linked?: boolean;
  /** Only this agency's staff (undefined: all the user may see). */
  agencyId?: number;
  initialTerm?: string;
  /** Told the term that was searched for (e.g. to keep it in the address). */
  onSearch?(term: string): void;
}

/** Search by name or NIP prefix; searches as you type (debounced) and on submit. */
export function StaffSearch({ pageSize = 20, heading, linked = false, agencyId, initialTerm = '', onSearch }: StaffSearchProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const [text, setText] = useState(initialTerm);
  // One request description, so a new term and its first page change together.
  const [request, setRequest] = useState<{ term: string; after: string | null; attempt: number; agencyId?: number }>({ term: initialTerm.trim(), after: null, attempt: 0, agencyId });
  useEffect(() => setRequest((r) => (r.agencyId === agencyId ? r : { ...r, agencyId, after: null })), [agencyId]);
  useEffect(() => onSearch?.(request.term), [request.term, onSearch]);
  const [pages, setPages] = useState<PersonPage[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();

  // The same term again keeps the pages already loaded (the debounce fires after a "load more" too).
  const search = (value: string) => setRequest((r) => (r.term === value ? r : { ...r, term: value, after: null }));

  // Search as you type, after a pause.
  useEffect(() => {
    const timer = window.setTimeout(() => search(text.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [text]);

  useEffect(() => {
    const controller = new AbortController();
    const params = new URLSearchParams({ limit: String(pageSize) });
    if (request.term) params.set('q', request.term);
    if (request.after) params.set('after', request.after);
    if (request.agencyId) params.set('agencyId', String(request.agencyId));
    setLoading(true);
    setError(undefined);
    if (!request.after) setPages([]);
    api<PersonPage>(`/api/civil-servants?${params}`, { signal: controller.signal }).then(
      (page) => {
        setPages((previous) => (request.after ? [...previous, page] : [page]));
        setLoading(false);
      },
      (e: unknown) => {
        if (isAbort(e)) return;
        setError(e instanceof ApiError ? e : new ApiError(0, String(e)));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [request, pageSize]);

  const retry = () => setRequest((r) => ({ ...r, attempt: r.attempt + 1 }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    search(text.trim());
  };

  const people = pages.flatMap((p) => p.items);
  const next = pages.length ? pages[pages.length - 1].next : null;

  return (
    <div className="staff-search">
      <form className="search-form" role="search" onSubmit={onSubmit}>
        <label htmlFor={inputId}>{heading ?? t('staff.search')}</label>
        <div className="search-row">
          <input id={inputId} type="search" value={text} maxLength={100} onChange={(e) => setText(e.target.value)} autoComplete="off" />
          <button type="submit" className="btn btn-primary">
            {t('staff.searchButton')}
          </button>
        </div>
      </form>
      <LoadError error={error} onRetry={retry} />
      {people.length > 0 && (
        <>
          <p className="muted small" aria-live="polite">
            {t('staff.shown', { count: people.length })}
          </p>
          <PeopleTable people={people} caption={t('staff.title')} linked={linked} />
        </>
      )}
      {!loading && !error && people.length === 0 && <p className="empty">{t('staff.empty')}</p>}
      {loading && <Loading />}
      {!loading && next && (
        <p>
          <button type="button" className="btn btn-outline" onClick={() => setRequest((r) => ({ ...r, after: next }))}>
            {t('staff.more')}
          </button>
        </p>
      )}
    </div>
  );
}
