// The public catalogue: text search (the server tolerates typos and word forms), facet filters
// with counts, sorting and pages. Everything lives in the address, so results can be shared
// and the browser's back button steps through earlier searches.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading, Alert } from '../../components/Feedback.tsx';
import { AccreditationBadge, Pager } from '../../components/CatalogBits.tsx';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { competencyLabel, JP_BUCKETS, provinceName, toQuery, useLocalised, type FacetValue, type SearchItem, type SearchResult } from '../../catalog.ts';

const PAGE_SIZE = 10;
const MULTI = ['competency', 'category', 'form', 'providerKind', 'accreditation', 'delivery', 'province'] as const;
type Multi = (typeof MULTI)[number];
const SORTS = ['relevance', 'start', 'quality'] as const;

/** Facet key in the answer for each filter parameter. */
const FACET_OF: Record<Multi, keyof SearchResult['facets']> = {
  competency: 'competency',
  category: 'category',
  form: 'learning_form',
  providerKind: 'provider_kind',
  accreditation: 'accreditation',
  delivery: 'delivery',
  province: 'province',
};

function readFilters(query: URLSearchParams) {
  const multi = Object.fromEntries(MULTI.map((k) => [k, query.getAll(k)])) as Record<Multi, string[]>;
  const sort = (SORTS as readonly string[]).includes(query.get('sort') ?? '') ? (query.get('sort') as (typeof SORTS)[number]) : 'relevance';
  const page = Math.max(1, Math.min(500, Number(query.get('page')) || 1));
  return {
    q: query.get('q') ?? '',
    multi,
    jp: query.get('jp') ?? '',
    seats: query.get('seats') === '1',
    startFrom: query.get('startFrom') ?? '',
    startTo: query.get('startTo') ?? '',
    sort,
    page,
  };
}
type Filters = ReturnType<typeof readFilters>;

function pageQuery(f: Filters): string {
  return toQuery({ q: f.q.trim(), ...f.multi, jp: f.jp, seats: f.seats ? '1' : '', startFrom: f.startFrom, startTo: f.startTo, sort: f.sort === 'relevance' ? '' : f.sort, page: f.page > 1 ? f.page : '' });
}

function apiQuery(f: Filters): string {
  const bucket = JP_BUCKETS.find((b) => b.value === f.jp);
  return toQuery({
    q: f.q.trim(),
    ...f.multi,
    jpMin: bucket?.min,
    jpMax: bucket?.max,
    seatsAvailable: f.seats ? 'true' : '',
    startFrom: f.startFrom,
    startTo: f.startTo,
    sort: f.sort,
    page: f.page,
    pageSize: PAGE_SIZE,
  });
}

