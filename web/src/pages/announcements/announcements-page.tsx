// Announcements (issue 25 §3): the notices I received, each with Acknowledge until I have; for HR and unit heads
// (whoever the server lets compose) a form to send one to a unit they may address (HR: also the company) in
// Chinese and/or English, and the notices they sent with read counts, who has not read them, and the one
// reminder. The chat cards are the same notices: acknowledging here redraws them there.
import { useState } from 'preact/hooks';
import type { Answer, Body } from '../../../../src/contract/index.js';
import { api } from '../../api.js';
import { formatDateTime, t } from '../../i18n/index.js';
import type { Me } from '../../types.js';
import { ErrorSummary, Field, Loaded, Notice, Page, useApi, useSubmit } from '../../ui.js';

type Notice = Answer<'GET /announcements/mine'>['notices'][number];
type Sent = Answer<'GET /announcements/sent'>['announcements'][number];

function MyNotice({ n, onDone }: { n: Notice; onDone: () => void }) {
  const ack = useSubmit<Answer<'POST /announcements/:id/ack'>>();
  return (
    <li class="card" data-notice={n.id} data-read={n.readAt ? 'yes' : 'no'}>
      <div class="row spread">
        <strong>{n.title}</strong>
        <span class={`badge ${n.readAt ? 'approved' : 'pending'}`}>{`#${n.id}`}</span>
      </div>
      <p class="muted">
        {t('ann.from', {
          sender: n.sender,
          audience: n.audience ?? t('ann.everyone'),
          at: formatDateTime(n.createdAt),
        })}
      </p>
      <p class="materials">{n.body}</p>
      {ack.error && <Notice tone="error">{ack.error.message}</Notice>}
      {n.readAt ? (
        <p class="muted">{t('ann.acked', { at: formatDateTime(n.readAt) })}</p>
      ) : (
        <button
          type="button"
          class="primary"
          disabled={ack.busy}
          onClick={async () => {
            if (await ack.run(() => api('POST', `/announcements/${n.id}/ack`))) onDone();
          }}
        >
          {t('ann.ack')}
        </button>
      )}
    </li>
  );
}

