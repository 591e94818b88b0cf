// 按角色的新手引导（议题 25 §5）：各步骤的标题与正文、卡片用语。与 ./guides.en.ts 键相同。
// 案例取自背景文章（预算优化 → 成本控制，会议流程 → 流程优化）。
import type { guidesEn } from './guides.en.js';

export const guidesZhCN: Record<keyof typeof guidesEn, string> = {
  'cmd.guide.summary': '按你的角色快速了解元气',
  'guide.title': '新手引导 · {n}/{total}',
  'guide.try': '试一试：`{command}`',
  'guide.next': '下一步',
  'guide.back': '上一步',
  'guide.done': '完成',
  'guide.dismiss': '不再提示',
  'guide.dismissed': '引导已关闭。需要时输入 /guide 即可重新打开。',
  'guide.finished': '引导到此结束。输入 /guide 可以再看一遍。',
  'guide.employee.1.title': '元气就在这个聊天里',
  'guide.employee.1.body':
    '简短的匿名调研、为你创造的价值积分、调动等申请，都以卡片形式出现在这里，点几下就好。小程序里有同样的功能，还有更多。',
  'guide.employee.2.title': '把你的工作变成积分申请',
  'guide.employee.2.body':
    '写清你做了什么、创造了多少价值，再选它对应的价值标签。你做了预算优化？那就是**成本控制**：“采购成本降低 15%，每年节省 10 万元”。你的主管在聊天里审批。',
  'guide.employee.3.title': '再举一例：会议更短了',
  'guide.employee.3.body':
    '你改进了周会流程？那就是**流程优化**：“周会从 90 分钟缩短到 45 分钟，6 人参加，每周约节省 4.5 小时”。有数字的申请更容易通过。',
  'guide.employee.4.title': '调研是匿名的',
  'guide.employee.4.body':
    '没有任何表把你和你的答案联系起来；人数低于匿名门槛的群体不展示任何结果。你的留言还可以在不透露姓名的情况下与主管对话。',
  'guide.employee.5.title': '你的积分与奖励',
  'guide.employee.5.body': '查看余额与明细、本部门的排行榜，并用积分兑换奖金、假期或培训。',
  'guide.manager.1.title': '审核积分申请',
  'guide.manager.1.body':
    '团队成员的申请会以卡片送达：看清创造的价值，确认标签是否合适，然后批准，或写明原因驳回。你可以在标签范围内调整分值。',
  'guide.manager.2.title': '提示帮你把关',
  'guide.manager.2.body':
    '与同一人近期申请相似的申请会被标出并附上原申请链接；上限会阻止一天或一个月内过多的申请。没有数字的申请，可以请对方补充。',
  'guide.manager.3.title': '让标签保持好用',
  'guide.manager.3.body':
    '价值标签（成本控制、流程优化、跨部门支援……）及其分值由 HR 设置。如果某类工作总被放在不合适的标签下，请告诉 HR 缺了哪个标签。',
  'guide.manager.4.title': '团队的调研结果',
  'guide.manager.4.body':
    '调研结束后，只要答卷人数足够，你就能看到团队的结果。找出摩擦在哪里并约定跟进事项；不要去猜是谁说的。',
  'guide.hr.1.title': '读懂价值看板',
  'guide.hr.1.body':
    '排行榜以及按部门和标签统计的积分显示价值从哪里来：某个部门跨部门支援偏少，或某个标签无人使用，都值得追问。',
  'guide.hr.2.title': '调研报告',
  'guide.hr.2.body': '按层级和组织类型的热力图、跨轮次趋势和留言主题显示摩擦在哪里。低于匿名门槛的群体永远不展示。',
  'guide.hr.3.title': '审批与人员',
  'guide.hr.3.body': '审批时效显示申请卡在哪里；各门店的人员流失与其调研结果并列展示（/report turnover）。',
  'guide.hr.4.title': '设置',
  'guide.hr.4.body': '标签与奖励、申请上限、匿名门槛、发送时间和报告目标都在小程序的设置里；每次修改都记入审计日志。',
};
