// Building approval cards for a viewer, and sending/updating every copy after a change.
import { approvalCard, type ApprovalCardView } from '../../../cards/approval.js';
import { pointsLandedCard } from '../../../cards/points.js';
import { formatDate } from '../../../cards/survey.js';
import type { CardView } from '../../../cards/view.js';
import type { Config } from '../../config.js';
import type { Db } from '../../domain/unit-of-work.js';
import type { Notifier } from '../../domain/notify.js';
import { getPerson, unitName } from '../../domain/org/employees.js';
import { allUnits } from '../../domain/org/units.js';
import { getReward, getTag } from '../../domain/points/catalogue.js';
import { formatQuantities } from '../../domain/points/claim-value-text.js';
import { balanceOf } from '../../domain/points/ledger.js';
import { getCourse } from '../../domain/ratings/courses.js';
import type { RoutingNote } from '../../domain/approvals/approvers.js';
import type { Reroute, Why } from '../../domain/approvals/fallback.js';
import type { Decision, RequestView } from '../../domain/approvals/requests.js';
import { transferScheduled } from '../../domain/approvals/transfer-effects.js';
import { canReturn, type Outcome } from '../../domain/approvals/transitions.js';
import { LOCALES, translator, type MessageKey, type Translate } from '../../i18n/index.js';
import { appUrl } from '../app-links.js';
import type { Locale } from '../port.js';

const name = async (db: Db, id: number | null) => (id === null ? '—' : ((await getPerson(db, id))?.name ?? `#${id}`));

const names = async (db: Db, ids: readonly number[]) =>
  (await Promise.all(ids.map(async (id) => await name(db, id)))).join(', ') || '—';

async function whyText(db: Db, t: Translate, why: Why): Promise<string> {
  const who = await name(db, why.about ?? null);
  switch (why.reason) {
    case 'no_head':
      return t('approval.why.no_head', {
        unit: (why.unitId === undefined ? undefined : await unitName(db, why.unitId)) ?? t('approval.why.unit'),
      });
    case 'no_members':
      return t('approval.why.no_members', { role: t(`approval.role.${why.role ?? 'hr'}`) });
    default:
      return t(`approval.why.${why.reason}`, { who });
  }
}

/** A system reroute in the reader's language: to whom and why; names are read now, so they stay current. */
export async function rerouteText(db: Db, t: Translate, r: Reroute): Promise<string> {
  if (r.tier === 'none') return t('approval.reroute.none', { why: await whyText(db, t, r) });
  if (r.reason === 'overdue') return t('approval.reroute.escalated', { to: await names(db, r.to) });
  return t('approval.reroute.to', { to: await names(db, r.to), why: await whyText(db, t, r) });
}

/** A timeline comment: a system decision's reason rendered, a person's words as they wrote them. */
async function commentOf(db: Db, t: Translate, d: Decision): Promise<string | undefined> {
  if (d.reroute) return await rerouteText(db, t, d.reroute);
  if (d.actorId === null && d.comment === 'fallback_hr') return t('approval.note.fallback_hr');
  // Escalations written before reasons were structured kept the ids: "→ 3,7".
  const ids = d.actorId === null && d.kind === 'escalate' ? /^→ ([\d,]+)$/.exec(d.comment ?? '') : null;
  if (ids) return t('approval.reroute.escalated', { to: await names(db, ids[1]!.split(',').map(Number)) });
  return d.comment ?? undefined;
}

/** What the card says about how the current approvers were chosen, or why nobody can approve. */
async function routingNoteOf(db: Db, t: Translate, req: RequestView): Promise<string | undefined> {
  if (req.status === 'rejected' && req.reroute?.tier === 'none') return await rerouteText(db, t, req.reroute);
  if (req.status !== 'pending') return undefined;
  const text = async (n: RoutingNote) =>
    n === 'rerouted' && req.reroute ? await rerouteText(db, t, req.reroute) : t(`approval.note.${n}`);
  return req.routingNote.length ? (await Promise.all(req.routingNote.map(text))).join(' ') : undefined;
}

export function cardKeyOf(requestId: number): string {
  return `approval:${requestId}`;
}

