// Pieces every dashboard uses: a panel (heading, intro, CSV/XLSX downloads of its table), the
// year choice kept in the address (?tahun=), number formats, and ECharts option builders.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from 'i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { navigate, useLocation } from '../../router.tsx';
import { useFormatters } from '../../hooks.ts';
import type { NamedCompetency } from '../../competency.ts';
import '../../styles/analytics.css';

/** The address of a dataset as a file: the same query, plus format and the language of the headers. */
export function exportUrl(path: string, format: 'csv' | 'xlsx', lang: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}format=${format}&lang=${lang === 'en' ? 'en' : 'id'}`;
}

export function ExportLinks({ path, what }: { path: string; what: string }) {
  const { t, i18n: current } = useTranslation();
  return (
    <div className="export-links" role="group" aria-label={t('analytics.export.group', { what })}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <a key={format} className="btn btn-outline btn-small" href={exportUrl(path, format, current.language)} download data-testid={`export-${format}`}>
          {t(format === 'csv' ? 'analytics.export.csv' : 'analytics.export.xlsx')}
          <span className="sr-only"> — {what}</span>
        </a>
      ))}
    </div>
  );
}

export function Panel({ id, title, intro, exportPath, children, testId }: { id: string; title: string; intro?: ReactNode; exportPath?: string; children: ReactNode; testId?: string }) {
  return (
    <section className="card section analytics-panel" aria-labelledby={id} data-testid={testId}>
      <div className="section-head analytics-panel-head">
        <h2 id={id}>{title}</h2>
        {exportPath && <ExportLinks path={exportPath} what={title} />}
      </div>
      {intro && <p className="muted small">{intro}</p>}
      {children}
    </section>
  );
}

/** The year of the dashboard: ?tahun=YYYY, default this year. */
export function useYear(): [number, (year: number) => void] {
  const location = useLocation();
  const thisYear = new Date().getFullYear();
  const raw = Number(location.query.get('tahun'));
  const year = Number.isInteger(raw) && raw >= 2000 && raw <= 2100 ? raw : thisYear;
  const set = (y: number) => {
    const q = new URLSearchParams(location.query);
    if (y === thisYear) q.delete('tahun');
    else q.set('tahun', String(y));
    const qs = q.toString();
    navigate(`${location.path}${qs ? `?${qs}` : ''}`, { replace: true });
  };
  return [year, set];
}

export function YearSelect({ year, onChange, id }: { year: number; onChange: (y: number) => void; id: string }) {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3];
  if (!years.includes(year)) years.push(year);
  return (
    <div className="field field-inline">
      <label htmlFor={id}>{t('analytics.year')}</label>
      <select id={id} value={year} onChange={(e) => onChange(Number(e.target.value))}>
        {years.sort((a, b) => b - a).map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
}

export function useNumbers() {
  const format = useFormatters();
  return { ...format, pct: (x: number) => `${format.number(x)} %`, maybe: (x: number | null) => (x === null ? '—' : format.number(x)) };
}

export const competencyLabel = (c: NamedCompetency) => (i18n.language === 'en' ? c.name_en : c.name_id) ?? c.code;

export const tierLabel = (tier: string | null) => (!tier ? i18n.t('analytics.noPosition') : i18n.exists(`tiers.${tier}`) ? i18n.t(`tiers.${tier}` as 'tiers.pelaksana') : tier);

/** Colour bands: each is drawn with its number, so colour is never the only carrier. */
export const COMPLIANCE_BANDS = [
  { min: 0, max: 40, color: '#c2410c' },
  { min: 40, max: 60, color: '#f59e0b' },
  { min: 60, max: 80, color: '#a3d977' },
  { min: 80, max: 100.01, color: '#15803d' },
];
export const GAP_BANDS = [
  { min: 0, max: 0.25, color: '#dcfce7' },
  { min: 0.25, max: 0.5, color: '#fef3c7' },
  { min: 0.5, max: 1, color: '#fdba74' },
  { min: 1, max: 1.5, color: '#f97316' },
  { min: 1.5, max: 99, color: '#9a3412' },
];
export const NO_DATA = -1;

export function pieces(bands: { min: number; max: number; color: string }[], label: (b: { min: number; max: number }) => string) {
  return [{ value: NO_DATA, label: i18n.t('analytics.noData'), color: '#e5e7eb' }, ...bands.map((b) => ({ gte: b.min, lt: b.max, color: b.color, label: label(b) }))];
}

/** A heatmap of columns × rows with piecewise colours; cells: [x, y, value]. */
export function heatmapOption(opts: { x: string[]; y: string[]; cells: [number, number, number][]; bands: ReturnType<typeof pieces>; valueText: (v: number) => string; tooltip: (x: number, y: number, v: number) => string; height?: number }): EChartsCoreOption {
  return {
    tooltip: { confine: true, formatter: (p: { data: [number, number, number] }) => opts.tooltip(p.data[0], p.data[1], p.data[2]) },
    grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: opts.x, splitArea: { show: true }, axisLabel: { interval: 0, width: 110, overflow: 'truncate' } },
    yAxis: { type: 'category', data: opts.y, inverse: true, splitArea: { show: true }, axisLabel: { width: 200, overflow: 'truncate' } },
    visualMap: { type: 'piecewise', dimension: 2, orient: 'horizontal', left: 'center', bottom: 0, pieces: opts.bands, itemWidth: 14, textStyle: { fontSize: 11 } },
    series: [{ type: 'heatmap', data: opts.cells, label: { show: true, fontSize: 11, formatter: (p: { data: [number, number, number] }) => (p.data[2] === NO_DATA ? '' : opts.valueText(p.data[2])) }, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
  };
}

/** Horizontal bars (categories top to bottom), one series each, optionally stacked to 100 %. */
export function barOption(opts: { categories: string[]; series: { name: string; data: number[]; color: string }[]; stack?: boolean; percent?: boolean; valueText: (v: number) => string }): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: (v: number) => opts.valueText(v) },
    legend: { top: 0, type: 'plain' },
    grid: { left: 8, right: 48, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', ...(opts.percent ? { max: 100, axisLabel: { formatter: '{value} %' } } : {}) },
    yAxis: { type: 'category', data: opts.categories, inverse: true, axisLabel: { width: 220, overflow: 'truncate' } },
    series: opts.series.map((s) => ({ type: 'bar', name: s.name, data: s.data, color: s.color, barMaxWidth: 16, ...(opts.stack ? { stack: 'all' } : {}), label: opts.stack ? undefined : { show: true, position: 'right', fontSize: 11, formatter: (p: { value: number }) => opts.valueText(p.value) } })),
  };
}

/** Extremes of a list by a number, for the text summaries: lowest first. */
export function extremes<T>(items: T[], value: (item: T) => number): { low: T; high: T } | null {
  if (!items.length) return null;
  const sorted = [...items].sort((a, b) => value(a) - value(b));
  return { low: sorted[0], high: sorted[sorted.length - 1] };
}
