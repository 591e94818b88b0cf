// 中文文案：帮助、命令、语言、错误提示与沙盒。键与 ./core.en.ts 相同。
import type { coreEn } from './core.en.js';

export const coreZhCN: Record<keyof typeof coreEn, string> = {
  'app.name': '元气 Vitality',

  'help.title': '元气 Vitality — 你可以做什么',
  'help.intro': '{name}，你好！输入命令，或点击下面的按钮。',
  'help.footer': '脉搏调研的回答是匿名的：任何人（包括 HR 和你的上级）都看不到谁回答了什么。',
  'help.switchLanguage': 'English',
  'help.whoami': '我的资料',

  'cmd.help.summary': '显示此列表',
  'cmd.lang.summary': '选择语言：/lang zh-CN 或 /lang en',
  'cmd.whoami.summary': '查看你的资料：部门、上级和角色',

  'lang.set.title': '语言已更新',
  'lang.set.body': '从现在起我会用中文和你交流。',
  'lang.usage': '用法：/lang zh-CN 或 /lang en',
  'lang.toast': '已切换为中文',

  'whoami.title': '你的资料',
  'whoami.name': '姓名',
  'whoami.email': '邮箱',
  'whoami.unit': '部门',
  'whoami.manager': '上级',
  'whoami.roles': '角色',
  'whoami.none': '—',

  'role.employee': '员工',
  'role.manager': '管理者',
  'role.hr': 'HR',
  'role.admin': '管理员',

  'error.title': '出了点问题',
  'error.forbiddenCommand': '你的角色不能使用命令 /{command}。',

  'usage.title': '用法',
  'usage.examples': '例如：',
  'usage.moreHelp': '输入 /help 查看你可以使用的全部命令。',
  'usage.unknownSubcommand': '这里不认识「{word}」。这个命令的用法如下：',

  'refusal.title': '没有权限',
  'refusal.instead': '输入 /help 查看你可以使用的命令。',
  'refusal.ownRatings': '输入 /ratings 查看你自己的评价结果。',

  'points.top.refused': '「{unit}」的积分排行榜不对你开放。',
  'points.top.insteadOwn': '你可以查看自己所在部门「{unit}」的排行榜：输入 /points top。',
  'points.top.insteadLead': '你可以查看自己所在部门（{unit}）和你负责的团队（{units}）的排行榜：/points top [团队]。',

  'list.separator': '、',
  'home.help': '帮助',
  'error.unknownCommand': '我不认识命令「/{command}」。你是想输入 **/{suggestion}** 吗？',
  'error.unknownCommandNoSuggestion': '我不认识命令「/{command}」。输入 /help 查看可用命令。',
  'error.forbidden': '你没有权限执行此操作。',
  'error.busy': 'Vitality 当前繁忙，没有任何改动，请稍后再试。',
  'error.internal': '我们这边出了点问题，没有任何改动，请稍后再试。',
  'error.databaseUnavailable': '数据库暂时无法连接，没有任何改动，请稍后再试。',
  'error.notInOrg': '你好！我在公司的元气 Vitality 通讯录里没有找到你，暂时无法为你服务。请联系 HR 把你加入。',
  'error.cardExpired.title': '此卡片已失效',
  'error.cardExpired.body': '这张卡片对应的内容已不存在或已变更。输入 /help 重新开始。',
  'error.cardExpired.toast': '此卡片已失效',
  'error.invalidInput': '有些回答需要再检查一下。',

  'confirm.title': '已完成',

  'home.title': '欢迎使用元气 Vitality',
  'home.body': '匿名脉搏调研、价值积分和审批，就在聊天里完成。输入 /help 查看你的命令。',

  'cmd.survey.summary':
    '脉搏调研：/survey launch [部门] [天数]，/survey schedule <cron> [部门] [天数] [short=3..5]，/survey remind <轮次>，/survey close <轮次>，/survey threshold <k>',
  'cmd.report.summary': '报告：/report pulse [#轮次] [部门] [csv] · trend [部门] · ratings [#周期] · approvals [天数]',

  'duration.min': '{n} 分钟',
  'duration.h': '{n} 小时',
  'duration.d': '{n} 天',

  'cmd.followup.summary': '跟进事项：/followup add <问题> ; <负责人> ; <YYYY-MM-DD> [; 部门]，/followup 查看我的',
  'cmd.claim.summary': '为你创造的价值申请积分',
  'cmd.points.summary': '我的积分：/points；排行榜：/points top [week|month|quarter|year|all] [部门]',
  'cmd.redeem.summary': '用积分兑换奖励',
  'cmd.tags.summary': '价值标签及分值（HR：/tags add {json}，/tags retire <编号>）',
  'cmd.approvals.summary': '待我审批的，以及我提交的申请',
  'cmd.transfer.summary': '申请调岗：/transfer <部门> ; <原因> [; 生效日期 YYYY-MM-DD，不填为今天]',
  'cmd.delegate.summary': '外出时委托他人审批：/delegate <邮箱> <YYYY-MM-DD>，/delegate off',
  'cmd.org.summary': '组织：/org sync [feishu|dingtalk] 从平台同步组织架构',
  'cmd.approve.summary': '同意申请：/approve <编号>',
  'cmd.reject.summary': '驳回申请（结束，不可再提交）并说明原因：/reject <编号> <原因>（需要对方修改请用 /return）',
  'cmd.rating.summary':
    '评价：/rating（我的评价卡片）；HR：/rating open <方案> <部门> [天数]，/rating close <周期>，/rating import <周期> + CSV，/rating schemes，/rating scheme {json}',
  'cmd.ratings.summary': '我的评价结果（管理者/HR：/ratings <邮箱>）',
  'cmd.courses.summary': '按维度的培训课程（HR：/courses add {json}）',
  'cmd.flow.summary': '审批流程：/flow show <流程>，/flow set <流程> <版本> {json}',

  // Links a DingTalk card adds where it cannot hold a form or a callback (adapters/dingtalk/render.ts).
  'app.answerInApp': '在应用中作答',
  'app.openForm': '打开表单',
  'app.openInApp': '在应用中打开',
  'app.open': '在应用中打开',

  'sandbox.title': '元气 Vitality 沙盒',
  'sandbox.subtitle': '以演示组织中任何人的身份体验元气 Vitality，无需任何聊天平台。',
  'sandbox.pickPerson': '当前身份',
  'sandbox.placeholder': '输入命令，例如 /help',
  'sandbox.send': '发送',
  'sandbox.empty': '还没有消息。试试 /help。',
  'sandbox.unknownPerson': '组织中没有 id 为 {id} 的在职人员。',
  'sandbox.signInRequired': '请先登录：在沙盒中选择一个人，即可以其身份聊天。',
  'sandbox.notSignedInAs': '你当前未以 id 为 {id} 的人员身份登录：请在沙盒中选择此人，再以其身份聊天。',
  'sandbox.you': '你',
  'sandbox.bot': '元气',
  'sandbox.submit': '提交',
  'sandbox.roles': '（{roles}）',
  'sandbox.roleSep': '、',
  'card.redrawFailed':
    '已收到你的操作，但平台繁忙，卡片暂时没能更新。请稍后重新打开卡片；如果步骤没有前进，请再点一次。',
  'command.sentToDm': '已私信发给你，请在与元气 Vitality 的单聊中查看。',
};
