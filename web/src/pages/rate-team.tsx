// Rate my team: one form per open cycle the viewer rates in, people × dimensions, prefilled with their
// current ratings and saved with the same rules as the chat rater card (errors come back per field; a
// cycle that closed meanwhile says so).
import type { Answer } from '../../../src/contract/index.js';
import { useState } from 'preact/hooks';
import { api, type ApiFailure } from '../api.js';
import { formatDateTime, t } from '../i18n/index.js';
import type { RaterForm } from '../types.js';
import { Failure, Field, Loaded, Notice, useApi, useSubmit } from '../ui.js';

const SCALE = ['1', '2', '3', '4', '5'];

function initialValues(form: RaterForm): Record<string, string> {
  const v: Record<string, string> = {};
  for (const p of form.people) {
    for (const d of p.dimensions) v[d.field] = d.value === null ? '' : String(d.value);
    v[p.commentField] = p.comment;
  }
  return v;
}

/** Share the comment with the person now, not only at the cycle's close (they get a card to acknowledge it). */
function ShareNow({ subjectId, comment }: { subjectId: number; comment: string }) {
  const share = useSubmit<Answer<'POST /feedback'>>();
  const [shared, setShared] = useState(false);
  return (
    <div class="row">
      <button
        type="button"
        disabled={share.busy}
        onClick={async () => {
          setShared(false);
          if (await share.run(() => api('POST', '/feedback', { subjectId, comment }))) setShared(true);
        }}
      >
        {t('growth.feedback.shareNow')}
      </button>
      {shared && <Notice tone="success">{t('growth.feedback.shared')}</Notice>}
      {share.error && <Notice tone="error">{share.error.message}</Notice>}
    </div>
  );
}

function CycleForm({ form, onSaved }: { form: RaterForm; onSaved: () => void }) {
  const [values, setValues] = useState(() => initialValues(form));
  const [saved, setSaved] = useState<number>();
  const submit = useSubmit<Answer<'POST /team/ratings/:id'>>();
  const errors = submit.error?.fields ?? {};
  const set = (field: string) => (e: { currentTarget: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.currentTarget.value }));
  return (
    <form
      class="card rater"
      data-cycle={form.cycleId}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(undefined);
        const r = await submit.run(() => api('POST', `/team/ratings/${form.cycleId}`, values));
        if (r) {
          setSaved(r.changed);
          onSaved();
        }
      }}
    >
      <h3>
        {form.scheme} · {t('ratings.cycle', { id: form.cycleId })}
      </h3>
      <p class="muted">{t('rate.until', { date: formatDateTime(form.closesAt) })}</p>
      {saved !== undefined && <Notice tone="success">{t('rate.saved', { n: saved })}</Notice>}
      {submit.error && <Notice tone="error">{submit.error.message}</Notice>}
      {form.people.map((p) => (
        <fieldset data-subject={p.subjectId}>
          <legend>{p.name}</legend>
          <div class="row">
            {p.dimensions.map((d) => (
              <Field id={d.field} label={d.name} error={errors[d.field]}>
                <select id={d.field} value={values[d.field]} onChange={set(d.field)}>
                  <option value="">—</option>
                  {SCALE.map((n) => (
                    <option value={n}>{n}</option>
                  ))}
                </select>
              </Field>
            ))}
          </div>
          <Field id={p.commentField} label={t('rate.comment', { name: p.name })} error={errors[p.commentField]}>
            <textarea
              id={p.commentField}
              value={values[p.commentField]}
              onInput={set(p.commentField)}
              maxLength={500}
              rows={2}
            />
          </Field>
          <ShareNow subjectId={p.subjectId} comment={values[p.commentField] ?? ''} />
        </fieldset>
      ))}
      <button type="submit" class="primary" disabled={submit.busy}>
        {t('rate.save')}
      </button>
    </form>
  );
}

export function RateTeam({ onSaved, forbidden }: { onSaved: () => void; forbidden?: ApiFailure }) {
  // Not fetched again after a save: the form already holds what was saved, and keeps its notice.
  const [load] = useApi<Answer<'GET /team/ratings/forms'>>('/team/ratings/forms');
  // The team report was refused: without rater tasks there is nothing here for this person at all.
  if (forbidden && load.state !== 'ok')
    return load.state === 'loading' ? <p class="muted">{t('loading')}</p> : <Failure error={forbidden} />;
  if (forbidden && load.state === 'ok' && load.data.forms.length === 0) return <Failure error={forbidden} />;
  return (
    <section id="rate-team">
      {forbidden && (
        <p class="notice info" id="report-managers-only">
          {t('x.fs.rate.reportManagersOnly')}
        </p>
      )}
      <h2>{t('rate.title')}</h2>
      <Loaded load={load}>
        {({ forms }) =>
          forms.length === 0 ? (
            <p class="card muted">{t('rate.none')}</p>
          ) : (
            forms.map((f) => <CycleForm key={f.cycleId} form={f} onSaved={onSaved} />)
          )
        }
      </Loaded>
    </section>
  );
}
