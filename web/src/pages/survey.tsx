// Answering a pulse survey: one tap per question, errors at the question, anonymous by construction. Each
// scale says what its ends mean (agreement for the template's items, likelihood for the eNPS question), each
// question says which of how many it is, and a bar shows how many are answered.
import type { Answer } from '../../../src/contract/index.js';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { keepConversation } from '../conversation-keys.js';
import { t } from '../i18n/index.js';
import type { SurveyForm } from '../types.js';
import { ErrorSummary, Loaded, Notice, Page, useApi, useSubmit, type SummaryField } from '../ui.js';

/** What the ends of a scale mean: agreement (the template's items) or likelihood (eNPS, 0–10). */
type ScaleKind = 'agree' | 'likely';

interface ScaleProps {
  field: string;
  text: string;
  min: number;
  max: number;
  kind: ScaleKind;
  n: number;
  total: number;
  value?: string;
  error?: string;
  onPick: (v: string) => void;
}

function Scale({ field, text, min, max, kind, n, total, value, error, onPick }: ScaleProps) {
  const low = t(`survey.anchor.${kind}.low`);
  const high = t(`survey.anchor.${kind}.high`);
  const errorId = `q-${field}-error`;
  const anchorsId = `q-${field}-anchors`;
  return (
    <fieldset
      class={`question${error ? ' invalid' : ''}`}
      data-field={field}
      id={`q-${field}`}
      aria-describedby={anchorsId}
    >
      <legend>
        <span class="qnum" aria-hidden="true">{`${n}/${total}`}</span>
        <span class="sr-only">{t('survey.question', { n, total })} </span>
        {text}
      </legend>
      <div class="scale">
        {Array.from({ length: max - min + 1 }, (_, i) => String(min + i)).map((v) => (
          <label class={`rate${value === v ? ' on' : ''}`}>
            <input
              type="radio"
              name={field}
              value={v}
              checked={value === v}
              onChange={() => onPick(v)}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? errorId : undefined}
            />
            {v}
            {/* The ends carry their meaning in their name ("1 Strongly disagree"); the row below shows it. */}
            {v === String(min) && <span class="sr-only"> {low}</span>}
            {v === String(max) && <span class="sr-only"> {high}</span>}
          </label>
        ))}
      </div>
      <p class="scale-anchors" id={anchorsId} data-anchors={kind}>
        <span>{`${min} = ${low}`}</span>
        <span>{`${max} = ${high}`}</span>
      </p>
      {error && (
        <p class="ferr" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function Survey({ waveId }: { waveId: string }) {
  const [load] = useApi<SurveyForm>(`/surveys/${encodeURIComponent(waveId)}`);
  const [values, setValues] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  /** With a comment: the author's own conversation key (issue 23 item 1), kept on this device. */
  const [kept, setKept] = useState(false);
  const submit = useSubmit<Answer<'POST /surveys/:id/answers'>>();
  const pick = (field: string) => (v: string) => setValues((old) => ({ ...old, [field]: v }));
  return (
    <Page title={load.state === 'ok' ? load.data.form.title : t('survey.title')}>
      <Loaded load={load}>
        {({ form, answered, open }) => {
          if (done || answered)
            return (
              <>
                <Notice tone="success">{t('survey.thanks')}</Notice>
                {kept && (
                  <p class="conv-kept">
                    {t('conv.survey.kept')} <a href="/app/conversation">{t('conv.survey.link')}</a>
                  </p>
                )}
              </>
            );
          if (!open) return <Notice tone="info">{t('survey.closed')}</Notice>;
          const errors = submit.error?.fields ?? {};
          const items = form.sections.flatMap((sec) => sec.items);
          const total = items.length + (form.enps ? 1 : 0);
          const answeredCount = [...items.map((i) => i.field), ...(form.enps ? [form.enps.field] : [])].filter(
            (f) => values[f] !== undefined,
          ).length;
          // Form order, for the error summary: each question by its number and text, then the comment.
          const summary: SummaryField[] = [
            ...items.map((i, n) => ({ field: i.field, label: `${n + 1}/${total} ${i.text}`, target: `q-${i.field}` })),
            ...(form.enps
              ? [
                  {
                    field: form.enps.field,
                    label: `${total}/${total} ${form.enps.text}`,
                    target: `q-${form.enps.field}`,
                  },
                ]
              : []),
            { field: 'comment', label: t('survey.comment') },
          ];
          let n = 0;
          return (
            <form
              class="survey"
              noValidate
              onSubmit={async (e) => {
                e.preventDefault();
                const r = await submit.run(() => api('POST', `/surveys/${form.waveId}/answers`, { values }));
                if (r?.replyKey) {
                  keepConversation(r.replyKey, values.comment ?? '');
                  setKept(true);
                }
                if (r) setDone(true);
              }}
            >
              <details class="privacy-notice">
                <summary>{t('survey.notice.title')}</summary>
                <p>{t('survey.notice.body', { k: form.k, ck: form.commentK })}</p>
              </details>
              <p class="muted">
                {t('survey.anonymous', { k: form.k })} {t('home.closes', { when: form.closesAt })}
              </p>
              <div class="survey-progress" data-done={answeredCount} data-total={total}>
                <span id="survey-progress-label">{t('survey.progress', { done: answeredCount, total })}</span>
                <progress value={answeredCount} max={total} aria-labelledby="survey-progress-label" />
              </div>
              {form.sections.map((sec) => (
                <section>
                  <h2>{sec.name}</h2>
                  {sec.items.map((i) => (
                    <Scale
                      {...i}
                      kind="agree"
                      n={++n}
                      total={total}
                      value={values[i.field]}
                      error={errors[i.field]}
                      onPick={pick(i.field)}
                    />
                  ))}
                </section>
              ))}
              {form.enps && (
                <Scale
                  field={form.enps.field}
                  text={form.enps.text}
                  min={0}
                  max={10}
                  kind="likely"
                  n={total}
                  total={total}
                  value={values[form.enps.field]}
                  error={errors[form.enps.field]}
                  onPick={pick(form.enps.field)}
                />
              )}
              {form.commentEnabled && (
                <div class={`field${errors.comment ? ' invalid' : ''}`} data-field="comment">
                  <label for="comment">{t('survey.comment')}</label>
                  <textarea
                    id="comment"
                    name="comment"
                    maxLength={form.commentMax}
                    value={values.comment ?? ''}
                    onInput={(e) => setValues((o) => ({ ...o, comment: e.currentTarget.value }))}
                    aria-invalid={errors.comment ? 'true' : undefined}
                    aria-describedby={errors.comment ? 'comment-error' : undefined}
                  />
                  {errors.comment && (
                    <p class="ferr" id="comment-error">
                      {errors.comment}
                    </p>
                  )}
                </div>
              )}
              <ErrorSummary error={submit.error} fields={summary} />
              <button type="submit" class="primary block" disabled={submit.busy}>
                {t('survey.submit')}
              </button>
            </form>
          );
        }}
      </Loaded>
    </Page>
  );
}
