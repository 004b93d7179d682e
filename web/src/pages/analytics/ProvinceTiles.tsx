// Indonesia's 38 provinces as a tile grid laid out roughly as on a map (west → east, north →
// south), plus a tile for the central government, coloured by 20-JP compliance or by mean gap.
// No map data is downloaded: the layout is this table. A table view and a text summary say the same.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartFigure } from '../../components/ChartFigure.tsx';
import { COMPLIANCE_BANDS, extremes, GAP_BANDS, heatmapOption, NO_DATA, pieces, useNumbers } from './parts.tsx';
import type { Provinces, Tile } from './types.ts';

/** Column, row and a short label per official province code. */
export const TILE_LAYOUT: Record<string, [number, number, string]> = {
  '11': [0, 0, 'Aceh'], '12': [1, 1, 'Sumut'], '13': [1, 2, 'Sumbar'], '14': [2, 1, 'Riau'], '21': [3, 1, 'Kepri'],
  '15': [2, 2, 'Jambi'], '19': [3, 2, 'Babel'], '17': [1, 3, 'Bengkulu'], '16': [2, 3, 'Sumsel'], '18': [3, 3, 'Lampung'],
  '36': [2, 4, 'Banten'], '31': [3, 4, 'Jakarta'], '32': [4, 4, 'Jabar'], '33': [5, 4, 'Jateng'], '34': [5, 5, 'DIY'], '35': [6, 4, 'Jatim'],
  '51': [7, 4, 'Bali'], '52': [8, 4, 'NTB'], '53': [9, 4, 'NTT'],
  '61': [5, 2, 'Kalbar'], '65': [7, 1, 'Kaltara'], '64': [7, 2, 'Kaltim'], '62': [6, 2, 'Kalteng'], '63': [7, 3, 'Kalsel'],
  '71': [10, 0, 'Sulut'], '75': [9, 1, 'Gorontalo'], '72': [9, 2, 'Sulteng'], '76': [8, 2, 'Sulbar'], '73': [8, 3, 'Sulsel'], '74': [9, 3, 'Sultra'],
  '82': [11, 0, 'Malut'], '81': [11, 2, 'Maluku'],
  '96': [12, 1, 'PBD'], '92': [13, 1, 'Pabar'], '94': [12, 2, 'Pateng'], '91': [13, 2, 'Papua'], '95': [13, 3, 'Papeg'], '93': [13, 4, 'Pasel'],
};
const CENTRAL: [number, number] = [0, 5];
const COLUMNS = 14;
const ROWS = 6;

type Metric = 'compliance' | 'gap';
const metricOf = (t: Tile, metric: Metric) => (metric === 'compliance' ? (t.people ? t.compliancePct : NO_DATA) : t.gap.required ? t.gap.averageGap : NO_DATA);

