// HR: turnover by unit and unit kind over a period (issue 25 §6). One block per unit (it reads on a phone):
// people at the start and end, leavers and the rate (a year's worth too), moves; stores over HR's threshold
// flagged; beside each, the latest closed wave's pulse at the same level, hidden where the report hides it.
import { useState } from 'preact/hooks';
import type { Answer } from '../../../src/contract/index.js';
import { api } from '../api.js';
import { t } from '../i18n/index.js';
import { navigate, useLocation } from '../router.js';
import { Field, Loaded, Notice, Page, useApi, useSubmit } from '../ui.js';
import './hr-turnover.css';

type Turnover = Answer<'GET /hr/turnover'>;
const PERIODS = [30, 90, 180, 365] as const;
const KINDS = ['department', 'store', 'mixed'] as const;
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** The pulse beside a row: the dimension averages in the wave's order, or why there are none. */
function pulseText(pulse: Turnover['rows'][number]['pulse'], dims: readonly { key: string; name: string }[]) {
  if (pulse === null) return t('turnover.noPulse');
  if (pulse.hidden) return t('turnover.hidden');
  return dims
    .filter((d) => d.key in pulse.dims)
    .map((d) => `${d.name} ${pulse.dims[d.key]!.toFixed(1)}`)
    .join(' · ');
}

export function HrTurnover() {
  const { query } = useLocation();
  const days = query.get('days') ?? '90';
  const unit = query.get('unit') ?? '';
  const depth = query.get('depth') ?? '';
  const kind = query.get('kind') ?? '';
  const qs = new URLSearchParams({
    days,
    ...(unit ? { unitId: unit } : {}),
    ...(depth ? { depth } : {}),
    ...(kind ? { kind } : {}),
  }).toString();
  const [load, reload] = useApi<Turnover>(`/hr/turnover?${qs}`);
  // Kept here, not in the form: saving reloads the figures, which draws the form anew.
  const [saved, setSaved] = useState<number>();
  const go = (p: { days?: string; unit?: string; depth?: string; kind?: string }) => {
    const next = { days, unit, depth, kind, ...p };
    navigate(
      `/hr/turnover?${new URLSearchParams(Object.entries(next).filter(([, v]) => v !== '') as [string, string][]).toString()}`,
    );
  };
  return (
    <Page title={t('turnover.page.title')}>
      {saved !== undefined && <Notice tone="success">{t('turnover.thresholdSaved', { threshold: pct(saved) })}</Notice>}
      <Loaded load={load}>
        {(r) => (
          <>
            <div class="row filters">
              <label>
                {t('turnover.page.period')}{' '}
                <select data-filter="days" value={days} onChange={(e) => go({ days: e.currentTarget.value })}>
                  {PERIODS.map((d) => (
                    <option value={String(d)}>{t('turnover.page.days', { days: d })}</option>
                  ))}
                </select>
              </label>
              <label>
                {t('turnover.page.unit')}{' '}
                <select
                  data-filter="unit"
                  value={String(r.unit.id)}
                  onChange={(e) => go({ unit: e.currentTarget.value, depth: '' })}
                >
                  {r.units.map((u) => (
                    <option value={String(u.id)}>{u.path}</option>
                  ))}
                </select>
              </label>
              {r.levels > 1 && (
                <label>
                  {t('turnover.page.level')}{' '}
                  <select
                    data-filter="depth"
                    value={String(r.depth)}
                    onChange={(e) => go({ depth: e.currentTarget.value })}
                  >
                    {Array.from({ length: r.levels }, (_, i) => (
                      <option value={String(i + 1)}>{String(i + 1)}</option>
                    ))}
                  </select>
                </label>
              )}
              <label>
                {t('turnover.page.kind')}{' '}
                <select data-filter="kind" value={kind} onChange={(e) => go({ kind: e.currentTarget.value })}>
                  <option value="">{t('turnover.page.allKinds')}</option>
                  {KINDS.map((k) => (
                    <option value={k}>{t(`turnover.page.kind.${k}`)}</option>
                  ))}
                </select>
              </label>
            </div>
            <section class="card" id="turnover">
              <p data-total="">
                {r.unit.name}: {r.total.headcountStart} → {r.total.headcountEnd} · {t('turnover.col.leavers')}{' '}
                {r.total.leavers} · {t('turnover.col.rate')} {pct(r.total.rate)} ({pct(r.total.annualRate)})
              </p>
              {r.rows.map((row) => (
                <article class="turnover-unit" data-unit={row.unit.name} data-flagged={String(row.flagged)}>
                  <h3>
                    {row.unit.name} {row.flagged && <strong class="warn">{t('turnover.flaggedBadge')}</strong>}
                  </h3>
                  <dl class="facts">
                    <dt>{t('turnover.col.headcount')}</dt>
                    <dd>
                      {row.headcountStart} → {row.headcountEnd}
                    </dd>
                    <dt>{t('turnover.col.leavers')}</dt>
                    <dd data-leavers="">{row.leavers}</dd>
                    <dt>{t('turnover.col.rate')}</dt>
                    <dd data-rate="">
                      {pct(row.rate)} ({pct(row.annualRate)})
                    </dd>
                    <dt>{t('turnover.col.moves')}</dt>
                    <dd>
                      {row.movedOut} / {row.movedIn}
                    </dd>
                    <dt>{t('turnover.col.joined')}</dt>
                    <dd>{row.joined}</dd>
                    <dt>{t('turnover.col.pulse')}</dt>
                    <dd data-pulse={row.pulse === null ? 'none' : row.pulse.hidden ? 'hidden' : 'shown'}>
                      {pulseText(row.pulse, r.wave?.dimensions ?? [])}
                    </dd>
                  </dl>
                </article>
              ))}
              {r.wave && (
                <p class="muted">
                  #{r.wave.id} {r.wave.title}
                </p>
              )}
            </section>
            <ThresholdForm
              threshold={r.threshold}
              onSaved={(v) => {
                setSaved(v);
                reload();
              }}
            />
          </>
        )}
      </Loaded>
    </Page>
  );
}

function ThresholdForm({ threshold, onSaved }: { threshold: number; onSaved: (threshold: number) => void }) {
  const [value, setValue] = useState<string>();
  const submit = useSubmit<{ threshold: number }>();
  const typed = value ?? String(Math.round(threshold * 1000) / 10);
  return (
    <form
      class="card"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await submit.run(() => api('PUT', '/hr/turnover/threshold', { threshold: Number(typed) / 100 }));
        if (r) {
          setValue(undefined);
          onSaved(r.threshold);
        }
      }}
    >
      <Field id="turnover-threshold" label={t('turnover.threshold')} error={submit.error?.fields.threshold}>
        <input
          id="turnover-threshold"
          type="number"
          inputMode="decimal"
          step="any"
          value={typed}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
      </Field>
      <button type="submit" disabled={submit.busy}>
        {t('turnover.thresholdSave')}
      </button>
    </form>
  );
}
