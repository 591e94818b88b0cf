// 未能送达的消息，供 HR 查看（/report delivery、小程序、提醒卡片）。键与 ./delivery.en.ts 相同。
import type { deliveryEn } from './delivery.en.js';

export const deliveryZhCN: Record<keyof typeof deliveryEn, string> = {
  'delivery.title': '未送达的消息（{n} 条）',
  'delivery.none': '所有消息都已送达。被限流的消息会自动等待并重发，这里只列出最终放弃的消息。',
  'delivery.row': '**{person}** · {platform} · {what}\n{reason} —— {detail}\n{fix}',
  'delivery.unlinked': '未关联的接收人 {id}',
  'delivery.more': '……还有 {n} 条，完整列表请在小程序中查看。',
  'delivery.note': '“全部重发”会把列出的消息重新放回发送队列（记入审计日志）。请先解决原因，否则会再次失败。',
  'delivery.retry': '全部重发',
  'delivery.retried.title': '已重新排队',
  'delivery.retried.body': '{n} 条未送达的消息将重新发送。',
  'delivery.retried.none': '没有需要重发的消息：全部已送达。',
  'delivery.reason.throttled': '被限流太久（{hours} 小时）',
  'delivery.reason.permission': '缺少权限',
  'delivery.reason.recipient': '找不到接收人',
  'delivery.reason.rejected': '消息被平台拒绝',
  'delivery.reason.failing': '平台持续出错',
  'delivery.reason.no_card': '要更新的卡片从未送达',
  'delivery.fix.throttled': '平台整整一天都在拒绝请求：请检查接口调用额度（钉钉：每月接口调用量），然后重发。',
  'delivery.fix.permission': '请平台管理员为应用开通上面提到的权限（scope），或把此人加入应用的可用范围，然后重发。',
  'delivery.fix.recipient':
    '该账号已不存在，或机器人从未能联系到此人：请重新关联（/org sync，或让其先给机器人发一条消息），然后重发。',
  'delivery.fix.rejected': '平台拒收了这条消息，重发也无济于事。请告知负责维护机器人的团队。',
  'delivery.fix.failing': '每次尝试时平台都不可用或无法连接；待平台恢复后重发即可。',
  'delivery.fix.no_card': '这张卡片的首次发送也未送达；“全部重发”会先重发首条消息。',
  'delivery.platform.slack': 'Slack',
  'delivery.platform.feishu': '飞书',
  'delivery.platform.dingtalk': '钉钉',
  'delivery.platform.sandbox': '沙盒',
  'delivery.alert.title': '部分消息未能送达',
  'delivery.alert.body':
    '有 {n} 条消息已放弃发送（例如：{reason}）。发送 /report delivery 查看是谁、为什么，并可重发。',
  'audit.kind.delivery.retry': '重发未送达的消息',
  'audit.did.delivery.retry': '把未送达的消息重新放回了发送队列',
  'delivery.waiting.title': '等待中：暂时联系不到的人（{n}）',
  'delivery.waiting.line': '**{person}** — 保留了 {n} 条消息：{reasons}',
  'delivery.waiting.note':
    '这些消息已保留、不会丢失：找到对方后会自动发送（修正后、每晚的关联任务时，或对方给机器人发消息时）。',
  'delivery.waiting.notLookedUp': '尚未查找——下一分钟会尝试',
};
