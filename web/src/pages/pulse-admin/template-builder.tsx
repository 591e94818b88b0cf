// HR: the template builder — names in both languages, the scale, dimensions (key + names) with their
// questions in both languages, the optional comment and eNPS questions; optionally starting from a copy
// of an existing template. Saving always creates a new template; the server validates with the same
// schema as chat's `/pulse template` and each error is shown at its field (e.g. dimensions.1.items.0.en).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { t } from '../../i18n/index.js';
import { navigate, useLocation } from '../../router.js';
import { Field, forbiddenOf, ForbiddenPage, Loaded, Notice, Page, useApi, useSubmit } from '../../ui.js';
import type { Answer } from '../../../../src/contract/index.js';
import type { SpecDimension, TemplateSpec } from './types.js';

const emptyItem = () => ({ key: '', zh: '', en: '' });
const emptyDimension = (): SpecDimension => ({ key: '', nameZh: '', nameEn: '', items: [emptyItem()] });
// Inputs are full-width in the shared styles; a checkbox keeps its own size.
const CHECK = { width: 'auto', minHeight: 0 };
const EMPTY: TemplateSpec = {
  nameZh: '',
  nameEn: '',
  scaleMin: 1,
  scaleMax: 5,
  commentEnabled: true,
  enps: false,
  dimensions: [emptyDimension()],
};

