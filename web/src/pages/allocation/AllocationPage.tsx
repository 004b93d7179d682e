// National admins: start a national allocation run with what-if parameters, follow its progress,
// read the result (optimiser vs greedy, seats, budget used by agency, the Latsar wave), the groups
// with their explanations (per agency), export them, and compare two runs.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, toApiError, type ApiError } from '../../api.ts';
import { Alert, Loading, LoadError } from '../../components/Feedback.tsx';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { useRupiah } from '../../planning.ts';

interface Money { seats: number; gap_closed: number; cost: number }
interface AgencyRow { agency_id: number; code: string; name: string; budget: number | null; people_with_gap: number; optimiser: Money; greedy: Money }
interface Summary {
  people_with_gap: number;
  seats_offered: number;
  optimiser: Money & { method: string; status: string; bound: number; pairs: number; ms: number };
  greedy: Money;
  difference: { gap_closed: number; percent: number | null };
  optimality_gap: number | null;
  timings: { solve_ms: number };
  agencies: AgencyRow[];
}
interface Latsar {
  recruits: number; cohorts_needed: number; seats_available: number; online_seats: number; shortfall: number; cohorts_to_open: number;
  provinces: { province_code: string | null; recruits: number; cohorts_needed: number; seats_in_province: number; online_seats_used: number; shortfall: number; cohorts_to_open: number }[];
}
interface Run { id: number; status: 'queued' | 'running' | 'done' | 'failed'; label: string | null; stage: string | null; progress: number; summary: Summary | null; latsar: Latsar | null; problem: { detail: string } | null; created_at: string }
interface Group {
  id: number; agency: { code: string; name: string }; tier: string; competency: { code: string }; current_level: number; required_level: number;
  people: number; seats: number; gap_closed: number; greedy_gap_closed: number; assignments: { programme_code: string; offering_code: string; seats: number }[]; explanation: string;
}

const PAGE = 50;

