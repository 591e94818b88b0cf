// Nominate a colleague (issue 24): the claim form with the colleague's field; the same reading and refusals as
// chat (server side), errors at the field and in the summary. Below it, the reader's own choice to be announced.
import type { Answer } from '../../../src/contract/index.js';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { t, type WebKey } from '../i18n/index.js';
import { navigate, useLocation } from '../router.js';
import type { PointsInfo } from '../types.js';
import { ErrorSummary, Field, Loaded, Notice, Page, useApi, useSubmit } from '../ui.js';

export function Nominate() {
  const { query } = useLocation();
  const [info] = useApi<PointsInfo>('/points');
  const [form, setForm] = useState({
    nominee: query.get('nominee') ?? '',
    tag: '',
    description: '',
    amount: '',
    unit: 'cny',
    note: '',
  });
  const submit = useSubmit<Answer<'POST /nominations'>>();
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.currentTarget.value }));
  const errors = submit.error?.fields ?? {};
  return (
    <Page title={t('nominate.title')}>
      <Loaded load={info}>
        {(p) => (
          <form
            noValidate
            onSubmit={async (e) => {
              e.preventDefault();
              const r = await submit.run(() => api('POST', '/nominations', form));
              if (r) navigate(`/requests/${r.id}?submitted=1`);
            }}
          >
            <p class="muted">{t('nominate.intro')}</p>
            <Field id="nominee" label={t('nominate.nominee')} error={errors.nominee}>
              <input
                id="nominee"
                value={form.nominee}
                onInput={set('nominee')}
                maxLength={200}
                autoComplete="off"
                aria-describedby="nominee-hint"
              />
              <p class="muted" id="nominee-hint">
                {t('nominate.nomineeHint')}
              </p>
            </Field>
            <Field id="tag" label={t('claim.tag')} error={errors.tag}>
              <select id="tag" value={form.tag} onChange={set('tag')}>
                <option value="">{t('choose')}</option>
                {p.tags.map((tag) => (
                  <option value={String(tag.id)}>{`${tag.name} · ${tag.points}`}</option>
                ))}
              </select>
            </Field>
            <Field id="description" label={t('nominate.description')} error={errors.description}>
              <textarea id="description" value={form.description} onInput={set('description')} maxLength={1000} />
            </Field>
            <div class="row">
              <Field id="amount" label={t('claim.amount')} error={errors.amount}>
                <input
                  id="amount"
                  inputMode="text"
                  value={form.amount}
                  onInput={set('amount')}
                  maxLength={200}
                  placeholder={t('claim.amountPlaceholder')}
                />
              </Field>
              <Field id="unit" label={t('claim.unit')} error={errors.unit}>
                <select id="unit" value={form.unit} onChange={set('unit')}>
                  {p.units.map((u) => (
                    <option value={u}>{t(`claim.unit.${u}` as WebKey)}</option>
                  ))}
                </select>
              </Field>
            </div>
            <Field id="note" label={t('claim.note')} error={errors.note}>
              <input id="note" value={form.note} onInput={set('note')} maxLength={500} />
            </Field>
            <ErrorSummary
              error={submit.error}
              fields={[
                { field: 'nominee', label: t('nominate.nominee') },
                { field: 'tag', label: t('claim.tag') },
                { field: 'description', label: t('nominate.description') },
                { field: 'amount', label: t('claim.amount') },
                { field: 'unit', label: t('claim.unit') },
                { field: 'note', label: t('claim.note') },
              ]}
            />
            <button type="submit" class="primary block" disabled={submit.busy}>
              {t('nominate.submit')}
            </button>
          </form>
        )}
      </Loaded>
      <MyRecognition />
    </Page>
  );
}

const CHECK = { width: 'auto', minHeight: 0 };

/** Whether the reader's own approved claims and nominations are announced (their choice), and which tags are. */
function MyRecognition() {
  const [mine] = useApi<Answer<'GET /recognition/me'>>('/recognition/me');
  const save = useSubmit<Answer<'PUT /recognition/me'>>();
  const [announce, setAnnounce] = useState<boolean>();
  const [saved, setSaved] = useState(false);
  return (
    <section class="card" aria-labelledby="my-recognition">
      <h2 id="my-recognition">{t('nominate.mine.title')}</h2>
      <Loaded load={mine}>
        {(m) => (
          <>
            <p class="muted">
              {m.tags.length
                ? t('nominate.mine.tags', { tags: m.tags.map((x) => x.name).join(', ') })
                : t('nominate.mine.none')}
            </p>
            <label class="inline">
              <input
                type="checkbox"
                style={CHECK}
                checked={announce ?? m.announce}
                disabled={save.busy}
                onChange={async (e) => {
                  const next = e.currentTarget.checked;
                  setSaved(false);
                  const r = await save.run(() => api('PUT', '/recognition/me', { announce: next }));
                  if (r) {
                    setAnnounce(r.announce);
                    setSaved(true);
                  }
                }}
              />{' '}
              {t('nominate.mine.announce')}
            </label>
            {saved && <Notice tone="success">{t('nominate.mine.saved')}</Notice>}
            {save.error && <Notice tone="error">{save.error.message}</Notice>}
          </>
        )}
      </Loaded>
    </section>
  );
}
