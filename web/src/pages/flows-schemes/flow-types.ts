// What the flows API sends, and the editor's own form state for one step (strings, as inputs hold them).
export type ApproverRule =
  | { type: 'manager' }
  | { type: 'unitHead'; unit: 'applicant' | 'target' | number }
  | { type: 'role'; role: 'hr' | 'admin' }
  | { type: 'person'; employeeId: number };
export interface Condition {
  field: 'points' | 'cost';
  op: 'gte' | 'lt';
  value: number;
}
export interface StepDef {
  id: string;
  name: { 'zh-CN': string; en: string };
  approver: ApproverRule;
  when?: Condition;
  onReject: 'end' | 'return';
  next?: string;
}
export interface FlowDef {
  key: string;
  name: { 'zh-CN': string; en: string };
  steps: StepDef[];
}
export interface FlowSummary {
  key: string;
  name: string;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
  steps: { id: string; name: string; approver: ApproverRule; person: string | null; when: Condition | null }[];
}
export interface FlowDetail extends Omit<FlowSummary, 'steps'> {
  flow: FlowDef;
  people: { id: number; name: string }[];
  units: { id: number; name: string }[];
}

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
