// HR: the audit log as a table a page at a time ("1–50 of 126", previous and next), filtered by action,
// actor and date range. Filters and the page live in the URL, so a view can be shared and survives a reload;
// `until` pins the pages to the rows that existed when the log was opened (viewing it writes a row). Each
// entry reads as a sentence in the reader's language (who, what happened) with its details as labelled
// fields; the raw action key and the recorded data are only behind each row's closed "Advanced" disclosure
// (issue 19 item 7: words, not keys) and in the filter's value.
import { formatDateTime, t } from '../i18n/index.js';
import { navigate, useLocation } from '../router.js';
import type { Answer } from '../../../src/contract/index.js';
import type { AuditPage } from '../types.js';
import { Loaded, Notice, Page, useApi } from '../ui.js';

const KEYS = ['action', 'actorId', 'from', 'to'] as const;
const PAGING = ['offset', 'until'] as const;
type Key = (typeof KEYS)[number] | (typeof PAGING)[number];

export function HrAudit() {
  const { query } = useLocation();
  const state = Object.fromEntries([...KEYS, ...PAGING].map((k) => [k, query.get(k) ?? ''])) as Record<Key, string>;
  const qsOf = (s: Record<Key, string>) => new URLSearchParams(Object.entries(s).filter(([, v]) => v)).toString();
  const qs = qsOf(state);
  const [load] = useApi<AuditPage>(`/hr/audit${qs ? `?${qs}` : ''}`);
  const [check] = useApi<Answer<'GET /hr/audit/verify'>>('/hr/audit/verify');
  const go = (next: Record<Key, string>) => {
    const q = qsOf(next);
    navigate(`/hr/audit${q ? `?${q}` : ''}`);
  };
  // A new filter starts again at the first page of the log as it is now.
  const setFilter = (k: (typeof KEYS)[number], v: string) => go({ ...state, [k]: v, offset: '', until: '' });
  return (
    <Page title={t('nav.audit')}>
      {check.state === 'ok' && (
        <div data-audit-intact={String(check.data.intact)}>
          <Notice tone={check.data.intact ? 'info' : 'error'}>
            {check.data.intact
              ? t('audit.intact', { rows: check.data.rows })
              : t('audit.broken', { row: check.data.brokenAt ?? 0 })}
          </Notice>
        </div>
      )}
      <Loaded load={load}>
        {(a) => {
          const first = a.total === 0 ? 0 : a.offset + 1;
          const last = a.offset + a.rows.length;
          const page = (offset: number) =>
            go({ ...state, offset: offset ? String(offset) : '', until: String(a.until) });
          const pager = (where: 'top' | 'bottom') => (
            <nav class="pager" aria-label={t('layout.audit.pages')} data-pager={where}>
              <button type="button" disabled={a.offset === 0} onClick={() => page(Math.max(0, a.offset - a.limit))}>
                {t('layout.audit.previous')}
              </button>
              <span class="range" data-range={`${first}-${last}`} aria-live={where === 'top' ? 'polite' : undefined}>
                {t('layout.audit.range', { from: first, to: last, total: a.total })}
              </span>
              <button type="button" disabled={last >= a.total} onClick={() => page(a.offset + a.limit)}>
                {t('layout.audit.next')}
              </button>
            </nav>
          );
          return (
            <>
              <div class="filters grid">
                <label>
                  {t('audit.action')}
                  <select
                    id="f-action"
                    value={state.action}
                    onChange={(e) => setFilter('action', e.currentTarget.value)}
                  >
                    <option value="">{t('audit.any')}</option>
                    {a.actions.map((x) => (
                      <option value={x.value}>{x.label}</option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('audit.actor')}
                  <select
                    id="f-actor"
                    value={state.actorId}
                    title={a.actors.find((x) => String(x.id) === state.actorId)?.name}
                    onChange={(e) => setFilter('actorId', e.currentTarget.value)}
                  >
                    <option value="">{t('audit.any')}</option>
                    {a.actors.map((x) => (
                      <option value={String(x.id)}>{x.name}</option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('audit.from')}
                  <input
                    id="f-from"
                    type="date"
                    value={state.from}
                    onChange={(e) => setFilter('from', e.currentTarget.value)}
                  />
                </label>
                <label>
                  {t('audit.to')}
                  <input
                    id="f-to"
                    type="date"
                    value={state.to}
                    onChange={(e) => setFilter('to', e.currentTarget.value)}
                  />
                </label>
              </div>
              <p class="muted" data-total={a.total}>
                {t('audit.count', { n: a.total })}
              </p>
              {a.total > 0 && pager('top')}
              {a.rows.length > 0 && (
                <table class="audit">
                  <thead>
                    <tr>
                      <th scope="col">{t('layout.audit.when')}</th>
                      <th scope="col">{t('audit.actor')}</th>
                      <th scope="col">{t('layout.audit.what')}</th>
                      <th scope="col">{t('layout.audit.details')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.rows.map((r) => (
                      <tr data-action={r.action} data-id={r.id}>
                        <td class="when">
                          <time dateTime={r.at}>{formatDateTime(r.at)}</time>
                        </td>
                        <td class="actor">
                          <strong>{r.actor ?? t('audit.system')}</strong>
                        </td>
                        <td>
                          <span class="audit-summary">{r.text.summary}</span>
                          <br />
                          <small class="muted">{r.text.label}</small>
                        </td>
                        <td>
                          {r.text.fields.length > 0 && (
                            <dl class="fields audit-fields">
                              {r.text.fields.map((f) => (
                                <>
                                  <dt>{f.label}</dt>
                                  <dd>{f.value}</dd>
                                </>
                              ))}
                            </dl>
                          )}
                          <details class="advanced audit-raw">
                            <summary>{t('words.advanced')}</summary>
                            <small class="muted">
                              <code>{t('words.auditAction', { action: r.action })}</code>
                              {r.detail && (
                                <>
                                  <br />
                                  <code>{t('words.auditDetail', { detail: r.detail })}</code>
                                </>
                              )}
                            </small>
                          </details>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {a.total > a.limit && pager('bottom')}
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}
