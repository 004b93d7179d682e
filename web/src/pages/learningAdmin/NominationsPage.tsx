// Nominations (/instansi/nominasi): an agency admin picks an offering from the catalogue, picks
// people of the agency (search, position tier, unit; checkboxes), and nominates them. The answer
// is per person — nominated, enrolled, waitlisted, or refused and why — or, with all-or-nothing,
// nothing at all when anyone is refused.
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, isAbort, toApiError } from '../../api.ts';
import { LoadError, Loading } from '../../components/Feedback.tsx';
import type { Person, PersonPage } from '../../components/People.tsx';
import { TIERS, useLocalised, type PublicProgramme, type SearchResult } from '../../catalog.ts';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { useAgencyChoice, useLearningLabels, type NominationResult } from '../../learningAdmin.ts';
import { Link } from '../../router.tsx';
import { AgencyPicker, DateRange, ProblemAlert, StatusTag, useRun } from './parts.tsx';
import '../../styles/learning-admin.css';

type StaffPerson = Person & { position_tier?: string | null };

export default function NominationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('learningAdmin.nominate.title'));
  const choice = useAgencyChoice(['agency_admin']);
  const [programme, setProgramme] = useState<PublicProgramme | null>(null);
  const [offeringId, setOfferingId] = useState<number | null>(null);
  const [selected, setSelected] = useState<Map<number, StaffPerson>>(new Map());
  const [mandatory, setMandatory] = useState(false);
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [results, setResults] = useState<{ items: NominationResult[]; people: Map<number, StaffPerson>; offeringCode: string } | null>(null);
  const send = useRun();
  useEffect(() => setSelected(new Map()), [choice.agencyId]);

  const toggle = (p: StaffPerson, on: boolean) =>
    setSelected((s) => {
      const next = new Map(s);
      if (on) next.set(p.id, p);
      else next.delete(p.id);
      return next;
    });
  const offering = programme?.offerings.find((o) => o.id === offeringId) ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!offering || selected.size === 0) return;
    const people = new Map(selected);
    setResults(null);
    const r = await send.run(() =>
      api<{ items: NominationResult[] }>('/api/learning/nominations', { method: 'POST', body: { offeringId: offering.id, civilServantIds: [...people.keys()], mandatory, allOrNothing }, quiet: true }),
    );
    if (r) {
      setResults({ items: r.items, people, offeringCode: offering.code });
      setSelected(new Map());
    }
  };
  // With all-or-nothing a refusal names each person at fault: body.civilServantIds.N.
  const ids = [...selected.keys()];
  const refusedInBatch = send.error?.errors.filter((e) => /^body\.civilServantIds\.\d+$/.test(e.field)) ?? [];

  return (
    <>
      <div className="page-head">
        <h1>{t('learningAdmin.nominate.title')}</h1>
        <p className="muted">{t('learningAdmin.nominate.intro')}</p>
        <p className="card-links">
          <Link to="/instansi/pendaftaran">{t('learningAdmin.home.enrolmentsLink')}</Link>
          <Link to="/persetujuan">{t('learningAdmin.home.agencyQueueLink')}</Link>
        </p>
      </div>
      <section className="card section" aria-labelledby="pick-offering">
        <h2 id="pick-offering">{t('learningAdmin.nominate.step1')}</h2>
        <ProgrammeSearch
          onPick={(p) => {
            setProgramme(p);
            setOfferingId(p.offerings.find((o) => o.registration_open_now)?.id ?? null);
          }}
        />
        {programme && <OfferingChoice programme={programme} value={offeringId} onChange={setOfferingId} />}
      </section>

      <section className="card section" aria-labelledby="pick-people">
        <h2 id="pick-people">{t('learningAdmin.nominate.step2')}</h2>
        <AgencyPicker choice={choice} />
        {choice.agencyId !== null && <PeoplePicker agencyId={choice.agencyId} selected={selected} onToggle={toggle} suggestedTiers={programme?.eligibility.position_tiers ?? []} />}
        {selected.size > 0 && (
          <div className="chosen" aria-live="polite">
            <p className="small">
              <strong>{t('learningAdmin.nominate.selected', { count: selected.size })}</strong>
            </p>
            <ul className="chips">
              {[...selected.values()].map((p) => (
                <li key={p.id}>
                  {p.name}
                  <button type="button" className="chip-remove" onClick={() => toggle(p, false)} aria-label={t('learningAdmin.nominate.remove', { name: p.name })}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      <section className="card section" aria-labelledby="send-title">
        <h2 id="send-title">{t('learningAdmin.nominate.step3')}</h2>
        <form onSubmit={submit}>
          <p className="check la-check">
            <input id="nom-mandatory" type="checkbox" checked={mandatory} onChange={(e) => setMandatory(e.target.checked)} />
            <label htmlFor="nom-mandatory">{t('learningAdmin.nominate.mandatory')}</label>
          </p>
          <p className="check la-check">
            <input id="nom-all" type="checkbox" checked={allOrNothing} onChange={(e) => setAllOrNothing(e.target.checked)} />
            <label htmlFor="nom-all">{t('learningAdmin.nominate.allOrNothing')}</label>
          </p>
          <p className="hint">{t('learningAdmin.nominate.allOrNothingHint')}</p>
          <p className="muted small">{offering ? t('learningAdmin.nominate.summary', { count: selected.size, code: offering.code }) : t('learningAdmin.nominate.pickFirst')}</p>
          <button type="submit" className="btn btn-primary" disabled={send.busy || !offering || selected.size === 0}>
            {t('learningAdmin.nominate.submit', { count: selected.size })}
          </button>
        </form>
        {send.error && (
          <div data-testid="nomination-refused">
            <ProblemAlert error={refusedInBatch.length ? new ApiError(send.error.status, send.error.title, send.error.detail) : send.error} />
            {refusedInBatch.length > 0 && (
              <ul className="problem-list">
                {refusedInBatch.map((e) => {
                  const person = selected.get(ids[Number(e.field.split('.').pop())]);
                  return (
                    <li key={e.field} data-testid="refused-person">
                      <strong>{person?.name ?? e.field}</strong>: {e.message}
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        )}
      </section>

      {results && <Results {...results} />}
    </>
  );
}

// ---------- step 1: the offering ----------

function ProgrammeSearch({ onPick }: { onPick(p: PublicProgramme): void }) {
  const { t } = useTranslation();
  const loc = useLocalised();
  const inputId = useId();
  const [text, setText] = useState('');
  const [term, setTerm] = useState<string | null>(null);
  const results = useApi<SearchResult>(term === null ? null : `/api/catalog/search?${new URLSearchParams({ q: term, pageSize: '10' })}`);
  const pick = useRun();
  const choose = async (id: number) => {
    const p = await pick.run(() => api<PublicProgramme>(`/api/catalog/programmes/${id}`, { quiet: true }));
    if (p) onPick(p);
  };
  return (
    <>
      <form
        className="search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setTerm(text.trim());
        }}
      >
        <label htmlFor={inputId}>{t('learningAdmin.nominate.searchProgramme')}</label>
        <div className="search-row">
          <input id={inputId} type="search" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} autoComplete="off" />
          <button type="submit" className="btn btn-primary">
            {t('staff.searchButton')}
          </button>
        </div>
      </form>
      {results.loading && <Loading />}
      <LoadError error={results.error} onRetry={results.reload} />
      <ProblemAlert error={pick.error} />
      {results.data && results.data.items.length === 0 && <p className="empty">{t('learningAdmin.nominate.noProgrammes')}</p>}
      {results.data && results.data.items.length > 0 && (
        <ul className="pick-list" aria-label={t('learningAdmin.nominate.programmesFound', { count: results.data.total })}>
          {results.data.items.map((p) => (
            <li key={p.id} data-testid="programme-option" data-code={p.code}>
              <div>
                <strong>{loc(p.title_id, p.title_en)}</strong>
                <span className="block small muted">
                  <span className="mono">{p.code}</span> · {p.jp} JP · {p.provider.name} · {t('learningAdmin.nominate.upcoming', { count: p.upcoming_offerings })}
                </span>
              </div>
              <button type="button" className="btn btn-outline btn-small" disabled={pick.busy} onClick={() => void choose(p.id)}>
                {t('learningAdmin.nominate.choose')}
                <span className="sr-only"> {p.code}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function OfferingChoice({ programme: p, value, onChange }: { programme: PublicProgramme; value: number | null; onChange(id: number): void }) {
  const { t } = useTranslation();
  const loc = useLocalised();
  return (
    <fieldset className="checks-fieldset offering-choice" data-testid="offering-choice">
      <legend>{t('learningAdmin.nominate.offeringOf', { title: loc(p.title_id, p.title_en) })}</legend>
      <p className="small muted">
        {p.eligibility.position_tiers.length ? t('learningAdmin.nominate.tiers', { tiers: p.eligibility.position_tiers.map((x) => t(`tiers.${x}` as 'tiers.pengawas')).join(', ') }) : t('learningAdmin.nominate.anyTier')}
        {p.eligibility.rank_min || p.eligibility.rank_max ? ` · ${t('learningAdmin.nominate.ranks', { from: p.eligibility.rank_min ?? 'I/a', to: p.eligibility.rank_max ?? 'IV/e' })}` : ''}
      </p>
      {p.offerings.length === 0 && <p className="empty">{t('learningAdmin.nominate.noOfferings')}</p>}
      {p.offerings.map((o) => (
        <label key={o.id} className="check offering-option">
          <input type="radio" name="offering" value={o.id} checked={value === o.id} onChange={() => onChange(o.id)} />
          <span>
            <strong className="mono">{o.code}</strong> · <DateRange from={o.start_date} to={o.end_date} />
            <span className="block small muted">
              {o.registration_open_now ? t('learningAdmin.nominate.registrationOpen', { seats: o.seats_left, capacity: o.capacity }) : t('learningAdmin.nominate.registrationClosed')}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

// ---------- step 2: the people ----------

function PeoplePicker({ agencyId, selected, onToggle, suggestedTiers }: { agencyId: number; selected: Map<number, StaffPerson>; onToggle(p: StaffPerson, on: boolean): void; suggestedTiers: string[] }) {
  const { t } = useTranslation();
  const units = useApi<{ items: { id: number; name: string }[] }>(`/api/agencies/${agencyId}/units`);
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<{ q: string; tier: string; unitId: string }>({ q: '', tier: '', unitId: '' });
  const [pages, setPages] = useState<PersonPage[]>([]);
  // "Load more" continues the list of these filters only; new filters start from the top.
  const filterKey = `${agencyId}|${filters.q}|${filters.tier}|${filters.unitId}`;
  const [cursor, setCursor] = useState<{ key: string; after: string | null }>({ key: filterKey, after: null });
  const after = cursor.key === filterKey ? cursor.after : null;
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError>();
  const ids = { q: useId(), tier: useId(), unit: useId() };
  // A programme for one tier suggests it; the admin can widen the filter again.
  useEffect(() => {
    if (suggestedTiers.length === 1) setFilters((f) => ({ ...f, tier: suggestedTiers[0] }));
  }, [suggestedTiers]);
  useEffect(() => {
    const timer = window.setTimeout(() => setFilters((f) => (f.q === text.trim() ? f : { ...f, q: text.trim() })), 300);
    return () => window.clearTimeout(timer);
  }, [text]);
  useEffect(() => {
    const controller = new AbortController();
    const params = new URLSearchParams({ agencyId: String(agencyId), limit: '20' });
    if (filters.q) params.set('q', filters.q);
    if (filters.tier) params.set('tier', filters.tier);
    if (filters.unitId) params.set('unitId', filters.unitId);
    if (after) params.set('after', after);
    setLoading(true);
    setError(undefined);
    api<PersonPage>(`/api/civil-servants?${params}`, { signal: controller.signal, quiet: true }).then(
      (page) => {
        setPages((prev) => (after ? [...prev, page] : [page]));
        setLoading(false);
      },
      (e: unknown) => {
        if (isAbort(e)) return;
        setError(toApiError(e));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [agencyId, filters, after]); // filterKey follows agencyId and filters
  const people = useMemo(() => pages.flatMap((p) => p.items) as StaffPerson[], [pages]);
  const next = pages.length ? pages[pages.length - 1].next : null;
  const allShown = people.length > 0 && people.every((p) => selected.has(p.id));
  return (
    <div className="people-picker">
      <div className="la-filters">
        <div className="field">
          <label htmlFor={ids.q}>{t('staff.search')}</label>
          <input id={ids.q} type="search" value={text} maxLength={100} onChange={(e) => setText(e.target.value)} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor={ids.tier}>{t('learningAdmin.nominate.tier')}</label>
          <select id={ids.tier} value={filters.tier} onChange={(e) => setFilters((f) => ({ ...f, tier: e.target.value }))}>
            <option value="">{t('learningAdmin.nominate.allTiers')}</option>
            {TIERS.map((x) => (
              <option key={x} value={x}>
                {t(`tiers.${x}`)}
                {suggestedTiers.includes(x) ? ` ${t('learningAdmin.nominate.eligibleMark')}` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.unit}>{t('person.unit')}</label>
          <select id={ids.unit} value={filters.unitId} onChange={(e) => setFilters((f) => ({ ...f, unitId: e.target.value }))}>
            <option value="">{t('learningAdmin.allUnits')}</option>
            {(units.data?.items ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <LoadError error={error} onRetry={() => setFilters((f) => ({ ...f }))} />
      {people.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="staff-pick">
            <caption className="sr-only">{t('learningAdmin.nominate.staffCaption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="col-check">
                  <input type="checkbox" checked={allShown} onChange={(e) => people.forEach((p) => onToggle(p, e.target.checked))} aria-label={t('learningAdmin.nominate.selectAllShown', { count: people.length })} />
                </th>
                <th scope="col">{t('person.name')}</th>
                {people.some((p) => p.nip) && <th scope="col">{t('person.nip')}</th>}
                <th scope="col">{t('person.rank')}</th>
                <th scope="col">{t('person.position')}</th>
                <th scope="col">{t('person.unit')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id} className={selected.has(p.id) ? 'row-selected' : undefined} data-testid="staff-row" data-person={p.id}>
                  <td className="col-check">
                    <input id={`pick-${p.id}`} type="checkbox" checked={selected.has(p.id)} onChange={(e) => onToggle(p, e.target.checked)} />
                  </td>
                  <th scope="row">
                    <label htmlFor={`pick-${p.id}`}>{p.name}</label>
                  </th>
                  {people.some((x) => x.nip) && <td className="mono">{p.nip ?? t('common.empty')}</td>}
                  <td>{p.rank}</td>
                  <td>
                    {p.position_name ?? t('common.empty')}
                    {p.position_tier && <span className="block small muted">{t(`tiers.${p.position_tier}` as 'tiers.pengawas')}</span>}
                  </td>
                  <td>{p.unit_name ?? t('common.empty')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!loading && !error && people.length === 0 && <p className="empty">{t('staff.empty')}</p>}
      {loading && <Loading />}
      {!loading && next && (
        <p>
          <button type="button" className="btn btn-outline" onClick={() => setCursor({ key: filterKey, after: next })}>
            {t('staff.more')}
          </button>
        </p>
      )}
    </div>
  );
}

// ---------- the answer ----------

function Results({ items, people, offeringCode }: { items: NominationResult[]; people: Map<number, StaffPerson>; offeringCode: string }) {
  const { t } = useTranslation();
  const labels = useLearningLabels();
  const f = useFormatters();
  const refused = items.filter((i) => i.outcome === 'refused').length;
  return (
    <section className="card section" aria-labelledby="results-title" data-testid="nomination-results">
      <h2 id="results-title">{t('learningAdmin.nominate.results', { code: offeringCode })}</h2>
      <p role="status">{t('learningAdmin.nominate.resultSummary', { done: f.number(items.length - refused), refused: f.number(refused) })}</p>
      <div className="table-wrap">
        <table className="table">
          <caption className="sr-only">{t('learningAdmin.nominate.results', { code: offeringCode })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('person.name')}</th>
              <th scope="col">{t('learningAdmin.nominate.outcome')}</th>
              <th scope="col">{t('learningAdmin.nominate.why')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.civilServantId} data-testid="nomination-result" data-outcome={r.outcome} data-person={r.civilServantId}>
                <th scope="row">{people.get(r.civilServantId)?.name ?? r.civilServantId}</th>
                <td>
                  {r.outcome === 'refused' ? <span className="tag tag-danger">{t('learningAdmin.nominate.refused')}</span> : <StatusTag status={r.outcome} />}
                  {r.outcome === 'requested' && <span className="block small muted">{t('learningAdmin.nominate.awaitingSupervisor')}</span>}
                  {r.outcome !== 'refused' && <span className="block small muted">{r.seatHeld ? t('learningAdmin.seatHeld') : t('learningAdmin.nominate.noSeatYet')}</span>}
                </td>
                <td>
                  {r.problem ? (
                    <>
                      <strong data-testid="refusal-kind">{labels.problem(r.problem.type)}</strong>
                      <span className="block small" data-testid="refusal-detail">
                        {r.problem.detail}
                      </span>
                    </>
                  ) : (
                    t('common.empty')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="card-links">
        <Link to="/instansi/pendaftaran">{t('learningAdmin.nominate.seeEnrolments')}</Link>
      </p>
    </section>
  );
}
