// HR's pulse cards in chat: the launch confirmation (with the planned reminder times and the wave's page),
// the template list, the CSV-ready link, and the answer to "remind non-respondents now".
import type { Translate } from '../src/i18n/index.js';
import { openInApp } from './app-link.js';
import { card, type CardView } from './view.js';

export interface WaveLaunchedView {
  waveId: number;
  asked: number;
  unitName: string;
  closesAt: string;
  /** Planned reminder times, already formatted in the reader's language and the company's time zone. */
  reminders: string[];
  /** The wave's page in the mini-app. */
  appUrl?: string;
  /** People no running platform reaches (not asked): how many, and a line each (name, reasons, fixes). */
  unreachable?: { count: number; lines: string[] };
  /** About delivery times (issue 23): who was left out for leave, cards waiting for people's own time — worded. */
  delivery?: string[];
}

export function waveLaunchedCard(v: WaveLaunchedView, t: Translate): CardView {
  return card({
    header: { title: t('survey.launched.title'), tone: 'success' },
    blocks: [
      v.unreachable?.count
        ? {
            type: 'text',
            markdown: t('survey.launched.bodyUnreachable', {
              wave: v.waveId,
              asked: v.asked,
              unreachable: v.unreachable.count,
              unit: v.unitName,
              closes: v.closesAt,
            }),
          }
        : {
            type: 'text',
            markdown: t('survey.launched.body', {
              wave: v.waveId,
              asked: v.asked,
              unit: v.unitName,
              closes: v.closesAt,
            }),
          },
      ...(v.unreachable?.count
        ? [
            {
              type: 'text' as const,
              markdown: `**${t('reach.unreachable.title', { count: v.unreachable.count })}**\n${v.unreachable.lines.join('\n')}`,
            },
            { type: 'note' as const, text: t('reach.unreachable.note') },
          ]
        : []),
      ...(v.reminders.length
        ? [
            {
              type: 'text' as const,
              markdown: t('survey.launched.reminders', {
                times: v.reminders.join(t('survey.launched.timesSeparator')),
              }),
            },
          ]
        : []),
      ...(v.delivery?.length ? [{ type: 'note' as const, text: v.delivery.join('\n') }] : []),
      ...(v.appUrl ? [{ type: 'note' as const, text: t('survey.launched.open') }] : []),
      ...openInApp(v.appUrl, t),
    ],
  });
}

export function templatesCard(rows: { id: number; name: string }[], t: Translate): CardView {
  return card({
    header: { title: t('survey.templates.title'), tone: 'neutral' },
    blocks: [
      { type: 'text', markdown: rows.map((r) => `- **#${r.id}** ${r.name}`).join('\n') || '—' },
      { type: 'note', text: t('survey.templates.note') },
    ],
  });
}

export function csvReadyCard(v: { waveId: number; url: string }, t: Translate): CardView {
  return card({
    header: { title: t('report.csv.title'), tone: 'success' },
    blocks: [
      { type: 'text', markdown: t('report.csv.body', { wave: v.waveId }) },
      { type: 'actions', buttons: [{ label: t('report.csv.download'), style: 'primary', url: v.url }] },
    ],
  });
}

/** "Remind non-respondents now": sent (how many, and when the next one is possible), or why not. */
export function waveRemindedCard(
  v: { waveId: number; sent: number; nextAt: string; appUrl?: string },
  t: Translate,
): CardView {
  return card({
    header: { title: t('survey.remind.title'), tone: 'success' },
    blocks: [
      { type: 'text', markdown: t('survey.remind.body', { wave: v.waveId, n: v.sent, next: v.nextAt }) },
      ...openInApp(v.appUrl, t),
    ],
  });
}

export function waveRemindRefusedCard(v: { message: string; appUrl?: string }, t: Translate): CardView {
  return card({
    header: { title: t('survey.remind.refused'), tone: 'warning' },
    blocks: [{ type: 'text', markdown: v.message }, ...openInApp(v.appUrl, t)],
  });
}
