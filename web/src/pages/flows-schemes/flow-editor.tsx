// HR: edit one approval flow — ordered steps, each with an approver rule (pickers for a person or a
// unit), an optional condition, what a rejection does and the next step; add, remove, reorder. Saved with
// the version it was loaded at: if someone changed the flow meanwhile (chat `/flow`, another tab) the
// server answers 409 and the page says who and when, keeps the edit on screen, and offers to reload.
// The flow's request form (issue 24) is edited above its steps; /hr/flows/new creates a flow (a new request kind).
import type { Answer } from '../../../../src/contract/index.js';
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { formatDateTime, locale, t } from '../../i18n/index.js';
import { navigate, useLocation } from '../../router.js';
import { Field, forbiddenOf, ForbiddenPage, Loaded, Notice, Page, useApi, useSubmit } from '../../ui.js';
import {
  fromFieldForm,
  fromForm,
  newStep,
  toFieldForm,
  toForm,
  type FieldForm,
  type FlowDetail,
  type StepForm,
} from './flow-types.js';
import { FlowDiagram } from './flow-diagram.js';
import { FieldsEditor } from './field-editor.js';
import { StepEditor, type BranchField } from './step-editor.js';

/** The label a person reads: their language's, else the other one. */
const inMine = (zh: string, en: string) => (locale() === 'zh-CN' ? zh || en : en || zh);

/** The form fields branches can read (numbers and choices), as the editor currently has them. */
const branchFields = (fields: FieldForm[]): BranchField[] =>
  fields.flatMap((f) =>
    f.type === 'number' || f.type === 'choice'
      ? [
          {
            key: f.key,
            label: inMine(f.labelZh, f.labelEn),
            type: f.type,
            options: f.options.map((o) => ({ value: o.value, label: inMine(o.labelZh, o.labelEn) })),
          },
        ]
      : [],
  );

function Editor({
  data,
  creating = false,
  onReload,
  onSaved,
}: {
  data: FlowDetail;
  /** A new flow: its key and names are typed here, and saving creates it. */
  creating?: boolean;
  onReload: () => void;
  onSaved: (version: number) => void;
}) {
  const [steps, setSteps] = useState<StepForm[]>(() => data.flow.steps.map(toForm));
  const [fields, setFields] = useState<FieldForm[]>(() => (data.flow.fields ?? []).map(toFieldForm));
  const [key, setKey] = useState(data.key);
  const [nameZh, setNameZh] = useState(data.flow.name['zh-CN']);
  const [nameEn, setNameEn] = useState(data.flow.name.en);
  const save = useSubmit<Answer<'PUT /hr/flows/:key'>>();
  const errors = save.error?.fields ?? {};
  const stale = save.error?.status === 409;
  const update = (i: number, patch: Partial<StepForm>) =>
    setSteps((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const move = (i: number, by: -1 | 1) =>
    setSteps((all) => {
      const next = [...all];
      const [s] = next.splice(i, 1);
      next.splice(i + by, 0, s!);
      return next;
    });
  return (
    <form
      id="flow-editor"
      data-version={data.version}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const flow = {
          name: { 'zh-CN': nameZh, en: nameEn },
          steps: steps.map(fromForm),
          ...(fields.length > 0 ? { fields: fields.map(fromFieldForm) } : {}),
        };
        const r = await save.run(() =>
          creating
            ? api<Answer<'POST /hr/flows'>>('POST', '/hr/flows', { flow: { ...flow, key } })
            : api<Answer<'PUT /hr/flows/:key'>>('PUT', `/hr/flows/${data.key}`, { version: data.version, flow }),
        );
        if (r && creating) navigate(`/hr/flows/${r.key}?created=1`);
        else if (r) onSaved(r.version);
      }}
    >
      {creating && (
        <div class="card" id="flow-new">
          <div class="row">
            <Field id="flow-nameZh" label={t('ff.flow.nameZh')} error={errors['name.zh-CN']}>
              <input id="flow-nameZh" value={nameZh} maxLength={40} onInput={(e) => setNameZh(e.currentTarget.value)} />
            </Field>
            <Field id="flow-nameEn" label={t('ff.flow.nameEn')} error={errors['name.en']}>
              <input id="flow-nameEn" value={nameEn} maxLength={40} onInput={(e) => setNameEn(e.currentTarget.value)} />
            </Field>
          </div>
          <Field id="flow-key" label={t('ff.flow.key')} error={errors.key}>
            <input
              id="flow-key"
              value={key}
              maxLength={32}
              autoCapitalize="off"
              placeholder="equipment"
              onInput={(e) => setKey(e.currentTarget.value)}
            />
          </Field>
          <p class="muted">{t('ff.flow.keyHint')}</p>
        </div>
      )}
      {!creating && (
        <p class="muted" id="flow-meta">
          {t('x.fs.flows.version', { version: data.version })} ·{' '}
          {data.updatedBy
            ? t('x.fs.flows.changedBy', { name: data.updatedBy, date: formatDateTime(data.updatedAt) })
            : t('x.fs.flows.default')}
        </p>
      )}
      {!creating && (
        <details class="advanced" id="flow-advanced">
          <summary>{t('words.advanced')}</summary>
          <p class="muted">{t('words.flowKey', { key: data.key })}</p>
        </details>
      )}
      <p class="muted">{t('x.fs.flows.inFlight')}</p>
      {stale && (
        <div class="notice error" role="alert" id="flow-conflict">
          <strong>{t('x.fs.flows.conflictTitle')}</strong>
          <p>{save.error!.message}</p>
          <p>{t('x.fs.flows.conflictHint')}</p>
          <button type="button" onClick={onReload}>
            {t('x.fs.flows.reload')}
          </button>
        </div>
      )}
      {save.error && !stale && <Notice tone="error">{save.error.message}</Notice>}
      <FieldsEditor fields={fields} errors={errors} onChange={setFields} />
      <FlowDiagram
        steps={steps}
        people={data.people}
        units={data.units}
        fields={fields.map((f) => ({ key: f.key, label: inMine(f.labelZh, f.labelEn) }))}
      />
      {steps.map((s, i) => (
        <StepEditor
          key={i}
          index={i}
          step={s}
          count={steps.length}
          others={steps.map((x) => ({
            id: x.id,
            name: (locale() === 'zh-CN' ? x.nameZh : x.nameEn) || x.nameZh || x.nameEn,
          }))}
          people={data.people}
          units={data.units}
          errors={errors}
          formFields={branchFields(fields)}
          onChange={(patch) => update(i, patch)}
          onMove={(by) => move(i, by)}
          onRemove={() => setSteps((all) => all.filter((_, j) => j !== i))}
        />
      ))}
      {errors.steps && <p class="ferr">{errors.steps}</p>}
      <div class="row">
        <button
          type="button"
          id="add-step"
          disabled={steps.length >= 10}
          onClick={() => setSteps((all) => [...all, newStep(all.map((x) => x.id))])}
        >
          {t('x.fs.flows.addStep')}
        </button>
        <button type="submit" class="primary" disabled={save.busy}>
          {t('x.fs.flows.save')}
        </button>
      </div>
    </form>
  );
}

