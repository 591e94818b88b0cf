// English strings: who a fan-out could not reach, and what HR can do about it (issue 17).
export const reachEn = {
  'reach.platform.slack': 'Slack',
  'reach.platform.feishu': 'Feishu',
  'reach.platform.dingtalk': 'DingTalk',
  'reach.platform.sandbox': 'the sandbox',
  'reach.unreachable.title': '{count} not reachable',
  'reach.unreachable.line': '**{name}** — {reasons}',
  'reach.unreachable.more': '…and {count} more.',
  'reach.unreachable.note':
    'They are not counted in participation. They get the survey as soon as they can be reached (after the fix, at the nightly link job, or when they write to the bot).',
  'reach.reason.no_email': '{platform}: we have no e-mail for them — add it in the org CSV or the directory',
  'reach.reason.not_found':
    '{platform}: no account has their e-mail — invite them to {platform}, or correct the e-mail we hold',
  'reach.reason.ambiguous':
    '{platform}: more than one account has their e-mail — leave one account with it, or correct the e-mail',
  'reach.reason.inactive': '{platform}: their account is deactivated — reactivate it, or mark them as left',
  'reach.reason.forbidden':
    '{platform}: the app is not allowed to look people up (missing: {detail}) — grant it to the app and reinstall it',
  'reach.reason.error':
    '{platform}: the lookup failed ({detail}) — it is tried again at the next launch and by the nightly link job',
  'reach.reason.not_linked': '{platform}: they have not opened the app yet — ask them to write to the bot once',
  'reach.detail.unknown': 'no detail given',
  'reach.lookingUp.title': 'Finding people first',
  'reach.lookingUp.body':
    '{count} of them have not opened the app yet: looking them up before sending. The confirmation follows in a moment.',
} as const;
