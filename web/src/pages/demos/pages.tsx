// Guided scenario demos (issue 25 §5), loaded on demand (main.tsx): pick a demo, then play it one step at a
// time — each step's narration, when it happened in the story, and a link to the page showing what it made
// (the transfer's request, the ledger, the report). The runs are the chat's /demo runs: the server keeps them.
import { useEffect, useState } from 'preact/hooks';
import type { Answer } from '../../../../src/contract/index.js';
import { api, ApiFailure } from '../../api.js';
import { formatDateTime, t } from '../../i18n/index.js';
import { Failure, Loaded, Notice, Page, useApi } from '../../ui.js';

type Demos = Answer<'GET /demos'>;
type StepAnswer = Answer<'POST /demos/:name/start'>;
type DemoName = StepAnswer['name'];

export function DemosPage() {
  const [load] = useApi<Demos>('/demos');
  const [playing, setPlaying] = useState<DemoName | null>(null);
  return (
    <Page title={t('demos.title')}>
      <Loaded load={load}>
        {(d) =>
          d.blocked ? (
            <Notice tone="error">{d.blocked}</Notice>
          ) : playing ? (
            <Player key={playing} name={playing} onBack={() => setPlaying(null)} />
          ) : (
            <List demos={d} onPlay={setPlaying} />
          )
        }
      </Loaded>
    </Page>
  );
}

function List({ demos, onPlay }: { demos: Demos; onPlay: (n: DemoName) => void }) {
  return (
    <>
      <p>{t('demos.intro')}</p>
      <ul class="list demos">
        {demos.demos.map((d) => (
          <li key={d.name} class="card" data-demo={d.name}>
            <h2>{d.title}</h2>
            <p>{d.summary}</p>
            <p class="muted">{t('demos.steps', { n: d.steps })}</p>
            <button type="button" class="primary" onClick={() => onPlay(d.name)}>
              {t('demos.play')} · {d.title}
            </button>
          </li>
        ))}
      </ul>
      <p class="muted">{t('demos.chat')}</p>
    </>
  );
}

/** One run: the steps played so far, newest last, and the button that plays the next one. */
function Player({ name, onBack }: { name: DemoName; onBack: () => void }) {
  const [steps, setSteps] = useState<StepAnswer[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const last = steps[steps.length - 1];

  /** One request; the step it answered is shown (a retried step replaces its stopped line). */
  const ask = async (path: string, body?: unknown): Promise<StepAnswer | undefined> => {
    try {
      const a = await api<StepAnswer>('POST', path, body);
      setSteps((s) => [...s.filter((x) => x.status === 'played' && x.run === a.run && x.step !== a.step), a]);
      return a;
    } catch (e) {
      setError(e instanceof ApiFailure ? e : new ApiFailure(0, t('error.network')));
      return undefined;
    }
  };
  const go = async (path: string, body?: unknown) => {
    setBusy(true);
    setError(null);
    await ask(path, body);
    setBusy(false);
  };
  /** The rest of the run, step after step, until the end or the first refusal. */
  const playAll = async (from: StepAnswer) => {
    setBusy(true);
    setError(null);
    let cur: StepAnswer | undefined = from;
    while (cur && cur.status === 'played' && !cur.done)
      cur = await ask(`/demos/${name}/next`, { run: cur.run, step: cur.step + 1 });
    setBusy(false);
  };
  const start = () => {
    setSteps([]);
    void go(`/demos/${name}/start`);
  };
  const next = () => {
    if (!last) return start();
    // A stopped step is asked for again; a played one moves on. A refused first step kept no run: start again.
    if (last.status === 'stopped' && last.run === 0) return start();
    void go(`/demos/${name}/next`, { run: last.run, step: last.status === 'stopped' ? last.step : last.step + 1 });
  };

  // Opening a demo starts a fresh run of it.
  useEffect(start, []);
  return (
    <section class="demo-player" data-demo={name} aria-busy={busy}>
      <p>
        <button type="button" class="link" onClick={onBack}>
          ← {t('demos.back')}
        </button>
      </p>
      {last && <h2>{last.title}</h2>}
      <ol class="list demo-steps">
        {steps.map((s) => (
          <li key={`${s.run}-${s.step}-${s.status}`} class="card" data-step={s.step} data-status={s.status}>
            <p class="muted">{t('demos.step', { n: s.step + 1, total: s.total })}</p>
            {s.status === 'stopped' ? <Notice tone="error">{s.text}</Notice> : <p>{s.text}</p>}
            {s.at && <p class="muted">{t('demos.when', { date: formatDateTime(s.at) })}</p>}
            {s.link && (
              <p>
                <a href={`/app${s.link}`}>{t('demos.open')}</a>
              </p>
            )}
          </li>
        ))}
      </ol>
      {error && <Failure error={error} />}
      {last?.done ? (
        <>
          <Notice tone="success">{t('demos.finished')}</Notice>
          <button type="button" class="primary" disabled={busy} onClick={start}>
            {t('demos.again')}
          </button>
        </>
      ) : (
        last && (
          <div class="row">
            <button type="button" class="primary" disabled={busy} onClick={next}>
              {last.status === 'stopped' ? t('demos.retry') : t('demos.next')}
            </button>
            {last.status === 'played' && (
              <button type="button" disabled={busy} onClick={() => void playAll(last)}>
                {t('demos.all')}
              </button>
            )}
          </div>
        )
      )}
    </section>
  );
}
