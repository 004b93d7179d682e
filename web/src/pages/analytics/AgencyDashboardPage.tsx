// Agency dashboard: 20-JP compliance and competency gaps of one agency by unit or by position
// tier, and the people at risk of missing 20 JP this year. Agency admins open their own agency at
// /dasbor/instansi; national roles (and the agency's auditors) any at /dasbor/instansi/{id}.
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, toApiError, type ApiError } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { ChartFigure } from '../../components/ChartFigure.tsx';
import { Loading, LoadError } from '../../components/Feedback.tsx';
import { useApi, useDocumentTitle } from '../../hooks.ts';
import { Link } from '../../router.tsx';
import { grantsFor } from '../../roles.ts';
import { idParam, type PageProps } from '../../routes.tsx';
import { NotFoundPage } from '../StatusPages.tsx';
import { barOption, competencyLabel, extremes, GAP_BANDS, heatmapOption, Panel, pieces, tierLabel, useNumbers, useYear, YearSelect } from './parts.tsx';
import type { AgencyCompliance, AgencyGaps, AtRisk, Group } from './types.ts';

type By = 'unit' | 'tier';

export default function AgencyDashboardPage({ params }: PageProps) {
  const me = useMe();
  const own = grantsFor(me, 'agency_admin').find((g) => g.scopeType === 'agency')?.scopeId ?? grantsFor(me, 'auditor').find((g) => g.scopeType === 'agency')?.scopeId ?? null;
  const id = params.id === undefined ? own : idParam(params.id);
  return id === null ? <NotFoundPage /> : <AgencyDashboard id={id} />;
}

function ByToggle({ by, onChange, label }: { by: By; onChange: (by: By) => void; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="segmented analytics-metric" role="group" aria-label={label}>
      <button type="button" aria-pressed={by === 'unit'} onClick={() => onChange('unit')}>
        {t('analytics.agency.byUnit')}
      </button>
      <button type="button" aria-pressed={by === 'tier'} onClick={() => onChange('tier')}>
        {t('analytics.agency.byTier')}
      </button>
    </div>
  );
}

const groupLabel = (g: Group, by: By) => (by === 'tier' ? tierLabel(g.key) : g.key === '0' ? '—' : (g.name ?? g.code ?? g.key));

function AgencyDashboard({ id }: { id: number }) {
  const { t } = useTranslation();
  const [year, setYear] = useYear();
  const [complianceBy, setComplianceBy] = useState<By>('unit');
  const [gapsBy, setGapsBy] = useState<By>('unit');
  const compliancePath = `/api/analytics/agencies/${id}/compliance?by=${complianceBy}&year=${year}`;
  const gapsPath = `/api/analytics/agencies/${id}/gaps?by=${gapsBy}`;
  const compliance = useApi<AgencyCompliance>(compliancePath);
  const gaps = useApi<AgencyGaps>(gapsPath);
  const agency = compliance.data?.agency ?? gaps.data?.agency;
  useDocumentTitle(agency ? t('analytics.agency.title', { agency: agency.name }) : t('analytics.nav.agency'));
  if (compliance.error?.status === 404) return <NotFoundPage />;
  return (
    <>
      <div className="page-head">
        <h1>{agency ? t('analytics.agency.title', { agency: agency.name }) : t('analytics.nav.agency')}</h1>
        <p className="muted">{t('analytics.agency.intro')}</p>
      </div>
      <div className="card filters">
        <YearSelect id="agency-year" year={year} onChange={setYear} />
      </div>
      <Panel id="agency-compliance" title={t('analytics.agency.complianceTitle')} intro={t('analytics.agency.complianceIntro', { expected: compliance.data?.expectedJp ?? 0, year })} exportPath={compliancePath} testId="panel-agency-compliance">
        <ByToggle by={complianceBy} onChange={setComplianceBy} label={t('analytics.agency.groupBy')} />
        {compliance.loading && !compliance.data && <Loading />}
        <LoadError error={compliance.error} onRetry={compliance.reload} />
        {compliance.data && <ComplianceChart data={compliance.data} />}
      </Panel>
      <Panel id="agency-gaps" title={t('analytics.agency.gapsTitle')} intro={t('analytics.agency.gapsIntro')} exportPath={gapsPath} testId="panel-agency-gaps">
        <ByToggle by={gapsBy} onChange={setGapsBy} label={t('analytics.agency.groupBy')} />
        {gaps.loading && !gaps.data && <Loading />}
        <LoadError error={gaps.error} onRetry={gaps.reload} />
        {gaps.data && <GapsHeatmap data={gaps.data} />}
      </Panel>
      <AtRiskPanel id={id} />
    </>
  );
}

