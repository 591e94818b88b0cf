// A person's status page (issue 25 §1) for HR and their manager chain: the signals first (each a rule over the
// facts below, with "Propose a conversation"), then ratings, attendance and task completion as charts (with
// their values as tables), points, training and conversations. The server refuses anyone else with the reason
// (403), shown alone. Anonymous survey answers are never part of it, and the page says so.
import { useState } from 'preact/hooks';
import type { Answer } from '../../../../src/contract/index.js';
import { api } from '../../api.js';
import { LineChart } from '../../charts/line-chart.js';
import { t } from '../../i18n/index.js';
import { forbiddenOf, ForbiddenPage, Loaded, Notice, Page, useApi, useSubmit } from '../../ui.js';

type Status = Answer<'GET /people/:id/status'>;
type Signal = Status['signals'][number];

export function PersonStatusPage({ id }: { id: string }) {
  const [load, reload] = useApi<Status>(`/people/${id}/status`);
  // Kept here: the page reloads after a proposal, and the sections below are drawn again.
  const [proposed, setProposed] = useState<string>();
  const forbidden = forbiddenOf(load);
  if (forbidden) return <ForbiddenPage title={t('status.titlePlain')} error={forbidden} />;
  const title = load.state === 'ok' ? t('status.title', { name: load.data.person.name }) : t('status.titlePlain');
  return (
    <Page title={title}>
      <Loaded load={load}>
        {(s) => (
          <>
            <p class="muted" data-person-unit>
              {[s.person.title, s.person.unit].filter(Boolean).join(' · ')}
            </p>
            {!s.person.active && <Notice tone="info">{t('status.left')}</Notice>}
            <Notice tone="info">
              <span data-anonymous-note>{t('status.anonymous')}</span> {t('status.audited')}
            </Notice>
            <Signals
              personId={s.person.id}
              signals={s.signals}
              proposed={proposed}
              onProposed={(message) => {
                setProposed(message);
                reload();
              }}
            />
            <Ratings ratings={s.ratings} />
            <Attendance weeks={s.attendance} />
            <Tasks tasks={s.tasks} />
            <Points points={s.points} />
            <Training training={s.training} />
            <Talks talks={s.talks} />
          </>
        )}
      </Loaded>
    </Page>
  );
}

