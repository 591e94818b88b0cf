// HR: when survey cards and reminders reach people (issue 23 item 5) — at a local hour in each person's own time
// zone, never in quiet hours or (if chosen) at the weekend, at most N reminders a week. Part of the settings page.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { t } from '../i18n/index.js';
import type { Answer } from '../../../src/contract/index.js';
import { Field, Loaded, Notice, useApi, useSubmit } from '../ui.js';

type Delivery = Answer<'GET /hr/settings/delivery'>;
type Saved = Answer<'PUT /hr/settings/delivery'>;
const HOURS = Array.from({ length: 24 }, (_, h) => h);
// Inputs are full-width in the shared styles; a checkbox keeps its own size.
const CHECK = { width: 'auto', minHeight: 0 };
const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

export function DeliveryTimesForm() {
  const [load] = useApi<Delivery>('/hr/settings/delivery');
  return <Loaded load={load}>{(d) => <Form d={d} />}</Loaded>;
}

function Form({ d }: { d: Delivery }) {
  const [localHour, setLocalHour] = useState(d.localHour === null ? '' : String(d.localHour));
  const [quiet, setQuiet] = useState(d.quietHours !== null);
  const [from, setFrom] = useState(String((d.quietHours ?? d.suggestedQuietHours).from));
  const [to, setTo] = useState(String((d.quietHours ?? d.suggestedQuietHours).to));
  const [weekends, setWeekends] = useState(d.skipWeekends);
  const [cap, setCap] = useState(String(d.weeklyReminderCap));
  const [zone, setZone] = useState(d.timeZone);
  const submit = useSubmit<Saved>();
  const [saved, setSaved] = useState(false);
  const hourSelect = (id: string, value: string, set: (v: string) => void) => (
    <select id={id} value={value} onChange={(e) => set(e.currentTarget.value)}>
      {HOURS.map((h) => (
        <option value={String(h)}>{hh(h)}</option>
      ))}
    </select>
  );
  return (
    <form
      class="card"
      id="delivery-times"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(false);
        const body = {
          localHour: localHour === '' ? null : Number(localHour),
          quietHours: quiet ? { from: Number(from), to: Number(to) } : null,
          skipWeekends: weekends,
          weeklyReminderCap: Number(cap),
          timeZone: zone.trim(),
        };
        // The form shows what was saved (quiet hours from 8 to 8 are none): no reload, which would redraw it.
        const r = await submit.run(() => api('PUT', '/hr/settings/delivery', body));
        if (r) {
          setSaved(true);
          setLocalHour(r.localHour === null ? '' : String(r.localHour));
          setQuiet(r.quietHours !== null);
          setWeekends(r.skipWeekends);
          setCap(String(r.weeklyReminderCap));
          setZone(r.timeZone);
        }
      }}
    >
      <h2>{t('deliveryTimes.title')}</h2>
      <p class="muted">{t('deliveryTimes.help')}</p>
      {saved && <Notice tone="success">{t('settings.saved')}</Notice>}
      {submit.error && Object.keys(submit.error.fields).length === 0 && (
        <Notice tone="error">{submit.error.message}</Notice>
      )}
      <Field id="dt-localHour" label={t('deliveryTimes.localHour')} error={submit.error?.fields.localHour}>
        <select id="dt-localHour" value={localHour} onChange={(e) => setLocalHour(e.currentTarget.value)}>
          <option value="">{t('deliveryTimes.whenDue')}</option>
          {HOURS.map((h) => (
            <option value={String(h)}>{hh(h)}</option>
          ))}
        </select>
      </Field>
      <label class="inline">
        <input
          id="dt-quiet"
          type="checkbox"
          style={CHECK}
          checked={quiet}
          onChange={(e) => setQuiet(e.currentTarget.checked)}
        />{' '}
        {t('deliveryTimes.quiet')}
      </label>
      {quiet && (
        <div class="row">
          <Field id="dt-quietFrom" label={t('deliveryTimes.quietFrom')} error={submit.error?.fields.quietHours}>
            {hourSelect('dt-quietFrom', from, setFrom)}
          </Field>
          <Field id="dt-quietTo" label={t('deliveryTimes.quietTo')}>
            {hourSelect('dt-quietTo', to, setTo)}
          </Field>
        </div>
      )}
      <label class="inline">
        <input
          id="dt-weekends"
          type="checkbox"
          style={CHECK}
          checked={weekends}
          onChange={(e) => setWeekends(e.currentTarget.checked)}
        />{' '}
        {t('deliveryTimes.weekends')}
      </label>
      <Field
        id="dt-cap"
        label={t('deliveryTimes.cap', { max: d.maximumCap })}
        error={submit.error?.fields.weeklyReminderCap}
      >
        <input
          id="dt-cap"
          type="number"
          inputMode="numeric"
          min={0}
          max={d.maximumCap}
          value={cap}
          onInput={(e) => setCap(e.currentTarget.value)}
        />
      </Field>
      <Field id="dt-zone" label={t('deliveryTimes.zone')} error={submit.error?.fields.timeZone}>
        <input
          id="dt-zone"
          type="text"
          autocomplete="off"
          value={zone}
          onInput={(e) => setZone(e.currentTarget.value)}
        />
      </Field>
      <p class="muted">{t('deliveryTimes.zoneHelp')}</p>
      <button type="submit" class="primary" disabled={submit.busy}>
        {t('save')}
      </button>
    </form>
  );
}
