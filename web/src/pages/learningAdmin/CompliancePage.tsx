// JP compliance (/instansi/kepatuhan-jp): the agency's people with their JP of a year against
// the 20-JP entitlement (met / on track / at risk), filtered by status and unit, the roll-up by
// unit (a table, or a stacked bar chart), and the same list as CSV.
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { api, isAbort, toApiError, type ApiError } from '../../api.ts';
import { ChartFigure } from '../../components/ChartFigure.tsx';
import { LoadError, Loading } from '../../components/Feedback.tsx';
import { useDocumentTitle, useFormatters } from '../../hooks.ts';
import { JP_STATUSES, useAgencyChoice, useLearningLabels, type Compliance, type JpStatus } from '../../learningAdmin.ts';
import { Link } from '../../router.tsx';
import { AgencyPicker, StatusTag } from './parts.tsx';
import '../../styles/learning-admin.css';

const PAGE = 100;
const STATUS_COLOURS: Record<JpStatus, string> = { met: '#0f766e', on_track: '#f59e0b', at_risk: '#b42318' };

export default function CompliancePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('learningAdmin.compliance.title'));
  const f = useFormatters();
  const labels = useLearningLabels();
  const choice = useAgencyChoice();
  const thisYear = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [status, setStatus] = useState<JpStatus | ''>('');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [pages, setPages] = useState<Compliance[]>([]);
  const [after, setAfter] = useState<{ key: string; value: number | null }>({ key: '', value: null });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [attempt, setAttempt] = useState(0);
  const ids = { year: useId(), status: useId(), unit: useId() };

  const filters = new URLSearchParams({ year: String(year) });
  if (status) filters.set('status', status);
  if (unitId !== null) filters.set('unitId', String(unitId));
  const key = `${choice.agencyId}|${filters}`;
  const cursor = after.key === key ? after.value : null;
  useEffect(() => {
    if (choice.agencyId === null) return;
    const controller = new AbortController();
    const params = new URLSearchParams(filters);
    params.set('limit', String(PAGE));
    if (cursor) params.set('after', String(cursor));
    setLoading(true);
    setError(undefined);
    api<Compliance>(`/api/learning/agencies/${choice.agencyId}/jp-compliance?${params}`, { signal: controller.signal }).then(
      (page) => {
        setPages((prev) => (cursor ? [...prev, page] : [page]));
        setLoading(false);
      },
      (e: unknown) => {
        if (isAbort(e)) return;
        setError(toApiError(e));
        setLoading(false);
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, cursor, attempt]);

  const first = pages[0];
  const people = pages.flatMap((p) => p.people);
  const next = pages.length ? pages[pages.length - 1].nextAfter : null;
  const csv = choice.agencyId ? `/api/learning/agencies/${choice.agencyId}/jp-compliance.csv?${filters}` : null;
  const unitName = first?.units.find((u) => u.unitId === unitId)?.unitName;

  return (
    <>
      <div className="page-head">
        <h1>{t('learningAdmin.compliance.title')}</h1>
        <p className="muted">{t('learningAdmin.compliance.intro')}</p>
      </div>
      <div className="card section">
        <div className="la-filters">
          <AgencyPicker choice={choice} />
          <div className="field">
            <label htmlFor={ids.year}>{t('learningAdmin.compliance.year')}</label>
            <select id={ids.year} value={year} onChange={(e) => setYear(Number(e.target.value))}>
              {[thisYear, thisYear - 1, thisYear - 2].map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.status}>{t('learningAdmin.compliance.status')}</label>
            <select id={ids.status} value={status} onChange={(e) => setStatus(e.target.value as JpStatus | '')}>
              <option value="">{t('learningAdmin.compliance.allStatuses')}</option>
              {JP_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {labels.jpStatus(s)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.unit}>{t('person.unit')}</label>
            <select id={ids.unit} value={unitId ?? ''} onChange={(e) => setUnitId(e.target.value ? Number(e.target.value) : null)}>
              <option value="">{t('learningAdmin.allUnits')}</option>
              {(first?.units ?? [])
                .filter((u) => u.unitId !== null)
                .map((u) => (
                  <option key={u.unitId} value={u.unitId!}>
                    {u.unitName}
                  </option>
                ))}
            </select>
          </div>
          {csv && (
            <a className="btn btn-outline" href={csv} download data-testid="csv-link">
              {t('learningAdmin.compliance.csv')}
            </a>
          )}
        </div>
        {first && (
          <div className="stats" data-testid="compliance-totals">
            <Stat label={t('learningAdmin.compliance.people')} value={f.number(first.totals.people)} />
            <Stat label={labels.jpStatus('met')} value={f.number(first.totals.met)} testId="total-met" />
            <Stat label={labels.jpStatus('on_track')} value={f.number(first.totals.on_track)} testId="total-on_track" />
            <Stat label={labels.jpStatus('at_risk')} value={f.number(first.totals.at_risk)} testId="total-at_risk" />
            <Stat label={t('learningAdmin.compliance.metPct')} value={`${f.number(first.totals.metPct)} %`} />
            <Stat label={t('learningAdmin.compliance.average')} value={`${f.number(first.totals.averageJp)} JP`} />
            <p className="stats-note muted small">{t('learningAdmin.compliance.expected', { year: first.year, entitlement: first.entitlement, expected: f.number(first.expectedByNow) })}</p>
          </div>
        )}
      </div>

      {first && <UnitRollup data={first} selected={unitId} onSelect={setUnitId} />}

      <section className="card section" aria-labelledby="people-title">
        <h2 id="people-title">
          {unitName ? t('learningAdmin.compliance.peopleOfUnit', { unit: unitName }) : t('learningAdmin.compliance.peopleTitle')}
          {status && <span className="card-count">{labels.jpStatus(status)}</span>}
        </h2>
        <LoadError error={error} onRetry={() => setAttempt((n) => n + 1)} />
        {first && people.length === 0 && !loading && <p className="empty">{t('learningAdmin.compliance.nobody')}</p>}
        {people.length > 0 && (
          <>
            <p className="muted small" aria-live="polite">
              {t('learningAdmin.compliance.shown', { count: people.length })}
            </p>
            <div className="table-wrap">
              <table className="table" data-testid="compliance-people">
                <caption className="sr-only">{t('learningAdmin.compliance.peopleTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('person.name')}</th>
                    <th scope="col">{t('person.unit')}</th>
                    <th scope="col" className="num">
                      JP
                    </th>
                    <th scope="col">{t('learningAdmin.compliance.progress')}</th>
                    <th scope="col">{t('learningAdmin.compliance.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {people.map((p) => (
                    <tr key={p.id} data-testid="compliance-person" data-person={p.id} data-status={p.status}>
                      <th scope="row">
                        <Link to={`/pegawai/${p.id}`}>{p.name}</Link>
                      </th>
                      <td>{p.unitName ?? t('common.empty')}</td>
                      <td className="num" data-testid="jp">
                        {f.number(p.jp)}
                      </td>
                      <td>
                        <meter className="jp-meter" min={0} max={first!.entitlement} value={Math.min(p.jp, first!.entitlement)} aria-label={t('learningAdmin.compliance.meter', { jp: f.number(p.jp), entitlement: first!.entitlement })} />
                      </td>
                      <td>
                        <StatusTag status={p.status} kind="jpStatus" />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {loading && <Loading />}
        {!loading && next !== null && (
          <p>
            <button type="button" className="btn btn-outline" onClick={() => setAfter({ key, value: next })}>
              {t('staff.more')}
            </button>
          </p>
        )}
      </section>
    </>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="stat" data-testid={testId}>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

function UnitRollup({ data, selected, onSelect }: { data: Compliance; selected: number | null; onSelect(id: number | null): void }) {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const labels = useLearningLabels();
  const units = data.units;
  const name = (u: { unitName: string | null }) => u.unitName ?? t('learningAdmin.compliance.noUnit');
  const option = useMemo<EChartsCoreOption>(() => {
    const rows = [...units].reverse();
    return {
      color: JP_STATUSES.map((s) => STATUS_COLOURS[s]),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { bottom: 0 },
      grid: { left: 8, right: 24, top: 8, bottom: 40, containLabel: true },
      xAxis: { type: 'value', name: t('learningAdmin.compliance.people'), minInterval: 1 },
      yAxis: { type: 'category', data: rows.map(name), axisLabel: { width: 200, overflow: 'truncate' } },
      series: JP_STATUSES.map((s) => ({ type: 'bar', stack: 'people', name: labels.jpStatus(s), data: rows.map((u) => u[s]), barMaxWidth: 18 })),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [units, i18n.language]);
  const worst = [...units].filter((u) => u.people > 0).sort((a, b) => b.at_risk / b.people - a.at_risk / a.people)[0];
  const table = (
    <div className="table-wrap">
      <table className="table" data-testid="unit-rollup">
        <caption className="sr-only">{t('learningAdmin.compliance.units')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('person.unit')}</th>
            <th scope="col" className="num">
              {t('learningAdmin.compliance.people')}
            </th>
            {JP_STATUSES.map((s) => (
              <th key={s} scope="col" className="num">
                {labels.jpStatus(s)}
              </th>
            ))}
            <th scope="col" className="num">
              {t('learningAdmin.compliance.metPct')}
            </th>
            <th scope="col" className="num">
              {t('learningAdmin.compliance.average')}
            </th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={String(u.unitId)} className={selected !== null && u.unitId === selected ? 'row-selected' : undefined} data-testid="unit-row" data-unit={u.unitId ?? ''}>
              <th scope="row">
                {u.unitId !== null ? (
                  <button type="button" className="btn btn-link" aria-pressed={selected === u.unitId} onClick={() => onSelect(selected === u.unitId ? null : u.unitId)}>
                    {name(u)}
                  </button>
                ) : (
                  name(u)
                )}
              </th>
              <td className="num">{f.number(u.people)}</td>
              {JP_STATUSES.map((s) => (
                <td key={s} className="num" data-testid={`unit-${s}`}>
                  {f.number(u[s])}
                </td>
              ))}
              <td className="num">{u.people ? `${f.number(Math.round((u.met / u.people) * 1000) / 10)} %` : t('common.empty')}</td>
              <td className="num">{f.number(u.averageJp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <section className="card section" aria-labelledby="units-title">
      <h2 id="units-title">{t('learningAdmin.compliance.units')}</h2>
      <ChartFigure
        testId="unit-chart"
        label={t('learningAdmin.compliance.chartLabel')}
        option={option}
        height={Math.max(240, units.length * 34 + 90)}
        initialView="table"
        summary={worst ? t('learningAdmin.compliance.chartSummary', { unit: name(worst), share: f.number(Math.round((worst.at_risk / worst.people) * 1000) / 10) }) : t('learningAdmin.compliance.nobody')}
        table={table}
      />
    </section>
  );
}
