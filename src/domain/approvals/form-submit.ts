// Submitting a request of an HR-defined kind (a flow with form fields): the values are checked against the
// form (form-fields.ts), then against the org — a named person must still be with the company, a unit must
// exist (and be of the field's kind) — and only then is the request written. Chat types people and units as
// text: `readFormText` turns a name or path into its id, or says why it cannot (no match, several).
import { asc } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { approvalFlows, employees } from '../../db/schema.js';
import { problem, type Issue } from '../../i18n/issues.js';
import { allUnits, type UnitNode } from '../org/units.js';
import type { FlowDefinition } from './flow-schema.js';
import { labelParams, validateFormValues, type FormField, type FormValues } from './form-fields.js';
import {
  ensureDefaultFlows,
  FLOW_FOR,
  getFlow,
  submitRequest,
  type RequestView,
  type SubmitError,
} from './requests.js';

const BUILT_IN = new Set<string>(Object.values(FLOW_FOR));

/** The request kinds people can submit from a form: every flow with fields that is not a built-in kind's. */
export async function formKinds(db: Db): Promise<FlowDefinition[]> {
  await ensureDefaultFlows(db);
  return (await db.select().from(approvalFlows).orderBy(asc(approvalFlows.key)))
    .map((r) => JSON.parse(r.definition) as FlowDefinition)
    .filter((f) => !BUILT_IN.has(f.key) && (f.fields ?? []).length > 0);
}

export async function formKind(db: Db, key: string): Promise<FlowDefinition | undefined> {
  return (await formKinds(db)).find((f) => f.key === key);
}

const KIND_WORDS = {
  company: { en: 'company', zh: '公司' },
  department: { en: 'department', zh: '部门' },
  store: { en: 'store', zh: '门店' },
} as const;

/** The org's say on typed values: people who exist and have not left, units that exist and are of the right kind. */
export async function checkFormRefs(db: Db, fields: readonly FormField[], values: FormValues): Promise<Issue[]> {
  const issues: Issue[] = [];
  const units = fields.some((f) => f.type === 'unit') ? await allUnits(db) : [];
  const people = fields.some((f) => f.type === 'person')
    ? new Map(
        (await db.select({ id: employees.id, name: employees.name, active: employees.active }).from(employees)).map(
          (p) => [p.id, p] as const,
        ),
      )
    : new Map<number, { id: number; name: string; active: boolean }>();
  for (const f of fields) {
    const v = values[f.key];
    if (typeof v !== 'number') continue;
    if (f.type === 'person') {
      const p = people.get(v);
      if (!p) issues.push(problem([f.key], 'form.person', labelParams(f)));
      else if (!p.active) issues.push(problem([f.key], 'form.person_left', { ...labelParams(f), name: p.name }));
    }
    if (f.type === 'unit') {
      const u = units.find((x) => x.id === v);
      if (!u) issues.push(problem([f.key], 'form.unit', labelParams(f)));
      else if (f.unitKind && u.kind !== f.unitKind)
        issues.push(
          problem([f.key], 'form.unit_kind', {
            ...labelParams(f),
            kindEn: KIND_WORDS[f.unitKind].en,
            kindZh: KIND_WORDS[f.unitKind].zh,
          }),
        );
    }
  }
  return issues;
}

export type FormSubmitResult =
  | { ok: true; request: RequestView; asked: number[] }
  | { ok: false; code: 'no_kind' }
  | { ok: false; code: 'invalid'; issues: Issue[] }
  | { ok: false; code: SubmitError; step?: FlowDefinition['steps'][number]['name'] };

/** Submit a form request: nothing is written unless every value is right and the flow can be routed. */
export async function submitFormRequest(
  db: Db,
  input: { applicantId: number; flowKey: string; values: unknown; now: Date },
): Promise<FormSubmitResult> {
  const flow = await formKind(db, input.flowKey);
  if (!flow) return { ok: false, code: 'no_kind' };
  const fields = flow.fields ?? [];
  const v = validateFormValues(fields, input.values);
  if (!v.ok) return { ok: false, code: 'invalid', issues: v.issues };
  const refs = await checkFormRefs(db, fields, v.values);
  if (refs.length) return { ok: false, code: 'invalid', issues: refs };
  // The flow as it is now is what submitRequest snapshots (same unit of work).
  if (!(await getFlow(db, flow.key))) return { ok: false, code: 'no_kind' };
  return await submitRequest(db, {
    applicantId: input.applicantId,
    payload: { kind: 'form', flowKey: flow.key, values: v.values },
    now: input.now,
  });
}

/**
 * Chat's typed values: a person by id or name (exact, else the one name containing the text), a unit by id,
 * path or name (exact, else the one containing it). Several matches is an issue naming them; no match is left
 * as typed, for checkFormRefs / validateFormValues to refuse.
 */
export async function readFormText(
  db: Db,
  fields: readonly FormField[],
  raw: Record<string, string>,
): Promise<{ values: Record<string, string | number>; issues: Issue[] }> {
  const values: Record<string, string | number> = {};
  const issues: Issue[] = [];
  const people = fields.some((f) => f.type === 'person')
    ? await db.select({ id: employees.id, name: employees.name, active: employees.active }).from(employees)
    : [];
  const units: UnitNode[] = fields.some((f) => f.type === 'unit') ? await allUnits(db) : [];
  for (const f of fields) {
    const text = (raw[f.key] ?? '').trim();
    if (text === '' || (f.type !== 'person' && f.type !== 'unit') || /^\d+$/.test(text)) {
      if (text !== '') values[f.key] = text;
      continue;
    }
    const lower = text.toLowerCase();
    const pool =
      f.type === 'person'
        ? people.map((p) => ({ id: p.id, words: [p.name], active: p.active }))
        : units
            .filter((u) => !f.unitKind || u.kind === f.unitKind)
            .map((u) => ({ id: u.id, words: [u.name, u.path], active: true }));
    const exact = pool.filter((x) => x.words.some((w) => w.toLowerCase() === lower));
    // Among several exact matches (two people of one name), the ones still with the company.
    const exactActive = exact.length > 1 ? exact.filter((x) => x.active) : exact;
    const found = exactActive.length
      ? exactActive
      : pool.filter((x) => x.words.some((w) => w.toLowerCase().includes(lower)));
    if (found.length === 1) values[f.key] = found[0]!.id;
    else if (found.length > 1)
      issues.push(
        problem([f.key], 'form.ambiguous', {
          ...labelParams(f),
          text,
          names: found
            .slice(0, 5)
            .map((x) => x.words[x.words.length - 1])
            .join(', '),
        }),
      );
    else values[f.key] = text;
  }
  return { values, issues };
}
