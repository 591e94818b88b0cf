// Messages the outbox could not deliver, as HR reads them (/report delivery, the mini-app, the alert card).
// zh-CN has the same keys (./delivery.zh-CN.ts).
export const deliveryEn = {
  'delivery.title': 'Messages not delivered ({n})',
  'delivery.none':
    'Every message was delivered. Throttled messages wait and retry on their own; only messages that gave up are listed here.',
  'delivery.row': '**{person}** · {platform} · {what}\n{reason} — {detail}\n{fix}',
  'delivery.unlinked': 'unlinked recipient {id}',
  'delivery.more': '…and {n} more. The mini-app lists them all.',
  'delivery.note':
    'Retry puts every message listed back in the queue (recorded in the audit log). Fix the cause first, or it fails again.',
  'delivery.retry': 'Retry all',
  'delivery.retried.title': 'Back in the queue',
  'delivery.retried.body': '{n} undelivered messages will be sent again.',
  'delivery.retried.none': 'Nothing to retry: every message was delivered.',
  'delivery.reason.throttled': 'Throttled for too long ({hours} h)',
  'delivery.reason.permission': 'Permission missing',
  'delivery.reason.recipient': 'Recipient not found',
  'delivery.reason.rejected': 'Message rejected by the platform',
  'delivery.reason.failing': 'The platform kept failing',
  'delivery.reason.no_card': 'The card to update was never delivered',
  'delivery.fix.throttled':
    'The platform kept refusing for a whole day: check its quota (DingTalk: the monthly API quota), then retry.',
  'delivery.fix.permission':
    'Ask the platform admin to grant the app the permission named above (scope), or to make the app available to this person, then retry.',
  'delivery.fix.recipient':
    'The account is gone or was never reachable by the bot: link the person again (/org sync, or their first message to the bot), then retry.',
  'delivery.fix.rejected':
    'The platform refused this message as it is; retrying will not help. Tell the team that runs the bot.',
  'delivery.fix.failing': 'The platform was down or unreachable for every attempt; retry once it is back.',
  'delivery.fix.no_card': 'Its first copy was not delivered either; retrying all sends that first.',
  'delivery.platform.slack': 'Slack',
  'delivery.platform.feishu': 'Feishu',
  'delivery.platform.dingtalk': 'DingTalk',
  'delivery.platform.sandbox': 'Sandbox',
  'delivery.alert.title': 'Some messages could not be delivered',
  'delivery.alert.body':
    '{n} messages gave up (for example: {reason}). Send /report delivery to see who and why, and to retry.',
  'audit.kind.delivery.retry': 'Retried undelivered messages',
  'audit.did.delivery.retry': 'put undelivered messages back in the queue',
  'delivery.waiting.title': 'Waiting for someone no platform reaches yet ({n})',
  'delivery.waiting.line': '**{person}** — {n} message(s) kept: {reasons}',
  'delivery.waiting.note':
    'These are kept, not lost: each is sent once the person is found (after the fix, at the nightly link job, or when they write to the bot).',
  'delivery.waiting.notLookedUp': 'not looked up yet — the next minute tries',
} as const;
