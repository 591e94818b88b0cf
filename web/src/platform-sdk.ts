// Inside Feishu and DingTalk the page gets a one-time auth code from the client's JS API; the server
// exchanges it for the person. The SDKs are loaded only inside those clients (by user agent).
// Feishu: https://open.feishu.cn/document/client-docs/h5/ — tt.requestAuthCode({ appId, success, fail })
// DingTalk: https://open.dingtalk.com/document/orgapp/jsapi-request-auth-code — dd.runtime.permission.requestAuthCode({ corpId, onSuccess, onFail })
const FEISHU_SDK = 'https://lf1-cdn-tos.bytegoofy.com/goofy/lark/op/h5-js-sdk-1.5.30.js';
const DINGTALK_SDK = 'https://g.alicdn.com/dingding/dingtalk-jsapi/3.0.25/dingtalk.open.js';

interface FeishuTt {
  requestAuthCode(o: { appId: string; success(r: { code: string }): void; fail(e: unknown): void }): void;
}
interface DingTalkDd {
  runtime: {
    permission: {
      requestAuthCode(o: { corpId: string; onSuccess(r: { code: string }): void; onFail(e: unknown): void }): void;
    };
  };
}
declare global {
  interface Window {
    tt?: FeishuTt;
    dd?: DingTalkDd;
  }
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(s);
  });
}

export type ClientPlatform = 'feishu' | 'dingtalk' | undefined;

/** Which chat client hosts the page: its JS API already present, or its user agent. */
export function detectClient(): ClientPlatform {
  if (window.tt?.requestAuthCode) return 'feishu';
  if (window.dd?.runtime?.permission?.requestAuthCode) return 'dingtalk';
  const ua = navigator.userAgent;
  if (/Lark|Feishu/i.test(ua)) return 'feishu';
  if (/DingTalk/i.test(ua)) return 'dingtalk';
  return undefined;
}

export async function feishuCode(appId: string): Promise<string> {
  if (!window.tt?.requestAuthCode) await loadScript(FEISHU_SDK);
  const tt = window.tt;
  if (!tt) throw new Error('Feishu JS API unavailable');
  return new Promise((resolve, reject) => tt.requestAuthCode({ appId, success: (r) => resolve(r.code), fail: reject }));
}

/** DingTalk needs the company's corpId: the app's homepage URL carries it (…/app/?corpId=$CORPID$). */
export async function dingtalkCode(corpId: string): Promise<string> {
  if (!window.dd?.runtime?.permission?.requestAuthCode) await loadScript(DINGTALK_SDK);
  const dd = window.dd;
  if (!dd) throw new Error('DingTalk JS API unavailable');
  return new Promise((resolve, reject) =>
    dd.runtime.permission.requestAuthCode({ corpId, onSuccess: (r) => resolve(r.code), onFail: reject }),
  );
}
