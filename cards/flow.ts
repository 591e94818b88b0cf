// A flow as HR reads it in chat (/flow show): each step in order, who decides it, when it applies, where it
// goes next and what an approver can do — in the reader's language, never the stored JSON.
import type { Translate } from '../src/i18n/index.js';
import { card, type CardView } from './view.js';

export interface FlowStepView {
  name: string;
  /** Who decides, already in words ("the applicant's manager", "Sharon Lin"). */
  who: string;
  when?: { field: 'points' | 'cost'; op: 'gte' | 'lt'; value: number };
  /** The step it jumps to, when not simply the next one. */
  next?: string;
  actions: 'end' | 'return';
  /** Several decide together: all must approve (会签); shown only for 'all' (any one is the default). */
  mode?: 'all' | 'any';
  /** Who is copied when the step starts, in words. */
  cc?: string[];
  /** Condition branches in order: the condition in words and the step it leads to. */
  branches?: { when: string; step: string }[];
}

export interface FlowView {
  key: string;
  name: string;
  version: number;
  steps: FlowStepView[];
  /** The request form HR defined (issue 24), one line per field in words ("Cost — number, ¥, required"). */
  fields?: string[];
}

export function flowCard(v: FlowView, t: Translate): CardView {
  const lines = v.steps.map((s, i) => {
    const details = [
      ...(s.when
        ? [
            t('flow.show.when', {
              field: t(`flow.show.field.${s.when.field}`),
              op: t(`flow.show.op.${s.when.op}`),
              value: s.when.value,
            }),
          ]
        : []),
      ...(s.mode === 'all' ? [t('flow.show.mode.all')] : []),
      t(`flow.show.actions.${s.actions}`),
      ...(s.cc && s.cc.length > 0 ? [t('flow.show.cc', { who: s.cc.join(t('flow.show.listSeparator')) })] : []),
      ...(s.branches ?? []).map((b) => t('flow.show.branch', { when: b.when, step: b.step })),
      ...(s.next ? [t('flow.show.next', { step: s.next })] : []),
    ];
    return `${t('flow.show.step', { n: i + 1, name: s.name, who: s.who })}\n${details.map((d) => `  · ${d}`).join('\n')}`;
  });
  return card({
    header: { title: `${v.name} · v${v.version}`, subtitle: v.key, tone: 'neutral' },
    blocks: [
      ...(v.fields && v.fields.length > 0
        ? [
            {
              type: 'text' as const,
              markdown: `**${t('flow.show.fields')}**\n${v.fields.map((f) => `- ${f}`).join('\n')}`,
            },
          ]
        : []),
      { type: 'text', markdown: `**${t('flow.show.steps')}**\n${lines.join('\n')}` },
      { type: 'note', text: t('flow.show.edit', { key: v.key, version: v.version }) },
    ],
  });
}
