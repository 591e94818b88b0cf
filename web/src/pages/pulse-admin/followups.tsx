// Follow-up actions: the ones I own or created (HR: everyone's too, filtered by status), moving one along
// (owner, creator or HR — the chat card is redrawn too), and creating one — also prefilled from a friction
// item of the HR report or the team pulse (?new=1&title=…&waveId=…&unitId=…).
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { t } from '../../i18n/index.js';
import { navigate, useLocation } from '../../router.js';
import type { Answer } from '../../../../src/contract/index.js';
import type { Me } from '../../types.js';
import { Field, Loaded, Notice, Page, useApi, useSubmit } from '../../ui.js';
import type { FollowUpOptions, FollowUpRow, FollowUpStatus } from './types.js';

const STATUSES: FollowUpStatus[] = ['open', 'in_progress', 'done'];
const NEXT: Record<FollowUpStatus, FollowUpStatus[]> = {
  open: ['in_progress', 'done'],
  in_progress: ['done', 'open'],
  done: ['open'],
};

export function FollowUps({ me }: { me: Me }) {
  const { query } = useLocation();
  const status = query.get('status') ?? '';
  const all = me.isHr && query.get('all') === '1';
  const qs = new URLSearchParams({ ...(status ? { status } : {}), ...(all ? { all: '1' } : {}) }).toString();
  const [list, reload] = useApi<Answer<'GET /followups'>>(`/followups${qs ? `?${qs}` : ''}`);
  const change = useSubmit<Answer<'POST /followups/:id/status'>>();
  const go = (s: string, a: boolean) =>
    navigate(
      `/followups?${new URLSearchParams({ ...(s ? { status: s } : {}), ...(a ? { all: '1' } : {}) }).toString()}`,
    );
  return (
    <Page title={t('pa.nav.followups')}>
      {(me.isManager || me.isHr) && <NewFollowUp onCreated={reload} />}
      <div class="row filters">
        {me.isHr && (
          <label>
            {t('pa.fu.scope')}{' '}
            <select id="fu-scope" value={all ? '1' : ''} onChange={(e) => go(status, e.currentTarget.value === '1')}>
              <option value="">{t('pa.fu.mine')}</option>
              <option value="1">{t('pa.fu.all')}</option>
            </select>
          </label>
        )}
        <label>
          {t('pa.fu.status')}{' '}
          <select id="fu-status" value={status} onChange={(e) => go(e.currentTarget.value, all)}>
            <option value="">{t('pa.fu.anyStatus')}</option>
            {STATUSES.map((s) => (
              <option value={s}>{t(`pa.fu.status.${s}`)}</option>
            ))}
          </select>
        </label>
      </div>
      {change.error && <Notice tone="error">{change.error.message}</Notice>}
      <Loaded load={list}>
        {({ followUps }) =>
          followUps.length === 0 ? (
            <p class="muted">{t('pa.fu.none')}</p>
          ) : (
            <ul class="list followups">
              {followUps.map((f) => (
                <li class="card" data-followup={f.id} data-status={f.status}>
                  <div class="row spread">
                    <strong>
                      #{f.id} {f.title}
                    </strong>
                    <span
                      class={`badge ${f.status === 'done' ? 'approved' : f.status === 'in_progress' ? 'pending' : 'returned'}`}
                    >
                      {t(`pa.fu.status.${f.status}`)}
                    </span>
                  </div>
                  <p class="muted">
                    {t('pa.fu.meta', { owner: f.owner.name, due: f.dueDate, creator: f.createdBy.name })}
                    {f.unit && ` · ${f.unit}`}
                  </p>
                  {f.canChange && (
                    <div class="row">
                      {NEXT[f.status].map((s) => (
                        <button
                          type="button"
                          class={s === 'done' ? 'primary' : undefined}
                          disabled={change.busy}
                          onClick={async () => {
                            if (await change.run(() => api('POST', `/followups/${f.id}/status`, { status: s })))
                              reload();
                          }}
                        >
                          {t(`pa.fu.set.${s}`)}
                        </button>
                      ))}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </Page>
  );
}

function NewFollowUp({ onCreated }: { onCreated: () => void }) {
  const { query } = useLocation();
  const [options] = useApi<FollowUpOptions>('/followups/options');
  const [form, setForm] = useState({
    title: query.get('title') ?? '',
    ownerId: '',
    dueDate: '',
    waveId: query.get('waveId') ?? '',
    unitId: query.get('unitId') ?? '',
  });
  const [created, setCreated] = useState<FollowUpRow>();
  const submit = useSubmit<Answer<'POST /followups'>>();
  const errors = submit.error?.fields ?? {};
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.currentTarget.value }));
  return (
    <Loaded load={options}>
      {(o) => (
        <details class="card" open={query.get('new') === '1' || undefined}>
          <summary>{t('pa.fu.new')}</summary>
          {created && (
            <Notice tone="success">{t('pa.fu.created', { id: created.id, owner: created.owner.name })}</Notice>
          )}
          <form
            noValidate
            onSubmit={async (e) => {
              e.preventDefault();
              const body = {
                title: form.title,
                ownerId: Number(form.ownerId) || 0,
                dueDate: form.dueDate,
                waveId: form.waveId ? Number(form.waveId) : null,
                unitId: form.unitId ? Number(form.unitId) : null,
              };
              const r = await submit.run(() => api('POST', '/followups', body));
              if (r) {
                setCreated(r.followUp);
                setForm((f) => ({ ...f, title: '', ownerId: '', dueDate: '' }));
                onCreated();
              }
            }}
          >
            <Field id="fu-title" label={t('pa.fu.title')} error={errors.title}>
              <input id="fu-title" value={form.title} onInput={set('title')} maxLength={200} />
            </Field>
            <Field id="fu-owner" label={t('pa.fu.owner')} error={errors.ownerId}>
              <select id="fu-owner" value={form.ownerId} onChange={set('ownerId')}>
                <option value="">{t('choose')}</option>
                {o.owners.map((p) => (
                  <option value={String(p.id)}>{p.unit ? `${p.name} · ${p.unit}` : p.name}</option>
                ))}
              </select>
            </Field>
            <Field id="fu-due" label={t('pa.fu.due')} error={errors.dueDate}>
              <input id="fu-due" type="date" min={o.today} value={form.dueDate} onInput={set('dueDate')} />
            </Field>
            <div class="row">
              <Field id="fu-wave" label={t('pa.fu.wave')} error={errors.waveId}>
                <select id="fu-wave" value={form.waveId} onChange={set('waveId')}>
                  <option value="">{t('pa.fu.none.option')}</option>
                  {o.waves.map((w) => (
                    <option value={String(w.id)}>{`#${w.id} ${w.title}`}</option>
                  ))}
                </select>
              </Field>
              <Field id="fu-unit" label={t('pa.fu.unit')} error={errors.unitId}>
                <select id="fu-unit" value={form.unitId} onChange={set('unitId')}>
                  <option value="">{t('pa.fu.none.option')}</option>
                  {o.units.map((u) => (
                    <option value={String(u.id)}>{u.path}</option>
                  ))}
                </select>
              </Field>
            </div>
            <button type="submit" class="primary" disabled={submit.busy}>
              {t('pa.fu.create')}
            </button>
          </form>
        </details>
      )}
    </Loaded>
  );
}
