// HR's settings for indicators from business systems (issue 25 §2): systems and their tokens (shown once),
// the indicators they may push, point rules over them, and the hourly cost that converts hours saved to money.
// Sections of the settings page; the server checks and audits everything, refusals come back at their field.
import { useState } from 'preact/hooks';
import type { Answer } from '../../../src/contract/index.js';
import { api } from '../api.js';
import { formatDateTime, locale, t } from '../i18n/index.js';
import { IndicatorCsvForm } from './indicator-csv.js';
import { Field, Loaded, Notice, useApi, useSubmit } from '../ui.js';

type Systems = Answer<'GET /hr/ingest/systems'>;
type Indicators = Answer<'GET /hr/indicators'>;
type HourlyCost = Answer<'GET /hr/settings/hourly-cost'>;
const OPS = ['<', '<=', '>', '>='] as const;

export function IndicatorSettings() {
  return (
    <>
      <SystemsSection />
      <IndicatorsSection />
      <HourlyCostForm />
    </>
  );
}

function SystemsSection() {
  const [load, reload] = useApi<Systems>('/hr/ingest/systems');
  const [name, setName] = useState('');
  const [token, setToken] = useState<{ name: string; token: string }>();
  const submit = useSubmit<Answer<'POST /hr/ingest/systems'>>();
  const revoke = useSubmit<Answer<'POST /hr/ingest/systems/:id/revoke'>>();
  return (
    <section class="card" id="ingest-systems">
      <h2>{t('ingest.title')}</h2>
      <p class="muted">{t('ingest.help')}</p>
      {token && (
        <Notice tone="info">
          <label for="ingest-token">{t('ingest.token', { name: token.name })}</label>
          <input id="ingest-token" readOnly value={token.token} onFocus={(e) => e.currentTarget.select()} />
        </Notice>
      )}
      {revoke.error && <Notice tone="error">{revoke.error.message}</Notice>}
      <Loaded load={load}>
        {(s) =>
          s.systems.length === 0 ? (
            <p class="muted">{t('ingest.none')}</p>
          ) : (
            <ul class="plain" data-list="systems">
              {s.systems.map((x) => (
                <li key={x.id} data-system={x.name}>
                  <strong>{x.name}</strong> · {t('ingest.created', { at: formatDateTime(x.createdAt) })}
                  {x.revokedAt ? (
                    <> · {t('ingest.revoked', { at: formatDateTime(x.revokedAt) })}</>
                  ) : (
                    <button
                      type="button"
                      disabled={revoke.busy}
                      onClick={async () => {
                        if (await revoke.run(() => api('POST', `/hr/ingest/systems/${x.id}/revoke`))) reload();
                      }}
                    >
                      {t('ingest.revoke')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setToken(undefined);
          const r = await submit.run(() => api('POST', '/hr/ingest/systems', { name }));
          if (r) {
            setToken({ name: r.system.name, token: r.token });
            setName('');
            reload();
          }
        }}
      >
        <Field id="ingest-name" label={t('ingest.name')} error={submit.error?.fields.name}>
          <input id="ingest-name" maxLength={40} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        {submit.error && !submit.error.fields.name && <Notice tone="error">{submit.error.message}</Notice>}
        <button type="submit" class="primary" disabled={submit.busy}>
          {t('ingest.create')}
        </button>
      </form>
    </section>
  );
}

function IndicatorsSection() {
  const [load, reload] = useApi<Indicators>('/hr/indicators');
  return (
    <Loaded load={load}>
      {(d) => (
        <>
          <IndicatorForm data={d} reload={reload} />
          <RuleForm data={d} reload={reload} />
          <IndicatorCsvForm
            indicators={d.indicators.map((i) => ({ key: i.key, name: locale() === 'en' ? i.nameEn : i.nameZh }))}
          />
        </>
      )}
    </Loaded>
  );
}

function IndicatorForm({ data, reload }: { data: Indicators; reload: () => void }) {
  const empty = { key: '', nameZh: '', nameEn: '', unit: 'percent' };
  const [v, setV] = useState(empty);
  const submit = useSubmit<Answer<'POST /hr/indicators'>>();
  const f = submit.error?.fields ?? {};
  const text = (k: 'key' | 'nameZh' | 'nameEn', label: string) => (
    <Field id={`ind-${k}`} label={label} error={f[k]}>
      <input id={`ind-${k}`} value={v[k]} onInput={(e) => setV({ ...v, [k]: e.currentTarget.value })} />
    </Field>
  );
  return (
    <form
      class="card"
      id="indicators"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if (await submit.run(() => api('POST', '/hr/indicators', v))) {
          setV(empty);
          reload();
        }
      }}
    >
      <h2>{t('indicators.title')}</h2>
      <p class="muted">{t('indicators.help')}</p>
      {data.indicators.length === 0 ? (
        <p class="muted">{t('indicators.none')}</p>
      ) : (
        <ul class="plain" data-list="indicators">
          {data.indicators.map((i) => (
            <li key={i.id}>
              <code>{i.key}</code> {i.nameZh} / {i.nameEn} · {t(`indicators.unit.${i.unit}`)}
            </li>
          ))}
        </ul>
      )}
      {text('key', t('indicators.key'))}
      {text('nameZh', t('indicators.nameZh'))}
      {text('nameEn', t('indicators.nameEn'))}
      <Field id="ind-unit" label={t('indicators.unit')} error={f.unit}>
        <select id="ind-unit" value={v.unit} onChange={(e) => setV({ ...v, unit: e.currentTarget.value })}>
          <option value="percent">{t('indicators.unit.percent')}</option>
          <option value="number">{t('indicators.unit.number')}</option>
        </select>
      </Field>
      <button type="submit" class="primary" disabled={submit.busy}>
        {t('indicators.add')}
      </button>
    </form>
  );
}

function RuleForm({ data, reload }: { data: Indicators; reload: () => void }) {
  const [v, setV] = useState({
    indicatorKey: data.indicators[0]?.key ?? '',
    op: '<',
    threshold: '',
    points: '',
    tagId: String(data.tags[0]?.id ?? ''),
  });
  const submit = useSubmit<Answer<'POST /hr/indicator-rules'>>();
  const retire = useSubmit<Answer<'POST /hr/indicator-rules/:id/retire'>>();
  const f = submit.error?.fields ?? {};
  const [saved, setSaved] = useState(false);
  return (
    <form
      class="card"
      id="indicator-rules"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(false);
        const body = {
          indicatorKey: v.indicatorKey,
          op: v.op,
          // Sent as typed: an empty or unreadable number is refused by the server at its field.
          threshold: v.threshold.trim() === '' ? null : Number(v.threshold),
          points: v.points.trim() === '' ? null : Number(v.points),
          tagId: Number(v.tagId),
        };
        if (await submit.run(() => api('POST', '/hr/indicator-rules', body))) {
          setV({ ...v, threshold: '', points: '' });
          setSaved(true);
          reload();
        }
      }}
    >
      <h2>{t('rules.title')}</h2>
      <p class="muted">{t('rules.help')}</p>
      {saved && <Notice tone="success">{t('ingest.saved')}</Notice>}
      {retire.error && <Notice tone="error">{retire.error.message}</Notice>}
      {data.rules.length === 0 ? (
        <p class="muted">{t('rules.none')}</p>
      ) : (
        <ul class="plain" data-list="rules">
          {data.rules.map((r) => (
            <li key={r.id}>
              {r.text}{' '}
              <button
                type="button"
                disabled={retire.busy}
                onClick={async () => {
                  if (await retire.run(() => api('POST', `/hr/indicator-rules/${r.id}/retire`))) reload();
                }}
              >
                {t('rules.retire')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <Field id="rule-indicatorKey" label={t('rules.indicator')} error={f.indicatorKey}>
        <select
          id="rule-indicatorKey"
          value={v.indicatorKey}
          onChange={(e) => setV({ ...v, indicatorKey: e.currentTarget.value })}
        >
          {data.indicators.map((i) => (
            <option key={i.key} value={i.key}>
              {i.key}
            </option>
          ))}
        </select>
      </Field>
      <Field id="rule-op" label={t('rules.op')} error={f.op}>
        <select id="rule-op" value={v.op} onChange={(e) => setV({ ...v, op: e.currentTarget.value })}>
          {OPS.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </Field>
      <Field id="rule-threshold" label={t('rules.threshold')} error={f.threshold}>
        <input
          id="rule-threshold"
          inputMode="decimal"
          value={v.threshold}
          onInput={(e) => setV({ ...v, threshold: e.currentTarget.value })}
        />
      </Field>
      <Field id="rule-points" label={t('rules.points')} error={f.points}>
        <input
          id="rule-points"
          type="number"
          inputMode="numeric"
          min={1}
          value={v.points}
          onInput={(e) => setV({ ...v, points: e.currentTarget.value })}
        />
      </Field>
      <Field id="rule-tagId" label={t('rules.tag')} error={f.tagId}>
        <select id="rule-tagId" value={v.tagId} onChange={(e) => setV({ ...v, tagId: e.currentTarget.value })}>
          {data.tags.map((g) => (
            <option key={g.id} value={String(g.id)}>
              {g.name}
            </option>
          ))}
        </select>
      </Field>
      {submit.error && Object.keys(f).length === 0 && <Notice tone="error">{submit.error.message}</Notice>}
      <button type="submit" class="primary" disabled={submit.busy || data.indicators.length === 0}>
        {t('rules.add')}
      </button>
    </form>
  );
}

function HourlyCostForm() {
  const [load] = useApi<HourlyCost>('/hr/settings/hourly-cost');
  return <Loaded load={load}>{(h) => <HourlyCostEditor initial={h} />}</Loaded>;
}

function HourlyCostEditor({ initial }: { initial: HourlyCost }) {
  const [rate, setRate] = useState(initial.hourlyCost === null ? '' : String(initial.hourlyCost));
  const submit = useSubmit<Answer<'PUT /hr/settings/hourly-cost'>>();
  const [saved, setSaved] = useState(false);
  return (
    <form
      class="card"
      id="hourly-cost"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(false);
        const hourlyCost = rate.trim() === '' ? null : Number(rate);
        if (await submit.run(() => api('PUT', '/hr/settings/hourly-cost', { hourlyCost }))) setSaved(true);
      }}
    >
      <h2>{t('hourly.title')}</h2>
      <p class="muted">{t('hourly.help')}</p>
      {saved && <Notice tone="success">{t('ingest.saved')}</Notice>}
      <Field id="hourly-rate" label={t('hourly.label')} error={submit.error?.fields.hourlyCost}>
        <input id="hourly-rate" inputMode="decimal" value={rate} onInput={(e) => setRate(e.currentTarget.value)} />
      </Field>
      <button type="submit" class="primary" disabled={submit.busy}>
        {t('save')}
      </button>
    </form>
  );
}
