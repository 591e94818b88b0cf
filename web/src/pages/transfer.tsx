// Request a transfer to another unit from a date; it moves the person only once the whole flow approves,
// and not before that date. The list offers only units a person can be transferred to.
import type { Answer } from '../../../src/contract/index.js';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { t } from '../i18n/index.js';
import { navigate } from '../router.js';
import { Field, Loaded, Notice, Page, useApi, useSubmit } from '../ui.js';

export function Transfer() {
  const [options] = useApi<Answer<'GET /transfers/options'>>('/transfers/options');
  const [toUnitId, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [date, setDate] = useState('');
  const submit = useSubmit<Answer<'POST /transfers'>>();
  const errors = submit.error?.fields ?? {};
  return (
    <Page title={t('transfer.title')}>
      <Loaded load={options}>
        {(o) =>
          o.units.length === 0 ? (
            <Notice tone="info">{t('transfer.noTargets')}</Notice>
          ) : (
            <form
              noValidate
              onSubmit={async (e) => {
                e.preventDefault();
                const r = await submit.run(() =>
                  api('POST', '/transfers', {
                    toUnitId: Number(toUnitId) || 0,
                    reason,
                    effectiveDate: date || o.today,
                  }),
                );
                if (r) navigate(`/requests/${r.id}?submitted=1`);
              }}
            >
              <Field id="toUnitId" label={t('transfer.to')} error={errors.toUnitId}>
                <select id="toUnitId" value={toUnitId} onChange={(e) => setTo(e.currentTarget.value)}>
                  <option value="">{t('choose')}</option>
                  {o.units.map((unit) => (
                    <option value={String(unit.id)}>{unit.path}</option>
                  ))}
                </select>
              </Field>
              <Field id="effectiveDate" label={t('transfer.effectiveDate')} error={errors.effectiveDate}>
                <input
                  id="effectiveDate"
                  type="date"
                  min={o.today}
                  value={date || o.today}
                  onInput={(e) => setDate(e.currentTarget.value)}
                />
              </Field>
              <p class="muted">{t('transfer.effectiveHint')}</p>
              <Field id="reason" label={t('transfer.reason')} error={errors.reason}>
                <textarea
                  id="reason"
                  value={reason}
                  maxLength={500}
                  onInput={(e) => setReason(e.currentTarget.value)}
                />
              </Field>
              {submit.error && <Notice tone="error">{submit.error.message}</Notice>}
              <button type="submit" class="primary block" disabled={submit.busy}>
                {t('transfer.submit')}
              </button>
            </form>
          )
        }
      </Loaded>
    </Page>
  );
}
