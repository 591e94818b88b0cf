// chart.js, tree-shaken: only the bar chart and the pieces it needs are registered, so this chunk stays a
// fraction of the full library. Imported dynamically by bar-chart.tsx — pages without charts never load it.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
export { Chart };
