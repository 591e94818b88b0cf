// A development path as its person (My path) or their manager, head or HR (?person=id) sees it (issue 25 §4):
// the stages in order with their months, each course completed (when, by whom) or open, "behind" when a stage's
// months have passed; whoever may mark marks a course of the current stage, and finishing it moves the stage on.
import { useState } from 'preact/hooks';
import type { Answer } from '../../../../src/contract/index.js';
import { api } from '../../api.js';
import { formatDateTime, t, type WebKey } from '../../i18n/index.js';
import { useLocation } from '../../router.js';
import { forbiddenOf, ForbiddenPage, Loaded, Notice, Page, useApi, useSubmit } from '../../ui.js';

type PathAnswer = Answer<'GET /path'>;
type Progress = NonNullable<PathAnswer['progress']>;
type Mark = Answer<'POST /path/mark'>;

const STATE_BADGE = { done: 'approved', current: 'pending', upcoming: 'returned' } as const;

function Stages({ a, p, onMarked }: { a: PathAnswer; p: Progress; onMarked: (m: Mark) => void }) {
  const mark = useSubmit<Mark>();
  return (
    <ol class="list path-stages">
      {p.stages.map((s, i) => (
        <li class="card" data-stage={i + 1} data-state={s.state}>
          <div class="row spread">
            <h2>{t('paths.stage', { n: i + 1, name: s.name })}</h2>
            <span class={`badge ${STATE_BADGE[s.state]}`}>{t(`paths.state.${s.state}` as WebKey)}</span>
          </div>
          <p class="muted">{t('paths.months', { from: s.fromMonth, to: s.toMonth })}</p>
          <ul class="list">
            {s.courses.map((c) => (
              <li data-course={c.id} data-done={c.completedAt ? 'yes' : 'no'}>
                <div class="row spread">
                  {c.url ? <a href={c.url}>{c.name}</a> : <span>{c.name}</span>}
                  {c.completedAt ? (
                    <span class="muted">
                      {t('paths.course.done', { date: formatDateTime(c.completedAt), by: c.markedBy ?? '' })}
                    </span>
                  ) : s.state === 'current' && a.canMark ? (
                    <button
                      type="button"
                      class="primary"
                      disabled={mark.busy}
                      aria-label={`${t('paths.course.mark')}: ${c.name}`}
                      onClick={async () => {
                        const r = await mark.run(() =>
                          api('POST', '/path/mark', { employeeId: a.person.id, courseId: c.id }),
                        );
                        if (r) onMarked(r);
                      }}
                    >
                      {t('paths.course.mark')}
                    </button>
                  ) : (
                    <span class="muted">{t('paths.course.open')}</span>
                  )}
                </div>
              </li>
            ))}
          </ul>
          {s.state === 'current' && mark.error && <Notice tone="error">{mark.error.message}</Notice>}
        </li>
      ))}
    </ol>
  );
}

export function MyPath() {
  const { query } = useLocation();
  const person = query.get('person');
  const [load, reload] = useApi<PathAnswer>(person ? `/path?person=${encodeURIComponent(person)}` : '/path');
  const [done, setDone] = useState<Mark>();
  const forbidden = forbiddenOf(load);
  if (forbidden) return <ForbiddenPage title={t('paths.mine.title')} error={forbidden} />;
  const title =
    load.state === 'ok' && !load.data.own
      ? t('paths.person.title', { name: load.data.person.name })
      : t('paths.mine.title');
  return (
    <Page title={title}>
      {done && (
        <Notice tone="success">
          {t(done.finished ? 'paths.course.finishedAll' : done.moved ? 'paths.course.moved' : 'paths.course.marked')}
        </Notice>
      )}
      <Loaded load={load}>
        {(a) =>
          !a.progress ? (
            <p class="card muted" id="no-path">
              {a.own ? t('paths.none') : t('paths.noneFor', { name: a.person.name })}
            </p>
          ) : (
            <>
              <section class="card" id="path-summary">
                <h2>{a.progress.path}</h2>
                {a.progress.role && <p class="muted">{t('paths.role', { role: a.progress.role })}</p>}
                <p>
                  {t('paths.started', { date: a.progress.startedOn, months: a.progress.monthsElapsed + 1 })}
                  {' · '}
                  {t('paths.progress', { done: a.progress.done, total: a.progress.total })}
                </p>
                <progress
                  max={a.progress.total}
                  value={a.progress.done}
                  aria-label={t('paths.progress', { done: a.progress.done, total: a.progress.total })}
                />
                {a.progress.finishedAt && <p>{t('paths.finished', { date: formatDateTime(a.progress.finishedAt) })}</p>}
                {a.progress.behind && <Notice tone="info">{t('paths.behind')}</Notice>}
              </section>
              <Stages
                a={a}
                p={a.progress}
                onMarked={(m) => {
                  setDone(m);
                  reload();
                }}
              />
            </>
          )
        }
      </Loaded>
    </Page>
  );
}
