// 小程序的同事提名（issue 24）：提名表单与个人的表彰偏好。键与 nominations.en.ts 相同。
import type { nominationsEn } from './nominations.en.js';

export const nominationsZhCN: Record<keyof typeof nominationsEn, string> = {
  'nominate.title': '提名同事',
  'nominate.intro': '为同事提名一个价值标签：他/她做了什么、创造了什么价值。由其直属上级审批，积分记到被提名人名下。',
  'nominate.link': '改为提名同事',
  'nominate.nominee': '被提名人',
  'nominate.nomineeHint': '姓名或工作邮箱。',
  'nominate.description': '他/她做了什么',
  'nominate.submit': '提交提名',
  'nominate.mine.title': '我的表彰',
  'nominate.mine.tags': '播报的价值标签：{tags}',
  'nominate.mine.none': '暂无播报的价值标签。',
  'nominate.mine.announce': '在团队群里播报我通过的积分申请和提名',
  'nominate.mine.saved': '已保存。',
  'recognitionSettings.title': '表彰播报',
  'recognitionSettings.help':
    '勾选的价值标签，其积分申请或提名通过后，会在各平台的群里播报一次，使用该群的语言。个人可以选择不被播报。',
  'recognitionSettings.tags': '播报的价值标签',
  'recognitionSettings.platform.slack': 'Slack 频道',
  'recognitionSettings.platform.feishu': '飞书群',
  'recognitionSettings.platform.dingtalk': '钉钉群',
  'recognitionSettings.chat': '频道或群 ID（留空则不播报）',
  'recognitionSettings.language': '播报语言',
  'recognitionSettings.saved': '表彰播报设置已保存。',
};
