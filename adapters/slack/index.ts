// Slack adapter factory: a Bolt App whose receiver is our fastify route (HTTP mode) or Bolt's Socket Mode
// receiver when SLACK_APP_TOKEN is set. Both feed the same listeners and normaliser.
// Named imports: Bolt is CommonJS with an `exports.default`, so a default import means different things
// under Node's ESM loader (module.exports) and under vitest (exports.default = App).
import { App, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';
import type { AdapterFactory, BotCore, PlatformAdapter } from '../../src/bot/port.js';
import { SlackClient, webClientOptions } from './client.js';
import { findSlackUsers, type Member } from './find-users.js';
import { Admission } from '../../src/bot/admission.js';
import { RecentWalk } from '../../src/bot/recent-walk.js';
import { slackRate } from './limits.js';
import { registerListeners } from './listeners.js';
import { ProfileCache } from './profiles.js';
import { FastifyReceiver } from './receiver.js';

/** Bolt's logger interface over pino. */
function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const fmt = (msg: unknown[]): string => msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...m: unknown[]) => log.debug(fmt(m)),
    info: (...m: unknown[]) => log.info(fmt(m)),
    warn: (...m: unknown[]) => log.warn(fmt(m)),
    error: (...m: unknown[]) => log.error(fmt(m)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

export const createAdapter: AdapterFactory = ({ config, logger }) => {
  const slack = config.slack;
  if (!slack) throw new Error('Slack is not configured (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET)');
  let core: BotCore | undefined;

  const clientOptions = webClientOptions(slack.apiUrl);
  const socketMode = Boolean(slack.appToken);
  let socketConnected = false;
  const httpReceiver = socketMode
    ? undefined
    : new FastifyReceiver({ signingSecret: slack.signingSecret, logger, ready: () => core !== undefined });
  const socketReceiver = slack.appToken
    ? new SocketModeReceiver({
        appToken: slack.appToken,
        logger: boltLogger(logger),
        installerOptions: { clientOptions },
      })
    : undefined;
  socketReceiver?.client.on('connected', () => {
    socketConnected = true;
  });
  socketReceiver?.client.on('disconnected', () => {
    socketConnected = false;
  });

  const app = new App({
    token: slack.botToken,
    receiver: httpReceiver ?? socketReceiver,
    // With both ids given Bolt never calls auth.test per request (PLATFORM-NOTES); without them it calls
    // it once, lazily, and caches the answer.
    ...(slack.botId ? { botId: slack.botId } : {}),
    ...(slack.botUserId ? { botUserId: slack.botUserId } : {}),
    tokenVerificationEnabled: false,
    logger: boltLogger(logger),
    clientOptions,
  });
  // A card too big for Slack links to the mini-app (its own page when it has one, cards/fit.ts).
  const client = new SlackClient(
    app.client,
    { clientId: slack.clientId, clientSecret: slack.clientSecret },
    `${config.publicBaseUrl}/app`,
  );

  const recentWalk = new RecentWalk<Member[]>();
  const profiles = new ProfileCache((userId) => client.lookupProfile(userId));
  registerListeners(app, {
    client,
    profiles,
    logger,
    core: () => core,
    admission: new Admission({ limit: config.inbound.concurrency, maxWaitMs: config.inbound.maxWaitMs }),
    ctx: {
      extraCommands: slack.extraCommands,
      lookupProfile: (userId) => () => profiles.get(userId),
    },
  });

  const adapter: PlatformAdapter = {
    platform: 'slack',
    // 1/s per channel (each DM; SLACK_RATE_PER_CHANNEL) under the workspace cap SLACK_RATE_PER_SECOND, adapted
    // to 429s (limits.ts).
    limits: slackRate(slack.ratePerSecond, slack.ratePerChannel),
    async start(bot) {
      core = bot;
      if (socketReceiver) await app.start();
    },
    async stop() {
      if (socketReceiver) await app.stop();
      core = undefined;
    },
    // Both fit the card to Slack first (client.fit): send returns the continuations for the outbox, update
    // replaces what does not fit with a note and a link to the app.
    send: (to, msg, opts) => client.send(to, msg, opts),
    update: (ref, msg) => client.update(ref, msg),
    exchangeAuthCode: (code) => client.exchangeAuthCode(code),
    findUsers: (people) => findSlackUsers(app.client, people, {}, recentWalk),
  };
  if (httpReceiver) adapter.routes = httpReceiver.routes;
  if (socketReceiver)
    adapter.health = () => (socketConnected ? { ok: true } : { ok: false, detail: 'socket mode disconnected' });
  return adapter;
};
