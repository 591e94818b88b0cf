// 成长相关的中文文案：培训记录（合并进 ../zh-CN.ts）。与 growth.en.ts 键相同。
import type { growthEn } from './growth.en.js';

export const growthZhCN: Record<keyof typeof growthEn, string> = {
  'growth.error.not_found': '没有这条培训记录，或你无权查看。',
  'growth.error.not_yours': '只有本人或 HR 可以标记这项培训。',
  'growth.error.not_enrolled': '这门课程尚未获批：培训申请通过后才能标记。',
  'growth.error.backwards': '这项培训已标记到这一步或更后：记录不能回退。',
  'growth.error.skip': '请先标记已参加，再标记已完成。',
  'audit.kind.course.attended': '标记课程已参加',
  'audit.did.course.attended': '将{subject}标记为已参加',
  'audit.kind.course.completed': '标记课程已完成',
  'audit.did.course.completed': '将{subject}标记为已完成',
  'audit.kind.training.view': '查看他人的培训记录',
  'audit.did.training.view': '查看了{subject}的培训记录',
};
