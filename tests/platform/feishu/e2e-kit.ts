// Shared set-up of the Feishu end-to-end tests: the emulator (Open API, contact directory, long-connection
// gateway), the real server with the Feishu adapter pointed at it, the signed sender for pushes, people linked
// to their employees the way Feishu does it (a first message links the open_id by e-mail), and readers for
// what a person sees on Feishu (cards as sent, then as PATCHed).
import { expect, vi } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import { type EmuMessage, type FeishuEmulator, startFeishuEmulator } from '../../emulators/feishu/open-api.js';
import { createSender, type FeishuSender } from '../../emulators/feishu/sender.js';
import { pageCodec } from '../../../adapters/feishu/page-seal.js';

/** A whole form's submit name is the ActionRef itself (no secret involved): what the renderer puts on the
 *  button and Feishu sends back as `action.name`. */
const names = pageCodec('e2e-kit: whole-form names are not sealed');
export const submitNameOf = (ref: unknown): string => names.formName(ref as Ref);

export type El = Record<string, unknown>;
export type CardJson = {
  header?: { title: { content: string }; subtitle?: { content: string }; template: string };
  body: { elements: El[] };
};
export type Ref = { k: string; id?: string; v?: string };
/** A card.action.trigger answer: an optional toast and the redrawn card. */
export type Answer = { toast?: { type: string; content: string }; card?: { type: string; data: CardJson } };

/** A demo-org login's Feishu open_id in these tests. */
export const openId = (user: string): string => `ou_${user.replace('.', '_')}`;

/** What the person sees now: the last PATCHed content, else the content sent. */
export const current = (m: EmuMessage): CardJson => JSON.parse(m.patches.at(-1) ?? m.content) as CardJson;

/** Every action on a card: callback values of buttons, and the ActionRef a whole form's submit button names. */
export function callbackValues(c: CardJson): Ref[] {
  const out: Ref[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (typeof x !== 'object' || x === null) return;
    const r = x as El;
    if (Array.isArray(r['behaviors']))
      for (const b of r['behaviors'] as El[]) if (b['type'] === 'callback') out.push(b['value'] as Ref);
    if (r['form_action_type'] === 'submit' && typeof r['name'] === 'string') {
      const named = names.read(r['name']);
      if (named?.kind === 'form') out.push(named.ref);
    }
    Object.values(r).forEach(walk);
  };
  walk(c.body.elements);
  return out;
}

/** The first callback value for action `k` (and request/cycle `id`, when given). */
export const refOn = (c: CardJson, k: string, id?: number): Ref | undefined =>
  callbackValues(c).find((v) => v.k === k && (id === undefined || v.id === String(id)));

/** Header title and subtitle, and every markdown / input text of a card. */
export function textOf(c: CardJson): string {
  const out: string[] = c.header ? [c.header.title.content, c.header.subtitle?.content ?? ''] : [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (typeof x !== 'object' || x === null) return;
    const r = x as El;
    for (const key of ['content', 'default_value']) if (typeof r[key] === 'string') out.push(r[key] as string);
    Object.values(r).forEach(walk);
  };
  walk(c.body.elements);
  return out.join('\n');
}

export const formOf = (c: CardJson): El | undefined => c.body.elements.find((e) => e['tag'] === 'form');
export const formElements = (c: CardJson): El[] => (formOf(c)?.['elements'] as El[] | undefined) ?? [];
/** The `name` of a form's submit button, as Feishu sends it back on a submission. */
export const submitButtonName = (form: El): string => {
  const button = (form['elements'] as El[]).find((e) => e['form_action_type'] === 'submit');
  expect(button, 'the form has a submit button').toBeDefined();
  return button!['name'] as string;
};

