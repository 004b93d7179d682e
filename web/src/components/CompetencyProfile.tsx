// One person's competency profile: summary, radar chart of required vs current levels (with
// a table view), the gap list, the talent box and the assessment history.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { useApi, useFormatters } from '../hooks.ts';
import { codeLabel, COLOURS, PERFORMANCE, POTENTIAL, TALENT_BOX, useCompetencyName, type History, type Profile, type ProfileItem, type Talent } from '../competency.ts';
import { ChartFigure } from './ChartFigure.tsx';
import { Loading, LoadError } from './Feedback.tsx';

export function CompetencyProfile({ personId, own = false }: { personId: number; own?: boolean }) {
  const { t } = useTranslation();
  const profile = useApi<Profile>(`/api/civil-servants/${personId}/profile`);
  const history = useApi<History>(`/api/civil-servants/${personId}/competency-assessments?limit=200`);
  const p = profile.data;
  return (
    <>
      {profile.loading && !p && <Loading />}
      <LoadError error={profile.error} onRetry={profile.reload} />
      {p && (
        <>
          <ProfileSummary profile={p} own={own} />
          <section className="card section" aria-labelledby="profile-radar">
            <h2 id="profile-radar">{t('competency.radarTitle')}</h2>
            <RadarFigure items={p.items} own={own} />
          </section>
          <div className="two-col">
            <section className="card section" aria-labelledby="profile-gaps" data-testid="gap-list">
              <h2 id="profile-gaps">{t('competency.gapsTitle')}</h2>
              <GapList items={p.items} />
            </section>
            <section className="card section" aria-labelledby="profile-talent" data-testid="talent-box">
              <h2 id="profile-talent">{t('talent.title')}</h2>
              <TalentBox talent={p.talent} />
            </section>
          </div>
        </>
      )}
      <section className="card section" aria-labelledby="profile-history" data-testid="assessment-history">
        <h2 id="profile-history">{t('competency.historyTitle')}</h2>
        {history.loading && !history.data && <Loading />}
        <LoadError error={history.error} onRetry={history.reload} />
        {history.data && <HistoryTable history={history.data} />}
      </section>
    </>
  );
}

