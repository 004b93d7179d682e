// The change-project repository (aksi perubahan): the projects of leadership programmes that the
// participant and their agency both agreed to publish, searchable by words and programme level,
// so agencies learn from each other's innovations. Public (the API reads anonymously); the
// search is in the address so results can be shared.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Pager } from '../../components/CatalogBits.tsx';
import { LoadError, Loading } from '../../components/Feedback.tsx';
import { toQuery } from '../../catalog.ts';
import { useApi, useDocumentTitle } from '../../hooks.ts';
import { CHANGE_PROJECT_CATEGORIES, type PublicChangeProject } from '../../learning.ts';
import { navigate, useLocation } from '../../router.tsx';
import { useTx } from './bits.tsx';

const PAGE_SIZE = 10;

export default function ChangeProjectsPage() {
  const { t } = useTranslation();
  const tx = useTx();
  useDocumentTitle(t('learner.repository.title'));
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const category = (CHANGE_PROJECT_CATEGORIES as readonly string[]).includes(query.get('kategori') ?? '') ? query.get('kategori')! : '';
  const page = Math.max(1, Math.min(1000, Number(query.get('halaman')) || 1));
  const search = useApi<{ total: number; items: PublicChangeProject[] }>(`/api/evaluation/change-projects/search${toQuery({ q: q.trim(), category, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })}`);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const go = (next: { q?: string; kategori?: string; halaman?: number }) => navigate(`/aksi-perubahan${toQuery({ q: q.trim(), kategori: category, ...next })}`);
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    go({ q: text.trim(), halaman: undefined });
  };
  const total = search.data?.total ?? 0;
  return (
    <>
      <div className="page-head">
        <h1>{t('learner.repository.title')}</h1>
        <p className="muted measure">{t('learner.repository.intro')}</p>
      </div>
      <form className="card section form" role="search" aria-label={t('learner.repository.searchLabel')} onSubmit={onSearch}>
        <div className="form-row">
          <div className="field grow">
            <label htmlFor="cp-q">{t('learner.repository.searchLabel')}</label>
            <input id="cp-q" type="search" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} placeholder={t('learner.repository.searchPlaceholder')} />
          </div>
          <div className="field">
            <label htmlFor="cp-category">{t('learner.repository.category')}</label>
            <select id="cp-category" value={category} onChange={(e) => go({ kategori: e.target.value, halaman: undefined })}>
              <option value="">{t('learner.repository.allCategories')}</option>
              {CHANGE_PROJECT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {tx(`category.${c}`, c)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="button-row">
          <button type="submit" className="btn btn-primary">
            {t('learner.repository.search')}
          </button>
        </div>
      </form>
      <LoadError error={search.error} onRetry={search.reload} />
      {search.loading && !search.data && <Loading />}
      {search.data && (
        <p className="results-count" role="status" data-testid="project-count">
          {t('learner.repository.found', { count: total })}
        </p>
      )}
      {search.data && total === 0 && <p className="card empty">{t('learner.repository.none')}</p>}
      <div className="project-list" aria-busy={search.loading}>
        {search.data?.items.map((p) => (
          <ProjectCard key={p.id} p={p} />
        ))}
      </div>
      <Pager page={page} pages={Math.max(1, Math.ceil(total / PAGE_SIZE))} onPage={(n) => go({ halaman: n })} label={t('learner.repository.pages')} />
    </>
  );
}

function ProjectCard({ p }: { p: PublicChangeProject }) {
  const { t } = useTranslation();
  const tx = useTx();
  return (
    <article className="card project-card" data-testid="project" data-id={p.id} aria-labelledby={`project-${p.id}`}>
      <h2 id={`project-${p.id}`} className="card-title">
        {p.title}
      </h2>
      <p className="small muted">
        {p.agency.name} · {tx(`category.${p.programme.category}`, p.programme.category)} ({p.programme.code}) · {p.year}
        {p.outcome_status && <span className="tag tag-ok">{tx(`learner.outcome.${p.outcome_status}`, p.outcome_status)}</span>}
      </p>
      <dl className="project-facts">
        <dt>{t('learner.changeProject.fields.problem')}</dt>
        <dd className="prewrap">{p.problem}</dd>
        <dt>{t('learner.changeProject.fields.change')}</dt>
        <dd className="prewrap">{p.change}</dd>
        <dt>{t('learner.changeProject.fields.results')}</dt>
        <dd className="prewrap">{p.results}</dd>
        {p.contacts.length > 0 && (
          <>
            <dt>{t('learner.changeProject.contacts')}</dt>
            <dd>
              <ul className="plain-list">
                {p.contacts.map((c, i) => (
                  <li key={i}>
                    {c.name}
                    {c.role ? ` — ${c.role}` : ''}
                    {c.email && (
                      <>
                        {' · '}
                        <a href={`mailto:${c.email}`}>{c.email}</a>
                      </>
                    )}
                    {c.phone ? ` · ${c.phone}` : ''}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      <p className="small muted">{t('learner.repository.provider', { provider: p.provider.name })}</p>
    </article>
  );
}
