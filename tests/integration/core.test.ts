import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CardView } from '../../cards/view.js';
import type { InboundEvent } from '../../src/bot/port.js';
import { useHarness, type Harness } from '../support/harness.js';
import { sandboxSignIn } from '../support/sandbox-client.js';

let h: Harness;
useHarness((started) => (h = started));

const sandboxUser = (id: number) => ({ platformUserId: String(id) });
const command = (id: number, name: string, args = '', eventId = randomUUID()): InboundEvent => ({
  type: 'command',
  platform: 'sandbox',
  eventId,
  user: sandboxUser(id),
  replyTo: { kind: 'user', platformUserId: String(id) },
  name,
  args,
});
const action = (id: number, a: unknown, eventId = randomUUID()): InboundEvent =>
  ({
    type: 'action',
    platform: 'sandbox',
    eventId,
    user: sandboxUser(id),
    replyTo: { kind: 'user', platformUserId: String(id) },
    action: a,
  }) as InboundEvent;

/** Cards delivered to one sandbox conversation, oldest first. */
async function cardsTo(id: number): Promise<CardView[]> {
  return (await h.outbox())
    .filter((r) => r.platform === 'sandbox' && JSON.parse(r.recipient).platformUserId === String(id))
    .map((r) => (JSON.parse(r.message) as { card: CardView }).card);
}
const text = (c: CardView) => JSON.stringify(c);

