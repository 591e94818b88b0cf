// Approval cards: one card per request per person, redrawn in place after every decision. The same view
// serves the applicant (progress and timeline) and the approvers (with Approve, Return for changes where
// the step allows it, and Reject — final — while it waits on them). Buttons carry the request version, so a stale card cannot decide.
import { z } from 'zod';
import type { Translate } from '../src/i18n/index.js';
import { openInApp } from './app-link.js';
import { card, type BlockInput, type ButtonInput, type CardView, type FormFieldInput } from './view.js';

const entry = z.strictObject({ label: z.string(), value: z.string() });

/** The view-model of an approval card — and, with the request's kind and date, the mini-app's request. */
export const approvalCardViewSchema = z.strictObject({
  id: z.number(),
  version: z.number(),
  flowName: z.string(),
  status: z.enum(['pending', 'returned', 'approved', 'rejected', 'cancelled']),
  applicant: z.string(),
  fields: z.array(entry),
  description: z.string().optional(),
  currentStep: z.string().optional(),
  waitingOn: z.array(z.string()),
  /** How the current approvers were chosen (pending), or why nobody could approve the request (ended). */
  routingNote: z.string().optional(),
  timeline: z.array(
    z.strictObject({ at: z.string(), who: z.string(), what: z.string(), comment: z.string().optional() }),
  ),
  /** What the viewer may do on this card. */
  canDecide: z.boolean(),
  /** The step offers "return for changes" besides the final reject. */
  canReturn: z.boolean(),
  canAdjust: z.boolean(),
  canCancel: z.boolean(),
  canResubmit: z.boolean(),
  /** The request's page in the mini-app. */
  appUrl: z.string().optional(),
  /** A point claim close to an earlier one by the same person (issue 24): a flag for its reviewers. */
  similar: z
    .strictObject({ id: z.number(), name: z.string(), date: z.string(), text: z.string(), url: z.string().optional() })
    .optional(),
  /** A deciding viewer's further actions (issue 24): hand over, add an approver, and the earlier steps to send back to. */
  more: z.strictObject({ sendBack: z.array(z.strictObject({ id: z.string(), name: z.string() })) }).optional(),
  /** The applicant may nudge the current approvers now (once per step per day). */
  canUrge: z.boolean().optional(),
  /** The viewer is copied (抄送): informed, with nothing to decide. */
  copied: z.boolean().optional(),
});
export type ApprovalCardView = z.infer<typeof approvalCardViewSchema>;

/**
 * A request as the mini-app shows it (src/web/views.ts): the card's view plus the request's kind and when it
 * was made; where the viewer may adjust a point claim, the claimed points and the tag's range.
 */
export const requestViewSchema = approvalCardViewSchema.extend({
  kind: z.enum(['point_claim', 'redemption', 'transfer', 'training', 'form']),
  createdAt: z.string(),
  adjust: z.strictObject({ points: z.number(), min: z.number(), max: z.number() }).optional(),
});
export type RequestJson = z.infer<typeof requestViewSchema>;

const TONE = {
  pending: 'info',
  returned: 'warning',
  approved: 'success',
  rejected: 'danger',
  cancelled: 'neutral',
} as const;

