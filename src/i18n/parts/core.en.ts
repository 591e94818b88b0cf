// English strings: help, commands, languages, errors and the sandbox. zh-CN has the same keys (./core.zh-CN.ts).
export const coreEn = {
  'app.name': 'Vitality',

  'help.title': 'Vitality — what you can do',
  'help.intro': 'Hi {name}! Type a command, or tap a button below.',
  'help.footer':
    'Your answers to pulse surveys are anonymous: nobody, including HR and your manager, can see who answered what.',
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

  'error.title': 'Something went wrong',
  'error.forbiddenCommand': 'The command /{command} is not open to your role.',

  'usage.title': 'How to use',
  'usage.examples': 'For example:',
  'usage.moreHelp': 'Type /help to see every command you can use.',
  'usage.unknownSubcommand': 'I don\'t know "{word}" here. This is how the command is used:',

  'refusal.title': 'Not available to you',
  'refusal.instead': 'Type /help to see the commands open to you.',
  'refusal.ownRatings': 'Type /ratings to see your own results.',

  'points.top.refused': 'The leaderboard of {unit} is not open to you.',
  'points.top.insteadOwn': 'You can see the leaderboard of your own unit, {unit}: type /points top.',
  'points.top.insteadLead':
    'You can see the leaderboards of your own unit ({unit}) and of the teams you lead ({units}): /points top [team].',

  'list.separator': ', ',
  'home.help': 'Help',
  'error.unknownCommand': 'I don\'t know the command "/{command}". Did you mean **/{suggestion}**?',
  'error.unknownCommandNoSuggestion': 'I don\'t know the command "/{command}". Type /help to see what you can do.',
  'error.forbidden': "You don't have permission to do that.",
  'error.busy': 'Vitality is busy right now. Nothing was changed; please try again in a moment.',
  'error.internal': 'Something went wrong on our side. Nothing was changed; please try again in a moment.',
  'error.databaseUnavailable':
    'The database cannot be reached right now. Nothing was changed; please try again in a moment.',
  'error.notInOrg':
    "Hi! I couldn't find you in your company's Vitality directory, so I can't help you yet. Please ask your HR team to add you.",
  'error.cardExpired.title': 'This card has expired',
  'error.cardExpired.body': 'What this card refers to no longer exists or has changed. Type /help to start again.',
  'error.cardExpired.toast': 'This card has expired',
  'error.invalidInput': 'Some answers need another look.',

  'confirm.title': 'Done',

  'home.title': 'Welcome to Vitality',
  'home.body':
    'Anonymous pulse surveys, recognition points and approvals — right here in chat. Type /help to see your commands.',

  'cmd.survey.summary':
    'Pulse surveys: /survey launch [unit] [days], /survey schedule <cron> [unit] [days] [short=3..5], /survey remind <wave>, /survey close <wave>, /survey threshold <k>',
  'cmd.report.summary':
    'Reports: /report pulse [#wave] [unit] [csv] · trend [unit] · ratings [#cycle] · approvals [days]',

  'duration.min': '{n} min',
  'duration.h': '{n} h',
  'duration.d': '{n} days',

  'cmd.followup.summary':
    'Follow-up actions: /followup add <issue> ; <owner> ; <YYYY-MM-DD> [; unit], /followup to list yours',
  'cmd.claim.summary': 'Claim points for value you created',
  'cmd.points.summary': 'Your points: /points, leaderboard: /points top [week|month|quarter|year|all] [unit]',
  'cmd.redeem.summary': 'Redeem points for rewards',
  'cmd.tags.summary': 'Value tags and their points (HR: /tags add {json}, /tags retire <id>)',
  'cmd.approvals.summary': 'What waits on you, and what you applied for',
  'cmd.transfer.summary':
    'Request a transfer: /transfer <unit> ; <reason> [; YYYY-MM-DD effective date, today if left out]',
  'cmd.delegate.summary': 'Let someone approve for you while away: /delegate <email> <YYYY-MM-DD>, /delegate off',
  'cmd.org.summary': 'Organisation: /org sync [feishu|dingtalk] pulls the org chart from the platform',
  'cmd.approve.summary': 'Approve a request: /approve <id>',
  'cmd.reject.summary':
    'Reject a request for good, with a reason: /reject <id> <reason> (to ask for changes instead: /return)',
  'cmd.rating.summary':
    'Ratings: /rating (your rating cards); HR: /rating open <scheme> <unit> [days], /rating close <cycle>, /rating import <cycle> + CSV, /rating schemes, /rating scheme {json}',
  'cmd.ratings.summary': 'Your own rating results (managers/HR: /ratings <email>)',
  'cmd.courses.summary': 'Training courses by dimension (HR: /courses add {json})',
  'cmd.flow.summary': 'Approval flows: /flow show <key>, /flow set <key> <version> {json}',

  // Links a DingTalk card adds where it cannot hold a form or a callback (adapters/dingtalk/render.ts).
  'app.answerInApp': 'Answer in the app',
  'app.openForm': 'Open the form',
  'app.openInApp': 'Open in the app',
  'app.open': 'Open in app',

  'sandbox.title': 'Vitality sandbox',
  'sandbox.subtitle': 'Try Vitality as anyone in the demo organisation — no chat platform needed.',
  'sandbox.pickPerson': 'Chat as',
  'sandbox.placeholder': 'Type a command, e.g. /help',
  'sandbox.send': 'Send',
  'sandbox.empty': 'No messages yet. Try /help.',
  'sandbox.unknownPerson': 'There is no active person with id {id} in the organisation.',
  'sandbox.signInRequired': 'Please sign in first: pick a person in the sandbox to chat as them.',
  'sandbox.notSignedInAs': 'You are not signed in as person {id}: pick them in the sandbox to chat as them.',
  'sandbox.you': 'You',
  'sandbox.bot': 'Vitality',
  'sandbox.submit': 'Submit',
  // The persona picker's roles after a name: "Chen Jing (Manager, HR)" — words from role.*, not ids.
  'sandbox.roles': ' ({roles})',
  'sandbox.roleSep': ', ',
  'card.redrawFailed':
    'We got your tap, but the card could not be updated just now (the platform is busy). Open it again in a moment; if a step did not move on, tap it again.',
  'command.sentToDm': 'Sent to you in a direct message with Vitality.',
} as const;
