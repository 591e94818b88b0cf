// HR: rewards — what points buy. Add one (names in both languages, category, cost) or retire one.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { locale, t, type WebKey } from '../i18n/index.js';
import { Field, Loaded, Notice, useApi, useSubmit } from '../ui.js';

interface Reward {
  id: number;
  nameZh: string;
  nameEn: string;
  category: string;
  cost: number;
}

const CATEGORIES = ['bonus', 'leave', 'training', 'other'] as const;
const EMPTY = { nameZh: '', nameEn: '', category: 'other', cost: '' };

export function RewardsAdmin() {
  const [load, reload] = useApi<{ rewards: Reward[] }>('/hr/rewards');
  const [form, setForm] = useState(EMPTY);
  const [added, setAdded] = useState<number>();
  const submit = useSubmit<{ id: number }>();
  const retire = useSubmit<{ ok: true }>();
  const errors = submit.error?.fields ?? {};
  const set = (k: keyof typeof EMPTY) => (e: { currentTarget: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.currentTarget.value }));
  return (
    <section id="rewards-admin">
      <h2>{t('rewardsAdmin.title')}</h2>
      {added !== undefined && <Notice tone="success">{t('rewardsAdmin.added', { id: added })}</Notice>}
      {retire.error && <Notice tone="error">{retire.error.message}</Notice>}
      <Loaded load={load}>
        {({ rewards }) => (
          <ul class="list rewards">
            {rewards.map((r) => (
              <li class="card row spread" data-reward={r.id}>
                <span>
                  <strong>{locale() === 'en' ? r.nameEn : r.nameZh}</strong> · {r.cost}{' '}
                  <span class="muted">· {t(`rewardsAdmin.category.${r.category}` as WebKey)}</span>
                </span>
                <button
                  type="button"
                  disabled={retire.busy}
                  onClick={async () => {
                    if (await retire.run(() => api('POST', `/hr/rewards/${r.id}/retire`))) reload();
                  }}
                >
                  {t('tags.retire')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      <form
        class="card"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await submit.run(() => api('POST', '/hr/rewards', { ...form, cost: Number(form.cost) || 0 }));
          if (r) {
            setAdded(r.id);
            setForm(EMPTY);
            reload();
          }
        }}
      >
        <h3>{t('rewardsAdmin.new')}</h3>
        <Field id="r-nameZh" label={t('tags.nameZh')} error={errors.nameZh}>
          <input id="r-nameZh" value={form.nameZh} onInput={set('nameZh')} maxLength={40} />
        </Field>
        <Field id="r-nameEn" label={t('tags.nameEn')} error={errors.nameEn}>
          <input id="r-nameEn" value={form.nameEn} onInput={set('nameEn')} maxLength={60} />
        </Field>
        <div class="row">
          <Field id="r-category" label={t('tags.category')} error={errors.category}>
            <select id="r-category" value={form.category} onChange={set('category')}>
              {CATEGORIES.map((c) => (
                <option value={c}>{t(`rewardsAdmin.category.${c}`)}</option>
              ))}
            </select>
          </Field>
          <Field id="r-cost" label={t('rewardsAdmin.cost')} error={errors.cost}>
            <input id="r-cost" type="number" inputMode="numeric" value={form.cost} onInput={set('cost')} />
          </Field>
        </div>
        <button type="submit" class="primary" disabled={submit.busy}>
          {t('rewardsAdmin.add')}
        </button>
      </form>
    </section>
  );
}
