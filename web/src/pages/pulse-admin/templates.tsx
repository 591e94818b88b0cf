// HR: survey templates — built-in and HR's own, with their size and how many waves used each.
import { t } from '../../i18n/index.js';
import { forbiddenOf, ForbiddenPage, Loaded, Page, useApi } from '../../ui.js';
import type { Answer } from '../../../../src/contract/index.js';

export function Templates() {
  const [load] = useApi<Answer<'GET /hr/templates'>>('/hr/templates');
  const forbidden = forbiddenOf(load);
  if (forbidden) return <ForbiddenPage title={t('pa.nav.templates')} error={forbidden} />;
  return (
    <Page title={t('pa.nav.templates')}>
      <a class="button primary" href="/app/hr/templates/new">
        {t('pa.tpl.new')}
      </a>
      <Loaded load={load}>
        {({ templates }) => (
          <ul class="list templates">
            {templates.map((tpl) => (
              <li class="card row spread" data-template={tpl.id}>
                <span>
                  <strong>
                    #{tpl.id} {tpl.name}
                  </strong>
                  {tpl.builtIn && <span class="badge"> {t('pa.tpl.builtIn')}</span>}
                  <br />
                  <span class="muted">
                    {t('pa.tpl.counts', { dimensions: tpl.dimensions, items: tpl.items, waves: tpl.waves })}
                  </span>
                </span>
                <a href={`/app/hr/templates/${tpl.id}`}>{t('pa.tpl.view')}</a>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </Page>
  );
}
