// First-run guides by role (issue 25 §5): the steps' titles and bodies, the card's words. zh-CN has the same
// keys (./guides.zh-CN.ts). The cases are the background articles' (budget optimisation → cost control,
// meeting process → process optimisation).
export const guidesEn = {
  'cmd.guide.summary': 'a short guide to Vitality for your role',
  'guide.title': 'Getting started · {n}/{total}',
  'guide.try': 'Try it: `{command}`',
  'guide.next': 'Next',
  'guide.back': 'Back',
  'guide.done': 'Done',
  'guide.dismiss': "Don't show again",
  'guide.dismissed': 'Guide closed. Type /guide whenever you want it back.',
  'guide.finished': 'That is the whole guide. Type /guide to read it again.',
  'guide.employee.1.title': 'Vitality lives in this chat',
  'guide.employee.1.body':
    'Short anonymous surveys, points for the value you create, and requests such as a transfer: all as cards here, a few taps each. The app has the same and more.',
  'guide.employee.2.title': 'Turn your work into a claim',
  'guide.employee.2.body':
    'Say what you did and what it was worth, then pick the value tag it fits. You optimised the budget? That is **Cost control**: "cut purchase cost 15%, ¥100,000 a year". Your manager approves it in chat.',
  'guide.employee.3.title': 'Another case: a shorter meeting',
  'guide.employee.3.body':
    'You reworked the weekly meeting? That is **Process optimisation**: "weekly meeting from 90 to 45 minutes, 6 people, about 4.5 hours saved a week". Numbers make a claim easy to approve.',
  'guide.employee.4.title': 'Surveys are anonymous',
  'guide.employee.4.body':
    'No table links you to your answers, and no result is shown for a group smaller than the anonymity threshold. A comment can become a conversation with your manager without your name.',
  'guide.employee.5.title': 'Your points and rewards',
  'guide.employee.5.body':
    'See your balance and history, the leaderboard of your unit, and redeem points for a bonus, leave or training.',
  'guide.manager.1.title': 'Checking a claim',
  'guide.manager.1.body':
    'A claim from your team arrives as a card: read the value created, check that the tag fits, then approve or reject with a reason. You can adjust the points within the tag’s range.',
  'guide.manager.2.title': 'Flags help you check',
  'guide.manager.2.body':
    'A claim close to an earlier one by the same person is flagged with a link to it; caps stop too many claims in a day or a month. Ask for numbers when a claim has none.',
  'guide.manager.3.title': 'Keeping the tags useful',
  'guide.manager.3.body':
    'Value tags (Cost control, Process optimisation, Cross-team support…) are set by HR with their points. When a kind of work keeps landing under the wrong tag, tell HR which tag is missing.',
  'guide.manager.4.title': 'Your team’s pulse',
  'guide.manager.4.body':
    'When a survey closes you see your team’s results if enough people answered. Look for where the friction is and agree a follow-up; never try to guess who said what.',
  'guide.hr.1.title': 'Reading the value dashboard',
  'guide.hr.1.body':
    'The leaderboard and the points by unit and tag show where value is created: low cross-team support in one department, or a tag nobody uses, are questions to ask.',
  'guide.hr.2.title': 'Pulse reports',
  'guide.hr.2.body':
    'The heatmap by level and by unit kind, the trend across waves and the comment themes show where friction is. Groups below the anonymity threshold are never shown.',
  'guide.hr.3.title': 'Approvals and people',
  'guide.hr.3.body':
    'Approval times show where requests wait; turnover by store sits beside its pulse (/report turnover).',
  'guide.hr.4.title': 'Settings',
  'guide.hr.4.body':
    'Tags and rewards, claim caps, the anonymity threshold, delivery hours and report targets are in the app’s settings; every change is in the audit log.',
} as const;
