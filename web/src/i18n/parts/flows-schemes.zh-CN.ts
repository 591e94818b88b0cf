// flows-schemes 页面的中文文案（并入 ../zh-CN.ts）。键与 flows-schemes.en.ts 相同。
import type { flowsSchemesEn } from './flows-schemes.en.js';

export const flowsSchemesZhCN: Record<keyof typeof flowsSchemesEn, string> = {
  'x.flows-schemes.placeholder': '—',
};
