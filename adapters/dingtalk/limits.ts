// DingTalk limits the renderer, the conformance checker (conformance.ts), the emulator, the client and the
// outbox rely on. Where a number is DingTalk's, the comment cites the document and quotes it; where DingTalk
// documents none, the number is our own cap and says so. README.md "Limits and their sources" lists them.
import type { DeliveryLimits } from '../../src/bot/port.js';

/** "消息类型及数据格式" (work-notification message types; the action card there is the robot's
 *  sampleActionCard family), https://open.dingtalk.com/document/orgapp/message-types-and-data-format —
 *  the same field notes appear in DingTalk's generated SDKs (aliyun/dingtalk-sdk, TOP SDK `ActionCard`). */
const MESSAGE_TYPES_DOC = 'https://open.dingtalk.com/document/orgapp/message-types-and-data-format';
/** "机器人发送消息的类型" (robot msgKey / msgParam catalogue),
 *  https://open.dingtalk.com/document/orgapp/robot-message-types-and-data-format */
const ROBOT_TYPES_DOC = 'https://open.dingtalk.com/document/orgapp/robot-message-types-and-data-format';
export const DINGTALK_DOCS = { messageTypes: MESSAGE_TYPES_DOC, robotTypes: ROBOT_TYPES_DOC } as const;

export const DINGTALK_LIMITS = {
  /** robot/oToMessages/batchSend: "userIds … 每次最多传 20 个" (PLATFORM-NOTES, checked). */
  maxBatchUserIds: 20,

  // ── Robot action cards (the fallback when no card template is configured) ──
  /** MESSAGE_TYPES_DOC, action_card: "single_title — 使用整体跳转ActionCard样式时的标题，必须与single_url同时设置，
   *  最长20个字符" and btn_json_list "title — 使用独立跳转ActionCard样式时的按钮的标题，最长20个字符". The robot's
   *  singleTitle / actionTitleN / buttonTitleN are the same buttons. Characters = code points here. */
  maxActionTitleChars: 20,
  /** MESSAGE_TYPES_DOC, action_card: "title — 透出到会话列表和通知的文案，最长64个字符". */
  maxCardTitleChars: 64,
  /** MESSAGE_TYPES_DOC, action_card: "single_url — 消息点击链接地址 … 最长500个字符". */
  maxUrlChars: 500,
  /** ROBOT_TYPES_DOC: sampleActionCard (one button: singleTitle/singleURL), sampleActionCard2…5 (2…5 buttons:
   *  actionTitleN/actionURLN), sampleActionCard6 (2 side-by-side buttons: buttonTitleN/buttonUrlN). So a robot
   *  message holds at most 5 buttons. */
  maxFallbackButtons: 5,

  // ── Message size ──
  /** DingTalk documents no size for the enterprise robot's msgParam or for a card template variable. What
   *  it documents is a recommendation — MESSAGE_TYPES_DOC: markdown message "text — markdown格式的消息，建议500
   *  字符以内", action_card "markdown — 消息内容，支持markdown … 建议1000个字符以内" — and a hard limit for the
   *  group webhook robot (oapi robot/send): errcode 460101 "message too long, exceed 20000 bytes" / "body 大小
   *  不合法;solution:请保持大小在 20000bytes 以内" (as reported in timonwong/prometheus-webhook-dingtalk#30 and
   *  feiyu563/PrometheusAlert#318). We hold every message to that documented 20,000-byte answer: the UTF-8
   *  size of msgParam (robot messages) or of the cardParamMap JSON (template cards). */
  maxMessageBytes: 20_000,
  /** Our cap on one message's markdown (card variable or robot text), in code points: DingTalk recommends
   *  500–1000 (above) and documents no maximum; 5,000 keeps a long report to a few messages while a phone
   *  still shows it whole ("展开全文" folds longer ones). Over it, the card is split (fitCard), never cut. */
  maxMarkdownChars: 5000,
  /** sampleText content: our cap, the same reasoning; over it a text is sent as several messages. */
  maxTextChars: 5000,

  // ── Our card template (README "The card template contract") ──
  /** Our cap: the template's header title on one or two lines of a phone. Over it the full title opens the
   *  markdown, so nothing is lost. */
  maxTitleChars: 64,
  /** Our cap: one template button label on one line (clipped by code points, never inside an emoji). */
  maxButtonChars: 20,
  /** Template contract: the `actions` loop renders at most 12 buttons — an 11-point scale (0–10, eNPS) plus
   *  the link to the mini-app. Our number, not DingTalk's. More buttons go to continuation cards. */
  maxButtons: 12,
  /** Values of one question answered by buttons: up to an 11-point scale; longer lists go to the mini-app. */
  maxQuestionValues: 11,
} as const;

/** DingTalk's markdown subset. DingTalk's message-type document, markdown section
 *  (https://open.dingtalk.com/document/orgapp/message-type#title-0ut-020-hz2, as copied in
 *  https://cscoder.cn/docs/open/aliyun/robot-messages-markdown.html; the robot docs repeat the list) gives the
 *  syntax supported: 标题 (# … ######), 引用 (>), 文字加粗
 *  (**bold**), 斜体 (*italic*), 链接 ([text](url)), 图片 (![](url)), 无序列表 (- item), 有序列表 (1. item);
 *  a line break is "\n" with two spaces before it. Nothing else is listed: no horizontal rule (---), no inline
 *  code or code fences, no strikethrough, no tables — render.ts translates those (markdown.ts). */
export const DINGTALK_MARKDOWN_SUBSET = [
  'heading',
  'quote',
  'bold',
  'italic',
  'link',
  'image',
  'unordered list',
  'ordered list',
] as const;

/** Outbox pacing. DingTalk "调用频率限制": an enterprise-internal app may call each server API at most 20
 *  times per second (standard edition); excess answers errcode 90018/90002/90019 or
 *  Forbidden.AccessDenied.QpsLimit*. https://open.dingtalk.com/document/orgapp/invocation-frequency-limit
 *  DingTalk has no per-user limit on these sends. The cap is documented, so we pace just under it — 19.5/s
 *  with a short burst (10, more than the 8 calls we keep in flight, so jitter on the way never lets more
 *  than 20 arrive in one second) — and do not adapt: a throttled answer pauses DingTalk deliveries for its
 *  wait. A robot message to several people goes out in one batchSend of up to 20 userIds (maxBatch). */
export const DINGTALK_RATE: DeliveryLimits = {
  ratePerSecond: 19.5,
  burst: 10,
  concurrency: 8,
  maxBatch: DINGTALK_LIMITS.maxBatchUserIds,
};

/** How long to wait before retrying a throttled call when DingTalk gives no hint. */
export const THROTTLE_RETRY_MS = 1_000;
/** errcode 90020 / ApiCountLimitForOrg is the organisation's monthly quota: retrying soon is pointless. */
export const QUOTA_RETRY_MS = 60 * 60 * 1_000;
/** "触发限流，会禁止调用5分钟" — the per-IP ban answers a non-errcode page for 5 minutes. */
export const IP_BAN_RETRY_MS = 5 * 60 * 1_000;