export function approvalCard(v: ApprovalCardView, t: Translate): CardView {
  const ref = { id: String(v.id), v: String(v.version) };
  const blocks: BlockInput[] = [
    { type: 'fields', fields: [{ label: t('approval.applicant'), value: v.applicant }, ...v.fields] },
  ];
  if (v.description) blocks.push({ type: 'text', markdown: v.description });
  if (v.similar) {
    const { id, url, ...rest } = v.similar;
    blocks.push({
      type: 'text',
      markdown: t('points.similar.line', { ...rest, ref: url ? `[#${id}](${url})` : `#${id}` }),
    });
  }
  if (v.status === 'pending' && v.currentStep)
    blocks.push({
      type: 'text',
      markdown: t('approval.waiting', { step: v.currentStep, who: v.waitingOn.join(', ') || '—' }),
    });
  // How the approvers were chosen while it waits; why it ended when nobody could approve it.
  if (v.routingNote) blocks.push({ type: 'note', text: v.routingNote });
  if (v.copied) blocks.push({ type: 'note', text: t('approval.cc.note') });
  blocks.push({
    type: 'text',
    markdown:
      `**${t('approval.timeline')}**\n` +
      v.timeline.map((e) => `- ${e.at} · ${e.who} · ${e.what}${e.comment ? ` — “${e.comment}”` : ''}`).join('\n'),
  });
  const buttons: ButtonInput[] = [];
  if (v.canDecide) {
    buttons.push({ label: t('approval.approve'), style: 'primary', action: { k: 'approval.approve', ...ref } });
    if (v.canAdjust)
      buttons.push({ label: t('approval.adjust'), style: 'default', action: { k: 'approval.adjust', ...ref } });
    if (v.canReturn)
      buttons.push({ label: t('approval.return'), style: 'default', action: { k: 'approval.return', ...ref } });
    buttons.push({ label: t('approval.reject'), style: 'danger', action: { k: 'approval.reject', ...ref } });
    if (v.more) {
      buttons.push({ label: t('approval.more.comment'), style: 'default', action: { k: 'approval.comment', ...ref } });
      buttons.push({
        label: t('approval.more.handOver'),
        style: 'default',
        action: { k: 'approval.handover', ...ref },
      });
      buttons.push({ label: t('approval.more.addSign'), style: 'default', action: { k: 'approval.addsign', ...ref } });
      if (v.more.sendBack.length)
        buttons.push({
          label: t('approval.more.sendBack'),
          style: 'default',
          action: { k: 'approval.sendback', ...ref },
        });
      buttons.push({ label: t('approval.more.cc'), style: 'default', action: { k: 'approval.cc', ...ref } });
    }
  }
  if (v.canUrge)
    buttons.push({ label: t('approval.more.urge'), style: 'default', action: { k: 'approval.urge', ...ref } });
  if (v.canResubmit)
    buttons.push({ label: t('approval.resubmit'), style: 'primary', action: { k: 'claim.edit', ...ref } });
  if (v.canCancel)
    buttons.push({ label: t('approval.cancel'), style: 'default', action: { k: 'approval.cancel', ...ref } });
  if (v.appUrl) buttons.push({ label: t('app.open'), url: v.appUrl });
  if (buttons.length) blocks.push({ type: 'actions', buttons });
  return card({
    header: { title: `${v.flowName} #${v.id}`, subtitle: t(`approval.status.${v.status}`), tone: TONE[v.status] },
    blocks,
  });
}

/** The reason form behind Return for changes (the applicant edits and resubmits) and Reject (final). */
export function reasonFormCard(
  v: { id: number; version: number; flowName: string; mode: 'reject' | 'return' },
  t: Translate,
): CardView {
  const label = t(`approval.${v.mode}`);
  return card({
    header: { title: `${v.flowName} #${v.id}`, subtitle: label, tone: v.mode === 'reject' ? 'danger' : 'warning' },
    blocks: [
      { type: 'text', markdown: t(`approval.${v.mode}.explain`) },
      {
        type: 'form',
        id: `${v.mode}-${v.id}`,
        openLabel: t(`approval.giveReason.${v.mode}`),
        fields: [
          {
            type: 'input',
            id: 'reason',
            label: t('approval.reason'),
            placeholder: t(`approval.reasonPlaceholder.${v.mode}`),
            multiline: true,
            maxLength: 500,
            required: true,
          },
        ],
        submit: { label, action: { k: `approval.${v.mode}`, id: String(v.id), v: String(v.version) } },
      },
    ],
  });
}

export function adjustFormCard(
  v: { id: number; version: number; flowName: string; points: number; min: number; max: number },
  t: Translate,
): CardView {
  const fields: FormFieldInput[] = [
    {
      type: 'input',
      id: 'points',
      label: t('approval.adjust.points', { min: v.min, max: v.max }),
      value: String(v.points),
      required: true,
    },
    { type: 'input', id: 'reason', label: t('approval.reason'), multiline: true, maxLength: 300, required: true },
  ];
  return card({
    header: { title: `${v.flowName} #${v.id}`, subtitle: t('approval.adjust'), tone: 'info' },
    blocks: [
      {
        type: 'form',
        id: `adjust-${v.id}`,
        fields,
        submit: {
          label: t('approval.approve'),
          action: { k: 'approval.approve', id: String(v.id), v: String(v.version) },
        },
      },
    ],
  });
}

