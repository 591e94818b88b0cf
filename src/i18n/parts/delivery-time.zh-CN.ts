// 尊重每个人的送达时间（issue 23 第 5 项）：HR 的送达设置、休假及其审计记录。键与 ./delivery-time.en.ts 相同。
import type { deliveryTimeEn } from './delivery-time.en.js';

export const deliveryTimeZhCN: Record<keyof typeof deliveryTimeEn, string> = {
  'csv.leaveIncomplete': '第 {line} 行：休假需要同时填写 leave_start 和 leave_end（现为「{start}」和「{end}」）。',
  'csv.leaveBadDate': '第 {line} 行：休假日期须为真实日期，格式 YYYY-MM-DD（现为「{start}」和「{end}」）。',
  'csv.leaveEndsBeforeStart': '第 {line} 行：休假结束日期（{end}）早于开始日期（{start}）。',
  'delivery.error.unknown_time_zone':
    '未知时区「{value}」：请使用 IANA 名称，如 Asia/Shanghai 或 Europe/London。未做任何更改。',
  'delivery.error.in_quiet_hours': '送达时间 {value}:00 落在免打扰时段内：请换一个时间或调整免打扰时段。未做任何更改。',
  'delivery.error.invalid': '「{field}」的值无效（小时为 0–23，每周提醒最多 14 次）。未做任何更改。',
  'leave.error.unknown_employee': '没有这个人。',
  'leave.error.leave_incomplete': '休假需要同时填写开始和结束日期。未做任何更改。',
  'leave.error.leave_bad_date': '休假日期须为真实日期（YYYY-MM-DD）。未做任何更改。',
  'leave.error.leave_ends_before_start': '休假结束日期早于开始日期。未做任何更改。',
  'audit.kind.settings.delivery': '更改调研送达时间',
  'audit.did.settings.delivery': '更改了调研卡片和提醒的送达时间',
  'audit.kind.org.leave': '设置休假',
  'audit.did.org.leave': '设置了{subject}的休假',
  'audit.field.localHour': '当地送达时间',
  'audit.field.quietFrom': '免打扰开始',
  'audit.field.quietTo': '免打扰结束',
  'audit.field.skipWeekends': '周末不发送',
  'audit.field.weeklyReminderCap': '每周提醒上限',
  'audit.field.onLeave': '未纳入（休假中）',
  'audit.field.held': '等待当地时间的卡片',
  'audit.field.notInTime': '未邀请（截止前无送达时间）',
  'audit.field.capped': '超过每周提醒上限',
  'audit.field.cleared': '已清除',
  'audit.field.peopleRejected': '未应用时区或休假',
  'survey.launched.onLeave': '{count} 人在调研期间休假，未纳入：不邀请、不计入。',
  'survey.launched.held': '{count} 张卡片将在各人的送达时间发出（当地时间、免打扰、周末、休假）。',
  'survey.launched.notInTime': '{count} 人在截止前没有可发送的时间：未邀请。',
};
