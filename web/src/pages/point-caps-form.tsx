// HR's caps on point claims (a section of the settings page): per person and per value tag, per day and per
// month. An empty box is no cap; zero or below is refused by the server at its field.
import { useState } from 'preact/hooks';
import type { Answer } from '../../../src/contract/index.js';
import { api } from '../api.js';
import { t } from '../i18n/index.js';
import { Field, Loaded, Notice, useApi, useSubmit } from '../ui.js';

type Caps = Answer<'GET /hr/settings/point-caps'>;
interface Row {
  tagId: string;
  day: string;
  month: string;
}

const asText = (n: number | null) => (n === null ? '' : String(n));
// Empty is "no cap"; anything else is sent as typed (a number, or NaN → refused by the server at its field).
const asCap = (s: string) => (s.trim() === '' ? null : Number(s));

export function PointCapsForm() {
  const [load] = useApi<Caps>('/hr/settings/point-caps');
  return <Loaded load={load}>{(c) => <CapsEditor caps={c} />}</Loaded>;
}

function CapsEditor({ caps }: { caps: Caps }) {
  const [person, setPerson] = useState({ day: asText(caps.caps.person.day), month: asText(caps.caps.person.month) });
  const [rows, setRows] = useState<Row[]>(
    caps.caps.tags.map((r) => ({ tagId: String(r.tagId), day: asText(r.day), month: asText(r.month) })),
  );
  const submit = useSubmit<Answer<'PUT /hr/settings/point-caps'>>();
  const [done, setDone] = useState(false);
  const fields = submit.error?.fields ?? {};
  const setRow = (i: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const number = (id: string, label: string, value: string, set: (v: string) => void, error?: string) => (
    <Field id={id} label={label} error={error}>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={caps.maximum}
        value={value}
        onInput={(e) => set(e.currentTarget.value)}
      />
    </Field>
  );
  return (
    <form
      class="card"
      id="point-caps"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setDone(false);
        const body = {
          person: { day: asCap(person.day), month: asCap(person.month) },
          tags: rows.map((r) => ({ tagId: Number(r.tagId), day: asCap(r.day), month: asCap(r.month) })),
        };
        const r = await submit.run(() => api('PUT', '/hr/settings/point-caps', body));
        if (r) {
          // What was kept (rows with no cap at all are dropped by the server).
          setRows(r.caps.tags.map((x) => ({ tagId: String(x.tagId), day: asText(x.day), month: asText(x.month) })));
          setDone(true);
        }
      }}
    >
      <h2>{t('caps.title')}</h2>
      <p class="muted">{t('caps.help')}</p>
      {done && <Notice tone="success">{t('caps.saved')}</Notice>}
      {submit.error && Object.keys(fields).length === 0 && <Notice tone="error">{submit.error.message}</Notice>}
      <fieldset>
        <legend>{t('caps.anyTag')}</legend>
        {number(
          'cap-person-day',
          t('caps.day'),
          person.day,
          (v) => setPerson((p) => ({ ...p, day: v })),
          fields['person.day'],
        )}
        {number(
          'cap-person-month',
          t('caps.month'),
          person.month,
          (v) => setPerson((p) => ({ ...p, month: v })),
          fields['person.month'],
        )}
      </fieldset>
      {rows.map((r, i) => (
        <fieldset>
          <legend>{caps.tags.find((x) => String(x.id) === r.tagId)?.name ?? t('caps.tag')}</legend>
          <Field id={`cap-tag-${i}`} label={t('caps.tag')} error={fields[`tags.${i}.tagId`]}>
            <select id={`cap-tag-${i}`} value={r.tagId} onChange={(e) => setRow(i, { tagId: e.currentTarget.value })}>
              {caps.tags.map((x) => (
                <option value={String(x.id)}>{x.name}</option>
              ))}
            </select>
          </Field>
          {number(`cap-tag-${i}-day`, t('caps.day'), r.day, (v) => setRow(i, { day: v }), fields[`tags.${i}.day`])}
          {number(
            `cap-tag-${i}-month`,
            t('caps.month'),
            r.month,
            (v) => setRow(i, { month: v }),
            fields[`tags.${i}.month`],
          )}
          <button type="button" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
            {t('caps.remove')}
          </button>
        </fieldset>
      ))}
      <div class="row wrap">
        {caps.tags.length > 0 && (
          <button
            type="button"
            onClick={() => setRows((rs) => [...rs, { tagId: String(caps.tags[0]!.id), day: '', month: '' }])}
          >
            {t('caps.addTag')}
          </button>
        )}
        <button type="submit" class="primary" disabled={submit.busy}>
          {t('save')}
        </button>
      </div>
    </form>
  );
}
