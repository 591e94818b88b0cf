// A trend chart: one line per series over ordered labels (waves, cycles). A null value is a gap (e.g. a
// wave whose group was too small to show) — the line breaks there instead of inventing a number. The values
// are also a table; with fewer than two points (one wave so far) a line cannot be drawn, so a sentence gives
// the one point instead of an empty frame.
import { useRef } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { ChartEmpty, ChartTable, chartNumber } from './chart-text.js';
import { useChart } from './use-chart.js';

export interface LineSeries {
  label: string;
  values: (number | null)[];
}

export interface LineChartProps {
  label: string;
  labels: string[];
  series: LineSeries[];
  min?: number;
  max?: number;
}

const PALETTE = ['#0f766e', '#b45309', '#4338ca', '#be123c', '#15803d', '#7c3aed'];

export function LineChart(props: LineChartProps) {
  const { label, labels, series } = props;
  const shown = series.filter((s) => s.values.some((v) => v !== null));
  if (labels.length === 0 || shown.length === 0) return <ChartEmpty label={label} text={t('chart.none')} />;
  if (labels.length === 1) {
    const point = `${labels[0]}: ${shown.map((s) => (series.length > 1 ? `${s.label} ${chartNumber(s.values[0] ?? null)}` : chartNumber(s.values[0] ?? null))).join(', ')}`;
    return <ChartEmpty label={label} text={t('chart.onePoint', { point })} />;
  }
  return (
    <>
      <LineCanvas {...props} />
      <ChartTable caption={label} labels={labels} columns={series.map((s) => ({ label: s.label, values: s.values }))} />
    </>
  );
}

function LineCanvas({ label, labels, series, min, max }: LineChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const key = JSON.stringify([label, labels, series, min, max]);
  const state = useChart(canvas, key, () => ({
    type: 'line',
    data: {
      labels,
      datasets: series.map((s, i) => {
        const color = PALETTE[i % PALETTE.length]!;
        return {
          label: s.label,
          data: s.values,
          borderColor: color,
          backgroundColor: color,
          spanGaps: false,
          tension: 0.2,
        };
      }),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: series.length > 1, position: 'bottom' } },
      scales: { y: { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) } },
    },
  }));
  return (
    <figure class="chart" data-state={state} data-kind="line" style={{ height: `${series.length > 1 ? 260 : 220}px` }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </figure>
  );
}
