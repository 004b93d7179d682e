// ECharts with only what Kembang draws: radar, heatmap and bar charts on a canvas. This module
// and everything it imports load on demand (see ChartFigure), never in the first bundle.
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendPlainComponent, RadarComponent, TooltipComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([RadarChart, HeatmapChart, BarChart, GridComponent, LegendPlainComponent, RadarComponent, TooltipComponent, VisualMapPiecewiseComponent, CanvasRenderer]);

export { echarts };
