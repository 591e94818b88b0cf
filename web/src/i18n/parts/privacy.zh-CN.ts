// 个人数据导出页面的中文文案（并入 ../zh-CN.ts）。键与 privacy.en.ts 相同。
import type { privacyEn } from './privacy.en.js';

export const privacyZhCN: Record<keyof typeof privacyEn, string> = {
  'nav.privacy': '个人数据',
  'privacy.intro':
    '导出元气保存的某个人的全部数据，用于查阅或可携请求（《个人信息保护法》第四十五条、GDPR）。匿名调研回答不与任何人关联，因此不包含在内；调研参与情况包含在内。',
  'privacy.search': '查找人员（姓名或邮箱）',
  'privacy.none': '没有匹配的人。',
  'privacy.left': '已离职',
  'privacy.pick': '选择',
  'privacy.selected': '已选择：{name}',
  'privacy.export': '导出此人的数据',
  'privacy.ready': 'zip 已就绪。链接 24 小时内有效，需由你或其他 HR 下载；每次下载都会记入审计日志。',
  'privacy.download': '下载 {file}',
};
