// "Other requests" (issue 24): the request kinds HR defined as forms, and one kind's form — text, a number with
// its unit, a date, a choice, a person and a unit picked from lists. The server checks every value again and
// answers a wrong one at its field; the request page opens once it is submitted.
import type { Answer } from '../../../src/contract/index.js';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { locale, t } from '../i18n/index.js';
import { navigate } from '../router.js';
import { Field, Loaded, Notice, Page, useApi, useSubmit } from '../ui.js';

type Kinds = Answer<'GET /request-kinds'>;
type Kind = Kinds['kinds'][number];
type FormFieldDef = Kind['fields'][number];

export function FormKinds() {
  const [load] = useApi<Kinds>('/request-kinds');
  return (
    <Page title={t('ff.kinds.title')}>
      <p class="muted">{t('ff.kinds.intro')}</p>
      <Loaded load={load}>
        {({ kinds }) =>
          kinds.length === 0 ? (
            <Notice tone="info">{t('ff.kinds.none')}</Notice>
          ) : (
            <ul class="list" id="request-kinds">
              {kinds.map((k) => (
                <li class="card" data-kind={k.key}>
                  <a href={`/app/apply/${k.key}`}>{k.name}</a>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </Page>
  );
}

export function FormRequest({ kindKey }: { kindKey: string }) {
  const [load] = useApi<Kinds>('/request-kinds');
  const kind = load.state === 'ok' ? load.data.kinds.find((k) => k.key === kindKey) : undefined;
  return (
    <Page title={kind?.name ?? t('ff.kinds.title')}>
      <p>
        <a href="/app/apply">← {t('ff.kinds.title')}</a>
      </p>
      <Loaded load={load}>
        {(d) => {
          const k = d.kinds.find((x) => x.key === kindKey);
          return k ? (
            <KindForm kind={k} people={d.people} units={d.units} />
          ) : (
            <Notice tone="error">{t('error.notFound')}</Notice>
          );
        }}
      </Loaded>
    </Page>
  );
}

function KindForm({ kind, people, units }: { kind: Kind; people: Kinds['people']; units: Kinds['units'] }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const submit = useSubmit<Answer<'POST /requests/form'>>();
  const errors = submit.error?.fields ?? {};
  const set = (key: string, value: string) => setValues((v) => ({ ...v, [key]: value }));
  return (
    <form
      id="request-form"
      data-kind={kind.key}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        // Numbers, people and units go as numbers; blanks as null (the server says which are required).
        const body: Record<string, string | number | null> = {};
        for (const f of kind.fields) {
          const v = (values[f.key] ?? '').trim();
          body[f.key] =
            v === ''
              ? null
              : (f.type === 'number' || f.type === 'person' || f.type === 'unit') && !Number.isNaN(Number(v))
                ? Number(v)
                : v;
        }
        const r = await submit.run(() => api('POST', '/requests/form', { flowKey: kind.key, values: body }));
        if (r) navigate(`/requests/${r.id}?submitted=1`);
      }}
    >
      {kind.fields.map((f) => (
        <FormInput
          field={f}
          value={values[f.key] ?? ''}
          error={errors[f.key]}
          people={people}
          units={units}
          onInput={(v) => set(f.key, v)}
        />
      ))}
      {submit.error && !Object.keys(errors).length && <Notice tone="error">{submit.error.message}</Notice>}
      <button type="submit" class="primary block" disabled={submit.busy}>
        {t('ff.submit')}
      </button>
    </form>
  );
}

function FormInput({
  field: f,
  value,
  error,
  people,
  units,
  onInput,
}: {
  field: FormFieldDef;
  value: string;
  error: string | undefined;
  people: Kinds['people'];
  units: Kinds['units'];
  onInput: (v: string) => void;
}) {
  const id = `ff-${f.key}`;
  const label = `${f.label[locale()]}${f.type === 'number' && f.unit ? ` (${f.unit})` : ''}${f.required ? '' : ` ${t('ff.optional')}`}`;
  const pick = (e: { currentTarget: { value: string } }) => onInput(e.currentTarget.value);
  return (
    <Field id={id} label={label} error={error}>
      {f.type === 'text' ? (
        <textarea id={id} value={value} maxLength={1000} rows={2} onInput={pick} />
      ) : f.type === 'number' ? (
        <input id={id} type="text" inputMode="decimal" value={value} onInput={pick} />
      ) : f.type === 'date' ? (
        <input id={id} type="date" value={value} onInput={pick} />
      ) : f.type === 'choice' ? (
        <select id={id} value={value} onChange={pick}>
          <option value="">{t('choose')}</option>
          {(f.options ?? []).map((o) => (
            <option value={o.value}>{o.label[locale()]}</option>
          ))}
        </select>
      ) : f.type === 'person' ? (
        <select id={id} value={value} onChange={pick}>
          <option value="">{t('choose')}</option>
          {people.map((p) => (
            <option value={String(p.id)}>{p.name}</option>
          ))}
        </select>
      ) : (
        <select id={id} value={value} onChange={pick}>
          <option value="">{t('choose')}</option>
          {units
            .filter((u) => !f.unitKind || u.kind === f.unitKind)
            .map((u) => (
              <option value={String(u.id)}>{u.name}</option>
            ))}
        </select>
      )}
    </Field>
  );
}
