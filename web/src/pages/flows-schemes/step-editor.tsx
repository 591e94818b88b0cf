// One step of the flow editor. The server's field errors (`steps.<i>.<field…>`) are shown here, at the
// field they concern: a duplicate id at the id, a loop or an unknown next at "next", an approver nobody
// can be at the approver.
import { t } from '../../i18n/index.js';
import { CHECK_BOX, CHECK_LABEL } from './check-style.js';
import { Field } from '../../ui.js';
import { decidesTogether, type BranchForm, type StepForm } from './flow-types.js';

interface Props {
  index: number;
  step: StepForm;
  count: number;
  /** Every step of the flow by id and its name in the reader's language, for the "next step" choice. */
  others: { id: string; name: string }[];
  people: { id: number; name: string }[];
  units: { id: number; name: string }[];
  errors: Record<string, string>;
  /** The flow's number and choice form fields, which a branch may read (issue 24). */
  formFields?: BranchField[];
  onChange: (patch: Partial<StepForm>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** A form field a branch can read: a number (compared) or a choice (equal to one of its options). */
export interface BranchField {
  key: string;
  label: string;
  type: 'number' | 'choice';
  options: { value: string; label: string }[];
}

type Input = { currentTarget: { value: string } };

/** The chosen values of a <select multiple>. */
const chosen = (e: { currentTarget: HTMLSelectElement }) => [...e.currentTarget.selectedOptions].map((o) => o.value);

const UNIT_KINDS = ['company', 'department', 'store'] as const;

export function StepEditor({
  index: i,
  step: s,
  count,
  others,
  people,
  units,
  errors,
  formFields = [],
  onChange,
  onMove,
  onRemove,
}: Props) {
  const p = `steps.${i}`;
  // The first message under a path prefix, e.g. everything about the approver rule.
  const err = (prefix: string) =>
    Object.entries(errors).find(([k]) => k === `${p}.${prefix}` || k.startsWith(`${p}.${prefix}.`))?.[1];
  const id = (f: string) => `step-${i}-${f}`;
  const val = (k: keyof StepForm) => (e: Input) => onChange({ [k]: e.currentTarget.value } as Partial<StepForm>);
  const invalid = Object.keys(errors).some((k) => k === p || k.startsWith(`${p}.`));
  return (
    // Not the shared "invalid" class: it would redden every input of the step, not just the wrong field.
    <fieldset
      class="card step"
      data-step={i}
      data-step-id={s.id}
      data-invalid={invalid ? 'true' : undefined}
      style={invalid ? { borderColor: 'var(--danger)' } : undefined}
    >
      <legend>{t('x.fs.step.title', { n: i + 1 })}</legend>
      <div class="row">
        <Field id={id('nameZh')} label={t('x.fs.step.nameZh')} error={err('name.zh-CN')}>
          <input id={id('nameZh')} value={s.nameZh} onInput={val('nameZh')} maxLength={40} />
        </Field>
        <Field id={id('nameEn')} label={t('x.fs.step.nameEn')} error={err('name.en')}>
          <input id={id('nameEn')} value={s.nameEn} onInput={val('nameEn')} maxLength={40} />
        </Field>
      </div>
      <div class="row">
        <Field id={id('type')} label={t('x.fs.step.approver')} error={err('approver')}>
          <select id={id('type')} value={s.type} onChange={val('type')}>
            {(['manager', 'unitHead', 'role', 'person'] as const).map((k) => (
              <option value={k}>{t(`x.fs.ruleType.${k}`)}</option>
            ))}
            <option value="people">{t('fe.ruleType.people')}</option>
          </select>
        </Field>
        {s.type === 'unitHead' && (
          <Field id={id('unit')} label={t('x.fs.step.unit')}>
            <select id={id('unit')} value={s.unit} onChange={val('unit')}>
              <option value="applicant">{t('x.fs.unit.applicant')}</option>
              <option value="target">{t('x.fs.unit.target')}</option>
              {units.map((u) => (
                <option value={String(u.id)}>{u.name}</option>
              ))}
            </select>
          </Field>
        )}
        {s.type === 'role' && (
          <Field id={id('role')} label={t('x.fs.step.role')}>
            <select id={id('role')} value={s.role} onChange={val('role')}>
              <option value="hr">{t('x.fs.role.hr')}</option>
              <option value="admin">{t('x.fs.role.admin')}</option>
            </select>
          </Field>
        )}
        {s.type === 'person' && (
          <Field id={id('person')} label={t('x.fs.step.person')}>
            <select id={id('person')} value={s.employeeId} onChange={val('employeeId')}>
              <option value="">{t('choose')}</option>
              {people.map((x) => (
                <option value={String(x.id)}>{x.name}</option>
              ))}
            </select>
          </Field>
        )}
        {s.type === 'people' && (
          <Field id={id('people')} label={t('fe.people')}>
            <select
              id={id('people')}
              multiple
              size={Math.min(6, Math.max(3, people.length))}
              onChange={(e) => onChange({ employeeIds: chosen(e) })}
            >
              {people.map((x) => (
                <option value={String(x.id)} selected={s.employeeIds.includes(String(x.id))}>
                  {x.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        {decidesTogether(s) && (
          <Field id={id('mode')} label={t('fe.mode')}>
            <select id={id('mode')} value={s.mode} onChange={val('mode')}>
              <option value="any">{t('fe.mode.any')}</option>
              <option value="all">{t('fe.mode.all')}</option>
            </select>
          </Field>
        )}
      </div>
      <fieldset class="fe-cc">
        <legend>{t('fe.cc')}</legend>
        <label class="check" style={CHECK_LABEL}>
          <input
            type="checkbox"
            style={CHECK_BOX}
            id={id('cchr')}
            checked={s.ccHr}
            onChange={(e) => onChange({ ccHr: e.currentTarget.checked })}
          />{' '}
          {t('fe.cc.hr')}
        </label>
        <Field id={id('cc')} label={t('fe.cc.people')} error={err('cc')}>
          <select id={id('cc')} multiple size={3} onChange={(e) => onChange({ ccPeople: chosen(e) })}>
            {people.map((x) => (
              <option value={String(x.id)} selected={s.ccPeople.includes(String(x.id))}>
                {x.name}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>
      <div class="row">
        <label class="check" style={CHECK_LABEL}>
          <input
            type="checkbox"
            style={CHECK_BOX}
            id={id('conditional')}
            checked={s.conditional}
            onChange={(e) => onChange({ conditional: e.currentTarget.checked })}
          />{' '}
          {t('x.fs.step.conditional')}
        </label>
      </div>
      {s.conditional && (
        <div class="row">
          <Field id={id('field')} label={t('x.fs.step.field')} error={err('when.field')}>
            <select id={id('field')} value={s.field} onChange={val('field')}>
              <option value="points">{t('x.fs.cond.points')}</option>
              <option value="cost">{t('x.fs.cond.cost')}</option>
            </select>
          </Field>
          <Field id={id('op')} label={t('x.fs.step.op')} error={err('when.op')}>
            <select id={id('op')} value={s.op} onChange={val('op')}>
              <option value="gte">{t('x.fs.op.gte')}</option>
              <option value="lt">{t('x.fs.op.lt')}</option>
            </select>
          </Field>
          <Field id={id('value')} label={t('x.fs.step.value')} error={err('when.value') ?? err('when')}>
            <input id={id('value')} type="number" inputMode="numeric" value={s.value} onInput={val('value')} />
          </Field>
        </div>
      )}
      <div class="row">
        <Field id={id('onReject')} label={t('x.fs.step.onReject')} error={err('onReject')}>
          <select id={id('onReject')} value={s.onReject} onChange={val('onReject')}>
            <option value="end">{t('x.fs.reject.end')}</option>
            <option value="return">{t('x.fs.reject.return')}</option>
          </select>
        </Field>
        <Field id={id('next')} label={t('x.fs.step.next')} error={err('next')}>
          <select id={id('next')} value={s.next} onChange={val('next')}>
            <option value="">{t('x.fs.step.nextDefault')}</option>
            {/* Keep an unknown id selectable, so the server's "unknown step" can be seen and fixed. */}
            {others.map((x) => (
              <option value={x.id}>{x.name || x.id}</option>
            ))}
            {s.next && !others.some((x) => x.id === s.next) && <option value={s.next}>{s.next}</option>}
          </select>
        </Field>
      </div>
      <Branches
        prefix={id('branch')}
        branches={s.branches}
        others={others.filter((x) => x.id !== s.id)}
        formFields={formFields}
        error={err('branches')}
        onChange={(branches) => onChange({ branches })}
      />
      {/* The id is for chat commands and "next": behind "Advanced", but opened when the server faults it. */}
      <details class="advanced" open={err('id') ? true : undefined}>
        <summary>{t('words.advanced')}</summary>
        <Field id={id('id')} label={t('x.fs.step.id')} error={err('id')}>
          <input id={id('id')} value={s.id} onInput={val('id')} maxLength={32} autoCapitalize="off" />
        </Field>
        <p class="muted">{t('words.stepIdHint')}</p>
      </details>
      <div class="row">
        <button
          type="button"
          data-action="up"
          disabled={i === 0}
          onClick={() => onMove(-1)}
          aria-label={t('x.fs.step.up')}
        >
          ↑
        </button>
        <button
          type="button"
          data-action="down"
          disabled={i === count - 1}
          onClick={() => onMove(1)}
          aria-label={t('x.fs.step.down')}
        >
          ↓
        </button>
        <button type="button" data-action="remove" disabled={count <= 1} onClick={onRemove}>
          {t('x.fs.step.remove')}
        </button>
      </div>
    </fieldset>
  );
}

/** Condition branches: the first that holds chooses the step after this one; none holding, "Next step" does. */
function Branches({
  prefix,
  branches,
  others,
  formFields,
  error,
  onChange,
}: {
  prefix: string;
  branches: BranchForm[];
  others: { id: string; name: string }[];
  formFields: BranchField[];
  error: string | undefined;
  onChange: (b: BranchForm[]) => void;
}) {
  const set = (j: number, patch: Partial<BranchForm>) =>
    onChange(branches.map((b, k) => (k === j ? { ...b, ...patch } : b)));
  return (
    <fieldset class="fe-branches" data-branches={branches.length}>
      <legend>{t('fe.branches')}</legend>
      {branches.length === 0 && <p class="muted">{t('fe.branches.none')}</p>}
      {branches.map((b, j) => {
        const bid = (f: string) => `${prefix}-${j}-${f}`;
        const form = b.field === 'form' ? formFields.find((x) => x.key === b.key) : undefined;
        return (
          <div class="row fe-branch" data-branch={j}>
            <Field id={bid('field')} label={t('x.fs.step.field')}>
              <select
                id={bid('field')}
                value={b.field === 'form' ? `form:${b.key ?? ''}` : b.field}
                onChange={(e) => {
                  const picked = e.currentTarget.value;
                  // A form field: a choice is compared with one of its options, a number with a value.
                  const f = picked.startsWith('form:') ? formFields.find((x) => `form:${x.key}` === picked) : undefined;
                  if (f)
                    set(
                      j,
                      f.type === 'choice'
                        ? { field: 'form', key: f.key, op: 'eq', value: f.options[0]?.value ?? '' }
                        : { field: 'form', key: f.key, op: 'gte', value: '' },
                    );
                  else {
                    const field = picked as BranchForm['field'];
                    set(
                      j,
                      field === 'unitKind' ? { field, op: 'eq', value: 'store' } : { field, op: 'gte', value: '' },
                    );
                  }
                }}
              >
                <option value="points">{t('x.fs.cond.points')}</option>
                <option value="cost">{t('x.fs.cond.cost')}</option>
                <option value="unitKind">{t('fe.cond.unitKind')}</option>
                {formFields.map((f) => (
                  <option value={`form:${f.key}`}>{t('ff.branch.field', { label: f.label || f.key })}</option>
                ))}
                {/* A branch on a field no longer in the form stays visible, so the server's error can be fixed. */}
                {b.field === 'form' && !form && <option value={`form:${b.key ?? ''}`}>{b.key}</option>}
              </select>
            </Field>
            {form?.type === 'choice' ? (
              <Field id={bid('value')} label={t('ff.branch.is')}>
                <select id={bid('value')} value={b.value} onChange={(e) => set(j, { value: e.currentTarget.value })}>
                  {form.options.map((o) => (
                    <option value={o.value}>{o.label || o.value}</option>
                  ))}
                </select>
              </Field>
            ) : b.field === 'unitKind' ? (
              <Field id={bid('value')} label={t('x.fs.step.op')}>
                <select id={bid('value')} value={b.value} onChange={(e) => set(j, { value: e.currentTarget.value })}>
                  {UNIT_KINDS.map((k) => (
                    <option value={k}>{t(`fe.kind.${k}`)}</option>
                  ))}
                </select>
              </Field>
            ) : (
              <>
                <Field id={bid('op')} label={t('x.fs.step.op')}>
                  <select
                    id={bid('op')}
                    value={b.op}
                    onChange={(e) => set(j, { op: e.currentTarget.value as BranchForm['op'] })}
                  >
                    <option value="gte">{t('x.fs.op.gte')}</option>
                    <option value="lt">{t('x.fs.op.lt')}</option>
                  </select>
                </Field>
                <Field id={bid('value')} label={t('x.fs.step.value')}>
                  <input
                    id={bid('value')}
                    type="number"
                    inputMode="numeric"
                    value={b.value}
                    onInput={(e) => set(j, { value: e.currentTarget.value })}
                  />
                </Field>
              </>
            )}
            <Field id={bid('next')} label={t('fe.branch.goTo')}>
              <select id={bid('next')} value={b.next} onChange={(e) => set(j, { next: e.currentTarget.value })}>
                <option value="">{t('choose')}</option>
                {others.map((x) => (
                  <option value={x.id}>{x.name || x.id}</option>
                ))}
                {b.next && !others.some((x) => x.id === b.next) && <option value={b.next}>{b.next}</option>}
              </select>
            </Field>
            <button
              type="button"
              data-action="remove-branch"
              onClick={() => onChange(branches.filter((_, k) => k !== j))}
            >
              {t('fe.branch.remove')}
            </button>
          </div>
        );
      })}
      {error && <p class="ferr">{error}</p>}
      <button
        type="button"
        data-action="add-branch"
        disabled={branches.length >= 5}
        onClick={() => onChange([...branches, { field: 'cost', op: 'gte', value: '', next: '', key: '' }])}
      >
        {t('fe.branch.add')}
      </button>
    </fieldset>
  );
}
