// HR: the anonymity threshold K — no group smaller than K is ever shown (never below the minimum).
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { t } from '../i18n/index.js';
import { Field, Loaded, Notice, Page, useApi, useSubmit } from '../ui.js';

export function HrSettings() {
  const [load, reload] = useApi<{ anonymityThreshold: number; minimum: number }>('/hr/settings');
  const [k, setK] = useState('');
  const submit = useSubmit<{ anonymityThreshold: number }>();
  const [saved, setSaved] = useState(false);
  return (
    <Page title={t('nav.settings')}>
      {saved && <Notice tone="success">{t('settings.saved')}</Notice>}
      <Loaded load={load}>
        {(s) => (
          <form
            class="card"
            noValidate
            onSubmit={async (e) => {
              e.preventDefault();
              setSaved(false);
              const r = await submit.run(() => api('PUT', '/hr/settings/anonymity', { k: Number(k || s.anonymityThreshold) }));
              if (r) {
                setSaved(true);
                reload();
              }
            }}
          >
            <Field id="k" label={t('settings.k', { min: s.minimum })} error={submit.error?.fields.k}>
              <input id="k" type="number" min={s.minimum} value={k || String(s.anonymityThreshold)} onInput={(e) => setK(e.currentTarget.value)} />
            </Field>
            <p class="muted">{t('settings.kHelp')}</p>
            <button type="submit" class="primary" disabled={submit.busy}>
              {t('save')}
            </button>
          </form>
        )}
      </Loaded>
    </Page>
  );
}
