// The first-run guide for the person's role (issue 25 §5): one step at a time with Back / Next, the command to
// try in chat and the page it is about; the step reached is saved, so the chat's /guide and this page agree.
import { useState } from 'preact/hooks';
import type { Answer } from '../../../../src/contract/index.js';
import { api } from '../../api.js';
import { t } from '../../i18n/index.js';
import { Loaded, Notice, Page, useApi } from '../../ui.js';

type Guide = Answer<'GET /guide'>;

export function GuidePage() {
  const [load] = useApi<Guide>('/guide');
  return (
    <Page title={t('guide.page.title')}>
      <Loaded load={load}>{(g) => <Steps guide={g} />}</Loaded>
    </Page>
  );
}

function Steps({ guide }: { guide: Guide }) {
  const [step, setStep] = useState(guide.step);
  const [finished, setFinished] = useState(false);
  const [hidden, setHidden] = useState(false);
  const go = (next: number) => {
    // The step is saved on the way; the page does not wait for it (nothing else depends on the answer).
    void api('PUT', '/guide', { step: next }).catch(() => undefined);
    if (next >= guide.steps.length) setFinished(true);
    else setStep(next);
  };
  const s = guide.steps[step]!;
  return (
    <section class="card guide" data-role={guide.role} data-step={step}>
      {hidden && <Notice tone="success">{t('guide.page.hidden')}</Notice>}
      {finished ? (
        <p data-finished="">{t('guide.page.finished')}</p>
      ) : (
        <>
          <p class="muted">{t('guide.page.step', { n: step + 1, total: guide.steps.length })}</p>
          <h2>{s.title}</h2>
          <p>{s.body.replace(/\*\*/g, '')}</p>
          {s.command && <p class="muted">{t('guide.page.try', { command: s.command })}</p>}
          {s.appPath && (
            <p>
              <a href={`/app${s.appPath}`}>{t('guide.page.open')}</a>
            </p>
          )}
          <div class="row">
            {step > 0 && (
              <button type="button" onClick={() => go(step - 1)}>
                {t('guide.page.back')}
              </button>
            )}
            <button type="button" class="primary" onClick={() => go(step + 1)}>
              {step === guide.steps.length - 1 ? t('guide.page.done') : t('guide.page.next')}
            </button>
          </div>
        </>
      )}
      {!guide.dismissed && !hidden && (
        <button
          type="button"
          class="link"
          onClick={async () => {
            await api('PUT', '/guide', { dismissed: true });
            setHidden(true);
          }}
        >
          {t('guide.hide')}
        </button>
      )}
    </section>
  );
}

/** On the home page until dismissed: a line offering the guide, and a way to stop offering it. */
export function GuideOffer() {
  const [load] = useApi<Guide>('/guide');
  const [hidden, setHidden] = useState(false);
  if (load.state !== 'ok' || load.data.dismissed || hidden) return null;
  return (
    <aside class="notice info guide-offer" aria-label={t('guide.page.title')}>
      <span>{t('guide.offer')}</span> <a href="/app/guide">{t('guide.open')}</a>{' '}
      <button
        type="button"
        class="link"
        onClick={async () => {
          setHidden(true);
          await api('PUT', '/guide', { dismissed: true });
        }}
      >
        {t('guide.hide')}
      </button>
    </aside>
  );
}
