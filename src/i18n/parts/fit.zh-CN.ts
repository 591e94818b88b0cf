// 卡片超出聊天消息上限时适配器补充的文字（cards/fit.ts 与表单分页）。与 ./fit.en.ts 键相同。
import type { fitEn } from './fit.en.js';

export const fitZhCN: Record<keyof typeof fitEn, string> = {
  'fit.continued': '下接 {n} 条消息 ↓',
  'fit.continuedOne': '下接 1 条消息 ↓',
  'fit.part': '{title}（{i}/{n}）',
  'fit.partUntitled': '续（{i}/{n}）',
  'fit.more': '还有 {n} 项无法在此卡片中显示，请在应用中打开查看全部。',
  'fit.tooBig': '此部分内容过长，无法在聊天卡片中显示，请在应用中打开查看全文。',
  'fit.formTooBig': '此表单过长，无法在聊天卡片中填写，请在应用中打开填写。',
  'fit.next': '下一页（{i}/{n}）',
  'fit.page': '第 {i}/{n} 页',
};
