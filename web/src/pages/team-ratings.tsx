// Team ratings for managers (their subtree) and HR: the latest cycle's report — dimension averages and
// the composite distribution charted, who is not fully rated, whom to recognise — and the rater forms.
// Anyone who leads no unit gets the server's 403: a rater among them still sees their rater forms (and a
// note that the report is for managers and HR); anyone else only that message. Below the report, the
// trend across cycles.
import { BarChart } from '../charts/bar-chart.js';
import { t } from '../i18n/index.js';
import type { TeamRatings } from '../types.js';
import { Loaded, Page, useApi } from '../ui.js';
import { ExportDownload } from '../export-download.js';
import { RatingsTrend } from './flows-schemes/ratings-trend.js';
import { RateTeam } from './rate-team.js';

const BANDS = ['1–2', '2–3', '3–4', '4–5'];
const fmt = (n: number | null) => (n === null ? '—' : n.toFixed(2));

function Report({ report: r }: { report: NonNullable<TeamRatings['report']> }) {
  return (
    <section class="card" id="team-report" data-cycle={r.cycleId}>
      <h2>{t('teamRatings.report')}</h2>
      <p class="muted">
        {t('teamRatings.summary', {
          scheme: r.scheme,
          id: r.cycleId,
          unit: r.unit,
          people: r.people,
          state: t(r.closed ? 'teamRatings.closed' : 'teamRatings.open'),
        })}
      </p>
      {/* Named results of the people this manager may see (the server applies the ratings access rules). */}
      <ExportDownload
        id="ratings-download"
        csv={`/api/exports/ratings?cycle=${r.cycleId}&format=csv`}
        xlsx={`/api/exports/ratings?cycle=${r.cycleId}&format=xlsx`}
      />
      <p>
        {t('teamRatings.compositeAvg')} <strong>{fmt(r.compositeAvg)}</strong>
        {r.previousCompositeAvg !== null && (
          <span class="muted"> {t('teamRatings.previous', { value: fmt(r.previousCompositeAvg) })}</span>
        )}
      </p>
      <h3>{t('teamRatings.averages')}</h3>
      <BarChart
        label={t('teamRatings.averages')}
        labels={r.averages.map((a) => a.name)}
        values={r.averages.map((a) => a.avg ?? 0)}
        horizontal
        max={5}
      />
      <h3>{t('teamRatings.distribution')}</h3>
      <BarChart label={t('teamRatings.distribution')} labels={BANDS} values={r.distribution} color="#2563eb" />
      <h3>{t('teamRatings.notRated')}</h3>
      {r.notRated.length === 0 ? (
        <p class="muted">{t('teamRatings.allRated')}</p>
      ) : (
        <ul class="list" id="not-rated">
          {r.notRated.map((n) => (
            <li>
              <strong>{n.name}</strong> <span class="muted">{n.missing.join(', ')}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('x.rt.cycle.coverage')}</h3>
      <ul class="list" id="coverage">
        {r.coverage.map((c) => (
          <li data-dimension={c.key} class="row spread">
            <span>{c.name}</span>
            <strong>{t('x.rt.cycle.filled', { filled: c.filled, of: c.of })}</strong>
          </li>
        ))}
      </ul>
      {r.coverage.some((c) => c.filled < c.of) && <p class="muted">{t('x.rt.coverage.note')}</p>}
      <h3>{t('teamRatings.recognise')}</h3>
      {r.recognise.length === 0 ? (
        <p class="muted">{t('teamRatings.noRecognise')}</p>
      ) : (
        <ul class="list" id="recognise">
          {r.recognise.map((x) => (
            <li>
              <strong>{x.name}</strong> {x.dimension} {x.from.toFixed(1)} → {x.to.toFixed(1)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function TeamRatingsPage() {
  const [load, reload] = useApi<TeamRatings>('/team/ratings');
  // Not a manager: the team report is not theirs. Someone who rates people in an open cycle (a named
  // rater) still gets their rater forms, with a note; anyone else one clear message and nothing else.
  if (load.state === 'error' && load.error.status === 403)
    return (
      <Page title={t('nav.teamRatings')}>
        {/* No report to refresh after a save (and refreshing would rebuild the form, losing its notice). */}
        <RateTeam onSaved={() => undefined} forbidden={load.error} />
      </Page>
    );
  return (
    <Page title={t('nav.teamRatings')}>
      <Loaded load={load}>
        {(d) => (d.report ? <Report report={d.report} /> : <p class="card muted">{d.message}</p>)}
      </Loaded>
      {load.state === 'ok' && <RatingsTrend />}
      <RateTeam onSaved={reload} />
    </Page>
  );
}
