// HR: rewards — what points buy. Add one (names in both languages, category, cost) or retire one.
import type { Answer, Body } from '../../../src/contract/index.js';
import { api } from '../api.js';
import { locale, t, type WebKey } from '../i18n/index.js';
import { Field, Loaded, Notice, useApi } from '../ui.js';
import { NameFields, useAddForm, useRetire } from './catalogue-admin.js';

const CATEGORIES = ['bonus', 'leave', 'training', 'other'] as const;
const EMPTY: { nameZh: string; nameEn: string; category: (typeof CATEGORIES)[number]; cost: string } = {
  nameZh: '',
  nameEn: '',
  category: 'other',
  cost: '',
};
const toBody = (f: typeof EMPTY): Body<'POST /hr/rewards'> => ({ ...f, cost: Number(f.cost) || 0 });

export function RewardsAdmin() {
  const [load, reload] = useApi<Answer<'GET /hr/rewards'>>('/hr/rewards');
  const { form, set, added, submit, errors, onSubmit } = useAddForm(
    EMPTY,
    (f) => api<Answer<'POST /hr/rewards'>>('POST', '/hr/rewards', toBody(f)),
    reload,
  );
  const retire = useRetire(reload);
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
                {retire.button(`/hr/rewards/${r.id}/retire`)}
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      <form class="card" noValidate onSubmit={onSubmit}>
        <h3>{t('rewardsAdmin.new')}</h3>
        <NameFields ids={['r-nameZh', 'r-nameEn']} form={form} set={set} errors={errors} />
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
