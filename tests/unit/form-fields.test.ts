// HR-defined request forms (issue 24): the pure validator of submitted values, the flow checks of the fields,
// and a condition branch on a form number or choice deciding the next step.
import { describe, expect, it } from 'vitest';
import { validateFlow, type FlowDefinition } from '../../src/domain/approvals/flow-schema.js';
import {
  formFacts,
  formLines,
  formValuesSchema,
  localizeFormIssues,
  validateFormValues,
  type FormField,
} from '../../src/domain/approvals/form-fields.js';
import { advance, type FlowState } from '../../src/domain/approvals/transitions.js';
import { issueMessage } from '../../src/i18n/issues.js';
import { translator } from '../../src/i18n/index.js';

const both = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const FIELDS: FormField[] = [
  { key: 'item', label: both('设备', 'Item'), type: 'text', required: true },
  { key: 'cost', label: both('金额', 'Cost'), type: 'number', required: true, unit: '¥' },
  { key: 'needed_by', label: both('需要日期', 'Needed by'), type: 'date', required: false },
  {
    key: 'kind',
    label: both('类别', 'Kind'),
    type: 'choice',
    required: true,
    options: [
      { value: 'laptop', label: both('笔记本', 'Laptop') },
      { value: 'phone', label: both('手机', 'Phone') },
    ],
  },
  { key: 'for_whom', label: both('使用人', 'For whom'), type: 'person', required: false },
  { key: 'unit', label: both('部门', 'Unit'), type: 'unit', required: false },
];

const flow: FlowDefinition = {
  key: 'equipment',
  name: both('设备申领', 'Equipment request'),
  fields: FIELDS,
  steps: [
    {
      id: 'manager',
      name: both('上级', 'Manager'),
      approver: { type: 'manager' },
      onReject: 'end',
      branches: [
        { when: { field: 'form', key: 'cost', op: 'gte', value: 5000 }, next: 'finance' },
        { when: { field: 'form', key: 'kind', op: 'eq', value: 'phone' }, next: 'it' },
      ],
      next: 'hr',
    },
    { id: 'it', name: both('IT', 'IT'), approver: { type: 'role', role: 'admin' }, onReject: 'end', next: 'hr' },
    { id: 'finance', name: both('财务', 'Finance'), approver: { type: 'person', employeeId: 9 }, onReject: 'end' },
    { id: 'hr', name: both('HR', 'HR'), approver: { type: 'role', role: 'hr' }, onReject: 'end' },
  ],
};

const messages = (r: ReturnType<typeof validateFormValues>, locale: 'en' | 'zh-CN') =>
  r.ok
    ? {}
    : Object.fromEntries(
        localizeFormIssues(r.issues, locale).map((i) => [i.path.join('.'), issueMessage(i, translator(locale))]),
      );

