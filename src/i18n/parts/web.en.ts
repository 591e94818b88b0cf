// English strings: the mini-app's server messages (sessions, field errors, admin pages). zh-CN has the same keys (./web.zh-CN.ts).
export const webEn = {
  // Field messages of invalid mini-app requests (src/web/field-messages.ts).
  'field.required': 'Required.',
  'field.tooShort': 'At least {min} characters.',
  'field.tooLong': 'At most {max} characters.',
  'field.min': 'Must be at least {min}.',
  'field.max': 'Must be at most {max}.',
  'field.tooFew': 'Add at least {min}.',
  'field.tooMany': 'At most {max} allowed.',
  'field.number': 'Enter a whole number.',
  'field.email': 'Enter a valid e-mail address.',
  'field.url': 'Enter a full web address, e.g. https://example.com.',
  'field.key': 'Use up to 32 lower-case letters, digits and hyphens (-), no spaces.',
  'field.keyUnderscore': 'Start with a lower-case letter, then lower-case letters, digits or _ (up to 32, no spaces).',
  'field.choice': 'Choose one of the options.',
  'field.invalid': 'This value is not valid.',

  // Domain rules past the schema (src/i18n/issues.ts: a custom issue's message is its code).
  'issue.more': '…and {n} more.',
  'issue.weights_sum': 'The weights must add up to 100%.',
  'issue.unique_keys': 'Each dimension needs its own key.',
  'issue.indicator_rater': 'An indicator is imported (rater type import), and only an indicator is.',
  'issue.indicator_range': 'An indicator needs a minimum below its maximum.',
  'issue.points_range': 'The range must include the standard points: {min} ≤ {points} ≤ {max} does not hold.',
  'issue.inactive_person': '{email} is not an active person.',
  'issue.scheme_exists': 'A scheme with the key "{key}" already exists.',
  'issue.cron': 'Each of the 5 fields must be a number, *, a range (1-5), a list (1,3) or a step (*/2).',

  // The mini-app (src/web) — server messages.
  'web.survey.alreadyAnswered': 'You have already answered this survey. Thank you!',
  'web.transfer.reasonRequired': 'Give a reason for the transfer.',
  'web.session.required': 'Please sign in.',
  'web.session.expired': 'Your session has expired. Please sign in again.',
  'web.csrf': 'This request lacks a valid security token. Reload the page and try again.',
  'web.sandbox.off': 'The sandbox is switched off on this server.',
  'web.slack.off': 'Signing in with Slack is not set up on this server.',
  'error.badRequest': 'This request could not be read. Reload the page and try again.',
  'error.tooLarge': 'This is too large to send. Try a smaller file.',
  'web.signin.failed': 'Sign-in failed: the code was refused. Please try again.',

  // pulse-admin (mini-app: templates, schedules, follow-ups, trend)
  'pulseAdmin.field.duplicate': 'This key is already used above.',
  'pulseAdmin.field.cron':
    'Not a valid schedule. Use 5 fields: minute hour day-of-month month weekday, e.g. 0 10 * * 1.',
  'pulseAdmin.field.reminders': 'Reminder days must fall after the launch and before the survey closes.',
  'pulseAdmin.field.shortSize': 'A short survey asks 3, 4 or 5 questions a time.',
  'pulseAdmin.field.ownerOutside': 'Choose someone in the teams you lead.',
  'pulseAdmin.field.ownerUnknown': 'There is no active person with that id.',
  'pulseAdmin.field.unitOutside': 'Choose one of the units you lead.',
  'pulseAdmin.error.templateNotFound': 'There is no such survey template.',
  'pulseAdmin.error.scheduleNotFound': 'There is no such schedule.',
  'pulseAdmin.error.followUpNotFound': 'There is no such follow-up.',
  'pulseAdmin.error.othersFollowUps': 'You can only list your own follow-ups.',

  // Mini-app: approval flows, rating schemes, ratings trend (flows-schemes helper).
  'fs.scheme.weights': 'The weights add up to {total}; they must add up to 100.',
  'fs.scheme.duplicateKey': 'Another dimension already uses this key.',
  'fs.scheme.indicatorRater':
    'Indicators are imported, and only indicators are: an indicator needs the rater "import".',
  'fs.scheme.indicatorRange': 'The minimum must be below the maximum.',
  'fs.scheme.exists': 'A scheme with this key already exists.',
  'fs.scheme.noPerson': 'No active person has this e-mail address.',
  'fs.flow.duplicate_step': 'Another step already uses this id.',
  'fs.flow.unknown_next': 'There is no step with this id.',
  'fs.flow.loop': 'This step leads back to an earlier step, so the flow would never end.',
  'fs.flow.unresolvable': 'Nobody could approve this step: the person, unit or role does not exist or is inactive.',
  'fs.flow.stale':
    '{name} changed this flow on {at} (it is now version {version}) after you opened it. Nothing was saved.',
  'fs.flow.someone': 'Someone',
  'fs.trend.none': 'No closed rating cycle covers this unit yet.',
  'web.person.unknown': 'No such person.',
  'web.retention.unknown': 'Not a retention setting.',
  'web.retention.range': 'A whole number from {min} to {max}.',
} as const;