function Signals({
  personId,
  signals,
  proposed,
  onProposed,
}: {
  personId: number;
  signals: Signal[];
  proposed: string | undefined;
  onProposed: (message: string) => void;
}) {
  return (
    <section class="card" id="status-signals">
      <h2>{t('status.signals')}</h2>
      <p class="muted">{t('status.signals.help')}</p>
      {proposed && <Notice tone="success">{proposed}</Notice>}
      {signals.length === 0 ? (
        <p class="muted">{t('status.signals.none')}</p>
      ) : (
        <ul class="list">
          {signals.map((s) => (
            <SignalItem key={`${s.rule}:${s.dimension}`} personId={personId} signal={s} onProposed={onProposed} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SignalItem({
  personId,
  signal,
  onProposed,
}: {
  personId: number;
  signal: Signal;
  onProposed: (message: string) => void;
}) {
  const propose = useSubmit<Answer<'POST /people/:id/status/talks'>>();
  return (
    <li data-signal={signal.rule}>
      <p>{signal.text}</p>
      {propose.error && <Notice tone="error">{propose.error.message}</Notice>}
      {signal.talk ? (
        <p class="muted" data-talk={signal.talk.status}>
          {t('status.already', { status: t(signal.talk.status === 'open' ? 'status.talk.open' : 'status.talk.done') })}
        </p>
      ) : (
        <button
          type="button"
          class="primary"
          disabled={propose.busy}
          onClick={async () => {
            const r = await propose.run(() =>
              api('POST', `/people/${personId}/status/talks`, {
                cycleId: signal.cycleId,
                dimension: signal.dimension,
              }),
            );
            if (r) onProposed(t('status.proposed', { manager: r.manager.name }));
          }}
        >
          {t('status.propose')}
        </button>
      )}
    </li>
  );
}

function Ratings({ ratings }: { ratings: Status['ratings'] }) {
  const dims = ratings.at(-1)?.dimensions ?? [];
  return (
    <section class="card" id="status-ratings">
      <h2>{t('status.ratings')}</h2>
      {ratings.length === 0 ? (
        <p class="muted">{t('status.ratings.none')}</p>
      ) : (
        <>
          <LineChart
            label={t('status.ratings')}
            labels={ratings.map((r) => r.closed)}
            min={1}
            max={5}
            series={[
              { label: t('status.composite'), values: ratings.map((r) => r.composite) },
              ...dims.map((d) => ({
                label: d.name,
                values: ratings.map((r) => r.dimensions.find((x) => x.key === d.key)?.score ?? null),
              })),
            ]}
          />
          <p class="muted" data-lowest>
            {t('status.lowest', { dims: ratings.at(-1)!.lowest.join(', ') })}
          </p>
        </>
      )}
    </section>
  );
}

function Attendance({ weeks }: { weeks: Status['attendance'] }) {
  const recorded = weeks.some((w) => w.recorded > 0);
  // A week without records is a gap, not a perfect week.
  const of = (k: 'late' | 'absent' | 'notClockedIn' | 'onLeave') => weeks.map((w) => (w.recorded ? w[k] : null));
  return (
    <section class="card" id="status-attendance">
      <h2>{t('status.attendance')}</h2>
      {!recorded ? (
        <p class="muted">{t('status.attendance.none')}</p>
      ) : (
        <LineChart
          label={t('status.attendance')}
          labels={weeks.map((w) => w.week.slice(5))}
          min={0}
          series={[
            { label: t('status.late'), values: of('late') },
            { label: t('status.absent'), values: of('absent') },
            { label: t('status.notClockedIn'), values: of('notClockedIn') },
            { label: t('status.onLeave'), values: of('onLeave') },
          ]}
        />
      )}
    </section>
  );
}

function Tasks({ tasks }: { tasks: Status['tasks'] }) {
  return (
    <section class="card" id="status-tasks">
      <h2>{t('status.tasks')}</h2>
      {tasks.length === 0 ? (
        <p class="muted">{t('status.tasks.none')}</p>
      ) : (
        <LineChart
          label={t('status.tasks')}
          labels={tasks.map((x) => x.period)}
          min={0}
          max={100}
          series={[{ label: t('status.tasks'), values: tasks.map((x) => x.value) }]}
        />
      )}
    </section>
  );
}

function Points({ points }: { points: Status['points'] }) {
  return (
    <section class="card" id="status-points">
      <h2>{t('status.points')}</h2>
      <p data-balance>{t('status.balance', { points: points.balance })}</p>
      {points.claims.length === 0 ? (
        <p class="muted">{t('status.claims.none')}</p>
      ) : (
        <ul class="list">
          {points.claims.map((c) => (
            <li key={c.requestId} data-claim={c.status}>
              <a href={`/app/requests/${c.requestId}`}>{c.description}</a>
              <br />
              <span class="muted">
                {t('status.claim', { points: c.points, status: c.statusText, date: c.created })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Training({ training }: { training: Status['training'] }) {
  return (
    <section class="card" id="status-training">
      <h2>{t('status.training')}</h2>
      {training.length === 0 ? (
        <p class="muted">{t('status.training.none')}</p>
      ) : (
        <ul class="list">
          {training.map((c, i) => (
            <li key={i} data-training={c.state}>
              {c.course} · <span class="muted">{c.stateText}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Talks({ talks }: { talks: Status['talks'] }) {
  return (
    <section class="card" id="status-talks">
      <h2>{t('status.talks')}</h2>
      {talks.length === 0 ? (
        <p class="muted">{t('status.talks.none')}</p>
      ) : (
        <ul class="list">
          {talks.map((x) => (
            <li key={x.id} data-talk-status={x.status}>
              {t('status.talk', {
                dimension: x.dimension,
                scores: x.scores.map((n) => n.toFixed(1)).join(' → '),
                due: x.due,
              })}{' '}
              · <span class="muted">{x.done ? t('status.talk.heldOn', { date: x.done }) : t('status.talk.open')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
