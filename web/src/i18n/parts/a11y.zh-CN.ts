// 无障碍相关的小程序文案（issue 19），合并到 ../zh-CN.ts。eNPS 两端的说法与内置 eNPS 题目的措辞一致
// （src/domain/surveys/default-template.ts：“0 = 完全不可能，10 = 非常可能”），不让同一题出现两种说法。
import type { a11yEn } from './a11y.en.js';

export const a11yZhCN: Record<keyof typeof a11yEn, string> = {
  'pa.fu.scope': '显示',
  'role.employee': '员工',
  'role.manager': '经理',
  'role.hr': '人力资源',
  'role.admin': '管理员',
  'a11y.skip': '跳到主要内容',
  'survey.anchor.agree.low': '非常不同意',
  'survey.anchor.agree.high': '非常同意',
  'survey.anchor.likely.low': '完全不可能',
  'survey.anchor.likely.high': '非常可能',
  'survey.progress': '已答 {done}/{total}',
  'survey.question': '第 {n} 题，共 {total} 题',
  'chart.values': '查看数值',
  'chart.item': '项目',
  'chart.value': '数值',
  'chart.notShown': '不显示',
  'chart.none': '暂时没有可画的数据。',
  'chart.allZero': '暂时没有可画的数据：所有数值都是 0。',
  'chart.onePoint': '目前只有一个数据点（{point}），有第二个后才会画出折线。',
  'pulse.enpsNote':
    'eNPS 取值 −100 到 100：推荐者（9–10 分）占比减去贬损者（0–6 分）占比。高于 0 表示愿意推荐在这里工作的人多于不愿意的人。',
  'pulse.enpsBreakdown': '推荐者 {promoters} 人 · 中立者 {passives} 人 · 贬损者 {detractors} 人',
};
