// Guided scenario demos in the mini-app (issue 25 §5): the page's own words. The narration of each step comes
// from the server in the reader's language. zh-CN has the same keys (./demos.zh-CN.ts).
export const demosEn = {
  'demos.title': 'Guided demos',
  'demos.intro':
    'Each demo plays a short story in the demo company, one step at a time, through the same actions people take in chat and in the app. Open the page a step links to and see what it made.',
  'demos.steps': '{n} steps',
  'demos.play': 'Play',
  'demos.next': 'Next step',
  'demos.all': 'Play all',
  'demos.retry': 'Try this step again',
  'demos.again': 'Play again',
  'demos.back': 'All demos',
  'demos.step': 'Step {n} of {total}',
  'demos.when': 'In the story: {date}',
  'demos.open': 'Open what this step made',
  'demos.finished': 'That is the whole story. Each run makes its own records, so you can play it again.',
  'demos.chat': 'The same demos run in chat: type /demo.',
} as const;
