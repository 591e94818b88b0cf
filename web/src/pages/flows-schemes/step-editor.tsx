// One step of the flow editor. The server's field errors (`steps.<i>.<field…>`) are shown here, at the
// field they concern: a duplicate id at the id, a loop or an unknown next at "next", an approver nobody
// can be at the approver.
import { t } from '../../i18n/index.js';
import { CHECK_BOX, CHECK_LABEL } from './check-style.js';
import { Field } from '../../ui.js';
import type { StepForm } from './flow-types.js';

interface Props {
  index: number;
  step: StepForm;
  count: number;
  /** Every step of the flow by id and its name in the reader's language, for the "next step" choice. */
  others: { id: string; name: string }[];
  people: { id: number; name: string }[];
  units: { id: number; name: string }[];
  errors: Record<string, string>;
  onChange: (patch: Partial<StepForm>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

type Input = { currentTarget: { value: string } };

export function StepEditor({
  index: i,
  step: s,
  count,
  others,
  people,
  units,
  errors,
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
      </div>
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
