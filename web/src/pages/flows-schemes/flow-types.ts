// What the flows API sends (inferred from the API contract), and the editor's own form state for one step
// (strings, as inputs hold them).
import type { Answer } from '../../../../src/contract/index.js';

export type FlowSummary = Answer<'GET /hr/flows'>['flows'][number];
export type FlowDetail = Answer<'GET /hr/flows/:key'>;
export type FlowDef = FlowDetail['flow'];
export type StepDef = FlowDef['steps'][number];
export type ApproverRule = StepDef['approver'];
export type Condition = NonNullable<StepDef['when']>;
export type BranchDef = NonNullable<StepDef['branches']>[number];

/** A condition branch as the form holds it: the field, the comparison, the value typed or chosen, the target. */
export interface BranchForm {
  field: BranchDef['when']['field'];
  op: BranchDef['when']['op'];
  value: string;
  next: string;
  /** A branch on a form field: the field's key (the flow's `fields`). */
  key?: string;
}

export interface StepForm {
  id: string;
  nameZh: string;
  nameEn: string;
  type: ApproverRule['type'];
  unit: string;
  role: 'hr' | 'admin';
  employeeId: string;
  /** The named people of a parallel step ('people'). */
  employeeIds: string[];
  /** All of them must approve (会签) or the first decides (或签). */
  mode: 'all' | 'any';
  /** Informed, never deciding (抄送): named people, and HR as a role. */
  ccPeople: string[];
  ccHr: boolean;
  /** CC rules this form has no control for (e.g. a unit's head, set in chat): kept as they are on save. */
  ccOther: ApproverRule[];
  branches: BranchForm[];
  conditional: boolean;
  field: Condition['field'];
  op: Condition['op'];
  value: string;
  onReject: 'end' | 'return';
  next: string;
}

export function toForm(s: StepDef): StepForm {
  const a = s.approver;
  return {
    id: s.id,
    nameZh: s.name['zh-CN'],
    nameEn: s.name.en,
    type: a.type,
    unit: a.type === 'unitHead' ? String(a.unit) : 'applicant',
    role: a.type === 'role' ? a.role : 'hr',
    employeeId: a.type === 'person' ? String(a.employeeId) : '',
    employeeIds: a.type === 'people' ? a.employeeIds.map(String) : [],
    mode: s.mode ?? 'any',
    ccPeople: (s.cc ?? []).flatMap((r) =>
      r.type === 'person' ? [String(r.employeeId)] : r.type === 'people' ? r.employeeIds.map(String) : [],
    ),
    ccHr: (s.cc ?? []).some((r) => r.type === 'role' && r.role === 'hr'),
    ccOther: (s.cc ?? []).filter(
      (r) => r.type !== 'person' && r.type !== 'people' && !(r.type === 'role' && r.role === 'hr'),
    ),
    branches: (s.branches ?? []).map((b) => ({
      field: b.when.field,
      op: b.when.op,
      value: String(b.when.value),
      next: b.next,
      key: b.when.field === 'form' ? b.when.key : '',
    })),
    conditional: s.when !== undefined,
    field: s.when?.field ?? 'points',
    op: s.when?.op ?? 'gte',
    value: s.when ? String(s.when.value) : '',
    onReject: s.onReject,
    next: s.next ?? '',
  };
}

/** Blank numbers go as null, so the server names the field ("required") instead of guessing a value. */
const num = (s: string) => (s.trim() === '' || Number.isNaN(Number(s)) ? null : Number(s));

/** Whether a rule can name several people at once (so the step's "all or any" applies). */
export const decidesTogether = (f: StepForm) => f.type === 'people' || f.type === 'role';

