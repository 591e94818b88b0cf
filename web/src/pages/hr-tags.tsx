// HR: value tags — add one (names in both languages, category, points) or retire one — and the rewards.
import type { Answer, Body } from '../../../src/contract/index.js';
import { api } from '../api.js';
import { locale, t } from '../i18n/index.js';
import { Field, forbiddenOf, ForbiddenPage, Loaded, Notice, Page, useApi } from '../ui.js';
import { NameFields, useAddForm, useRetire } from './catalogue-admin.js';
import { RewardsAdmin } from './hr-rewards.js';
import { PointsExport } from './points-export.js';

const EMPTY = { nameZh: '', nameEn: '', category: '', points: '', descriptionZh: '', descriptionEn: '' };
const toBody = (f: typeof EMPTY): Body<'POST /hr/tags'> => ({ ...f, points: Number(f.points) || 0 });

export function HrTags() {
  const [load, reload] = useApi<Answer<'GET /hr/tags'>>('/hr/tags');
  const { form, set, added, submit, errors, onSubmit } = useAddForm(
    EMPTY,
    (f) => api<Answer<'POST /hr/tags'>>('POST', '/hr/tags', toBody(f)),
    reload,
  );
  const retire = useRetire(reload);
  const forbidden = forbiddenOf(load);
  if (forbidden) return <ForbiddenPage title={t('nav.tags')} error={forbidden} />;
  return (
    <Page title={t('nav.tags')}>
      {added !== undefined && <Notice tone="success">{t('tags.added', { id: added })}</Notice>}
      {retire.error && <Notice tone="error">{retire.error.message}</Notice>}
      <Loaded load={load}>
        {({ tags }) => (
          <ul class="list tags">
            {tags.map((tag) => (
              <li class="card row spread" data-tag={tag.id}>
                <span>
                  <strong>{locale() === 'en' ? tag.nameEn : tag.nameZh}</strong> · {tag.points}{' '}
                  <span class="muted">
                    ({tag.minPoints}–{tag.maxPoints}) · {tag.category}
                  </span>
                  {!tag.active && <span class="badge cancelled"> {t('tags.retired')}</span>}
                </span>
                {tag.active && retire.button(`/hr/tags/${tag.id}/retire`)}
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      <form class="card" noValidate onSubmit={onSubmit}>
        <h2>{t('tags.new')}</h2>
        <NameFields ids={['nameZh', 'nameEn']} form={form} set={set} errors={errors} />
        <div class="row">
          <Field id="category" label={t('tags.category')} error={errors.category}>
            <input id="category" value={form.category} onInput={set('category')} maxLength={40} />
          </Field>
          <Field id="points" label={t('tags.points')} error={errors.points}>
            <input id="points" type="number" inputMode="numeric" value={form.points} onInput={set('points')} />
          </Field>
        </div>
        <Field id="descriptionZh" label={t('tags.descriptionZh')} error={errors.descriptionZh}>
          <input id="descriptionZh" value={form.descriptionZh} onInput={set('descriptionZh')} maxLength={200} />
        </Field>
        <Field id="descriptionEn" label={t('tags.descriptionEn')} error={errors.descriptionEn}>
          <input id="descriptionEn" value={form.descriptionEn} onInput={set('descriptionEn')} maxLength={200} />
        </Field>
        <button type="submit" class="primary" disabled={submit.busy}>
          {t('tags.add')}
        </button>
      </form>
      <PointsExport />
      <RewardsAdmin />
    </Page>
  );
}
