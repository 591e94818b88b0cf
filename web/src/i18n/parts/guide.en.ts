// The first-run guide in the mini-app (issue 25 §5): the offer on the home page and the guide page's controls.
// The steps themselves come from the server in the reader's language. zh-CN has the same keys.
export const guideEn = {
  'guide.offer': 'New here? A two-minute guide for your role.',
  'guide.open': 'Open the guide',
  'guide.hide': "Don't show again",
  'guide.page.title': 'Getting started',
  'guide.page.step': 'Step {n} of {total}',
  'guide.page.back': 'Back',
  'guide.page.next': 'Next',
  'guide.page.done': 'Done',
  'guide.page.try': 'Try it in chat: {command}',
  'guide.page.open': 'Open this page',
  'guide.page.finished': 'That is the whole guide. You can come back to it at /app/guide or with /guide in chat.',
  'guide.page.hidden': 'The guide will no longer be offered on your home page.',
} as const;