export default function CatalogPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('catalog.title'));
  const { query } = useLocation();
  const filters = readFilters(query);
  const search = useApi<SearchResult>(`/api/catalog/search${apiQuery(filters)}`);
  const [text, setText] = useState(filters.q);
  const [showFilters, setShowFilters] = useState(false);
  useEffect(() => setText(filters.q), [filters.q]);

  const go = (next: Partial<Filters>, keepPage = false) => navigate(`/katalog${pageQuery({ ...filters, ...next, page: keepPage ? (next.page ?? filters.page) : 1 })}`);
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    go({ q: text });
  };
  const toggle = (key: Multi, value: string, on: boolean) => {
    const current = filters.multi[key];
    go({ multi: { ...filters.multi, [key]: on ? [...current, value] : current.filter((v) => v !== value) } });
  };
  const activeCount = MULTI.reduce((n, k) => n + filters.multi[k].length, 0) + (filters.jp ? 1 : 0) + (filters.seats ? 1 : 0) + (filters.startFrom ? 1 : 0) + (filters.startTo ? 1 : 0);
  const data = search.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <div className="page-head">
        <h1>{t('catalog.title')}</h1>
        <p className="muted measure">{t('catalog.intro')}</p>
      </div>
      <form role="search" className="search-form catalog-search" onSubmit={onSearch} aria-label={t('catalog.searchLabel')}>
        <label htmlFor="catalog-q">{t('catalog.searchLabel')}</label>
        <div className="search-row">
          <input id="catalog-q" type="search" name="q" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} placeholder={t('catalog.searchPlaceholder')} aria-describedby="catalog-q-hint" />
          <button type="submit" className="btn btn-primary">
            {t('catalog.searchButton')}
          </button>
        </div>
        <p id="catalog-q-hint" className="hint">
          {t('catalog.searchHint')}
        </p>
      </form>

      <div className="catalog-layout">
        <aside className={`facets${showFilters ? ' facets-open' : ''}`} aria-labelledby="facets-title">
          <div className="facets-head">
            <h2 id="facets-title">{t('catalog.filters')}</h2>
            {activeCount > 0 && (
              <button type="button" className="btn btn-link" onClick={() => navigate(`/katalog${toQuery({ q: filters.q, sort: filters.sort === 'relevance' ? '' : filters.sort })}`)}>
                {t('catalog.clearFilters', { count: activeCount })}
              </button>
            )}
          </div>
          <button type="button" className="btn btn-outline btn-small facets-toggle" aria-expanded={showFilters} onClick={() => setShowFilters((v) => !v)}>
            {showFilters ? t('catalog.hideFilters') : t('catalog.showFilters')}
          </button>
          <div className="facets-body">
            {data && (
              <>
                <CheckboxFacet name="category" legend={t('catalog.facet.category')} values={data.facets.category} selected={filters.multi.category} onToggle={toggle} label={(v) => t(`category.${v}` as 'category.pkp')} />
                <CheckboxFacet name="competency" legend={t('catalog.facet.competency')} values={data.facets.competency} selected={filters.multi.competency} onToggle={toggle} label={(v) => competencyLabel(v)} />
                <CheckboxFacet name="form" legend={t('catalog.facet.form')} values={data.facets.learning_form} selected={filters.multi.form} onToggle={toggle} label={(v) => t(`learningForm.${v}` as 'learningForm.course')} />
                <CheckboxFacet name="providerKind" legend={t('catalog.facet.providerKind')} values={data.facets.provider_kind} selected={filters.multi.providerKind} onToggle={toggle} label={(v) => t(`providerKinds.${v}` as 'providerKinds.university')} />
                <CheckboxFacet name="accreditation" legend={t('catalog.facet.accreditation')} values={data.facets.accreditation} selected={filters.multi.accreditation} onToggle={toggle} label={(v) => t(`accreditation.facet.${v}` as 'accreditation.facet.valid')} />
                <JpFacet values={data.facets.jp} selected={filters.jp} onChange={(jp) => go({ jp })} />
                <CheckboxFacet name="delivery" legend={t('catalog.facet.delivery')} values={data.facets.delivery} selected={filters.multi.delivery} onToggle={toggle} label={(v) => t(`catalog.delivery.${v}` as 'catalog.delivery.online')} />
                <CheckboxFacet name="province" legend={t('catalog.facet.province')} values={data.facets.province} selected={filters.multi.province} onToggle={toggle} label={provinceName} />
                <fieldset className="facet" data-testid="facet-seats">
                  <legend>{t('catalog.facet.seats')}</legend>
                  <label className="facet-option">
                    <input type="checkbox" checked={filters.seats} onChange={(e) => go({ seats: e.target.checked })} />
                    <span>{t('catalog.seatsAvailable')}</span>
                    <span className="facet-count">{data.facets.seats.find((s) => s.value === 'available')?.count ?? 0}</span>
                  </label>
                </fieldset>
              </>
            )}
            <DateFacet from={filters.startFrom} to={filters.startTo} onChange={(startFrom, startTo) => go({ startFrom, startTo })} />
          </div>
        </aside>

        <section className="results" aria-labelledby="results-title">
          <div className="results-head">
            <h2 id="results-title" className="sr-only">
              {t('catalog.results')}
            </h2>
            <p role="status" className="results-count" data-testid="result-count">
              {data ? t('catalog.found', { count: data.total }) : ''}
            </p>
            <div className="sort">
              <label htmlFor="catalog-sort">{t('catalog.sortLabel')}</label>
              <select id="catalog-sort" value={filters.sort} onChange={(e) => go({ sort: e.target.value as Filters['sort'] })}>
                {SORTS.map((s) => (
                  <option key={s} value={s}>
                    {t(`catalog.sort.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {data && data.query.ignored.length > 0 && (
            <Alert kind="info">
              <span data-testid="ignored-words">{t('catalog.ignored', { words: data.query.ignored.join(', '), count: data.query.ignored.length })}</span>
            </Alert>
          )}
          <LoadError error={search.error} onRetry={search.reload} />
          {search.loading && !data && <Loading />}
          {data && data.items.length === 0 && <p className="empty">{t('catalog.noResults')}</p>}
          {data && data.items.length > 0 && (
            <ol className="result-list" aria-busy={search.loading} data-testid="results">
              {data.items.map((item) => (
                <ResultCard key={item.id} item={item} />
              ))}
            </ol>
          )}
          {data && <Pager page={filters.page} pages={pages} onPage={(page) => go({ page }, true)} label={t('catalog.pages')} />}
        </section>
      </div>
    </>
  );
}

function CheckboxFacet({ name, legend, values, selected, onToggle, label }: { name: Multi; legend: string; values: FacetValue[]; selected: string[]; onToggle(key: Multi, value: string, on: boolean): void; label(value: string): string }) {
  const { t } = useTranslation();
  const id = useId();
  // Selected values stay visible even when other filters leave them no results.
  const shown = [...values, ...selected.filter((s) => !values.some((v) => v.value === s)).map((value) => ({ value, count: 0 }))];
  const [expanded, setExpanded] = useState(false);
  const LIMIT = 8;
  const visible = expanded ? shown : shown.slice(0, LIMIT);
  if (shown.length === 0) return null;
  return (
    <fieldset className="facet" data-testid={`facet-${name}`}>
      <legend>{legend}</legend>
      {visible.map((v) => (
        <label key={v.value} className="facet-option" data-value={v.value} data-count={v.count}>
          <input type="checkbox" name={name} value={v.value} checked={selected.includes(v.value)} onChange={(e) => onToggle(name, v.value, e.target.checked)} aria-describedby={`${id}-${v.value}`} />
          <span>{label(v.value)}</span>
          <span className="facet-count" id={`${id}-${v.value}`}>
            <span className="sr-only">{t('catalog.countSr', { count: v.count })}</span>
            <span aria-hidden="true">{v.count}</span>
          </span>
        </label>
      ))}
      {shown.length > LIMIT && (
        <button type="button" className="btn btn-link facet-more" aria-expanded={expanded} onClick={() => setExpanded((e) => !e)}>
          {expanded ? t('catalog.showFewer') : t('catalog.showAll', { count: shown.length })}
        </button>
      )}
    </fieldset>
  );
}

function JpFacet({ values, selected, onChange }: { values: FacetValue[]; selected: string; onChange(value: string): void }) {
  const { t } = useTranslation();
  const count = (v: string) => values.find((x) => x.value === v)?.count ?? 0;
  return (
    <fieldset className="facet" data-testid="facet-jp">
      <legend>{t('catalog.facet.jp')}</legend>
      <label className="facet-option">
        <input type="radio" name="jp" value="" checked={selected === ''} onChange={() => onChange('')} />
        <span>{t('catalog.jpAny')}</span>
      </label>
      {JP_BUCKETS.map((b) => (
        <label key={b.value} className="facet-option" data-value={b.value} data-count={count(b.value)}>
          <input type="radio" name="jp" value={b.value} checked={selected === b.value} onChange={() => onChange(b.value)} />
          <span>{b.max ? t('catalog.jpRange', { min: b.min, max: b.max }) : t('catalog.jpAbove', { min: b.min })}</span>
          <span className="facet-count">{count(b.value)}</span>
        </label>
      ))}
    </fieldset>
  );
}

function DateFacet({ from, to, onChange }: { from: string; to: string; onChange(from: string, to: string): void }) {
  const { t } = useTranslation();
  const [a, setA] = useState(from);
  const [b, setB] = useState(to);
  useEffect(() => {
    setA(from);
    setB(to);
  }, [from, to]);
  return (
    <fieldset className="facet">
      <legend>{t('catalog.facet.dates')}</legend>
      <form
        className="date-facet"
        onSubmit={(e) => {
          e.preventDefault();
          onChange(a, b);
        }}
      >
        <label htmlFor="start-from">{t('catalog.startFrom')}</label>
        <input id="start-from" type="date" value={a} onChange={(e) => setA(e.target.value)} />
        <label htmlFor="start-to">{t('catalog.startTo')}</label>
        <input id="start-to" type="date" value={b} min={a || undefined} onChange={(e) => setB(e.target.value)} />
        <button type="submit" className="btn btn-outline btn-small">
          {t('catalog.applyDates')}
        </button>
      </form>
    </fieldset>
  );
}

function ResultCard({ item }: { item: SearchItem }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const loc = useLocalised();
  const next = item.next_offering;
  const partners = item.partners.length > 0 ? item.partners : [{ provider_id: item.provider.id, code: item.provider.code, name: item.provider.name, roles: ['lead' as const] }];
  return (
    <li>
      <article className="result-card" data-testid="result" data-code={item.code}>
        <div className="result-main">
          <h3 className="result-title">
            <Link to={`/katalog/${item.id}`}>{loc(item.title_id, item.title_en)}</Link>
          </h3>
          <p className="result-providers">
            <span className="sr-only">{t('catalog.providers')}: </span>
            {partners.map((p, i) => (
              <span key={p.provider_id}>
                {i > 0 && '; '}
                <strong>{p.name}</strong>
                {partners.length > 1 && <span className="muted"> ({p.roles.map((r) => t(`partnerRole.${r}`)).join(', ')})</span>}
              </span>
            ))}
          </p>
          {loc(item.summary_id, item.summary_en) && <p className="result-summary">{loc(item.summary_id, item.summary_en)}</p>}
          <p className="result-tags">
            <span className="tag">{t('catalog.jpValue', { count: item.jp })}</span>
            <span className="tag">{t(`learningForm.${item.learning_form}`)}</span>
            <span className="tag">{t(`category.${item.category}`)}</span>
            <AccreditationBadge accreditation={item.accreditation} />
          </p>
        </div>
        <dl className="result-facts">
          <div>
            <dt>{t('catalog.nextCohort')}</dt>
            <dd>
              {next ? (
                <>
                  {f.date(next.start_date)} – {f.date(next.end_date)}
                  <span className="block muted">
                    {t(`deliveryMode.${next.mode}`)}
                    {next.province_code ? ` · ${provinceName(next.province_code)}` : ''}
                  </span>
                </>
              ) : (
                t('catalog.noCohort')
              )}
            </dd>
          </div>
          <div>
            <dt>{t('catalog.seatsLeft')}</dt>
            <dd data-testid="seats-left">{next ? t('catalog.seatsCount', { count: next.seats_left }) : t('common.empty')}</dd>
          </div>
        </dl>
      </article>
    </li>
  );
}