export default function AllocationPage() {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const rupiah = useRupiah();
  useDocumentTitle(t('allocation.title'));
  const runs = useApi<{ items: Run[] }>('/api/allocation/runs?limit=20');
  const [runId, setRunId] = useState<number | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [compareId, setCompareId] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // follow the chosen run until it is finished
  useEffect(() => {
    if (runId === null) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const r = await api<Run>(`/api/allocation/runs/${runId}`);
        if (stop) return;
        setRun(r);
        if (r.status === 'queued' || r.status === 'running') timer = setTimeout(poll, 1000);
        else runs.reload();
      } catch (e) {
        if (!stop) setError(toApiError(e));
      }
    };
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runId]);

  async function start(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const num = (k: string) => (String(f.get(k) ?? '').trim() === '' ? undefined : Number(f.get(k)));
    const code = String(f.get('extraCode') ?? '').trim();
    const extra = num('extraSeats');
    const body = {
      label: String(f.get('label') ?? '').trim() || undefined,
      travel: String(f.get('travel')),
      budgetMultiplier: num('multiplier'),
      defaultBudget: num('defaultBudget'),
      extraSeats: code && extra ? [{ competencyCode: code, seats: extra }] : undefined,
      latsar: num('cohortSize') ? { cohortSize: num('cohortSize') } : undefined,
    };
    setBusy(true);
    setError(null);
    try {
      const r = await api<Run>('/api/allocation/runs', { method: 'POST', body: JSON.parse(JSON.stringify(body)) });
      setNotice(t('allocation.form.started', { id: r.id }));
      setCompareId(null);
      setRunId(r.id);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="page-head">
        <h1>{t('allocation.title')}</h1>
        <p className="muted">{t('allocation.intro')}</p>
      </div>
      <section className="card section" aria-labelledby="alloc-form">
        <h2 id="alloc-form">{t('allocation.form.title')}</h2>
        <form className="form-grid" onSubmit={start} data-testid="allocation-form">
          <label>
            {t('allocation.form.label')}
            <input name="label" maxLength={200} />
          </label>
          <label>
            {t('allocation.form.travel')}
            <select name="travel" defaultValue="prefer">
              <option value="strict">{t('allocation.form.travelStrict')}</option>
              <option value="prefer">{t('allocation.form.travelPrefer')}</option>
              <option value="any">{t('allocation.form.travelAny')}</option>
            </select>
          </label>
          <label>
            {t('allocation.form.multiplier')}
            <input name="multiplier" type="number" step="0.1" defaultValue="1" />
          </label>
          <label>
            {t('allocation.form.defaultBudget')}
            <input name="defaultBudget" type="number" step="1000000" />
          </label>
          <label>
            {t('allocation.form.extraCode')}
            <input name="extraCode" placeholder="M.01" />
          </label>
          <label>
            {t('allocation.form.extraSeats')}
            <input name="extraSeats" type="number" />
          </label>
          <label>
            {t('allocation.form.cohortSize')}
            <input name="cohortSize" type="number" defaultValue="40" />
          </label>
          <div>
            <button type="submit" className="primary" disabled={busy}>
              {t('allocation.form.submit')}
            </button>
          </div>
        </form>
        {notice && <Alert kind="success">{notice}</Alert>}
        {error && (
          <Alert>
            {error.detail ?? error.message}
            {error.errors.length > 0 && (
              <ul>
                {error.errors.map((x, i) => (
                  <li key={i}>{`${x.field}: ${x.message}`}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
      </section>

      <section className="card section" aria-labelledby="alloc-runs">
        <h2 id="alloc-runs">{t('allocation.runs.title')}</h2>
        {runs.loading && !runs.data && <Loading />}
        <LoadError error={runs.error} onRetry={runs.reload} />
        {runs.data && runs.data.items.length === 0 && <p className="muted">{t('allocation.runs.empty')}</p>}
        {runs.data && runs.data.items.length > 0 && (
          <ul className="plain" data-testid="allocation-runs">
            {runs.data.items.map((r) => (
              <li key={r.id}>
                <button type="button" className="link" onClick={() => setRunId(r.id)}>
                  {`#${r.id} ${r.label ?? ''}`}
                </button>{' '}
                {t(`allocation.status.${r.status}`)} · {format.dateTime(r.created_at)}
                {run && run.status === 'done' && r.status === 'done' && r.id !== run.id && (
                  <>
                    {' '}
                    <button type="button" className="link" onClick={() => setCompareId(r.id)}>
                      {t('allocation.runs.compareWith')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {run && (run.status === 'queued' || run.status === 'running') && (
        <p className="card" role="status" data-testid="allocation-progress">
          {t('allocation.progress', { id: run.id, status: t(`allocation.status.${run.status}`), stage: run.stage ?? '…', percent: Math.round(run.progress * 100) })}
        </p>
      )}
      {run && run.status === 'failed' && <Alert>{t('allocation.failed', { id: run.id, detail: run.problem?.detail ?? '' })}</Alert>}
      {run && run.status === 'done' && run.summary && (
        <>
          <RunSummary run={run} summary={run.summary} />
          {compareId !== null && <Compare a={compareId} b={run.id} />}
          {run.latsar && <LatsarWave latsar={run.latsar} />}
          <Groups runId={run.id} agencies={run.summary.agencies} lang={i18n.language === 'en' ? 'en' : 'id'} />
        </>
      )}
    </>
  );

  function RunSummary({ run, summary }: { run: Run; summary: Summary }) {
    const top = [...summary.agencies].sort((a, b) => b.optimiser.seats - a.optimiser.seats || a.code.localeCompare(b.code)).slice(0, 50);
    return (
      <>
        <section className="card section" aria-labelledby="alloc-summary" data-testid="allocation-summary">
          <h2 id="alloc-summary">{t('allocation.summary.title', { id: run.id })}</h2>
          <dl className="stats">
            <div><dt>{t('allocation.summary.optimiser')}</dt><dd data-testid="gap-optimiser">{format.number(summary.optimiser.gap_closed)}</dd></div>
            <div><dt>{t('allocation.summary.greedy')}</dt><dd data-testid="gap-greedy">{format.number(summary.greedy.gap_closed)}</dd></div>
            <div><dt>{t('allocation.summary.difference')}</dt><dd>{format.number(summary.difference.gap_closed)}</dd></div>
            <div><dt>{t('allocation.summary.seats')}</dt><dd>{format.number(summary.optimiser.seats)}</dd></div>
            <div><dt>{t('allocation.summary.offered')}</dt><dd>{format.number(summary.seats_offered)}</dd></div>
            <div><dt>{t('allocation.summary.cost')}</dt><dd>{rupiah(summary.optimiser.cost)}</dd></div>
            <div><dt>{t('allocation.summary.people')}</dt><dd>{format.number(summary.people_with_gap)}</dd></div>
          </dl>
          <p>{t('allocation.summary.more', { n: format.number(summary.difference.gap_closed), percent: summary.difference.percent ?? 0 })}</p>
          <p className="muted small">
            {t('allocation.summary.method', { method: summary.optimiser.method, status: summary.optimiser.status, bound: format.number(summary.optimiser.bound), gap: summary.optimality_gap ?? '–', pairs: format.number(summary.optimiser.pairs), ms: format.number(summary.timings.solve_ms) })}
          </p>
          <p>
            <a href={`/api/allocation/runs/${run.id}/export.csv?lang=${i18n.language}`}>{t('allocation.export.csv')}</a>{' · '}
            <a href={`/api/allocation/runs/${run.id}/export.xlsx?lang=${i18n.language}`}>{t('allocation.export.xlsx')}</a>
          </p>
        </section>
        <section className="card section" aria-labelledby="alloc-agencies">
          <h2 id="alloc-agencies">{t('allocation.agencies.title')}</h2>
          <div className="table-wrap">
            <table className="table" data-testid="allocation-agencies">
              <thead>
                <tr>
                  <th scope="col">{t('allocation.agencies.agency')}</th>
                  <th scope="col" className="num">{t('allocation.agencies.budget')}</th>
                  <th scope="col" className="num">{t('allocation.agencies.cost')}</th>
                  <th scope="col" className="num">{t('allocation.agencies.seats')}</th>
                  <th scope="col" className="num">{t('allocation.agencies.gap')}</th>
                  <th scope="col" className="num">{t('allocation.agencies.greedyGap')}</th>
                </tr>
              </thead>
              <tbody>
                {top.map((a) => (
                  <tr key={a.agency_id}>
                    <th scope="row">{`${a.code} ${a.name}`}</th>
                    <td className="num">{a.budget === null ? t('allocation.agencies.unlimited') : rupiah(a.budget)}</td>
                    <td className="num">{rupiah(a.optimiser.cost)}</td>
                    <td className="num">{format.number(a.optimiser.seats)}</td>
                    <td className="num">{format.number(a.optimiser.gap_closed)}</td>
                    <td className="num">{format.number(a.greedy.gap_closed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </>
    );
  }

  function LatsarWave({ latsar }: { latsar: Latsar }) {
    return (
      <section className="card section" aria-labelledby="alloc-latsar" data-testid="allocation-latsar">
        <h2 id="alloc-latsar">{t('allocation.latsar.title')}</h2>
        <p>{t('allocation.latsar.intro', { recruits: format.number(latsar.recruits), cohorts: format.number(latsar.cohorts_needed), seats: format.number(latsar.seats_available), online: format.number(latsar.online_seats), shortfall: format.number(latsar.shortfall), open: format.number(latsar.cohorts_to_open) })}</p>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('allocation.latsar.province')}</th>
                <th scope="col" className="num">{t('allocation.latsar.recruits')}</th>
                <th scope="col" className="num">{t('allocation.latsar.cohorts')}</th>
                <th scope="col" className="num">{t('allocation.latsar.inProvince')}</th>
                <th scope="col" className="num">{t('allocation.latsar.online')}</th>
                <th scope="col" className="num">{t('allocation.latsar.shortfall')}</th>
                <th scope="col" className="num">{t('allocation.latsar.open')}</th>
              </tr>
            </thead>
            <tbody>
              {latsar.provinces.map((p) => (
                <tr key={p.province_code ?? '-'}>
                  <th scope="row">{p.province_code ?? t('allocation.latsar.none')}</th>
                  <td className="num">{format.number(p.recruits)}</td>
                  <td className="num">{format.number(p.cohorts_needed)}</td>
                  <td className="num">{format.number(p.seats_in_province)}</td>
                  <td className="num">{format.number(p.online_seats_used)}</td>
                  <td className="num">{format.number(p.shortfall)}</td>
                  <td className="num">{format.number(p.cohorts_to_open)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    );
  }

}

function Groups({ runId, agencies, lang }: { runId: number; agencies: AgencyRow[]; lang: 'id' | 'en' }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [agencyId, setAgencyId] = useState<string>('');
  const [offset, setOffset] = useState(0);
  const groups = useApi<{ total: number; items: Group[] }>(`/api/allocation/runs/${runId}/groups?limit=${PAGE}&offset=${offset}&lang=${lang}${agencyId ? `&agencyId=${agencyId}` : ''}`);
  return (
    <section className="card section" aria-labelledby="alloc-groups">
      <h2 id="alloc-groups">{t('allocation.groups.title')}</h2>
      <label>
        {t('allocation.groups.filterAgency')}{' '}
        <select value={agencyId} onChange={(e) => { setAgencyId(e.target.value); setOffset(0); }} data-testid="allocation-agency-filter">
          <option value="">{t('allocation.groups.all')}</option>
          {[...agencies].sort((a, b) => a.code.localeCompare(b.code)).map((a) => (
            <option key={a.agency_id} value={a.agency_id}>{`${a.code} ${a.name}`}</option>
          ))}
        </select>
      </label>
      <LoadError error={groups.error} onRetry={groups.reload} />
      {groups.loading && !groups.data && <Loading />}
      {groups.data && (
        <>
          <p className="muted small">{t('allocation.groups.total', { n: format.number(groups.data.total) })}</p>
          <div className="table-wrap">
            <table className="table" data-testid="allocation-groups">
              <thead>
                <tr>
                  <th scope="col">{t('allocation.groups.group')}</th>
                  <th scope="col" className="num">{t('allocation.groups.people')}</th>
                  <th scope="col" className="num">{t('allocation.groups.seats')}</th>
                  <th scope="col" className="num">{t('allocation.groups.gap')}</th>
                  <th scope="col" className="num">{t('allocation.groups.greedy')}</th>
                  <th scope="col">{t('allocation.groups.offerings')}</th>
                  <th scope="col">{t('allocation.groups.explanation')}</th>
                </tr>
              </thead>
              <tbody>
                {groups.data.items.map((g) => (
                  <tr key={g.id}>
                    <th scope="row">{`${g.agency.code} · ${g.tier} · ${g.competency.code} ${g.current_level}→${g.required_level}`}</th>
                    <td className="num">{format.number(g.people)}</td>
                    <td className="num">{format.number(g.seats)}</td>
                    <td className="num">{format.number(g.gap_closed)}</td>
                    <td className="num">{format.number(g.greedy_gap_closed)}</td>
                    <td>{g.assignments.map((a) => `${a.programme_code}/${a.offering_code} ×${a.seats}`).join('; ')}</td>
                    <td className="small">{g.explanation}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="actions">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('allocation.groups.prev')}</button>{' '}
            <button type="button" disabled={offset + PAGE >= groups.data.total} onClick={() => setOffset(offset + PAGE)}>{t('allocation.groups.next')}</button>
          </div>
        </>
      )}
    </section>
  );
}

function Compare({ a, b }: { a: number; b: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const rupiah = useRupiah();
  const cmp = useApi<{ totals: { change: { optimiser: number; seats: number; cost: number } }; agencies: { agency_id: number; code: string; a: Money | null; b: Money | null; change: { gap_closed: number } }[] }>(`/api/allocation/runs/${a}/compare/${b}`);
  return (
    <section className="card section" aria-labelledby="alloc-compare" data-testid="allocation-compare">
      <h2 id="alloc-compare">{t('allocation.compare.title', { a, b })}</h2>
      <LoadError error={cmp.error} onRetry={cmp.reload} />
      {cmp.data && (
        <>
          <p>{t('allocation.compare.change', { gap: format.number(cmp.data.totals.change.optimiser), seats: format.number(cmp.data.totals.change.seats), cost: rupiah(cmp.data.totals.change.cost) })}</p>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('allocation.compare.agency')}</th>
                  <th scope="col" className="num">{t('allocation.compare.a', { id: a })}</th>
                  <th scope="col" className="num">{t('allocation.compare.b', { id: b })}</th>
                  <th scope="col" className="num">{t('allocation.compare.delta')}</th>
                </tr>
              </thead>
              <tbody>
                {cmp.data.agencies.slice(0, 50).map((r) => (
                  <tr key={r.agency_id}>
                    <th scope="row">{r.code}</th>
                    <td className="num">{format.number(r.a?.gap_closed ?? 0)}</td>
                    <td className="num">{format.number(r.b?.gap_closed ?? 0)}</td>
                    <td className="num">{format.number(r.change.gap_closed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
