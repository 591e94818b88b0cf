// The pulse report on screen: participation, dimension averages (chart), answer distribution (chart),
// the heatmap by unit (a coloured table), the lowest items and comments. Every figure arrives already
// K-protected from the server; hidden groups say so instead of showing numbers.
import { BarChart } from './charts/bar-chart.js';
import { t } from './i18n/index.js';
import type { PulseReport } from './types.js';

/** 1 (red) … 5 (green) as a background colour. */
function heat(v: number, min = 1, max = 5): string {
  const x = Math.min(1, Math.max(0, (v - min) / (max - min)));
  return `hsl(${Math.round(x * 130)}, 65%, 82%)`;
}

export function PulseView({ report: r }: { report: PulseReport }) {
  const distribution = r.dimensions.reduce<number[]>((sum, d) => d.distribution.map((c, i) => c + (sum[i] ?? 0)), []);
  return (
    <div class="pulse" data-wave={r.wave.id}>
      <p>
        <strong>{r.title}</strong> · {r.unit.name} · {t('pulse.participation', { answered: r.participation.answered, asked: r.participation.asked, rate: Math.round(r.participation.rate * 100) })}
      </p>
      {!r.visible ? (
        <div class="notice info" data-hidden="true">
          {t('pulse.notEnough', { k: r.k })}
        </div>
      ) : (
        <>
          <h3>{t('pulse.dimensions')}</h3>
          <BarChart label={t('pulse.dimensions')} labels={r.dimensions.map((d) => d.name)} values={r.dimensions.map((d) => d.avg)} horizontal max={5} />
          <h3>{t('pulse.distribution')}</h3>
          <BarChart label={t('pulse.distribution')} labels={distribution.map((_, i) => String(i + 1))} values={distribution} color="#6366f1" />
          {r.enps && <p>{t('pulse.enps', { score: r.enps.score })}</p>}
          {r.lowest.length > 0 && (
            <>
              <h3>{t('pulse.lowest')}</h3>
              <ul class="list">
                {r.lowest.map((i) => (
                  <li>
                    {i.text} <strong>{i.avg}</strong>{' '}
                    <a class="followup-link" href={`/app/followups?${new URLSearchParams({ new: '1', title: i.text, waveId: String(r.wave.id), unitId: String(r.unit.id) }).toString()}`}>
                      {t('pa.fu.fromFriction')}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {r.heatmap.length > 0 && (
        <>
          <h3>{t('pulse.heatmap')}</h3>
          <div class="scroll">
            <table class="heatmap">
              <thead>
                <tr>
                  <th>{t('pulse.unit')}</th>
                  {r.dimensionNames.map((d) => (
                    <th>{d.name}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {r.heatmap.map((h) => (
                  <tr>
                    <th>{h.unit.name}</th>
                    {h.visible ? (
                      r.dimensionNames.map((d) => {
                        const v = h.dims[d.key];
                        return <td style={v === undefined ? undefined : { background: heat(v) }}>{v ?? '—'}</td>;
                      })
                    ) : (
                      <td colSpan={r.dimensionNames.length} class="muted">
                        {t('pulse.hidden')}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h3>{t('pulse.comments')}</h3>
      {r.commentsHidden ? (
        <p class="muted">{t('pulse.commentsHidden', { k: r.k })}</p>
      ) : (
        <ul class="list comments">
          {r.comments.map((c) => (
            <li>
              <q>{c}</q>
            </li>
          ))}
        </ul>
      )}
      <p class="muted">{t('pulse.kNote', { k: r.k })}</p>
    </div>
  );
}
