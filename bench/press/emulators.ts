// The press bench's platform emulators, in a process of their own (their work is not the server's): the Slack
// Web API emulator the real server calls (chat.update, views.open, users.info…), and with `all` the Feishu and
// DingTalk emulators too (the memory run turns every adapter on). Answers the orchestrator over IPC: users to
// add, card messages to place in DMs, and how many calls of a method succeeded. The emulator's call log is
// counted and then dropped every second, so a ten-minute run does not grow this process without bound.
import { startDingTalkEmulator } from '../../tests/emulators/dingtalk/index.js';
import { startFeishuEmulator } from '../../tests/emulators/feishu/open-api.js';
import { EMU_BOT_ID, EMU_BOT_USER_ID, startSlackEmulator } from '../../tests/emulators/slack/index.js';
import { t } from '../../src/i18n/index.js';
import { fromEmulators, toEmulators, type FromEmulators } from './protocol.js';

const SECRET = process.env.BENCH_SLACK_SECRET ?? 'press-bench-secret';
const TOKEN = 'xoxb-press-bench';
const send = (m: FromEmulators) => process.send!(fromEmulators.parse(m));

const slack = await startSlackEmulator({ botToken: TOKEN });
const all = process.argv.includes('all');
const feishu = all ? await startFeishuEmulator() : undefined;
const dingtalk = all ? await startDingTalkEmulator() : undefined;

// What the server said to a presser through the press's response_url: in these scenarios only a refusal — "busy"
// (no place among the presses being worked on, src/bot/admission.ts) or "failed" (the core failed after the ack).
const said = (key: 'error.busy' | 'error.internal') => new Set([t('en', key), t('zh-CN', key)]);
const BUSY = said('error.busy');
const FAILED = said('error.internal');
const responseKind = (text: unknown): string =>
  BUSY.has(String(text)) ? 'refused:busy' : FAILED.has(String(text)) ? 'refused:failed' : 'response_url';

const counts = new Map<string, { ok: number; failed: number }>();
function drain(): void {
  const calls = slack.calls.splice(0);
  for (const c of calls) {
    const method = c.method === 'response_url' ? responseKind(c.args.text) : c.method;
    const n = counts.get(method) ?? { ok: 0, failed: 0 };
    if (c.response?.ok === true || c.method === 'response_url') n.ok++;
    else n.failed++;
    counts.set(method, n);
  }
  feishu?.calls.splice(0);
  dingtalk?.calls.splice(0);
}
setInterval(drain, 1000).unref();

process.on('message', (raw) => {
  const m = toEmulators.parse(raw);
  switch (m.type) {
    case 'users':
      for (const u of m.users) slack.addUser({ id: u.id, email: u.email, name: u.id, locale: 'en-US' });
      return send({ type: 'ok' });
    case 'messages':
      return send({ type: 'messages', ts: m.channels.map((c) => slack.addMessage(c, m.text, m.blocks)) });
    case 'count': {
      drain();
      const n = counts.get(m.method) ?? { ok: 0, failed: 0 };
      return send({ type: 'count', n: n.ok, failed: n.failed });
    }
    case 'exit':
      void Promise.all([slack.close(), feishu?.close(), dingtalk?.close()]).finally(() => process.exit(0));
  }
});
send({
  type: 'ready',
  // As tests/support/platform-harness.ts's slackEnv/feishuEnv/dingTalkEnv (not imported: it needs vitest).
  env: {
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.url,
    SLACK_BOT_ID: EMU_BOT_ID,
    SLACK_BOT_USER_ID: EMU_BOT_USER_ID,
    ...(feishu
      ? {
          FEISHU_APP_ID: feishu.appId,
          FEISHU_APP_SECRET: feishu.appSecret,
          FEISHU_VERIFICATION_TOKEN: 'vt',
          FEISHU_ENCRYPT_KEY: 'ek',
          FEISHU_DOMAIN: feishu.url,
        }
      : {}),
    ...(dingtalk
      ? {
          DINGTALK_CLIENT_ID: dingtalk.clientId,
          DINGTALK_CLIENT_SECRET: dingtalk.clientSecret,
          DINGTALK_API_URL: dingtalk.url,
          DINGTALK_OAPI_URL: dingtalk.url,
          DINGTALK_GATEWAY_URL: dingtalk.gatewayUrl,
        }
      : {}),
  },
  slackBase: slack.baseUrl,
});
