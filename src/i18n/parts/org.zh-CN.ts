// 中文文案：组织：导入、CSV 与通讯录同步。键与 ./org.en.ts 相同。
import type { orgEn } from './org.en.js';

export const orgZhCN: Record<keyof typeof orgEn, string> = {
  'csv.empty': '文件中没有可导入的行。',
  'csv.parse': '第 {line} 行：无法读取 CSV（{reason}）。',
  'csv.missingColumn': '表头缺少列「{column}」。需要的列：{expected}。',
  'csv.required': '第 {line} 行：「{column}」为必填项。',
  'csv.invalidEmail': '第 {line} 行：「{value}」不是有效的邮箱地址。',
  'csv.duplicateEmail': '第 {line} 行：邮箱 {value} 已在第 {other} 行出现。',
  'csv.unknownManager': '第 {line} 行：上级 {value} 既不在此文件中，也不在组织中。',
  'csv.selfManager': '第 {line} 行：员工不能是自己的上级。',
  'csv.managerCycle': '第 {line} 行：{value} 的上级链形成了循环。',
  'csv.invalidRole': '第 {line} 行：未知角色「{value}」（可用 employee、manager、hr、admin）。',
  'csv.invalidLocale': '第 {line} 行：未知语言「{value}」（可用 zh-CN 或 en）。',
  'csv.invalidTimezone': '第 {line} 行：未知时区「{value}」。',
  'csv.invalidKind': '第 {line} 行：未知组织类型「{value}」（可用 department 或 store）。',
  'csv.kindConflict': '第 {line} 行：组织「{value}」被指定了两种不同的类型。',
  'csv.rootConflict': '第 {line} 行：所有组织路径都必须以公司「{value}」开头。',
  'csv.summary': '已导入 {created} 名新员工，更新 {updated} 名，涉及 {units} 个组织。',

  'org.usage': '用法：/org sync [feishu|dingtalk] · /org signout <邮箱>（管理员：结束某人的所有会话）',
  'org.sync.none': '没有配置带通讯录的平台（飞书或钉钉）。',
  'org.sync.started.title': '开始同步通讯录',
  'org.sync.started.body': '正在从 {platforms} 读取组织架构，完成后会发送变更报告。',
  'org.sync.done.title': '已从 {platform} 同步通讯录',
  'org.sync.line': '{what} {n}{list}',
  'org.sync.failed': '从 {platform} 同步失败：{error}。没有任何改动。',
  'org.signout.title': '已在所有设备退出登录',
  'org.signout.body': '{name} 已在所有设备退出小程序（结束了 {ended} 个会话）。',
  'org.signout.unknown': '找不到邮箱为「{email}」的人。',
};
