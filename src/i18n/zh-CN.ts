// 简体中文目录。键与 en.ts 相同（键不一致时测试会失败）。{name} 会被替换。
import type { MessageKey } from './en.js';

export const zhCN: Record<MessageKey, string> = {
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
  'error.unknownCommand': '我不认识命令「/{command}」。你是想输入 **/{suggestion}** 吗？',
  'error.unknownCommandNoSuggestion': '我不认识命令「/{command}」。输入 /help 查看可用命令。',
  'error.forbidden': '你没有权限执行此操作。',
  'error.internal': '我们这边出了点问题，没有任何改动，请稍后再试。',
  'error.notInOrg': '你好！我在公司的元气 Vitality 通讯录里没有找到你，暂时无法为你服务。请联系 HR 把你加入。',
  'error.cardExpired.title': '此卡片已失效',
  'error.cardExpired.body': '这张卡片对应的内容已不存在或已变更。输入 /help 重新开始。',
  'error.cardExpired.toast': '此卡片已失效',
  'error.invalidInput': '有些回答需要再检查一下。',

  'confirm.title': '已完成',

  'home.title': '欢迎使用元气 Vitality',
  'home.body': '匿名脉搏调研、价值积分和审批，就在聊天里完成。输入 /help 查看你的命令。',

  'csv.empty': '文件中没有可导入的行。',
  'csv.parse': '第 {line} 行：无法读取 CSV（{reason}）。',
  'csv.missingColumn': '表头缺少列「{column}」。需要的列：{expected}。',
  'csv.required': '第 {line} 行：「{column}」为必填项。',
  'csv.invalidEmail': '第 {line} 行：「{value}」不是有效的邮箱地址。',
  'csv.duplicateEmail': '第 {line} 行：邮箱 {value} 已在第 {other} 行出现。',
  'csv.unknownManager': '第 {line} 行：上级 {value} 既不在此文件中，也不在组织中。',
  'csv.selfManager': '第 {line} 行：员工不能是自己的上级。',
  'csv.managerCycle': '第 {line} 行：{value} 的上级链形成了循环。',
  'csv.invalidRole': '第 {line} 行：未知角色「{value}」（可用 employee、manager、hr、admin）。',
  'csv.invalidLocale': '第 {line} 行：未知语言「{value}」（可用 zh-CN 或 en）。',
  'csv.invalidTimezone': '第 {line} 行：未知时区「{value}」。',
  'csv.invalidKind': '第 {line} 行：未知组织类型「{value}」（可用 department 或 store）。',
  'csv.kindConflict': '第 {line} 行：组织「{value}」被指定了两种不同的类型。',
  'csv.rootConflict': '第 {line} 行：所有组织路径都必须以公司「{value}」开头。',
  'csv.summary': '已导入 {created} 名新员工，更新 {updated} 名，涉及 {units} 个组织。',

  'sandbox.title': '元气 Vitality 沙盒',
  'sandbox.subtitle': '以演示组织中任何人的身份体验元气 Vitality，无需任何聊天平台。',
  'sandbox.pickPerson': '当前身份',
  'sandbox.placeholder': '输入命令，例如 /help',
  'sandbox.send': '发送',
  'sandbox.empty': '还没有消息。试试 /help。',
  'sandbox.unknownPerson': '组织中没有 id 为 {id} 的在职人员。',
  'sandbox.you': '你',
  'sandbox.bot': '元气',
  'sandbox.submit': '提交',
};
