// 布局相关的中文文案（issue 19 第 5 项）：顶部账户菜单、手机底部导航、桌面侧边栏分组、审批中心的标签页、
// 审计日志的表格与分页（并入 ../zh-CN.ts）。键与 layout.en.ts 相同。
import type { layoutEn } from './layout.en.js';

export const layoutZhCN: Record<keyof typeof layoutEn, string> = {
  'layout.account': '账户：{name}',
  'layout.nav': '主菜单',
  'layout.tabbar': '底部导航',
  'layout.me': '我的',
  'layout.manage': '管理',
  'layout.group.mine': '个人',
  'layout.group.team': '团队',
  'layout.group.hr': '人事管理',
  'layout.me.points': '积分',
  'layout.manage.none': '你的角色没有可管理的内容。',

  'layout.approvals.tabs': '审批列表',
  'layout.approvals.tab.waiting': '待我处理',
  'layout.approvals.tab.done': '我已处理',
  'layout.approvals.tab.mine': '我发起的',
  'layout.approvals.none.done': '你还没有处理过申请。',
  'layout.approvals.none.mine': '你还没有发起过申请。',
  'layout.approvals.list': '申请列表',
  'layout.approvals.pick': '在列表中选择一条申请，在这里查看详情。',

  'layout.adjust.open': '调整积分…',
  'layout.adjust.points': '积分（{min}–{max}）',
  'layout.adjust.reason': '调整原因',
  'layout.adjust.hint': '申请积分：{points} 分。申请人会看到调整后的积分和你的原因。',
  'layout.adjust.confirm': '按调整后的积分同意',

  'layout.audit.when': '时间',
  'layout.audit.what': '事件',
  'layout.audit.details': '详情',
  'layout.audit.range': '第 {from}–{to} 条，共 {total} 条',
  'layout.audit.pages': '审计日志分页',
  'layout.audit.previous': '上一页',
  'layout.audit.next': '下一页',
  'layout.demo.badge': '演示数据',
  'layout.demo.hint': '这是生成的演示公司：其中的人员、回答、申请和历史都是虚构的，供你随意浏览。',
};
