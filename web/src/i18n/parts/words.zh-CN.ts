// “用文字而非键名”（issue 19 第 7 项）的中文文案：“高级”折叠区里放读者用不到的标识——流程标识、
// 步骤 ID、方案标识、审计记录的原始数据（并入 ../zh-CN.ts）。键与 words.en.ts 相同。
import type { wordsEn } from './words.en.js';

export const wordsZhCN: Record<keyof typeof wordsEn, string> = {
  'words.advanced': '高级',
  'words.flowKey': '流程标识（/flow 等聊天命令使用）：{key}',
  'words.stepIds': '步骤 ID（按顺序）：{ids}',
  'words.stepIdHint': '聊天命令和“下一步”通过 ID 指代这一步。新步骤会自动获得一个 ID。',
  'words.schemeKey': '方案标识（聊天命令和导入使用）：{key}',
  'words.auditAction': '记录类型：{action}',
  'words.auditDetail': '原始数据：{detail}',
};
