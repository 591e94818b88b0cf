// HR: the approval flows — each with its version, who changed it last and when, and its steps in short;
// the flow key and step ids only behind an "Advanced" disclosure (issue 19 item 7: words, not keys).
import type { Answer } from '../../../../src/contract/index.js';
import { formatDateTime, t } from '../../i18n/index.js';
import { forbiddenOf, ForbiddenPage, Loaded, Page, useApi } from '../../ui.js';
import { RuleText } from './rule-text.js';

export function HrFlows() {
  const [load] = useApi<Answer<'GET /hr/flows'>>('/hr/flows');
  const forbidden = forbiddenOf(load);
  if (forbidden) return <ForbiddenPage title={t('x.fs.nav.flows')} error={forbidden} />;
  return (
    <Page title={t('x.fs.nav.flows')}>
      <p class="muted">{t('x.fs.flows.intro')}</p>
      <p>
        <a class="button" id="new-flow" href="/app/hr/flows/new">
          {t('ff.flow.new')}
        </a>
      </p>
      <Loaded load={load}>
        {({ flows }) => (
          <ul class="list" id="flows">
            {flows.map((f) => (
              <li class="card" data-flow={f.key}>
                <div class="row spread">
                  <strong>{f.name}</strong>
                  <a class="button" href={`/app/hr/flows/${f.key}`}>
                    {t('x.fs.flows.edit')}
                  </a>
                </div>
                <p class="muted" data-version={f.version}>
                  {t('x.fs.flows.version', { version: f.version })} ·{' '}
                  {f.updatedBy
                    ? t('x.fs.flows.changedBy', { name: f.updatedBy, date: formatDateTime(f.updatedAt) })
                    : t('x.fs.flows.default')}
                </p>
                <ol class="steps">
                  {f.steps.map((s) => (
                    <li data-step={s.id}>
                      <strong>{s.name}</strong> — <RuleText rule={s.approver} person={s.person} />
                      {s.when && (
                        <span class="muted">
                          {' '}
                          ·{' '}
                          {t('x.fs.flows.onlyWhen', {
                            field: t(`x.fs.cond.${s.when.field}`),
                            op: t(`x.fs.op.${s.when.op}`),
                            value: s.when.value,
                          })}
                        </span>
                      )}
                    </li>
                  ))}
                </ol>
                {/* The key and step ids are for chat commands, not for reading: closed by default. */}
                <details class="advanced">
                  <summary>{t('words.advanced')}</summary>
                  <p class="muted">{t('words.flowKey', { key: f.key })}</p>
                  <p class="muted">{t('words.stepIds', { ids: f.steps.map((s) => s.id).join(', ') })}</p>
                </details>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </Page>
  );
}
