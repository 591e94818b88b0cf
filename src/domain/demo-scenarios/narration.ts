// A step's words in the reader's language: its narration with the names and figures the step recorded, why a
// refused step stopped, why demos may not run here. Shared by the chat cards and the mini-app page.
import type { Locale } from '../../vocabulary.js';
import type { MessageKey, Translate } from '../../i18n/index.js';
import { paramIn, type DemoBlocker, type Played } from './runner.js';
import { narrationKey, SCENARIOS, type ScenarioName } from './scenarios.js';

const KNOWN_REASONS = new Set([
  'insufficient_balance',
  'over_cap',
  'no_approvers',
  'not_pending',
  'flow_changed',
  'hidden',
  'person_missing',
  'unit_missing',
  'no_recommendation',
  'closed',
  'stale',
]);

export function narrate(name: ScenarioName, played: Played, t: Translate, locale: Locale): string {
  const stepId = SCENARIOS[name].steps[played.step]!.id;
  const params = Object.fromEntries(Object.entries(played.params).map(([k, v]) => [k, paramIn(v, locale)]));
  return t(narrationKey(name, stepId) as MessageKey, params);
}

export const scenarioTitle = (name: ScenarioName, t: Translate) => t(`demo.${name}.title` as MessageKey);
export const scenarioSummary = (name: ScenarioName, t: Translate) => t(`demo.${name}.summary` as MessageKey);

export function whyStopped(reason: string, t: Translate): string {
  return KNOWN_REASONS.has(reason) ? t(`demo.why.${reason}` as MessageKey) : t('demo.why.other', { code: reason });
}

export const blockedText = (b: DemoBlocker, t: Translate) => t(`demo.blocked.${b}`);
