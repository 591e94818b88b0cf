// HR: the course catalogue that rating recommendations draw on — the list, and adding a course tagged
// with the rating dimension it helps with.
import type { Answer } from '../../../src/contract/index.js';
import { api } from '../api.js';
import { locale, t } from '../i18n/index.js';
import { Field, Loaded, Notice, useApi } from '../ui.js';
import { useAddForm } from './catalogue-admin.js';

const EMPTY = { nameZh: '', nameEn: '', dimension: '', url: '', materials: '' };

const num = (n: number | null) => (n === null ? '—' : n.toFixed(2));
const signed = (n: number) => `${n > 0 ? '+' : ''}${n.toFixed(2)}`;

function Group({ label, g }: { label: string; g: Answer<'GET /hr/courses/effects'>['courses'][number]['completed'] }) {
  return (
    <li>
      {label}:{' '}
      {g.change === null ? (
        <span class="muted">{t('growth.effects.noData')}</span>
      ) : (
        <strong>
          {t('growth.effects.line', { before: num(g.before), after: num(g.after), change: signed(g.change) })}
        </strong>
      )}
    </li>
  );
}

/** Each course's dimension before vs after completion, completers vs everyone else (the server computes it). */
function CourseEffects() {
  const [load] = useApi<Answer<'GET /hr/courses/effects'>>('/hr/courses/effects');
  return (
    <section class="card" id="course-effects">
      <h2>{t('growth.effects')}</h2>
      <p class="muted">{t('growth.effects.help')}</p>
      <Loaded load={load}>
        {({ courses }) => (
          <ul class="list">
            {courses.map((c) => (
              <li data-course-effect={c.id}>
                <strong>{c.course}</strong> <span class="muted">· {c.dimension}</span>
                {c.completions === 0 ? (
                  <p class="muted">{t('growth.effects.none')}</p>
                ) : (
                  <ul>
                    <Group label={t('growth.effects.completed', { people: c.completed.people })} g={c.completed} />
                    <Group label={t('growth.effects.others', { people: c.others.people })} g={c.others} />
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </section>
  );
}

export function HrCourses() {
  const [load, reload] = useApi<Answer<'GET /hr/courses'>>('/hr/courses');
  const { form, set, added, submit, errors, onSubmit } = useAddForm(
    EMPTY,
    (f) => api<Answer<'POST /hr/courses'>>('POST', '/hr/courses', f),
    reload,
  );
  return (
    <>
      <section id="courses">
        <h2>{t('courses.title')}</h2>
        {added !== undefined && <Notice tone="success">{t('courses.added', { id: added })}</Notice>}
        <Loaded load={load}>
          {({ courses }) => (
            <div class="card">
              <ul class="list">
                {courses.map((c) => (
                  <li data-course={c.id}>
                    <strong>{locale() === 'en' ? c.nameEn : c.nameZh}</strong>{' '}
                    <span class="muted" title={c.dimension}>
                      · {c.dimensionLabel}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </Loaded>
        <form class="card" id="new-course" noValidate onSubmit={onSubmit}>
          <h3>{t('courses.new')}</h3>
          {submit.error && !Object.keys(errors).length && <Notice tone="error">{submit.error.message}</Notice>}
          <Field id="courseNameZh" label={t('courses.nameZh')} error={errors.nameZh}>
            <input id="courseNameZh" value={form.nameZh} onInput={set('nameZh')} maxLength={60} />
          </Field>
          <Field id="courseNameEn" label={t('courses.nameEn')} error={errors.nameEn}>
            <input id="courseNameEn" value={form.nameEn} onInput={set('nameEn')} maxLength={80} />
          </Field>
          <Field id="courseDimension" label={t('courses.dimension')} error={errors.dimension}>
            {/* The schemes' dimensions by name; the key is what is stored. */}
            <select id="courseDimension" value={form.dimension} onChange={set('dimension')}>
              <option value="">{t('courses.dimension.choose')}</option>
              {(load.state === 'ok' ? load.data.dimensions : []).map((d) => (
                <option value={d.key}>{d.label}</option>
              ))}
            </select>
          </Field>
          <Field id="courseUrl" label={t('courses.url')} error={errors.url}>
            <input id="courseUrl" type="url" value={form.url} onInput={set('url')} />
          </Field>
          <Field id="courseMaterials" label={t('courses.materials')} error={errors.materials}>
            <textarea
              id="courseMaterials"
              value={form.materials}
              onInput={set('materials')}
              maxLength={2000}
              rows={3}
            />
          </Field>
          <button type="submit" class="primary" disabled={submit.busy}>
            {t('courses.add')}
          </button>
        </form>
      </section>
      <CourseEffects />
    </>
  );
}
