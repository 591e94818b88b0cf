// Feishu's documented limits that the renderer and the outbox rely on.
import type { DeliveryLimits } from '../../src/bot/port.js';

export const FEISHU_LIMITS = {
  /** "卡片大小需控制在 30KB 以内" — message card content (send, patch, delayed update). */
  maxCardBytes: 30 * 1024,
  /** Card JSON 2.0 supports at most 200 components per card ("最多支持 200 个组件"). */
  maxElements: 200,
  /** Header title: at most 4 lines are shown; we cap characters so a title never pushes the card size. */
  maxTitleChars: 200,
  maxSubtitleChars: 200,
  /** Our own cap per markdown element, so one long text cannot eat the 30 KB budget alone. */
  maxMarkdownChars: 5000,
  /** Button text is shown on one line; longer labels are cut. */
  maxButtonChars: 40,
  /** select_static options: we keep lists to a size a phone can scroll. */
  maxOptions: 100,
  /** Text message content ("文本消息请求体最大不能超过 150 KB"). */
  maxTextBytes: 150 * 1024,
  /** Buttons per row before wrapping into another column_set. */
  buttonsPerRow: 3,
  /** Fields per column_set row. */
  fieldsPerRow: 2,
} as const;

/** Outbox pacing. Send message (open.feishu.cn/document/server-docs/im-v1/message/create):
 *  "接口频率限制 1000 次/分钟、50 次/秒" per app, and 5 QPS to the same user or chat (answered with code
 *  230020). 1000/min ≈ 16.7/s sustained: we pace at 16/s with a burst of 40 (under the 50/s ceiling, with
 *  room for jitter on the way), 5/s per user or chat, 10 calls in flight (a call takes ~300 ms, so 16/s
 *  needs at least 5). Update message card (PATCH): 5 QPS per message, within the same budgets. */
export const FEISHU_RATE: DeliveryLimits = { ratePerSecond: 16, burst: 40, perRecipient: { ratePerSecond: 5, burst: 5 }, concurrency: 10 };
