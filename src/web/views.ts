// Request views for the API: the same view-model the approval cards use (who, what, timeline, what the
// viewer may do), so the app and the chat card never disagree.
import type { Db } from '../domain/unit-of-work.js';
import type { Config } from '../config.js';
import { approvalViewFor } from '../bot/features/approval-views.js';
import type { RequestView } from '../domain/approvals/requests.js';
import type { Locale } from '../vocabulary.js';
import type { RequestJson } from '../../cards/approval.js';

export async function requestJson(
  db: Db,
  config: Config,
  req: RequestView,
  viewerId: number,
  locale: Locale,
): Promise<RequestJson> {
  const v = await approvalViewFor(db, config, req, viewerId, locale);
  return { ...v, kind: req.payload.kind, createdAt: req.createdAt };
}

/** May this person see this request? The applicant, anyone it has asked or copied, and HR. */
export function maySee(req: RequestView, viewerId: number, hr: boolean): boolean {
  // A nomination's nominator follows it too (its card tells them the outcome; the app shows its page).
  const nominated = req.payload.kind === 'point_claim' && req.payload.nominatorId === viewerId;
  return (
    hr || req.applicantId === viewerId || req.asked.includes(viewerId) || req.seats.cc.includes(viewerId) || nominated
  );
}
