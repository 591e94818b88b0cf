// Request a transfer to another unit; it moves the person only once the whole flow approves.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { t } from '../i18n/index.js';
import { navigate } from '../router.js';
import type { Unit } from '../types.js';
import { Field, Loaded, Notice, Page, useApi, useSubmit } from '../ui.js';

export function Transfer() {
  const [units] = useApi<{ units: Unit[] }>('/units');
  const [toUnitId, setTo] = useState('');
  const [reason, setReason] = useState('');
  const submit = useSubmit<{ id: number }>();
  const errors = submit.error?.fields ?? {};
  return (
    <Page title={t('transfer.title')}>
      <Loaded load={units}>
        {(u) => (
          <form
            noValidate
            onSubmit={async (e) => {
              e.preventDefault();
              const r = await submit.run(() => api('POST', '/transfers', { toUnitId: Number(toUnitId) || 0, reason }));
              if (r) navigate(`/requests/${r.id}?submitted=1`);
            }}
          >
            <Field id="toUnitId" label={t('transfer.to')} error={errors.toUnitId}>
              <select id="toUnitId" value={toUnitId} onChange={(e) => setTo(e.currentTarget.value)}>
                <option value="">{t('choose')}</option>
                {u.units.map((unit) => (
                  <option value={String(unit.id)}>{unit.path}</option>
                ))}
              </select>
            </Field>
            <Field id="reason" label={t('transfer.reason')} error={errors.reason}>
              <textarea id="reason" value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
            </Field>
            {submit.error && <Notice tone="error">{submit.error.message}</Notice>}
            <button type="submit" class="primary block" disabled={submit.busy}>
              {t('transfer.submit')}
            </button>
          </form>
        )}
      </Loaded>
    </Page>
  );
}
