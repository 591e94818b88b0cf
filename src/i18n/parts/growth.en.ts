// English strings of growth: training records (merged into ../en.ts). growth.zh-CN.ts has the same keys.
export const growthEn = {
  'growth.error.not_found': 'No such training record, or it is not yours to see.',
  'growth.error.not_yours': 'Only the person or HR can mark this training.',
  'growth.error.not_enrolled':
    'This course is not approved yet: it can be marked once the training request is approved.',
  'growth.error.backwards': 'This training is already marked that far: a record never goes back.',
  'growth.error.skip': 'Mark it attended first, then completed.',
  'audit.kind.course.attended': 'Marked a course attended',
  'audit.did.course.attended': 'marked {subject} attended',
  'audit.kind.course.completed': 'Marked a course completed',
  'audit.did.course.completed': 'marked {subject} completed',
  'audit.kind.training.view': "Viewed someone's training",
  'audit.did.training.view': 'viewed the training records of {subject}',
};
