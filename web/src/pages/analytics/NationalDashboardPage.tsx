// National dashboard (national admins, auditors): provinces by 20-JP compliance and gap, gaps by
// competency × agency kind, seats against needs, providers' fill rates and quality, accreditation.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from 'i18next';
import { ChartFigure } from '../../components/ChartFigure.tsx';
import { Loading, LoadError } from '../../components/Feedback.tsx';
import { useApi, useDocumentTitle } from '../../hooks.ts';
import { barOption, competencyLabel, extremes, GAP_BANDS, heatmapOption, Panel, pieces, useNumbers, useYear, YearSelect } from './parts.tsx';
import { ProvinceTiles } from './ProvinceTiles.tsx';
import type { Accreditation, Competencies, Providers, Provinces, SupplyDemand } from './types.ts';

const kindLabel = (kind: string) => i18n.t(`analytics.agencyKind.${kind}` as 'analytics.agencyKind.ministry');

export default function NationalDashboardPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('analytics.national.title'));
  const [year, setYear] = useYear();
  const provincesPath = `/api/analytics/national/provinces?year=${year}`;
  const providersPath = `/api/analytics/national/providers?year=${year}`;
  const provinces = useApi<Provinces>(provincesPath);
  const competencies = useApi<Competencies>('/api/analytics/national/competencies');
  const supply = useApi<SupplyDemand>('/api/analytics/national/supply-demand');
  const providers = useApi<Providers>(providersPath);
  const accreditation = useApi<Accreditation>('/api/analytics/national/accreditation');
  return (
    <>
      <div className="page-head">
        <h1>{t('analytics.national.title')}</h1>
        <p className="muted">{t('analytics.national.intro')}</p>
      </div>
      <div className="card filters">
        <YearSelect id="national-year" year={year} onChange={setYear} />
      </div>
      <Panel id="national-provinces" title={t('analytics.national.provincesTitle')} intro={t('analytics.national.provincesIntro')} exportPath={provincesPath} testId="panel-provinces">
        {provinces.loading && !provinces.data && <Loading />}
        <LoadError error={provinces.error} onRetry={provinces.reload} />
        {provinces.data && <ProvinceTiles data={provinces.data} />}
      </Panel>
      <Panel id="national-heatmap" title={t('analytics.national.heatmapTitle')} intro={t('analytics.national.heatmapIntro')} exportPath="/api/analytics/national/competencies" testId="panel-heatmap">
        {competencies.loading && !competencies.data && <Loading />}
        <LoadError error={competencies.error} onRetry={competencies.reload} />
        {competencies.data && <KindHeatmap data={competencies.data} />}
      </Panel>
      <Panel id="national-supply" title={t('analytics.national.supplyTitle')} intro={t('analytics.national.supplyIntro')} exportPath="/api/analytics/national/supply-demand" testId="panel-supply">
        {supply.loading && !supply.data && <Loading />}
        <LoadError error={supply.error} onRetry={supply.reload} />
        {supply.data && <SupplyChart data={supply.data} />}
      </Panel>
      <Panel id="national-providers" title={t('analytics.national.providersTitle')} intro={t('analytics.national.providersIntro', { year })} exportPath={providersPath} testId="panel-providers">
        {providers.loading && !providers.data && <Loading />}
        <LoadError error={providers.error} onRetry={providers.reload} />
        {providers.data && <ProvidersChart data={providers.data} />}
      </Panel>
      <Panel id="national-accreditation" title={t('analytics.national.accreditationTitle')} intro={t('analytics.national.accreditationIntro')} exportPath="/api/analytics/national/accreditation" testId="panel-accreditation">
        {accreditation.loading && !accreditation.data && <Loading />}
        <LoadError error={accreditation.error} onRetry={accreditation.reload} />
        {accreditation.data && <AccreditationChart data={accreditation.data} />}
      </Panel>
    </>
  );
}

