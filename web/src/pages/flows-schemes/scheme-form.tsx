// The new-scheme form: dimension rows (key, names, weight, scale or indicator with its range, rater rule),
// a live "weights total = N / 100", and the server's errors at each field in the viewer's language.
import type { Answer } from '../../../../src/contract/index.js';
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { t } from '../../i18n/index.js';
import { CHECK_BOX, CHECK_LABEL } from './check-style.js';
import { Field, Notice, useSubmit } from '../../ui.js';
import { blankDim, toBody, weightsTotal, type DimForm, type SchemeForm } from './scheme-types.js';

type Input = { currentTarget: { value: string } };

export function SchemeFormCard({
  initial,
  from,
  people,
  onCreated,
}: {
  initial: SchemeForm;
  from: string;
  people: { email: string; name: string }[];
  onCreated: (key: string) => void;
}) {
  const [form, setForm] = useState(initial);
  const submit = useSubmit<Answer<'POST /hr/schemes'>>();
  const errors = submit.error?.fields ?? {};
  const total = weightsTotal(form);
  const set = (k: 'key' | 'nameZh' | 'nameEn') => (e: Input) => setForm((f) => ({ ...f, [k]: e.currentTarget.value }));
  const setDim = (i: number, patch: Partial<DimForm>) =>
    setForm((f) => ({ ...f, dims: f.dims.map((d, j) => (j === i ? { ...d, ...patch } : d)) }));
  const dimVal = (i: number, k: keyof DimForm) => (e: Input) =>
    setDim(i, { [k]: e.currentTarget.value } as Partial<DimForm>);
  const err = (i: number, f: string) =>
    Object.entries(errors).find(([k]) => k === `dimensions.${i}.${f}` || k.startsWith(`dimensions.${i}.${f}.`))?.[1];
  return (
    <form
      class="card"
      id="new-scheme"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await submit.run(() => api('POST', '/hr/schemes', toBody(form)));
        if (r) onCreated(r.key);
      }}
    >
      <h2>{t('x.fs.schemes.new')}</h2>
      {from && <p class="muted">{t('x.fs.schemes.copyOf', { name: from })}</p>}
      {submit.error && <Notice tone="error">{submit.error.message}</Notice>}
      <Field id="scheme-key" label={t('x.fs.schemes.key')} error={errors.key}>
        <input
          id="scheme-key"
          value={form.key}
          onInput={set('key')}
          maxLength={32}
          autoCapitalize="off"
          placeholder="store-2027"
        />
      </Field>
      <div class="row">
        <Field id="scheme-nameZh" label={t('x.fs.schemes.nameZh')} error={errors['name.zh-CN']}>
          <input id="scheme-nameZh" value={form.nameZh} onInput={set('nameZh')} maxLength={40} />
        </Field>
        <Field id="scheme-nameEn" label={t('x.fs.schemes.nameEn')} error={errors['name.en']}>
          <input id="scheme-nameEn" value={form.nameEn} onInput={set('nameEn')} maxLength={60} />
        </Field>
      </div>
      {form.dims.map((d, i) => {
        const id = (f: string) => `dim-${i}-${f}`;
        return (
          <fieldset class="dimension" data-dimension={i}>
            <legend>{t('x.fs.schemes.dimension', { n: i + 1 })}</legend>
            <div class="row">
              <Field id={id('key')} label={t('x.fs.schemes.dimKey')} error={err(i, 'key')}>
                <input id={id('key')} value={d.key} onInput={dimVal(i, 'key')} maxLength={32} autoCapitalize="off" />
              </Field>
              <Field id={id('weight')} label={t('x.fs.schemes.weight')} error={err(i, 'weight')}>
                <input
                  id={id('weight')}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={100}
                  value={d.weight}
                  onInput={dimVal(i, 'weight')}
                />
              </Field>
            </div>
            <div class="row">
              <Field id={id('nameZh')} label={t('x.fs.schemes.nameZh')} error={err(i, 'name.zh-CN')}>
                <input id={id('nameZh')} value={d.nameZh} onInput={dimVal(i, 'nameZh')} maxLength={40} />
              </Field>
              <Field id={id('nameEn')} label={t('x.fs.schemes.nameEn')} error={err(i, 'name.en')}>
                <input id={id('nameEn')} value={d.nameEn} onInput={dimVal(i, 'nameEn')} maxLength={60} />
              </Field>
            </div>
            <div class="row">
              <Field id={id('kind')} label={t('x.fs.schemes.kind')} error={err(i, 'kind')}>
                <select
                  id={id('kind')}
                  value={d.kind}
                  onChange={(e) => {
                    const kind = e.currentTarget.value === 'indicator' ? 'indicator' : 'scale';
                    // Indicators are imported and only indicators are: keep the rater rule consistent.
                    setDim(i, {
                      kind,
                      rater: kind === 'indicator' ? 'import' : d.rater === 'import' ? 'manager' : d.rater,
                    });
                  }}
                >
                  <option value="scale">{t('x.fs.schemes.scale')}</option>
                  <option value="indicator">{t('x.fs.schemes.indicator')}</option>
                </select>
              </Field>
              <Field id={id('rater')} label={t('x.fs.schemes.rater')} error={err(i, 'rater')}>
                <select id={id('rater')} value={d.rater} onChange={dimVal(i, 'rater')}>
                  {(['manager', 'unitHead', 'person', 'import'] as const).map((r) => (
                    <option value={r}>{t(`x.fs.rater.${r}`)}</option>
                  ))}
                </select>
              </Field>
              {d.rater === 'person' && (
                <Field id={id('email')} label={t('x.fs.schemes.person')} error={err(i, 'rater.email')}>
                  <select id={id('email')} value={d.email} onChange={dimVal(i, 'email')}>
                    <option value="">{t('choose')}</option>
                    {people.map((p) => (
                      <option value={p.email}>{p.name}</option>
                    ))}
                  </select>
                </Field>
              )}
            </div>
            {d.kind === 'indicator' && (
              <div class="row">
                <Field
                  id={id('min')}
                  label={t('x.fs.schemes.min')}
                  error={err(i, 'indicator.min') ?? err(i, 'indicator')}
                >
                  <input id={id('min')} type="number" value={d.min} onInput={dimVal(i, 'min')} />
                </Field>
                <Field id={id('max')} label={t('x.fs.schemes.max')} error={err(i, 'indicator.max')}>
                  <input id={id('max')} type="number" value={d.max} onInput={dimVal(i, 'max')} />
                </Field>
                <label class="check" style={CHECK_LABEL}>
                  <input
                    type="checkbox"
                    style={CHECK_BOX}
                    id={id('higher')}
                    checked={d.higherIsBetter}
                    onChange={(e) => setDim(i, { higherIsBetter: e.currentTarget.checked })}
                  />{' '}
                  {t('x.fs.schemes.higherIsBetter')}
                </label>
              </div>
            )}
            <button
              type="button"
              data-action="remove"
              disabled={form.dims.length <= 1}
              onClick={() => setForm((f) => ({ ...f, dims: f.dims.filter((_, j) => j !== i) }))}
            >
              {t('x.fs.schemes.removeDimension')}
            </button>
          </fieldset>
        );
      })}
      <div class={`field${errors.weights ? ' invalid' : ''}`} data-field="weights">
        <p id="weights-total" data-total={total} class={total === 100 ? '' : 'ferr'}>
          {t('x.fs.schemes.total', { total })}
        </p>
        {errors.weights && (
          <p class="ferr" id="weights-error">
            {errors.weights}
          </p>
        )}
      </div>
      {errors.dimensions && <p class="ferr">{errors.dimensions}</p>}
      <div class="row">
        <button
          type="button"
          id="add-dimension"
          disabled={form.dims.length >= 8}
          onClick={() => setForm((f) => ({ ...f, dims: [...f.dims, blankDim()] }))}
        >
          {t('x.fs.schemes.addDimension')}
        </button>
        <button type="submit" class="primary" disabled={submit.busy}>
          {t('x.fs.schemes.create')}
        </button>
      </div>
    </form>
  );
}
