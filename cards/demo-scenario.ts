// Guided scenario demos in chat (issue 25 §5): the list of demos with a Play button each, and one card per step —
// the narration, when it happened in the story, the page showing what the step made, and "Next step" (or "Play
// again" at the end). The feature resolves the narration in the reader's language; these only lay it out.
import type { Translate } from '../src/i18n/index.js';
import { appButton } from './app-link.js';
import { card, type BlockInput, type ButtonInput, type CardView } from './view.js';

export const DEMO_START_ACTION = 'demo.start';
export const DEMO_NEXT_ACTION = 'demo.next';
/** Play the rest of the run from the step it names, one card per step. */
export const DEMO_ALL_ACTION = 'demo.all';

export interface DemoListItem {
  name: string;
  title: string;
  summary: string;
}

export function demoListCard(items: readonly DemoListItem[], t: Translate, appUrl?: string): CardView {
  return card({
    header: { title: t('demo.list.title'), tone: 'info' },
    blocks: [
      { type: 'text', markdown: t('demo.list.intro') },
      { type: 'divider' },
      ...items.map((i): BlockInput => ({
        type: 'text',
        markdown: `**${i.title}** · \`/demo ${i.name}\`\n${i.summary}`,
      })),
      {
        type: 'actions',
        buttons: [
          ...items.map((i): ButtonInput => ({
            label: t('demo.play', { title: i.title }),
            action: { k: DEMO_START_ACTION, id: i.name },
          })),
          ...(appUrl ? [appButton(appUrl, t)] : []),
        ],
      },
    ],
  });
}

export interface DemoStepCardView {
  name: string;
  title: string;
  run: number;
  /** 0-based. */
  step: number;
  total: number;
  narration: string;
  /** When the step happened in the story, already formatted. */
  when: string;
  appUrl?: string;
}

/** The id a Next press carries: which demo, which run, which step it asks for. */
const nextStepId = (name: string, run: number, step: number) => `${name}:${run}:${step}`;

export function demoStepCard(v: DemoStepCardView, t: Translate): CardView {
  const last = v.step >= v.total - 1;
  const buttons: ButtonInput[] = [
    last
      ? { label: t('demo.again'), style: 'primary', action: { k: DEMO_START_ACTION, id: v.name } }
      : {
          label: t('demo.next'),
          style: 'primary',
          action: { k: DEMO_NEXT_ACTION, id: nextStepId(v.name, v.run, v.step + 1) },
        },
  ];
  if (!last)
    buttons.push({ label: t('demo.all'), action: { k: DEMO_ALL_ACTION, id: nextStepId(v.name, v.run, v.step + 1) } });
  if (v.appUrl) buttons.push(appButton(v.appUrl, t));
  const blocks: BlockInput[] = [
    { type: 'text', markdown: v.narration },
    { type: 'note', text: t('demo.when', { date: v.when }) },
  ];
  if (last) blocks.push({ type: 'note', text: t('demo.finished') });
  blocks.push({ type: 'actions', buttons });
  return card({
    header: {
      title: t('demo.step.title', { title: v.title, n: v.step + 1, total: v.total }),
      tone: last ? 'success' : 'info',
    },
    blocks,
  });
}

/** The demo stopped: which step and why; Next step retries it (a refused start: Play again). */
export function demoStoppedCard(
  v: { name: string; title: string; run?: number; step: number; total: number; why: string },
  t: Translate,
): CardView {
  const retry: ButtonInput =
    v.run === undefined
      ? { label: t('demo.again'), style: 'primary', action: { k: DEMO_START_ACTION, id: v.name } }
      : {
          label: t('demo.next'),
          style: 'primary',
          action: { k: DEMO_NEXT_ACTION, id: nextStepId(v.name, v.run, v.step) },
        };
  return card({
    header: { title: t('demo.step.title', { title: v.title, n: v.step + 1, total: v.total }), tone: 'warning' },
    blocks: [
      { type: 'text', markdown: t('demo.stopped', { n: v.step + 1, total: v.total, why: v.why }) },
      { type: 'actions', buttons: [retry] },
    ],
  });
}
