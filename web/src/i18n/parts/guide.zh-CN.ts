// 小程序里的新手引导（议题 25 §5）：首页的提示与引导页的按钮。步骤内容由服务器按读者语言返回。与 ./guide.en.ts 键相同。
import type { guideEn } from './guide.en.js';

export const guideZhCN: Record<keyof typeof guideEn, string> = {
  'guide.offer': '第一次使用？花两分钟看看适合你角色的引导。',
  'guide.open': '打开引导',
  'guide.hide': '不再提示',
  'guide.page.title': '新手引导',
  'guide.page.step': '第 {n} 步，共 {total} 步',
  'guide.page.back': '上一步',
  'guide.page.next': '下一步',
  'guide.page.done': '完成',
  'guide.page.try': '在聊天里试试：{command}',
  'guide.page.open': '打开这个页面',
  'guide.page.finished': '引导到此结束。之后可以在 /app/guide 或在聊天里输入 /guide 再次查看。',
  'guide.page.hidden': '首页将不再提示这份引导。',
};
