// The answer when an approval action meets a request someone else moved meanwhile (stale or finished): 409,
// saying so, with the current version so the page can reload it. One wording for every approval route.
import { loadRequest } from '../../domain/approvals/requests.js';
import type { Viewer, WebDeps } from '../context.js';
import { ApiError } from '../errors.js';

export async function alreadyDecided(db: WebDeps['db'], v: Viewer, requestId: number): Promise<ApiError> {
  const current = await loadRequest(db, requestId);
  return new ApiError(
    409,
    v.t('approval.error.alreadyDecided'),
    'conflict',
    current ? { version: String(current.version) } : undefined,
  );
}