function KindHeatmap({ data }: { data: Competencies }) {
  const { t, i18n: current } = useTranslation();
  const n = useNumbers();
  const caption = t('analytics.national.heatmapCaption');
  const option = useMemo(() => {
    const byCell = new Map(data.cells.map((c) => [`${c.code}|${c.agencyKind}`, c]));
    return heatmapOption({
      x: data.kinds.map(kindLabel),
      y: data.competencies.map((c) => `${c.code} ${competencyLabel(c)}`),
      cells: data.competencies.flatMap((c, y) => data.kinds.map((k, x): [number, number, number] => [x, y, byCell.get(`${c.code}|${k}`)?.averageGap ?? -1])),
      bands: pieces(GAP_BANDS, (b) => (b.max > 10 ? `≥ ${b.min}` : `${b.min}–${b.max}`)),
      valueText: (v) => n.number(v),
      tooltip: (x, y) => {
        const c = byCell.get(`${data.competencies[y].code}|${data.kinds[x]}`);
        return `<b>${competencyLabel(data.competencies[y])}</b> · ${kindLabel(data.kinds[x])}<br/>${c ? t('analytics.tiles.tooltipGap', { average: n.number(c.averageGap), pct: n.number(c.withGapPct) }) : t('analytics.noData')}`;
      },
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, current.language]);
  const worst = [...data.cells].sort((a, b) => b.averageGap - a.averageGap)[0];
  const name = (code: string) => competencyLabel(data.competencies.find((c) => c.code === code) ?? { code, name_id: null, name_en: null, kind: null });
  return (
    <ChartFigure
      testId="kind-heatmap"
      label={caption}
      option={option}
      height={Math.max(280, data.competencies.length * 34 + 110)}
      summary={worst ? t('analytics.national.heatmapSummary', { competency: name(worst.code), kind: kindLabel(worst.agencyKind), average: n.number(worst.averageGap), pct: n.number(worst.withGapPct) }) : t('analytics.noData')}
      table={
        <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
          <table className="table table-matrix">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('analytics.competency')}</th>
                {data.kinds.map((k) => (
                  <th scope="col" className="num" key={k}>
                    {kindLabel(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.competencies.map((c) => (
                <tr key={c.code}>
                  <th scope="row">
                    <span className="mono">{c.code}</span> {competencyLabel(c)}
                  </th>
                  {data.kinds.map((k) => {
                    const cell = data.cells.find((x) => x.code === c.code && x.agencyKind === k);
                    return (
                      <td className="num" key={k}>
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

function SupplyChart({ data }: { data: SupplyDemand }) {
  const { t, i18n: current } = useTranslation();
  const n = useNumbers();
  const caption = t('analytics.national.supplyCaption');
  const needed = data.items.filter((i) => i.peopleRequired > 0);
  const option = useMemo(
    () =>
      barOption({
        categories: needed.map((i) => `${i.code} ${competencyLabel(i)}`),
        series: [
          { name: t('analytics.seats'), data: needed.map((i) => i.seats), color: '#0f766e' },
          { name: t('analytics.peopleWithGap'), data: needed.map((i) => i.peopleWithGap), color: '#d97706' },
        ],
        valueText: (v) => n.number(v),
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, current.language],
  );
  const ratio = needed.filter((i) => i.peopleWithGap > 0);
  const ends = extremes(ratio, (i) => i.seatsPerPersonWithGap ?? 0);
  return (
    <ChartFigure
      testId="supply-demand"
      label={caption}
      option={option}
      height={Math.max(260, needed.length * 44 + 80)}
      summary={ends ? t('analytics.national.supplySummary', { low: competencyLabel(ends.low), lowRatio: n.number(ends.low.seatsPerPersonWithGap ?? 0), high: competencyLabel(ends.high), highRatio: n.number(ends.high.seatsPerPersonWithGap ?? 0) }) : t('analytics.noData')}
      table={
        <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
          <table className="table">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('analytics.competency')}</th>
                <th scope="col" className="num">{t('analytics.seats')}</th>
                <th scope="col" className="num">{t('analytics.offerings')}</th>
                <th scope="col" className="num">{t('analytics.peopleRequired')}</th>
                <th scope="col" className="num">{t('analytics.peopleWithGap')}</th>
                <th scope="col" className="num">{t('analytics.seatsPerPerson')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((i) => (
                <tr key={i.code}>
                  <th scope="row">
                    <span className="mono">{i.code}</span> {competencyLabel(i)}
                  </th>
                  <td className="num">{n.number(i.seats)}</td>
                  <td className="num">{n.number(i.offerings)}</td>
                  <td className="num">{n.number(i.peopleRequired)}</td>
                  <td className="num">{n.number(i.peopleWithGap)}</td>
                  <td className="num">{n.maybe(i.seatsPerPersonWithGap)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    />
  );
}

const TOP_PROVIDERS = 15;

function ProvidersChart({ data }: { data: Providers }) {
  const { t, i18n: current } = useTranslation();
  const n = useNumbers();
  const caption = t('analytics.national.providersCaption', { year: data.year });
  const top = data.items.filter((p) => p.capacity > 0).slice(0, TOP_PROVIDERS);
  const option = useMemo(
    () =>
      barOption({
        categories: top.map((p) => p.name),
        series: [
          { name: t('analytics.fillRatePct'), data: top.map((p) => p.fillRatePct), color: '#0f766e' },
          { name: t('analytics.completionRatePct'), data: top.map((p) => p.completionRatePct), color: '#6366f1' },
        ],
        percent: true,
        valueText: (v) => n.pct(v),
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, current.language],
  );
  const rated = data.items.filter((p) => p.quality !== null);
  const q = extremes(rated, (p) => p.quality ?? 0);
  const fill = extremes(top, (p) => p.fillRatePct);
  return (
    <ChartFigure
      testId="providers"
      label={caption}
      option={option}
      height={Math.max(260, top.length * 44 + 80)}
      summary={
        fill
          ? `${t('analytics.national.providersSummary', { low: fill.low.name, lowPct: n.number(fill.low.fillRatePct), high: fill.high.name, highPct: n.number(fill.high.fillRatePct) })}${q ? ` ${t('analytics.national.qualitySummary', { name: q.high.name, quality: n.number(q.high.quality ?? 0) })}` : ''}`
          : t('analytics.noData')
      }
      table={
        <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
          <table className="table">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('analytics.provider')}</th>
                <th scope="col" className="num">{t('analytics.offerings')}</th>
                <th scope="col" className="num">{t('analytics.capacity')}</th>
                <th scope="col" className="num">{t('analytics.seatsTaken')}</th>
                <th scope="col" className="num">{t('analytics.fillRatePct')}</th>
                <th scope="col" className="num">{t('analytics.completionRatePct')}</th>
                <th scope="col" className="num">{t('analytics.reactionMean')}</th>
                <th scope="col" className="num">{t('analytics.quality')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((p) => (
                <tr key={p.providerId}>
                  <th scope="row">{p.name}</th>
                  <td className="num">{n.number(p.offerings)}</td>
                  <td className="num">{n.number(p.capacity)}</td>
                  <td className="num">{n.number(p.seatsTaken)}</td>
                  <td className="num">{n.pct(p.fillRatePct)}</td>
                  <td className="num">{n.pct(p.completionRatePct)}</td>
                  <td className="num">{n.maybe(p.reactionMean)}</td>
                  <td className="num">{n.maybe(p.quality)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    />
  );
}

function AccreditationChart({ data }: { data: Accreditation }) {
  const { t, i18n: current } = useTranslation();
  const n = useNumbers();
  const format = useNumbers();
  const caption = t('analytics.national.accreditationCaption', { days: data.windowDays });
  const states = ['expired', 'expiring', 'valid', 'none'] as const;
  const colours = { expired: '#b91c1c', expiring: '#f59e0b', valid: '#15803d', none: '#9ca3af' };
  const option = useMemo(
    () =>
      barOption({
        categories: [t('analytics.providers'), t('analytics.programmes')],
        series: states.map((s) => ({ name: t(`analytics.accreditationState.${s}`), data: [data.counts.providers[s], data.counts.programmes[s]], color: colours[s] })),
        stack: true,
        valueText: (v) => n.number(v),
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, current.language],
  );
  return (
    <ChartFigure
      testId="accreditation"
      label={caption}
      option={option}
      height={200}
      summary={t('analytics.national.accreditationSummary', {
        providersExpired: n.number(data.counts.providers.expired),
        providersExpiring: n.number(data.counts.providers.expiring),
        programmesExpired: n.number(data.counts.programmes.expired),
        programmesExpiring: n.number(data.counts.programmes.expiring),
        days: data.windowDays,
      })}
      table={
        <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
          <table className="table">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('analytics.type')}</th>
                <th scope="col">{t('analytics.name')}</th>
                <th scope="col">{t('analytics.provider')}</th>
                <th scope="col">{t('analytics.grade')}</th>
                <th scope="col">{t('analytics.validTo')}</th>
                <th scope="col">{t('analytics.state')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((i) => (
                <tr key={`${i.type}-${i.id}`}>
                  <td>{t(i.type === 'provider' ? 'analytics.providerOne' : 'analytics.programmeOne')}</td>
                  <th scope="row">
                    <span className="mono">{i.code}</span> {i.name}
                  </th>
                  <td>{i.providerName ?? t('common.empty')}</td>
                  <td>{i.grade ?? t('common.empty')}</td>
                  <td>{format.date(i.validTo)}</td>
                  <td>
                    <span className={`tag ${i.state === 'expired' ? 'tag-danger' : 'tag-draft'}`}>{t(`analytics.accreditationState.${i.state}`)}</span>{' '}
                    {i.state === 'expiring' ? t('analytics.daysLeft', { days: i.daysLeft }) : t('analytics.daysAgo', { days: -i.daysLeft })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.total > data.items.length && <p className="muted small">{t('analytics.listLimited', { shown: n.number(data.items.length), total: n.number(data.total) })}</p>}
        </div>
      }
    />
  );
}
