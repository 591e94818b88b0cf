// A bar chart on a canvas (chart.js, loaded on first use by use-chart.ts), with its values as a table. With
// nothing to draw (no bars, or every bar 0) it says so in a sentence instead of drawing an empty frame.
import { useRef } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { ChartEmpty, ChartTable } from './chart-text.js';
import { useChart } from './use-chart.js';

export interface BarChartProps {
  label: string;
  labels: string[];
  values: number[];
  /** Horizontal bars suit long labels (names, dimensions) on a narrow phone. */
  horizontal?: boolean;
  max?: number;
  color?: string;
  /** The sentence shown instead of the chart when there is nothing to draw (a general one otherwise). */
  empty?: string;
}

export function BarChart(props: BarChartProps) {
  const { label, labels, values, empty } = props;
  if (labels.length === 0 || values.every((v) => v === 0))
    return <ChartEmpty label={label} text={empty ?? (labels.length === 0 ? t('chart.none') : t('chart.allZero'))} />;
  return (
    <>
      <BarCanvas {...props} />
      <ChartTable caption={label} labels={labels} columns={[{ label, values }]} />
    </>
  );
}

function BarCanvas({ label, labels, values, horizontal = false, max, color = '#0f766e' }: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // Redraw only when the data really changes (a new array with the same numbers is the same chart).
  const key = JSON.stringify([label, labels, values, max, horizontal, color]);
  const state = useChart(canvas, key, () => ({
    type: 'bar',
    data: { labels, datasets: [{ label, data: values, backgroundColor: color, borderRadius: 4 }] },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { [horizontal ? 'x' : 'y']: { beginAtZero: true, ...(max !== undefined ? { max } : {}) } },
    },
  }));
  const height = horizontal ? Math.max(120, labels.length * 34 + 40) : 220;
  return (
    <figure class="chart" data-state={state} style={{ height: `${height}px` }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </figure>
  );
}
