// 中文文案：小程序的服务端文案（会话、字段错误、管理页面）。键与 ./web.en.ts 相同。
import type { webEn } from './web.en.js';

export const webZhCN: Record<keyof typeof webEn, string> = {
  // 小程序请求的字段错误（src/web/field-messages.ts）。
  'field.required': '必填。',
  'field.tooShort': '至少 {min} 个字符。',
  'field.tooLong': '最多 {max} 个字符。',
  'field.min': '不能小于 {min}。',
  'field.max': '不能大于 {max}。',
  'field.tooFew': '至少添加 {min} 项。',
  'field.tooMany': '最多 {max} 项。',
  'field.number': '请输入整数。',
  'field.email': '请输入有效的邮箱地址。',
  'field.url': '请输入完整网址，例如 https://example.com。',
  'field.key': '最多 32 个小写字母、数字或连字符（-），不能有空格。',
  'field.keyUnderscore': '以小写字母开头，之后可用小写字母、数字或 _（最多 32 个，不能有空格）。',
  'field.choice': '请从选项中选择。',
  'field.invalid': '该值无效。',

  // 超出表单结构的业务规则（src/i18n/issues.ts：自定义问题的 message 就是它的代码）。
  'issue.more': '……还有 {n} 处。',
  'issue.weights_sum': '各维度的权重加起来必须是 100%。',
  'issue.unique_keys': '每个维度的 key 必须各不相同。',
  'issue.indicator_rater': '指标只能导入评分（评分人类型为 import），也只有指标可以导入。',
  'issue.indicator_range': '指标的最小值必须小于最大值。',
  'issue.points_range': '分值范围必须包含标准分值：{min} ≤ {points} ≤ {max} 不成立。',
  'issue.inactive_person': '{email} 不是在职人员。',
  'issue.scheme_exists': '已有 key 为「{key}」的方案。',
  'issue.cron': '5 个字段分别须是数字、*、范围（1-5）、列表（1,3）或步长（*/2）。',

  // The mini-app (src/web) — server messages.
  'web.survey.alreadyAnswered': '你已经回答过这份问卷了，谢谢！',
  'web.transfer.reasonRequired': '请填写调岗原因。',
  'web.session.required': '请先登录。',
  'web.session.expired': '登录已过期，请重新登录。',
  'web.csrf': '请求缺少有效的安全令牌，请刷新页面后重试。',
  'web.sandbox.off': '此服务器未开启沙盒。',
  'web.slack.off': '此服务器未设置通过 Slack 登录。',
  'error.badRequest': '无法读取这个请求。请刷新页面后重试。',
  'error.tooLarge': '内容太大，无法发送。请换一个小一些的文件。',
  'web.signin.failed': '登录失败：授权码无效，请重试。',

  // pulse-admin（小程序：模板、计划、跟进、趋势）
  'pulseAdmin.field.duplicate': '这个键在上面已经用过了。',
  'pulseAdmin.field.cron': '不是有效的计划。请用 5 个字段：分 时 日 月 星期，例如 0 10 * * 1。',
  'pulseAdmin.field.reminders': '提醒日必须在发起之后、调研截止之前。',
  'pulseAdmin.field.shortSize': '简短调研每次问 3、4 或 5 个问题。',
  'pulseAdmin.field.ownerOutside': '请选择你所负责团队中的人。',
  'pulseAdmin.field.ownerUnknown': '没有这个 id 的在职人员。',
  'pulseAdmin.field.unitOutside': '请选择你负责的部门或门店。',
  'pulseAdmin.error.templateNotFound': '没有这个调研模板。',
  'pulseAdmin.error.scheduleNotFound': '没有这个调研计划。',
  'pulseAdmin.error.followUpNotFound': '没有这条跟进事项。',
  'pulseAdmin.error.othersFollowUps': '你只能查看自己的跟进事项。',

  // 小程序：审批流程、评价方案、评价趋势（flows-schemes）。
  'fs.scheme.weights': '权重合计为 {total}，必须等于 100。',
  'fs.scheme.duplicateKey': '已有其他维度使用了这个键。',
  'fs.scheme.indicatorRater': '指标只能导入，导入的也只能是指标：指标的评价人须为“导入”。',
  'fs.scheme.indicatorRange': '最小值必须小于最大值。',
  'fs.scheme.exists': '已存在使用该键的方案。',
  'fs.scheme.noPerson': '没有使用该邮箱的在职人员。',
  'fs.flow.duplicate_step': '已有其他步骤使用了这个 ID。',
  'fs.flow.unknown_next': '没有这个 ID 的步骤。',
  'fs.flow.loop': '该步骤会回到之前的步骤，流程将永远无法结束。',
  'fs.flow.unresolvable': '此步骤无人可审批：指定的人员、部门或角色不存在或已停用。',
  'fs.flow.stale': '{name} 在你打开之后于 {at} 修改了此流程（现为第 {version} 版）。本次未保存任何内容。',
  'fs.flow.someone': '有人',
  'fs.trend.none': '该部门还没有已结束的评价周期。',
  'web.person.unknown': '没有这个人。',
  'web.retention.unknown': '不是保留期限设置。',
  'web.retention.range': '请输入 {min} 到 {max} 之间的整数。',
};
