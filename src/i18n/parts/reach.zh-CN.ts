// 中文文案：群发时无法送达的人员，以及 HR 可以如何处理（issue 17）。键与 ./reach.en.ts 相同。
import type { reachEn } from './reach.en.js';

export const reachZhCN: Record<keyof typeof reachEn, string> = {
  'reach.platform.slack': 'Slack',
  'reach.platform.feishu': '飞书',
  'reach.platform.dingtalk': '钉钉',
  'reach.platform.sandbox': '沙盒',
  'reach.unreachable.title': '{count} 人无法送达',
  'reach.unreachable.line': '**{name}** — {reasons}',
  'reach.unreachable.more': '……另有 {count} 人。',
  'reach.unreachable.note':
    '他们不计入参与率。一旦可以联系到（问题修复后、每晚的账号关联任务时，或本人给机器人发消息时），会立即收到问卷。',
  'reach.reason.no_email': '{platform}：系统中没有其邮箱——请在组织架构 CSV 或通讯录中补充',
  'reach.reason.not_found': '{platform}：没有账号使用其邮箱——请邀请其加入{platform}，或更正系统中的邮箱',
  'reach.reason.ambiguous': '{platform}：有多个账号使用同一邮箱——请只保留一个账号使用该邮箱，或更正邮箱',
  'reach.reason.inactive': '{platform}：其账号已停用——请重新启用，或将其标记为离职',
  'reach.reason.forbidden': '{platform}：应用没有查找人员的权限（缺少：{detail}）——请为应用开通该权限并重新安装',
  'reach.reason.error': '{platform}：查找失败（{detail}）——下次发起时及每晚的账号关联任务会再试',
  'reach.reason.not_linked': '{platform}：尚未打开过应用——请让其给机器人发一条消息',
  'reach.detail.unknown': '平台未说明原因',
  'reach.lookingUp.title': '正在查找人员',
  'reach.lookingUp.body': '其中 {count} 人尚未打开过应用，发送前先在平台上查找他们。稍后会收到发送结果。',
};
