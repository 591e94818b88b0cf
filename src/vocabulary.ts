// The words every layer shares — the platforms we speak to, the languages we speak and the roles people
// hold — defined below the domain, the cards, i18n, the bot and the schema, so none of them points up to name them.
export type Platform = 'slack' | 'feishu' | 'dingtalk' | 'sandbox';
export const PLATFORMS: readonly Platform[] = ['slack', 'feishu', 'dingtalk', 'sandbox'];
export type Locale = 'zh-CN' | 'en';
/** What a person may do besides being an employee; stored in employee_roles. */
export const ROLES = ['employee', 'manager', 'hr', 'admin'] as const;
export type Role = (typeof ROLES)[number];