export function requestListCard(
  v: {
    waiting: { id: number; title: string; status: string }[];
    mine: { id: number; title: string; status: string }[];
    appUrl?: string;
  },
  t: Translate,
): CardView {
  const line = (r: { id: number; title: string; status: string }) => `- **#${r.id}** ${r.title} · ${r.status}`;
  const showButtons: ButtonInput[] = v.waiting
    .slice(0, 5)
    .map((r) => ({ label: `#${r.id}`, action: { k: 'approval.show', id: String(r.id) } }));
  return card({
    header: { title: t('approval.list.title'), tone: 'neutral' },
    blocks: [
      {
        type: 'text',
        markdown: `**${t('approval.list.waiting')}**\n${v.waiting.map(line).join('\n') || t('approval.list.none')}`,
      },
      ...(showButtons.length ? [{ type: 'actions' as const, buttons: showButtons }] : []),
      {
        type: 'text',
        markdown: `**${t('approval.list.mine')}**\n${v.mine.map(line).join('\n') || t('approval.list.none')}`,
      },
      ...openInApp(v.appUrl, t),
    ],
  });
}

/**
 * The forms behind the card's further actions: approve with a comment; hand over (to whom, why); add an
 * approver (whom, before or after the viewer, why); send back (to which earlier step, why); copy (抄送) people
 * (whom — several work emails — and why). People are named by
 * work email, as /delegate does: a chat card has no person picker on every platform.
 */
export function moreFormCard(
  v: {
    id: number;
    version: number;
    flowName: string;
    mode: 'comment' | 'handover' | 'addsign' | 'sendback' | 'cc';
    steps?: { id: string; name: string }[];
  },
  t: Translate,
): CardView {
  const reason: FormFieldInput = {
    type: 'input',
    id: 'reason',
    label: t('approval.more.reason'),
    multiline: true,
    maxLength: 500,
    required: true,
  };
  const person: FormFieldInput = {
    type: 'input',
    id: 'person',
    label: t('approval.more.person'),
    placeholder: t('approval.more.personPlaceholder'),
    maxLength: 200,
    required: true,
  };
  const fields: FormFieldInput[] =
    v.mode === 'comment'
      ? [{ type: 'input', id: 'comment', label: t('approval.more.comment'), multiline: true, maxLength: 500 }]
      : v.mode === 'handover'
        ? [person, reason]
        : v.mode === 'addsign'
          ? [
              person,
              {
                type: 'choice',
                id: 'position',
                label: t('approval.more.position'),
                options: [
                  { value: 'before', label: t('approval.more.addBefore') },
                  { value: 'after', label: t('approval.more.addAfter') },
                ],
                selected: ['before'],
              },
              reason,
            ]
          : v.mode === 'cc'
            ? [
                {
                  type: 'input',
                  id: 'people',
                  label: t('approval.more.people'),
                  placeholder: t('approval.more.peoplePlaceholder'),
                  maxLength: 500,
                  required: true,
                },
                reason,
              ]
            : [
                {
                  type: 'choice',
                  id: 'step',
                  label: t('approval.more.step'),
                  options: (v.steps ?? []).map((s) => ({ value: s.id, label: s.name })),
                },
                reason,
              ];
  const title = {
    comment: t('approval.approve'),
    handover: t('approval.more.handOver'),
    addsign: t('approval.more.addSign'),
    sendback: t('approval.more.sendBack'),
    cc: t('approval.more.cc'),
  }[v.mode];
  const k = v.mode === 'comment' ? 'approval.approve' : `approval.${v.mode}`;
  return card({
    header: { title: `${v.flowName} #${v.id}`, subtitle: title, tone: 'info' },
    blocks: [
      {
        type: 'form',
        id: `${v.mode}-${v.id}`,
        openLabel: title,
        fields,
        submit: { label: title, action: { k, id: String(v.id), v: String(v.version) } },
      },
    ],
  });
}
