// English strings of the person-data export page (merged into ../en.ts). privacy.zh-CN.ts has the same keys.
export const privacyEn = {
  'nav.privacy': 'Personal data',
  'privacy.intro':
    'Export everything Vitality holds about one person, for an access or portability request (PIPL Art. 45, GDPR). Anonymous survey answers are not linked to anyone and are not part of it; survey participation is.',
  'privacy.search': 'Find a person (name or email)',
  'privacy.none': 'No one matches.',
  'privacy.left': 'left',
  'privacy.pick': 'Choose',
  'privacy.selected': 'Selected: {name}',
  'privacy.export': "Export this person's data",
  'privacy.ready':
    'The zip is ready. The link works for 24 hours, for you or another HR person; every download is recorded in the audit log.',
  'privacy.download': 'Download {file}',
} as const;
