// HR's org page: set or clear a person's leave (first and last day), and who is on leave now or soon. The server
// judges the dates (a last day before the first is refused with its message, at the field) and audits the change.
import { useState } from 'preact/hooks';
import type { Answer } from '../../../src/contract/index.js';
import { api } from '../api.js';
import { t } from '../i18n/index.js';
import { Field, Loaded, Notice, useApi, useSubmit } from '../ui.js';

type People = Answer<'GET /hr/people'>;
type PersonHit = People['people'][number];
type LeaveList = Answer<'GET /hr/leave'>;
type Saved = Answer<'PUT /hr/people/:id/leave'>;

export function OrgLeave() {
  const [list, reload] = useApi<LeaveList>('/hr/leave');
  const [q, setQ] = useState('');
  const query = q.trim();
  const [people] = useApi<People>(query ? `/hr/people?q=${encodeURIComponent(query)}` : null);
  const [picked, setPicked] = useState<{ id: number; name: string }>();
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [done, setDone] = useState<string>();
  const submit = useSubmit<Saved>();

  const pick = (p: { id: number; name: string }, leave?: { from: string; until: string }) => {
    setPicked({ id: p.id, name: p.name });
    setFrom(leave?.from ?? '');
    setUntil(leave?.until ?? '');
    setDone(undefined);
  };
  const save = async (who: { id: number; name: string }, body: { from: string; until: string }) => {
    setDone(undefined);
    const r = await submit.run(() => api<Saved>('PUT', `/hr/people/${who.id}/leave`, body));
    if (!r) return;
    setDone(
      r.from && r.until
        ? t('orgLeave.saved', { name: who.name, from: r.from, until: r.until })
        : t('orgLeave.cleared', { name: who.name }),
    );
    reload();
  };
  // The server names the field at fault ('until' for a range that ends before it starts).
  const fieldError = (f: 'from' | 'until') => submit.error?.fields[f];

  return (
    <section class="card org-leave" aria-labelledby="org-leave-title">
      <h2 id="org-leave-title">{t('orgLeave.title')}</h2>
      <p class="muted">{t('orgLeave.help')}</p>
      <label>
        {t('orgLeave.search')}
        <input id="leave-search" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </label>
      {query && (
        <Loaded load={people}>
          {(r) =>
            r.people.length === 0 ? (
              <p class="muted">{t('orgLeave.none')}</p>
            ) : (
              <ul class="list people">
                {r.people
                  .filter((p: PersonHit) => p.active)
                  .map((p: PersonHit) => (
                    <li data-person={p.id}>
                      <strong>{p.name}</strong> {p.unit && <small class="muted">· {p.unit}</small>}{' '}
                      <button type="button" onClick={() => pick(p)} aria-pressed={picked?.id === p.id}>
                        {t('orgLeave.pick')}
                      </button>
                    </li>
                  ))}
              </ul>
            )
          }
        </Loaded>
      )}
      {picked && (
        <form
          class="leave-form"
          data-selected={picked.id}
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            await save(picked, { from, until });
          }}
        >
          <h3>{t('orgLeave.for', { name: picked.name })}</h3>
          <div class="row">
            <Field id="leave-from" label={t('orgLeave.from')} error={fieldError('from')}>
              <input id="leave-from" type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
            </Field>
            <Field id="leave-until" label={t('orgLeave.until')} error={fieldError('until')}>
              <input id="leave-until" type="date" value={until} onInput={(e) => setUntil(e.currentTarget.value)} />
            </Field>
          </div>
          <div class="row">
            <button type="submit" class="primary" disabled={submit.busy}>
              {t('orgLeave.save')}
            </button>
            <button type="button" disabled={submit.busy} onClick={() => save(picked, { from: '', until: '' })}>
              {t('orgLeave.clear')}
            </button>
          </div>
        </form>
      )}
      {submit.error && !fieldError('from') && !fieldError('until') && (
        <Notice tone="error">{submit.error.message}</Notice>
      )}
      {done && <Notice tone="success">{done}</Notice>}
      <h3>{t('orgLeave.list')}</h3>
      <Loaded load={list}>
        {(l) =>
          l.people.length === 0 ? (
            <p class="muted">{t('orgLeave.empty')}</p>
          ) : (
            <ul class="list on-leave">
              {l.people.map((p) => (
                <li data-on-leave={p.id}>
                  <button type="button" class="link" onClick={() => pick(p, p)}>
                    <strong>{p.name}</strong>
                  </button>{' '}
                  {p.unit && <small class="muted">· {p.unit}</small>}{' '}
                  <span class="leave-range">{t('orgLeave.range', { from: p.from, until: p.until })}</span>{' '}
                  <button
                    type="button"
                    aria-label={t('orgLeave.clearOf', { name: p.name })}
                    disabled={submit.busy}
                    onClick={() => save(p, { from: '', until: '' })}
                  >
                    {t('orgLeave.clear')}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}