function ProfileSummary({ profile, own }: { profile: Profile; own: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const name = useCompetencyName();
  const worst = [...profile.items].filter((i) => (i.gap ?? 0) > 0).sort((a, b) => (b.gap ?? 0) - (a.gap ?? 0))[0];
  return (
    <div className="stats" data-testid="profile-summary">
      <div className="stat">
        <span className="stat-value">{profile.totals.required}</span>
        <span className="stat-label">{t('competency.statRequired')}</span>
      </div>
      <div className="stat">
        <span className="stat-value">{profile.totals.withGap}</span>
        <span className="stat-label">{t('competency.statWithGap')}</span>
      </div>
      <div className="stat">
        <span className="stat-value">{profile.totals.totalGap}</span>
        <span className="stat-label">{t('competency.statTotalGap')}</span>
      </div>
      <p className="stats-note muted small">
        {profile.totals.withGap === 0
          ? t(own ? 'competency.noGapsOwn' : 'competency.noGaps')
          : worst && t('competency.largestGap', { name: name(worst), gap: worst.gap })}{' '}
        {t('competency.asOf', { date: format.date(profile.asOf), months: profile.validityMonths })}
        {profile.dictionaryVersion !== null && ` ${t('competency.dictionaryVersion', { number: profile.dictionaryVersion })}`}
      </p>
    </div>
  );
}

function RadarFigure({ items, own }: { items: ProfileItem[]; own: boolean }) {
  const { t, i18n } = useTranslation();
  const name = useCompetencyName();
  const required = items.filter((i) => i.required !== null);
  const option = useMemo<EChartsCoreOption>(
    () => ({
      color: [COLOURS.required, COLOURS.current],
      tooltip: { trigger: 'item', confine: true },
      legend: { bottom: 0, itemGap: 24 },
      radar: {
        center: ['50%', '48%'],
        radius: '68%',
        splitNumber: 5,
        indicator: required.map((i) => ({ name: name(i), max: 5, min: 0 })),
        axisName: { color: '#15302c', fontSize: 12, width: 110, overflow: 'break' },
        splitArea: { areaStyle: { color: ['#f8fbfa', '#f0fdfa'] } },
        splitLine: { lineStyle: { color: '#d5e1de' } },
        axisLine: { lineStyle: { color: '#d5e1de' } },
      },
      series: [
        {
          type: 'radar',
          symbolSize: 6,
          data: [
            { name: t('competency.required'), value: required.map((i) => i.required ?? 0), areaStyle: { opacity: 0.08 }, lineStyle: { width: 2, type: 'dashed' } },
            { name: t('competency.current'), value: required.map((i) => i.current ?? 0), areaStyle: { opacity: 0.25 }, lineStyle: { width: 2 } },
          ],
        },
      ],
    }),
    // Rebuild on a language change too (names and legend).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items, i18n.language],
  );
  const detail = required.map((i) => t('competency.radarItem', { name: name(i), required: i.required, current: i.current ?? t('competency.notAssessedShort') })).join('; ');
  return (
    <ChartFigure
      testId="radar"
      label={t('competency.radarLabel')}
      option={option}
      height={420}
      summary={
        <>
          {t(own ? 'competency.radarSummary' : 'competency.radarSummaryOther', { count: required.length })}
          <span className="sr-only"> {detail}.</span>
        </>
      }
      table={<LevelsTable items={items} />}
    />
  );
}

export function LevelsTable({ items }: { items: ProfileItem[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const name = useCompetencyName();
  const caption = t('competency.levelsCaption');
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="table" data-testid="levels-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('competency.code')}</th>
            <th scope="col">{t('competency.competency')}</th>
            <th scope="col" className="num">{t('competency.required')}</th>
            <th scope="col" className="num">{t('competency.current')}</th>
            <th scope="col" className="num">{t('competency.gap')}</th>
            <th scope="col">{t('competency.assessedOn')}</th>
            <th scope="col">{t('competency.method')}</th>
            <th scope="col">{t('competency.source')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.code}>
              <td className="mono">{i.code}</td>
              <th scope="row">{name(i)}</th>
              <td className="num">{i.required ?? t('common.empty')}</td>
              <td className="num">{i.current ?? <span className="muted">{t('competency.notAssessedShort')}</span>}</td>
              <td className="num">{i.gap === null ? t('common.empty') : <GapBadge gap={i.gap} />}</td>
              <td className="nowrap">{i.assessed_on ? format.date(i.assessed_on) : t('common.empty')}</td>
              <td>{codeLabel('competency.methods', i.method)}</td>
              <td>{i.source ? t(i.source === 'position' ? 'competency.sourcePosition' : 'competency.sourceTier') : t('common.empty')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function GapBadge({ gap }: { gap: number }) {
  return <span className={`gap-badge gap-${Math.min(gap, 5)}`}>{gap}</span>;
}

function GapList({ items }: { items: ProfileItem[] }) {
  const { t } = useTranslation();
  const name = useCompetencyName();
  const gaps = items.filter((i) => (i.gap ?? 0) > 0).sort((a, b) => (b.gap ?? 0) - (a.gap ?? 0) || a.code.localeCompare(b.code));
  if (!gaps.length) return <p className="empty">{t('competency.noGapsList')}</p>;
  return (
    <ol className="gap-list">
      {gaps.map((i) => (
        <li key={i.code} data-code={i.code}>
          <div className="gap-line">
            <span className="gap-name">
              {name(i)} <span className="mono muted small">{i.code}</span>
            </span>
            <GapBadge gap={i.gap ?? 0} />
          </div>
          <p className="small muted gap-detail">
            {t('competency.gapDetail', { required: i.required, current: i.current ?? t('competency.notAssessed'), gap: i.gap })}
          </p>
          <LevelMeter required={i.required ?? 0} current={i.current ?? 0} />
        </li>
      ))}
    </ol>
  );
}

/** Five steps: filled up to the current level, outlined up to the required one. Decorative. */
function LevelMeter({ required, current }: { required: number; current: number }) {
  return (
    <span className="level-meter" aria-hidden="true">
      {[1, 2, 3, 4, 5].map((n) => (
        <span key={n} className={n <= current ? 'step step-have' : n <= required ? 'step step-need' : 'step'} />
      ))}
    </span>
  );
}

export function TalentBox({ talent }: { talent: Talent | null }) {
  const { t } = useTranslation();
  if (!talent) return <p className="empty">{t('talent.none')}</p>;
  const caption = t('talent.caption');
  return (
    <>
      <p data-testid="talent-text">
        {t('talent.placed', {
          box: talent.box,
          performance: codeLabel('talent.performance', talent.performance),
          potential: codeLabel('talent.potential', talent.potential),
          period: talent.period,
        })}
      </p>
      <table className="ninebox">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <td />
            {PERFORMANCE.map((perf) => (
              <th key={perf} scope="col">
                {codeLabel('talent.performance', perf)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {POTENTIAL.map((pot) => (
            <tr key={pot}>
              <th scope="row">{codeLabel('talent.potential', pot)}</th>
              {PERFORMANCE.map((perf) => {
                const box = TALENT_BOX[pot][perf];
                const here = box === talent.box;
                return (
                  <td key={perf} className={here ? 'box box-here' : 'box'} aria-current={here ? 'true' : undefined}>
                    {box}
                    {here && <span className="sr-only"> ({t('talent.here')})</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small muted ninebox-axes">{t('talent.axes')}</p>
    </>
  );
}

function HistoryTable({ history }: { history: History }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const name = useCompetencyName();
  if (!history.items.length) return <p className="empty">{t('competency.noHistory')}</p>;
  const caption = t('competency.historyCaption');
  const status = (i: History['items'][number]) =>
    i.voided_at ? (
      <span className="tag tag-danger" title={i.void_reason ?? undefined}>{t('competency.statusVoided')}</span>
    ) : i.current ? (
      <span className="tag tag-ok">{t('competency.statusCurrent')}</span>
    ) : i.expired ? (
      <span className="tag tag-muted">{t('competency.statusExpired')}</span>
    ) : (
      <span className="tag tag-muted">{t('competency.statusSuperseded')}</span>
    );
  return (
    <>
      <p className="muted small">{t('competency.historyIntro', { total: history.total, months: history.validityMonths })}</p>
      <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
        <table className="table" data-testid="history-table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('competency.assessedOn')}</th>
              <th scope="col">{t('competency.competency')}</th>
              <th scope="col" className="num">{t('competency.level')}</th>
              <th scope="col">{t('competency.method')}</th>
              <th scope="col">{t('competency.assessor')}</th>
              <th scope="col">{t('competency.status')}</th>
              <th scope="col">{t('competency.version')}</th>
            </tr>
          </thead>
          <tbody>
            {history.items.map((i) => (
              <tr key={i.id} className={i.voided_at ? 'row-voided' : undefined}>
                <td className="nowrap">{format.date(i.assessed_on)}</td>
                <th scope="row">
                  {name({ code: i.competency_code, kind: null, name_id: i.name_id, name_en: i.name_en })} <span className="mono muted small">{i.competency_code}</span>
                </th>
                <td className="num">{i.level}</td>
                <td>{codeLabel('competency.methods', i.method)}</td>
                <td>
                  {i.assessor}
                  {i.evidence && <span className="block small muted">{i.evidence}</span>}
                </td>
                <td>{status(i)}</td>
                <td className="num">{i.dictionary_version}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
