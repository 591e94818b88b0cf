// Training records: my enrolments (a recommended course I asked for) with their state — requested, enrolled,
// attended, completed — and the next step to mark; below, for managers, heads and HR, the people in their
// units with theirs (HR may mark them too). The server decides who may see and mark what.
import { useState } from 'preact/hooks';
import type { Answer } from '../../../src/contract/index.js';
import { api } from '../api.js';
import { formatDateTime, t, type WebKey } from '../i18n/index.js';
import { Loaded, Notice, Page, useApi, useSubmit } from '../ui.js';

type TrainingRow = Answer<'GET /training'>['records'][number];
type Next = 'attended' | 'completed';

const NEXT: Partial<Record<TrainingRow['state'], Next>> = { enrolled: 'attended', attended: 'completed' };
const STEPS = ['enrolled', 'attended', 'completed'] as const;

function Progress({ state }: { state: TrainingRow['state'] }) {
  const reached = STEPS.indexOf(state as (typeof STEPS)[number]);
  return (
    <ol class="steps" aria-label={t('growth.progress')}>
      {STEPS.map((s, i) => (
        <li class={i <= reached ? 'done' : ''} aria-current={i === reached ? 'step' : undefined}>
          {t(`growth.state.${s}` as WebKey)}
        </li>
      ))}
    </ol>
  );
}

function TrainingItem({ r, canMark, onDone }: { r: TrainingRow; canMark: boolean; onDone: () => void }) {
  const mark = useSubmit<Answer<'POST /training/:id/mark'>>();
  const next = NEXT[r.state];
  return (
    <li class="card" data-training={r.id} data-state={r.state}>
      <div class="row spread">
        <strong>{r.course}</strong>
        <span class={`badge ${r.state === 'completed' ? 'approved' : 'pending'}`}>
          {t(`growth.state.${r.state}` as WebKey)}
        </span>
      </div>
      <p class="muted">{t('growth.dimension', { dimension: r.dimension })}</p>
      {r.state === 'requested' ? (
        <p class="muted">
          <a href={`/app/requests/${r.requestId}`}>{t('growth.requestedNote')}</a>
        </p>
      ) : (
        <Progress state={r.state} />
      )}
      {(r.attendedAt || r.completedAt) && (
        <p class="muted">
          {r.attendedAt && t('growth.attendedAt', { at: formatDateTime(r.attendedAt) })}
          {r.attendedAt && r.completedAt && ' · '}
          {r.completedAt && t('growth.completedAt', { at: formatDateTime(r.completedAt) })}
        </p>
      )}
      {r.materials && (
        <details>
          <summary>{t('growth.materials')}</summary>
          <p class="materials">{r.materials}</p>
        </details>
      )}
      {mark.error && <Notice tone="error">{mark.error.message}</Notice>}
      <div class="row">
        {canMark && next && (
          <button
            type="button"
            class="primary"
            disabled={mark.busy}
            onClick={async () => {
              if (await mark.run(() => api('POST', `/training/${r.id}/mark`, { to: next }))) onDone();
            }}
          >
            {t(next === 'attended' ? 'growth.markAttended' : 'growth.markCompleted')}
          </button>
        )}
        {r.url && (
          <a class="button" href={r.url} target="_blank" rel="noopener">
            {t('growth.coursePage')}
          </a>
        )}
      </div>
    </li>
  );
}

function Records({ records, canMark, onDone }: { records: TrainingRow[]; canMark: boolean; onDone: () => void }) {
  return (
    <ul class="list">
      {records.map((r) => (
        <TrainingItem r={r} canMark={canMark} onDone={onDone} />
      ))}
    </ul>
  );
}

