// PostgreSQL goes away while Slack presses arrive (issue 22's acked-work loss): Slack's commands and button presses
// are acked before the core runs, so a press the core then cannot take would be lost without a word. Here the
// presser is told, to them alone, that nothing was changed and to try again; when the database is back the same
// press is carried out. A cluster of this file's own (tests/support/postgres.ts), since it is stopped.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPostgres } from '../support/postgres.js';

const cluster = await startPostgres();
// The tables are chosen when src/db/schema.ts loads: set DATABASE_URL before the first import of src.
process.env.DATABASE_URL = cluster.url;
const { startHarness } = await import('../support/harness.js');
const { slackEnv } = await import('../support/platform-harness.js');
const { payloads, slackSender, startSlackEmulator } = await import('../emulators/slack/index.js');
const { t } = await import('../../src/i18n/index.js');

type Harness = Awaited<ReturnType<typeof startHarness>>;
type Emulator = Awaited<ReturnType<typeof startSlackEmulator>>;
const SECRET = 'signing-secret-db-lost';
const ALICE = 'UZHANGWEI';
let h: Harness;
let emu: Emulator;
let slack: ReturnType<typeof slackSender>;
let seq = 0;

beforeAll(async () => {
  emu = await startSlackEmulator({ botToken: 'xoxb-db-lost' });
  h = await startHarness({ env: slackEnv(emu, 'xoxb-db-lost', SECRET) });
  const e = (await h.employeeByEmail('zhang.wei@qingyun.example'))!;
  emu.addUser({ id: ALICE, email: e.email!, name: e.name, locale: 'en-US' });
  slack = slackSender({ serverUrl: h.url, signingSecret: SECRET });
}, 120_000);

afterAll(async () => {
  await h?.stop();
  await emu?.close();
  await cluster.stop();
});

/** A slash command; the id of its response_url, where an ephemeral answer to Alice alone would go. */
async function command(text: string): Promise<string> {
  const id = `cmd-${++seq}`;
  const res = await slack.slashCommand(
    payloads.slashCommand({ command: '/vitality', text, userId: ALICE, responseUrl: emu.responseUrl(id) }),
  );
  expect([res.status, res.text]).toEqual([200, '']);
  return id;
}
const answeredAt = (id: string) => emu.callsTo('response_url').filter((c) => c.args._id === id);
const dmsToAlice = () =>
  emu.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${ALICE}` || c.args.channel === ALICE);

describe('Slack: the database goes away after a press is acked', () => {
  it('before: a command is carried out', async () => {
    await command('help');
    h.app.worker.kick();
    await vi.waitFor(() => expect(dmsToAlice().length).toBeGreaterThan(0), { timeout: 15_000 });
  });

  it('while it is down: the acked command and button press are each answered "nothing was changed, try again"', async () => {
    await cluster.stopServer('immediate');
    const id = await command('help');
    await vi.waitFor(() => expect(answeredAt(id)).toHaveLength(1), { timeout: 15_000 });
    expect(answeredAt(id)[0]!.args).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: t('en', 'error.internal'),
    });

    const press = await slack.interaction(
      payloads.blockActions({
        userId: ALICE,
        channelId: `D${ALICE}`,
        messageTs: '1700000000.000200',
        actionId: 'a:approval.approve',
        value: JSON.stringify({ k: 'approval.approve', id: '1' }),
        responseUrl: emu.responseUrl('press-down'),
      }),
    );
    expect([press.status, press.text]).toEqual([200, '']);
    await vi.waitFor(() => expect(answeredAt('press-down')).toHaveLength(1), { timeout: 15_000 });
    expect(answeredAt('press-down')[0]!.args).toMatchObject({
      response_type: 'ephemeral',
      text: t('en', 'error.internal'),
    });
  });

  it('back again: the same command is carried out, without a restart of Vitality', async () => {
    await cluster.startServer();
    const before = dmsToAlice().length;
    const id = await command('help');
    h.app.worker.kick();
    await vi.waitFor(() => expect(dmsToAlice().length).toBeGreaterThan(before), { timeout: 30_000 });
    expect(answeredAt(id)).toEqual([]);
  });
});
