// Answering a pulse survey: one tap per question, errors at the question, anonymous by construction.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { t } from '../i18n/index.js';
import type { SurveyForm } from '../types.js';
import { Loaded, Notice, Page, useApi, useSubmit } from '../ui.js';

function Scale({ field, text, min, max, value, error, onPick }: { field: string; text: string; min: number; max: number; value?: string; error?: string; onPick: (v: string) => void }) {
  return (
    <fieldset class={`question${error ? ' invalid' : ''}`} data-field={field}>
      <legend>{text}</legend>
      <div class="scale">
        {Array.from({ length: max - min + 1 }, (_, i) => String(min + i)).map((v) => (
          <label class={`rate${value === v ? ' on' : ''}`}>
            <input type="radio" name={field} value={v} checked={value === v} onChange={() => onPick(v)} />
            {v}
          </label>
        ))}
      </div>
      {error && <p class="ferr">{error}</p>}
    </fieldset>
  );
}

export function Survey({ waveId }: { waveId: string }) {
  const [load] = useApi<SurveyForm>(`/surveys/${encodeURIComponent(waveId)}`);
  const [values, setValues] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const submit = useSubmit<{ ok: true }>();
  const pick = (field: string) => (v: string) => setValues((old) => ({ ...old, [field]: v }));
  return (
    <Page title={load.state === 'ok' ? load.data.form.title : t('survey.title')}>
      <Loaded load={load}>
        {({ form, answered, open }) => {
          if (done || answered) return <Notice tone="success">{t('survey.thanks')}</Notice>;
          if (!open) return <Notice tone="info">{t('survey.closed')}</Notice>;
          const errors = submit.error?.fields ?? {};
          return (
            <form
              class="survey"
              noValidate
              onSubmit={async (e) => {
                e.preventDefault();
                const r = await submit.run(() => api('POST', `/surveys/${form.waveId}/answers`, { values }));
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
              {form.sections.map((s) => (
                <section>
                  <h2>{s.name}</h2>
                  {s.items.map((i) => (
                    <Scale {...i} value={values[i.field]} error={errors[i.field]} onPick={pick(i.field)} />
                  ))}
                </section>
              ))}
              {form.enps && <Scale field={form.enps.field} text={form.enps.text} min={0} max={10} value={values[form.enps.field]} error={errors[form.enps.field]} onPick={pick(form.enps.field)} />}
              {form.commentEnabled && (
                <div class={`field${errors.comment ? ' invalid' : ''}`} data-field="comment">
                  <label for="comment">{t('survey.comment')}</label>
                  <textarea id="comment" name="comment" maxLength={form.commentMax} value={values.comment ?? ''} onInput={(e) => setValues((o) => ({ ...o, comment: e.currentTarget.value }))} />
                  {errors.comment && <p class="ferr">{errors.comment}</p>}
                </div>
              )}
              {submit.error && <Notice tone="error">{submit.error.message}</Notice>}
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
