// Building approval cards for a viewer, and sending/updating every copy after a change.
import { approvalCard, type ApprovalCardView } from '../../../cards/approval.js';
import { pointsLandedCard } from '../../../cards/points.js';
import { formatDate } from '../../../cards/survey.js';
import type { CardView } from '../../../cards/view.js';
import type { Config } from '../../config.js';
import type { Db } from '../../domain/unit-of-work.js';
import type { Notifier } from '../../domain/notify.js';
import { getPerson, namesAndEmails, unitNames } from '../../domain/org/employees.js';
import { getReward, getTag } from '../../domain/points/catalogue.js';
import { formatQuantities } from '../../domain/points/claim-value-text.js';
import { hourlyCost } from '../../domain/points/hourly-cost.js';
import { hoursValue, hoursValueText } from '../../domain/points/hours-value.js';
import { balanceOf } from '../../domain/points/ledger.js';
import { similarEarlierClaim, type SimilarClaim } from '../../domain/points/duplicates.js';
import { dateTimeFormat } from '../../intl-format.js';
import { getCourse } from '../../domain/ratings/courses.js';
import type { RoutingNote } from '../../domain/approvals/approvers.js';
import type { Reroute, Why } from '../../domain/approvals/fallback.js';
import type { Decision, RequestView } from '../../domain/approvals/requests.js';
import { transferScheduled } from '../../domain/approvals/transfer-effects.js';
import { formLines, formRefs } from '../../domain/approvals/form-fields.js';
import { canReturn, type Outcome } from '../../domain/approvals/transitions.js';
import { translator, type MessageKey, type Translate } from '../../i18n/index.js';
import { appUrl } from '../app-links.js';
import type { Locale } from '../port.js';
import { afterPointDecision } from './recognition-notices.js';
import { sendPathTransferNotices } from './paths.js';

/**
 * What an approval card shows that depends neither on who reads it nor in which language, read once per request:
 * a decision redraws the card of everyone involved in both languages, so reading per viewer and per language
 * repeated the same reads up to eight times per press (issue 22).
 */
export interface ApprovalFacts {
  /** Everyone the card names: applicant, approvers, deciders, reroute targets. Missing = no longer in the org. */
  names: ReadonlyMap<number, { name: string }>;
  units: ReadonlyMap<number, string>;
  /** The claim's tag, the redemption's reward or the training's course: its two names, when it still exists. */
  subject?: { nameZh: string; nameEn: string };
  transferScheduled: boolean;
  /** A point claim's close earlier claim by the same person (duplicates.ts), flagged to its reviewers. */
  similar?: SimilarClaim;
  /** HR's hourly cost, read when a point claim has hours (value conversion, hours-value.ts). */
  hourlyCost?: number;
}

/** Legacy escalations kept the ids in the comment: "→ 3,7". */
const legacyEscalation = (d: Decision): number[] | undefined => {
  const ids = d.actorId === null && d.kind === 'escalate' ? /^→ ([\d,]+)$/.exec(d.comment ?? '') : null;
  return ids ? ids[1]!.split(',').map(Number) : undefined;
};

const reroutePeople = (r: Reroute | undefined): number[] =>
  r ? [...r.to, ...(r.about === undefined ? [] : [r.about])] : [];

