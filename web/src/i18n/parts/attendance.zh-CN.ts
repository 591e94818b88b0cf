// “今日考勤”页面（议题 25 §1）：部门负责人查看其部门，HR 导入与同步。与 ./attendance.en.ts 键相同。
import type { attendanceEn } from './attendance.en.js';

export const attendanceZhCN: Record<keyof typeof attendanceEn, string> = {
  'attendance.title': '今日考勤',
  'attendance.unit': '部门',
  'attendance.summary': '{day} · {people} 人中 {onTime} 人准时',
  'attendance.late': '迟到',
  'attendance.minutes': '{minutes} 分钟',
  'attendance.notClockedIn': '未打卡',
  'attendance.absent': '旷工',
  'attendance.earlyLeave': '早退',
  'attendance.onLeave': '请假',
  'attendance.noRecord': '暂无记录',
  'attendance.nobody': '无',
  'attendance.note': '数据来自平台考勤（每小时读取）或 HR 的 CSV 导入。仅部门负责人和 HR 可以查看本页。',
  'attendance.sync.title': '立即从平台读取',
  'attendance.sync.help': '从{platforms}读取昨天和今天所有已关联人员的考勤（每小时也会自动读取）。',
  'attendance.sync.none': '没有接入带考勤的平台：请用下方的 CSV 导入。',
  'attendance.sync.submit': '立即同步',
  'attendance.import.title': '用 CSV 导入',
  'attendance.import.help':
    '每人每天一行：employee（工作邮箱或编号）、day（YYYY-MM-DD）、status（on_time、late、early_leave、absent、on_leave、not_clocked_in，或 准时、迟到、早退、旷工、请假、未打卡），迟到时再填分钟数。只要有一行有误，整份都不会导入。',
  'attendance.import.text': 'CSV',
  'attendance.import.submit': '导入',
  'attendance.import.done': '已导入 {people} 人共 {written} 天的考勤。',
};
