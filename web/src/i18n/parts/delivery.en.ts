// The undelivered-messages page (HR). zh-CN has the same keys (./delivery.zh-CN.ts). The reasons and what to
// fix come from the server in the reader's language, the same words as the chat's /report delivery.
export const deliveryEn = {
  'nav.delivery': 'Undelivered',
  'delivery.title': 'Messages not delivered',
  'delivery.intro':
    'Messages the bot gave up on. Throttled messages wait and retry on their own and are not listed; these need a fix first (a permission, an account) and then a retry.',
  'delivery.none': 'Every message was delivered.',
  'delivery.count': '{n} not delivered',
  'delivery.unlinked': 'Unlinked recipient {id}',
  'delivery.retryAll': 'Retry all',
  'delivery.retryOne': 'Retry',
  'delivery.retried': '{n} messages are back in the queue.',
  'delivery.waiting.title': 'Waiting for someone no platform reaches yet ({n})',
  'delivery.waiting.kept': '{n} message(s) kept',
  'delivery.waiting.note':
    'Kept, not lost: sent as soon as the person is found (after the fix, at the nightly link job, or when they write to the bot).',
} as const;
