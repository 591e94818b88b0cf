// HR: launch a pulse survey to everyone or one unit (with its subtree) — the confirmation says when
// reminders go out — see the waves so far with their state, open a wave's page (participation by unit,
// remind now), and close one early — which publishes its results (an open wave has none).
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { formatDateTime, locale, t } from '../i18n/index.js';
import type { Answer } from '../../../src/contract/index.js';
import { Field, forbiddenOf, ForbiddenPage, Loaded, Notice, Page, useApi, useSubmit } from '../ui.js';

/** POST /api/hr/waves: the wave, how many were asked, who no platform reached (not asked, not counted: who,
 *  and why with what to fix, worded by the server) and the planned reminders (formatted by the server). */
type Launched = Answer<'POST /hr/waves'>;

export function HrLaunch() {
  const [options] = useApi<Answer<'GET /hr/launch-options'>>('/hr/launch-options');
  const [waves, reloadWaves] = useApi<Answer<'GET /hr/waves'>>('/hr/waves');
  const [form, setForm] = useState({ templateId: '', audienceUnitId: '', days: '7' });
  const [launched, setLaunched] = useState<Launched>();
  const submit = useSubmit<Launched>();
  const closing = useSubmit<Answer<'POST /hr/waves/:id/close'>>();
  const [confirming, setConfirming] = useState<number>();
  const [closed, setClosed] = useState<number>();
  const errors = submit.error?.fields ?? {};
  const forbidden = forbiddenOf(options, waves);
  if (forbidden) return <ForbiddenPage title={t('hr.launch.title')} error={forbidden} />;
  return (
    <Page title={t('hr.launch.title')}>
      {launched && (
        <Notice tone="success">
          {t('hr.launch.done', { wave: launched.waveId, asked: launched.asked })}{' '}
          <a href={`/app/hr/waves/${launched.waveId}`}>{t('pa.wave.title', { id: launched.waveId })}</a>
          {launched.unreachable && launched.unreachable.length > 0 && (
            <div class="launch-unreachable">
              <p>
                <strong>{t('hr.launch.unreachable', { count: launched.unreachable.length })}</strong>
              </p>
              <ul>
                {launched.unreachable.map((u) => (
                  <li key={u.employeeId}>
                    <strong>{u.name}</strong> — {u.text}
                  </li>
                ))}
              </ul>
              <p>{t('hr.launch.unreachableNote')}</p>
            </div>
          )}
          {launched.reminders.length > 0 && (
            <p class="launch-reminders">
              {t('pa.launch.reminders', {
                times: new Intl.ListFormat(locale(), { type: 'conjunction' }).format(
                  launched.reminders.map((r) => r.label),
                ),
              })}
            </p>
          )}
          {(['onLeave', 'held', 'notInTime'] as const)
            .filter((k) => launched.delivery[k] > 0)
            .map((k) => (
              <p class="launch-delivery" data-delivery={k}>
                {t(`deliveryTimes.launch.${k}`, { count: launched.delivery[k] })}
              </p>
            ))}
        </Notice>
      )}
      <Loaded load={options}>
        {(o) => (
          <form
            class="card"
            noValidate
            onSubmit={async (e) => {
              e.preventDefault();
              const templateId = Number(form.templateId || o.templates[0]?.id || 0);
              const r = await submit.run(() =>
                api('POST', '/hr/waves', {
                  templateId,
                  audienceUnitId: form.audienceUnitId ? Number(form.audienceUnitId) : null,
                  days: Number(form.days),
                }),
              );
              if (r) {
                setLaunched(r);
                reloadWaves();
              }
            }}
          >
            <Field id="templateId" label={t('hr.launch.template')} error={errors.templateId}>
              <select
                id="templateId"
                value={form.templateId || String(o.templates[0]?.id ?? '')}
                onChange={(e) => setForm((f) => ({ ...f, templateId: e.currentTarget.value }))}
              >
                {o.templates.map((x) => (
                  <option value={String(x.id)}>{x.name}</option>
                ))}
              </select>
            </Field>
            <Field id="audienceUnitId" label={t('hr.launch.audience')} error={errors.audienceUnitId}>
              <select
                id="audienceUnitId"
                value={form.audienceUnitId}
                onChange={(e) => setForm((f) => ({ ...f, audienceUnitId: e.currentTarget.value }))}
              >
                <option value="">{t('hr.launch.everyone')}</option>
                {o.units.map((u) => (
                  <option value={String(u.id)}>{u.path}</option>
                ))}
              </select>
            </Field>
            <Field id="days" label={t('hr.launch.days')} error={errors.days}>
              <input
                id="days"
                type="number"
                min={1}
                max={60}
                value={form.days}
                onInput={(e) => setForm((f) => ({ ...f, days: e.currentTarget.value }))}
              />
            </Field>
            {submit.error && <Notice tone="error">{submit.error.message}</Notice>}
            <button type="submit" class="primary block" disabled={submit.busy}>
              {t('hr.launch.submit')}
            </button>
          </form>
        )}
      </Loaded>
      <h2>{t('hr.waves')}</h2>
      {closed !== undefined && (
        <Notice tone="success">
          {t('hr.close.done', { wave: closed })} <a href={`/app/hr/report?wave=${closed}`}>{t('nav.report')}</a>
        </Notice>
      )}
      {closing.error && <Notice tone="error">{closing.error.message}</Notice>}
      <Loaded load={waves}>
        {(w) =>
          w.waves.length === 0 ? (
            <p class="muted">{t('hr.noWaves')}</p>
          ) : (
            <ul class="list waves">
              {w.waves.map((x) => (
                <li class="card" data-wave={x.id} data-state={x.state}>
                  <div class="row spread">
                    <a href={`/app/hr/waves/${x.id}`}>
                      #{x.id} {x.title}
                    </a>
                    <span class={`badge ${x.state === 'open' ? 'pending' : 'approved'}`}>
                      {t(`pa.waves.${x.state}`)}
                    </span>
                  </div>
                  <small class="muted">
                    {formatDateTime(x.openedAt)} → {formatDateTime(x.closesAt)} · {x.answered}/{x.asked} ·{' '}
                    <a href={`/app/hr/report?wave=${x.id}`}>{t('nav.report')}</a>
                  </small>
                  {!x.closed &&
                    (confirming === x.id ? (
                      <div class="confirm" data-wave={x.id}>
                        <p>{t('hr.close.confirm', { wave: x.id })}</p>
                        <button
                          type="button"
                          class="primary"
                          disabled={closing.busy}
                          onClick={async () => {
                            const r = await closing.run(() => api('POST', `/hr/waves/${x.id}/close`, {}));
                            setConfirming(undefined);
                            if (r) {
                              setClosed(x.id);
                              reloadWaves();
                            }
                          }}
                        >
                          {t('hr.close.yes')}
                        </button>{' '}
                        <button type="button" onClick={() => setConfirming(undefined)}>
                          {t('hr.close.cancel')}
                        </button>
                      </div>
                    ) : (
                      <button type="button" class="close-wave" data-wave={x.id} onClick={() => setConfirming(x.id)}>
                        {t('hr.close.button')}
                      </button>
                    ))}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </Page>
  );
}