function ComplianceChart({ data }: { data: AgencyCompliance }) {
  const { t, i18n } = useTranslation();
  const n = useNumbers();
  const caption = t(data.by === 'unit' ? 'analytics.agency.complianceCaptionUnit' : 'analytics.agency.complianceCaptionTier', { year: data.year });
  const share = (x: number, of: number) => (of ? Math.round((x / of) * 1000) / 10 : 0);
  const option = useMemo(
    () =>
      barOption({
        categories: data.groups.map((g) => groupLabel(g, data.by)),
        series: [
          { name: t('analytics.met'), data: data.groups.map((g) => share(g.met, g.people)), color: '#15803d' },
          { name: t('analytics.onTrack'), data: data.groups.map((g) => share(g.onTrack, g.people)), color: '#a3d977' },
          { name: t('analytics.atRisk'), data: data.groups.map((g) => share(g.atRisk, g.people)), color: '#c2410c' },
        ],
        stack: true,
        percent: true,
        valueText: (v) => n.pct(v),
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, i18n.language],
  );
  const ends = extremes(data.groups.filter((g) => g.people > 0), (g) => g.compliancePct);
  return (
    <ChartFigure
      testId="agency-compliance"
      label={caption}
      option={option}
      height={Math.max(220, data.groups.length * 32 + 80)}
      summary={
        ends
          ? t('analytics.agency.complianceSummary', { pct: n.number(data.totals.compliancePct), atRisk: n.number(data.totals.atRisk), people: n.number(data.totals.people), low: groupLabel(ends.low, data.by), lowPct: n.number(ends.low.compliancePct), high: groupLabel(ends.high, data.by), highPct: n.number(ends.high.compliancePct) })
          : t('analytics.noData')
      }
      table={
        <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
          <table className="table" data-testid="agency-compliance-table">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t(data.by === 'unit' ? 'analytics.unit' : 'analytics.tier')}</th>
                <th scope="col" className="num">{t('analytics.people')}</th>
                <th scope="col" className="num">{t('analytics.met')}</th>
                <th scope="col" className="num">{t('analytics.onTrack')}</th>
                <th scope="col" className="num">{t('analytics.atRisk')}</th>
                <th scope="col" className="num">{t('analytics.compliancePct')}</th>
                <th scope="col" className="num">{t('analytics.averageJp')}</th>
              </tr>
            </thead>
            <tbody>
              {data.groups.map((g) => (
                <tr key={g.key}>
                  <th scope="row">{groupLabel(g, data.by)}</th>
                  <td className="num">{n.number(g.people)}</td>
                  <td className="num">{n.number(g.met)}</td>
                  <td className="num">{n.number(g.onTrack)}</td>
                  <td className="num">{n.number(g.atRisk)}</td>
                  <td className="num">{n.pct(g.compliancePct)}</td>
                  <td className="num">{n.number(g.averageJp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    />
  );
}

function GapsHeatmap({ data }: { data: AgencyGaps }) {
  const { t, i18n } = useTranslation();
  const n = useNumbers();
  const caption = t(data.by === 'unit' ? 'analytics.agency.gapsCaptionUnit' : 'analytics.agency.gapsCaptionTier');
  const option = useMemo(() => {
    const cell = (g: AgencyGaps['groups'][number], code: string) => g.cells.find((c) => c.code === code);
    return heatmapOption({
      x: data.competencies.map((c) => c.code),
      y: data.groups.map((g) => groupLabel(g, data.by)),
      cells: data.groups.flatMap((g, y) => data.competencies.map((c, x): [number, number, number] => [x, y, cell(g, c.code)?.averageGap ?? -1])),
      bands: pieces(GAP_BANDS, (b) => (b.max > 10 ? `≥ ${b.min}` : `${b.min}–${b.max}`)),
      valueText: (v) => n.number(v),
      tooltip: (x, y) => {
        const c = cell(data.groups[y], data.competencies[x].code);
        return `<b>${groupLabel(data.groups[y], data.by)}</b> · ${competencyLabel(data.competencies[x])}<br/>${c ? t('analytics.tiles.tooltipGap', { average: n.number(c.averageGap), pct: n.number(c.withGapPct) }) : t('analytics.noData')}`;
      },
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, i18n.language]);
  const worstGroup = extremes(data.groups, (g) => g.averageGap)?.high;
  const worstCompetency = extremes(data.competencies, (c) => c.averageGap)?.high;
  return (
    <ChartFigure
      testId="agency-gaps"
      label={caption}
      option={option}
      height={Math.max(240, data.groups.length * 30 + 110)}
      summary={worstGroup && worstCompetency ? t('analytics.agency.gapsSummary', { group: groupLabel(worstGroup, data.by), groupGap: n.number(worstGroup.averageGap), competency: competencyLabel(worstCompetency), competencyGap: n.number(worstCompetency.averageGap) }) : t('analytics.noData')}
      table={
        <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
          <table className="table table-matrix">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t(data.by === 'unit' ? 'analytics.unit' : 'analytics.tier')}</th>
                <th scope="col" className="num">{t('analytics.people')}</th>
                {data.competencies.map((c) => (
                  <th scope="col" className="num" key={c.code} title={competencyLabel(c)}>
                    <span aria-hidden="true">{c.code}</span>
                    <span className="sr-only">{competencyLabel(c)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.groups.map((g) => (
                <tr key={g.key}>
                  <th scope="row">{groupLabel(g, data.by)}</th>
                  <td className="num">{n.number(g.people)}</td>
                  {data.competencies.map((c) => {
                    const cell = g.cells.find((x) => x.code === c.code);
                    return (
                      <td className="num" key={c.code}>
                        {cell ? n.number(cell.averageGap) : t('common.empty')}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    />
  );
}

/** The people at risk, a page at a time ("more" appends the next page), filtered by unit. */
function AtRiskPanel({ id }: { id: number }) {
  const { t } = useTranslation();
  const n = useNumbers();
  const unitSelect = useId();
  const units = useApi<{ items: { id: number; name: string }[] }>(`/api/agencies/${id}/units`);
  const [unit, setUnit] = useState('');
  const path = `/api/analytics/agencies/${id}/at-risk${unit ? `?unitId=${unit}` : ''}`;
  const [pages, setPages] = useState<AtRisk[]>([]);
  const [error, setError] = useState<ApiError | undefined>();
  const [loading, setLoading] = useState(false);
  const fetchPage = async (after: number | null, reset: boolean) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await api<AtRisk>(`${path}${path.includes('?') ? '&' : '?'}limit=50${after ? `&after=${after}` : ''}`);
      setPages((p) => (reset ? [page] : [...p, page]));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void fetchPage(null, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path]);
  const first = pages[0];
  const items = pages.flatMap((p) => p.items);
  const next = pages.at(-1)?.nextAfter ?? null;
  return (
    <Panel
      id="agency-at-risk"
      title={t('analytics.agency.atRiskTitle')}
      intro={first ? t('analytics.agency.atRiskIntro', { expected: n.number(first.expectedJp), year: first.year }) : undefined}
      exportPath={path}
      testId="panel-at-risk"
    >
      <div className="field field-inline">
        <label htmlFor={unitSelect}>{t('analytics.unit')}</label>
        <select id={unitSelect} value={unit} onChange={(e) => setUnit(e.target.value)}>
          <option value="">{t('analytics.allUnits')}</option>
          {(units.data?.items ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <LoadError error={error} onRetry={() => void fetchPage(null, true)} />
      {first && (
        <p className="chart-summary" role="status" data-testid="at-risk-summary">
          {t('analytics.agency.atRiskSummary', { total: n.number(first.total) })}
        </p>
      )}
      {items.length > 0 && (
        <div className="table-wrap" role="region" aria-label={t('analytics.agency.atRiskTitle')} tabIndex={0}>
          <table className="table" data-testid="at-risk-table">
            <caption className="sr-only">{t('analytics.agency.atRiskTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('analytics.name')}</th>
                <th scope="col">{t('analytics.nip')}</th>
                <th scope="col">{t('analytics.unit')}</th>
                <th scope="col">{t('analytics.position')}</th>
                <th scope="col" className="num">{t('analytics.jpThisYear')}</th>
                <th scope="col" className="num">{t('analytics.behindJp')}</th>
                <th scope="col" className="num">{t('analytics.missingJp')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/pegawai/${p.id}`}>{p.name}</Link>
                  </th>
                  <td className="mono">{p.nip ?? t('analytics.hidden')}</td>
                  <td>{p.unitName ?? t('common.empty')}</td>
                  <td>{p.positionName ?? t('common.empty')}</td>
                  <td className="num">{n.number(p.jp)}</td>
                  <td className="num">{n.number(p.behindJp)}</td>
                  <td className="num">{n.number(p.missingJp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {loading && <Loading />}
      {next !== null && !loading && (
        <p>
          <button type="button" className="btn btn-outline" onClick={() => void fetchPage(next, false)} data-testid="at-risk-more">
            {t('analytics.more')}
          </button>
        </p>
      )}
    </Panel>
  );
}
