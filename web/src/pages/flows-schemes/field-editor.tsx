// The request form of a flow (issue 24): HR adds, reorders and removes fields — a type, a label in both
// languages, required or not, a number's unit, a choice's options, a unit field's kind. A flow with fields is a
// request kind people submit from "Other requests". The server's errors (`fields.<i>.<part>`) show at their field.
import { t } from '../../i18n/index.js';
import { Field } from '../../ui.js';
import { CHECK_BOX, CHECK_LABEL } from './check-style.js';
import { FIELD_TYPES, newField, newOption, type FieldForm, type OptionForm } from './flow-types.js';

interface Props {
  fields: FieldForm[];
  errors: Record<string, string>;
  onChange: (fields: FieldForm[]) => void;
}

const UNIT_KINDS = ['company', 'department', 'store'] as const;

export function FieldsEditor({ fields, errors, onChange }: Props) {
  const set = (i: number, patch: Partial<FieldForm>) =>
    onChange(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...fields];
    const [f] = next.splice(i, 1);
    next.splice(i + by, 0, f!);
    onChange(next);
  };
  return (
    <fieldset class="card ff-fields" id="form-fields" data-fields={fields.length}>
      <legend>{t('ff.title')}</legend>
      <p class="muted">{t('ff.hint')}</p>
      {fields.map((f, i) => (
        <OneField
          key={i}
          index={i}
          field={f}
          count={fields.length}
          errors={errors}
          onChange={(patch) => set(i, patch)}
          onMove={(by) => move(i, by)}
          onRemove={() => onChange(fields.filter((_, j) => j !== i))}
        />
      ))}
      {errors.fields && <p class="ferr">{errors.fields}</p>}
      <button
        type="button"
        id="add-field"
        disabled={fields.length >= 20}
        onClick={() => onChange([...fields, newField(fields.map((x) => x.key))])}
      >
        {t('ff.add')}
      </button>
    </fieldset>
  );
}