describe('bot core through the sandbox', () => {
  it("answers /help with the commands in the person's language", async () => {
    const fiona = (await h.employeeByEmail('wang.fang@qingyun.example'))!;
    const res = await h.core.handle(command(fiona.id, 'help'));
    expect(res.outcome).toBe('handled');
    await h.drainOutbox();
    const help = (await cardsTo(fiona.id)).at(-1)!;
    expect(help.header?.title).toBe('元气 Vitality — 你可以做什么');
    expect(text(help)).toContain('/whoami');
    expect((await h.outbox()).every((r) => r.status === 'sent')).toBe(true);
  });

  it('applies a retried event once', async () => {
    const olivia = (await h.employeeByEmail('olivia.brown@qingyun.example'))!;
    const eventId = randomUUID();
    const before = (await cardsTo(olivia.id)).length;
    expect((await h.core.handle(command(olivia.id, 'whoami', '', eventId))).outcome).toBe('handled');
    expect((await h.core.handle(command(olivia.id, 'whoami', '', eventId))).outcome).toBe('duplicate');
    expect((await cardsTo(olivia.id)).length).toBe(before + 1);
    expect(text((await cardsTo(olivia.id)).at(-1)!)).toContain('olivia.brown@qingyun.example');
  });

  it('suggests the closest command for a typo, in English for an English speaker', async () => {
    const olivia = (await h.employeeByEmail('olivia.brown@qingyun.example'))!;
    await h.core.handle(command(olivia.id, 'hepl'));
    const card = (await cardsTo(olivia.id)).at(-1)!;
    // A typo is a usage hint (a help card), not a failure (issue 16, item 12).
    expect(card.header).toMatchObject({ title: 'How to use', tone: 'info' });
    expect(text(card)).toContain('I don\'t know the command \\"/hepl\\". Did you mean **/help**?');
    await h.core.handle(command(olivia.id, 'xyzzy'));
    expect(text((await cardsTo(olivia.id)).at(-1)!)).toContain('Type /help to see what you can do.');
  });

  it('switches language from the help card and redraws it in place', async () => {
    const jun = (await h.employeeByEmail('he.jun@qingyun.example'))!;
    const res = await h.core.handle(action(jun.id, { k: 'lang.set', v: 'en' }));
    expect(res.outcome).toBe('handled');
    expect(res.card?.header?.title).toBe('Vitality — what you can do');
    expect(res.toast).toEqual({ text: 'Switched to English', tone: 'success' });
    expect((await h.employeeByEmail('he.jun@qingyun.example'))!.locale).toBe('en');
    const audit = await h.sql.rows(
      "select actor_employee_id as actor, detail from audit_log where action = 'profile.locale'",
    );
    expect(audit).toContainEqual({ actor: jun.id, detail: '{"locale":"en"}' });
  });

  it('answers an action from an outdated card with an expired card', async () => {
    const jun = (await h.employeeByEmail('he.jun@qingyun.example'))!;
    const res = await h.core.handle(action(jun.id, { k: 'survey.answer', id: '999' }));
    expect(res.card?.header?.title).toBe('This card has expired');
    expect(res.toast?.tone).toBe('warning');
  });

  it('rejects a malformed action payload without acting', async () => {
    const jun = (await h.employeeByEmail('he.jun@qingyun.example'))!;
    const res = await h.core.handle(action(jun.id, { k: '', v: 42 }));
    expect(res.outcome).toBe('invalid');
  });

  it('tells a platform user who is not in the org so, once, and links one who is by email', async () => {
    const stranger: InboundEvent = {
      type: 'command',
      platform: 'slack',
      eventId: 'Ev1',
      user: { platformUserId: 'U_STRANGER', locale: 'en' },
      replyTo: { kind: 'user', platformUserId: 'U_STRANGER' },
      name: 'help',
      args: '',
    };
    const res = await h.core.handle(stranger);
    expect(res).toEqual({ outcome: 'unknown_user', text: expect.stringContaining("couldn't find you") });
    expect((await h.core.handle(stranger)).outcome).toBe('duplicate');

    let looked = 0;
    const known: InboundEvent = {
      ...stranger,
      eventId: 'Ev2',
      user: {
        platformUserId: 'U_EMILY',
        lookupProfile: async () => (looked++, { email: 'Emily.Carter@qingyun.example' }),
      },
    };
    expect((await h.core.handle(known)).outcome).toBe('handled');
    expect((await h.core.handle({ ...known, eventId: 'Ev3' })).outcome).toBe('handled');
    expect(looked).toBe(1);
    const link = await h.sql.row(
      "select e.email from platform_identities p join employees e on e.id = p.employee_id where p.platform = 'slack' and p.platform_user_id = 'U_EMILY'",
    );
    expect(link).toEqual({ email: 'emily.carter@qingyun.example' });
  });

  it("asks the platform for a linked person's language only when their record has none", async () => {
    // Olivia's record says English (her platform, if asked, would say Chinese); Tina Zhou's record said
    // Chinese and is cleared here, and her platform says English.
    const olivia = (await h.employeeByEmail('olivia.brown@qingyun.example'))!;
    const wei = (await h.employeeByEmail('zhou.ting@qingyun.example'))!;
    await h.sql.run('update employees set locale = null where id = ?', wei.id);
    for (const [id, u] of [
      [olivia.id, 'U_OLIVIA'],
      [wei.id, 'U_WEI'],
    ] as const)
      await h.sql.run(
        "insert into platform_identities (platform, platform_user_id, employee_id) values ('slack', ?, ?)",
        u,
        id,
      );
    const asked: string[] = [];
    const whoami = (u: string): InboundEvent => ({
      type: 'command',
      platform: 'slack',
      eventId: randomUUID(),
      user: {
        platformUserId: u,
        lookupProfile: async () => (asked.push(u), { locale: u === 'U_OLIVIA' ? 'zh-CN' : 'en' }),
      },
      replyTo: { kind: 'user', platformUserId: u },
      name: 'whoami',
      args: '',
    });
    // The answer as written to the outbox (no Slack here to send it to): the card in the reader's language.
    const answered = async (u: string) => {
      const rows = (await h.outbox()).filter(
        (r) => r.platform === 'slack' && JSON.parse(r.recipient).platformUserId === u,
      );
      return text((JSON.parse(rows.at(-1)!.message) as { card: CardView }).card);
    };
    expect((await h.core.handle(whoami('U_OLIVIA'))).outcome).toBe('handled');
    expect(asked).toEqual([]);
    expect(await answered('U_OLIVIA')).toContain('Your profile');
    expect((await h.core.handle(whoami('U_WEI'))).outcome).toBe('handled');
    expect(asked).toEqual(['U_WEI']);
    expect(await answered('U_WEI')).toContain('Your profile');
  });
});

describe('sandbox HTTP', () => {
  const send = async (body: string, cookie: string) =>
    fetch(`${h.url}/sandbox/api/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body,
    });

  it('refuses an unknown person with a clear message', async () => {
    const cookie = await sandboxSignIn(h.url, (await h.employeeByEmail('wang.fang@qingyun.example'))!.id);
    const res = await send(JSON.stringify({ personId: 9999, text: '/help', eventId: randomUUID() }), cookie);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: '组织中没有 id 为 9999 的在职人员。' });
  });

  it('refuses a malformed request with 400 and changes nothing', async () => {
    const before = (await h.outbox()).length;
    const cookie = await sandboxSignIn(h.url, (await h.employeeByEmail('wang.fang@qingyun.example'))!.id);
    const res = await send('{"personId":"one"}', cookie);
    expect(res.status).toBe(400);
    expect((await h.outbox()).length).toBe(before);
  });

  it('serves health and readiness', async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${h.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      ok: true,
      checks: {
        database: { ok: true, kind: h.sql.dialect, detail: expect.stringMatching(/^(\d+)\/\1 migrations applied$/) },
      },
    });
  });
});