export function ProvinceTiles({ data }: { data: Provinces }) {
  const { t, i18n } = useTranslation();
  const n = useNumbers();
  const [metric, setMetric] = useState<Metric>('compliance');
  const tiles = useMemo(
    () => [
      ...data.provinces.map((p) => ({ code: p.code, name: p.name, short: TILE_LAYOUT[p.code]?.[2] ?? p.code, at: TILE_LAYOUT[p.code] ?? [0, 0], tile: p as Tile })),
      { code: 'central', name: t('analytics.central'), short: t('analytics.centralShort'), at: CENTRAL, tile: data.central },
    ],
    [data, t],
  );
  const valueText = (v: number) => (metric === 'compliance' ? `${n.number(Math.round(v))}%` : n.number(v));
  const option = useMemo(() => {
    const byCell = new Map(tiles.map((x) => [`${x.at[0]},${x.at[1]}`, x]));
    const base = heatmapOption({
      x: Array.from({ length: COLUMNS }, (_, i) => String(i)),
      y: Array.from({ length: ROWS }, (_, i) => String(i)),
      cells: tiles.map((x) => [x.at[0], x.at[1], metricOf(x.tile, metric)]),
      bands: metric === 'compliance' ? pieces(COMPLIANCE_BANDS, (b) => `${b.min}–${Math.floor(b.max)} %`) : pieces(GAP_BANDS, (b) => (b.max > 10 ? `≥ ${b.min}` : `${b.min}–${b.max}`)),
      valueText,
      tooltip: (x, y, v) => {
        const tile = byCell.get(`${x},${y}`);
        if (!tile) return '';
        const f = tile.tile;
        return `<b>${tile.name}</b><br/>${v === NO_DATA ? t('analytics.noData') : metric === 'compliance'
          ? t('analytics.tiles.tooltipCompliance', { pct: n.number(f.compliancePct), met: n.number(f.met), onTrack: n.number(f.onTrack), atRisk: n.number(f.atRisk), people: n.number(f.people) })
          : t('analytics.tiles.tooltipGap', { average: n.number(f.gap.averageGap), pct: n.number(f.gap.withGapPct) })}`;
      },
    }) as Record<string, unknown>;
    const series = (base.series as Record<string, unknown>[])[0];
    series.data = tiles.map((x) => ({ value: [x.at[0], x.at[1], metricOf(x.tile, metric)], name: x.name }));
    series.label = { show: true, fontSize: 10, lineHeight: 13, formatter: (p: { dataIndex: number; value: [number, number, number] }) => `${tiles[p.dataIndex].short}\n${p.value[2] === NO_DATA ? '–' : valueText(p.value[2])}` };
    series.itemStyle = { borderColor: '#fff', borderWidth: 3, borderRadius: 4 };
    return {
      ...base,
      grid: { left: 4, right: 4, top: 4, bottom: 48 },
      xAxis: { type: 'category', data: Array.from({ length: COLUMNS }, (_, i) => String(i)), show: false },
      yAxis: { type: 'category', data: Array.from({ length: ROWS }, (_, i) => String(i)), show: false, inverse: true },
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tiles, metric, i18n.language]);

  const provinces = tiles.filter((x) => x.code !== 'central' && metricOf(x.tile, metric) !== NO_DATA);
  const ends = extremes(provinces, (x) => metricOf(x.tile, metric));
  const national = data.provinces.reduce((a, p) => ({ people: a.people + p.people, ok: a.ok + p.met + p.onTrack }), { people: data.central.people, ok: data.central.met + data.central.onTrack });
  const summary = !ends
    ? t('analytics.tiles.summaryEmpty')
    : metric === 'compliance'
      ? t('analytics.tiles.summaryCompliance', { low: ends.low.name, lowPct: n.number(ends.low.tile.compliancePct), high: ends.high.name, highPct: n.number(ends.high.tile.compliancePct), national: n.number(national.people ? Math.round((national.ok / national.people) * 1000) / 10 : 0), expected: n.number(data.expectedJp), year: data.year })
      : t('analytics.tiles.summaryGap', { high: ends.high.name, highGap: n.number(ends.high.tile.gap.averageGap), low: ends.low.name, lowGap: n.number(ends.low.tile.gap.averageGap) });
  const caption = metric === 'compliance' ? t('analytics.tiles.captionCompliance', { year: data.year }) : t('analytics.tiles.captionGap');
  return (
    <>
      <div className="segmented analytics-metric" role="group" aria-label={t('analytics.tiles.metric')}>
        <button type="button" aria-pressed={metric === 'compliance'} onClick={() => setMetric('compliance')} data-testid="metric-compliance">
          {t('analytics.tiles.byCompliance')}
        </button>
        <button type="button" aria-pressed={metric === 'gap'} onClick={() => setMetric('gap')} data-testid="metric-gap">
          {t('analytics.tiles.byGap')}
        </button>
      </div>
      <ChartFigure
        testId="province-tiles"
        label={caption}
        option={option}
        height={420}
        summary={summary}
        table={
          <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
            <table className="table" data-testid="province-tiles-table">
              <caption className="sr-only">{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('analytics.province')}</th>
                  <th scope="col" className="num">{t('analytics.people')}</th>
                  <th scope="col" className="num">{t('analytics.met')}</th>
                  <th scope="col" className="num">{t('analytics.onTrack')}</th>
                  <th scope="col" className="num">{t('analytics.atRisk')}</th>
                  <th scope="col" className="num">{t('analytics.compliancePct')}</th>
                  <th scope="col" className="num">{t('analytics.averageGap')}</th>
                  <th scope="col" className="num">{t('analytics.withGapPct')}</th>
                </tr>
              </thead>
              <tbody>
                {tiles.map((x) => (
                  <tr key={x.code}>
                    <th scope="row">{x.name}</th>
                    <td className="num">{n.number(x.tile.people)}</td>
                    <td className="num">{n.number(x.tile.met)}</td>
                    <td className="num">{n.number(x.tile.onTrack)}</td>
                    <td className="num">{n.number(x.tile.atRisk)}</td>
                    <td className="num">{n.pct(x.tile.compliancePct)}</td>
                    <td className="num">{n.number(x.tile.gap.averageGap)}</td>
                    <td className="num">{n.pct(x.tile.gap.withGapPct)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        }
      />
    </>
  );
}
