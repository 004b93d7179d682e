// One ECharts instance in a <div>, sized by its container. The picture is decorative for
// assistive technology: ChartFigure gives the same facts as text and as a table.
import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { echarts } from './echarts.ts';

export interface EChartProps {
  option: EChartsCoreOption;
  height: number;
  testId?: string;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";

export default function EChart({ option, height, testId }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    const element = ref.current!;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    chart.current?.setOption({ textStyle: { fontFamily: FONT, color: '#15302c' }, animation: !reduceMotion, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={ref} className="echart" style={{ height }} data-testid={testId} aria-hidden="true" />;
}