export interface FeishuE2E {
  emu: FeishuEmulator;
  h: Harness;
  sender: FeishuSender;
  /** The employee id of a demo-org login. */
  id(user: string): Promise<number>;
  /** Deliver the outbox, including rows the background worker has in flight ('sending' until the API call returns). */
  settle(): Promise<void>;
  /** Every message the person received on Feishu, oldest first. */
  messagesTo(user: string): EmuMessage[];
  /** One text message in the person's 1:1 chat with the bot; returns the cards it produced for them. */
  say(user: string, text: string): Promise<CardJson[]>;
  /** Press a callback button on one of the person's messages; with form values, submit the form whose
   *  submit button names `value` (Feishu sends the button's name and form_value, no value). */
  press(
    user: string,
    message: EmuMessage,
    value: unknown,
    formValue?: Record<string, unknown>,
    eventId?: string,
  ): Promise<Answer>;
  /** A `count(*) as n` query on the server's database (either dialect). */
  count(sql: string, ...args: unknown[]): Promise<number>;
  stop(): Promise<void>;
}

export type FeishuE2EOptions = {
  token: string;
  /** Demo-org logins to put in Feishu's directory and link (each sends `/whoami` once). */
  link?: readonly string[];
} & (
  | {
      /** The app's Encrypt Key: pushes are encrypted and signed, as webhook mode requires. Default: one derived from the token. */
      encryptKey?: string;
      unsigned?: never;
    }
  | {
      /** A token-only app run with FEISHU_ALLOW_UNSIGNED=true: pushes carry no signature. */
      unsigned: true;
      encryptKey?: never;
    }
);

export async function startFeishuE2E(opts: FeishuE2EOptions): Promise<FeishuE2E> {
  const emu = await startFeishuEmulator();
  const encryptKey = opts.unsigned ? undefined : (opts.encryptKey ?? `ek-${opts.token}`);
  const h = await startHarness({
    env: {
      FEISHU_APP_ID: emu.appId,
      FEISHU_APP_SECRET: emu.appSecret,
      FEISHU_VERIFICATION_TOKEN: opts.token,
      FEISHU_DOMAIN: emu.url,
      ...(encryptKey ? { FEISHU_ENCRYPT_KEY: encryptKey } : { FEISHU_ALLOW_UNSIGNED: 'true' }),
    },
  });
  const sender = createSender({
    url: h.url,
    appId: emu.appId,
    verificationToken: opts.token,
    ...(encryptKey ? { encryptKey } : {}),
  });
  const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
  const settle = async () => {
    await h.drainOutbox();
    await vi.waitFor(
      async () =>
        expect((await h.outbox()).filter((r) => r.status === 'pending' || r.status === 'sending')).toEqual([]),
      { timeout: 10_000, interval: 20 },
    );
  };
  const messagesTo = (user: string) => [...emu.messages.values()].filter((m) => m.receive_id === openId(user));
  const kit: FeishuE2E = {
    emu,
    h,
    sender,
    id,
    settle,
    messagesTo,
    async say(user, text) {
      const before = messagesTo(user).length;
      expect((await sender.message({ openId: openId(user), text })).status).toBe(200);
      await settle();
      return messagesTo(user).slice(before).map(current);
    },
    async press(user, message, value, formValue, eventId) {
      const res = await sender.cardAction({
        openId: openId(user),
        messageId: message.message_id,
        ...(formValue ? { formValue, name: submitNameOf(value) } : { value }),
        ...(eventId ? { eventId } : {}),
      });
      expect(res.refused, 'Feishu shows the card answered').toBeUndefined();
      expect(res.status).toBe(200);
      return res.json as Answer;
    },
    count: async (sql, ...args) => (await h.sql.row<{ n: number }>(sql, ...args))!.n,
    async stop() {
      await h.stop();
      await emu.close();
    },
  };
  const people = opts.link ?? [];
  for (const user of people) {
    emu.users.push({ open_id: openId(user), name: user, email: `${user}@qingyun.example`, department_ids: [] });
    expect((await sender.message({ openId: openId(user), text: '/whoami' })).status).toBe(200);
  }
  await settle();
  for (const user of people) {
    const linked = await h.sql.row<{ e: number }>(
      "select employee_id as e from platform_identities where platform = 'feishu' and platform_user_id = ?",
      openId(user),
    );
    expect(linked?.e, `${user} is linked`).toBe(await id(user));
  }
  return kit;
}
