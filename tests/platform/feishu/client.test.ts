// The Feishu client and adapter outbound paths with the real SDK against the local Open API emulator.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeishuClient } from '../../../adapters/feishu/client.js';
import { feishuDirectory } from '../../../adapters/feishu/directory.js';
import { createAdapter } from '../../../adapters/feishu/index.js';
import { card } from '../../../cards/view.js';
import { DeliveryError } from '../../../src/bot/port.js';
import { loadConfig } from '../../../src/config.js';
import { type FeishuEmulator, startFeishuEmulator } from '../../emulators/feishu/open-api.js';
import { feishuEnv } from '../../support/platform-harness.js';

const logger = pino({ level: 'silent' });
let emu: FeishuEmulator;

beforeAll(async () => {
  emu = await startFeishuEmulator();
});
afterAll(async () => {
  await emu.close();
});

function adapter() {
  const config = loadConfig(feishuEnv(emu));
  return createAdapter({ config, logger });
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('feishu outbound vs emulator', () => {
  it('sends a card by open_id with the uuid; the same uuid twice yields one message', async () => {
    const a = adapter();
    const view = card({ header: { title: 'Hi', tone: 'success' }, blocks: [{ type: 'text', markdown: 'hello' }] });
    const ref1 = await a.send(
      { kind: 'user', platformUserId: 'ou_x' },
      { kind: 'card', card: view },
      { idempotencyKey: 'ob-1' },
    );
    const ref2 = await a.send(
      { kind: 'user', platformUserId: 'ou_x' },
      { kind: 'card', card: view },
      { idempotencyKey: 'ob-1' },
    );
    expect(ref2).toEqual(ref1);
    const sent = emu.callsTo('/im/v1/messages').filter((c) => c.method === 'POST');
    expect(sent).toHaveLength(2);
    expect(sent[0]!.query).toEqual({ receive_id_type: 'open_id' });
    expect(sent[0]!.auth).toMatch(/^Bearer t-/);
    const msgs = [...emu.messages.values()].filter((m) => m.uuid === 'ob-1');
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.msg_type).toBe('interactive');
    expect(JSON.parse(msgs[0]!.content)).toMatchObject({ schema: '2.0', header: { template: 'green' } });

    await a.update(ref1, { kind: 'card', card: card({ blocks: [{ type: 'text', markdown: 'updated' }] }) });
    expect(JSON.parse(emu.messages.get(ref1.messageId)!.patches[0]!)).toMatchObject({
      body: { elements: [{ tag: 'markdown', content: 'updated' }] },
    });
  });

  it('sends text to a chat by chat_id', async () => {
    const a = adapter();
    const ref = await a.send(
      { kind: 'chat', chatId: 'oc_team' },
      { kind: 'text', text: '你好' },
      { idempotencyKey: 'ob-2' },
    );
    expect(ref.chatId).toBe('oc_team');
    const m = emu.messages.get(ref.messageId)!;
    expect(m).toMatchObject({
      receive_id_type: 'chat_id',
      receive_id: 'oc_team',
      msg_type: 'text',
      content: '{"text":"你好"}',
    });
  });

  it('429 / 99991400 -> rate_limited with x-ogw-ratelimit-reset; bad params -> permanent; 5xx -> transient', async () => {
    const a = adapter();
    const to = { kind: 'user' as const, platformUserId: 'ou_x' };
    const msg = { kind: 'text' as const, text: 'x' };
    emu.rateLimitNext(/\/im\/v1\/messages$/, 1, 3);
    const e1 = await caught(a.send(to, msg, { idempotencyKey: 'ob-3' }));
    expect(e1).toBeInstanceOf(DeliveryError);
    expect(e1).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });

    emu.failNext(/\/im\/v1\/messages$/, 400, 230001, 'invalid request parameter');
    expect(await caught(a.send(to, msg, { idempotencyKey: 'ob-4' }))).toMatchObject({ kind: 'permanent' });

    emu.failNext(/\/im\/v1\/messages$/, 200, 230020, 'This operation triggers the frequency limit.');
    expect(await caught(a.send(to, msg, { idempotencyKey: 'ob-5' }))).toMatchObject({ kind: 'rate_limited' });

    emu.failNext(/\/im\/v1\/messages$/, 503, 1500, 'service unavailable');
    expect(await caught(a.send(to, msg, { idempotencyKey: 'ob-6' }))).toMatchObject({ kind: 'transient' });

    // Patching a message that does not exist never succeeds.
    expect(
      await caught(a.update({ messageId: 'om_gone' }, { kind: 'card', card: card({ blocks: [] }) })),
    ).toMatchObject({ kind: 'permanent' });
  });

  it('a wrong app secret fails the token fetch and the send is not delivered', async () => {
    const config = loadConfig({
      FEISHU_APP_ID: emu.appId,
      FEISHU_APP_SECRET: 'wrong',
      FEISHU_VERIFICATION_TOKEN: 'vt',
      FEISHU_ENCRYPT_KEY: 'ek',
      FEISHU_DOMAIN: emu.url,
    });
    const a = createAdapter({ config, logger });
    const before = emu.messages.size;
    const e = await caught(
      a.send({ kind: 'user', platformUserId: 'ou_x' }, { kind: 'text', text: 'x' }, { idempotencyKey: 'ob-7' }),
    );
    expect(e).toBeInstanceOf(DeliveryError);
    expect(emu.messages.size).toBe(before);
  });

  it('fetches the directory with paging: tree, leaders, managers, emails; resigned users inactive or absent', async () => {
    emu.maxPageSize = 2;
    emu.departments.push(
      { open_department_id: 'od-eng', name: 'Engineering', parent_department_id: '0', leader_user_id: 'ou_boss' },
      { open_department_id: 'od-web', name: 'Web', parent_department_id: 'od-eng', leader_user_id: 'ou_lead' },
      { open_department_id: 'od-ops', name: 'Ops', parent_department_id: 'od-eng' },
    );
    emu.users.push(
      { open_id: 'ou_boss', name: 'Boss', email: 'Boss@Example.com', department_ids: ['od-eng'] },
      {
        open_id: 'ou_lead',
        name: 'Lead',
        email: 'lead@example.com',
        department_ids: ['od-web'],
        leader_user_id: 'ou_boss',
      },
      {
        open_id: 'ou_dev1',
        name: 'Dev1',
        email: 'dev1@example.com',
        department_ids: ['od-web', 'od-ops'],
        leader_user_id: 'ou_lead',
        time_zone: 'Europe/London',
      },
      {
        open_id: 'ou_dev2',
        name: 'Dev2',
        email: 'dev2@example.com',
        department_ids: ['od-web'],
        leader_user_id: 'ou_lead',
      },
      {
        open_id: 'ou_gone',
        name: 'Gone',
        email: 'gone@example.com',
        department_ids: ['od-web'],
        status: { is_resigned: true },
      },
      { open_id: 'ou_ceo', name: 'CEO', department_ids: ['0'] },
    );
    const client = new FeishuClient({ appId: emu.appId, appSecret: emu.appSecret, domain: emu.url, logger });
    const snap = await feishuDirectory(client).fetchSnapshot();
    expect(snap.units).toEqual([
      { externalId: 'od-eng', name: 'Engineering', leaderExternalUserId: 'ou_boss' },
      { externalId: 'od-web', name: 'Web', parentExternalId: 'od-eng', leaderExternalUserId: 'ou_lead' },
      { externalId: 'od-ops', name: 'Ops', parentExternalId: 'od-eng' },
    ]);
    const byId = new Map(snap.users.map((u) => [u.externalUserId, u]));
    expect(byId.get('ou_boss')).toEqual({
      externalUserId: 'ou_boss',
      name: 'Boss',
      email: 'boss@example.com',
      unitExternalIds: ['od-eng'],
      active: true,
    });
    expect(byId.get('ou_dev1')).toEqual({
      externalUserId: 'ou_dev1',
      name: 'Dev1',
      email: 'dev1@example.com',
      unitExternalIds: ['od-web', 'od-ops'],
      managerExternalUserId: 'ou_lead',
      active: true,
      timezone: 'Europe/London',
    });
    expect(byId.get('ou_ceo')).toMatchObject({ unitExternalIds: [], active: true });
    expect(byId.has('ou_gone')).toBe(false);
    expect(snap.users).toHaveLength(5);
    // Paging really happened: page_token was sent for the Web department (3 members, 2 per page).
    const webCalls = emu
      .callsTo('/contact/v3/users/find_by_department')
      .filter((c) => c.query['department_id'] === 'od-web');
    expect(webCalls.map((c) => c.query['page_token'] ?? null)).toEqual([null, '2']);
    const deptCalls = emu.callsTo('/contact/v3/departments/0/children');
    expect(deptCalls.length).toBe(2);
    expect(deptCalls[0]!.query).toMatchObject({
      fetch_child: 'true',
      department_id_type: 'open_department_id',
      user_id_type: 'open_id',
    });
    emu.maxPageSize = 50;
  });

  it('exchanges an H5 auth code for the identity (v2 oauth token, then v1 user_info); a bad code fails', async () => {
    emu.users.push({ open_id: 'ou_h5', name: '小林', email: 'xiaolin@example.com', department_ids: [] });
    emu.authCodes.set('code-1', 'ou_h5');
    const a = adapter();
    await expect(a.exchangeAuthCode!('code-1')).resolves.toEqual({
      platformUserId: 'ou_h5',
      email: 'xiaolin@example.com',
      displayName: '小林',
    });
    const tokenCall = emu.callsTo('/authen/v2/oauth/token').at(-1)!;
    expect(tokenCall.body).toEqual({
      grant_type: 'authorization_code',
      client_id: emu.appId,
      client_secret: emu.appSecret,
      code: 'code-1',
    });
    await expect(a.exchangeAuthCode!('code-1')).rejects.toThrow(/20003|authorization code/);
  });

  it('lookupProfile: contact users.get by open_id', async () => {
    emu.users.push({ open_id: 'ou_p', name: 'Pat', email: 'Pat@Example.com', department_ids: [] });
    const client = new FeishuClient({ appId: emu.appId, appSecret: emu.appSecret, domain: emu.url, logger });
    await expect(client.getUser('ou_p')).resolves.toMatchObject({ open_id: 'ou_p', email: 'Pat@Example.com' });
    await expect(client.getUser('ou_nobody')).rejects.toThrow(/41050/);
  });
});
