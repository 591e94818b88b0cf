// HR: the audit log, filtered by action, actor and date range (the filters live in the URL, so a filtered
// view can be shared and survives a reload). Each entry reads as a sentence in the reader's language with its
// details as labelled fields; the raw action key is only the row's title (hover) and the filter's value.
import { formatDateTime, t } from '../i18n/index.js';
import { navigate, useLocation } from '../router.js';
import type { AuditPage } from '../types.js';
import { Loaded, Notice, Page, useApi } from '../ui.js';

const KEYS = ['action', 'actorId', 'from', 'to'] as const;

export function HrAudit() {
  const { query } = useLocation();
  const filters = Object.fromEntries(KEYS.map((k) => [k, query.get(k) ?? ''])) as Record<(typeof KEYS)[number], string>;
  const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
  const [load] = useApi<AuditPage>(`/hr/audit${qs ? `?${qs}` : ''}`);
  const [check] = useApi<{ intact: boolean; rows: number; brokenAt?: number }>('/hr/audit/verify');
  const setFilter = (k: (typeof KEYS)[number], v: string) => {
    const next = new URLSearchParams(Object.entries({ ...filters, [k]: v }).filter(([, x]) => x)).toString();
    navigate(`/hr/audit${next ? `?${next}` : ''}`);
  };
  return (
    <Page title={t('nav.audit')}>
      {check.state === 'ok' && (
        <div data-audit-intact={String(check.data.intact)}>
          <Notice tone={check.data.intact ? 'info' : 'error'}>
            {check.data.intact ? t('audit.intact', { rows: check.data.rows }) : t('audit.broken', { row: check.data.brokenAt ?? 0 })}
          </Notice>
        </div>
      )}
      <Loaded load={load}>
        {(a) => (
          <>
            <div class="filters grid">
              <label>
                {t('audit.action')}
                <select id="f-action" value={filters.action} onChange={(e) => setFilter('action', e.currentTarget.value)}>
                  <option value="">{t('audit.any')}</option>
                  {a.actions.map((x) => (
                    <option value={x.value}>{x.label}</option>
                  ))}
                </select>
              </label>
              <label>
                {t('audit.actor')}
                <select id="f-actor" value={filters.actorId} onChange={(e) => setFilter('actorId', e.currentTarget.value)}>
                  <option value="">{t('audit.any')}</option>
                  {a.actors.map((x) => (
                    <option value={String(x.id)}>{x.name}</option>
                  ))}
                </select>
              </label>
              <label>
                {t('audit.from')}
                <input id="f-from" type="date" value={filters.from} onChange={(e) => setFilter('from', e.currentTarget.value)} />
              </label>
              <label>
                {t('audit.to')}
                <input id="f-to" type="date" value={filters.to} onChange={(e) => setFilter('to', e.currentTarget.value)} />
              </label>
            </div>
            <p class="muted" data-total={a.total}>
              {t('audit.count', { n: a.total })}
            </p>
            <ul class="list audit">
              {a.rows.map((r) => (
                <li class="card" data-action={r.action} title={r.action}>
                  <strong>{r.actor ?? t('audit.system')}</strong> <span class="audit-summary">{r.text.summary}</span>
                  <br />
                  <small class="muted">
                    {formatDateTime(r.at)} · {r.text.label}
                  </small>
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
                </li>
              ))}
            </ul>
          </>
        )}
      </Loaded>
    </Page>
  );
}
