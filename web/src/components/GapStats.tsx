// Gap roll-ups per competency (team, agency, national): a bar chart of the share of people
// with a gap and the mean gap, with a table view.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { useFormatters } from '../hooks.ts';
import { COLOURS, percent, useCompetencyName, type GapStat } from '../competency.ts';
import { ChartFigure } from './ChartFigure.tsx';

export function GapStatsTable({ stats, caption, testId }: { stats: GapStat[]; caption: string; testId?: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const name = useCompetencyName();
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="table" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('competency.code')}</th>
            <th scope="col">{t('competency.competency')}</th>
            <th scope="col" className="num">{t('gaps.people')}</th>
            <th scope="col" className="num">{t('gaps.assessed')}</th>
            <th scope="col" className="num">{t('gaps.withGap')}</th>
            <th scope="col" className="num">{t('gaps.shareWithGap')}</th>
            <th scope="col" className="num">{t('gaps.averageGap')}</th>
          </tr>
        </thead>
        <tbody>
          {stats.map((s) => (
            <tr key={s.code}>
              <td className="mono">{s.code}</td>
              <th scope="row">{name(s)}</th>
              <td className="num">{format.number(s.people)}</td>
              <td className="num">{format.number(s.assessed)}</td>
              <td className="num">{format.number(s.withGap)}</td>
              <td className="num">{format.number(percent(s.withGap, s.people))} %</td>
              <td className="num">{format.number(s.averageGap)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function GapStatsChart({ stats, caption, testId }: { stats: GapStat[]; caption: string; testId?: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const name = useCompetencyName();
  const option = useMemo<EChartsCoreOption>(() => {
    const rows = [...stats].reverse();
    return {
      color: [COLOURS.current],
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        confine: true,
        valueFormatter: (value: number) => `${format.number(value)} %`,
      },
      grid: { left: 8, right: 110, top: 8, bottom: 36, containLabel: true },
      xAxis: { type: 'value', name: t('gaps.shareWithGap'), max: 100, axisLabel: { formatter: '{value} %' }, nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'category', data: rows.map((s) => `${name(s)} (${s.code})`), axisLabel: { width: 220, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: t('gaps.shareWithGap'),
          data: rows.map((s) => percent(s.withGap, s.people)),
          barMaxWidth: 18,
          label: {
            show: true,
            position: 'right',
            color: '#4f635e',
            formatter: (p: { dataIndex: number }) => t('gaps.barLabel', { share: format.number(percent(rows[p.dataIndex].withGap, rows[p.dataIndex].people)), average: format.number(rows[p.dataIndex].averageGap) }),
          },
        },
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stats, i18n.language]);
  const ranked = [...stats].sort((a, b) => b.averageGap - a.averageGap);
  const top = ranked.slice(0, 3).map((s) => t('gaps.rankItem', { name: name(s), average: format.number(s.averageGap), share: format.number(percent(s.withGap, s.people)) }));
  const detail = stats.map((s) => t('gaps.rankItem', { name: name(s), average: format.number(s.averageGap), share: format.number(percent(s.withGap, s.people)) })).join('; ');
  return (
    <ChartFigure
      testId={testId}
      label={caption}
      option={option}
      height={Math.max(260, stats.length * 40 + 90)}
      summary={
        <>
          {stats.length ? t('gaps.chartSummary', { list: top.join('; ') }) : t('gaps.none')}
          <span className="sr-only"> {detail}.</span>
        </>
      }
      table={<GapStatsTable stats={stats} caption={caption} testId={testId ? `${testId}-table` : undefined} />}
    />
  );
}
