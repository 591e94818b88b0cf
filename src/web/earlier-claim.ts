// The earlier claim a duplicate flag links to, as its reviewer may see it (issue 24): the reviewer of the later
// claim was usually never asked on this one, so they get what the flag is about — who claimed what, when, for how
// many points, and where it stands — read-only: no timeline (who decided, their comments), no one waiting, no action.
import type { RequestJson } from '../../cards/approval.js';
import type { RequestView } from '../domain/approvals/requests.js';
import { flagLinksViewerTo } from '../domain/points/duplicates.js';
import type { Db } from '../domain/unit-of-work.js';

/** Whether the viewer reviews a later claim whose duplicate flag links to this point claim. */
export async function reviewsLaterClaim(db: Db, req: RequestView, viewerId: number): Promise<boolean> {
  if (req.payload.kind !== 'point_claim') return false;
  return await flagLinksViewerTo(
    db,
    { id: req.id, applicantId: req.applicantId, createdAt: req.createdAt, flowKey: req.flow.key },
    viewerId,
  );
}

export function earlierClaimJson(full: RequestJson): RequestJson {
  return {
    id: full.id,
    version: full.version,
    flowName: full.flowName,
    status: full.status,
    applicant: full.applicant,
    fields: full.fields,
    ...(full.description === undefined ? {} : { description: full.description }),
    waitingOn: [],
    timeline: [],
    canDecide: false,
    canReturn: false,
    canAdjust: false,
    canCancel: false,
    canResubmit: false,
    ...(full.appUrl === undefined ? {} : { appUrl: full.appUrl }),
    kind: full.kind,
    createdAt: full.createdAt,
  };
}
