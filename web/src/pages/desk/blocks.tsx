// The desk's four blocks, each linking to the page with the details: surveys in progress (participation by
// unit, counts only), requests waiting by flow, follow-ups due, the last closed wave's headline. Every
// figure is the server's (K-protected there); this only lays it out and words it.
import { formatDateTime, locale, t } from '../../i18n/index.js';
import type { Desk } from './types.js';

const percent = (rate: number) => Math.round(rate * 100);

/** A calendar day (YYYY-MM-DD) in the reader's language. */
function formatDay(day: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

function Meter({ answered, asked }: { answered: number; asked: number }) {
  return (
    <div class="bar" role="presentation">
      <span style={{ width: `${asked === 0 ? 0 : Math.round((answered / asked) * 100)}%` }} />
    </div>
  );
}

export function WavesBlock({ d, hr }: { d: Desk; hr: boolean }) {
  return (
    <section class="card" id="desk-waves">
      <h2>{t('desk.waves')}</h2>
      {d.openWaves.length === 0 && <p class="muted">{t('desk.waves.none')}</p>}
      {d.openWaves.map((w) => (
        <article class="desk-wave" data-wave={w.id}>
          <h3>
            {w.title} <span class="muted">· {t('desk.waves.closes', { when: formatDateTime(w.closesAt) })}</span>
          </h3>
          <p class="participation">
            {t('desk.waves.answered', {
              answered: w.participation.answered,
              asked: w.participation.asked,
              rate: percent(w.participation.rate),
            })}
          </p>
          <Meter answered={w.participation.answered} asked={w.participation.asked} />
          <details open={w.units.length <= 4}>
            <summary>{t('desk.waves.byUnit')}</summary>
            <ul class="list desk-units">
              {w.units.map((u) => (
                <li data-unit={u.unitId} style={{ paddingLeft: `${u.depth}rem` }}>
                  <div class="row spread">
                    <span>{u.name}</span>
                    <span class="num">
                      {u.answered}/{u.asked}
                    </span>
                  </div>
                  <Meter answered={u.answered} asked={u.asked} />
                  {u.belowK && <small class="muted">{t('desk.waves.belowK', { k: w.k })}</small>}
                </li>
              ))}
            </ul>
          </details>
          {hr && (
            <p>
              <a href={`/app/hr/waves/${w.id}`}>{t('desk.waves.open')}</a>
            </p>
          )}
        </article>
      ))}
    </section>
  );
}

export function RequestsBlock({ d, hr }: { d: Desk; hr: boolean }) {
  const flows = d.requests.flows;
  return (
    <section class="card" id="desk-requests">
      <h2>{t('desk.requests')}</h2>
      {flows.length === 0 ? (
        <p class="muted">{t('desk.requests.none')}</p>
      ) : (
        <>
          <table class="desk-table">
            <thead>
              <tr>
                <th scope="col">{t('desk.requests.flow')}</th>
                <th scope="col" class="num">
                  {t('desk.requests.open')}
                </th>
                <th scope="col" class="num">
                  {t('desk.requests.overdue')}
                </th>
              </tr>
            </thead>
            <tbody>
              {flows.map((f) => (
                <tr data-flow={f.flowKey}>
                  <th scope="row">{f.name}</th>
                  <td class="num open">{f.open}</td>
                  <td class={`num overdue${f.overdue > 0 ? ' late' : ''}`}>{f.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted">{t('desk.requests.overdueNote', { hours: d.requests.overdueHours })}</p>
        </>
      )}
      <p>
        <a href={hr ? '/app/hr/turnaround' : '/app/approvals'}>
          {t(hr ? 'desk.requests.hrLink' : 'desk.requests.teamLink')}
        </a>
      </p>
    </section>
  );
}

export function FollowUpsBlock({ d }: { d: Desk }) {
  const f = d.followUps;
  return (
    <section class="card" id="desk-followups">
      <h2>{t('desk.followUps')}</h2>
      {f.due === 0 ? (
        <p class="muted">{t('desk.followUps.none', { days: f.dueWithinDays })}</p>
      ) : (
        <>
          <p class="summary">
            {t('desk.followUps.summary', { due: f.due, days: f.dueWithinDays, overdue: f.overdue, open: f.open })}
          </p>
          <ul class="list desk-followups">
            {f.items.map((x) => (
              <li data-followup={x.id}>
                <strong>{x.title}</strong>{' '}
                {x.overdue && <span class="badge rejected">{t('desk.followUps.overdueBadge')}</span>}
                <br />
                <span class="muted">
                  {x.owner}
                  {x.unit ? ` · ${x.unit}` : ''} · {t('desk.followUps.due', { date: formatDay(x.dueDate) })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href="/app/followups">{t('desk.followUps.link')}</a>
      </p>
    </section>
  );
}

/** The change from the previous wave, signed, to one decimal (the averages are the report's). */
function change(avg: number, previous: number | null): string {
  if (previous === null) return t('desk.results.noPrevious');
  const delta = Math.round((avg - previous) * 10) / 10;
  return delta > 0 ? `+${delta.toFixed(1)}` : delta < 0 ? `−${Math.abs(delta).toFixed(1)}` : '±0';
}

export function ResultsBlock({ d, hr }: { d: Desk; hr: boolean }) {
  return (
    <section class="card" id="desk-results">
      <h2>{t('desk.results')}</h2>
      {d.headlines.length === 0 && <p class="muted">{t('desk.results.none')}</p>}
      {d.headlines.map((r) => (
        <article class="desk-headline" data-wave={r.waveId} data-unit={r.unit.id}>
          <h3>{t('desk.results.of', { title: r.title, when: formatDateTime(r.closedAt), unit: r.unit.name })}</h3>
          {r.visible ? (
            <>
              <p class="muted">{t('desk.results.responses', { n: r.responses ?? 0 })}</p>
              <table class="desk-table dimensions">
                <thead>
                  <tr>
                    <th scope="col">{t('desk.results.dimension')}</th>
                    <th scope="col" class="num">
                      {t('desk.results.average')}
                    </th>
                    <th scope="col" class="num">
                      {t('desk.results.change')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {r.dimensions.map((x) => (
                    <tr data-dimension={x.key}>
                      <th scope="row">{x.name}</th>
                      <td class="num avg">{x.avg.toFixed(1)}</td>
                      <td class="num change">{change(x.avg, x.previousAvg)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {r.lowest.length > 0 && (
                <>
                  <h4>{t('desk.results.lowest')}</h4>
                  <ol class="desk-lowest">
                    {r.lowest.map((i) => (
                      <li>
                        {i.text} <span class="num">{i.avg.toFixed(1)}</span>
                      </li>
                    ))}
                  </ol>
                </>
              )}
            </>
          ) : (
            <div class="notice info" role="status" data-hidden={r.hidden ?? 'too_few'}>
              {r.hidden === 'protected'
                ? t('desk.results.protected', { unit: r.unit.name })
                : t('desk.results.tooFew', {
                    unit: r.unit.name,
                    answered: r.participation.answered,
                    asked: r.participation.asked,
                    k: r.k,
                  })}
            </div>
          )}
          <p>
            <a href={hr ? `/app/hr/report?wave=${r.waveId}&unit=${r.unit.id}` : '/app/team'}>
              {t('desk.results.link')}
            </a>
          </p>
        </article>
      ))}
    </section>
  );
}
