// End to end: the real server (harness) with the Feishu adapter in webhook mode, the real Lark SDK for
// outbound calls, Feishu's wire protocol played by the local emulator and sender. No encrypt key here
// (token-only apps, run with the FEISHU_ALLOW_UNSIGNED opt-out); e2e-encrypted.test.ts covers encrypted +
// signed pushes, the other e2e suites run signed too.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { card } from '../../../cards/view.js';
import { applyDirectorySnapshot } from '../../../src/domain/org/directory-sync.js';
import type { EmuMessage } from '../../emulators/feishu/open-api.js';
import { newEventId } from '../../emulators/feishu/sender.js';
import { callbackValues, type CardJson, type FeishuE2E, startFeishuE2E, submitNameOf } from './e2e-kit.js';

const OPEN_ID = 'ou_e2e_member';
let f: FeishuE2E;
let email: string;

/** Messages the emulator received for a receive id (a person's open_id or a group's chat_id). */
const receivedBy = (id: string) => [...f.emu.messages.values()].filter((m) => m.receive_id === id);

function cardOf(m: EmuMessage): CardJson {
  expect(m.msg_type).toBe('interactive');
  return JSON.parse(m.content) as CardJson;
}

beforeAll(async () => {
  f = await startFeishuE2E({ token: 'verification-token-e2e', unsigned: true });
  email = ((await f.h.sql.row("select email from employees where email like 'zhang.wei@%'")) as { email: string })
    .email;
  // The Feishu contact entry of a demo employee: the core links the open_id to the employee by email.
  f.emu.users.push({ open_id: OPEN_ID, name: '张伟', email, department_ids: [] });
});

afterAll(async () => {
  await f?.stop();
});

