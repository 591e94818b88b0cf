// The few words a platform adapter adds when a card is too big for one chat message (cards/fit.ts and the
// adapters' form pages). zh-CN has the same keys (./fit.zh-CN.ts).
export const fitEn = {
  'fit.continued': 'Continued in the next {n} messages ↓',
  'fit.continuedOne': 'Continued in the next message ↓',
  'fit.part': '{title} ({i}/{n})',
  'fit.partUntitled': 'Continued ({i}/{n})',
  'fit.more': '{n} more items do not fit in this card. Open it in the app to see everything.',
  'fit.tooBig': 'This part is too long for a chat card. Open it in the app to see it in full.',
  'fit.formTooBig': 'This form is too long for a chat card. Open it in the app to fill it in.',
  'fit.next': 'Next ({i}/{n})',
  'fit.page': 'Page {i} of {n}',
} as const;
