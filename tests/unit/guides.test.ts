// The first-run guides' rules and content (issue 25 §5): each role's steps exist in both languages, the
// employee's guide carries the articles' two cases, a role is chosen by what the person does, a step is kept
// within the guide.
import { describe, expect, it } from 'vitest';
import { clampStep, GUIDES, guideRoleOf, type GuideRole } from '../../src/domain/guides/guides.js';
import { translator, type MessageKey } from '../../src/i18n/index.js';
import { guideCard } from '../../cards/guide.js';

const ROLES: GuideRole[] = ['employee', 'manager', 'hr'];

describe('first-run guides', () => {
  it('every step of every role has a title and a body in zh-CN and en, different from each other', () => {
    for (const role of ROLES) {
      expect(GUIDES[role].length).toBeGreaterThanOrEqual(4);
      for (const step of GUIDES[role])
        for (const part of ['title', 'body'])
          expect(translator('zh-CN')(`${step.key}.${part}` as MessageKey)).not.toBe(
            translator('en')(`${step.key}.${part}` as MessageKey),
          );
    }
  });

  it('the employee learns to turn work into a claim with the articles’ cases', () => {
    const zh = GUIDES.employee.map((s) => translator('zh-CN')(`${s.key}.body` as MessageKey)).join('\n');
    expect(zh).toMatch(/预算优化[\s\S]*成本控制/);
    expect(zh).toMatch(/周会流程[\s\S]*流程优化/);
    const en = GUIDES.employee.map((s) => translator('en')(`${s.key}.body` as MessageKey)).join('\n');
    expect(en).toContain('Cost control');
    expect(en).toContain('Process optimisation');
    expect(GUIDES.employee.some((s) => s.command === '/claim')).toBe(true);
  });

  it('HR (or an admin) gets HR’s guide, a unit head or a manager the manager’s, everyone else the employee’s', () => {
    expect(guideRoleOf(['employee', 'hr'], false)).toBe('hr');
    expect(guideRoleOf(['admin'], true)).toBe('hr');
    expect(guideRoleOf(['employee'], true)).toBe('manager');
    expect(guideRoleOf(['employee', 'manager'], false)).toBe('manager');
    expect(guideRoleOf(['employee'], false)).toBe('employee');
  });

  it('a step is kept within the guide', () => {
    expect(clampStep('hr', -1)).toBe(0);
    expect(clampStep('hr', 1.5)).toBe(0);
    expect(clampStep('hr', 99)).toBe(GUIDES.hr.length - 1);
    expect(clampStep('employee', 2)).toBe(2);
  });

  it('the card: Back only after the first step, Done on the last, always a way to stop it', () => {
    const t = translator('en');
    const buttons = (c: ReturnType<typeof guideCard>) =>
      c.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.label) : []));
    expect(buttons(guideCard({ key: 'guide.employee.1', step: 0, total: 5 }, t))).toEqual(['Next', "Don't show again"]);
    expect(buttons(guideCard({ key: 'guide.hr.4', step: 3, total: 4, appUrl: 'http://x/app/hr/settings' }, t))).toEqual(
      ['Back', 'Done', 'Open in app', "Don't show again"],
    );
  });
});
