// HR: edit one approval flow — ordered steps, each with an approver rule (pickers for a person or a
// unit), an optional condition, what a rejection does and the next step; add, remove, reorder. Saved with
// the version it was loaded at: if someone changed the flow meanwhile (chat `/flow`, another tab) the
// server answers 409 and the page says who and when, keeps the edit on screen, and offers to reload.
import type { Answer } from '../../../../src/contract/index.js';
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { formatDateTime, locale, t } from '../../i18n/index.js';
import { forbiddenOf, ForbiddenPage, Loaded, Notice, Page, useApi, useSubmit } from '../../ui.js';
import { fromForm, newStep, toForm, type FlowDetail, type StepForm } from './flow-types.js';
import { FlowDiagram } from './flow-diagram.js';
import { StepEditor } from './step-editor.js';

function Editor({
  data,
  onReload,
  onSaved,
}: {
  data: FlowDetail;
  onReload: () => void;
  onSaved: (version: number) => void;
}) {
  const [steps, setSteps] = useState<StepForm[]>(() => data.flow.steps.map(toForm));
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
        const r = await save.run(() =>
          api('PUT', `/hr/flows/${data.key}`, {
            version: data.version,
            flow: { name: data.flow.name, steps: steps.map(fromForm) },
          }),
        );
        if (r) onSaved(r.version);
      }}
    >
      <p class="muted" id="flow-meta">
        {t('x.fs.flows.version', { version: data.version })} ·{' '}
        {data.updatedBy
          ? t('x.fs.flows.changedBy', { name: data.updatedBy, date: formatDateTime(data.updatedAt) })
          : t('x.fs.flows.default')}
      </p>
      <details class="advanced" id="flow-advanced">
        <summary>{t('words.advanced')}</summary>
        <p class="muted">{t('words.flowKey', { key: data.key })}</p>
      </details>
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
      <FlowDiagram steps={steps} people={data.people} units={data.units} />
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

export function FlowEditor({ flowKey }: { flowKey: string }) {
  const [load, reload] = useApi<FlowDetail>(`/hr/flows/${encodeURIComponent(flowKey)}`);
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
