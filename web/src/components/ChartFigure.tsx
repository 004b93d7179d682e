// A chart with its alternatives: a text summary (always shown, and the chart's description)
// and a table view the user can switch to. The chart code (ECharts) loads on demand.
import { lazy, Suspense, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { Loading } from './Feedback.tsx';

const EChart = lazy(() => import('../charts/EChart.tsx'));

export interface ChartFigureProps {
  /** What the chart shows, e.g. "Radar chart of required and current levels". */
  label: string;
  summary: ReactNode;
  option: EChartsCoreOption;
  height?: number;
  table: ReactNode;
  testId?: string;
  initialView?: 'chart' | 'table';
}

export function ChartFigure({ label, summary, option, height = 360, table, testId, initialView = 'chart' }: ChartFigureProps) {
  const { t } = useTranslation();
  const [view, setView] = useState(initialView);
  const summaryId = useId();
  return (
    <figure className="chart-figure" data-testid={testId} data-view={view}>
      <div className="chart-toolbar">
        <p className="chart-summary" id={summaryId}>
          {summary}
        </p>
        <div className="segmented" role="group" aria-label={t('chart.viewAs', { label })}>
          <button type="button" aria-pressed={view === 'chart'} onClick={() => setView('chart')}>
            {t('chart.showChart')}
          </button>
          <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
            {t('chart.showTable')}
          </button>
        </div>
      </div>
      {view === 'chart' ? (
        <div className="chart-canvas" role="img" aria-label={label} aria-describedby={summaryId}>
          <Suspense fallback={<Loading />}>
            <EChart option={option} height={height} testId={testId ? `${testId}-canvas` : undefined} />
          </Suspense>
        </div>
      ) : (
        table
      )}
    </figure>
  );
}
