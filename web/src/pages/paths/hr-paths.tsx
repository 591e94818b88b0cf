// HR's development paths (issue 25 §4): the paths with their stages and how many people are on each, and an
// editor for a new or existing path — names in both languages, whom it is for, stages with their months and
// catalogue courses. The server checks the rules (a stage without courses, overlapping months…) and answers at
// the field; nothing is saved then.
import { useState } from 'preact/hooks';
import type { Answer, Body } from '../../../../src/contract/index.js';
import { api } from '../../api.js';
import { t } from '../../i18n/index.js';
import { ErrorSummary, Field, Loaded, Notice, Page, useApi, useSubmit, type SummaryField } from '../../ui.js';

type Paths = Answer<'GET /hr/paths'>;
type PathRow = Paths['paths'][number];
interface StageForm {
  nameZh: string;
  nameEn: string;
  fromMonth: string;
  toMonth: string;
  courseIds: number[];
}
interface PathForm {
  id?: number;
  nameZh: string;
  nameEn: string;
  role: string;
  active: boolean;
  stages: StageForm[];
}

/** A checkbox keeps its own size (inputs are full width and 44px tall by default). */
const CHECK = { width: 'auto', minHeight: 0 };

const emptyStage = (from: number): StageForm => ({
  nameZh: '',
  nameEn: '',
  fromMonth: String(from),
  toMonth: String(from + 3),
  courseIds: [],
});
const NEW: PathForm = { nameZh: '', nameEn: '', role: '', active: true, stages: [emptyStage(0)] };
const formOf = (p: PathRow): PathForm => ({
  id: p.id,
  nameZh: p.nameZh,
  nameEn: p.nameEn,
  role: p.role,
  active: p.active,
  stages: p.stages.map((s) => ({ ...s, fromMonth: String(s.fromMonth), toMonth: String(s.toMonth) })),
});
/** A month as typed: a number, or null so the server names the field as missing. */
const month = (s: string) => (s.trim() === '' || Number.isNaN(Number(s)) ? null : Number(s));

