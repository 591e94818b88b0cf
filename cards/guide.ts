// One step of a person's first-run guide as a chat card (issue 25 §5): its title and body, a command to try and
// the app page for it, then Back / Next (Done on the last) and "Don't show again". The mini-app draws the same
// steps from the same keys (web/src/pages/guide.tsx).
import type { MessageKey, Translate } from '../src/i18n/index.js';
import { appButton } from './app-link.js';
import { card, type BlockInput, type ButtonInput, type CardView } from './view.js';

export interface GuideCardView {
  /** The step's message key prefix (`guide.employee.2`). */
  key: string;
  /** 0-based. */
  step: number;
  total: number;
  command?: string;
  appUrl?: string;
}

export const GUIDE_STEP_ACTION = 'guide.step';
export const GUIDE_DISMISS_ACTION = 'guide.dismiss';

export function guideCard(v: GuideCardView, t: Translate): CardView {
  const blocks: BlockInput[] = [{ type: 'text', markdown: t(`${v.key}.body` as MessageKey) }];
  if (v.command) blocks.push({ type: 'note', text: t('guide.try', { command: v.command }) });
  const buttons: ButtonInput[] = [];
  if (v.step > 0) buttons.push({ label: t('guide.back'), action: { k: GUIDE_STEP_ACTION, id: String(v.step - 1) } });
  const last = v.step >= v.total - 1;
  buttons.push({
    label: last ? t('guide.done') : t('guide.next'),
    style: 'primary',
    action: { k: GUIDE_STEP_ACTION, id: String(last ? v.total : v.step + 1) },
  });
  if (v.appUrl) buttons.push(appButton(v.appUrl, t));
  buttons.push({ label: t('guide.dismiss'), action: { k: GUIDE_DISMISS_ACTION } });
  blocks.push({ type: 'actions', buttons });
  return card({
    header: {
      title: `${t('guide.title', { n: v.step + 1, total: v.total })} · ${t(`${v.key}.title` as MessageKey)}`,
      tone: 'info',
    },
    blocks,
  });
}