/** The people in my units with training (managers, heads, HR); nothing for anyone else. */
function TeamTraining() {
  const [load, reload] = useApi<Answer<'GET /team/training'>>('/team/training');
  const [open, setOpen] = useState<number | null>(null);
  if (load.state === 'error' && load.error.status === 403) return null;
  return (
    <section id="team-training">
      <h2>{t('growth.team')}</h2>
      <Loaded load={load}>
        {({ people, canMark }) =>
          people.length === 0 ? (
            <p class="card muted">{t('growth.teamNone')}</p>
          ) : (
            <ul class="list">
              {people.map((p) => {
                const done = p.records.filter((r) => r.state === 'completed').length;
                return (
                  <li class="card" data-person={p.id}>
                    <button
                      type="button"
                      class="link row spread"
                      aria-expanded={open === p.id}
                      onClick={() => setOpen(open === p.id ? null : p.id)}
                    >
                      <strong>{p.name}</strong>
                      <span class="muted">{t('growth.teamCount', { done, of: p.records.length })}</span>
                    </button>
                    {open === p.id && <Records records={p.records} canMark={canMark} onDone={reload} />}
                  </li>
                );
              })}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

type TalkRow = Answer<'GET /team/talks'>['talks'][number];

function TalkItem({ talk, onDone }: { talk: TalkRow; onDone: () => void }) {
  const done = useSubmit<Answer<'POST /team/talks/:id/done'>>();
  return (
    <li class="card" data-talk={talk.id} data-status={talk.status}>
      <div class="row spread">
        <strong>{talk.person}</strong>
        <span class={`badge ${talk.status === 'done' ? 'approved' : 'pending'}`}>
          {t(talk.status === 'done' ? 'growth.talk.done' : 'growth.talk.open')}
        </span>
      </div>
      <p>{talk.why}</p>
      <p class="muted">{t('growth.talk.due', { at: formatDateTime(talk.dueAt) })}</p>
      <details open={talk.status === 'open'}>
        <summary>{t('growth.talk.points')}</summary>
        <ol class="talk-points">
          {talk.points.map((p) => (
            <li>{p}</li>
          ))}
        </ol>
      </details>
      {done.error && <Notice tone="error">{done.error.message}</Notice>}
      {talk.status === 'open' && (
        <button
          type="button"
          class="primary"
          disabled={done.busy}
          onClick={async () => {
            if (await done.run(() => api('POST', `/team/talks/${talk.id}/done`))) onDone();
          }}
        >
          {t('growth.talk.markDone')}
        </button>
      )}
    </li>
  );
}

/** Performance conversations I am asked to hold (a dimension that dropped twice in a row); nothing when none. */
function Talks() {
  const [load, reload] = useApi<Answer<'GET /team/talks'>>('/team/talks');
  if (load.state !== 'ok' || load.data.talks.length === 0) return null;
  return (
    <section id="talks">
      <h2>{t('growth.talks')}</h2>
      <p class="muted">{t('growth.talks.help')}</p>
      <ul class="list">
        {load.data.talks.map((talk) => (
          <TalkItem talk={talk} onDone={reload} />
        ))}
      </ul>
    </section>
  );
}

type FeedbackRow = Answer<'GET /feedback'>['received'][number];

function Received({ f, onDone }: { f: FeedbackRow; onDone: () => void }) {
  const ack = useSubmit<Answer<'POST /feedback/:id/ack'>>();
  return (
    <li class="card" data-feedback={f.id} data-acknowledged={f.acknowledgedAt !== null}>
      <strong>{t('growth.feedback.from', { name: f.name })}</strong>
      <p class="materials">{f.comment}</p>
      <p class="muted">{formatDateTime(f.createdAt)}</p>
      {ack.error && <Notice tone="error">{ack.error.message}</Notice>}
      {f.acknowledgedAt === null ? (
        <button
          type="button"
          class="primary"
          disabled={ack.busy}
          onClick={async () => {
            if (await ack.run(() => api('POST', `/feedback/${f.id}/ack`))) onDone();
          }}
        >
          {t('growth.feedback.ack')}
        </button>
      ) : (
        <span class="badge approved">{t('growth.feedback.acked')}</span>
      )}
    </li>
  );
}

/** Feedback shared right away: what I received (to acknowledge) and what I shared (acknowledged or not). */
function FeedbackSection() {
  const [load, reload] = useApi<Answer<'GET /feedback'>>('/feedback');
  if (load.state !== 'ok' || (load.data.received.length === 0 && load.data.sent.length === 0)) return null;
  const { received, sent } = load.data;
  return (
    <section id="feedback">
      <h2>{t('growth.feedback')}</h2>
      {received.length > 0 && (
        <ul class="list">
          {received.map((f) => (
            <Received f={f} onDone={reload} />
          ))}
        </ul>
      )}
      {sent.length > 0 && (
        <>
          <h3>{t('growth.feedback.sent')}</h3>
          <ul class="list" id="feedback-sent">
            {sent.map((f) => (
              <li class="card" data-feedback={f.id} data-acknowledged={f.acknowledgedAt !== null}>
                <strong>{t('growth.feedback.to', { name: f.name })}</strong>
                <p class="materials">{f.comment}</p>
                <p class="muted">
                  {f.acknowledgedAt === null
                    ? t('growth.feedback.waiting')
                    : t('growth.feedback.ackedAt', { at: formatDateTime(f.acknowledgedAt) })}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function TrainingPage() {
  const [load, reload] = useApi<Answer<'GET /training'>>('/training');
  return (
    <Page title={t('nav.training')}>
      <section id="my-training">
        <Loaded load={load}>
          {({ records, canMark }) =>
            records.length === 0 ? (
              <p class="card muted">{t('growth.none')}</p>
            ) : (
              <Records records={records} canMark={canMark} onDone={reload} />
            )
          }
        </Loaded>
      </section>
      <FeedbackSection />
      <Talks />
      <TeamTraining />
    </Page>
  );
}
