// HR 组织页面中休假部分的中文文案（并入 ../zh-CN.ts）。键与 org-leave.en.ts 相同。
import type { orgLeaveEn } from './org-leave.en.js';

export const orgLeaveZhCN: Record<keyof typeof orgLeaveEn, string> = {
  'orgLeave.title': '休假',
  'orgLeave.help': '休假中的人不会收到调研卡片或提醒；与休假日期重叠的调研不会邀请他们，也不计入参与率。',
  'orgLeave.search': '查找人员（姓名或邮箱）',
  'orgLeave.none': '没有匹配的人员。',
  'orgLeave.pick': '选择',
  'orgLeave.for': '{name} 的休假',
  'orgLeave.from': '第一天',
  'orgLeave.until': '最后一天',
  'orgLeave.save': '保存休假',
  'orgLeave.clear': '清除休假',
  'orgLeave.saved': '已保存 {name} 的休假：{from} – {until}。',
  'orgLeave.cleared': '已清除 {name} 的休假。',
  'orgLeave.list': '正在休假或即将休假',
  'orgLeave.empty': '目前没有人休假。',
  'orgLeave.range': '{from} – {until}',
  'orgLeave.clearOf': '清除 {name} 的休假',
};
