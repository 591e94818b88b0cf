// English strings: erasing a person who has left (PIPL Art. 47, GDPR Art. 17). zh-CN has the same keys.
export const privacyEraseEn = {
  'privacy.erase.usage':
    'Usage: /privacy erase <email or name> — replaces a person who has left by a pseudonym everywhere. Add "confirm" to skip the confirmation card.',
  'privacy.erase.confirmTitle': 'Erase this person?',
  'privacy.erase.confirmBody':
    'Erase **{name}** (#{id})? Their name, e-mail and platform accounts will be replaced by "{pseudonym}" everywhere; their points and decisions stay, under that name. This cannot be undone.',
  'privacy.erase.confirm': 'Erase',
  'privacy.erase.doneTitle': 'Person erased',
  'privacy.erase.doneBody':
    'Person #{id} is now "{pseudonym}" everywhere in Vitality. The audit log records that you erased them, not what was erased.',
  'privacy.erase.remaining':
    '{n} entries in append-only records (points ledger notes, approval comments) still quote the old name or e-mail; those records cannot be changed by design.',
  'privacy.erase.stillActive':
    '{name} still works here — deactivate them first, e.g. by the directory sync or the org CSV. Nothing was changed.',
  'privacy.erase.alreadyErased': 'Person #{id} has already been erased. Nothing was changed.',
  'privacy.erase.forbidden': 'Only HR and admins can erase a person.',
} as const;
