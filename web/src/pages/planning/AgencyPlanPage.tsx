// Agency admin: the agency's plan of a year — its needs (people with gaps by competency × tier ×
// unit), the programmes and seats chosen for them within the budget, last year's delivery, the
// people who most need each offering (to nominate), submission to the national institute and
// the exports. /rencana/instansi/:id opens one plan (national roles read submitted plans).
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth.tsx';
import { api, toApiError, type ApiError } from '../../api.ts';
import { Alert, Loading, LoadError } from '../../components/Feedback.tsx';
import { codeLabel, useCompetencyName } from '../../competency.ts';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { navigate, useLocation } from '../../router.tsx';
import { idParam, type PageProps } from '../../routes.tsx';
import { grantsFor } from '../../roles.ts';
import { thisYear, useReasonText, useRupiah, useTitle, type AgencyPlan, type AgencyPlanLine, type AgencyPlanSummary, type Comparison, type NeedRow, type NeedsView, type Reason } from '../../planning.ts';
import { NotFoundPage } from '../StatusPages.tsx';
import '../../styles/planning.css';

const TIERS = ['jpt_utama', 'jpt_madya', 'jpt_pratama', 'administrator', 'pengawas', 'ahli_utama', 'ahli_madya', 'ahli_muda', 'ahli_pertama', 'penyelia', 'mahir', 'terampil', 'pemula', 'pelaksana'];

