// Feishu's documented limits that the renderer, the conformance checker and the outbox rely on — each with
// its source. Numbers that are our own caps say so.
import type { DeliveryLimits } from '../../src/bot/port.js';

export const FEISHU_LIMITS = {
  /** Request body of a card message, in bytes. Send message (im/v1/messages create,
   *  https://open.feishu.cn/document/server-docs/im-v1/message/create) and the card FAQ
   *  (https://open.feishu.cn/document/common-capabilities/message-card/message-card): "卡片大小需控制在 30KB
   *  以内" — answered with code 230025 ("The length of the message content
   *  reaches its limit"). Feishu measures the request, not the card: for create that is
   *  `{receive_id, msg_type, content, uuid}` with `content` the card as a JSON *string* (every quote and
   *  backslash escaped again, so the body is larger than the card), for PATCH `{content}`, for a callback
   *  answer the answer JSON. Issue 18 measured a 40-item survey at 26.6 KB of card and 31.3 KB of body. */
  maxBodyBytes: 30 * 1024,
  /** Card JSON 2.0 structure (https://open.feishu.cn/document/feishu-cards/card-json-v2-structure): a card
   *  holds at most 200 elements, and Feishu counts every tagged node — components, containers and columns,
   *  and every `plain_text` (button texts, select options, placeholders, labels, the header's title and
   *  subtitle) — answering 230099 with card error 300305 over it. The counting rule and the code are issue 18's
   *  reading of that document (the sentence itself could not be retrieved here); our counter reproduces the
   *  issue's figure exactly (a 6-person × 4-dimension rater form: 216 elements, tests/platform/feishu/conformance.test.ts).
   *  `countElements` in conformance.ts counts exactly that way. */
  maxElements: 200,
  /** Our own cap: the header title shows at most 4 lines (card JSON 2.0 header: "最多4行"); 200 code points
   *  keep a title inside that on a phone. Clipped with "…" (never silently). */
  maxTitleChars: 200,
  /** Our own cap: the subtitle shows one line. */
  maxSubtitleChars: 200,
  /** Our own cap: button text shows on one line; longer labels are clipped with "…". */
  maxButtonChars: 40,
  /** Our own cap: options in one select component. A longer choice list is split into several selects of at
   *  most this many options ("Tag (1/3)", "Tag (2/3)", …), which the inbound side joins back into one answer;
   *  100 options keep a phone's picker usable and leave room for the rest of a page under 200 elements. */
  maxOptionsPerSelect: 100,
  /** Text message content: "文本消息请求体最大不能超过 150 KB" (send message doc above). */
  maxTextBytes: 150 * 1024,
  /** uuid of send message: "最大长度为 50 字符" (send message doc above). */
  maxUuidChars: 50,
  /** Our own layout: buttons per row before another column_set, fields per row. */
  buttonsPerRow: 3,
  fieldsPerRow: 2,
  /** Our own reserve, in bytes, for the sealed answers a page's submit button carries in its name (see
   *  page-seal.ts): page boundaries are computed once from the form alone, so every page keeps this much of
   *  the body free for the answers of the pages before it. */
  carryReserveBytes: 8 * 1024,
  /** Our own bound on a receive_id in the worst-case request-body measure (open_id / chat_id are ~35 chars). */
  maxReceiveIdChars: 64,
} as const;

/** Outbox pacing. Send message (open.feishu.cn/document/server-docs/im-v1/message/create):
 *  "接口频率限制 1000 次/分钟、50 次/秒" per app, and 5 QPS to the same user or chat (answered with code
 *  230020). 1000/min ≈ 16.7/s sustained: we pace at 16/s with a burst of 40 (under the 50/s ceiling, with
 *  room for jitter on the way), 5/s per user or chat, 10 calls in flight (a call takes ~300 ms, so 16/s
 *  needs at least 5). Update message card (PATCH): 5 QPS per message, within the same budgets. */
export const FEISHU_RATE: DeliveryLimits = {
  ratePerSecond: 16,
  burst: 40,
  perRecipient: { ratePerSecond: 5, burst: 5 },
  concurrency: 10,
};
