// npm run bench — measures, does not assert: a survey card to each of 5,000 people on Slack, Feishu and
// DingTalk, through the real outbox worker and each platform's real adapter, against its local emulator
// with the platform's documented rate limits switched on, and a burst of 429s injected mid-way (the
// emulator refuses every send for WINDOW_MS when the 2,500th goes out). Every rate — ours and the
// emulator's — is multiplied by SCALE (Slack, Feishu) so the run takes seconds instead of minutes; the ratio
// is what matters: time to reach everyone ÷ the least time the emulator's limits allow (the refused window
// included). DingTalk runs unscaled: batchSend carries 20 people a call, so 5,000 people are 250 calls, 13 s
// at its real 20 calls/s. Duplicates are counted per recipient at the emulator.
import { pino } from 'pino';
import { createAdapter as createDingTalk } from '../adapters/dingtalk/index.js';
import { createAdapter as createFeishu } from '../adapters/feishu/index.js';
import { createAdapter as createSlack } from '../adapters/slack/index.js';
import type { PlatformAdapter } from '../src/bot/port.js';
import { loadConfig } from '../src/config.js';
import { startDingTalkEmulator } from '../tests/emulators/dingtalk/index.js';
import { startFeishuEmulator } from '../tests/emulators/feishu/open-api.js';
import type { EmulatedRateLimits, EmuRate } from '../tests/emulators/rate-limits.js';
import { EMU_BOT_ID, EMU_BOT_USER_ID, startSlackEmulator } from '../tests/emulators/slack/index.js';
import { postedChannel } from '../tests/emulators/slack/web-api.js';
import { fanOut, scaleLimits, scaleRate, tally, withLimits } from '../tests/platform/delivery-kit.js';

const N = Number(process.env.BENCH_PEOPLE ?? 5000);
const SCALE = Number(process.env.BENCH_SCALE ?? 10);
const WINDOW_MS = 1000;
const logger = pino({ level: 'silent' });

/** Slack publishes no workspace-wide cap: the emulator enforces the same number as our setting. */
const SLACK_CAP = 20;
const LIMITS = {
  slack: { workspace: { ratePerSecond: SLACK_CAP, burst: SLACK_CAP }, perChannel: { ratePerSecond: 1, burst: 3 } },
  feishu: { app: { ratePerSecond: 1000 / 60, burst: 50 }, perReceiver: { ratePerSecond: 5, burst: 5 } },
  dingtalk: { perApi: { ratePerSecond: 20, burst: 20 } },
};

/** N sends, one per person, through a bucket (rate, burst): the first `burst` at once, then one per 1/rate. */
const leastMs = (calls: number, b: EmuRate) => (Math.max(0, calls - b.burst) / b.ratePerSecond) * 1000 + WINDOW_MS;

interface Row {
  platform: string;
  ms: number;
  leastMs: number;
  sent: number;
  duplicates: number;
  missing: number;
  dead: number;
  refusedWindow: number;
  refusedLimits: number;
}

interface Run {
  platform: string;
  adapter: PlatformAdapter;
  limits: EmulatedRateLimits;
  /** The emulator's bucket that bounds the run, and how many calls reaching everyone takes. */
  binding: EmuRate;
  calls: number;
  scale: number;
  people: string[];
  delivered: () => string[];
  deliveredAs?: (p: string) => string;
}

async function run({
  platform,
  adapter,
  limits,
  binding,
  calls,
  scale,
  people,
  delivered,
  deliveredAs = (p) => p,
}: Run): Promise<Row> {
  // Slack's rates are scaled through the setting; its calls in flight like the others'.
  const scaled =
    platform === 'Slack'
      ? { ...adapter.limits, concurrency: (adapter.limits.concurrency ?? 1) * scale }
      : scaleLimits(adapter.limits, scale);
  const paced = withLimits(adapter, scaled, (n) => n === Math.floor(N / 2) && limits.closeFor(WINDOW_MS));
  const { rows, ms } = await fanOut(paced, people, { timeoutMs: 30 * 60_000 });
  const t = tally(delivered(), people.map(deliveredAs));
  const refused = limits.refusedTotal();
  const closed = limits.refused.get('closed') ?? 0;
  if (process.env.BENCH_DEBUG) console.log(platform, Object.fromEntries(limits.refused), { admitted: limits.admitted });
  return {
    platform,
    ms,
    leastMs: leastMs(calls, binding),
    sent: rows.filter((r) => r.status === 'sent').length,
    duplicates: t.duplicates,
    missing: t.missing.length,
    dead: rows.filter((r) => r.status === 'dead').length,
    refusedWindow: closed,
    refusedLimits: refused - closed,
  };
}

const results: Row[] = [];
/** BENCH_ONLY=slack,feishu runs only those. */
const only = (p: string) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(',').includes(p);

