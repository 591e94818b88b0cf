// English strings: exporting one person's data (PIPL Art. 45, GDPR access and portability). zh-CN has the same keys.
export const privacyEn = {
  'cmd.privacy.summary':
    'Export everything held about one person, or erase one who has left (HR): /privacy export|erase <email or name>',
  'privacy.usage':
    'Usage: /privacy export <email or name> — one zip with everything Vitality holds about that person. /privacy erase <email or name> — replace a person who has left by a pseudonym everywhere.',
  'privacy.error.unknownPerson':
    'No one in the organisation matches "{person}". Use their email, or a name that matches exactly one person.',
  'privacy.error.ambiguous': '"{person}" matches {n} people. Use their email instead.',
  'privacy.export.title': 'Personal data export ready',
  'privacy.export.body':
    'Everything Vitality holds about **{name}** (#{id}) is in one zip: person.json, one CSV per kind of record and a README. The link works for 24 hours, for you or another HR person signed in; each download is recorded in the audit log.',
  'privacy.export.download': 'Download zip',

  'privacy.readme.title': 'Vitality — personal data export',
  'privacy.readme.person': 'Person: {name} (employee #{id})',
  'privacy.readme.generated': 'Generated: {at}',
  'privacy.readme.files':
    'Files: person.json holds every record, structured; each CSV holds one kind of record (UTF-8 with BOM, opens in Excel).',
  'privacy.readme.anonymous':
    'Not included: answers and comments given in pulse surveys. They are anonymous by construction — stored without any person, message or time — so no answer can be linked to anyone, this person included. Survey participation (which waves they were asked in and whether they answered) is personal data and is included.',
  'privacy.readme.others':
    'Records made by others about this person (approval decisions on their requests, ratings and feedback they received) name the other person, as they appear to this person in Vitality.',
} as const;
