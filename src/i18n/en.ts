// English catalogue. Keys are shared with zh-CN.ts (a test fails when they differ). {name} is replaced.
export const en = {
  'app.name': 'Vitality',

  'help.title': 'Vitality — what you can do',
  'help.intro': 'Hi {name}! Type a command, or tap a button below.',
  'help.footer': 'Your answers to pulse surveys are anonymous: nobody, including HR and your manager, can see who answered what.',
  'help.switchLanguage': '中文',
  'help.whoami': 'My profile',

  'cmd.help.summary': 'Show this list',
  'cmd.lang.summary': 'Choose your language: /lang en or /lang zh-CN',
  'cmd.whoami.summary': 'Show your profile: unit, manager and roles',

  'lang.set.title': 'Language updated',
  'lang.set.body': 'I will talk to you in English from now on.',
  'lang.usage': 'Usage: /lang en or /lang zh-CN',
  'lang.toast': 'Switched to English',

  'whoami.title': 'Your profile',
  'whoami.name': 'Name',
  'whoami.email': 'Email',
  'whoami.unit': 'Unit',
  'whoami.manager': 'Manager',
  'whoami.roles': 'Roles',
  'whoami.none': '—',

  'role.employee': 'Employee',
  'role.manager': 'Manager',
  'role.hr': 'HR',
  'role.admin': 'Admin',

  'error.title': 'Something is not right',
  'error.unknownCommand': 'I don\'t know the command "/{command}". Did you mean **/{suggestion}**?',
  'error.unknownCommandNoSuggestion': 'I don\'t know the command "/{command}". Type /help to see what you can do.',
  'error.forbidden': 'You don\'t have permission to do that.',
  'error.internal': 'Something went wrong on our side. Nothing was changed; please try again in a moment.',
  'error.notInOrg': 'Hi! I couldn\'t find you in your company\'s Vitality directory, so I can\'t help you yet. Please ask your HR team to add you.',
  'error.cardExpired.title': 'This card has expired',
  'error.cardExpired.body': 'What this card refers to no longer exists or has changed. Type /help to start again.',
  'error.cardExpired.toast': 'This card has expired',
  'error.invalidInput': 'Some answers need another look.',

  'confirm.title': 'Done',

  'home.title': 'Welcome to Vitality',
  'home.body': 'Anonymous pulse surveys, recognition points and approvals — right here in chat. Type /help to see your commands.',

  'csv.empty': 'The file has no rows to import.',
  'csv.parse': 'Line {line}: the CSV could not be read ({reason}).',
  'csv.missingColumn': 'The header is missing the column "{column}". Expected columns: {expected}.',
  'csv.required': 'Line {line}: "{column}" is required.',
  'csv.invalidEmail': 'Line {line}: "{value}" is not a valid email address.',
  'csv.duplicateEmail': 'Line {line}: the email {value} already appears on line {other}.',
  'csv.unknownManager': 'Line {line}: the manager {value} is neither in this file nor in the organisation.',
  'csv.selfManager': 'Line {line}: a person cannot be their own manager.',
  'csv.managerCycle': 'Line {line}: the manager chain of {value} loops back to itself.',
  'csv.invalidRole': 'Line {line}: unknown role "{value}" (use employee, manager, hr, admin).',
  'csv.invalidLocale': 'Line {line}: unknown language "{value}" (use zh-CN or en).',
  'csv.invalidTimezone': 'Line {line}: unknown time zone "{value}".',
  'csv.invalidKind': 'Line {line}: unknown unit kind "{value}" (use department or store).',
  'csv.kindConflict': 'Line {line}: the unit "{value}" is given two different kinds.',
  'csv.rootConflict': 'Line {line}: every unit path must start with the company "{value}".',
  'csv.summary': 'Imported {created} new and {updated} updated people in {units} units.',

  'sandbox.title': 'Vitality sandbox',
  'sandbox.subtitle': 'Try Vitality as anyone in the demo organisation — no chat platform needed.',
  'sandbox.pickPerson': 'Chat as',
  'sandbox.placeholder': 'Type a command, e.g. /help',
  'sandbox.send': 'Send',
  'sandbox.empty': 'No messages yet. Try /help.',
  'sandbox.unknownPerson': 'There is no active person with id {id} in the organisation.',
  'sandbox.you': 'You',
  'sandbox.bot': 'Vitality',
  'sandbox.submit': 'Submit',
} as const;

export type MessageKey = keyof typeof en;
