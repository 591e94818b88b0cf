// HR-defined request kinds on Slack (issue 24), end to end through the real server, the Slack adapter and the
// emulator: /request lists the kinds, pressing one opens its form as a modal; an ambiguous department is answered
// at its field (the modal stays open, nothing written); the submitted Feedback to HQ reaches the department head's
// DM as an approval card, and the store head's DM as a copy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  command,
  linkByHome,
  messagesIn,
  messageWithButton,
  modalOpenedBy,
  pressButton,
  settle,
  startSlackE2E,
  submitModal,
  textOfBlocks,
  typed,
  type SlackE2E,
} from './e2e-kit.js';

const USERS = ['sophia.lee', 'tom.harris', 'wang.fang'];
let k: SlackE2E;
beforeAll(async () => {
  k = await startSlackE2E('form-requests-e2e-secret', USERS);
  await linkByHome(k, USERS);
});
afterAll(async () => k?.stop());

const latestRequest = async () =>
  Number(((await k.h.sql.row('select coalesce(max(id), 0) as id from approval_requests')) as { id: number }).id);

describe('HR-defined request kinds on Slack (issue 24)', () => {
  it('/request → Feedback to HQ in a modal → the department head is asked, the store head copied', async () => {
    await command(k, 'sophia.lee', 'request');
    await settle(k);
    const list = messageWithButton(k, 'sophia.lee', 'form.open', 'hq-feedback');
    const { payload } = await pressButton(k, 'sophia.lee', list, 'form.open');
    const view = await modalOpenedBy(k, payload);
    expect(JSON.stringify(view)).toContain('HQ department');

    const before = await latestRequest();
    const vague = await submitModal(k, 'sophia.lee', view, {
      department: typed('部'),
      issue: typed('The POS receipt printer runs out of paper every Friday'),
    });
    const refused = JSON.parse(vague.body) as { response_action: string; errors: Record<string, string> };
    expect(refused.response_action).toBe('errors');
    expect(Object.keys(refused.errors)).toEqual(['department']);
    expect(refused.errors.department).toMatch(/^"HQ department": "部" matches several — /);
    expect(await latestRequest()).toBe(before);

    const sent = await submitModal(k, 'sophia.lee', view, {
      department: typed('财务部'),
      issue: typed('The POS receipt printer runs out of paper every Friday'),
    });
    expect(sent.status).toBe(200);
    await settle(k);
    const rid = await latestRequest();
    expect(rid).toBe(before + 1);
    const row = (await k.h.sql.row('select flow_key, approvers, seats from approval_requests where id = ?', rid)) as {
      flow_key: string;
      approvers: string;
      seats: string;
    };
    expect(row.flow_key).toBe('hq-feedback');
    expect(JSON.parse(row.approvers)).toEqual([await k.empId('wang.fang')]);
    expect((JSON.parse(row.seats) as { cc: number[] }).cc).toEqual([await k.empId('tom.harris')]);

    const asked = messageWithButton(k, 'wang.fang', 'approval.approve', String(rid));
    expect(textOfBlocks(asked.blocks)).toContain('The POS receipt printer runs out of paper every Friday');
    const copied = messagesIn(k, k.dm('tom.harris')).map((m) => textOfBlocks(m.blocks));
    expect(copied.some((t) => t.includes('The POS receipt printer runs out of paper every Friday'))).toBe(true);
  });
});
