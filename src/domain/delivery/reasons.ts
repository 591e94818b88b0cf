// Why a delivery died, in words HR can act on. Pure: the worker stores the reason when a row dies, the
// report reads it (and classifies rows that died before reasons were stored).

/** Catalogue key suffixes: delivery.reason.<reason> and delivery.fix.<reason>. */
export const DEAD_REASONS = ['throttled', 'permission', 'recipient', 'rejected', 'failing', 'no_card'] as const;
export type DeadReason = (typeof DEAD_REASONS)[number];

/** A row throttled without a break for this long is given up (dead, reason 'throttled'). A day covers every
 *  per-minute/per-hour window the platforms document; only a used-up monthly quota (DingTalk 90020) or a
 *  throttling bug outlasts it, and HR should hear of those rather than wait silently. */
export const THROTTLE_GIVE_UP_HOURS = 24;
export const THROTTLE_GIVE_UP_MS = THROTTLE_GIVE_UP_HOURS * 60 * 60 * 1000;

/** What an update dies with when its card was never delivered (rows dead before reasons were stored say it). */
export const NO_CARD_ERROR = 'no delivered card to update';

// Error texts as the adapters write them (Slack error names, Feishu codes, DingTalk codes).
const PERMISSION =
  /missing_scope|no_permission|not_authed|invalid_auth|token_revoked|token_expired|account_inactive|team_access_not_granted|restricted_action|ekm_access_denied|PermissionDenied|IpNotInWhiteList|credentials rejected|access token rejected|code 99991672|errcode 60011\b|errcode 88\b|HTTP 401|HTTP 403|permission|scope/i;
const RECIPIENT =
  /user_not_found|channel_not_found|user_disabled|cannot_dm_bot|not_in_channel|is_archived|not a valid staff|code 230013|invalidStaffId|staff id|recipient|open_id|sessionWebhook expired/i;

/** The reason for a row that died with this error. */
export function deadReasonOf(
  kind: 'rate_limited' | 'transient' | 'permanent' | 'no_card',
  message: string,
): DeadReason {
  if (kind === 'no_card') return 'no_card';
  if (kind === 'rate_limited') return 'throttled';
  if (kind === 'transient') return 'failing';
  if (PERMISSION.test(message)) return 'permission';
  if (RECIPIENT.test(message)) return 'recipient';
  return 'rejected';
}

/** The reason of a dead row: the stored one, else classified from its last error ("kind: message"). */
export function reasonOfRow(deadReason: string | null, lastError: string | null): DeadReason {
  if (deadReason && (DEAD_REASONS as readonly string[]).includes(deadReason)) return deadReason as DeadReason;
  const err = lastError ?? '';
  if (err === NO_CARD_ERROR) return 'no_card';
  const m = /^(rate_limited|transient|permanent): ([\s\S]*)$/.exec(err);
  return m ? deadReasonOf(m[1] as 'rate_limited' | 'transient' | 'permanent', m[2]!) : 'rejected';
}
