// The flow editor's form state (web/src/pages/flows-schemes/flow-types.ts) round-trips every part of a step the
// server keeps — a parallel step's people and mode, CC, condition branches — so saving from the mini-app never
// drops what chat or an earlier save set (issue 24).
import { describe, expect, it } from 'vitest';
import { validateFlow, type FlowDefinition } from '../../src/domain/approvals/flow-schema.js';
import { fromForm, toForm } from '../../web/src/pages/flows-schemes/flow-types.js';
import { flowGraph } from '../../web/src/pages/flows-schemes/flow-graph.js';

const name = (s: string) => ({ 'zh-CN': s, en: s });
const rich: FlowDefinition = {
  key: 'purchase',
  name: name('Purchase'),
  steps: [
    {
      id: 'leads',
      name: name('Leads'),
      approver: { type: 'people', employeeIds: [3, 5] },
      mode: 'all',
      onReject: 'return',
      cc: [
        { type: 'role', role: 'hr' },
        { type: 'people', employeeIds: [7] },
        { type: 'unitHead', unit: 'target' },
      ],
      branches: [
        { when: { field: 'cost', op: 'gte', value: 5000 }, next: 'finance' },
        { when: { field: 'unitKind', op: 'eq', value: 'store' }, next: 'store' },
      ],
    },
    { id: 'hr', name: name('HR'), approver: { type: 'role', role: 'hr' }, onReject: 'end' },
    { id: 'finance', name: name('Finance'), approver: { type: 'person', employeeId: 9 }, onReject: 'end' },
    {
      id: 'store',
      name: name('Store'),
      approver: { type: 'unitHead', unit: 'target' },
      when: { field: 'points', op: 'lt', value: 100 },
      onReject: 'end',
    },
  ],
};

describe('flow editor form', () => {
  it('a rich flow goes through the form and back unchanged, and validates', () => {
    const back = validateFlow({ key: rich.key, name: rich.name, steps: rich.steps.map(toForm).map(fromForm) });
    expect(back).toEqual({ ok: true, flow: rich });
  });

  it('CC of single people folds into one "people" rule; mode "all" is dropped for a rule that names one person', () => {
    const f = toForm({
      id: 's',
      name: name('S'),
      approver: { type: 'person', employeeId: 1 },
      mode: 'all',
      onReject: 'end',
      cc: [
        { type: 'person', employeeId: 2 },
        { type: 'person', employeeId: 4 },
      ],
    });
    expect(f.ccPeople).toEqual(['2', '4']);
    expect(fromForm(f)).toMatchObject({ cc: [{ type: 'people', employeeIds: [2, 4] }] });
    expect(fromForm(f)).not.toHaveProperty('mode');
  });

  it('a branch value left empty goes as null, so the server names the field', () => {
    const f = {
      ...toForm(rich.steps[1]!),
      branches: [{ field: 'cost' as const, op: 'gte' as const, value: '', next: 'finance' }],
    };
    expect(fromForm(f)).toMatchObject({
      branches: [{ when: { field: 'cost', op: 'gte', value: null }, next: 'finance' }],
    });
  });

  it("the diagram's graph follows branches: a step reached only through a branch is reached", () => {
    const g = flowGraph([
      { id: 'a', conditional: false, next: 'c', branches: ['b'] },
      { id: 'b', conditional: false, next: 'c' },
      { id: 'c', conditional: false, next: '' },
    ]);
    expect(g.unreachable).toEqual([]);
    expect(g.edges.filter((e) => e.kind === 'branch')).toEqual([
      expect.objectContaining({
        from: { kind: 'step', index: 0 },
        to: { kind: 'step', index: 1 },
        lane: expect.any(Number),
      }),
    ]);
    expect(g.edges.find((e) => e.kind === 'branch')!.lane).toBeGreaterThan(0);
  });
});
