// HR: one pulse wave — its state and dates, participation overall and by unit (counts of people asked and
// people who answered, never a figure of the answers), the planned reminders, "remind non-respondents now"
// (once a day; the server refuses a second press and says when) and "close now" (after a confirmation).
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { t } from '../../i18n/index.js';
import { forbiddenOf, ForbiddenPage, Loaded, Notice, Page, useApi, useSubmit } from '../../ui.js';
import type { Answer } from '../../../../src/contract/index.js';
import type { WavePage } from './types.js';

const pct = (answered: number, asked: number) => (asked === 0 ? 0 : Math.round((answered / asked) * 100));

function Meter({ answered, asked }: { answered: number; asked: number }) {
  return (
    <div class="bar" role="presentation">
      <span style={{ width: `${pct(answered, asked)}%` }} />
    </div>
  );
}

export function WaveView({ id }: { id: string }) {
  const [load, reload] = useApi<WavePage>(`/hr/waves/${encodeURIComponent(id)}`);
  const reminding = useSubmit<Answer<'POST /hr/waves/:id/remind'>>();
  const closing = useSubmit<Answer<'POST /hr/waves/:id/close'>>();
  const [reminded, setReminded] = useState<number>();
  const [confirming, setConfirming] = useState(false);
  const [closed, setClosed] = useState(false);
  const forbidden = forbiddenOf(load);
  if (forbidden) return <ForbiddenPage title={t('pa.wave.title', { id })} error={forbidden} />;

  return (
    <Page title={t('pa.wave.title', { id })}>
      <p>
        <a href="/app/hr">{t('pa.wave.back')}</a>
      </p>
      {reminded !== undefined && <Notice tone="success">{t('pa.wave.reminded', { n: reminded })}</Notice>}
      {reminding.error && !closed && <Notice tone="error">{reminding.error.message}</Notice>}
      {closed && (
        <Notice tone="success">
          {t('hr.close.done', { wave: id })} <a href={`/app/hr/report?wave=${id}`}>{t('nav.report')}</a>
        </Notice>
      )}
      {closing.error && <Notice tone="error">{closing.error.message}</Notice>}
      <Loaded load={load}>
        {(w) => (
          <>
            <section class="card wave-status" data-state={w.state}>
              <div class="row spread">
                <strong>{w.title}</strong>
                <span class={`badge ${w.state === 'open' ? 'pending' : 'approved'}`}>
                  {t(`pa.wave.state.${w.state}`)}
                </span>
              </div>
              <dl class="fields">
                <dt>{t('pa.wave.opened')}</dt>
                <dd>{w.labels.opened}</dd>
                <dt>{w.labels.closed ? t('pa.wave.closed') : t('pa.wave.closes')}</dt>
                <dd>{w.labels.closed ?? w.labels.closes}</dd>
              </dl>
              <p class="big participation">{pct(w.participation.answered, w.participation.asked)}%</p>
              <p class="muted">
                {t('pa.wave.answered', { answered: w.participation.answered, asked: w.participation.asked })}
              </p>
              <Meter answered={w.participation.answered} asked={w.participation.asked} />
              {w.state === 'published' ? (
                <p>
                  <a href={`/app/hr/report?wave=${w.id}`}>{t('pa.wave.results')}</a>
                </p>
              ) : (
                <p class="muted">{t('pa.wave.noFigures')}</p>
              )}
            </section>

            <h2>{t('pa.wave.byUnit')}</h2>
            <div class="card">
              <ul class="list wave-units">
                {w.units.map((u) => (
                  <li data-unit={u.name} style={{ paddingLeft: `${u.depth}rem` }}>
                    <div class="row spread">
                      <span>{u.name}</span>
                      <span class="num">{t('pa.wave.answered', { answered: u.answered, asked: u.asked })}</span>
                    </div>
                    <Meter answered={u.answered} asked={u.asked} />
                    {u.belowK && <small class="muted">{t('pa.wave.belowK', { k: w.k })}</small>}
                  </li>
                ))}
              </ul>
            </div>
            <p class="muted">{t('pa.wave.countsOnly', { k: w.k })}</p>

            <h2>{t('pa.wave.reminders')}</h2>
            <section class="card wave-reminders">
              {w.reminders.planned.length > 0 && (
                <ul class="planned">
                  {w.reminders.planned.map((p) => (
                    <li class={p.past ? 'muted' : undefined}>
                      {p.label}
                      {p.past ? ` · ${t('pa.wave.sentPlanned')}` : ''}
                    </li>
                  ))}
                </ul>
              )}
              {w.reminders.lastManual && (
                <p class="muted">
                  {t('pa.wave.lastManual', {
                    when: w.reminders.lastManual.label,
                    n: w.reminders.lastManual.recipients,
                  })}
                </p>
              )}
              {w.state === 'open' && (
                <>
                  {w.reminders.nextManual && (
                    <p class="muted">{t('pa.wave.nextManual', { when: w.reminders.nextManual.label })}</p>
                  )}
                  <button
                    type="button"
                    class="primary block remind-now"
                    disabled={reminding.busy}
                    onClick={async () => {
                      setReminded(undefined);
                      const r = await reminding.run(() => api('POST', `/hr/waves/${w.id}/remind`, {}));
                      if (r) setReminded(r.sent);
                      reload();
                    }}
                  >
                    {t('pa.wave.remind')}
                  </button>
                  <p class="muted">{t('pa.wave.remindNote')}</p>
                </>
              )}
            </section>

            {w.state === 'open' && (
              <section class="card wave-close">
                {confirming ? (
                  <div class="confirm">
                    <p>{t('hr.close.confirm', { wave: w.id })}</p>
                    <button
                      type="button"
                      class="primary"
                      disabled={closing.busy}
                      onClick={async () => {
                        const r = await closing.run(() => api('POST', `/hr/waves/${w.id}/close`, {}));
                        setConfirming(false);
                        if (r) {
                          setClosed(true);
                          reload();
                        }
                      }}
                    >
                      {t('hr.close.yes')}
                    </button>{' '}
                    <button type="button" onClick={() => setConfirming(false)}>
                      {t('hr.close.cancel')}
                    </button>
                  </div>
                ) : (
                  <button type="button" class="block close-wave" onClick={() => setConfirming(true)}>
                    {t('hr.close.button')}
                  </button>
                )}
              </section>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}
