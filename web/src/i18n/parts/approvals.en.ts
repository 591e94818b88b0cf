// Mini-app strings for deciding requests (return for changes vs reject) and the transfer form (merged into ../en.ts).
export const approvalsEn = {
  'request.return': 'Return for changes…',
  'request.confirmReturn': 'Return for changes',
  'request.returnHint': 'The applicant gets it back to change and resubmit.',
  'request.rejectHint': 'Rejecting is final: the request ends.',
  'transfer.effectiveDate': 'Effective date',
  'transfer.effectiveHint':
    'The move, the new manager and who approves your requests change on this day, once approved.',
  'transfer.noTargets': 'There is no unit you can be transferred to.',
} as const;
