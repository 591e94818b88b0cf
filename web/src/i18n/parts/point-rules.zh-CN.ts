// 积分（issue 24）的小程序文案：排行榜页、HR 的积分申请上限、“还差 N 积分”。与 point-rules.en.ts 键相同。
import type { pointRulesEn } from './point-rules.en.js';

export const pointRulesZhCN: Record<keyof typeof pointRulesEn, string> = {
  'nav.leaderboard': '积分排行榜',
  'board.period': '周期',
  'board.period.week': '本周',
  'board.period.month': '本月',
  'board.period.quarter': '本季度',
  'board.period.year': '本年',
  'board.period.all': '全部',
  'board.unit': '部门',
  'board.empty': '这个周期还没有人获得积分。',
  'board.rank': '名次',
  'board.name': '姓名',
  'board.points': '积分',
  'board.you': '我',
  'caps.title': '积分申请上限',
  'caps.help':
    '每人可提交的积分申请数，按公司时区计算。待审批和已通过的申请计入，已驳回和已撤回的不计入。不设上限请留空。',
  'caps.anyTag': '所有标签合计',
  'caps.day': '每天',
  'caps.month': '每月',
  'caps.tag': '价值标签',
  'caps.addTag': '为某个标签设上限',
  'caps.remove': '删除',
  'caps.saved': '上限已保存。',
  'request.similar': '⚠️ 与{name} {date} 的申请相似：',
  'rewards.short': '还差 {n} 积分',
};