describe('form values', () => {
  it('accepts a complete form, typing numbers and ids given as text (chat) and dropping unknown keys', () => {
    const r = validateFormValues(FIELDS, {
      item: ' ThinkPad ',
      cost: '4999.5',
      kind: 'laptop',
      needed_by: '2026-12-24',
      for_whom: '7',
      unit: 3,
      extra: 'ignored',
    });
    expect(r).toEqual({
      ok: true,
      values: { item: 'ThinkPad', cost: 4999.5, kind: 'laptop', needed_by: '2026-12-24', for_whom: 7, unit: 3 },
    });
    // Optional fields may be left blank.
    expect(validateFormValues(FIELDS, { item: 'x', cost: 1, kind: 'phone', needed_by: '', for_whom: null })).toEqual({
      ok: true,
      values: { item: 'x', cost: 1, kind: 'phone' },
    });
  });

  it('refuses a required field missing, a number that is not a number, a choice not in the list, a bad date — each at its field, in both languages', () => {
    const r = validateFormValues(FIELDS, { item: '  ', cost: '12 yuan', kind: 'tablet', needed_by: '2026-02-30' });
    expect(r.ok).toBe(false);
    expect(messages(r, 'en')).toEqual({
      item: '"Item" is required.',
      cost: '"Cost" must be a number.',
      kind: '"Kind" must be one of: Laptop, Phone.',
      needed_by: '"Needed by" must be a date (YYYY-MM-DD).',
    });
    expect(messages(r, 'zh-CN')).toMatchObject({ item: '请填写“设备”。', cost: '“金额”应为数字。' });
    expect(validateFormValues(FIELDS, 'not an object').ok).toBe(false);
    expect(validateFormValues(FIELDS, { item: 'x', cost: 1, kind: 'laptop', for_whom: 'Wei' }).ok).toBe(false);
  });

  it('is a zod schema built from the field list', () => {
    const schema = formValuesSchema(FIELDS);
    expect(schema.safeParse({ item: 'a', cost: 3, kind: 'phone' }).data).toEqual({ item: 'a', cost: 3, kind: 'phone' });
    const bad = schema.safeParse({ item: 'a', kind: 'phone' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['cost']);
  });

  it('reads as labelled lines in the reader language: a number with its unit, a choice by its label', () => {
    const values = { item: 'ThinkPad', cost: 6000, kind: 'laptop', for_whom: 7, unit: 3 };
    const names = { person: (id: number) => `P${id}`, unit: (id: number) => `U${id}` };
    expect(formLines(FIELDS, values, 'en', names)).toEqual([
      { label: 'Item', value: 'ThinkPad' },
      { label: 'Cost', value: '6000 ¥' },
      { label: 'Kind', value: 'Laptop' },
      { label: 'For whom', value: 'P7' },
      { label: 'Unit', value: 'U3' },
    ]);
    expect(formLines(FIELDS, values, 'zh-CN', names)[2]).toEqual({ label: '类别', value: '笔记本' });
    expect(formFacts(FIELDS, values)).toEqual({ cost: 6000, kind: 'laptop' });
  });
});

describe('a flow with form fields', () => {
  it('is valid, and refuses a field of unknown type, a duplicate key, a choice without options, a branch on a field it lacks', () => {
    expect(validateFlow(flow).ok).toBe(true);
    const unknownType = validateFlow({ ...flow, fields: [{ ...FIELDS[0]!, type: 'colour' }] });
    expect(unknownType.ok || unknownType.problem.code).toBe('invalid');
    const dup = validateFlow({ ...flow, fields: [...FIELDS, { ...FIELDS[0]!, label: both('又', 'Again') }] });
    expect(dup.ok || dup.problem).toEqual({ code: 'duplicate_field', field: 'item' });
    const noOptions = validateFlow({
      ...flow,
      fields: FIELDS.map((f) => (f.key === 'kind' ? { ...f, options: [] } : f)),
    });
    expect(noOptions.ok || noOptions.problem).toEqual({ code: 'no_options', field: 'kind' });
    const missing = validateFlow({ ...flow, fields: FIELDS.filter((f) => f.key !== 'cost') });
    expect(missing.ok || missing.problem).toEqual({ code: 'unknown_field', step: 'manager', field: 'cost' });
    // A text field cannot be compared; a choice only with one of its options.
    const onText = structuredClone(flow);
    onText.steps[0]!.branches![0]!.when = { field: 'form', key: 'item', op: 'gte', value: 1 };
    expect(validateFlow(onText).ok).toBe(false);
    const notAnOption = structuredClone(flow);
    notAnOption.steps[0]!.branches![1]!.when = { field: 'form', key: 'kind', op: 'eq', value: 'tablet' };
    expect(validateFlow(notAnOption).ok).toBe(false);
  });

  it('branches on a form number and a form choice', () => {
    const start: FlowState = {
      status: 'pending',
      stepIndex: 0,
      version: 1,
      rounds: [{ people: [5], mode: 'any', approved: [] }],
      path: [0],
      decided: [],
      cc: [],
      stepEnteredAt: '2026-12-07T00:00:00.000Z',
    };
    const after = (values: Record<string, string | number>) => {
      const r = advance(
        start,
        { type: 'approve', actorId: 5 },
        { flow, facts: { form: formFacts(FIELDS, values) }, applicantId: 1 },
      );
      if (!r.ok) throw new Error(r.error);
      return flow.steps[r.state.stepIndex]!.id;
    };
    expect(after({ cost: 6000, kind: 'laptop' })).toBe('finance');
    expect(after({ cost: 5000, kind: 'phone' })).toBe('finance');
    expect(after({ cost: 4999, kind: 'phone' })).toBe('it');
    expect(after({ cost: 100, kind: 'laptop' })).toBe('hr');
  });
});
