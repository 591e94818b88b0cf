// HR: the anonymity threshold K — no group smaller than K is ever shown — and the comment threshold (≥ K)
// for comment lists. Both apply to surveys launched from now on; each survey keeps the ones it was sent with.
// And retention: how long what is no longer needed is kept (pruned nightly).
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { t } from '../i18n/index.js';
import type { Answer } from '../../../src/contract/index.js';
import type { AnonymitySettings } from '../types.js';
import { Field, Loaded, Notice, Page, useApi, useSubmit } from '../ui.js';
import { DeliveryTimesForm } from './hr-delivery-times.js';
import { PointCapsForm } from './point-caps-form.js';
import { RecognitionSettingsForm } from './recognition-settings-form.js';
import { IndicatorSettings } from './hr-indicators.js';

export function HrSettings() {
  const [load, reload] = useApi<AnonymitySettings>('/hr/settings');
  const [k, setK] = useState('');
  // Empty while untouched: the comment threshold is then left as it is (it follows K when K is raised past it).
  const [commentK, setCommentK] = useState('');
  const submit = useSubmit<Answer<'PUT /hr/settings/anonymity'>>();
  const [saved, setSaved] = useState(false);
  return (
    <Page title={t('nav.settings')}>
      {saved && <Notice tone="success">{t('settings.saved')}</Notice>}
      {/* Field problems are shown at their field; anything else (a network failure, a 403) here. */}
      {submit.error && Object.keys(submit.error.fields).length === 0 && (
        <Notice tone="error">{submit.error.message}</Notice>
      )}
      <Loaded load={load}>
        {(s) => {
          const typedK = Number(k || s.anonymityThreshold);
          // The comment threshold's lower bound is the K being saved with it (the stored one until K is valid).
          const minComment =
            Number.isInteger(typedK) && typedK >= s.minimum && typedK <= s.maximum ? typedK : s.anonymityThreshold;
          return (
            <form
              class="card"
              noValidate
              onSubmit={async (e) => {
                e.preventDefault();
                setSaved(false);
                const body = {
                  k: Number(k || s.anonymityThreshold),
                  ...(commentK !== '' ? { commentK: Number(commentK) } : {}),
                };
                const r = await submit.run(() => api('PUT', '/hr/settings/anonymity', body));
                if (r) {
                  setSaved(true);
                  setK('');
                  setCommentK('');
                  reload();
                }
              }}
            >
              <Field id="k" label={t('settings.k', { min: s.minimum, max: s.maximum })} error={submit.error?.fields.k}>
                <input
                  id="k"
                  type="number"
                  inputMode="numeric"
                  min={s.minimum}
                  max={s.maximum}
                  value={k || String(s.anonymityThreshold)}
                  onInput={(e) => setK(e.currentTarget.value)}
                />
              </Field>
              <p class="muted">{t('settings.kHelp')}</p>
              <Field
                id="commentK"
                label={t('settings.commentK', { min: minComment, max: s.commentMaximum })}
                error={submit.error?.fields.commentK}
              >
                <input
                  id="commentK"
                  type="number"
                  inputMode="numeric"
                  min={minComment}
                  max={s.commentMaximum}
                  value={commentK || String(s.commentThreshold)}
                  onInput={(e) => setCommentK(e.currentTarget.value)}
                />
              </Field>
              <p class="muted">{t('settings.commentKHelp')}</p>
              <p class="muted" data-note="per-survey">
                {t('settings.perSurvey')}
              </p>
              <button type="submit" class="primary" disabled={submit.busy}>
                {t('save')}
              </button>
            </form>
          );
        }}
      </Loaded>
      <RetentionForm />
      <DeliveryTimesForm />
      <PointCapsForm />
      <RecognitionSettingsForm />
      <IndicatorSettings />
    </Page>
  );
}

const RETENTION_KEYS = [
  'outboxDays',
  'exportHours',
  'inboundDays',
  'sessionDays',
  'auditDays',
  'raterCommentDays',
] as const satisfies readonly (keyof Retention['retention'])[];
type Retention = Answer<'GET /hr/settings/retention'>;
type RetentionKey = (typeof RETENTION_KEYS)[number];

function RetentionForm() {
  const [load, reload] = useApi<Retention>('/hr/settings/retention');
  const [edits, setEdits] = useState<Partial<Record<RetentionKey, string>>>({});
  const submit = useSubmit<Answer<'PUT /hr/settings/retention'>>();
  const [saved, setSaved] = useState(false);
  return (
    <Loaded load={load}>
      {(r) => (
        <form
          class="card"
          id="retention"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            setSaved(false);
            const body = Object.fromEntries(Object.entries(edits).map(([k, v]) => [k, Number(v)]));
            if (await submit.run(() => api('PUT', '/hr/settings/retention', body))) {
              setSaved(true);
              setEdits({});
              reload();
            }
          }}
        >
          <h2>{t('settings.retention')}</h2>
          <p class="muted">{t('settings.retentionHelp')}</p>
          {saved && <Notice tone="success">{t('settings.saved')}</Notice>}
          {RETENTION_KEYS.map((k) => (
            <Field
              id={`ret-${k}`}
              label={t(`settings.ret.${k}`, { min: r.limits[k][0], max: r.limits[k][1] })}
              error={submit.error?.fields[k]}
            >
              <input
                id={`ret-${k}`}
                type="number"
                inputMode="numeric"
                min={r.limits[k][0]}
                max={r.limits[k][1]}
                value={edits[k] ?? String(r.retention[k])}
                onInput={(e) => setEdits((x) => ({ ...x, [k]: e.currentTarget.value }))}
              />
            </Field>
          ))}
          <button type="submit" class="primary" disabled={submit.busy}>
            {t('save')}
          </button>
        </form>
      )}
    </Loaded>
  );
}