function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async <T,>(work: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (e) {
      setError(toApiError(e));
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

export default function AgencyPlanPage({ params }: PageProps) {
  if (params.id !== undefined) {
    const id = idParam(params.id);
    return id === null ? <NotFoundPage /> : <PlanById id={id} />;
  }
  return <OwnAgencyPlan />;
}

function OwnAgencyPlan() {
  const { t } = useTranslation();
  const me = useMe();
  const agencyId = grantsFor(me, 'agency_admin')[0]?.scopeId ?? null;
  const { query } = useLocation();
  const asked = Number(query.get('tahun'));
  const year = asked === thisYear() || asked === thisYear() + 1 ? asked : thisYear();
  useDocumentTitle(t('planning.agency.title'));
  const list = useApi<{ items: AgencyPlanSummary[] }>(agencyId ? `/api/planning/agency-plans?agencyId=${agencyId}&year=${year}` : null);
  const found = list.data?.items.find((p) => p.year === year);
  return (
    <>
      <div className="page-head">
        <h1>{t('planning.agency.title')}</h1>
        <p className="muted">{t('planning.agency.intro')}</p>
        <div className="segmented" role="group" aria-label={t('planning.plan.yearLabel')}>
          {[thisYear(), thisYear() + 1].map((y) => (
            <button key={y} type="button" aria-pressed={year === y} onClick={() => navigate(`/rencana/instansi?tahun=${y}`)}>
              {y}
            </button>
          ))}
        </div>
      </div>
      {agencyId === null && <p className="card empty">{t('planning.agency.noAgency')}</p>}
      {list.loading && !list.data && <Loading />}
      <LoadError error={list.error} onRetry={list.reload} />
      {list.data && agencyId !== null && !found && <StartPlan agencyId={agencyId} year={year} onCreated={list.reload} />}
      {found && <PlanDetail id={found.id} />}
    </>
  );
}

function PlanById({ id }: { id: number }) {
  const { t } = useTranslation();
  useDocumentTitle(t('planning.agency.title'));
  return (
    <>
      <div className="page-head">
        <h1>{t('planning.agency.title')}</h1>
      </div>
      <PlanDetail id={id} />
    </>
  );
}

function StartPlan({ agencyId, year, onCreated }: { agencyId: number; year: number; onCreated: () => void }) {
  const { t } = useTranslation();
  const needs = useApi<NeedsView>(`/api/planning/agencies/${agencyId}/needs?year=${year}`);
  const [budget, setBudget] = useState('');
  const [notes, setNotes] = useState('');
  const action = useAction();
  const create = async (event: FormEvent) => {
    event.preventDefault();
    const value = Number(budget);
    if (!(value >= 0)) return;
    if (await action.run(() => api('/api/planning/agency-plans', { method: 'POST', body: { agencyId, year, budget: value, notes: notes.trim() || null } }))) onCreated();
  };
  return (
    <>
      <section className="card section" aria-labelledby="plan-create">
        <h2 id="plan-create">{t('planning.agency.startTitle', { year })}</h2>
        {action.error && <Alert>{action.error.detail ?? action.error.title}</Alert>}
        <form className="form card-narrow" onSubmit={create}>
          <div className="field">
            <label htmlFor="plan-budget">{t('planning.agency.budget')}</label>
            <input id="plan-budget" type="number" min={0} step={1000} required value={budget} onChange={(e) => setBudget(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="plan-notes">{t('planning.agency.notes')}</label>
            <textarea id="plan-notes" value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={4000} />
          </div>
          <button type="submit" className="btn btn-primary" disabled={action.busy}>
            {t('planning.agency.create')}
          </button>
        </form>
      </section>
      {needs.loading && !needs.data && <Loading />}
      <LoadError error={needs.error} onRetry={needs.reload} />
      {needs.data && (
        <>
          <NeedsTable rows={needs.data.needs.rows} units={needs.data.needs.units} asOf={needs.data.needs.as_of} />
          <ComparisonTable comparison={needs.data.comparison} />
        </>
      )}
    </>
  );
}

function PlanDetail({ id }: { id: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const rupiah = useRupiah();
  const plan = useApi<AgencyPlan>(`/api/planning/agency-plans/${id}`);
  const action = useAction();
  const [comment, setComment] = useState('');
  const p = plan.data;
  if (plan.error?.status === 404) return <NotFoundPage />;
  if (!p) return plan.loading ? <Loading /> : <LoadError error={plan.error} onRetry={plan.reload} />;
  const submit = async () => {
    if (await action.run(() => api(`/api/planning/agency-plans/${p.id}/submit`, { method: 'POST' }))) plan.reload();
  };
  const giveBack = async (event: FormEvent) => {
    event.preventDefault();
    if (comment.trim() && (await action.run(() => api(`/api/planning/agency-plans/${p.id}/return`, { method: 'POST', body: { comment: comment.trim() } })))) plan.reload();
  };
  return (
    <>
      <section className="card section" aria-labelledby="agency-plan" data-testid="agency-plan">
        <div className="section-head">
          <h2 id="agency-plan">{t('planning.agency.planTitle', { agency: p.agency.name, year: p.year })}</h2>
          <span className={`tag ${p.status === 'submitted' ? 'tag-ok' : p.status === 'returned' ? 'tag-danger' : 'tag-draft'}`} data-testid="agency-plan-status">
            {t(`planning.agency.status.${p.status}`)}
          </span>
        </div>
        <div className="stats">
          <div className="stat">
            <span className="stat-value">{rupiah(p.budget)}</span>
            <span className="stat-label">{t('planning.agency.budget')}</span>
          </div>
          <div className="stat">
            <span className="stat-value" data-testid="agency-plan-cost">{rupiah(p.cost)}</span>
            <span className="stat-label">{t('planning.agency.cost')}</span>
          </div>
          <div className="stat">
            <span className={`stat-value ${p.remaining < 0 ? 'over' : ''}`}>{rupiah(p.remaining)}</span>
            <span className="stat-label">{t('planning.agency.remaining')}</span>
          </div>
          <div className="stat">
            <span className="stat-value">{format.number(p.seats)}</span>
            <span className="stat-label">{t('planning.agency.seats')}</span>
          </div>
        </div>
        {p.notes && <p>{p.notes}</p>}
        {p.status === 'returned' && p.return_comment && <Alert kind="info">{t('planning.agency.returnedBecause', { by: p.returned_by ?? '', comment: p.return_comment })}</Alert>}
        {p.submitted_at && <p className="muted small">{t('planning.agency.submittedOn', { date: format.date(p.submitted_at), by: p.submitted_by ?? '' })}</p>}
        {action.error && <Alert>{action.error.detail ?? action.error.title}</Alert>}
        {p.may.edit && <BudgetForm plan={p} onSaved={plan.reload} />}
        <div className="plan-actions">
          {p.may.submit && (
            <button type="button" className="btn btn-primary" onClick={submit} disabled={action.busy}>
              {t('planning.agency.submit')}
            </button>
          )}
          <a className="btn btn-outline" href={`/api/planning/agency-plans/${p.id}/export.xlsx`} download>
            {t('planning.agency.exportXlsx')}
          </a>
          <a className="btn btn-outline" href={`/api/planning/agency-plans/${p.id}/export.pdf`} target="_blank" rel="noopener">
            {t('planning.agency.exportPdf')}
          </a>
        </div>
        {p.may.return && (
          <form className="decision-form" onSubmit={giveBack}>
            <div className="field">
              <label htmlFor="return-comment">{t('planning.agency.returnComment')}</label>
              <textarea id="return-comment" required value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
            </div>
            <button type="submit" className="btn btn-outline" disabled={action.busy || !comment.trim()}>
              {t('planning.agency.return')}
            </button>
          </form>
        )}
      </section>
      <Lines plan={p} onChanged={plan.reload} />
      {p.may.edit && <AddLine plan={p} onAdded={plan.reload} />}
      <NeedsTable rows={p.needs.rows} units={p.needs.units} asOf={p.needs.as_of} frozen={p.needs.frozen} />
      <ComparisonTable comparison={p.comparison} />
    </>
  );
}

function BudgetForm({ plan, onSaved }: { plan: AgencyPlan; onSaved: () => void }) {
  const { t } = useTranslation();
  const [budget, setBudget] = useState(String(plan.budget));
  const action = useAction();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run(() => api(`/api/planning/agency-plans/${plan.id}`, { method: 'PATCH', body: { budget: Number(budget) } }))) onSaved();
  };
  return (
    <form className="form" onSubmit={save}>
      <div className="field">
        <label htmlFor="budget-edit">{t('planning.agency.budget')}</label>
        <div className="search-row">
          <input id="budget-edit" type="number" min={0} step={1000} value={budget} onChange={(e) => setBudget(e.target.value)} />
          <button type="submit" className="btn btn-outline" disabled={action.busy}>
            {t('planning.agency.saveBudget')}
          </button>
        </div>
      </div>
      {action.error && <Alert>{action.error.detail ?? action.error.title}</Alert>}
    </form>
  );
}

function Lines({ plan, onChanged }: { plan: AgencyPlan; onChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const rupiah = useRupiah();
  const title = useTitle();
  const action = useAction();
  const [open, setOpen] = useState<number | null>(null);
  const setSeats = async (line: AgencyPlanLine, seats: number) => {
    if (seats !== line.seats && (await action.run(() => api(`/api/planning/agency-plans/${plan.id}/lines/${line.id}`, { method: 'PATCH', body: { seats } })))) onChanged();
  };
  const remove = async (line: AgencyPlanLine) => {
    if (await action.run(() => api(`/api/planning/agency-plans/${plan.id}/lines/${line.id}`, { method: 'DELETE' }))) onChanged();
  };
  return (
    <section className="card section" aria-labelledby="plan-lines">
      <h2 id="plan-lines">{t('planning.agency.linesTitle')}</h2>
      {action.error && <Alert>{action.error.detail ?? action.error.title}</Alert>}
      {plan.lines.length === 0 ? (
        <p className="empty">{t('planning.agency.noLines')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="plan-lines">
            <thead>
              <tr>
                <th scope="col">{t('planning.plan.colProgramme')}</th>
                <th scope="col">{t('planning.plan.colCohort')}</th>
                <th scope="col">{t('planning.agency.colFor')}</th>
                <th scope="col" className="num">{t('planning.agency.seats')}</th>
                <th scope="col" className="num">{t('planning.agency.unitFee')}</th>
                <th scope="col" className="num">{t('planning.agency.cost')}</th>
                <th scope="col"><span className="sr-only">{t('planning.plan.colActions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {plan.lines.map((l) => (
                <LineRow key={l.id} plan={plan} line={l} open={open === l.id} onToggle={() => setOpen(open === l.id ? null : l.id)} onSeats={setSeats} onRemove={remove} busy={action.busy} format={format} rupiah={rupiah} title={title} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open !== null && plan.lines.find((l) => l.id === open)?.offering && <Candidates offeringId={plan.lines.find((l) => l.id === open)!.offering!.id} agencyId={plan.agency.id} />}
    </section>
  );
}

function LineRow({ plan, line, open, onToggle, onSeats, onRemove, busy, format, rupiah, title }: { plan: AgencyPlan; line: AgencyPlanLine; open: boolean; onToggle: () => void; onSeats: (l: AgencyPlanLine, n: number) => void; onRemove: (l: AgencyPlanLine) => void; busy: boolean; format: ReturnType<typeof useFormatters>; rupiah: (n: number) => string; title: ReturnType<typeof useTitle> }) {
  const { t } = useTranslation();
  const [seats, setSeats] = useState(String(line.seats));
  return (
    <tr data-programme={line.programme.code}>
      <th scope="row">
        {title(line.programme)}
        <span className="block small muted">
          {line.programme.code} · {line.target_competencies.map((c) => c.code).join(', ')}
        </span>
      </th>
      <td>{line.offering ? `${line.offering.code} · ${format.date(line.offering.start_date)}` : <span className="muted">{t('planning.plan.noCohort')}</span>}</td>
      <td>{[line.position_tier ? codeLabel('tiers', line.position_tier) : null, line.unit_name].filter(Boolean).join(' · ') || t('common.empty')}</td>
      <td className="num">
        {plan.may.edit ? (
          <>
            <label className="sr-only" htmlFor={`seats-${line.id}`}>
              {t('planning.agency.seatsOf', { code: line.programme.code })}
            </label>
            <input id={`seats-${line.id}`} className="input-seats" type="number" min={1} value={seats} onChange={(e) => setSeats(e.target.value)} onBlur={() => onSeats(line, Number(seats))} onKeyDown={(e) => e.key === 'Enter' && onSeats(line, Number(seats))} disabled={busy} />
          </>
        ) : (
          format.number(line.seats)
        )}
      </td>
      <td className="num">{rupiah(line.unit_fee)}</td>
      <td className="num">{rupiah(line.cost)}</td>
      <td>
        {line.offering && (
          <button type="button" className="btn btn-small btn-ghost" aria-expanded={open} onClick={onToggle}>
            {t('planning.agency.candidates')}
          </button>
        )}
        {plan.may.edit && (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => onRemove(line)} disabled={busy}>
            {t('planning.plan.remove')}
          </button>
        )}
      </td>
    </tr>
  );
}

interface CandidateList {
  offering: { id: number; code: string; seats_left: number };
  people: { rank: number; person: { id: number; name: string; position_name: string; unit_name: string | null }; closes: number; reason: Reason }[];
}

function Candidates({ offeringId, agencyId }: { offeringId: number; agencyId: number }) {
  const { t } = useTranslation();
  const reason = useReasonText();
  const list = useApi<CandidateList>(`/api/planning/offerings/${offeringId}/candidates?agencyId=${agencyId}&limit=25`);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [result, setResult] = useState<string | null>(null);
  const action = useAction();
  const nominate = async () => {
    const res = await action.run(() => api<{ items: { outcome: string }[] }>('/api/learning/nominations', { method: 'POST', body: { offeringId, civilServantIds: [...chosen] } }));
    if (res) {
      setResult(t('planning.agency.nominated', { done: res.items.filter((i) => i.outcome !== 'refused').length, refused: res.items.filter((i) => i.outcome === 'refused').length }));
      setChosen(new Set());
      list.reload();
    }
  };
  return (
    <div className="section" data-testid="candidates">
      <h3>{t('planning.agency.candidatesTitle', { code: list.data?.offering.code ?? '', seats: list.data?.offering.seats_left ?? 0 })}</h3>
      {list.loading && !list.data && <Loading />}
      <LoadError error={list.error} onRetry={list.reload} />
      {result && <Alert kind="success">{result}</Alert>}
      {action.error && <Alert>{action.error.detail ?? action.error.title}</Alert>}
      {list.data && list.data.people.length === 0 && <p className="empty">{t('planning.agency.noCandidates')}</p>}
      {list.data && list.data.people.length > 0 && (
        <>
          <ul className="plain rec-list">
            {list.data.people.map((c) => (
              <li key={c.person.id} className="rec">
                <label>
                  <input type="checkbox" checked={chosen.has(c.person.id)} onChange={(e) => setChosen((s) => { const n = new Set(s); if (e.target.checked) n.add(c.person.id); else n.delete(c.person.id); return n; })} />{' '}
                  <strong>{c.person.name}</strong> <span className="muted small">{[c.person.position_name, c.person.unit_name].filter(Boolean).join(' · ')}</span>
                </label>
                <p className="rec-reason small">{reason(c.reason)}</p>
              </li>
            ))}
          </ul>
          <button type="button" className="btn btn-primary" onClick={nominate} disabled={action.busy || chosen.size === 0}>
            {t(chosen.size === 1 ? 'planning.agency.nominateOne' : 'planning.agency.nominate', { n: chosen.size })}
          </button>
        </>
      )}
    </div>
  );
}

interface SearchHit {
  id: number;
  code: string;
  title_id: string;
  title_en: string | null;
  jp: number;
  provider: { name: string };
}

interface PublicProgramme {
  id: number;
  code: string;
  competencies: { code: string; name_id: string | null; name_en: string | null; level_from: number; level_to: number }[];
  offerings: { id: number; code: string; start_date: string; fee: number; mode: string; province_name: string | null; registration_closes: string }[];
}

function AddLine({ plan, onAdded }: { plan: AgencyPlan; onAdded: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const rupiah = useRupiah();
  const title = useTitle();
  const name = useCompetencyName();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [programme, setProgramme] = useState<PublicProgramme | null>(null);
  const [offering, setOffering] = useState('');
  const [seats, setSeats] = useState('10');
  const [fee, setFee] = useState('');
  const [tier, setTier] = useState('');
  const [unit, setUnit] = useState('');
  const [targets, setTargets] = useState<Set<string>>(new Set());
  const action = useAction();
  const search = async (event: FormEvent) => {
    event.preventDefault();
    const res = await action.run(() => api<{ items: SearchHit[] }>(`/api/catalog/search?${new URLSearchParams({ q, pageSize: '8' })}`));
    if (res) setHits(res.items);
  };
  const choose = async (id: number) => {
    const p = await action.run(() => api<PublicProgramme>(`/api/catalog/programmes/${id}`));
    if (p) {
      setProgramme(p);
      setTargets(new Set(p.competencies.map((c) => c.code)));
      setOffering('');
      setFee('');
    }
  };
  const inYear = programme?.offerings.filter((o) => Number(o.start_date.slice(0, 4)) === plan.year) ?? [];
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!programme) return;
    const body: Record<string, unknown> = { seats: Number(seats), targetCompetencies: [...targets], positionTier: tier || null, unitId: unit ? Number(unit) : null };
    if (offering) body.offeringId = Number(offering);
    else body.programmeId = programme.id;
    if (fee !== '') body.unitFee = Number(fee);
    if (await action.run(() => api(`/api/planning/agency-plans/${plan.id}/lines`, { method: 'POST', body }))) {
      setProgramme(null);
      setHits(null);
      setQ('');
      onAdded();
    }
  };
  return (
    <section className="card section" aria-labelledby="add-line">
      <h2 id="add-line">{t('planning.agency.addTitle')}</h2>
      <form className="search-form" role="search" onSubmit={search}>
        <label htmlFor="line-search">{t('planning.agency.searchLabel')}</label>
        <div className="search-row">
          <input id="line-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          <button type="submit" className="btn btn-outline" disabled={action.busy}>
            {t('planning.agency.search')}
          </button>
        </div>
      </form>
      {hits && hits.length === 0 && <p className="empty">{t('planning.agency.noHits')}</p>}
      {hits && hits.length > 0 && !programme && (
        <ul className="search-results">
          {hits.map((h) => (
            <li key={h.id}>
              <span>
                {title(h)} <span className="muted small">{h.code} · {h.provider.name}</span>
              </span>
              <button type="button" className="btn btn-small btn-outline" onClick={() => choose(h.id)} aria-label={t('planning.agency.chooseLabel', { title: title(h) })}>
                {t('planning.agency.choose')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {action.error && <Alert>{action.error.detail ?? action.error.title}</Alert>}
      {programme && (
        <form className="line-form" onSubmit={add} data-testid="line-form">
          <p className="card-wide">
            <strong>{programme.code}</strong>
          </p>
          <div className="field">
            <label htmlFor="line-offering">{t('planning.plan.colCohort')}</label>
            <select id="line-offering" value={offering} onChange={(e) => (setOffering(e.target.value), setFee(''))}>
              <option value="">{t('planning.agency.noOffering')}</option>
              {inYear.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.code} · {format.date(o.start_date)} · {rupiah(o.fee)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="line-seats">{t('planning.agency.seats')}</label>
            <input id="line-seats" type="number" min={1} required value={seats} onChange={(e) => setSeats(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="line-fee">{t('planning.agency.unitFee')}</label>
            <input id="line-fee" type="number" min={0} step={1000} value={fee} required={!offering} placeholder={offering ? t('planning.agency.feeFromOffering') : ''} onChange={(e) => setFee(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="line-tier">{t('planning.agency.tier')}</label>
            <select id="line-tier" value={tier} onChange={(e) => setTier(e.target.value)}>
              <option value="">{t('planning.agency.anyTier')}</option>
              {TIERS.map((x) => (
                <option key={x} value={x}>
                  {codeLabel('tiers', x)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="line-unit">{t('planning.agency.unit')}</label>
            <select id="line-unit" value={unit} onChange={(e) => setUnit(e.target.value)}>
              <option value="">{t('planning.agency.anyUnit')}</option>
              {plan.needs.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="field card-wide">
            <legend>{t('planning.agency.targets')}</legend>
            <div className="checks">
              {programme.competencies.map((c) => (
                <label key={c.code}>
                  <input type="checkbox" checked={targets.has(c.code)} onChange={(e) => setTargets((s) => { const n = new Set(s); if (e.target.checked) n.add(c.code); else n.delete(c.code); return n; })} /> {c.code} {name({ ...c, kind: null })} ({c.level_from}→{c.level_to})
                </label>
              ))}
            </div>
          </fieldset>
          <div className="plan-actions">
            <button type="submit" className="btn btn-primary" disabled={action.busy}>
              {t('planning.agency.addLine')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setProgramme(null)}>
              {t('planning.agency.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function NeedsTable({ rows, units, asOf, frozen = false }: { rows: NeedRow[]; units: { id: number; name: string }[]; asOf: string; frozen?: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const name = useCompetencyName();
  const [unit, setUnit] = useState('');
  const grouped = useMemo(() => {
    const out = new Map<string, NeedRow>();
    for (const r of rows) {
      if (unit && String(r.unitId) !== unit) continue;
      const key = `${r.code}|${r.tier}`;
      const g = out.get(key) ?? { ...r, unitId: null, people: 0, withGap: 0, gapSum: 0 };
      g.people += r.people;
      g.withGap += r.withGap;
      g.gapSum += r.gapSum;
      out.set(key, g);
    }
    return [...out.values()].filter((g) => g.withGap > 0);
  }, [rows, unit]);
  return (
    <section className="card section" aria-labelledby="needs-title" data-testid="needs">
      <div className="section-head">
        <h2 id="needs-title">{t('planning.agency.needsTitle')}</h2>
        <span className="muted small">{t(frozen ? 'planning.agency.needsFrozen' : 'planning.agency.needsAsOf', { date: format.date(asOf) })}</span>
      </div>
      <div className="field">
        <label htmlFor="needs-unit">{t('planning.agency.unit')}</label>
        <select id="needs-unit" value={unit} onChange={(e) => setUnit(e.target.value)}>
          <option value="">{t('planning.agency.allUnits')}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      {grouped.length === 0 ? (
        <p className="empty">{t('planning.agency.noNeeds')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('planning.agency.needsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('planning.agency.competency')}</th>
                <th scope="col">{t('planning.agency.tier')}</th>
                <th scope="col" className="num">{t('planning.agency.people')}</th>
                <th scope="col" className="num">{t('planning.agency.withGap')}</th>
                <th scope="col" className="num">{t('planning.agency.gapSum')}</th>
              </tr>
            </thead>
            <tbody>
              {grouped.map((g) => (
                <tr key={`${g.code}|${g.tier}`}>
                  <th scope="row">
                    {g.code} {name({ ...g, kind: null })}
                  </th>
                  <td>{codeLabel('tiers', g.tier)}</td>
                  <td className="num">{format.number(g.people)}</td>
                  <td className="num">{format.number(g.withGap)}</td>
                  <td className="num">{format.number(g.gapSum)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ComparisonTable({ comparison }: { comparison: Comparison }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const name = useCompetencyName();
  return (
    <section className="card section" aria-labelledby="comparison-title" data-testid="comparison">
      <h2 id="comparison-title">{t('planning.agency.comparisonTitle', { year: comparison.lastYear })}</h2>
      <p className="muted small">{t('planning.agency.deliveredTotal', { people: comparison.delivered.people, jp: format.number(comparison.delivered.jp), year: comparison.lastYear })}</p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('planning.agency.competency')}</th>
              <th scope="col" className="num">{t('planning.agency.withGap')}</th>
              <th scope="col" className="num">{t('planning.agency.plannedSeats')}</th>
              <th scope="col" className="num">{t('planning.agency.delivered', { year: comparison.lastYear })}</th>
              <th scope="col" className="num">{t('planning.agency.deliveredJp', { year: comparison.lastYear })}</th>
            </tr>
          </thead>
          <tbody>
            {comparison.competencies.map((c) => (
              <tr key={c.code}>
                <th scope="row">
                  {c.code} {name({ ...c, kind: null })}
                </th>
                <td className="num">{format.number(c.withGap)}</td>
                <td className="num">{format.number(c.plannedSeats)}</td>
                <td className="num">{format.number(c.deliveredCompletions)}</td>
                <td className="num">{format.number(c.deliveredJp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
