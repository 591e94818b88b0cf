// Guided scenario demos (issue 25 §5): three short stories played step by step in the demo organisation, so a
// manager sees a whole loop in two minutes. Pure data: each step names who acts, when in the story it happens
// (days after the story's start; see runner.ts for the story clock) and its narration (message keys
// `demo.<scenario>.<step>` in src/i18n/parts/demo-scenarios.*.ts). What a step does lives in ./steps-*.ts and
// goes through the same domain functions the chat and the mini-app call.

export const SCENARIO_NAMES = ['cook', 'saving', 'pulse'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** Who acts: a demo person by user name, one of the story's cast chosen when the run starts (the cook, the
 *  store head), or whoever the approval engine routed the request to. */
export type StepActor = { user: string } | { cast: 'cook' | 'head' } | { routed: true };

export interface ScenarioStep {
  id: string;
  actor: StepActor;
  /** Days (or a fraction of one) after the story's start. Steps run in order; a later one never happens first. */
  day: number;
}

export interface Scenario {
  name: ScenarioName;
  /** Other words `/demo <word>` accepts. */
  aliases: readonly string[];
  /** How many days the story spans: it starts this long before the run was started, so it ends by now. */
  span: number;
  steps: readonly ScenarioStep[];
}

const HR = { user: 'lin.xiaowen' };
const ROUTED = { routed: true } as const;

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  // A cook sent to the partner store: the transfer through its three approvals (the person's unit and manager
  // change on the last), the new store's rating cycle, the course it recommends, and the composite report.
  // The course comes from the rating (a recommendation is what a training request refers to), so the store
  // rating comes before the training here.
  cook: {
    name: 'cook',
    aliases: ['transfer', '调岗', '厨师'],
    // Within a day: requests never wait long enough for the scheduler's reminders (24 h) or escalations.
    span: 1,
    steps: [
      { id: 'ask', actor: { cast: 'cook' }, day: 0 },
      { id: 'current-head', actor: ROUTED, day: 0.05 },
      { id: 'hr', actor: ROUTED, day: 0.1 },
      { id: 'receiving-head', actor: ROUTED, day: 0.2 },
      { id: 'rating-open', actor: HR, day: 0.3 },
      { id: 'rating-rate', actor: { cast: 'head' }, day: 0.4 },
      { id: 'rating-close', actor: HR, day: 0.5 },
      { id: 'training-enrol', actor: { cast: 'cook' }, day: 0.6 },
      { id: 'training-approve', actor: ROUTED, day: 0.65 },
      { id: 'training-complete', actor: { cast: 'cook' }, day: 0.85 },
      { id: 'report', actor: { cast: 'head' }, day: 0.9 },
    ],
  },
  // A finance clerk's cost saving: the claim (预算优化 → 成本控制), her manager's approval (raised to the
  // tag's maximum, so HR reviews it too), the points in her ledger, a reward redeemed and HR's approval of it.
  saving: {
    name: 'saving',
    aliases: ['claim', 'cost', '积分', '成本'],
    // Within a day, as the cook's story (no reminder or escalation is due between two presses).
    span: 1,
    steps: [
      { id: 'claim', actor: { user: 'xu.lan' }, day: 0 },
      { id: 'approve', actor: ROUTED, day: 0.2 },
      { id: 'ledger', actor: ROUTED, day: 0.4 },
      { id: 'redeem', actor: { user: 'xu.lan' }, day: 0.7 },
      { id: 'redeem-approve', actor: ROUTED, day: 0.8 },
    ],
  },
  // A pulse finds a process problem: a wave, its K-protected report, a follow-up with the unit's head, the
  // follow-up done, and the next wave showing the dimension recovered.
  pulse: {
    name: 'pulse',
    aliases: ['survey', '调研', '脉搏'],
    span: 30,
    steps: [
      // Launched and answered in one step: the wave's week lies in the past, so nothing waits between presses
      // (the scheduler may close an expired wave itself; the report step takes it closed).
      { id: 'launch', actor: HR, day: 0 },
      { id: 'report', actor: HR, day: 7 },
      { id: 'follow-up', actor: HR, day: 9 },
      { id: 'done', actor: { user: 'li.ming' }, day: 20 },
      { id: 'next-wave', actor: HR, day: 22 },
      { id: 'resolved', actor: HR, day: 29 },
    ],
  },
};

/** The scenario a word names (its name or an alias), case-insensitive. */
export function scenarioNamed(word: string): Scenario | undefined {
  const w = word.trim().toLowerCase();
  return Object.values(SCENARIOS).find((s) => s.name === w || s.aliases.includes(w));
}

/** Message key of a step's narration. */
export const narrationKey = (name: ScenarioName, stepId: string) => `demo.${name}.${stepId}`;