export function TemplateBuilder() {
  const { query } = useLocation();
  const [list] = useApi<Answer<'GET /hr/templates'>>('/hr/templates');
  const [from, setFrom] = useState(query.get('from') ?? '');
  const [spec, setSpec] = useState<TemplateSpec>(EMPTY);
  const submit = useSubmit<Answer<'POST /hr/templates'>>();
  const errors = submit.error?.fields ?? {};

  useEffect(() => {
    if (!from) return;
    let live = true;
    void api<Answer<'GET /hr/templates/:id'>>('GET', `/hr/templates/${encodeURIComponent(from)}`).then(
      ({ template }) => {
        if (!live) return;
        const { nameZh, nameEn, scaleMin, scaleMax, commentEnabled, enps, dimensions } = template;
        setSpec({ nameZh, nameEn, scaleMin, scaleMax, commentEnabled, enps, dimensions });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [from]);

  const forbidden = forbiddenOf(list);
  if (forbidden) return <ForbiddenPage title={t('pa.tpl.new')} error={forbidden} />;

  const setTop = (k: 'nameZh' | 'nameEn') => (e: { currentTarget: { value: string } }) =>
    setSpec((s) => ({ ...s, [k]: e.currentTarget.value }));
  const setDim = (di: number, patch: Partial<SpecDimension>) =>
    setSpec((s) => ({ ...s, dimensions: s.dimensions.map((d, i) => (i === di ? { ...d, ...patch } : d)) }));
  const setItem = (di: number, ii: number, k: 'zh' | 'en', value: string) =>
    setSpec((s) => ({
      ...s,
      dimensions: s.dimensions.map((d, i) =>
        i === di ? { ...d, items: d.items.map((it, j) => (j === ii ? { ...it, [k]: value } : it)) } : d,
      ),
    }));

  return (
    <Page title={t('pa.tpl.new')}>
      <a href="/app/hr/templates">← {t('pa.tpl.back')}</a>
      <form
        class="card builder"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          // Question keys are internal: numbered per dimension, so the person only writes the questions.
          const body = {
            ...spec,
            dimensions: spec.dimensions.map((d) => ({
              ...d,
              items: d.items.map((it, n) => ({ ...it, key: `q${n + 1}` })),
            })),
          };
          const r = await submit.run(() => api('POST', '/hr/templates', body));
          if (r) navigate(`/hr/templates/${r.id}?created=1`);
        }}
      >
        <Loaded load={list}>
          {({ templates }) => (
            <Field id="copyFrom" label={t('pa.tpl.copyFrom')}>
              <select id="copyFrom" value={from} onChange={(e) => setFrom(e.currentTarget.value)}>
                <option value="">{t('pa.tpl.blank')}</option>
                {templates.map((x) => (
                  <option value={String(x.id)}>{`#${x.id} ${x.name}`}</option>
                ))}
              </select>
            </Field>
          )}
        </Loaded>
        {submit.error && (
          <Notice tone="error">{Object.keys(errors).length ? t('pa.tpl.fix') : submit.error.message}</Notice>
        )}
        <Field id="nameZh" label={t('pa.tpl.nameZh')} error={errors.nameZh}>
          <input id="nameZh" value={spec.nameZh} onInput={setTop('nameZh')} maxLength={80} />
        </Field>
        <Field id="nameEn" label={t('pa.tpl.nameEn')} error={errors.nameEn}>
          <input id="nameEn" value={spec.nameEn} onInput={setTop('nameEn')} maxLength={80} />
        </Field>
        <div class="row">
          <Field id="scaleMin" label={t('pa.tpl.scaleMin')} error={errors.scaleMin}>
            <select
              id="scaleMin"
              value={String(spec.scaleMin)}
              onChange={(e) => setSpec((s) => ({ ...s, scaleMin: Number(e.currentTarget.value) }))}
            >
              {[0, 1].map((n) => (
                <option value={String(n)}>{n}</option>
              ))}
            </select>
          </Field>
          <Field id="scaleMax" label={t('pa.tpl.scaleMax')} error={errors.scaleMax}>
            <select
              id="scaleMax"
              value={String(spec.scaleMax)}
              onChange={(e) => setSpec((s) => ({ ...s, scaleMax: Number(e.currentTarget.value) }))}
            >
              {[3, 4, 5, 6, 7, 8, 9, 10].map((n) => (
                <option value={String(n)}>{n}</option>
              ))}
            </select>
          </Field>
        </div>
        <label class="inline">
          <input
            type="checkbox"
            id="commentEnabled"
            style={CHECK}
            checked={spec.commentEnabled}
            onChange={(e) => setSpec((s) => ({ ...s, commentEnabled: e.currentTarget.checked }))}
          />{' '}
          {t('pa.tpl.comment')}
        </label>
        <label class="inline">
          <input
            type="checkbox"
            id="enps"
            style={CHECK}
            checked={spec.enps}
            onChange={(e) => setSpec((s) => ({ ...s, enps: e.currentTarget.checked }))}
          />{' '}
          {t('pa.tpl.enps')}
        </label>
        <h2>{t('pa.tpl.dimensions')}</h2>
        {errors.dimensions && <p class="ferr">{errors.dimensions}</p>}
        {spec.dimensions.map((d, di) => {
          const f = (name: string) => `dimensions.${di}.${name}`;
          return (
            <fieldset class="dimension" data-dimension={di}>
              <legend>{t('pa.tpl.dimension', { n: di + 1 })}</legend>
              <Field id={f('key')} label={t('pa.tpl.dimKey')} error={errors[f('key')]}>
                <input
                  id={f('key')}
                  value={d.key}
                  onInput={(e) => setDim(di, { key: e.currentTarget.value })}
                  maxLength={32}
                  autoCapitalize="off"
                />
              </Field>
              <Field id={f('nameZh')} label={t('pa.tpl.dimNameZh')} error={errors[f('nameZh')]}>
                <input
                  id={f('nameZh')}
                  value={d.nameZh}
                  onInput={(e) => setDim(di, { nameZh: e.currentTarget.value })}
                  maxLength={60}
                />
              </Field>
              <Field id={f('nameEn')} label={t('pa.tpl.dimNameEn')} error={errors[f('nameEn')]}>
                <input
                  id={f('nameEn')}
                  value={d.nameEn}
                  onInput={(e) => setDim(di, { nameEn: e.currentTarget.value })}
                  maxLength={60}
                />
              </Field>
              {errors[f('items')] && <p class="ferr">{errors[f('items')]}</p>}
              {d.items.map((it, ii) => (
                <div class="item" data-item={ii}>
                  <Field
                    id={f(`items.${ii}.zh`)}
                    label={t('pa.tpl.itemZh', { n: ii + 1 })}
                    error={errors[f(`items.${ii}.zh`)]}
                  >
                    <input
                      id={f(`items.${ii}.zh`)}
                      value={it.zh}
                      onInput={(e) => setItem(di, ii, 'zh', e.currentTarget.value)}
                      maxLength={200}
                    />
                  </Field>
                  <Field
                    id={f(`items.${ii}.en`)}
                    label={t('pa.tpl.itemEn', { n: ii + 1 })}
                    error={errors[f(`items.${ii}.en`)]}
                  >
                    <input
                      id={f(`items.${ii}.en`)}
                      value={it.en}
                      onInput={(e) => setItem(di, ii, 'en', e.currentTarget.value)}
                      maxLength={200}
                    />
                  </Field>
                  {d.items.length > 1 && (
                    <button
                      type="button"
                      class="link"
                      onClick={() => setDim(di, { items: d.items.filter((_, j) => j !== ii) })}
                    >
                      {t('pa.tpl.removeItem')}
                    </button>
                  )}
                </div>
              ))}
              <div class="row">
                <button
                  type="button"
                  disabled={d.items.length >= 10}
                  onClick={() => setDim(di, { items: [...d.items, emptyItem()] })}
                >
                  {t('pa.tpl.addItem')}
                </button>
                {spec.dimensions.length > 1 && (
                  <button
                    type="button"
                    class="link"
                    onClick={() => setSpec((s) => ({ ...s, dimensions: s.dimensions.filter((_, i) => i !== di) }))}
                  >
                    {t('pa.tpl.removeDimension')}
                  </button>
                )}
              </div>
            </fieldset>
          );
        })}
        <button
          type="button"
          disabled={spec.dimensions.length >= 6}
          onClick={() => setSpec((s) => ({ ...s, dimensions: [...s.dimensions, emptyDimension()] }))}
        >
          {t('pa.tpl.addDimension')}
        </button>
        <button type="submit" class="primary" disabled={submit.busy}>
          {t('pa.tpl.save')}
        </button>
      </form>
    </Page>
  );
}
