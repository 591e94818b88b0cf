// 引导式场景演示（议题 25 §5）：每一步的旁白（谁在操作、发生了什么、下一步是谁）、列表和步骤卡片的用语，
// 以及演示停下的原因。与 ./demo-scenarios.en.ts 键相同。
import type { demoScenariosEn } from './demo-scenarios.en.js';

export const demoScenariosZhCN: Record<keyof typeof demoScenariosEn, string> = {
  'cmd.demo.summary': '引导式演示：在演示公司里一步一步看完一个完整流程',
  'demo.list.title': '引导式演示',
  'demo.list.intro':
    '每个演示在演示公司里讲一个小故事，一次一步，用的就是大家在聊天和小程序里做的同样操作。用 `/demo <名称>` 开始。',
  'demo.play': '播放「{title}」',
  'demo.step.title': '{title} · 第 {n}/{total} 步',
  'demo.next': '下一步',
  'demo.all': '全部播放',
  'demo.again': '再播放一次',
  'demo.finished': '故事到此结束。随时可以再播放一次：每次播放都会生成自己的记录。',
  'demo.when': '故事中的时间：{date}',
  'demo.stopped': '演示停在第 {n}/{total} 步：{why}这一步没有留下任何记录；点“下一步”可重试。',
  'demo.stale': '这张卡片属于之前的一次演示。请用 /demo {name} 重新开始。',
  'demo.unknown': '没有名为“{word}”的演示。可选：cook、saving、pulse。',
  'demo.blocked.platform': '引导式演示只能在本地沙盒中运行：这里已配置真实平台，而演示会以其他人的身份操作。',
  'demo.blocked.no_sandbox': '引导式演示只能在本地沙盒中运行，而这里的沙盒已关闭。',
  'demo.blocked.not_demo_org': '引导式演示只能在演示公司中运行：这个组织里有真实人员，而演示会以他们的身份操作。',
  'demo.why.insufficient_balance': '积分不足以兑换该奖励。',
  'demo.why.over_cap': '已达到 HR 设置的申请上限。',
  'demo.why.no_approvers': '没有人可以审批这个申请。',
  'demo.why.not_pending': '这个申请已经被别人处理了。',
  'demo.why.flow_changed': '审批流程与故事预期的不同（HR 修改过）。',
  'demo.why.hidden': '该部门的答卷少于匿名阈值，结果不予显示。',
  'demo.why.person_missing': '故事中的某个人已不在演示公司。',
  'demo.why.unit_missing': '故事中的某个部门已不在演示公司。',
  'demo.why.no_recommendation': '这次评价没有为这位厨师推荐课程。',
  'demo.why.closed': '它已经关闭了。',
  'demo.why.stale': '同一时刻有人处理了它。',
  'demo.why.other': '系统拒绝了这一步（{code}）。',

  'demo.cook.title': '厨师调往合作门店',
  'demo.cook.summary': '调岗 → 门店评价 → 培训 → 综合报告',
  'demo.cook.ask': '{from}的厨师{cook}被派往合作门店{to}：调岗申请已提交。先由她所在门店的负责人{next}审批。',
  'demo.cook.current-head': '现门店负责人{approver}批准调岗；下一步是 HR（{next}）。',
  'demo.cook.hr': '{approver}（HR）批准；最后由接收门店负责人{next}决定。',
  'demo.cook.receiving-head': '{approver}批准：调岗今天生效。{cook}现在在{to}工作，直属上级是{manager}。',
  'demo.cook.rating-open': '{hr}（HR）为{to}发起团队评价：由{head}为门店员工（包括这位厨师）打分。',
  'demo.cook.rating-rate': '{head}完成评价。{cook}的“{dimension}”得了 2 分：她刚加入团队，还在磨合。',
  'demo.cook.rating-close': '{hr}关闭评价周期：计算综合分（{cook}：{composite}），并针对“{dimension}”推荐课程。',
  'demo.cook.training-enrol': '{cook}申请参加推荐课程；由她的新上级{next}审批。',
  'demo.cook.training-approve': '{approver}批准培训：{cook}已报名。',
  'demo.cook.training-complete': '{cook}参加课程并标记为已完成；门店负责人可以看到进度。',
  'demo.cook.report': '{head}查看门店综合报告：{people} 人，平均综合分 {average}；{cook}：{composite}。',

  'demo.saving.title': '财务专员的成本节省',
  'demo.saving.summary': '积分申请 → 审批 → 积分账本 → 兑换',
  'demo.saving.claim':
    '{clerk}以“{tag}”申请积分：预算优化，重新谈判供应商和物流合同，每季度节省 ¥30,000（{points} 分）。由她的上级{manager}审核。',
  'demo.saving.approve': '{approver}批准，并说明理由，将积分提高到 {points} 分；达到 150 分时还需 HR（{next}）复核。',
  'demo.saving.ledger': '{approver}（HR）批准：{points} 分记入{clerk}的积分账本。她的余额：{balance}。',
  'demo.saving.redeem': '{clerk}用 {cost} 分兑换“{reward}”；积分在 HR 审批前先冻结（当前余额 {balance}）。',
  'demo.saving.redeem-approve': '{approver}（HR）批准兑换。{clerk}的余额：{balance}。',

  'demo.pulse.title': '脉搏调研发现流程问题',
  'demo.pulse.summary': '调研 → 报告 → 跟进事项 → 下一轮调研确认解决',
  'demo.pulse.launch':
    '{hr}（HR）向全公司发起脉搏调研，为期 {days} 天，{answered} 位同事作答。答卷加密保存且不含姓名；只有不少于 K 人的群体才会显示结果。',
  'demo.pulse.report':
    '调研结束。{unit}的“{dimension}”得分 {score}（全公司：{company}），共 {responses} 份答卷（K = {k}）：产品和研发之间的需求交接经常遗漏。',
  'demo.pulse.follow-up': '{hr}与{owner}为{unit}约定跟进事项：每周一次的需求交接清单。',
  'demo.pulse.done': '{owner}落实了交接清单，并把跟进事项标记为已完成。',
  'demo.pulse.next-wave': '{hr}发起下一轮调研；{answered} 位同事作答。',
  'demo.pulse.resolved': '下一轮调研结束：{unit}的“{dimension}”从 {before} 升到 {after}。{owner}的跟进事项解决了问题。',

  'audit.kind.demo.step': '播放了引导式演示的一步',
  'audit.did.demo.step': '在沙盒中播放了引导式演示的一步',
};
