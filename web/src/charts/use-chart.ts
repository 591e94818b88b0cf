// Drawing a chart.js chart on a canvas: the library loads on first use (its own chunk), the chart is
// redrawn only when its data really changes (`key`), and `state` says when it is drawn — which is also
// what the browser tests wait for (figure[data-state=ready]).
import type { Chart, ChartConfiguration } from 'chart.js';
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export type ChartState = 'loading' | 'ready' | 'error';

export function useChart(
  canvas: RefObject<HTMLCanvasElement>,
  key: string,
  config: () => ChartConfiguration,
): ChartState {
  const [state, setState] = useState<ChartState>('loading');
  useEffect(() => {
    let live = true;
    let chart: Chart | undefined;
    import('./chart-setup.js').then(
      (m) => {
        if (!live || !canvas.current) return;
        chart = new m.Chart(canvas.current, config());
        setState('ready');
      },
      () => live && setState('error'),
    );
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [key]);
  return state;
}
