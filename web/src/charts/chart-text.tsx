// What a chart shows, as text: a table of its values behind a "show the numbers" disclosure (the canvas is a
// picture; a screen reader or a reader who cannot tell bar lengths apart reads the table), and the sentence
// shown instead of a chart when there is too little to draw (an empty axis frame says nothing).
import { locale, t } from '../i18n/index.js';

/** A value as the table shows it; null is a gap the server did not show (too few answers). */
export function chartNumber(v: number | null): string {
  return v === null ? t('chart.notShown') : new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(v);
}

export interface ChartColumn {
  label: string;
  values: (number | null)[];
}

/** Rows are the chart's labels, one column per series. */
export function ChartTable({
  caption,
  labels,
  columns,
}: {
  caption: string;
  labels: string[];
  columns: ChartColumn[];
}) {
  return (
    <details class="chart-values">
      <summary>{t('chart.values')}</summary>
      {/* A wide table scrolls on its own; focusable so it can be scrolled by keyboard (WCAG 2.1.1). */}
      <div class="scroll" role="region" aria-label={caption} tabIndex={0}>
        <table class="chart-table">
          <caption class="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('chart.item')}</th>
              {columns.map((c) => (
                <th scope="col">{columns.length === 1 ? t('chart.value') : c.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, i) => (
              <tr>
                <th scope="row">{label}</th>
                {columns.map((c) => (
                  <td>{chartNumber(c.values[i] ?? null)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** The sentence shown in place of a chart. */
export function ChartEmpty({ label, text }: { label: string; text: string }) {
  return (
    <p class="chart-empty" data-state="empty" data-chart={label}>
      {text}
    </p>
  );
}
