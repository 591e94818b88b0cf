// The sandbox chat API played by an attacker: it serves and acts in a person's chat only for a session
// signed in as that person. No cookie → 401; signed in as A but asking for, sending or pressing as B →
// 403 with nothing read, sent or changed; a forged, tampered or expired cookie → 401. Each refusal is
// paired with the same request made by the rightful person, which succeeds.
import { sign } from '@fastify/cookie';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxSignIn, type SandboxMessage } from '../support/sandbox-client.js';

const SECRET = 'test-secret-for-the-sandbox-session-0123456789';
const SIGN_IN_REQUIRED = { error: '请先登录：在沙盒中选择一个人，即可以其身份聊天。' };

let h: Harness;
let a: number; // the attacker: Sophia
let b: number; // the victim: Tom
let cookieA: string;
let cookieB: string;
let helpB: SandboxMessage; // the help card in B's chat

const messages = (personId: number, cookie?: string) =>
  fetch(`${h.url}/sandbox/api/messages?personId=${personId}&since=0`, { headers: cookie ? { cookie } : {} });
const post = (path: '/sandbox/api/send' | '/sandbox/api/action', body: Record<string, unknown>, cookie?: string) =>
  fetch(`${h.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
const chatOf = async (personId: number, cookie: string): Promise<SandboxMessage[]> => {
  const res = await messages(personId, cookie);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: SandboxMessage[] }).messages;
};
const localeOf = async (id: number) =>
  ((await h.sql.row('select locale from employees where id = ?', id)) as { locale: string | null }).locale;
const forged = (id: string, secret = SECRET) => `vitality_session=${sign(id, secret)}`;

/** Runs a refused request and checks it changed nothing: no outbox row, both chats and B's language as they were. */
async function changesNothing(refused: () => Promise<Response>, status: number, body: unknown): Promise<void> {
  const outbox = (await h.outbox()).length;
  const [chatA, chatB, locale] = [await chatOf(a, cookieA), await chatOf(b, cookieB), await localeOf(b)];
  const res = await refused();
  expect(res.status).toBe(status);
  expect(await res.json()).toEqual(body);
  await h.drainOutbox();
  expect((await h.outbox()).length).toBe(outbox);
  expect(await chatOf(a, cookieA)).toEqual(chatA);
  expect(await chatOf(b, cookieB)).toEqual(chatB);
  expect(await localeOf(b)).toBe(locale);
}

beforeAll(async () => {
  h = await startHarness({ env: { SESSION_SECRET: SECRET } });
  a = (await h.employeeByEmail('sophia.lee@qingyun.example'))!.id;
  b = (await h.employeeByEmail('tom.harris@qingyun.example'))!.id;
  cookieA = await sandboxSignIn(h.url, a);
  cookieB = await sandboxSignIn(h.url, b);
  // B has a private chat: a command of theirs and the bot's help card, with buttons.
  expect((await post('/sandbox/api/send', { personId: b, text: '/help', eventId: randomUUID() }, cookieB)).status).toBe(
    200,
  );
  await h.drainOutbox();
  helpB = (await chatOf(b, cookieB)).find((m) => m.from === 'bot')!;
  expect(helpB.html).toContain('data-action');
});
afterAll(async () => h?.stop());

describe('sandbox chat API without a session', () => {
  it('answers 401 for messages, send and action, in the default locale, and changes nothing', async () => {
    await changesNothing(() => messages(b), 401, SIGN_IN_REQUIRED);
    await changesNothing(
      () => post('/sandbox/api/send', { personId: b, text: '/whoami', eventId: randomUUID() }),
      401,
      SIGN_IN_REQUIRED,
    );
    await changesNothing(
      () =>
        post('/sandbox/api/action', {
          personId: b,
          messageId: helpB.id,
          action: { k: 'lang.set', v: 'en' },
          eventId: randomUUID(),
        }),
      401,
      SIGN_IN_REQUIRED,
    );
  });

  it('still offers the page and the people to pick from', async () => {
    const page = await fetch(`${h.url}/sandbox`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/api/auth/sandbox');
    const people = (await (await fetch(`${h.url}/sandbox/api/people`)).json()) as { people: { id: number }[] };
    expect(people.people.map((p) => p.id)).toEqual(expect.arrayContaining([a, b]));
  });
});

describe('signed in as A, acting as B', () => {
  const notB = () => ({ error: `你当前未以 id 为 ${b} 的人员身份登录：请在沙盒中选择此人，再以其身份聊天。` });

  it("does not serve B's chat", async () => {
    await changesNothing(() => messages(b, cookieA), 403, notB());
  });

  it('does not send as B', async () => {
    await changesNothing(
      () => post('/sandbox/api/send', { personId: b, text: '/whoami', eventId: randomUUID() }, cookieA),
      403,
      notB(),
    );
  });

  it("does not press B's card as B", async () => {
    await changesNothing(
      () =>
        post(
          '/sandbox/api/action',
          { personId: b, messageId: helpB.id, action: { k: 'lang.set', v: 'en' }, eventId: randomUUID() },
          cookieA,
        ),
      403,
      notB(),
    );
    // The same press by B does switch B's language and redraw the card: the refusal above was the session's.
    const own = await post(
      '/sandbox/api/action',
      { personId: b, messageId: helpB.id, action: { k: 'lang.set', v: 'en' }, eventId: randomUUID() },
      cookieB,
    );
    expect(own.status).toBe(200);
    expect(await localeOf(b)).toBe('en');
    expect((await chatOf(b, cookieB)).find((m) => m.id === helpB.id)!.version).toBeGreaterThan(helpB.version);
  });
});

describe('forged sessions', () => {
  it('answers 401 to an id no sign-in made (even signed with the server secret), a foreign signature, no signature, and an ended session', async () => {
    // Control: B's genuine cookie is accepted, so the refusals below are the session check's.
    expect((await messages(b, cookieB)).status).toBe(200);
    const idB = /^vitality_session=([^.]+)\./.exec(cookieB)![1]!;

    await changesNothing(() => messages(b, forged('y'.repeat(43))), 401, SIGN_IN_REQUIRED);
    await changesNothing(() => messages(b, forged(idB, 'another-secret')), 401, SIGN_IN_REQUIRED);
    await changesNothing(() => messages(b, `vitality_session=${idB}`), 401, SIGN_IN_REQUIRED);
    // A's genuine signature on B's id.
    const [, signature] = /^vitality_session=[^.]+\.(.+)$/.exec(cookieA)!;
    await changesNothing(
      () =>
        post(
          '/sandbox/api/send',
          { personId: b, text: '/whoami', eventId: randomUUID() },
          `vitality_session=${idB}.${signature}`,
        ),
      401,
      SIGN_IN_REQUIRED,
    );
    // A session that ended (expired) is refused too; B signs in again for the rest.
    await h.sql.run(
      'update sessions set expires_at = ? where employee_id = ?',
      new Date(Date.now() - 1000).toISOString(),
      b,
    );
    const res = await messages(b, cookieB);
    expect(res.status).toBe(401);
    cookieB = await sandboxSignIn(h.url, b);
  });
});

describe('signed in as A', () => {
  it("serves A's own chat and lets A send and press in it", async () => {
    expect(
      (await post('/sandbox/api/send', { personId: a, text: '/help', eventId: randomUUID() }, cookieA)).status,
    ).toBe(200);
    await h.drainOutbox();
    const chat = await chatOf(a, cookieA);
    expect(chat.map((m) => m.from)).toEqual(['user', 'bot']);
    expect(chat[0]!.text).toBe('/help');
    const card = chat[1]!;
    expect(card.html).toContain('/whoami');
    const press = await post(
      '/sandbox/api/action',
      { personId: a, messageId: card.id, action: { k: 'cmd', v: 'whoami' }, eventId: randomUUID() },
      cookieA,
    );
    expect(press.status).toBe(200);
    await h.drainOutbox();
    expect((await chatOf(a, cookieA)).length).toBe(3);
    // A's chat never shows up in B's, and vice versa.
    expect((await chatOf(b, cookieB)).map((m) => m.id)).not.toContain(card.id);
  });

  it("is the mini-app's session: the sandbox sign-in is accepted by /api/me", async () => {
    const me = await fetch(`${h.url}/api/me`, { headers: { cookie: cookieA } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { id: number }).id).toBe(a);
  });
});
