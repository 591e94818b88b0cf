// pulse-admin 页面的中文文案（并入 ../zh-CN.ts）。键与 pulse-admin.en.ts 相同。
import type { pulseAdminEn } from './pulse-admin.en.js';

export const pulseAdminZhCN: Record<keyof typeof pulseAdminEn, string> = {
  'x.pulse-admin.placeholder': '—',
};