function OneField({
  index: i,
  field: f,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  index: number;
  field: FieldForm;
  count: number;
  errors: Record<string, string>;
  onChange: (patch: Partial<FieldForm>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const p = `fields.${i}`;
  const err = (part: string) =>
    Object.entries(errors).find(([k]) => k === `${p}.${part}` || k.startsWith(`${p}.${part}.`))?.[1];
  const id = (part: string) => `field-${i}-${part}`;
  const invalid = Object.keys(errors).some((k) => k === p || k.startsWith(`${p}.`));
  return (
    <div
      class="ff-field"
      data-field-index={i}
      data-field-key={f.key}
      data-invalid={invalid ? 'true' : undefined}
      style={{ borderTop: '1px solid var(--line, #ddd)', paddingTop: '.5rem', marginTop: '.5rem' }}
    >
      <div class="row">
        <Field id={id('labelZh')} label={t('ff.labelZh')} error={err('label.zh-CN')}>
          <input
            id={id('labelZh')}
            value={f.labelZh}
            maxLength={40}
            onInput={(e) => onChange({ labelZh: e.currentTarget.value })}
          />
        </Field>
        <Field id={id('labelEn')} label={t('ff.labelEn')} error={err('label.en')}>
          <input
            id={id('labelEn')}
            value={f.labelEn}
            maxLength={40}
            onInput={(e) => onChange({ labelEn: e.currentTarget.value })}
          />
        </Field>
      </div>
      <div class="row">
        <Field id={id('type')} label={t('ff.type')} error={err('type')}>
          <select
            id={id('type')}
            value={f.type}
            onChange={(e) => {
              const type = e.currentTarget.value as FieldForm['type'];
              // A new choice starts with one option to fill in; the server refuses a choice with none.
              onChange(type === 'choice' && f.options.length === 0 ? { type, options: [newOption([])] } : { type });
            }}
          >
            {FIELD_TYPES.map((k) => (
              <option value={k}>{t(`ff.type.${k}`)}</option>
            ))}
          </select>
        </Field>
        {f.type === 'number' && (
          <Field id={id('unit')} label={t('ff.unit')} error={err('unit')}>
            <input
              id={id('unit')}
              value={f.unit}
              maxLength={12}
              placeholder="¥"
              onInput={(e) => onChange({ unit: e.currentTarget.value })}
            />
          </Field>
        )}
        {f.type === 'unit' && (
          <Field id={id('unitKind')} label={t('ff.unitKind')} error={err('unitKind')}>
            <select
              id={id('unitKind')}
              value={f.unitKind}
              onChange={(e) => onChange({ unitKind: e.currentTarget.value as FieldForm['unitKind'] })}
            >
              <option value="">{t('ff.unitKind.any')}</option>
              {UNIT_KINDS.map((k) => (
                <option value={k}>{t(`fe.kind.${k}`)}</option>
              ))}
            </select>
          </Field>
        )}
        <label class="check" style={CHECK_LABEL}>
          <input
            type="checkbox"
            style={CHECK_BOX}
            id={id('required')}
            checked={f.required}
            onChange={(e) => onChange({ required: e.currentTarget.checked })}
          />{' '}
          {t('ff.required')}
        </label>
      </div>
      {f.type === 'choice' && (
        <Options
          prefix={id('option')}
          options={f.options}
          error={err('options')}
          onChange={(options) => onChange({ options })}
        />
      )}
      {/* The key is what branches and stored values use: behind "Advanced", opened when the server faults it. */}
      <details class="advanced" open={err('key') ? true : undefined}>
        <summary>{t('words.advanced')}</summary>
        <Field id={id('key')} label={t('ff.key')} error={err('key')}>
          <input
            id={id('key')}
            value={f.key}
            maxLength={32}
            autoCapitalize="off"
            onInput={(e) => onChange({ key: e.currentTarget.value })}
          />
        </Field>
      </details>
      <div class="row">
        <button
          type="button"
          data-action="field-up"
          disabled={i === 0}
          onClick={() => onMove(-1)}
          aria-label={t('ff.up')}
        >
          ↑
        </button>
        <button
          type="button"
          data-action="field-down"
          disabled={i === count - 1}
          onClick={() => onMove(1)}
          aria-label={t('ff.down')}
        >
          ↓
        </button>
        <button type="button" data-action="field-remove" onClick={onRemove}>
          {t('ff.remove')}
        </button>
      </div>
    </div>
  );
}

function Options({
  prefix,
  options,
  error,
  onChange,
}: {
  prefix: string;
  options: OptionForm[];
  error: string | undefined;
  onChange: (o: OptionForm[]) => void;
}) {
  const set = (j: number, patch: Partial<OptionForm>) =>
    onChange(options.map((o, k) => (k === j ? { ...o, ...patch } : o)));
  return (
    <fieldset class="ff-options" data-options={options.length}>
      <legend>{t('ff.options')}</legend>
      {options.map((o, j) => (
        <div class="row ff-option" data-option={j}>
          <Field id={`${prefix}-${j}-zh`} label={t('ff.labelZh')}>
            <input
              id={`${prefix}-${j}-zh`}
              value={o.labelZh}
              maxLength={40}
              onInput={(e) => set(j, { labelZh: e.currentTarget.value })}
            />
          </Field>
          <Field id={`${prefix}-${j}-en`} label={t('ff.labelEn')}>
            <input
              id={`${prefix}-${j}-en`}
              value={o.labelEn}
              maxLength={40}
              onInput={(e) => set(j, { labelEn: e.currentTarget.value })}
            />
          </Field>
          <button type="button" data-action="option-remove" onClick={() => onChange(options.filter((_, k) => k !== j))}>
            {t('ff.option.remove')}
          </button>
        </div>
      ))}
      {error && <p class="ferr">{error}</p>}
      <button
        type="button"
        data-action="option-add"
        disabled={options.length >= 20}
        onClick={() => onChange([...options, newOption(options.map((o) => o.value))])}
      >
        {t('ff.option.add')}
      </button>
    </fieldset>
  );
}
