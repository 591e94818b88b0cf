// Claim points for value created: the same validation as the chat form (server side, readClaim), errors at
// the field (and named, as links, in the summary above the button; focus goes to the first one). The value is
// text with units ("15%, ¥100000"); the unit select only covers plain numbers.
import type { Answer } from '../../../src/contract/index.js';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { t, type WebKey } from '../i18n/index.js';
import { navigate } from '../router.js';
import type { PointsInfo } from '../types.js';
import { ErrorSummary, Field, Loaded, Page, useApi, useSubmit } from '../ui.js';

export function Claim() {
  const [info] = useApi<PointsInfo>('/points');
  const [form, setForm] = useState({ tag: '', description: '', amount: '', unit: 'cny', note: '' });
  const submit = useSubmit<Answer<'POST /claims'>>();
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.currentTarget.value }));
  const errors = submit.error?.fields ?? {};
  return (
    <Page title={t('claim.title')}>
      <Loaded load={info}>
        {(p) => (
          <form
            noValidate
            onSubmit={async (e) => {
              e.preventDefault();
              const r = await submit.run(() => api('POST', '/claims', form));
              if (r) navigate(`/requests/${r.id}?submitted=1`);
            }}
          >
            <p class="muted">{t('claim.intro')}</p>
            <p>
              <a href="/app/nominate">{t('nominate.link')}</a>
            </p>
            <Field id="tag" label={t('claim.tag')} error={errors.tag}>
              <select id="tag" value={form.tag} onChange={set('tag')}>
                <option value="">{t('choose')}</option>
                {p.tags.map((tag) => (
                  <option value={String(tag.id)}>{`${tag.name} · ${tag.points}`}</option>
                ))}
              </select>
            </Field>
            <Field id="description" label={t('claim.description')} error={errors.description}>
              <textarea
                id="description"
                value={form.description}
                onInput={set('description')}
                maxLength={1000}
                placeholder={t('claim.descriptionPlaceholder')}
              />
            </Field>
            <div class="row">
              <Field id="amount" label={t('claim.amount')} error={errors.amount}>
                {/* Text, not a number pad: a value carries units (%, ¥) and may list several. */}
                <input
                  id="amount"
                  inputMode="text"
                  value={form.amount}
                  onInput={set('amount')}
                  maxLength={200}
                  placeholder={t('claim.amountPlaceholder')}
                  aria-describedby="amount-hint"
                />
                <p class="muted" id="amount-hint">
                  {t('claim.amountHint')}
                </p>
              </Field>
              <Field id="unit" label={t('claim.unit')} error={errors.unit}>
                <select id="unit" value={form.unit} onChange={set('unit')}>
                  {p.units.map((u) => (
                    <option value={u}>{t(`claim.unit.${u}` as WebKey)}</option>
                  ))}
                </select>
              </Field>
            </div>
            <Field id="note" label={t('claim.note')} error={errors.note}>
              <input id="note" value={form.note} onInput={set('note')} maxLength={500} />
            </Field>
            <ErrorSummary
              error={submit.error}
              fields={[
                { field: 'tag', label: t('claim.tag') },
                { field: 'description', label: t('claim.description') },
                { field: 'amount', label: t('claim.amount') },
                { field: 'unit', label: t('claim.unit') },
                { field: 'note', label: t('claim.note') },
              ]}
            />
            <button type="submit" class="primary block" disabled={submit.busy}>
              {t('claim.submit')}
            </button>
          </form>
        )}
      </Loaded>
    </Page>
  );
}
