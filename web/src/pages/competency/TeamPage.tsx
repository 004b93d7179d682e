// Supervisor: competency gaps of the direct reports as a heatmap (people × competencies),
// with a table view, and a per-competency roll-up of the team.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { ChartFigure } from '../../components/ChartFigure.tsx';
import { GapBadge } from '../../components/CompetencyProfile.tsx';
import { Loading, LoadError } from '../../components/Feedback.tsx';
import { GapStatsChart } from '../../components/GapStats.tsx';
import { COLOURS, useCompetencyName, type TeamGaps } from '../../competency.ts';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { Link } from '../../router.tsx';

export default function TeamPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('team.title'));
  const team = useApi<TeamGaps>('/api/competency/team-gaps');
  const d = team.data;
  return (
    <>
      <div className="page-head">
        <h1>{t('team.title')}</h1>
        <p className="muted">{t('team.intro')}</p>
      </div>
      {team.loading && !d && <Loading />}
      <LoadError error={team.error} onRetry={team.reload} />
      {d && d.people.length === 0 && <p className="card empty">{t('home.supervisor.noReports')}</p>}
      {d && d.people.length > 0 && (
        <>
          <section className="card section" aria-labelledby="team-heatmap">
            <h2 id="team-heatmap">{t('team.heatmapTitle')}</h2>
            <TeamHeatmap team={d} />
          </section>
          <section className="card section" aria-labelledby="team-summary">
            <h2 id="team-summary">{t('team.summaryTitle')}</h2>
            <GapStatsChart stats={d.summary} caption={t('team.summaryCaption')} testId="team-stats" />
          </section>
        </>
      )}
    </>
  );
}

function TeamHeatmap({ team }: { team: TeamGaps }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const name = useCompetencyName();
  const option = useMemo<EChartsCoreOption>(() => {
    const data: { value: [number, number, number]; label: { color: string } }[] = [];
    team.people.forEach((p, y) =>
      p.cells.forEach((c, x) => {
        if (c.gap !== null) data.push({ value: [x, y, c.gap], label: { color: c.gap >= 3 ? '#ffffff' : '#15302c' } });
      }),
    );
    const labels = [t('team.gap0'), t('team.gap1'), t('team.gap2'), t('team.gap3')];
    return {
      tooltip: {
        confine: true,
        formatter: (params: { value: [number, number, number] }) => {
          const [x, y, gap] = params.value;
          const person = team.people[y];
          const cell = person.cells[x];
          return `${escapeHtml(person.name)}<br/>${escapeHtml(name(team.competencies[x]))}: ${escapeHtml(
            t('team.cellTooltip', { gap, required: cell.required ?? '–', current: cell.current ?? t('competency.notAssessedShort') }),
          )}`;
        },
      },
      grid: { left: 8, right: 8, top: 36, bottom: 56, containLabel: true },
      xAxis: { type: 'category', position: 'top', data: team.competencies.map((c) => c.code), splitArea: { show: true }, axisLabel: { interval: 0 } },
      yAxis: { type: 'category', inverse: true, data: team.people.map((p) => p.name), splitArea: { show: true }, axisLabel: { width: 160, overflow: 'truncate' } },
      visualMap: {
        type: 'piecewise',
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        pieces: [
          { value: 0, label: labels[0], color: COLOURS.gap[0] },
          { value: 1, label: labels[1], color: COLOURS.gap[1] },
          { value: 2, label: labels[2], color: COLOURS.gap[2] },
          { gte: 3, label: labels[3], color: COLOURS.gap[4] },
        ],
      },
      series: [
        {
          type: 'heatmap',
          data,
          label: { show: true, color: '#15302c' },
          itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 3 },
          emphasis: { itemStyle: { borderColor: '#15302c', borderWidth: 2 } },
        },
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [team, i18n.language]);

  const withGap = team.people.filter((p) => p.totals.withGap > 0).length;
  const worst = [...team.summary].sort((a, b) => b.averageGap - a.averageGap)[0];
  const mostGaps = [...team.people].sort((a, b) => b.totals.totalGap - a.totals.totalGap)[0];
  const summary = t('team.heatmapSummary', {
    people: team.people.length,
    competencies: team.competencies.length,
    withGap,
    competency: worst ? name(worst) : '–',
    average: worst ? format.number(worst.averageGap) : '–',
    person: mostGaps?.name ?? '–',
    total: mostGaps?.totals.totalGap ?? 0,
  });
  return (
    <>
      <ChartFigure
        testId="heatmap"
        label={t('team.heatmapLabel')}
        option={option}
        height={Math.max(240, team.people.length * 30 + 110)}
        summary={summary}
        table={<TeamTable team={team} />}
      />
      <p className="small muted code-key">
        {team.competencies.map((c) => (
          <span key={c.code}>
            <span className="mono">{c.code}</span> {name(c)}
          </span>
        ))}
      </p>
    </>
  );
}

function TeamTable({ team }: { team: TeamGaps }) {
  const { t } = useTranslation();
  const name = useCompetencyName();
  const caption = t('team.tableCaption');
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="table table-matrix" data-testid="team-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('person.name')}</th>
            {team.competencies.map((c) => (
              <th scope="col" key={c.code} className="num" title={name(c)}>
                <span aria-hidden="true">{c.code}</span>
                <span className="sr-only">{name(c)}</span>
              </th>
            ))}
            <th scope="col" className="num">{t('team.totalGap')}</th>
          </tr>
        </thead>
        <tbody>
          {team.people.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={`/pegawai/${p.id}`}>{p.name}</Link>
                {p.position_name && <span className="block small muted">{p.position_name}</span>}
              </th>
              {p.cells.map((c) => (
                <td key={c.code} className="num">
                  {c.gap === null ? t('common.empty') : <GapBadge gap={c.gap} />}
                </td>
              ))}
              <td className="num">
                <strong>{p.totals.totalGap}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
