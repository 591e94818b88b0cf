// First-run guides by role (issue 25 §5, seeds 002 and 004): an employee learns to turn their work into a claim
// (the articles' cases: 预算优化 → 成本控制, 会议流程 → 流程优化), a manager to check a claim and keep the tags
// useful, HR to read the value dashboard and the reports. Pure data and rules: the steps are message keys (both
// languages live in src/i18n/parts/guides.*.ts); the chat cards and the mini-app page draw the same steps.
import type { Role } from '../../vocabulary.js';

export type GuideRole = 'employee' | 'manager' | 'hr';

export interface GuideStep {
  /** Message keys: `guide.<role>.<n>.title` / `.body`. */
  key: string;
  /** The command that does what the step describes, shown as something to try. */
  command?: string;
  /** The mini-app page for it. */
  appPath?: string;
}

export const GUIDES: Record<GuideRole, readonly GuideStep[]> = {
  employee: [
    { key: 'guide.employee.1' },
    { key: 'guide.employee.2', command: '/claim', appPath: '/claim' },
    { key: 'guide.employee.3', command: '/claim', appPath: '/claim' },
    { key: 'guide.employee.4' },
    { key: 'guide.employee.5', command: '/points', appPath: '/rewards' },
  ],
  manager: [
    { key: 'guide.manager.1', command: '/approvals', appPath: '/approvals' },
    { key: 'guide.manager.2', command: '/approvals', appPath: '/approvals' },
    { key: 'guide.manager.3', command: '/tags' },
    { key: 'guide.manager.4', command: '/report pulse', appPath: '/team' },
  ],
  hr: [
    { key: 'guide.hr.1', command: '/leaderboard', appPath: '/leaderboard' },
    { key: 'guide.hr.2', command: '/report pulse', appPath: '/hr/report' },
    { key: 'guide.hr.3', command: '/report approvals', appPath: '/hr/turnaround' },
    { key: 'guide.hr.4', appPath: '/hr/settings' },
  ],
};

/** The guide for what a person does most: HR's for HR and admins, a manager's for anyone with reports. */
export function guideRoleOf(roles: readonly Role[], isManager: boolean): GuideRole {
  if (roles.includes('hr') || roles.includes('admin')) return 'hr';
  return isManager || roles.includes('manager') ? 'manager' : 'employee';
}

/** A step asked for, kept within the guide (a stale card's "next" after the guide changed lands on its end). */
export function clampStep(role: GuideRole, step: number): number {
  const last = GUIDES[role].length - 1;
  if (!Number.isInteger(step) || step < 0) return 0;
  return Math.min(step, last);
}
