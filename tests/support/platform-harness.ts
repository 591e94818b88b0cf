// The real server wired to a platform's local emulator: the settings that point each adapter at its emulator,
// and the start/stop of the emulator (and of the pair) around a file's (or a describe block's) tests.
import { afterAll, beforeAll } from 'vitest';
import type { DingTalkEmulator } from '../emulators/dingtalk/index.js';
import type { FeishuEmulator } from '../emulators/feishu/open-api.js';
import { EMU_BOT_ID, EMU_BOT_USER_ID, type SlackEmulator } from '../emulators/slack/index.js';
import { startHarness, type Harness } from './harness.js';

/** Feishu's adapter against the emulator, with a verification token and an Encrypt Key (webhook mode). */
export const feishuEnv = (emu: FeishuEmulator, verificationToken = 'vt'): Record<string, string> => ({
  FEISHU_APP_ID: emu.appId,
  FEISHU_APP_SECRET: emu.appSecret,
  FEISHU_VERIFICATION_TOKEN: verificationToken,
  FEISHU_ENCRYPT_KEY: 'ek',
  FEISHU_DOMAIN: emu.url,
});

/** DingTalk's adapter against the emulator (OpenAPI, oapi and the stream gateway). */
export const dingTalkEnv = (emu: DingTalkEmulator): Record<string, string> => ({
  DINGTALK_CLIENT_ID: emu.clientId,
  DINGTALK_CLIENT_SECRET: emu.clientSecret,
  DINGTALK_API_URL: emu.url,
  DINGTALK_OAPI_URL: emu.url,
  DINGTALK_GATEWAY_URL: emu.gatewayUrl,
});

/** Slack's adapter against the Web API emulator, as the emulator's bot, with the given bot token and
 *  signing secret. */
export const slackEnv = (emu: SlackEmulator, botToken: string, signingSecret: string): Record<string, string> => ({
  SLACK_BOT_TOKEN: botToken,
  SLACK_SIGNING_SECRET: signingSecret,
  SLACK_API_URL: emu.url,
  SLACK_BOT_ID: EMU_BOT_ID,
  SLACK_BOT_USER_ID: EMU_BOT_USER_ID,
});

/** A platform emulator alone, for the tests of a file: started before the first (`started` hands it to the
 *  file's variable), closed after the last. */
export function useEmulator<E extends { close(): Promise<void> }>(
  startEmulator: () => Promise<E>,
  started: (emu: E) => unknown,
): void {
  let emu: E | undefined;
  beforeAll(async () => {
    emu = await startEmulator();
    started(emu);
  });
  afterAll(async () => emu?.close());
}

export interface EmulatorAndHarness<E> {
  emu: E;
  h: Harness;
}

/** Before the first test: the emulator, then the server with `env(emu)`; `started` hands both to the test's
 *  variables (and may prepare more). After the last test: the server, then the emulator, stop. */
export function useEmulatorAndHarness<E extends { close(): Promise<void> }>(
  startEmulator: () => Promise<E>,
  env: (emu: E) => Record<string, string>,
  started: (s: EmulatorAndHarness<E>) => unknown,
): void {
  let emu: E | undefined;
  let h: Harness | undefined;
  beforeAll(async () => {
    emu = await startEmulator();
    h = await startHarness({ env: env(emu) });
    await started({ emu, h });
  });
  afterAll(async () => {
    await h?.stop();
    await emu?.close();
  });
}

/** A Feishu department under the root with its leader and one member who reports to the leader, added to the
 *  emulator's directory (for a directory sync to bring in). */
export function addFeishuDepartment(
  emu: FeishuEmulator,
  department: { id: string; name: string },
  leader: { openId: string; name: string; email: string },
  member: { openId: string; name: string; email: string },
): void {
  emu.departments.push({
    open_department_id: department.id,
    name: department.name,
    parent_department_id: '0',
    leader_user_id: leader.openId,
  });
  emu.users.push(
    { open_id: leader.openId, name: leader.name, email: leader.email, department_ids: [department.id] },
    {
      open_id: member.openId,
      name: member.name,
      email: member.email,
      department_ids: [department.id],
      leader_user_id: leader.openId,
    },
  );
}
