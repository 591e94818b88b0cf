// Guided scenario demos (issue 25 §5), the pure parts: the three scenarios are well formed (every step has a
// narration in both languages and something that plays it, days in order within the story's span), the
// runner's press rules (play, show again, refuse a stale card, finished), the story clock never runs past now,
// where demos may run, and a refused domain call becomes the step's refusal with its code.
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/index.js';
import { STEP_FNS } from '../../src/domain/demo-scenarios/play.js';
import { demoBlockerOf, freshRun, moveFor, storyTime, type RunState } from '../../src/domain/demo-scenarios/runner.js';
import { narrationKey, SCENARIO_NAMES, SCENARIOS, scenarioNamed } from '../../src/domain/demo-scenarios/scenarios.js';
import { need, StepRefused } from '../../src/domain/demo-scenarios/step-context.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-12-07T10:00:00Z');

describe('the scenarios', () => {
  it.each(SCENARIO_NAMES)('%s: every step has both narrations and a step that plays it, in story order', (name) => {
    const s = SCENARIOS[name];
    expect(s.steps.length).toBeGreaterThanOrEqual(5);
    expect(new Set(s.steps.map((x) => x.id)).size).toBe(s.steps.length);
    for (const lang of ['zh-CN', 'en'] as const) {
      const c = catalogues[lang] as Record<string, string>;
      for (const step of s.steps) expect(c[narrationKey(name, step.id)], `${lang} ${step.id}`).toBeTruthy();
      expect(c[`demo.${name}.title`]).toBeTruthy();
      expect(c[`demo.${name}.summary`]).toBeTruthy();
    }
    expect(Object.keys(STEP_FNS[name]).sort()).toEqual(s.steps.map((x) => x.id).sort());
    const days = s.steps.map((x) => x.day);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(Math.max(...days)).toBeLessThanOrEqual(s.span);
  });

  it('a name or an alias finds its scenario, in any case; anything else none', () => {
    expect(scenarioNamed('COOK')?.name).toBe('cook');
    expect(scenarioNamed(' 调岗 ')?.name).toBe('cook');
    expect(scenarioNamed('cost')?.name).toBe('saving');
    expect(scenarioNamed('survey')?.name).toBe('pulse');
    expect(scenarioNamed('dance')).toBeUndefined();
  });
});

describe('the runner', () => {
  const state: RunState = {
    run: 3,
    next: 2,
    storyStart: '2026-11-07T09:00:00.000Z',
    refs: { request: 7 },
    last: { step: 1, actorId: 5, params: { approver: '王芳' } },
  };

  it('plays the step asked for when it is the next one', () => {
    expect(moveFor(state, 5, { run: 3, step: 2 })).toEqual({ kind: 'play', step: 2 });
  });

  it('shows the step just played again for a second press of the same button, changing nothing', () => {
    expect(moveFor(state, 5, { run: 3, step: 1 })).toEqual({ kind: 'replay', played: state.last });
  });

  it('refuses a card of another run, an older step, a step not reached, and anything before a run exists', () => {
    expect(moveFor(state, 5, { run: 2, step: 2 })).toEqual({ kind: 'stale' });
    expect(moveFor(state, 5, { run: 3, step: 0 })).toEqual({ kind: 'stale' });
    expect(moveFor(state, 5, { run: 3, step: 4 })).toEqual({ kind: 'stale' });
    expect(moveFor(undefined, 5, { run: 1, step: 0 })).toEqual({ kind: 'stale' });
  });

  it('says finished past the last step', () => {
    expect(moveFor({ ...state, next: 5 }, 5, { run: 3, step: 5 })).toEqual({ kind: 'finished' });
  });

  it('a fresh run takes the next number and starts its story span days (and an hour) before now', () => {
    const r = freshRun(state, 30, NOW);
    expect(r).toMatchObject({ run: 4, next: 0, refs: {} });
    expect(r.last).toBeUndefined();
    expect(NOW.getTime() - Date.parse(r.storyStart)).toBe(30 * DAY + 60 * 60 * 1000);
    expect(freshRun(undefined, 6, NOW).run).toBe(1);
  });

  it('the story clock puts each step on its day, in order, and never after now', () => {
    const start = freshRun(undefined, 30, NOW).storyStart;
    const times = SCENARIOS.pulse.steps.map((s, i) => storyTime(start, s.day, i, NOW).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
    // A step whose day lies past now (a run started long ago, played on): now, not the future.
    expect(storyTime(NOW.toISOString(), 3, 0, NOW)).toEqual(NOW);
  });

  it('a refused domain call becomes the step’s refusal with its code; an accepted one passes through', () => {
    expect(() => need({ ok: false as const, code: 'insufficient_balance' })).toThrow(StepRefused);
    try {
      need({ ok: false as const, code: 'not_approver' });
    } catch (e) {
      expect((e as StepRefused).reason).toBe('not_approver');
    }
    expect(need({ ok: true as const, id: 4 })).toEqual({ ok: true, id: 4 });
  });
});

describe('where demos may run', () => {
  const demo = { platformConfigured: false, sandbox: true, demoDomain: 'qingyun.example' };
  it('the sandbox on the demo company only', () => {
    expect(demoBlockerOf({ ...demo, emails: ['a@qingyun.example', 'b@qingyun.example'] })).toBeUndefined();
    expect(demoBlockerOf({ ...demo, emails: ['a@qingyun.example', 'b@acme.example'] })).toBe('not_demo_org');
    expect(demoBlockerOf({ ...demo, emails: ['a@qingyun.example', null] })).toBe('not_demo_org');
    expect(demoBlockerOf({ ...demo, emails: [] })).toBe('not_demo_org');
    expect(demoBlockerOf({ ...demo, sandbox: false, emails: ['a@qingyun.example'] })).toBe('no_sandbox');
    expect(demoBlockerOf({ ...demo, platformConfigured: true, emails: ['a@qingyun.example'] })).toBe('platform');
  });
});
