// The pure rules behind the flow editor and the scheme form: a flow's structural problem placed at the
// step and field it concerns, and a scheme form's problems as translated field messages (never zod's
// English defaults), including the weights total alongside other errors.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOWS } from '../../src/domain/approvals/default-flows.js';
import { locateProblem } from '../../src/domain/approvals/flow-admin.js';
import type { FlowDefinition } from '../../src/domain/approvals/flow-schema.js';
import { translator } from '../../src/i18n/index.js';
import { fieldMessages } from '../../src/web/field-messages.js';
import { schemeFieldErrors } from '../../src/web/routes/flows-rating-schemes.js';
import { courseSchema } from '../../src/domain/ratings/courses.js';

const claim = DEFAULT_FLOWS.find((f) => f.key === 'point-claim')!;
const withSteps = (steps: Partial<FlowDefinition['steps'][number]>[]): FlowDefinition => ({
  ...claim,
  steps: steps.map((s, i) => ({ ...claim.steps[i % 2]!, ...s })),
});
const zh = translator('zh-CN');
const en = translator('en');

describe('locateProblem', () => {
  it('is nothing for a sound flow', () => {
    for (const f of DEFAULT_FLOWS) expect(locateProblem(f)).toBeUndefined();
  });
  it('puts a loop at the "next" of the step where the walk comes back', () => {
    expect(
      locateProblem(
        withSteps([
          { id: 'a', next: 'b' },
          { id: 'b', next: 'a' },
        ]),
      ),
    ).toEqual({ index: 0, field: 'next', problem: 'loop' });
  });
  it('puts a duplicate at the id of the second step that uses it', () => {
    expect(locateProblem(withSteps([{ id: 'a' }, { id: 'b' }, { id: 'a' }]))).toEqual({
      index: 2,
      field: 'id',
      problem: 'duplicate_step',
    });
  });
  it('puts an unknown next at that step', () => {
    expect(locateProblem(withSteps([{ id: 'a' }, { id: 'b', next: 'nowhere' }]))).toEqual({
      index: 1,
      field: 'next',
      problem: 'unknown_next',
    });
  });
});

const dim = (over: Record<string, unknown> = {}) => ({
  key: 'quality',
  name: { 'zh-CN': '质量', en: 'Quality' },
  weight: 50,
  kind: 'scale',
  rater: { type: 'manager' },
  ...over,
});
const scheme = (dims: unknown[], over: Record<string, unknown> = {}) => ({
  key: 'kitchen',
  name: { 'zh-CN': '后厨', en: 'Kitchen' },
  dimensions: dims,
  ...over,
});

describe('schemeFieldErrors', () => {
  it('is empty for a valid scheme', () => {
    expect(schemeFieldErrors(scheme([dim(), dim({ key: 'speed' })]), zh)).toEqual({});
  });
  it('names the weights total, in the viewer language, together with other field errors', () => {
    const f = schemeFieldErrors(
      scheme([dim({ weight: 60 }), dim({ key: 'speed', weight: 30, name: { 'zh-CN': '', en: 'Speed' } })], {
        key: 'Bad Key',
      }),
      zh,
    );
    expect(f).toMatchObject({
      weights: '权重合计为 90，必须等于 100。',
      key: zh('field.key'),
      'dimensions.1.name.zh-CN': '必填。',
    });
  });
  it('places the indicator rules and duplicate keys at their fields', () => {
    const f = schemeFieldErrors(
      scheme([
        dim({ kind: 'indicator', indicator: { min: 0, max: 5, higherIsBetter: true } }),
        dim({ kind: 'indicator', rater: { type: 'import' }, indicator: { min: 5, max: 1, higherIsBetter: false } }),
        dim({ key: 'quality', weight: 0 }),
      ]),
      en,
    );
    expect(f['dimensions.0.rater']).toBe(en('fs.scheme.indicatorRater'));
    expect(f['dimensions.1.indicator.min']).toBe(en('fs.scheme.indicatorRange'));
    expect(f['dimensions.2.key']).toBe(en('fs.scheme.duplicateKey'));
    expect(f['dimensions.2.weight']).toBe('Must be at least 1.');
  });
  it('never lets a zod default message through', () => {
    const f = schemeFieldErrors(
      scheme([dim({ weight: 'x', rater: { type: 'person', email: 'nope' } })], { name: null }),
      en,
    );
    expect(Object.keys(f).sort()).toEqual(['dimensions.0.rater.email', 'dimensions.0.weight', 'name', 'weights']);
    for (const m of Object.values(f)) expect(m).not.toMatch(/Invalid|expected|received|Too (small|big)/);
  });
});

describe('field messages for the course form', () => {
  it('are translated per issue', () => {
    const r = courseSchema.safeParse(
      { nameZh: ' ', nameEn: 'x'.repeat(81), dimension: 'Team Work', url: 'not a url' },
      { reportInput: true },
    );
    expect(r.success).toBe(false);
    expect(fieldMessages(r.error!.issues, zh)).toEqual({
      nameZh: '必填。',
      nameEn: '最多 80 个字符。',
      dimension: zh('field.keyUnderscore'),
      url: zh('field.url'),
    });
  });
});
