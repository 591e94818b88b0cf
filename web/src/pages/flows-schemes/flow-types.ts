// What the flows API sends (inferred from the API contract), and the editor's own form state for one step
// (strings, as inputs hold them).
import type { Answer } from '../../../../src/contract/index.js';

export type FlowSummary = Answer<'GET /hr/flows'>['flows'][number];
export type FlowDetail = Answer<'GET /hr/flows/:key'>;
export type FlowDef = FlowDetail['flow'];
export type StepDef = FlowDef['steps'][number];
export type ApproverRule = StepDef['approver'];
export type Condition = NonNullable<StepDef['when']>;

export interface StepForm {
  id: string;
  nameZh: string;
  nameEn: string;
  type: ApproverRule['type'];
  unit: string;
  role: 'hr' | 'admin';
  employeeId: string;
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

export function fromForm(f: StepForm): Record<string, unknown> {
  const approver =
    f.type === 'manager'
      ? { type: 'manager' }
      : f.type === 'role'
        ? { type: 'role', role: f.role }
        : f.type === 'person'
          ? { type: 'person', employeeId: num(f.employeeId) }
          : { type: 'unitHead', unit: f.unit === 'applicant' || f.unit === 'target' ? f.unit : num(f.unit) };
  return {
    id: f.id,
    name: { 'zh-CN': f.nameZh, en: f.nameEn },
    approver,
    ...(f.conditional ? { when: { field: f.field, op: f.op, value: num(f.value) } } : {}),
    onReject: f.onReject,
    ...(f.next ? { next: f.next } : {}),
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
    conditional: false,
    field: 'points',
    op: 'gte',
    value: '',
    onReject: 'end',
    next: '',
  };
}
