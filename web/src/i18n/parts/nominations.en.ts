// Peer nomination in the mini-app (issue 24): the form and one's own recognition choice. Same keys in zh-CN.
export const nominationsEn = {
  'nominate.title': 'Nominate a colleague',
  'nominate.intro':
    'Put a colleague forward for a value tag: what they did and the value it created. Their manager reviews it and the points go to them.',
  'nominate.link': 'Nominate a colleague instead',
  'nominate.nominee': 'Colleague',
  'nominate.nomineeHint': 'Their name or work e-mail.',
  'nominate.description': 'What they did',
  'nominate.submit': 'Nominate',
  'nominate.mine.title': 'Your own recognitions',
  'nominate.mine.tags': 'Announced value tags: {tags}',
  'nominate.mine.none': 'No value tag is announced yet.',
  'nominate.mine.announce': 'Announce my approved claims and nominations in the team channel',
  'nominate.mine.saved': 'Saved.',
  'recognitionSettings.title': 'Recognition announcements',
  'recognitionSettings.help':
    'An approved claim or nomination of a ticked value tag is posted once to the channel of each platform, in its language. People can opt out of being announced.',
  'recognitionSettings.tags': 'Announced value tags',
  'recognitionSettings.platform.slack': 'Slack channel',
  'recognitionSettings.platform.feishu': 'Feishu group',
  'recognitionSettings.platform.dingtalk': 'DingTalk group',
  'recognitionSettings.chat': 'Channel or group id (empty: none)',
  'recognitionSettings.language': 'Language of the announcement',
  'recognitionSettings.saved': 'Recognition settings saved.',
} as const;
