// The DingTalk adapter: Stream Mode in (robot messages and card callbacks over dingtalk-stream's DWClient,
// no public URL needed), OpenAPI out (robot messages, card-template instances), the org directory and the
// H5 micro-app login. See README.md for the capability table and the card template contract.
import type { AdapterFactory, PlatformAdapter } from '../../src/bot/port.js';
import { DingTalkApi } from './api-client.js';
import { dingtalkAttendance } from './attendance.js';
import { DingTalkDirectory, type UserRecord } from './directory.js';
import { findDingTalkUsers } from './find-users.js';
import { Admission } from '../../src/bot/admission.js';
import { RecentWalk } from '../../src/bot/recent-walk.js';
import { createFrameHandler } from './inbound.js';
import { DINGTALK_RATE } from './limits.js';
import { TOPIC_CARD, TOPIC_ROBOT } from './normalize.js';
import { DingTalkOutbound } from './outbound.js';
import { stepCodec } from './step-seal.js';
import { VitalityStreamClient } from './stream-client.js';

export const createAdapter: AdapterFactory = ({ config, logger }) => {
  const dt = config.dingtalk;
  if (!dt) throw new Error('dingtalk adapter: DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET are not set');
  const log = logger.child({ platform: 'dingtalk' });
  const api = new DingTalkApi({
    apiUrl: dt.apiUrl,
    oapiUrl: dt.oapiUrl,
    appKey: dt.clientId,
    appSecret: dt.clientSecret,
  });
  // Production always has SURVEY_SEAL_SECRET (config.ts); the client secret, which DingTalk also knows, only
  // stands in for it in development.
  const step = stepCodec(config.survey.sealSecret ?? dt.clientSecret);
  const outbound = new DingTalkOutbound(api, {
    robotCode: dt.robotCode,
    cardTemplateId: dt.cardTemplateId,
    appUrl: `${config.publicBaseUrl}/app`,
    step,
  });
  const directory = new DingTalkDirectory(api, { timeZone: config.defaultTimezone });
  const recentWalk = new RecentWalk<UserRecord[]>();
  let client: VitalityStreamClient | undefined;

  const adapter: PlatformAdapter = {
    platform: 'dingtalk',
    limits: DINGTALK_RATE,

    async start(core) {
      const c = new VitalityStreamClient({
        clientId: dt.clientId,
        clientSecret: dt.clientSecret,
        gatewayUrl: dt.gatewayUrl,
        logger: log,
      });
      const handle = createFrameHandler({
        core,
        logger: log,
        admission: new Admission({ limit: config.inbound.concurrency, maxWaitMs: config.inbound.maxWaitMs }),
        ack: (messageId) => c.socketCallBackResponse(messageId, {}),
        update: (ref, msg, step) => outbound.update(ref, msg, step),
        send: (to, msg, key) => outbound.sendNow(to, msg, key),
        lookupProfile: (userId) => () => directory.profile(userId),
        step,
        // sessionWebhook text body: {"msgtype":"text","text":{"content":…}}
        replyInSession: (url, text) => api.session(url, { msgtype: 'text', text: { content: text } }),
      });
      const listener = (frame: Parameters<typeof handle>[0]) => void handle(frame);
      c.registerCallbackListener(TOPIC_ROBOT, listener);
      c.registerCallbackListener(TOPIC_CARD, listener);
      client = c;
      // connect() never rejects: it retries the gateway forever, so start() does not block server start-up
      // on DingTalk; health() reports the state meanwhile.
      await c.connect();
    },

    async stop() {
      client?.stop();
      client = undefined;
    },

    send: (to, msg, opts) => outbound.send(to, msg, opts),
    sendBatch: (to, msg) => outbound.sendBatch(to, msg),
    canBatch: (msg) => outbound.canBatch(msg),
    update: (ref, msg) => outbound.update(ref, msg),
    directory: { fetchSnapshot: () => directory.fetchSnapshot() },
    attendance: dingtalkAttendance(api, { timeZone: config.defaultTimezone }),
    findUsers: (people) => findDingTalkUsers(directory, people, {}, recentWalk),
    exchangeAuthCode: (code) => directory.exchangeAuthCode(code),
    health: () => client?.health() ?? { ok: false, detail: 'not started' },
  };
  return adapter;
};