export async function approvalViewFor(
  db: Db,
  config: Config,
  req: RequestView,
  viewerId: number,
  locale: Locale,
): Promise<ApprovalCardView> {
  const t = translator(locale);
  const p = req.payload;
  const fields: { label: string; value: string }[] = [];
  let description: string | undefined;
  if (p.kind === 'point_claim') {
    const tag = await getTag(db, p.tagId);
    fields.push({ label: t('claim.tag'), value: tag ? (locale === 'en' ? tag.nameEn : tag.nameZh) : '?' });
    fields.push({
      label: t('points.points'),
      value: p.adjustment
        ? `${p.points} (${t('approval.adjustedFrom', { from: p.adjustment.from })})`
        : String(p.points),
    });
    fields.push({ label: t('claim.amount'), value: formatQuantities(p.quantities, locale) });
    description = p.note ? `${p.description}\n_${p.note}_` : p.description;
  } else if (p.kind === 'redemption') {
    const reward = await getReward(db, p.rewardId);
    fields.push(
      { label: t('rewards.reward'), value: reward ? (locale === 'en' ? reward.nameEn : reward.nameZh) : '?' },
      { label: t('rewards.cost'), value: String(p.cost) },
    );
  } else if (p.kind === 'training') {
    const course = await getCourse(db, p.courseId);
    fields.push({ label: t('course.title'), value: course ? (locale === 'en' ? course.nameEn : course.nameZh) : '?' });
  } else {
    const units = await allUnits(db);
    const unitName = (id: number | null) => units.find((u) => u.id === id)?.name ?? '—';
    fields.push(
      { label: t('transfer.from'), value: unitName(p.fromUnitId) },
      { label: t('transfer.to'), value: unitName(p.toUnitId) },
    );
    // Older requests have no date: they took effect when approved.
    const effective = p.effectiveDate ?? (req.status === 'approved' ? undefined : t('transfer.effective.onApproval'));
    if (effective) fields.push({ label: t('transfer.effective'), value: effective });
    if (p.effectiveDate && (await transferScheduled(db, req)))
      fields.push({
        label: t('transfer.effective.status'),
        value: t('transfer.effective.scheduled', { date: p.effectiveDate }),
      });
    description = p.reason;
  }
  const step = req.flow.steps[req.stepIndex];
  const isApprover = req.status === 'pending' && req.approvers.includes(viewerId);
  return {
    id: req.id,
    version: req.version,
    flowName: req.flow.name[locale],
    status: req.status,
    applicant: await name(db, req.applicantId),
    fields,
    description,
    currentStep: step?.name[locale],
    waitingOn: await Promise.all(req.approvers.map(async (a) => await name(db, a))),
    routingNote: await routingNoteOf(db, t, req),
    timeline: await Promise.all(
      req.decisions.map(async (d) => ({
        at: formatDate(new Date(d.at), locale, config.defaultTimezone),
        who: d.actorId === null ? t('approval.system') : await name(db, d.actorId),
        what: `${t(d.reroute?.tier === 'none' ? 'approval.decision.unroutable' : (`approval.decision.${d.kind}` as MessageKey))}${d.kind === 'submit' || d.kind === 'resubmit' ? '' : ` (${req.flow.steps[d.stepIndex]?.name[locale] ?? ''})`}`,
        comment: await commentOf(db, t, d),
      })),
    ),
    canDecide: isApprover,
    canReturn: isApprover && canReturn(req.flow, req.stepIndex),
    canAdjust: isApprover && p.kind === 'point_claim',
    canCancel: viewerId === req.applicantId && (req.status === 'pending' || req.status === 'returned'),
    canResubmit: viewerId === req.applicantId && req.status === 'returned' && p.kind === 'point_claim',
    appUrl: appUrl(config, `/requests/${req.id}`),
  };
}

/** The viewer's card in any language. The notifier renders synchronously in the recipient's language, so the
 *  card's data is read first, for every language (a handful of reads each). */
export async function renderFor(
  db: Db,
  config: Config,
  req: RequestView,
  viewerId: number,
): Promise<(locale: Locale) => CardView> {
  const views = new Map(
    await Promise.all(LOCALES.map(async (l) => [l, await approvalViewFor(db, config, req, viewerId, l)] as const)),
  );
  return (locale) => {
    const view = views.get(locale);
    if (!view) throw new Error(`approval card: no view read for locale ${locale}`);
    return approvalCard(view, translator(locale));
  };
}

/** After a change: new approvers get the card, everyone else involved has theirs redrawn in place. */
export async function publishRequest(
  db: Db,
  notify: Notifier,
  config: Config,
  req: RequestView,
  opts: { newlyAsked: number[]; outcome?: Outcome | 'submitted' },
): Promise<void> {
  const newly = new Set(opts.newlyAsked);
  if (opts.outcome === 'submitted')
    await notify.toEmployee(req.applicantId, await renderFor(db, config, req, req.applicantId), {
      cardKey: cardKeyOf(req.id),
    });
  for (const id of newly)
    await notify.toEmployee(id, await renderFor(db, config, req, id), { cardKey: cardKeyOf(req.id) });
  if (opts.outcome !== 'submitted') {
    for (const id of new Set([req.applicantId, ...req.asked]))
      if (!newly.has(id)) await notify.updateCard(cardKeyOf(req.id), id, await renderFor(db, config, req, id));
  }
  if (opts.outcome === 'approved' && req.payload.kind === 'point_claim') {
    const p = req.payload;
    const tag = await getTag(db, p.tagId);
    const applicant = await getPerson(db, req.applicantId);
    // Read before the (synchronous) render: the applicant's balance after this approval.
    const balance = await balanceOf(db, req.applicantId);
    const landed = (withBalance: boolean) => (locale: Locale) =>
      pointsLandedCard(
        {
          who: applicant?.name ?? '',
          points: p.points,
          tag: tag ? (locale === 'en' ? tag.nameEn : tag.nameZh) : '',
          balance: withBalance ? balance : undefined,
          appUrl: withBalance ? appUrl(config, '/rewards') : undefined,
        },
        translator(locale),
      );
    await notify.toEmployee(req.applicantId, landed(true));
    if (applicant?.managerId) await notify.toEmployee(applicant.managerId, landed(false));
  }
}