export async function approvalFacts(db: Db, req: RequestView): Promise<ApprovalFacts> {
  const people = new Set<number>([req.applicantId, ...req.approvers, ...reroutePeople(req.reroute)]);
  const unitIds = new Set<number>();
  for (const r of [req.reroute, ...req.decisions.map((d) => d.reroute)])
    if (r?.unitId !== undefined) unitIds.add(r.unitId);
  for (const id of req.seats.cc) people.add(id);
  for (const d of req.decisions) {
    if (d.actorId !== null) people.add(d.actorId);
    for (const id of [...(d.detail?.person === undefined ? [] : [d.detail.person]), ...(d.detail?.people ?? [])])
      people.add(id);
    for (const id of [...reroutePeople(d.reroute), ...(legacyEscalation(d) ?? [])]) people.add(id);
  }
  const p = req.payload;
  if (p.kind === 'point_claim' && p.nominatorId !== undefined) people.add(p.nominatorId);
  if (p.kind === 'transfer') for (const id of [p.fromUnitId, p.toUnitId]) if (id !== null) unitIds.add(id);
  if (p.kind === 'form') {
    // The people and units an HR-defined form names, shown by their current names.
    const refs = formRefs(req.flow.fields ?? [], p.values);
    for (const id of refs.people) people.add(id);
    for (const id of refs.units) unitIds.add(id);
  }
  const subject =
    p.kind === 'point_claim'
      ? await getTag(db, p.tagId)
      : p.kind === 'redemption'
        ? await getReward(db, p.rewardId)
        : p.kind === 'training'
          ? await getCourse(db, p.courseId)
          : undefined;
  return {
    names: await namesAndEmails(db, [...people]),
    units: await unitNames(db, [...unitIds]),
    subject: subject && { nameZh: subject.nameZh, nameEn: subject.nameEn },
    transferScheduled: p.kind === 'transfer' && Boolean(p.effectiveDate) && (await transferScheduled(db, req)),
    // Stored at submission; a request from before that is checked now, as it always was.
    similar:
      p.kind === 'point_claim'
        ? req.similar
          ? req.similar.of
          : await similarEarlierClaim(db, { ...req, flowKey: req.flow.key })
        : undefined,
    hourlyCost:
      p.kind === 'point_claim' && p.quantities.some((q) => q.unit === 'hours') ? await hourlyCost(db) : undefined,
  };
}

const nameIn = (f: ApprovalFacts, id: number | null) => (id === null ? '—' : (f.names.get(id)?.name ?? `#${id}`));
const namesIn = (f: ApprovalFacts, ids: readonly number[]) => ids.map((id) => nameIn(f, id)).join(', ') || '—';

function whyText(f: ApprovalFacts, t: Translate, why: Why): string {
  switch (why.reason) {
    case 'no_head':
      return t('approval.why.no_head', {
        unit: (why.unitId === undefined ? undefined : f.units.get(why.unitId)) ?? t('approval.why.unit'),
      });
    case 'no_members':
      return t('approval.why.no_members', { role: t(`approval.role.${why.role ?? 'hr'}`) });
    default:
      return t(`approval.why.${why.reason}`, { who: nameIn(f, why.about ?? null) });
  }
}

/** A system reroute in the reader's language: to whom and why; names are read now, so they stay current. */
function rerouteText(f: ApprovalFacts, t: Translate, r: Reroute): string {
  if (r.tier === 'none') return t('approval.reroute.none', { why: whyText(f, t, r) });
  if (r.reason === 'overdue') return t('approval.reroute.escalated', { to: namesIn(f, r.to) });
  return t('approval.reroute.to', { to: namesIn(f, r.to), why: whyText(f, t, r) });
}

/** A timeline comment: a system decision's reason rendered, a person's words as they wrote them. */
function commentOf(f: ApprovalFacts, t: Translate, d: Decision): string | undefined {
  if (d.reroute) return rerouteText(f, t, d.reroute);
  if (d.actorId === null && d.comment === 'fallback_hr') return t('approval.note.fallback_hr');
  const ids = legacyEscalation(d);
  if (ids) return t('approval.reroute.escalated', { to: namesIn(f, ids) });
  const detail = detailText(f, t, d);
  return detail ? (d.comment ? `${detail}: ${d.comment}` : detail) : (d.comment ?? undefined);
}

/** What a hand over, add-sign, send back or CC named, in the reader's language (names read now). */
function detailText(f: ApprovalFacts, t: Translate, d: Decision): string | undefined {
  const x = d.detail;
  if (!x) return undefined;
  if (d.kind === 'hand_over' && x.person !== undefined)
    return t('approval.detail.hand_over', { person: nameIn(f, x.person) });
  if (d.kind === 'add_sign' && x.person !== undefined)
    return t(`approval.detail.add_sign.${x.position ?? 'before'}`, { person: nameIn(f, x.person) });
  if (d.kind === 'send_back' && x.toStep !== undefined) return t('approval.detail.send_back', { step: x.toStep });
  if (d.kind === 'cc' && x.people) return t('approval.detail.cc', { people: namesIn(f, x.people) });
  return undefined;
}

