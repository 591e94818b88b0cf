// A trend chart: one line per series over ordered labels (waves, cycles). A null value is a gap (e.g. a
// wave whose group was too small to show) — the line breaks there instead of inventing a number.
import { useRef } from 'preact/hooks';
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

export function LineChart({ label, labels, series, min, max }: LineChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const key = JSON.stringify([label, labels, series, min, max]);
  const state = useChart(canvas, key, () => ({
    type: 'line',
    data: {
      labels,
      datasets: series.map((s, i) => {
        const color = PALETTE[i % PALETTE.length]!;
        return { label: s.label, data: s.values, borderColor: color, backgroundColor: color, spanGaps: false, tension: 0.2 };
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
