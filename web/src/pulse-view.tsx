// The pulse report on screen: participation, dimension averages (chart), answer distribution (chart),
// the heatmap by unit (a coloured table), the lowest items and comments. Every figure arrives already
// K-protected from the server. A wave still open shows participation only (and when results appear); a
// hidden group says why, and — when the server names one — shows the smallest published group around it.
import { BarChart } from './charts/bar-chart.js';
import { formatDateTime, t } from './i18n/index.js';
import { CommentAction } from './pages/conversations/comment-action.js';
import type { PulseEnclosing, PulseReport, ReportComment } from './types.js';

/** 1 (red) … 5 (green) as a background colour. */
function heat(v: number, min = 1, max = 5): string {
  const x = Math.min(1, Math.max(0, (v - min) / (max - min)));
  return `hsl(${Math.round(x * 130)}, 65%, 82%)`;
}

/** Average by dimension: the chart, and the same numbers as text (readable without the canvas). */
function DimensionAverages({ dimensions }: { dimensions: { key: string; name: string; avg: number }[] }) {
  return (
    <>
      <BarChart
        label={t('pulse.dimensions')}
        labels={dimensions.map((d) => d.name)}
        values={dimensions.map((d) => d.avg)}
        horizontal
        max={5}
      />
      <ul class="dim-avgs">
        {dimensions.map((d) => (
          <li data-dimension={d.key}>
            {d.name} <strong>{d.avg.toFixed(2)}</strong>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Per kind of unit at the heatmap's level (HQ departments vs stores), over its shown rows only — shown when
 *  the level holds more than one kind. */
function KindSummaries({ report: r }: { report: PulseReport }) {
  if (r.heatmapKinds.length < 2) return null;
  return (
    <>
      <h3>{t('reports.byKind')}</h3>
      <div class="scroll" role="region" aria-label={t('reports.byKind')} tabIndex={0}>
        <table class="kind-heatmap" data-kinds="">
          <thead>
            <tr>
              <th>{t('reports.kind')}</th>
              {r.dimensionNames.map((d) => (
                <th>{d.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {r.heatmapKinds.map((k) => (
              <tr data-kind-summary={k.kind} data-shown={String(k.shownUnits)}>
                <th>
                  {t(`reports.kind.${k.kind}`)}
                  <div class="muted">
                    {k.responses === null
                      ? t('reports.kindNoneShown', { units: k.units })
                      : t('reports.kindShown', { shown: k.shownUnits, units: k.units, n: k.responses })}
                  </div>
                </th>
                {k.responses === null ? (
                  <td colSpan={r.dimensionNames.length} class="muted">
                    {t('pulse.hidden')}
                  </td>
                ) : (
                  r.dimensionNames.map((d) => {
                    const v = k.dims[d.key];
                    return <td style={v === undefined ? undefined : { background: heat(v) }}>{v ?? '—'}</td>;
                  })
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** A comment list, or why it is not shown (the comment threshold of this wave). */
/** `items`: the same comments with their ids and threads, for "Reply" (the group's own list only). */
function Comments({
  comments,
  hidden,
  commentK,
  items,
}: {
  comments: string[];
  hidden: boolean;
  commentK: number;
  items?: ReportComment[];
}) {
  return (
    <>
      <h3>{t('pulse.comments')}</h3>
      {hidden ? (
        <p class="muted" data-comments-hidden="true">
          {t('pulse.commentsHidden', { k: commentK })}
        </p>
      ) : (
        <ul class="list comments">
          {items && items.length === comments.length
            ? items.map((c) => (
                <li data-comment={c.id}>
                  <q>{c.text}</q>
                  <CommentAction item={c} />
                </li>
              ))
            : comments.map((c) => (
                <li>
                  <q>{c}</q>
                </li>
              ))}
        </ul>
      )}
    </>
  );
}

function Enclosing({ around, commentK }: { around: PulseEnclosing; commentK: number }) {
  return (
    <section class="enclosing" data-unit={around.unit.id}>
      <h3>{t('pulse.enclosing', { unit: around.unit.name, n: around.responses })}</h3>
      <DimensionAverages dimensions={around.dimensions} />
      <Comments comments={around.comments} hidden={around.commentsHidden} commentK={commentK} />
    </section>
  );
}

/** Why this group's figures are not shown, in the reader's words. */
function HiddenNotice({ r }: { r: PulseReport }) {
  const around = r.enclosing?.unit.name;
  let text: string;
  if (r.hidden === 'protected') text = around ? t('pulse.protected', { unit: around }) : t('pulse.protectedAlone');
  else
    text = around
      ? `${t('pulse.notEnough', { k: r.k })} ${t('pulse.countedIn', { unit: around })}`
      : t('pulse.notEnough', { k: r.k });
  return (
    <div class="notice info" role="status" data-hidden={r.hidden ?? 'too_few'}>
      {text}
    </div>
  );
}

export function PulseView({ report: r }: { report: PulseReport }) {
  const open = r.status === 'open';
  const distribution = r.dimensions.reduce<number[]>((sum, d) => d.distribution.map((c, i) => c + (sum[i] ?? 0)), []);
  return (
    <div class="pulse" data-wave={r.wave.id} data-status={r.status}>
      <p>
        <strong>{r.title}</strong> · {r.unit.name} ·{' '}
        <span class="participation">
          {t('pulse.participation', {
            answered: r.participation.answered,
            asked: r.participation.asked,
            rate: Math.round(r.participation.rate * 100),
          })}
        </span>
      </p>
      {open ? (
        // Participation only: figures from a wave still being answered could be subtracted read to read.
        <div class="notice info" role="status" data-hidden="open">
          {t('pulse.open', { date: formatDateTime(r.wave.closesAt) })}
        </div>
      ) : !r.visible ? (
        <>
          <HiddenNotice r={r} />
          {r.enclosing && <Enclosing around={r.enclosing} commentK={r.commentK} />}
        </>
      ) : (
        <>
          <h3>{t('pulse.dimensions')}</h3>
          <DimensionAverages dimensions={r.dimensions} />
          <h3>{t('pulse.distribution')}</h3>
          <BarChart
            label={t('pulse.distribution')}
            labels={distribution.map((_, i) => String(i + 1))}
            values={distribution}
            color="#6366f1"
          />
          {r.enps && (
            // A bare "eNPS: -50" means little: its range and how it is made, with the counts behind it.
            <div class="enps" data-enps={r.enps.score}>
              <p>
                <strong>{t('pulse.enps', { score: r.enps.score })}</strong> ·{' '}
                {t('pulse.enpsBreakdown', {
                  promoters: r.enps.promoters,
                  passives: r.enps.passives,
                  detractors: r.enps.detractors,
                })}
              </p>
              <p class="enps-note">{t('pulse.enpsNote')}</p>
            </div>
          )}
          {r.lowest.length > 0 && (
            <>
              <h3>{t('pulse.lowest')}</h3>
              <ul class="list">
                {r.lowest.map((i) => (
                  <li>
                    {i.text} <strong>{i.avg}</strong>{' '}
                    <a
                      class="followup-link"
                      href={`/app/followups?${new URLSearchParams({ new: '1', title: i.text, waveId: String(r.wave.id), unitId: String(r.unit.id) }).toString()}`}
                    >
                      {t('pa.fu.fromFriction')}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {!open && r.heatmap.length > 0 && (
        <>
          <h3>{t('pulse.heatmap')}</h3>
          {/* Many dimensions scroll sideways on a phone: a focusable region, so a keyboard can scroll it. */}
          <div class="scroll" role="region" aria-label={t('pulse.heatmap')} tabIndex={0}>
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
                  <tr data-unit={h.unit.id} data-kind={h.kind} data-visible={String(h.visible)}>
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
          <KindSummaries report={r} />
        </>
      )}
      {/* The group's own comments: when its figures are shown, or (rarely) when only its comment list is published. */}
      {!open && (r.visible || !r.commentsHidden) && (
        <Comments comments={r.comments} hidden={r.commentsHidden} commentK={r.commentK} items={r.commentItems} />
      )}
      {!open && r.themes.length > 0 && (
        <>
          <h3>{t('reports.themes')}</h3>
          <ul class="themes">
            {r.themes.map((x) => (
              <li data-theme={x.theme}>
                {t(`reports.theme.${x.theme}`)} <strong>{x.count}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
      <p class="muted">{t('pulse.kNote', { k: r.k })}</p>
    </div>
  );
}
