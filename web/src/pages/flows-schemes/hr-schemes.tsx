// HR: rating schemes — the list (dimensions, weights, scale or indicator, rater rules, how many cycles
// used each) and a form for a new one, empty or started from a copy. A scheme used by cycles is never
// edited in place: its results must stay comparable, so a change is a new scheme.
import type { Answer } from '../../../../src/contract/index.js';
import { useState } from 'preact/hooks';
import { locale, t } from '../../i18n/index.js';
import { forbiddenOf, ForbiddenPage, Loaded, Notice, Page, useApi } from '../../ui.js';
import { SchemeFormCard } from './scheme-form.js';
import { blankScheme, copyOf, type DimensionDef } from './scheme-types.js';

function DimensionText({ d }: { d: DimensionDef }) {
  const rater =
    d.rater.type === 'person' ? t('x.fs.rater.personEmail', { email: d.rater.email }) : t(`x.fs.rater.${d.rater.type}`);
  const kind =
    d.kind === 'indicator' && d.indicator
      ? t('x.fs.scheme.indicatorText', {
          min: d.indicator.min,
          max: d.indicator.max,
          better: t(d.indicator.higherIsBetter ? 'x.fs.scheme.higher' : 'x.fs.scheme.lower'),
        })
      : t('x.fs.scheme.scaleText');
  return (
    <>
      <strong>{d.name[locale()]}</strong> {d.weight}%{' '}
      <span class="muted">
        · {kind} · {rater}
      </span>
    </>
  );
}

export function HrSchemes() {
  const [load, reload] = useApi<Answer<'GET /hr/schemes'>>('/hr/schemes');
  const [start, setStart] = useState(() => ({ n: 0, form: blankScheme(), from: '' }));
  const [created, setCreated] = useState<string>();
  const forbidden = forbiddenOf(load);
  if (forbidden) return <ForbiddenPage title={t('x.fs.nav.schemes')} error={forbidden} />;
  return (
    <Page title={t('x.fs.nav.schemes')}>
      <p class="muted">{t('x.fs.schemes.intro')}</p>
      {created && <Notice tone="success">{t('x.fs.schemes.created', { key: created })}</Notice>}
      <Loaded load={load}>
        {({ schemes, people }) => (
          <>
            <ul class="list" id="schemes">
              {schemes.map((s) => (
                <li class="card" data-scheme={s.key}>
                  <div class="row spread">
                    <strong>{s.name}</strong>
                    <button
                      type="button"
                      data-action="copy"
                      onClick={() => {
                        setStart((x) => ({ n: x.n + 1, form: copyOf(s.definition), from: s.name }));
                        document.getElementById('new-scheme')?.scrollIntoView();
                      }}
                    >
                      {t('x.fs.schemes.copy')}
                    </button>
                  </div>
                  <p class="muted" data-cycles={s.cycles}>
                    {s.cycles === 0 ? t('x.fs.schemes.unused') : t('x.fs.schemes.used', { n: s.cycles })}
                  </p>
                  <ul class="list">
                    {s.definition.dimensions.map((d) => (
                      <li data-dimension={d.key}>
                        <DimensionText d={d} />
                      </li>
                    ))}
                  </ul>
                  {/* The key is for chat commands and imports, not for reading: closed by default. */}
                  <details class="advanced">
                    <summary>{t('words.advanced')}</summary>
                    <p class="muted">{t('words.schemeKey', { key: s.key })}</p>
                  </details>
                </li>
              ))}
            </ul>
            <SchemeFormCard
              key={start.n}
              initial={start.form}
              from={start.from}
              people={people}
              onCreated={(key) => {
                setCreated(key);
                setStart((x) => ({ n: x.n + 1, form: blankScheme(), from: '' }));
                reload();
              }}
            />
          </>
        )}
      </Loaded>
    </Page>
  );
}
