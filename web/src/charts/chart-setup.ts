// chart.js, tree-shaken: only the bar and line charts and the pieces they need are registered, so this chunk
// stays a fraction of the full library. Imported dynamically by the chart components — pages without charts
// never load it.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);
export { Chart };
