// HR: one survey template in both languages. It is never edited in place (the reports of its waves read
// its items): "edit" opens the builder on a copy, which saves a new template.
import { t } from '../../i18n/index.js';
import { useLocation } from '../../router.js';
import { forbiddenOf, ForbiddenPage, Loaded, Notice, Page, useApi } from '../../ui.js';
import type { Answer } from '../../../../src/contract/index.js';

export function TemplateView({ id }: { id: string }) {
  const { query } = useLocation();
  const [load] = useApi<Answer<'GET /hr/templates/:id'>>(`/hr/templates/${encodeURIComponent(id)}`);
  const forbidden = forbiddenOf(load);
  if (forbidden) return <ForbiddenPage title={t('pa.nav.templates')} error={forbidden} />;
  return (
    <Page title={t('pa.nav.templates')}>
      <a href="/app/hr/templates">← {t('pa.tpl.back')}</a>
      {query.get('created') && <Notice tone="success">{t('pa.tpl.created', { id })}</Notice>}
      <Loaded load={load}>
        {({ template: tpl }) => (
          <section class="card template" data-template={tpl.id}>
            <h2>
              {tpl.nameZh} · {tpl.nameEn}
            </h2>
            <p class="muted">
              {t('pa.tpl.scale', { min: tpl.scaleMin, max: tpl.scaleMax })}
              {tpl.commentEnabled && ` · ${t('pa.tpl.comment')}`}
              {tpl.enps && ` · ${t('pa.tpl.enps')}`}
            </p>
            {tpl.dimensions.map((d) => (
              <div class="dimension" data-dimension={d.key}>
                <h3>
                  {d.nameZh} · {d.nameEn} <span class="muted">({d.key})</span>
                </h3>
                <ol>
                  {d.items.map((i) => (
                    <li>
                      {i.zh}
                      <br />
                      <span class="muted">{i.en}</span>
                    </li>
                  ))}
                </ol>
              </div>
            ))}
            <p class="muted">{tpl.waves > 0 ? t('pa.tpl.used', { waves: tpl.waves }) : t('pa.tpl.unused')}</p>
            <a class="button" href={`/app/hr/templates/new?from=${tpl.id}`}>
              {t('pa.tpl.editCopy')}
            </a>
          </section>
        )}
      </Loaded>
    </Page>
  );
}
