// 未送达消息页面（HR）的中文文案（并入 ../zh-CN.ts）。键与 delivery.en.ts 相同。原因与处理方法由服务器按读者语言给出，与聊天中的 /report delivery 一致。
import type { deliveryEn } from './delivery.en.js';

export const deliveryZhCN: Record<keyof typeof deliveryEn, string> = {
  'nav.delivery': '未送达',
  'delivery.title': '未送达的消息',
  'delivery.intro':
    '机器人已放弃发送的消息。被限流的消息会自动等待并重发，不在此列；以下消息需要先解决问题（权限、账号），再重发。',
  'delivery.none': '所有消息都已送达。',
  'delivery.count': '{n} 条未送达',
  'delivery.unlinked': '未关联的接收人 {id}',
  'delivery.retryAll': '全部重发',
  'delivery.retryOne': '重发',
  'delivery.retried': '{n} 条消息已重新放回发送队列。',
  'delivery.waiting.title': '等待中：暂时联系不到的人（{n}）',
  'delivery.waiting.kept': '保留了 {n} 条消息',
  'delivery.waiting.note':
    '已保留、不会丢失：找到对方后会立即发送（修正后、每晚的关联任务时，或对方给机器人发消息时）。',
};