export function fromForm(f: StepForm): Record<string, unknown> {
  const approver =
    f.type === 'manager'
      ? { type: 'manager' }
      : f.type === 'role'
        ? { type: 'role', role: f.role }
        : f.type === 'person'
          ? { type: 'person', employeeId: num(f.employeeId) }
          : f.type === 'people'
            ? { type: 'people', employeeIds: f.employeeIds.map(num) }
            : { type: 'unitHead', unit: f.unit === 'applicant' || f.unit === 'target' ? f.unit : num(f.unit) };
  const cc = [
    ...(f.ccHr ? [{ type: 'role', role: 'hr' }] : []),
    ...(f.ccPeople.length > 0 ? [{ type: 'people', employeeIds: f.ccPeople.map(num) }] : []),
    ...f.ccOther,
  ];
  return {
    id: f.id,
    name: { 'zh-CN': f.nameZh, en: f.nameEn },
    approver,
    ...(f.conditional ? { when: { field: f.field, op: f.op, value: num(f.value) } } : {}),
    onReject: f.onReject,
    ...(f.next ? { next: f.next } : {}),
    ...(decidesTogether(f) && f.mode === 'all' ? { mode: 'all' } : {}),
    ...(cc.length > 0 ? { cc } : {}),
    ...(f.branches.length > 0
      ? {
          branches: f.branches.map((b) => ({
            when:
              b.field === 'form'
                ? { field: 'form', key: b.key ?? '', op: b.op, value: b.op === 'eq' ? b.value : num(b.value) }
                : { field: b.field, op: b.op, value: b.field === 'unitKind' ? b.value : num(b.value) },
            next: b.next,
          })),
        }
      : {}),
  };
}

export function newStep(taken: string[]): StepForm {
  let n = taken.length + 1;
  while (taken.includes(`step-${n}`)) n++;
  return {
    id: `step-${n}`,
    nameZh: '',
    nameEn: '',
    type: 'manager',
    unit: 'applicant',
    role: 'hr',
    employeeId: '',
    employeeIds: [],
    mode: 'any',
    ccPeople: [],
    ccHr: false,
    ccOther: [],
    branches: [],
    conditional: false,
    field: 'points',
    op: 'gte',
    value: '',
    onReject: 'end',
    next: '',
  };
}

/** A request form field as the editor holds it (issue 24): strings, as inputs hold them. */
export type FieldDef = NonNullable<FlowDef['fields']>[number];
export type FieldType = FieldDef['type'];
export const FIELD_TYPES: readonly FieldType[] = ['text', 'number', 'date', 'choice', 'person', 'unit'];

export interface OptionForm {
  value: string;
  labelZh: string;
  labelEn: string;
}

export interface FieldForm {
  key: string;
  labelZh: string;
  labelEn: string;
  type: FieldType;
  required: boolean;
  unit: string;
  options: OptionForm[];
  /** A unit field: '' for any unit, else only units of this kind. */
  unitKind: '' | 'company' | 'department' | 'store';
}

export function toFieldForm(f: FieldDef): FieldForm {
  return {
    key: f.key,
    labelZh: f.label['zh-CN'],
    labelEn: f.label.en,
    type: f.type,
    required: f.required,
    unit: f.unit ?? '',
    options: (f.options ?? []).map((o) => ({ value: o.value, labelZh: o.label['zh-CN'], labelEn: o.label.en })),
    unitKind: f.unitKind ?? '',
  };
}

/** What the server validates: only the parts the field's type uses (a number's unit, a choice's options). */
export function fromFieldForm(f: FieldForm): Record<string, unknown> {
  return {
    key: f.key,
    label: { 'zh-CN': f.labelZh, en: f.labelEn },
    type: f.type,
    required: f.required,
    ...(f.type === 'number' && f.unit.trim() ? { unit: f.unit.trim() } : {}),
    ...(f.type === 'choice'
      ? { options: f.options.map((o) => ({ value: o.value, label: { 'zh-CN': o.labelZh, en: o.labelEn } })) }
      : {}),
    ...(f.type === 'unit' && f.unitKind ? { unitKind: f.unitKind } : {}),
  };
}

export function newField(taken: string[]): FieldForm {
  let n = taken.length + 1;
  while (taken.includes(`field_${n}`)) n++;
  return {
    key: `field_${n}`,
    labelZh: '',
    labelEn: '',
    type: 'text',
    required: false,
    unit: '',
    options: [],
    unitKind: '',
  };
}

/** A choice's next option value ("option_1", …), unique within the field. */
export function newOption(taken: string[]): OptionForm {
  let n = taken.length + 1;
  while (taken.includes(`option_${n}`)) n++;
  return { value: `option_${n}`, labelZh: '', labelEn: '' };
}
