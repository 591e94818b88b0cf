// My ratings: the latest result (composite, change since the last cycle, a bar per dimension, what was not
// rated, the raters' comments), the history, and my recommended courses with an enrol button. The API
// only ever answers with the viewer's own data.
import type { Answer } from '../../../src/contract/index.js';
import { api } from '../api.js';
import { formatDateTime, t } from '../i18n/index.js';
import type { MyRatings, RatingResult, Recommendation } from '../types.js';
import { Loaded, Notice, Page, useApi, useSubmit } from '../ui.js';

const fmt = (n: number | null) => (n === null ? '—' : n.toFixed(2));

function Latest({ r }: { r: RatingResult }) {
  const change = r.composite !== null && r.previous !== null ? r.composite - r.previous : null;
  return (
    <section class="card" id="latest" data-cycle={r.cycleId}>
      <h2>
        {r.scheme} · {t('ratings.cycle', { id: r.cycleId })}
      </h2>
      <p class="muted">{t('ratings.private')}</p>
      <p class="muted">{t('ratings.composite')}</p>
      <p class="big" data-composite>
        {fmt(r.composite)}
      </p>
      <p class="muted" data-change>
        {change === null
          ? t('ratings.first')
          : t('ratings.change', { change: `${change >= 0 ? '+' : ''}${change.toFixed(2)}` })}
      </p>
      <ul class="list dims">
        {r.dimensions.map((d) => (
          <li data-dimension={d.key}>
            <div class="row spread">
              <span>
                {d.name} <span class="muted">{d.weight}%</span>
              </span>
              <strong>{d.score === null ? t('ratings.notRated') : d.score.toFixed(2)}</strong>
            </div>
            {/* The 1–5 scale as a plain bar: no chart code for five numbers. */}
            <div
              class={`bar${d.score === null ? ' missing' : ''}`}
              role="img"
              aria-label={`${d.name}: ${fmt(d.score)} / 5`}
            >
              <span style={{ width: `${d.score === null ? 0 : (d.score / 5) * 100}%` }} />
            </div>
          </li>
        ))}
      </ul>
      {/* What was left out of the composite (the rest reweighted to 100%), and what nobody may rate for me. */}
      {r.missing.some((m) => !r.noRater.includes(m)) && (
        <Notice tone="info">
          {t('ratings.missing', { dims: r.missing.filter((m) => !r.noRater.includes(m)).join(', ') })}
        </Notice>
      )}
      {r.noRater.length > 0 && <Notice tone="info">{t('x.rt.results.noRater', { dims: r.noRater.join(', ') })}</Notice>}
      {r.comments.length > 0 && (
        <>
          <h3>{t('ratings.comments')}</h3>
          <ul class="list comments">
            {r.comments.map((c) => (
              <li>
                <q>{c.comment}</q> <span class="muted">— {c.rater}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Course({ rec, onDone }: { rec: Recommendation; onDone: () => void }) {
  const enrol = useSubmit<Answer<'POST /ratings/recommendations/:id/enrol'>>();
  return (
    <li class="card" data-recommendation={rec.id}>
      <strong>{rec.course}</strong>
      <p class="muted">
        {t(rec.reason === 'low' ? 'ratings.reason.low' : 'ratings.reason.drop', { dimension: rec.dimension })}
      </p>
      {enrol.error && <Notice tone="error">{enrol.error.message}</Notice>}
      <div class="row">
        {rec.requestId !== null ? (
          <a class="button" href={`/app/requests/${rec.requestId}`}>
            <span class="badge pending">{t('ratings.requested')}</span>
          </a>
        ) : (
          <button
            type="button"
            class="primary"
            disabled={enrol.busy}
            onClick={async () => {
              if (await enrol.run(() => api('POST', `/ratings/recommendations/${rec.id}/enrol`))) onDone();
            }}
          >
            {t('ratings.enrol')}
          </button>
        )}
        {rec.url && (
          <a class="button" href={rec.url} target="_blank" rel="noopener">
            {t('ratings.coursePage')}
          </a>
        )}
      </div>
    </li>
  );
}

export function MyRatingsPage() {
  const [load, reload] = useApi<MyRatings>('/ratings');
  return (
    <Page title={t('nav.myRatings')}>
      <Loaded load={load}>
        {({ results, recommendations }) => (
          <>
            {results.length === 0 ? <p class="card muted">{t('ratings.none')}</p> : <Latest r={results[0]!} />}
            <section id="courses">
              <h2>{t('ratings.courses')}</h2>
              {recommendations.length === 0 ? (
                <p class="muted">{t('ratings.noCourses')}</p>
              ) : (
                <ul class="list">
                  {recommendations.map((rec) => (
                    <Course rec={rec} onDone={reload} />
                  ))}
                </ul>
              )}
            </section>
            {results.length > 0 && (
              <section class="card" id="history">
                <h2>{t('ratings.history')}</h2>
                <table class="leaderboard">
                  <tbody>
                    {results.map((r) => (
                      <tr>
                        <td>{t('ratings.cycle', { id: r.cycleId })}</td>
                        <td>{r.scheme}</td>
                        <td>{r.closedAt ? formatDateTime(r.closedAt) : ''}</td>
                        <td class="num">{fmt(r.composite)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}