/** What the card says about how the current approvers were chosen, or why nobody can approve. */
function routingNoteOf(f: ApprovalFacts, t: Translate, req: RequestView): string | undefined {
  if (req.status === 'rejected' && req.reroute?.tier === 'none') return rerouteText(f, t, req.reroute);
  if (req.status !== 'pending') return undefined;
  const text = (n: RoutingNote) =>
    n === 'rerouted' && req.reroute ? rerouteText(f, t, req.reroute) : t(`approval.note.${n}`);
  return req.routingNote.length ? req.routingNote.map(text).join(' ') : undefined;
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
  return approvalView(await approvalFacts(db, req), config, req, viewerId, locale);
}

/** The card's view for one viewer in one language, from the request and its facts (no reads). */
export function approvalView(
  f: ApprovalFacts,
  config: Config,
  req: RequestView,
  viewerId: number,
  locale: Locale,
): ApprovalCardView {
  const t = translator(locale);
  const p = req.payload;
  const fields: { label: string; value: string }[] = [];
  const subject = f.subject ? (locale === 'en' ? f.subject.nameEn : f.subject.nameZh) : '?';
  let description: string | undefined;
  if (p.kind === 'point_claim') {
    fields.push({ label: t('claim.tag'), value: subject });
    fields.push({
      label: t('points.points'),
      value: p.adjustment
        ? `${p.points} (${t('approval.adjustedFrom', { from: p.adjustment.from })})`
        : String(p.points),
    });
    fields.push({ label: t('claim.amount'), value: formatQuantities(p.quantities, locale) });
    const money = hoursValue(p.quantities, f.hourlyCost);
    if (money) fields.push({ label: t('claim.hoursMoney'), value: hoursValueText(money, locale) });
    if (p.nominatorId !== undefined) fields.push({ label: t('nomination.by'), value: nameIn(f, p.nominatorId) });
    description = p.note ? `${p.description}\n_${p.note}_` : p.description;
  } else if (p.kind === 'redemption') {
    fields.push({ label: t('rewards.reward'), value: subject }, { label: t('rewards.cost'), value: String(p.cost) });
  } else if (p.kind === 'training') {
    fields.push({ label: t('course.title'), value: subject });
  } else if (p.kind === 'form') {
    fields.push(
      ...formLines(req.flow.fields ?? [], p.values, locale, {
        person: (id) => nameIn(f, id),
        unit: (id) => f.units.get(id) ?? `#${id}`,
      }),
    );
  } else {
    const unitName = (id: number | null) => (id === null ? undefined : f.units.get(id)) ?? '—';
    fields.push(
      { label: t('transfer.from'), value: unitName(p.fromUnitId) },
      { label: t('transfer.to'), value: unitName(p.toUnitId) },
    );
    // Older requests have no date: they took effect when approved.
    const effective = p.effectiveDate ?? (req.status === 'approved' ? undefined : t('transfer.effective.onApproval'));
    if (effective) fields.push({ label: t('transfer.effective'), value: effective });
    if (p.effectiveDate && f.transferScheduled)
      fields.push({
        label: t('transfer.effective.status'),
        value: t('transfer.effective.scheduled', { date: p.effectiveDate }),
      });
    description = p.reason;
  }
  const step = req.flow.steps[req.stepIndex];
  const isApprover = req.status === 'pending' && req.approvers.includes(viewerId);
  // A nomination's submit is the nominator's: the timeline says "nominated" by them.
  const nominated = (d: Decision) =>
    d.kind === 'submit' && p.kind === 'point_claim' && p.nominatorId !== undefined && d.actorId === p.nominatorId;
  return {
    id: req.id,
    version: req.version,
    flowName: req.flow.name[locale],
    status: req.status,
    applicant: nameIn(f, req.applicantId),
    fields,
    description,
    currentStep: step?.name[locale],
    waitingOn: req.approvers.map((a) => nameIn(f, a)),
    routingNote: routingNoteOf(f, t, req),
    timeline: req.decisions.map((d) => ({
      at: formatDate(new Date(d.at), locale, config.defaultTimezone),
      who: d.actorId === null ? t('approval.system') : nameIn(f, d.actorId),
      what: `${t(d.reroute?.tier === 'none' ? 'approval.decision.unroutable' : nominated(d) ? 'nomination.decision' : (`approval.decision.${d.kind}` as MessageKey))}${d.kind === 'submit' || d.kind === 'resubmit' ? '' : ` (${req.flow.steps[d.stepIndex]?.name[locale] ?? ''})`}`,
      comment: commentOf(f, t, d),
    })),
    canDecide: isApprover,
    more: isApprover
      ? {
          sendBack: req.seats.path
            .slice(0, -1)
            .map((i) => req.flow.steps[i]!)
            .map((s) => ({ id: s.id, name: s.name[locale] })),
        }
      : undefined,
    // Shown while it waits; a second nudge within the day is refused with the reason when pressed (canUrge).
    canUrge: viewerId === req.applicantId && req.status === 'pending',
    copied: req.seats.cc.includes(viewerId) && !isApprover && viewerId !== req.applicantId ? true : undefined,
    canReturn: isApprover && canReturn(req.flow, req.stepIndex),
    canAdjust: isApprover && p.kind === 'point_claim',
    canCancel: viewerId === req.applicantId && (req.status === 'pending' || req.status === 'returned'),
    canResubmit: viewerId === req.applicantId && req.status === 'returned' && p.kind === 'point_claim',
    appUrl: appUrl(config, `/requests/${req.id}`),
    // The duplicate flag is for whoever reviews the claim, not for the person who made it.
    similar:
      f.similar && viewerId !== req.applicantId
        ? {
            id: f.similar.id,
            name: nameIn(f, req.applicantId),
            date: dateTimeFormat(locale, { timeZone: config.defaultTimezone, month: 'short', day: 'numeric' }).format(
              new Date(f.similar.createdAt),
            ),
            text: f.similar.description.length > 80 ? `${f.similar.description.slice(0, 80)}…` : f.similar.description,
            url: appUrl(config, `/requests/${f.similar.id}`),
          }
        : undefined,
  };
}

