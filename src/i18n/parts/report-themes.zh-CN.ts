// 聊天报告中的留言主题（issue 23）：已公开留言列表旁的一行。键与 ./report-themes.en.ts 相同。
import type { reportThemesEn } from './report-themes.en.js';

export const reportThemesZhCN: Record<keyof typeof reportThemesEn, string> = {
  'report.themes': '主题',
  'report.theme.workload': '工作量',
  'report.theme.schedule': '排班与休息',
  'report.theme.pay': '薪酬福利',
  'report.theme.management': '管理',
  'report.theme.communication': '沟通',
  'report.theme.teamwork': '团队协作',
  'report.theme.growth': '培训与成长',
  'report.theme.recognition': '认可',
  'report.theme.tools': '工具与流程',
};