describe('feishu webhook e2e', () => {
  it('answers the URL verification challenge; a wrong token is rejected', async () => {
    await expect(f.sender.urlVerification('challenge-123')).resolves.toEqual({
      status: 200,
      json: { challenge: 'challenge-123' },
    });
    const bad = await f.sender.urlVerification('challenge-123', { token: 'wrong' });
    expect(bad.status).toBe(401);
  });

  it('/help in a 1:1 chat answers with a card through the outbox, with the uuid', async () => {
    const res = await f.sender.message({ openId: OPEN_ID, text: '/help' });
    expect(res).toEqual({ status: 200, json: {} });
    await f.settle();
    const sent = receivedBy(OPEN_ID);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.receive_id_type).toBe('open_id');
    const keys = (await f.h.sql.rows(
      "select idempotency_key as k from outbox where platform = 'feishu' order by id",
    )) as {
      k: string;
    }[];
    expect(keys.map((k) => k.k)).toContain(sent[0]!.uuid);
    const c = cardOf(sent[0]!);
    expect(c).toMatchObject({ schema: '2.0', config: { update_multi: true }, header: { template: 'blue' } });
    expect(callbackValues(c)).toContainEqual({ k: 'lang.set', v: 'en' });
    // The outbox row is marked sent with the Feishu message id.
    const row = (await f.h.outbox()).find((r) => r.platform === 'feishu')!;
    expect(row.status).toBe('sent');
    expect(JSON.parse(row.sentRef!)).toMatchObject({ messageId: sent[0]!.message_id });
  });

  it('the help card language button: callback answers a toast and the new card, in place', async () => {
    const helpMsg = receivedBy(OPEN_ID)[0]!;
    const res = await f.sender.cardAction({
      openId: OPEN_ID,
      value: { k: 'lang.set', v: 'en' },
      messageId: helpMsg.message_id,
    });
    expect(res.status).toBe(200);
    const answer = res.json as { toast: { type: string; content: string }; card: { type: string; data: CardJson } };
    expect(answer.toast.type).toBe('success');
    expect(answer.toast.content.length).toBeGreaterThan(0);
    expect(answer.card.type).toBe('raw');
    expect(answer.card.data).toMatchObject({ schema: '2.0', config: { update_multi: true } });
    // Redrawn in English: the button now switches back to Chinese.
    expect(callbackValues(answer.card.data)).toContainEqual({ k: 'lang.set', v: 'zh-CN' });
    expect((await f.h.employeeByEmail(email))!.locale).toBe('en');
  });

  it('a form submit round-trip: form_value reaches the core, the answer carries a toast and the new card', async () => {
    // An action registered on the real router pins down the exact form_value -> values mapping; the path is
    // Feishu callback -> adapter -> core -> router -> callback answer. e2e-survey.test.ts runs a real core form.
    const seen: unknown[] = [];
    f.h.app.router.action({
      k: 'test.form',
      run(_ctx, action, values) {
        seen.push({ action, values });
        return {
          outcome: 'handled',
          toast: { text: `thanks ${values?.['why'] ?? ''}`, tone: 'success' },
          card: card({ header: { title: 'Done', tone: 'success' }, blocks: [{ type: 'text', markdown: 'ok' }] }),
        };
      },
    });
    const res = await f.sender.cardAction({
      openId: OPEN_ID,
      // Feishu's form submission: the submit button's name (the ActionRef, as the renderer names it) and
      // form_value — no value.
      name: submitNameOf({ k: 'test.form', id: 'f1' }),
      formValue: { why: 'because', score: '4', tags: ['a', 'b'] },
      messageId: 'om_form',
    });
    expect(res.json).toEqual({
      toast: { type: 'success', content: 'thanks because' },
      card: {
        type: 'raw',
        data: {
          schema: '2.0',
          config: { update_multi: true, width_mode: 'fill' },
          header: { title: { tag: 'plain_text', content: 'Done' }, template: 'green' },
          body: { elements: [{ tag: 'markdown', content: 'ok' }] },
        },
      },
    });
    expect(seen).toEqual([
      { action: { k: 'test.form', id: 'f1' }, values: { why: 'because', score: '4', tags: ['a', 'b'] } },
    ]);
  });

  it('a callback for a card whose object is gone (unknown or forged value) -> expired toast and card', async () => {
    // A survey wave that no longer exists, an action this version no longer has, a value we never made.
    for (const value of [{ k: 'survey.answer', id: '999999' }, { k: 'retired.action', id: '1' }, 'not-an-action-ref']) {
      const res = await f.sender.cardAction({ openId: OPEN_ID, value, messageId: 'om_old' });
      const answer = res.json as { toast: { type: string }; card: { data: CardJson } };
      expect(answer.toast.type).toBe('warning');
      expect(answer.card.data.header?.title.content).toBe('This card has expired');
    }
  });

  it('a retried event (same event_id) is applied once', async () => {
    const eventId = newEventId();
    const before = receivedBy(OPEN_ID).length;
    const first = await f.sender.message({ openId: OPEN_ID, text: '/whoami', eventId });
    const second = await f.sender.message({ openId: OPEN_ID, text: '/whoami', eventId });
    expect([first.status, second.status]).toEqual([200, 200]);
    await f.settle();
    expect(receivedBy(OPEN_ID).length).toBe(before + 1);
    expect(
      await f.count(`select count(*) as n from inbound_events where platform = 'feishu' and event_id = '${eventId}'`),
    ).toBe(1);

    // A re-pushed card callback: the first answer carries the toast and card, the retry is only acknowledged.
    const cbId = newEventId();
    const cb = { openId: OPEN_ID, value: { k: 'lang.set', v: 'en' }, messageId: 'om_retry', eventId: cbId };
    expect(await f.sender.cardAction(cb)).toMatchObject({ status: 200, json: { toast: { type: 'success' } } });
    expect(await f.sender.cardAction(cb)).toEqual({ status: 200, json: {} });
  });

  it('a group @mention answers in the group; a bot menu item runs its command', async () => {
    await f.sender.message({
      openId: OPEN_ID,
      text: '@_user_1 /help',
      chatType: 'group',
      chatId: 'oc_group1',
      mentions: [{ key: '@_user_1', name: 'Vitality' }],
    });
    await f.sender.menu({ openId: OPEN_ID, eventKey: 'whoami' });
    await f.settle();
    expect(receivedBy('oc_group1')).toHaveLength(1);
    expect(receivedBy('oc_group1')[0]!.receive_id_type).toBe('chat_id');
    expect(receivedBy(OPEN_ID).length).toBeGreaterThanOrEqual(3);
  });

  it('a wrong verification token is rejected and nothing is recorded', async () => {
    const eventsBefore = await f.count('select count(*) as n from inbound_events');
    const outboxBefore = await f.count('select count(*) as n from outbox');
    const res = await f.sender.message({ openId: OPEN_ID, text: '/help' }, { token: 'forged' });
    expect(res.status).toBe(401);
    const notJson = await f.sender.post(undefined, { rawBody: '{"schema":' });
    expect(notJson.status).toBe(400);
    expect(await f.count('select count(*) as n from inbound_events')).toBe(eventsBefore);
    expect(await f.count('select count(*) as n from outbox')).toBe(outboxBefore);
  });

  it('an unknown user gets a friendly text directly (no outbox)', async () => {
    const res = await f.sender.message({ openId: 'ou_stranger', text: '/help' });
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(receivedBy('ou_stranger')).toHaveLength(1), { timeout: 5000 });
    const m = receivedBy('ou_stranger')[0]!;
    expect(m.msg_type).toBe('text');
    expect((JSON.parse(m.content) as { text: string }).text).toMatch(/通讯录|directory/);
    expect(m.uuid).toMatch(/^u-/);
  });

  it('directory sync imports a department tree with managers and deactivates a removed user', async () => {
    f.emu.departments.push(
      { open_department_id: 'od-sales', name: 'Sales', parent_department_id: '0', leader_user_id: 'ou_s_head' },
      { open_department_id: 'od-north', name: 'North', parent_department_id: 'od-sales', leader_user_id: 'ou_s_lead' },
    );
    f.emu.users.push(
      {
        open_id: 'ou_s_head',
        name: 'Sales Head',
        email: 'sales.head@feishu-f.emu.example',
        department_ids: ['od-sales'],
      },
      {
        open_id: 'ou_s_lead',
        name: 'North Lead',
        email: 'north.lead@feishu-f.emu.example',
        department_ids: ['od-north'],
        leader_user_id: 'ou_s_head',
      },
      {
        open_id: 'ou_s_rep1',
        name: 'Rep One',
        email: 'rep1@feishu-f.emu.example',
        department_ids: ['od-north'],
        leader_user_id: 'ou_s_lead',
      },
      {
        open_id: 'ou_s_rep2',
        name: 'Rep Two',
        email: 'rep2@feishu-f.emu.example',
        department_ids: ['od-north'],
        leader_user_id: 'ou_s_lead',
      },
    );
    f.emu.maxPageSize = 2;
    const directory = f.h.app.adapters.get('feishu')!.directory!;
    const first = await applyDirectorySnapshot(f.h.app.db, 'feishu', await directory.fetchSnapshot(), {
      kind: 'system',
    });
    expect(first.peopleCreated).toEqual(expect.arrayContaining(['Sales Head', 'North Lead', 'Rep One', 'Rep Two']));
    expect(first.unitsCreated.some((p) => p.endsWith('/Sales/North'))).toBe(true);
    const head = (await f.h.employeeByEmail('sales.head@feishu-f.emu.example'))!;
    const lead = (await f.h.employeeByEmail('north.lead@feishu-f.emu.example'))!;
    const rep2 = (await f.h.employeeByEmail('rep2@feishu-f.emu.example'))!;
    expect(lead.managerId).toBe(head.id);
    expect(rep2.managerId).toBe(lead.id);
    const north = (await f.h.sql.row(
      'select head_employee_id as headId, name from org_units where id = ?',
      rep2.unitId,
    )) as { headId: number; name: string };
    expect(north).toEqual({ headId: lead.id, name: 'North' });

    // Rep Two leaves: Feishu removes resigned people from their departments.
    f.emu.users.find((u) => u.open_id === 'ou_s_rep2')!.status = { is_resigned: true };
    const second = await applyDirectorySnapshot(f.h.app.db, 'feishu', await directory.fetchSnapshot(), {
      kind: 'system',
    });
    expect(second.peopleDeactivated).toContain('Rep Two');
    const active = (await f.h.sql.row('select active from employees where id = ?', rep2.id)) as { active: number };
    expect(active.active).toBe(0);
    f.emu.maxPageSize = 50;
  });
});
