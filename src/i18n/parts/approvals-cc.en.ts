// Copying (抄送) colleagues from the approval card in chat (issue 24).
export const approvalsCcEn = {
  'approval.more.cc': 'CC',
  'approval.more.people': 'People to copy',
  'approval.more.peoplePlaceholder': 'Work emails, separated by commas',
  'approval.error.too_many_cc': 'Copy at most {max} people at a time.',
} as const;
