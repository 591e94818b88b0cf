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

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function sandboxClient(h: Harness) {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${h.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return {
    async send(personId: number, text: string) {
      const r = await post('/sandbox/api/send', { personId, text, eventId: randomUUID() });
      await h.drainOutbox();
      return r;
    },
    async messages(personId: number): Promise<SandboxMessage[]> {
      const res = await fetch(`${h.url}/sandbox/api/messages?personId=${personId}&since=0`);
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
    async act(personId: number, messageId: string, action: unknown, values?: Record<string, string | string[]>, eventId = randomUUID()) {
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