if (only('slack')) {
  const emu = await startSlackEmulator({ botToken: 'xoxb-bench' });
  const people = Array.from({ length: N }, (_, i) => `UB${String(i).padStart(5, '0')}`);
  for (const id of people) emu.addUser({ id, email: `${id.toLowerCase()}@bench.example`, name: id });
  const rules = {
    workspace: scaleRate(LIMITS.slack.workspace, SCALE),
    perChannel: scaleRate(LIMITS.slack.perChannel, SCALE),
  };
  const limits = emu.enforceRateLimits(rules);
  // The workspace cap is a setting: the scaled number goes in as SLACK_RATE_PER_SECOND.
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench-secret',
    SLACK_API_URL: emu.url,
    SLACK_BOT_ID: EMU_BOT_ID,
    SLACK_BOT_USER_ID: EMU_BOT_USER_ID,
    SLACK_RATE_PER_SECOND: String(SLACK_CAP * SCALE),
  });
  const adapter = createSlack({ config, logger });
  const posted = () =>
    emu
      .callsTo('chat.postMessage')
      .filter((c) => c.status === 200)
      .map((c) => postedChannel(c));
  results.push(
    await run({
      platform: 'Slack',
      adapter,
      limits,
      binding: rules.workspace,
      calls: N,
      scale: SCALE,
      people,
      delivered: posted,
      deliveredAs: (p) => `D${p}`,
    }),
  );
  await emu.close();
}
if (only('feishu')) {
  const emu = await startFeishuEmulator();
  const people = Array.from({ length: N }, (_, i) => `ou_bench_${i}`);
  const rules = { app: scaleRate(LIMITS.feishu.app, SCALE), perReceiver: scaleRate(LIMITS.feishu.perReceiver, SCALE) };
  const limits = emu.enforceRateLimits(rules);
  const config = loadConfig({
    FEISHU_APP_ID: emu.appId,
    FEISHU_APP_SECRET: emu.appSecret,
    FEISHU_VERIFICATION_TOKEN: 'vt',
    FEISHU_ENCRYPT_KEY: 'ek',
    FEISHU_DOMAIN: emu.url,
  });
  const delivered = () => [...emu.messages.values()].map((m) => m.receive_id);
  results.push(
    await run({
      platform: 'Feishu',
      adapter: createFeishu({ config, logger }),
      limits,
      binding: rules.app,
      calls: N,
      scale: SCALE,
      people,
      delivered,
    }),
  );
  await emu.close();
}
if (only('dingtalk')) {
  const emu = await startDingTalkEmulator();
  const people = Array.from({ length: N }, (_, i) => `bench${i}`);
  const rules = LIMITS.dingtalk;
  const limits = emu.api.enforceRateLimits(rules);
  const config = loadConfig({
    DINGTALK_CLIENT_ID: emu.clientId,
    DINGTALK_CLIENT_SECRET: emu.clientSecret,
    DINGTALK_ROBOT_CODE: emu.clientId,
    DINGTALK_API_URL: emu.url,
    DINGTALK_OAPI_URL: emu.url,
    DINGTALK_GATEWAY_URL: emu.gatewayUrl,
  });
  const delivered = () => emu.api.robotMessages.filter((m) => m.kind === 'user').flatMap((m) => m.to);
  const adapter = createDingTalk({ config, logger });
  const calls = Math.ceil(N / (adapter.limits.maxBatch ?? 1));
  results.push(
    await run({ platform: 'DingTalk', adapter, limits, binding: rules.perApi, calls, scale: 1, people, delivered }),
  );
  await emu.close();
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const cols: [string, (r: Row) => string][] = [
  ['', (r) => r.platform],
  ['reached', (r) => `${r.sent}/${N}`],
  ['time', (r) => fmt(r.ms)],
  ['least the limits allow', (r) => fmt(r.leastMs)],
  ['ratio', (r) => `${(r.ms / r.leastMs).toFixed(2)}×`],
  ['duplicates', (r) => String(r.duplicates)],
  ['missing', (r) => String(r.missing)],
  ['dead letters', (r) => String(r.dead)],
  ['429s in the window', (r) => String(r.refusedWindow)],
  ['refused by the limits', (r) => String(r.refusedLimits)],
];
console.log(
  `\nDelivery of a survey to ${N} people (Slack and Feishu: every rate ×${SCALE}, ours and the emulator's; DingTalk at its real rate), 429s for ${WINDOW_MS} ms mid-way\n`,
);
console.log(`| ${cols.map(([h]) => h).join(' | ')} |`);
console.log(`|${cols.map(() => '---').join('|')}|`);
for (const r of results) console.log(`| ${cols.map(([, f]) => f(r)).join(' | ')} |`);
process.exit(0);
