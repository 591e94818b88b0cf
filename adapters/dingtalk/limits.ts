// DingTalk limits the renderer, the client and the outbox rely on. Where a number is DingTalk's, the
// comment cites it; where DingTalk documents none, the number is our own cap and says so.
import type { DeliveryLimits } from '../../src/bot/port.js';

export const DINGTALK_LIMITS = {
  /** robot/oToMessages/batchSend: "userIds … 每次最多传 20 个" (PLATFORM-NOTES, checked). */
  maxBatchUserIds: 20,
  /** Our cap for the card's markdown variable and for sampleMarkdown/sampleActionCard text, so a card
   *  stays well inside what a phone renders without "展开全文"; DingTalk documents no card-size number
   *  for template variables. */
  maxMarkdownChars: 5000,
  /** Our cap: header title shown on one or two lines on a phone. */
  maxTitleChars: 100,
  /** Our cap: one button label on one line. */
  maxButtonChars: 30,
  /** Template contract (adapters/dingtalk/README.md): the `actions` loop renders at most 12 buttons — an
   *  11-point scale (0–10, eNPS) plus the link to the mini-app. Our number, not DingTalk's. */
  maxButtons: 12,
  /** Values of one question answered by buttons: up to an 11-point scale; longer lists go to the mini-app. */
  maxQuestionValues: 11,
  /** sampleActionCard2…5 carry 2…5 link buttons; sampleActionCard 1 (singleTitle/singleURL). */
  maxFallbackButtons: 5,
  /** sampleText content: our cap (robot text messages are meant to be short). */
  maxTextChars: 5000,
} as const;

/** Outbox pacing. DingTalk "调用频率限制": an enterprise-internal app may call each server API at most 20
 *  times per second (standard edition); excess answers errcode 90018/90002/90019 or
 *  Forbidden.AccessDenied.QpsLimit*. https://open.dingtalk.com/document/orgapp/invocation-frequency-limit
 *  DingTalk has no per-user limit on these sends. The cap is documented, so we pace just under it — 19.5/s
 *  with a short burst (10, more than the 8 calls we keep in flight, so jitter on the way never lets more
 *  than 20 arrive in one second) — and do not adapt: a throttled answer pauses DingTalk deliveries for its
 *  wait. A robot message to several people goes out in one batchSend of up to 20 userIds (maxBatch). */
export const DINGTALK_RATE: DeliveryLimits = { ratePerSecond: 19.5, burst: 10, concurrency: 8, maxBatch: DINGTALK_LIMITS.maxBatchUserIds };

/** How long to wait before retrying a throttled call when DingTalk gives no hint. */
export const THROTTLE_RETRY_MS = 1_000;
/** errcode 90020 / ApiCountLimitForOrg is the organisation's monthly quota: retrying soon is pointless. */
export const QUOTA_RETRY_MS = 60 * 60 * 1_000;
/** "触发限流，会禁止调用5分钟" — the per-IP ban answers a non-errcode page for 5 minutes. */
export const IP_BAN_RETRY_MS = 5 * 60 * 1_000;
