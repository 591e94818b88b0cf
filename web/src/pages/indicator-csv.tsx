// HR pastes an indicator's values as CSV (task completion first): "employee,period,value" lines, stored all
// or none; each bad line comes back with its number and reason, and nothing is stored then (issue 25 §1).
import { useState } from 'preact/hooks';
import type { Answer } from '../../../src/contract/index.js';
import { api } from '../api.js';
import { CsvRefusal } from '../csv-refusal.js';
import { t } from '../i18n/index.js';
import { Field, Notice, useSubmit } from '../ui.js';

type Imported = Answer<'POST /hr/indicators/import'>;

export function IndicatorCsvForm({ indicators }: { indicators: { key: string; name: string }[] }) {
  const [indicator, setIndicator] = useState(
    indicators.find((i) => i.key === 'task_completion')?.key ?? indicators[0]?.key ?? '',
  );
  const [csv, setCsv] = useState('employee,period,value\n');
  const [done, setDone] = useState<Imported>();
  const submit = useSubmit<Imported>();
  if (indicators.length === 0) return null;
  return (
    <form
      class="card"
      id="indicator-csv"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setDone(undefined);
        const r = await submit.run(() => api<Imported>('POST', '/hr/indicators/import', { indicator, csv }));
        if (r) setDone(r);
      }}
    >
      <h2>{t('indicators.csv.title')}</h2>
      <p class="muted">{t('indicators.csv.help')}</p>
      <Field id="indicator-csv-key" label={t('indicators.csv.indicator')}>
        <select id="indicator-csv-key" value={indicator} onChange={(e) => setIndicator(e.currentTarget.value)}>
          {indicators.map((i) => (
            <option key={i.key} value={i.key}>
              {i.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="indicator-csv-text" label={t('indicators.csv.text')}>
        <textarea id="indicator-csv-text" rows={6} value={csv} onInput={(e) => setCsv(e.currentTarget.value)} />
      </Field>
      {submit.error && <CsvRefusal error={submit.error} />}
      {done && <Notice tone="success">{t('indicators.csv.done', done)}</Notice>}
      <button type="submit" class="primary" disabled={submit.busy}>
        {t('indicators.csv.submit')}
      </button>
    </form>
  );
}