/** The viewer's card in any language, drawn when the notifier knows the recipient's language. */
export function cardFor(
  f: ApprovalFacts,
  config: Config,
  req: RequestView,
  viewerId: number,
): (locale: Locale) => CardView {
  return (locale) => approvalCard(approvalView(f, config, req, viewerId, locale), translator(locale));
}

/** After a change: new approvers get the card, everyone else involved has theirs redrawn in place. */
export async function publishRequest(
  db: Db,
  notify: Notifier,
  config: Config,
  req: RequestView,
  opts: { newlyAsked: number[]; outcome?: Outcome | 'submitted'; facts?: ApprovalFacts; newlyCopied?: number[] },
): Promise<void> {
  // People newly copied (抄送) get the card as news too; it shows them no buttons.
  // On submission everyone the first step copies is new.
  const copied = opts.outcome === 'submitted' ? req.seats.cc : (opts.newlyCopied ?? []);
  const newly = new Set([...opts.newlyAsked, ...copied]);
  const f = opts.facts ?? (await approvalFacts(db, req));
  const card = (viewerId: number) => cardFor(f, config, req, viewerId);
  if (opts.outcome === 'submitted')
    await notify.toEmployee(req.applicantId, card(req.applicantId), {
      cardKey: cardKeyOf(req.id),
    });
  for (const id of newly) await notify.toEmployee(id, card(id), { cardKey: cardKeyOf(req.id) });
  if (opts.outcome !== 'submitted') {
    for (const id of new Set([req.applicantId, ...req.asked, ...req.seats.cc]))
      if (!newly.has(id)) await notify.updateCard(cardKeyOf(req.id), id, card(id));
  }
  if (opts.outcome === 'approved' && req.payload.kind === 'point_claim') {
    const p = req.payload;
    const applicant = await getPerson(db, req.applicantId);
    // Read before the (synchronous) render: the applicant's balance after this approval.
    const balance = await balanceOf(db, req.applicantId);
    const landed = (withBalance: boolean) => (locale: Locale) =>
      pointsLandedCard(
        {
          who: applicant?.name ?? '',
          points: p.points,
          tag: f.subject ? (locale === 'en' ? f.subject.nameEn : f.subject.nameZh) : '',
          balance: withBalance ? balance : undefined,
          appUrl: withBalance ? appUrl(config, '/rewards') : undefined,
        },
        translator(locale),
      );
    await notify.toEmployee(req.applicantId, landed(true));
    if (applicant?.managerId) await notify.toEmployee(applicant.managerId, landed(false));
  }
  await afterPointDecision(db, notify, config, req, opts.outcome, f.subject);
  // A transfer applied now: the receiving head hears of the person's development path (issue 25 §4).
  if (opts.outcome === 'approved' && req.payload.kind === 'transfer')
    await sendPathTransferNotices(db, notify, config, new Date());
}
