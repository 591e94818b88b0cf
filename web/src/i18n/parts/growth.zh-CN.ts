// 培训记录页的中文文案（合并进 ../zh-CN.ts）。与 growth.en.ts 键相同。
import type { growthEn } from './growth.en.js';

export const growthZhCN: Record<keyof typeof growthEn, string> = {
  'nav.training': '我的培训',
  'growth.none': '还没有培训。评价后推荐的课程在“我的评价”中，可在那里申请报名。',
  'growth.progress': '进度',
  'growth.state.requested': '已申请',
  'growth.state.enrolled': '已报名',
  'growth.state.attended': '已参加',
  'growth.state.completed': '已完成',
  'growth.dimension': '针对：{dimension}',
  'growth.requestedNote': '培训申请等待审批',
  'growth.attendedAt': '参加于 {at}',
  'growth.completedAt': '完成于 {at}',
  'growth.materials': '学习资料',
  'growth.markAttended': '标记已参加',
  'growth.markCompleted': '标记已完成',
  'growth.coursePage': '课程页面',
  'growth.team': '团队的培训',
  'growth.teamNone': '你负责的单位里还没有人参加培训。',
  'growth.teamCount': '已完成 {done} / {of}',
  'growth.effects': '课程效果',
  'growth.effects.help':
    '该维度在完成课程之前与之后结束的评价周期中的平均分：完成课程的人（各按自己的完成日期），以及在该维度被评价的其他人（按首次完成日期划分）。只计入前后都有分数的人。',
  'growth.effects.none': '还没有人完成这门课程。',
  'growth.effects.completed': '完成者（{people} 人）',
  'growth.effects.others': '其他人（{people} 人）',
  'growth.effects.line': '{before} → {after}（{change}）',
  'growth.effects.noData': '周期还不够',
  'courses.materials': '学习资料（选填：要读或要看的内容、链接）',
};
