// HR: recurring pulse schedules — each with its next runs in the company's time zone, pause / resume;
// and a new one from a preset or a free cron expression, previewed by the server before it is saved.
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { locale, t } from '../../i18n/index.js';
import { Field, forbiddenOf, ForbiddenPage, Loaded, Notice, Page, useApi, useSubmit } from '../../ui.js';
import type { Answer } from '../../../../src/contract/index.js';
import type { SchedulesAnswer } from './types.js';

const PRESETS = [
  ['weekly', '0 10 * * 1'],
  ['monthly', '0 10 1 * *'],
  ['quarterly', '0 10 1 1,4,7,10 *'],
] as const;
type Preset = (typeof PRESETS)[number][0] | 'custom';

/** A run time as people read it, in the schedule's time zone (not the phone's). */
function when(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale(), {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

/** "3, 5" → [3, 5]; anything else is sent as is for the server to name at the field. */
function days(s: string): (number | string)[] {
  return s
    .split(/[\s,，、]+/)
    .filter(Boolean)
    .map((x) => (/^\d+$/.test(x) ? Number(x) : x));
}

export function Schedules() {
  const [load, reload] = useApi<SchedulesAnswer>('/hr/schedules');
  const [form, setForm] = useState({
    templateId: '',
    preset: 'weekly' as Preset,
    cron: PRESETS[0][1] as string,
    audienceUnitId: '',
    durationDays: '5',
    reminderDays: '3',
    /** '' : the whole template each wave; '3'–'5': the short weekly format. */
    shortSize: '',
  });
  const [preview, setPreview] = useState<{ timezone: string; runs: string[] }>();
  const [saved, setSaved] = useState<number>();
  const previewing = useSubmit<Answer<'GET /hr/schedules/preview'>>();
  const submit = useSubmit<Answer<'POST /hr/schedules'>>();
  const toggle = useSubmit<Answer<'POST /hr/schedules/:id/active'>>();
  const errors = { ...previewing.error?.fields, ...submit.error?.fields };
  const fieldOf = (name: string) => errors[name] ?? Object.entries(errors).find(([k]) => k.startsWith(`${name}.`))?.[1];

  const forbidden = forbiddenOf(load);
  if (forbidden) return <ForbiddenPage title={t('pa.nav.schedules')} error={forbidden} />;

  const runPreview = async (cron: string) => {
    setPreview(undefined);
    const r = await previewing.run(() =>
      api('GET', `/hr/schedules/preview?${new URLSearchParams({ cron }).toString()}`),
    );
    if (r) setPreview(r);
  };

  return (
    <Page title={t('pa.nav.schedules')}>
      {saved !== undefined && <Notice tone="success">{t('pa.sch.saved', { id: saved })}</Notice>}
      {toggle.error && <Notice tone="error">{toggle.error.message}</Notice>}
      <Loaded load={load}>
        {(data) => (
          <>
            {data.schedules.length === 0 && <p class="muted">{t('pa.sch.none')}</p>}
            <ul class="list schedules">
              {data.schedules.map((s) => (
                <li class="card" data-schedule={s.id} data-active={String(s.active)}>
                  <div class="row spread">
                    <strong>
                      #{s.id} {s.template.name}
                    </strong>
                    <span class={`badge ${s.active ? 'approved' : 'cancelled'}`}>
                      {s.active ? t('pa.sch.active') : t('pa.sch.paused')}
                    </span>
                  </div>
                  <p>
                    <code>{s.cron}</code> <span class="muted">({s.timezone})</span>
                  </p>
                  <p class="muted">
                    {t('pa.sch.details', {
                      unit: s.unit ?? t('pa.sch.everyone'),
                      days: s.durationDays,
                      reminders: s.reminderDays.join(', ') || '—',
                    })}
                  </p>
                  {s.short && (
                    <p class="muted">
                      {t('pa.sch.shortDetails', { size: s.short.size, items: s.short.items, cycle: s.short.cycle })}
                    </p>
                  )}
                  {s.nextRuns.length > 0 && (
                    <ul class="next-runs">
                      {s.nextRuns.map((r) => (
                        <li>{when(r, s.timezone)}</li>
                      ))}
                    </ul>
                  )}
                  <p class="muted">
                    {s.lastRun ? t('pa.sch.lastRun', { at: when(s.lastRun, s.timezone) }) : t('pa.sch.neverRun')}
                  </p>
                  <button
                    type="button"
                    disabled={toggle.busy}
                    onClick={async () => {
                      if (await toggle.run(() => api('POST', `/hr/schedules/${s.id}/active`, { active: !s.active })))
                        reload();
                    }}
                  >
                    {s.active ? t('pa.sch.pause') : t('pa.sch.resume')}
                  </button>
                </li>
              ))}
            </ul>
            <form
              class="card"
              noValidate
              onSubmit={async (e) => {
                e.preventDefault();
                const templateId = Number(form.templateId || data.templates[0]?.id);
                const body = {
                  templateId,
                  cron: form.cron,
                  audienceUnitId: form.audienceUnitId ? Number(form.audienceUnitId) : null,
                  durationDays: Number(form.durationDays),
                  reminderDays: days(form.reminderDays),
                  shortSize: form.shortSize ? Number(form.shortSize) : null,
                };
                const r = await submit.run(() => api('POST', '/hr/schedules', body));
                if (r) {
                  setSaved(r.id);
                  setPreview(undefined);
                  reload();
                }
              }}
            >
              <h2>{t('pa.sch.new')}</h2>
              <Field id="templateId" label={t('pa.sch.template')} error={errors.templateId}>
                <select
                  id="templateId"
                  value={form.templateId}
                  onChange={(e) => setForm((f) => ({ ...f, templateId: e.currentTarget.value }))}
                >
                  {data.templates.map((x) => (
                    <option value={String(x.id)}>{`#${x.id} ${x.name}`}</option>
                  ))}
                </select>
              </Field>
              <Field id="preset" label={t('pa.sch.preset')}>
                <select
                  id="preset"
                  value={form.preset}
                  onChange={(e) => {
                    const preset = e.currentTarget.value as Preset;
                    const cron = PRESETS.find(([p]) => p === preset)?.[1] ?? form.cron;
                    setForm((f) => ({ ...f, preset, cron }));
                    if (preset !== 'custom') void runPreview(cron);
                  }}
                >
                  {PRESETS.map(([p]) => (
                    <option value={p}>{t(`pa.sch.preset.${p}`)}</option>
                  ))}
                  <option value="custom">{t('pa.sch.preset.custom')}</option>
                </select>
              </Field>
              <Field id="cron" label={t('pa.sch.cron')} error={errors.cron}>
                <input
                  id="cron"
                  value={form.cron}
                  autoCapitalize="off"
                  onInput={(e) => setForm((f) => ({ ...f, cron: e.currentTarget.value, preset: 'custom' }))}
                />
              </Field>
              <button type="button" disabled={previewing.busy} onClick={() => void runPreview(form.cron)}>
                {t('pa.sch.preview')}
              </button>
              {preview && (
                <div class="preview">
                  <p class="muted">{t('pa.sch.nextRuns', { tz: preview.timezone })}</p>
                  <ul class="next-runs preview-runs">
                    {preview.runs.map((r) => (
                      <li>{when(r, preview.timezone)}</li>
                    ))}
                  </ul>
                </div>
              )}
              <Field id="audienceUnitId" label={t('pa.sch.audience')} error={errors.audienceUnitId}>
                <select
                  id="audienceUnitId"
                  value={form.audienceUnitId}
                  onChange={(e) => setForm((f) => ({ ...f, audienceUnitId: e.currentTarget.value }))}
                >
                  <option value="">{t('pa.sch.everyone')}</option>
                  {data.units.map((u) => (
                    <option value={String(u.id)}>{u.path}</option>
                  ))}
                </select>
              </Field>
              <Field id="shortSize" label={t('pa.sch.format')} error={errors.shortSize}>
                <select
                  id="shortSize"
                  value={form.shortSize}
                  onChange={(e) => setForm((f) => ({ ...f, shortSize: e.currentTarget.value }))}
                >
                  <option value="">{t('pa.sch.format.full')}</option>
                  {['3', '4', '5'].map((n) => (
                    <option value={n}>{t('pa.sch.format.short', { size: n })}</option>
                  ))}
                </select>
              </Field>
              <div class="row">
                <Field id="durationDays" label={t('pa.sch.duration')} error={errors.durationDays}>
                  <input
                    id="durationDays"
                    type="number"
                    inputMode="numeric"
                    value={form.durationDays}
                    onInput={(e) => setForm((f) => ({ ...f, durationDays: e.currentTarget.value }))}
                  />
                </Field>
                <Field id="reminderDays" label={t('pa.sch.reminders')} error={fieldOf('reminderDays')}>
                  <input
                    id="reminderDays"
                    value={form.reminderDays}
                    onInput={(e) => setForm((f) => ({ ...f, reminderDays: e.currentTarget.value }))}
                  />
                </Field>
              </div>
              <button type="submit" class="primary" disabled={submit.busy}>
                {t('pa.sch.save')}
              </button>
            </form>
          </>
        )}
      </Loaded>
    </Page>
  );
}
