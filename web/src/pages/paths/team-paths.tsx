// The team page's development paths (issue 25 §4): each person the viewer leads who is on a path, with their stage,
// courses completed and "behind", linked to their path page; and a form to put someone on a path. After a transfer
// the person shows here for the receiving head, and no longer for the old manager (the server decides).
import { useState } from 'preact/hooks';
import type { Answer } from '../../../../src/contract/index.js';
import { api } from '../../api.js';
import { t } from '../../i18n/index.js';
import { Field, Loaded, Notice, useApi, useSubmit } from '../../ui.js';

type TeamPathsAnswer = Answer<'GET /team/paths'>;

function Assign({ data, onDone }: { data: TeamPathsAnswer; onDone: () => void }) {
  const [who, setWho] = useState(String(data.unassigned[0]?.id ?? ''));
  const [which, setWhich] = useState(String(data.paths[0]?.id ?? ''));
  const [startedOn, setStartedOn] = useState('');
  const submit = useSubmit<Answer<'POST /path/assign'>>();
  if (data.unassigned.length === 0 || data.paths.length === 0) return null;
  return (
    <form
      id="assign-path"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await submit.run(() =>
          api('POST', '/path/assign', {
            employeeId: Number(who),
            pathId: Number(which),
            ...(startedOn ? { startedOn } : {}),
          }),
        );
        if (r) onDone();
      }}
    >
      <h3>{t('paths.team.assign')}</h3>
      {submit.error && !submit.error.fields.startedOn && <Notice tone="error">{submit.error.message}</Notice>}
      <div class="row">
        <Field id="assignWho" label={t('paths.team.who')}>
          <select id="assignWho" value={who} onChange={(e) => setWho(e.currentTarget.value)}>
            {data.unassigned.map((p) => (
              <option value={String(p.id)}>{p.name}</option>
            ))}
          </select>
        </Field>
        <Field id="assignWhich" label={t('paths.team.which')}>
          <select id="assignWhich" value={which} onChange={(e) => setWhich(e.currentTarget.value)}>
            {data.paths.map((p) => (
              <option value={String(p.id)}>{p.name}</option>
            ))}
          </select>
        </Field>
        <Field id="assignStarted" label={t('paths.team.startedOn')} error={submit.error?.fields.startedOn}>
          <input
            id="assignStarted"
            type="date"
            value={startedOn}
            onInput={(e) => setStartedOn(e.currentTarget.value)}
          />
        </Field>
      </div>
      <button type="submit" class="primary" disabled={submit.busy}>
        {t('paths.team.assignButton')}
      </button>
    </form>
  );
}

export function TeamPaths() {
  const [load, reload] = useApi<TeamPathsAnswer>('/team/paths');
  // Kept here: a reload redraws the section (and the form) from scratch.
  const [assigned, setAssigned] = useState(false);
  if (load.state === 'error' && load.error.status === 403) return null;
  return (
    <>
      {assigned && <Notice tone="success">{t('paths.team.assigned')}</Notice>}
      <Loaded load={load}>
        {(data) => (
          <section class="card" id="team-paths">
            <h2>{t('paths.team.title')}</h2>
            {data.people.length === 0 ? (
              <p class="muted">{t('paths.team.none')}</p>
            ) : (
              <ul class="list">
                {data.people.map((p) => (
                  <li data-person={p.id} data-behind={p.behind ? 'yes' : 'no'}>
                    <div class="row spread">
                      <a href={`/app/path?person=${p.id}`}>{p.name}</a>
                      {p.finished ? (
                        <span class="badge approved">{t('paths.team.done')}</span>
                      ) : p.behind ? (
                        <span class="badge rejected">{t('paths.team.behind')}</span>
                      ) : null}
                    </div>
                    <p class="muted">
                      {p.path}
                      {p.stageName &&
                        ` · ${t('paths.team.stageOf', { n: p.stage + 1, total: p.stages, name: p.stageName })}`}
                      {' · '}
                      {t('paths.progress', { done: p.done, total: p.total })}
                    </p>
                    <progress
                      max={p.total}
                      value={p.done}
                      aria-label={`${p.name}: ${t('paths.progress', { done: p.done, total: p.total })}`}
                    />
                  </li>
                ))}
              </ul>
            )}
            <Assign
              data={data}
              onDone={() => {
                setAssigned(true);
                reload();
              }}
            />
          </section>
        )}
      </Loaded>
    </>
  );
}
