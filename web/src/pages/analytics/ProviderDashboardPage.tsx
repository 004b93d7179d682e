// Provider dashboard: the year's cohorts of the programmes a provider leads or partners in —
// enrolments, completion, evaluation scores, fill rate. Provider admins open their own at
// /dasbor/penyelenggara; national roles any at /dasbor/penyelenggara/{id}.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth.tsx';
import { ChartFigure } from '../../components/ChartFigure.tsx';
import { Loading, LoadError } from '../../components/Feedback.tsx';
import { useApi, useDocumentTitle } from '../../hooks.ts';
import { grantsFor } from '../../roles.ts';
import { idParam, type PageProps } from '../../routes.tsx';
import { NotFoundPage } from '../StatusPages.tsx';
import { barOption, extremes, Panel, useNumbers, useYear, YearSelect } from './parts.tsx';
import type { Cohorts } from './types.ts';

const CHART_COHORTS = 20;

export default function ProviderDashboardPage({ params }: PageProps) {
  const me = useMe();
  const own = grantsFor(me, 'provider_admin').find((g) => g.scopeType === 'provider')?.scopeId ?? null;
  const id = params.id === undefined ? own : idParam(params.id);
  return id === null ? <NotFoundPage /> : <ProviderDashboard id={id} />;
}

function ProviderDashboard({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const n = useNumbers();
  const [year, setYear] = useYear();
  const path = `/api/analytics/providers/${id}/cohorts?year=${year}`;
  const cohorts = useApi<Cohorts>(path);
  const d = cohorts.data;
  useDocumentTitle(d ? t('analytics.providerDash.title', { provider: d.provider.name }) : t('analytics.nav.provider'));
  const shown = useMemo(() => (d ? d.items.filter((i) => i.status !== 'cancelled').slice(-CHART_COHORTS) : []), [d]);
  const option = useMemo(
    () =>
      barOption({
        categories: shown.map((i) => `${i.programmeCode} · ${i.code}`),
        series: [
          { name: t('analytics.fillRatePct'), data: shown.map((i) => i.fillRatePct), color: '#0f766e' },
          { name: t('analytics.completionRatePct'), data: shown.map((i) => i.completionRatePct), color: '#6366f1' },
        ],
        percent: true,
        valueText: (v) => n.pct(v),
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [shown, i18n.language],
  );
  if (cohorts.error?.status === 404) return <NotFoundPage />;
  const caption = t('analytics.providerDash.caption', { year });
  const ends = extremes(shown, (i) => i.fillRatePct);
  const title = (i: Cohorts['items'][number]) => (i18n.language === 'en' ? (i.titleEn ?? i.titleId) : i.titleId);
  return (
    <>
      <div className="page-head">
        <h1>{d ? t('analytics.providerDash.title', { provider: d.provider.name }) : t('analytics.nav.provider')}</h1>
        <p className="muted">{t('analytics.providerDash.intro')}</p>
      </div>
      <div className="card filters">
        <YearSelect id="provider-year" year={year} onChange={setYear} />
      </div>
      {cohorts.loading && !d && <Loading />}
      <LoadError error={cohorts.error} onRetry={cohorts.reload} />
      {d && (
        <>
          <div className="stats" data-testid="provider-totals">
            {(
              [
                ['analytics.offerings', n.number(d.totals.offerings)],
                ['analytics.enrolments', n.number(d.totals.enrolments)],
                ['analytics.fillRatePct', n.pct(d.totals.fillRatePct)],
                ['analytics.completionRatePct', n.pct(d.totals.completionRatePct)],
                ['analytics.reactionMean', n.maybe(d.totals.reactionMean)],
              ] as const
            ).map(([key, value]) => (
              <div className="stat" key={key}>
                <span className="stat-value">{value}</span>
                <span className="stat-label">{t(key)}</span>
              </div>
            ))}
          </div>
          <Panel id="provider-cohorts" title={t('analytics.providerDash.cohortsTitle')} intro={t('analytics.providerDash.cohortsIntro', { n: CHART_COHORTS })} exportPath={path} testId="panel-cohorts">
            <ChartFigure
              testId="provider-cohorts"
              label={caption}
              option={option}
              height={Math.max(220, shown.length * 40 + 80)}
              summary={
                ends
                  ? t('analytics.providerDash.summary', { offerings: d.totals.offerings, low: `${ends.low.programmeCode} ${ends.low.code}`, lowPct: n.number(ends.low.fillRatePct), high: `${ends.high.programmeCode} ${ends.high.code}`, highPct: n.number(ends.high.fillRatePct), completion: n.number(d.totals.completionRatePct) })
                  : t('analytics.providerDash.none', { year })
              }
              table={
                <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
                  <table className="table" data-testid="provider-cohorts-table">
                    <caption className="sr-only">{caption}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('analytics.offering')}</th>
                        <th scope="col">{t('analytics.startDate')}</th>
                        <th scope="col" className="num">{t('analytics.capacity')}</th>
                        <th scope="col" className="num">{t('analytics.fillRatePct')}</th>
                        <th scope="col" className="num">{t('analytics.enrolments')}</th>
                        <th scope="col" className="num">{t('analytics.completed')}</th>
                        <th scope="col" className="num">{t('analytics.completionRatePct')}</th>
                        <th scope="col" className="num">{t('analytics.reactionMean')}</th>
                        <th scope="col" className="num">{t('analytics.prePost')}</th>
                        <th scope="col" className="num">{t('analytics.followUpMean')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.items.map((i) => (
                        <tr key={i.offeringId}>
                          <th scope="row">
                            <span className="mono">{i.programmeCode}</span> {title(i)} · {i.code}
                            {i.role === 'partner' && <span className="tag tag-muted"> {t('analytics.partner')}</span>}
                          </th>
                          <td>{n.date(i.startDate)}</td>
                          <td className="num">{n.number(i.capacity)}</td>
                          <td className="num">{n.pct(i.fillRatePct)}</td>
                          <td className="num">{n.number(i.enrolments)}</td>
                          <td className="num">{n.number(i.completed)}</td>
                          <td className="num">{n.pct(i.completionRatePct)}</td>
                          <td className="num">{n.maybe(i.reactionMean)}</td>
                          <td className="num">
                            {n.maybe(i.preMean)} → {n.maybe(i.postMean)}
                          </td>
                          <td className="num">{n.maybe(i.followUpMean)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              }
            />
          </Panel>
        </>
      )}
    </>
  );
}
