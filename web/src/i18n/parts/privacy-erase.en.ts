// English strings of erasing a person who has left (merged into ../en.ts). privacy-erase.zh-CN.ts has the same keys.
export const privacyEraseEn = {
  'privacy.erase': 'Erase this person',
  'privacy.eraseOnlyLeavers': 'Only people who have left can be erased.',
  'privacy.eraseConfirm':
    'Erase {name}? Their name, e-mail and platform accounts are replaced by a pseudonym everywhere; points and decisions stay under it. This cannot be undone.',
  'privacy.eraseYes': 'Yes, erase',
  'privacy.erased': 'Erased. They appear as "{pseudonym}" from now on.',
  'privacy.eraseRemaining':
    '{n} entries in append-only records (ledger notes, approval comments) still quote the old name or e-mail; those cannot be changed.',
} as const;
