// HR-defined request forms (issue 24): a flow's `fields` — text, a number with its unit, a date, a choice, a
// person, a unit — and the pure validation of what an applicant submits against them. A flow with fields is a
// request kind of its own (payload kind 'form'), so a new kind needs no code. Whether a named person is still
// with the company, or a unit exists, needs the org: form-submit.ts checks that after this.
import { z } from 'zod';
import { problem, type Issue } from '../../i18n/issues.js';
import type { Locale } from '../../vocabulary.js';

export const FIELD_TYPES = ['text', 'number', 'date', 'choice', 'person', 'unit'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** A field's key: what branches and stored values name it by (lower case, digits, underscores). */
export const fieldKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/);
const labelSchema = z.object({ 'zh-CN': z.string().trim().min(1).max(40), en: z.string().trim().min(1).max(40) });

export const formFieldSchema = z.object({
  key: fieldKeySchema,
  label: labelSchema,
  type: z.enum(FIELD_TYPES),
  required: z.boolean().default(false),
  /** A number's unit as the form shows it ("¥", "小时"). */
  unit: z.string().trim().min(1).max(12).optional(),
  /** A choice's options, in order; stored values are the option values. */
  options: z
    .array(z.object({ value: z.string().regex(/^[a-z0-9_-]{1,32}$/), label: labelSchema }))
    .max(20)
    .optional(),
  /** A unit field: only units of this kind may be chosen (e.g. HQ departments). */
  unitKind: z.enum(['company', 'department', 'store']).optional(),
});
export type FormField = z.infer<typeof formFieldSchema>;
export type FormValue = string | number;
export type FormValues = Record<string, FormValue>;

const TEXT_MAX = 1000;

/** A string typed in chat or a form read as a number (blank stays blank); anything else is left for zod to refuse. */
const asNumber = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : v);

/** The zod schema of one field's value, once present. */
export function valueSchema(f: FormField): z.ZodType<FormValue> {
  switch (f.type) {
    case 'text':
      return z.string().trim().min(1).max(TEXT_MAX);
    case 'number':
      return z.preprocess(asNumber, z.number().finite());
    case 'date':
      return z
        .string()
        .trim()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .refine(
          (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
        );
    case 'choice':
      return z.string().refine((v) => (f.options ?? []).some((o) => o.value === v));
    case 'person':
    case 'unit':
      return z.preprocess(asNumber, z.number().int().positive());
  }
}

/** The zod schema of a whole form built from its fields: required ones present, each value of its type. */
export function formValuesSchema(fields: readonly FormField[]): z.ZodType<FormValues> {
  return z.record(z.string(), z.unknown()).transform((raw, ctx) => {
    const r = checkValues(fields, raw);
    for (const i of r.issues) ctx.addIssue(i as z.core.$ZodRawIssue);
    return r.values;
  });
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The issue params every form message names the field by, in both languages (see localizeFormIssues). */
export const labelParams = (f: FormField) => ({ labelZh: f.label['zh-CN'], labelEn: f.label.en });

/**
 * A form issue in the reader's language: its bilingual params (label, options, a unit kind — xxxZh / xxxEn)
 * become the one the catalogue text names ({label}, {options}, {kind}). Other issues are left as they are.
 */
export function localizeFormIssues(issues: readonly Issue[], locale: Locale): Issue[] {
  const suffix = locale === 'en' ? 'En' : 'Zh';
  return issues.map((i) => {
    if (i.code !== 'custom' || !String(i.message).startsWith('form.') || typeof i.params !== 'object') return i;
    const params: Record<string, unknown> = { ...(i.params as Record<string, unknown>) };
    for (const name of ['label', 'options', 'kind'])
      if (params[`${name}${suffix}`] !== undefined) params[name] = params[`${name}${suffix}`];
    return { ...i, params };
  });
}

function checkValues(
  fields: readonly FormField[],
  raw: Record<string, unknown>,
): { values: FormValues; issues: Issue[] } {
  const values: FormValues = {};
  const issues: Issue[] = [];
  for (const f of fields) {
    const v = raw[f.key];
    if (blank(v)) {
      if (f.required) issues.push(problem([f.key], 'form.required', labelParams(f)));
      continue;
    }
    const r = valueSchema(f).safeParse(v);
    if (r.success) values[f.key] = r.data;
    else
      issues.push(
        problem([f.key], typeof v === 'string' && v.length > TEXT_MAX ? 'form.too_long' : `form.${f.type}`, {
          ...labelParams(f),
          max: TEXT_MAX,
          // A choice's message names its options: the code alone would not tell a person what to pick.
          optionsEn: (f.options ?? []).map((o) => o.label.en).join(', '),
          optionsZh: (f.options ?? []).map((o) => o.label['zh-CN']).join('、'),
        }),
      );
  }
  return { values, issues };
}

/**
 * What the applicant submitted, checked against the fields: each value typed (a number from chat's text read as
 * one), required ones present, unknown keys dropped. Issues sit at the field's key, one per field, in its words.
 */
export function validateFormValues(
  fields: readonly FormField[],
  input: unknown,
): { ok: true; values: FormValues } | { ok: false; issues: Issue[] } {
  const raw = z.record(z.string(), z.unknown()).safeParse(input ?? {});
  if (!raw.success) return { ok: false, issues: [problem([], 'form.invalid')] };
  const r = checkValues(fields, raw.data);
  return r.issues.length ? { ok: false, issues: r.issues } : { ok: true, values: r.values };
}

/** What branches read: the number and choice values, by key. */
export function formFacts(fields: readonly FormField[], values: FormValues): Record<string, FormValue> {
  const out: Record<string, FormValue> = {};
  for (const f of fields)
    if ((f.type === 'number' || f.type === 'choice') && values[f.key] !== undefined) out[f.key] = values[f.key]!;
  return out;
}

/** The request's target unit (an approver rule's `unitHead: target`): the value of the form's first unit field. */
export function formTargetUnit(fields: readonly FormField[], values: FormValues): number | undefined {
  const f = fields.find((x) => x.type === 'unit');
  const v = f ? values[f.key] : undefined;
  return typeof v === 'number' ? v : undefined;
}

/** The people and units a form names, for the reader's lookups. */
export function formRefs(fields: readonly FormField[], values: FormValues): { people: number[]; units: number[] } {
  const of = (type: FieldType) =>
    fields.flatMap((f) => (f.type === type && typeof values[f.key] === 'number' ? [values[f.key] as number] : []));
  return { people: of('person'), units: of('unit') };
}

/** The submitted values as labelled lines in the reader's language, in the form's order (blank ones left out). */
export function formLines(
  fields: readonly FormField[],
  values: FormValues,
  locale: Locale,
  names: { person: (id: number) => string; unit: (id: number) => string },
): { label: string; value: string }[] {
  return fields.flatMap((f) => {
    const v = values[f.key];
    if (v === undefined) return [];
    const text =
      f.type === 'number'
        ? f.unit
          ? `${v} ${f.unit}`
          : String(v)
        : f.type === 'choice'
          ? (f.options?.find((o) => o.value === v)?.label[locale] ?? String(v))
          : f.type === 'person'
            ? names.person(Number(v))
            : f.type === 'unit'
              ? names.unit(Number(v))
              : String(v);
    return [{ label: f.label[locale], value: text }];
  });
}
