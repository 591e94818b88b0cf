// "Open in app" links: cards link to the mini-app with plain https URLs (PUBLIC_BASE_URL/app/...); on
// Feishu and DingTalk such a link should open the page inside the client, where the H5 app signs the user
// in silently. The core rewrites them per platform as messages are written.
import type { CardView } from '../../cards/view.js';
import type { Config } from '../config.js';
import type { Platform } from './port.js';

export function appUrl(config: Config, path: string): string {
  return `${config.publicBaseUrl}/app${path.startsWith('/') ? path : `/${path}`}`;
}

/** The link for one platform. Feishu: AppLink "open a web app" with the page's path (open.feishu.cn
 *  AppLink protocol, client/web_app/open); DingTalk: the client's "open in the workbench webview" scheme
 *  (dingtalk://dingtalkclient/page/link). Other platforms and non-app URLs stay as they are. */
export function platformLink(config: Config, platform: Platform, url: string): string {
  const base = `${config.publicBaseUrl}/app`;
  if (!url.startsWith(base)) return url;
  if (platform === 'feishu' && config.feishu) {
    const u = new URL(url);
    const host = /larksuite/.test(config.feishu.domain) ? 'applink.larksuite.com' : 'applink.feishu.cn';
    // `path` may not carry a query; lk_target_url does (Feishu 5.12+).
    const q = u.search ? `&lk_target_url=${encodeURIComponent(url)}` : '';
    return `https://${host}/client/web_app/open?appId=${encodeURIComponent(config.feishu.appId)}&mode=appCenter&path=${encodeURIComponent(u.pathname)}${q}`;
  }
  if (platform === 'dingtalk')
    return `dingtalk://dingtalkclient/page/link?url=${encodeURIComponent(url)}&pc_slide=true`;
  return url;
}

/** A copy of the card with every link button but the secret ones rewritten for the platform. */
export function withPlatformLinks(config: Config, platform: Platform, card: CardView): CardView {
  if (platform === 'slack' || platform === 'sandbox') return card;
  return {
    ...card,
    blocks: card.blocks.map((b) =>
      b.type === 'actions'
        ? {
            ...b,
            // A secret link stays a plain https URL: its key is in the fragment, which only the client reads;
            // an AppLink would carry it in a query to the platform's server (cards/secret-links.ts).
            buttons: b.buttons.map((btn) =>
              btn.url && !btn.secret ? { ...btn, url: platformLink(config, platform, btn.url) } : btn,
            ),
          }
        : b,
    ),
  };
}
