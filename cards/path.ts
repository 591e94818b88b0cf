// Development path cards (issue 25 §4): where a person stands (stage, progress, next courses, behind), the notice
// that they moved on to a new stage or finished, and the receiving head's notice of a transferred person's path.
import type { Translate } from '../src/i18n/index.js';
import { openInApp } from './app-link.js';
import { card, type BlockInput, type CardView } from './view.js';

export interface PathCardView {
  /** The person's name when someone else reads it (a manager, a receiving head). */
  who?: string;
  path: string;
  startedOn: string;
  /** The current stage; absent once the path is finished. */
  stage?: { n: number; total: number; name: string; from: number; to: number };
  finishedAt?: string;
  done: number;
  total: number;
  stageDone: number;
  stageTotal: number;
  behind: boolean;
  next: { name: string; url?: string }[];
  appUrl?: string;
}

function progressBlocks(v: PathCardView, t: Translate): BlockInput[] {
  const blocks: BlockInput[] = [];
  if (v.stage)
    blocks.push({
      type: 'text',
      markdown: `**${t('path.card.stage', { n: v.stage.n, total: v.stage.total, stage: v.stage.name, from: v.stage.from, to: v.stage.to })}**`,
    });
  else blocks.push({ type: 'text', markdown: t('path.card.finished', { at: (v.finishedAt ?? '').slice(0, 10) }) });
  blocks.push({
    type: 'text',
    markdown: t('path.card.progress', {
      done: v.done,
      total: v.total,
      stageDone: v.stageDone,
      stageTotal: v.stageTotal,
    }),
  });
  if (v.behind && v.stage)
    blocks.push({ type: 'note', text: t('path.card.behind', { from: v.stage.from, to: v.stage.to }) });
  if (v.next.length)
    blocks.push({
      type: 'text',
      markdown: `**${t('path.card.next')}**\n${v.next.map((c) => `- ${c.url ? `[${c.name}](${c.url})` : c.name}`).join('\n')}`,
    });
  blocks.push({ type: 'note', text: t('path.card.started', { date: v.startedOn }) });
  return blocks;
}

/** /path: the reader's own path, or a person's they lead. */
export function pathCard(v: PathCardView, t: Translate): CardView {
  return card({
    header: {
      title: v.who ? t('path.card.titleFor', { name: v.who, path: v.path }) : t('path.card.title', { path: v.path }),
      tone: v.behind ? 'warning' : v.stage ? 'info' : 'success',
    },
    blocks: [...progressBlocks(v, t), ...openInApp(v.appUrl, t)],
  });
}

/** To the person: they completed a stage and are on the next one, or finished the path. */
export function pathMovedCard(v: PathCardView & { completedStage: string }, t: Translate): CardView {
  const intro = v.stage
    ? t('path.moved.body', { from: v.completedStage, n: v.stage.n, total: v.stage.total, stage: v.stage.name })
    : t('path.finished.body', { path: v.path });
  return card({
    header: { title: v.stage ? t('path.moved.title') : t('path.finished.title'), tone: 'success' },
    blocks: [
      { type: 'text', markdown: intro },
      { type: 'divider' },
      ...progressBlocks(v, t),
      ...openInApp(v.appUrl, t),
    ],
  });
}

/** To the receiving head of a transfer: the person's path as it stands. */
export function pathTransferCard(v: PathCardView & { who: string }, t: Translate): CardView {
  return card({
    header: { title: t('path.transfer.title'), tone: 'info' },
    blocks: [
      { type: 'text', markdown: t('path.transfer.body', { name: v.who, path: v.path }) },
      { type: 'divider' },
      ...progressBlocks(v, t),
      ...openInApp(v.appUrl, t),
    ],
  });
}