function MyNotices() {
  const [load, reload] = useApi<Answer<'GET /announcements/mine'>>('/announcements/mine');
  return (
    <section id="my-notices">
      <h2>{t('ann.mine')}</h2>
      <Loaded load={load}>
        {({ notices }) =>
          notices.length === 0 ? (
            <p class="card muted">{t('ann.mine.none')}</p>
          ) : (
            <ul class="list">
              {notices.map((n) => (
                <MyNotice n={n} onDone={reload} />
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

const EMPTY = { unit: '', titleZh: '', bodyZh: '', titleEn: '', bodyEn: '' };

function Compose({ options, onSent }: { options: Answer<'GET /announcements/options'>; onSent: () => void }) {
  const [form, setForm] = useState({
    ...EMPTY,
    unit: options.company ? 'company' : String(options.units[0]?.id ?? ''),
  });
  const submit = useSubmit<Answer<'POST /announcements'>>();
  const [done, setDone] = useState<Answer<'POST /announcements'>>();
  const set = (k: keyof typeof EMPTY) => (e: Event) =>
    setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const errors = submit.error?.fields ?? {};
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setDone(undefined);
    const body: Body<'POST /announcements'> = {
      unitId: form.unit === 'company' ? null : Number(form.unit),
      titleZh: form.titleZh,
      bodyZh: form.bodyZh,
      titleEn: form.titleEn,
      bodyEn: form.bodyEn,
    };
    const r = await submit.run(() => api('POST', '/announcements', body));
    if (r) {
      setDone(r);
      setForm({ ...EMPTY, unit: form.unit });
      onSent();
    }
  };
  return (
    <section id="compose">
      <h2>{t('ann.compose')}</h2>
      <form class="card" id="announce-form" noValidate onSubmit={onSubmit}>
        <p class="muted">{t('ann.compose.hint')}</p>
        <ErrorSummary
          error={submit.error}
          fields={[
            { field: 'unitId', label: t('ann.unit'), target: 'annUnit' },
            { field: 'titleZh', label: t('ann.titleZh'), target: 'annTitleZh' },
            { field: 'bodyZh', label: t('ann.bodyZh'), target: 'annBodyZh' },
            { field: 'titleEn', label: t('ann.titleEn'), target: 'annTitleEn' },
            { field: 'bodyEn', label: t('ann.bodyEn'), target: 'annBodyEn' },
          ]}
        />
        <Field id="annUnit" label={t('ann.unit')} error={errors.unitId}>
          <select id="annUnit" value={form.unit} onChange={set('unit')}>
            {options.company && <option value="company">{t('ann.unit.company')}</option>}
            {options.units.map((u) => (
              <option value={String(u.id)}>{u.path}</option>
            ))}
          </select>
        </Field>
        <Field id="annTitleZh" label={t('ann.titleZh')} error={errors.titleZh}>
          <input id="annTitleZh" lang="zh-CN" value={form.titleZh} onInput={set('titleZh')} maxLength={120} />
        </Field>
        <Field id="annBodyZh" label={t('ann.bodyZh')} error={errors.bodyZh}>
          <textarea id="annBodyZh" lang="zh-CN" rows={4} value={form.bodyZh} onInput={set('bodyZh')} />
        </Field>
        <Field id="annTitleEn" label={t('ann.titleEn')} error={errors.titleEn}>
          <input id="annTitleEn" lang="en" value={form.titleEn} onInput={set('titleEn')} maxLength={120} />
        </Field>
        <Field id="annBodyEn" label={t('ann.bodyEn')} error={errors.bodyEn}>
          <textarea id="annBodyEn" lang="en" rows={4} value={form.bodyEn} onInput={set('bodyEn')} />
        </Field>
        {done && (
          <Notice tone="success">
            {t('ann.sent.notice', { count: done.recipients })}
            {done.onLeave > 0 && ` ${t('ann.sent.onLeave', { count: done.onLeave })}`}
          </Notice>
        )}
        <button type="submit" class="primary" disabled={submit.busy}>
          {t('ann.send')}
        </button>
      </form>
    </section>
  );
}

function Names({ id }: { id: number }) {
  const [load] = useApi<Answer<'GET /announcements/:id/receipts'>>(`/announcements/${id}/receipts`);
  const names = (list: { name: string }[]) =>
    list.length ? list.map((p) => p.name).join(t('ann.listSeparator')) : t('ann.nobody');
  return (
    <Loaded load={load}>
      {({ read, unread }) => (
        <div class="receipts">
          <p data-unread>
            <strong>{t('ann.unread', { count: unread.length })}</strong> {names(unread)}
          </p>
          <p data-read>
            <strong>{t('ann.read', { count: read.length })}</strong> {names(read)}
          </p>
        </div>
      )}
    </Loaded>
  );
}

function SentItem({ s }: { s: Sent }) {
  const [open, setOpen] = useState(false);
  const remind = useSubmit<Answer<'POST /announcements/:id/remind'>>();
  // The answer of the one reminder: shown here (and its time), without reloading the list under the notice.
  const [reminded, setReminded] = useState<Answer<'POST /announcements/:id/remind'>>();
  const remindedAt = reminded?.remindedAt ?? s.remindedAt;
  return (
    <li class="card" data-sent={s.id}>
      <div class="row spread">
        <strong>{s.title}</strong>
        <span class={`badge ${s.read === s.total ? 'approved' : 'pending'}`}>
          {t('ann.counts', { read: s.read, total: s.total })}
        </span>
      </div>
      <p class="muted">
        {t('ann.from', {
          sender: s.sender,
          audience: s.audience ?? t('ann.everyone'),
          at: formatDateTime(s.createdAt),
        })}
      </p>
      {remindedAt && <p class="muted">{t('ann.reminded', { at: formatDateTime(remindedAt) })}</p>}
      {reminded && <Notice tone="success">{t('ann.remind.done', { count: reminded.reminded })}</Notice>}
      {remind.error && <Notice tone="error">{remind.error.message}</Notice>}
      <div class="row">
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('ann.hideNames') : t('ann.showNames')}
        </button>
        {s.canRemind && !reminded && (
          <button
            type="button"
            class="primary"
            disabled={remind.busy}
            onClick={async () => {
              const r = await remind.run(() => api('POST', `/announcements/${s.id}/remind`));
              if (r) setReminded(r);
            }}
          >
            {t('ann.remind')}
          </button>
        )}
      </div>
      {open && <Names key={`${s.id}:${s.read}`} id={s.id} />}
    </li>
  );
}

/** Composing and the sent list: for whoever the server lets compose (a 403 hides both). */
function Sender() {
  const [options] = useApi<Answer<'GET /announcements/options'>>('/announcements/options');
  const [sent, reload] = useApi<Answer<'GET /announcements/sent'>>('/announcements/sent');
  if (options.state === 'error' && options.error.status === 403) return null;
  return (
    <>
      <Loaded load={options}>{(o) => <Compose options={o} onSent={reload} />}</Loaded>
      <section id="sent">
        <h2>{t('ann.sent')}</h2>
        <Loaded load={sent}>
          {({ announcements }) =>
            announcements.length === 0 ? (
              <p class="card muted">{t('ann.sent.none')}</p>
            ) : (
              <ul class="list">
                {announcements.map((s) => (
                  <SentItem key={s.id} s={s} />
                ))}
              </ul>
            )
          }
        </Loaded>
      </section>
    </>
  );
}

export function AnnouncementsPage({ me }: { me: Me }) {
  return (
    <Page title={t('nav.announcements')}>
      <MyNotices />
      {(me.isHr || me.isManager) && <Sender />}
    </Page>
  );
}
