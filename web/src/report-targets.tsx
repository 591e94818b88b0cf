// HR's targets on the report page (issue 23): each target met or not against this report's figures (unknown
// when the figure is hidden), the organisation's follow-up resolution across waves, and a form to set the
// targets — shares entered as percentages; the server validates and audits.
import { useState } from 'preact/hooks';
import { api } from './api.js';
import { t } from './i18n/index.js';
import type { Answer } from '../../src/contract/index.js';
import type { PulseReport } from './types.js';
import { Field, Notice, useSubmit } from './ui.js';

type Targets = Answer<'GET /hr/report-targets'>;
type Key = keyof Targets;
const KEYS: readonly Key[] = ['participation', 'followUpsResolved', 'satisfaction'];
/** Shares are shown and typed as percentages; satisfaction as an average on the 1–5 scale. */
const isShare = (k: Key) => k !== 'satisfaction';
const shown = (k: Key, v: number) => (isShare(k) ? `${Math.round(v * 1000) / 10}%` : v.toFixed(2));

export function ReportTargets({ report: r, onSaved }: { report: PulseReport; onSaved: () => void }) {
  const [edits, setEdits] = useState<Partial<Record<Key, string>>>({});
  const [open, setOpen] = useState(false);
  const submit = useSubmit<Targets>();
  const res = r.followUpResolution;
  const current = Object.fromEntries(r.targets.map((x) => [x.key, x.target])) as Targets;
  const typed = (k: Key) => edits[k] ?? String(isShare(k) ? Math.round(current[k] * 1000) / 10 : current[k]);
  return (
    <section class="card" data-targets="">
      <h3>{t('reports.targets')}</h3>
      <ul class="targets">
        {r.targets.map((x) => (
          <li data-target={x.key} data-met={x.met === null ? 'unknown' : String(x.met)}>
            {t(`reports.target.${x.key}`)}: {x.actual === null ? '—' : shown(x.key, x.actual)} / ≥{' '}
            {shown(x.key, x.target)}{' '}
            <strong>
              {x.met === null ? t('reports.targetUnknown') : x.met ? t('reports.targetMet') : t('reports.targetNotMet')}
            </strong>
          </li>
        ))}
      </ul>
      <p class="muted" data-resolution="">
        {res.total === 0
          ? t('reports.resolutionNone')
          : t('reports.resolution', {
              resolved: res.resolved,
              total: res.total,
              rate: Math.round((res.rate ?? 0) * 100),
              days: res.medianDays === null ? '—' : res.medianDays,
            })}
      </p>
      {!open ? (
        <button type="button" onClick={() => setOpen(true)}>
          {t('reports.editTargets')}
        </button>
      ) : (
        <form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const body = Object.fromEntries(
              KEYS.map((k) => [k, isShare(k) ? Number(typed(k)) / 100 : Number(typed(k))]),
            ) as Targets;
            if (await submit.run(() => api('PUT', '/hr/report-targets', body))) {
              setEdits({});
              setOpen(false);
              // The report is read again: the statuses change in place (the panel is drawn anew with them).
              onSaved();
            }
          }}
        >
          {submit.error && Object.keys(submit.error.fields).length === 0 && (
            <Notice tone="error">{submit.error.message}</Notice>
          )}
          {KEYS.map((k) => (
            <Field id={`target-${k}`} label={t(`reports.targetInput.${k}`)} error={submit.error?.fields[k]}>
              <input
                id={`target-${k}`}
                type="number"
                inputMode="decimal"
                step="any"
                value={typed(k)}
                onInput={(e) => setEdits({ ...edits, [k]: e.currentTarget.value })}
              />
            </Field>
          ))}
          <button type="submit" class="primary" disabled={submit.busy}>
            {t('save')}
          </button>
        </form>
      )}
    </section>
  );
}