/** A new flow: one step (the applicant's manager) to start from; the pickers' people and units are read from a
 *  built-in flow's answer, which carries them (every flow's does). */
function NewFlow() {
  const [load] = useApi<FlowDetail>('/hr/flows/point-claim');
  const forbidden = forbiddenOf(load);
  if (forbidden) return <ForbiddenPage title={t('ff.flow.new')} error={forbidden} />;
  return (
    <Page title={t('ff.flow.new')}>
      <p>
        <a href="/app/hr/flows">{t('x.fs.flows.back')}</a>
      </p>
      <Loaded load={load}>
        {(d) => (
          <Editor
            creating
            data={{
              ...d,
              key: '',
              name: '',
              version: 0,
              updatedBy: null,
              flow: {
                key: '',
                name: { 'zh-CN': '', en: '' },
                steps: [
                  { id: 'manager', name: { 'zh-CN': '', en: '' }, approver: { type: 'manager' }, onReject: 'end' },
                ],
              },
            }}
            onReload={() => undefined}
            onSaved={() => undefined}
          />
        )}
      </Loaded>
    </Page>
  );
}

export function FlowEditor({ flowKey }: { flowKey: string }) {
  if (flowKey === 'new') return <NewFlow />;
  return <ExistingFlow flowKey={flowKey} />;
}

function ExistingFlow({ flowKey }: { flowKey: string }) {
  const [load, reload] = useApi<FlowDetail>(`/hr/flows/${encodeURIComponent(flowKey)}`);
  const { query } = useLocation();
  // Kept out here: the form below is rebuilt from the server after a save.
  const [saved, setSaved] = useState<number>();
  const forbidden = forbiddenOf(load);
  if (forbidden) return <ForbiddenPage title={t('x.fs.nav.flows')} error={forbidden} />;
  return (
    <Page title={load.state === 'ok' ? load.data.name : t('x.fs.nav.flows')}>
      <p>
        <a href="/app/hr/flows">{t('x.fs.flows.back')}</a>
      </p>
      {/* A new version (saved, or reloaded after a conflict) starts the form afresh from the server. */}
      {saved !== undefined && <Notice tone="success">{t('x.fs.flows.saved', { version: saved })}</Notice>}
      {saved === undefined && query.get('created') && <Notice tone="success">{t('ff.flow.created')}</Notice>}
      <Loaded load={load}>
        {(d) => (
          <Editor
            key={`${d.key}:${d.version}`}
            data={d}
            onReload={() => {
              setSaved(undefined);
              reload();
            }}
            onSaved={(version) => {
              setSaved(version);
              reload();
            }}
          />
        )}
      </Loaded>
    </Page>
  );
}
