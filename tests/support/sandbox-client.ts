// Drives the sandbox over HTTP exactly as its page does: send a command, read the bot's messages, press a
// card's button or submit its form.
import { randomUUID } from 'node:crypto';
import type { Harness } from './harness.js';

export interface SandboxMessage {
  id: string;
  from: 'user' | 'bot';
  version: number;
  text?: string;
  html?: string;
}

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Sign in as a person the way the sandbox page does when they are picked; the session cookie (name=value). */
export async function sandboxSignIn(baseUrl: string, employeeId: number): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sandbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ employeeId }),
  });
  const set = res.headers.getSetCookie().find((c) => c.startsWith('vitality_session='));
  if (res.status !== 200 || !set)
    throw new Error(`sandbox sign-in as ${employeeId} → ${res.status} ${await res.text()}`);
  return set.split(';')[0]!;
}

export function sandboxClient(h: Harness) {
  // The chat API serves a person's chat only to a session signed in as them, so, like the page picking a
  // person, sign in as each person once and send their cookie with their calls.
  const cookies = new Map<number, Promise<string>>();
  const cookieFor = (personId: number): Promise<string> => {
    let c = cookies.get(personId);
    if (!c) {
      c = sandboxSignIn(h.url, personId);
      cookies.set(personId, c);
      c.catch(() => cookies.delete(personId));
    }
    return c;
  };
  /** Like the page: a session that ended (a test's clock ran days ahead and the tick pruned it) signs in again, once. */
  const withSession = async (personId: number, call: (cookie: string) => Promise<Response>): Promise<Response> => {
    const res = await call(await cookieFor(personId));
    if (res.status !== 401) return res;
    cookies.delete(personId);
    return call(await cookieFor(personId));
  };
  const post = async <B extends { personId: number }>(path: string, body: B) => {
    const res = await withSession(body.personId, (cookie) =>
      fetch(`${h.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(body),
      }),
    );
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return {
    async send(personId: number, text: string) {
      const r = await post('/sandbox/api/send', { personId, text, eventId: randomUUID() });
      await h.drainOutbox();
      return r;
    },
    async messages(personId: number): Promise<SandboxMessage[]> {
      const res = await withSession(personId, (cookie) =>
        fetch(`${h.url}/sandbox/api/messages?personId=${personId}&since=0`, { headers: { cookie } }),
      );
      return ((await res.json()) as { messages: SandboxMessage[] }).messages;
    },
    async lastBot(personId: number): Promise<SandboxMessage> {
      const bots = (await this.messages(personId)).filter((m) => m.from === 'bot');
      if (bots.length === 0) throw new Error(`no bot message for ${personId}`);
      return bots.at(-1)!;
    },
    /** The form of a card: its submit action and its field names, in order. */
    form(html: string): { action: { k: string; id?: string; v?: string }; fields: string[] } {
      const submit = /data-submit="([^"]+)"/.exec(html);
      if (!submit) throw new Error('card has no form');
      const fields = [...new Set([...html.matchAll(/name="([^"]+)"/g)].map((m) => unescape(m[1]!)))];
      return { action: JSON.parse(unescape(submit[1]!)) as { k: string }, fields };
    },
    async act(
      personId: number,
      messageId: string,
      action: unknown,
      values?: Record<string, string | string[]>,
      eventId = randomUUID(),
    ) {
      const r = await post('/sandbox/api/action', { personId, messageId, action, values, eventId });
      await h.drainOutbox();
      return r;
    },
  };
}

/** Visible text of rendered card HTML. */
export function textOf(html: string | undefined): string {
  return unescape((html ?? '').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}
