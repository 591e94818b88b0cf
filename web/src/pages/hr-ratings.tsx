// HR: rating cycles — open one (scheme, unit, days; raters get their chat cards), close one (what is missing
// is shown first and needs a confirmation; results are announced to each person), each cycle's page, the list — the trend across cycles by unit, and the course catalogue below.
import type { Answer } from '../../../src/contract/index.js';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { formatDateTime, t } from '../i18n/index.js';
import { Field, forbiddenOf, ForbiddenPage, Loaded, Notice, Page, useApi, useSubmit } from '../ui.js';
import { HrCourses } from './hr-courses.js';
import { CloseCycle } from './hr-rating-cycle.js';
import { RatingsTrend } from './flows-schemes/ratings-trend.js';

const EMPTY = { scheme: '', unitId: '', days: '14' };

export function HrRatings() {
  const [load, reload] = useApi<Answer<'GET /hr/ratings'>>('/hr/ratings');
  const [form, setForm] = useState(EMPTY);
  const [done, setDone] = useState<string>();
  const open = useSubmit<Answer<'POST /hr/ratings/cycles'>>();
  const errors = open.error?.fields ?? {};
  const set = (k: keyof typeof EMPTY) => (e: { currentTarget: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.currentTarget.value }));
  const forbidden = forbiddenOf(load);
  if (forbidden) return <ForbiddenPage title={t('nav.hrRatings')} error={forbidden} />;
  return (
    <Page title={t('nav.hrRatings')}>
      {done && <Notice tone="success">{done}</Notice>}
      <Loaded load={load}>
        {({ schemes, units, cycles }) => (
          <>
            <section class="card" id="cycles">
              <h2>{t('hrRatings.cycles')}</h2>
              {cycles.length === 0 && <p class="muted">{t('hrRatings.none')}</p>}
              <ul class="list">
                {cycles.map((c) => (
                  <li class="row spread" data-cycle={c.id}>
                    <span>
                      <strong>#{c.id}</strong> {c.scheme} · {c.unit}
                      <br />
                      <span class="muted">
                        {c.closedAt
                          ? t('hrRatings.closedOn', { date: formatDateTime(c.closedAt) })
                          : t('hrRatings.openUntil', { date: formatDateTime(c.closesAt) })}
                      </span>
                    </span>
                    <span class="row">
                      <a href={`/app/hr/ratings/${c.id}`}>{t('x.rt.cycle.details')}</a>
                      {!c.closedAt && (
                        <CloseCycle
                          cycleId={c.id}
                          label={t('hrRatings.close')}
                          onClosed={(r) => {
                            const leftOut = r.leftOut.length
                              ? ` ${t('x.rt.close.leftOut', { dims: r.leftOut.map((d) => d.name).join(', ') })}`
                              : '';
                            setDone(
                              t('hrRatings.closed', { id: r.id, people: r.people, recs: r.recommendations }) + leftOut,
                            );
                            reload();
                          }}
                        />
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
            <form
              class="card"
              id="open-cycle"
              noValidate
              onSubmit={async (e) => {
                e.preventDefault();
                const r = await open.run(() =>
                  api('POST', '/hr/ratings/cycles', {
                    scheme: form.scheme,
                    unitId: Number(form.unitId) || 0,
                    days: Number(form.days) || 0,
                  }),
                );
                if (r) {
                  setDone(t('hrRatings.opened', { id: r.id, raters: r.raters }));
                  setForm(EMPTY);
                  reload();
                }
              }}
            >
              <h2>{t('hrRatings.open')}</h2>
              {open.error && !Object.keys(errors).length && <Notice tone="error">{open.error.message}</Notice>}
              <Field id="scheme" label={t('hrRatings.scheme')} error={errors.scheme}>
                <select id="scheme" value={form.scheme} onChange={set('scheme')}>
                  <option value="">{t('choose')}</option>
                  {schemes.map((s) => (
                    <option value={s.key}>
                      {s.name} ({s.dimensions.join(' · ')})
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="unitId" label={t('hrRatings.unit')} error={errors.unitId}>
                <select id="unitId" value={form.unitId} onChange={set('unitId')}>
                  <option value="">{t('choose')}</option>
                  {units.map((u) => (
                    <option value={String(u.id)}>{u.path || u.name}</option>
                  ))}
                </select>
              </Field>
              <Field id="days" label={t('hrRatings.days')} error={errors.days}>
                <input
                  id="days"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={90}
                  value={form.days}
                  onInput={set('days')}
                />
              </Field>
              <button type="submit" class="primary" disabled={open.busy}>
                {t('hrRatings.openButton')}
              </button>
            </form>
          </>
        )}
      </Loaded>
      {load.state === 'ok' && <RatingsTrend units={load.data.units} />}
      {load.state === 'ok' && <HrCourses />}
    </Page>
  );
}
