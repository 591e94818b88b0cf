// Mini-app strings of "words instead of keys" (issue 19 item 7): the "Advanced" disclosure that holds
// the ids a reader does not need — flow keys, step ids, scheme keys, an audit entry's raw record (merged into ../en.ts).
export const wordsEn = {
  'words.advanced': 'Advanced',
  'words.flowKey': 'Flow key (used by chat commands such as /flow): {key}',
  'words.stepIds': 'Step ids, in order: {ids}',
  'words.stepIdHint':
    'The id is how chat commands and “Next step” refer to this step. A new step gets one automatically.',
  'words.schemeKey': 'Scheme key (used by chat commands and imports): {key}',
  'words.auditAction': 'Recorded as: {action}',
  'words.auditDetail': 'Recorded data: {detail}',
} as const;
