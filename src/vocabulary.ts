// The words every layer shares — the platforms we speak to and the languages we speak — defined below the
// domain, the cards, i18n and the bot, so none of them points up at the bot port to name them.
export type Platform = 'slack' | 'feishu' | 'dingtalk' | 'sandbox';
export const PLATFORMS: readonly Platform[] = ['slack', 'feishu', 'dingtalk', 'sandbox'];
export type Locale = 'zh-CN' | 'en';
