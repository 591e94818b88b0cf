// 小程序里的引导式演示（议题 25 §5）：页面自身的用语。每一步的旁白由服务器按读者语言返回。与 ./demos.en.ts 键相同。
import type { demosEn } from './demos.en.js';

export const demosZhCN: Record<keyof typeof demosEn, string> = {
  'demos.title': '引导式演示',
  'demos.intro':
    '每个演示在演示公司里讲一个小故事，一次一步，用的就是大家在聊天和小程序里做的同样操作。点开每一步链接的页面，看看它生成了什么。',
  'demos.steps': '共 {n} 步',
  'demos.play': '播放',
  'demos.next': '下一步',
  'demos.all': '全部播放',
  'demos.retry': '重试这一步',
  'demos.again': '再播放一次',
  'demos.back': '全部演示',
  'demos.step': '第 {n} 步，共 {total} 步',
  'demos.when': '故事中的时间：{date}',
  'demos.open': '查看这一步生成的内容',
  'demos.finished': '故事到此结束。每次播放都会生成自己的记录，可以再播放一次。',
  'demos.chat': '聊天中也可以播放这些演示：输入 /demo。',
};