function Editor({
  data,
  start,
  onSaved,
  onCancel,
}: {
  data: Paths;
  start: PathForm;
  onSaved: (id: number) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState<PathForm>(start);
  const submit = useSubmit<Answer<'POST /hr/paths'>>();
  const errors = submit.error?.fields ?? {};
  const setStage = (i: number, patch: Partial<StageForm>) =>
    setForm({ ...form, stages: form.stages.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const summary: SummaryField[] = [
    { field: 'nameZh', label: t('paths.hr.nameZh'), target: 'pathNameZh' },
    { field: 'nameEn', label: t('paths.hr.nameEn'), target: 'pathNameEn' },
    { field: 'stages', label: t('paths.hr.addStage'), target: 'addStage' },
    ...form.stages.flatMap((_, i) => {
      const n = t('paths.hr.stage', { n: i + 1 });
      return [
        { field: `stages.${i}.nameZh`, label: `${n} · ${t('paths.hr.stageNameZh')}`, target: `stage${i}NameZh` },
        { field: `stages.${i}.nameEn`, label: `${n} · ${t('paths.hr.stageNameEn')}`, target: `stage${i}NameEn` },
        { field: `stages.${i}.fromMonth`, label: `${n} · ${t('paths.hr.from')}`, target: `stage${i}From` },
        { field: `stages.${i}.toMonth`, label: `${n} · ${t('paths.hr.to')}`, target: `stage${i}To` },
        { field: `stages.${i}.courseIds`, label: `${n} · ${t('paths.hr.courses')}`, target: `stage${i}Courses` },
      ];
    }),
  ];
  // A refusal about one course of a stage (stages.1.courseIds.0) is shown at the stage's courses.
  const courseError = (i: number) =>
    errors[`stages.${i}.courseIds`] ??
    Object.entries(errors).find(([k]) => k.startsWith(`stages.${i}.courseIds.`))?.[1];
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const body = {
      nameZh: form.nameZh,
      nameEn: form.nameEn,
      role: form.role,
      active: form.active,
      stages: form.stages.map((s) => ({ ...s, fromMonth: month(s.fromMonth), toMonth: month(s.toMonth) })),
    } satisfies Body<'POST /hr/paths'>;
    const r = await submit.run(() =>
      form.id === undefined ? api('POST', '/hr/paths', body) : api('PUT', `/hr/paths/${form.id}`, body),
    );
    if (r) onSaved(r.id);
  };
  return (
    <form class="card" id="path-form" noValidate onSubmit={onSubmit}>
      <h2>{form.id === undefined ? t('paths.hr.new') : `${t('paths.hr.edit')} · ${start.nameZh} / ${start.nameEn}`}</h2>
      <ErrorSummary error={submit.error} fields={summary} />
      <div class="row">
        <Field id="pathNameZh" label={t('paths.hr.nameZh')} error={errors.nameZh}>
          <input
            id="pathNameZh"
            value={form.nameZh}
            onInput={(e) => setForm({ ...form, nameZh: e.currentTarget.value })}
          />
        </Field>
        <Field id="pathNameEn" label={t('paths.hr.nameEn')} error={errors.nameEn}>
          <input
            id="pathNameEn"
            value={form.nameEn}
            onInput={(e) => setForm({ ...form, nameEn: e.currentTarget.value })}
          />
        </Field>
      </div>
      <Field id="pathRole" label={t('paths.hr.role')} error={errors.role}>
        <input id="pathRole" value={form.role} onInput={(e) => setForm({ ...form, role: e.currentTarget.value })} />
      </Field>
      <label class="inline">
        <input
          type="checkbox"
          style={CHECK}
          checked={form.active}
          onChange={(e) => setForm({ ...form, active: e.currentTarget.checked })}
        />{' '}
        {t('paths.hr.active')}
      </label>
      {form.stages.map((s, i) => (
        <fieldset class="card" data-stage={i + 1}>
          <legend>{t('paths.hr.stage', { n: i + 1 })}</legend>
          <div class="row">
            <Field id={`stage${i}NameZh`} label={t('paths.hr.stageNameZh')} error={errors[`stages.${i}.nameZh`]}>
              <input
                id={`stage${i}NameZh`}
                value={s.nameZh}
                onInput={(e) => setStage(i, { nameZh: e.currentTarget.value })}
              />
            </Field>
            <Field id={`stage${i}NameEn`} label={t('paths.hr.stageNameEn')} error={errors[`stages.${i}.nameEn`]}>
              <input
                id={`stage${i}NameEn`}
                value={s.nameEn}
                onInput={(e) => setStage(i, { nameEn: e.currentTarget.value })}
              />
            </Field>
          </div>
          <div class="row">
            <Field id={`stage${i}From`} label={t('paths.hr.from')} error={errors[`stages.${i}.fromMonth`]}>
              <input
                id={`stage${i}From`}
                type="number"
                inputMode="numeric"
                min={0}
                max={120}
                value={s.fromMonth}
                onInput={(e) => setStage(i, { fromMonth: e.currentTarget.value })}
              />
            </Field>
            <Field id={`stage${i}To`} label={t('paths.hr.to')} error={errors[`stages.${i}.toMonth`]}>
              <input
                id={`stage${i}To`}
                type="number"
                inputMode="numeric"
                min={1}
                max={120}
                value={s.toMonth}
                onInput={(e) => setStage(i, { toMonth: e.currentTarget.value })}
              />
            </Field>
          </div>
          <fieldset
            id={`stage${i}Courses`}
            class={courseError(i) ? 'invalid' : undefined}
            aria-invalid={courseError(i) ? 'true' : undefined}
            aria-describedby={courseError(i) ? `stage${i}Courses-error` : undefined}
          >
            <legend>{t('paths.hr.courses')}</legend>
            {data.courses.map((c) => (
              <label class="inline">
                <input
                  type="checkbox"
                  style={CHECK}
                  checked={s.courseIds.includes(c.id)}
                  onChange={(e) =>
                    setStage(i, {
                      courseIds: e.currentTarget.checked
                        ? [...s.courseIds, c.id]
                        : s.courseIds.filter((x) => x !== c.id),
                    })
                  }
                />{' '}
                {c.name}
              </label>
            ))}
            {courseError(i) && (
              <p class="ferr" id={`stage${i}Courses-error`}>
                {courseError(i)}
              </p>
            )}
          </fieldset>
          {form.stages.length > 1 && (
            <button
              type="button"
              class="link"
              onClick={() => setForm({ ...form, stages: form.stages.filter((_, j) => j !== i) })}
            >
              {t('paths.hr.removeStage', { n: i + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      {errors.stages && <p class="ferr">{errors.stages}</p>}
      <div class="row">
        <button
          type="button"
          id="addStage"
          onClick={() =>
            setForm({ ...form, stages: [...form.stages, emptyStage(month(form.stages.at(-1)?.toMonth ?? '0') ?? 0)] })
          }
        >
          {t('paths.hr.addStage')}
        </button>
        <button type="submit" class="primary" disabled={submit.busy}>
          {t('paths.hr.save')}
        </button>
        <button type="button" class="link" onClick={onCancel}>
          {t('paths.hr.cancel')}
        </button>
      </div>
    </form>
  );
}

export function HrPaths() {
  const [load, reload] = useApi<Paths>('/hr/paths');
  const [editing, setEditing] = useState<PathForm>();
  const [saved, setSaved] = useState<number>();
  return (
    <Page title={t('paths.hr.title')}>
      <p class="muted">{t('paths.hr.intro')}</p>
      {saved !== undefined && <Notice tone="success">{t('paths.hr.saved', { id: saved })}</Notice>}
      <Loaded load={load}>
        {(data) => (
          <>
            {editing ? (
              <Editor
                key={editing.id ?? 'new'}
                data={data}
                start={editing}
                onCancel={() => setEditing(undefined)}
                onSaved={(id) => {
                  setSaved(id);
                  setEditing(undefined);
                  reload();
                }}
              />
            ) : (
              <button
                type="button"
                class="primary"
                id="newPath"
                onClick={() => {
                  setSaved(undefined);
                  setEditing(NEW);
                }}
              >
                {t('paths.hr.new')}
              </button>
            )}
            {data.paths.length === 0 ? (
              <p class="card muted">{t('paths.hr.none')}</p>
            ) : (
              <ul class="list" id="path-list">
                {data.paths.map((p) => (
                  <li class="card" data-path={p.id}>
                    <div class="row spread">
                      <strong>
                        {p.nameZh} / {p.nameEn}
                      </strong>
                      {!p.active && <span class="badge rejected">{t('paths.hr.inactive')}</span>}
                    </div>
                    {p.role && <p class="muted">{t('paths.role', { role: p.role })}</p>}
                    <ol>
                      {p.stages.map((s) => (
                        <li>
                          {s.nameZh} / {s.nameEn} · {t('paths.months', { from: s.fromMonth, to: s.toMonth })} ·{' '}
                          {s.courseIds.map((id) => data.courses.find((c) => c.id === id)?.name ?? `#${id}`).join('、')}
                        </li>
                      ))}
                    </ol>
                    <div class="row spread">
                      <span class="muted">{t('paths.hr.enrolled', { n: p.enrolled })}</span>
                      <button
                        type="button"
                        onClick={() => {
                          setSaved(undefined);
                          setEditing(formOf(p));
                        }}
                      >
                        {t('paths.hr.edit')}
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}
