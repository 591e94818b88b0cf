// Issue 24 on Slack, end to end through the real server, the Slack adapter and the emulator: the approver copies
// (抄送) a colleague from the approval card. CC opens its modal at once (views.open with the press's trigger_id);
// the submission carries work emails and why. The copied person gets a message without decision buttons, with a
// link to the request in the mini-app; a second CC of them is refused in the modal and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../../../src/domain/approvals/flow-schema.js';
import { ensureDefaultFlows } from '../../../src/domain/approvals/requests.js';
import {
  buttonsOf,
  command,
  linkByHome,
  messagesIn,
  messageWithButton,
  modalOpenedBy,
  pressButton,
  refOf,
  settle,
  startSlackE2E,
  submitModal,
  textOfBlocks,
  typed,
  type SlackE2E,
} from './e2e-kit.js';

const USERS = ['zhang.wei', 'li.ming', 'song.tao'];
let k: SlackE2E;
beforeAll(async () => {
  k = await startSlackE2E('approvals-cc-e2e-secret', USERS);
  await linkByHome(k, USERS);
});
afterAll(async () => k?.stop());

const latestRequest = async () =>
  Number(((await k.h.sql.row('select coalesce(max(id), 0) as id from approval_requests')) as { id: number }).id);
const decisions = async (rid: number) =>
  (await k.h.sql.rows(
    'select kind, actor_id, comment, detail from approval_decisions where request_id = ? order by id',
    rid,
  )) as { kind: string; actor_id: number | null; comment: string | null; detail: string | null }[];

async function ccViaModal(rid: number, people: string, reason: string) {
  const pressed = await pressButton(
    k,
    'li.ming',
    messageWithButton(k, 'li.ming', 'approval.cc', String(rid)),
    'approval.cc',
  );
  await settle(k);
  const view = await modalOpenedBy(k, pressed.payload);
  const sub = await submitModal(k, 'li.ming', view, { people: typed(people), reason: typed(reason) });
  await settle(k);
  return sub;
}

describe('CC on Slack (issue 24)', () => {
  it('the approver copies a colleague from the card: an information message, the timeline keeps who and why', async () => {
    await ensureDefaultFlows(k.h.app.db);
    const flow: FlowDefinition = {
      key: 'point-claim',
      name: { 'zh-CN': '积分申请', en: 'Point claim' },
      steps: [
        {
          id: 'manager',
          name: { 'zh-CN': '直属上级审批', en: 'Manager review' },
          approver: { type: 'manager' },
          onReject: 'end',
        },
      ],
    };
    await k.h.sql.run('update approval_flows set definition = ? where key = ?', JSON.stringify(flow), flow.key);
    const before = await latestRequest();
    await command(k, 'zhang.wei', 'claim 流程优化 ; Shorter stand-ups');
    await settle(k);
    const rid = await latestRequest();
    expect(rid).toBeGreaterThan(before);
    const [ming, tao] = [await k.empId('li.ming'), await k.empId('song.tao')];

    const sub = await ccViaModal(rid, 'song.tao@qingyun.example', '排班需要他知悉');
    expect(sub.status).toBe(200);
    expect(sub.res.toast?.text).toBe('已抄送。');
    const cc = (await decisions(rid)).at(-1)!;
    expect(cc).toMatchObject({ kind: 'cc', actor_id: ming, comment: '排班需要他知悉' });
    expect(JSON.parse(cc.detail!)).toEqual({ people: [tao] });

    // Song Tao's DM: the request, marked as for information, no buttons that act — only the mini-app link.
    const toTao = messagesIn(k, k.dm('song.tao')).filter((m) => m.text?.includes(`#${rid}`));
    expect(toTao).toHaveLength(1);
    expect(textOfBlocks(toTao[0]!.blocks)).toContain('仅供知悉');
    const buttons = buttonsOf(toTao[0]!.blocks);
    expect(buttons.filter((b) => b.value).map((b) => refOf(b).k)).toEqual([]);
    expect(buttons.some((b) => b.url?.endsWith(`/requests/${rid}`))).toBe(true);

    // Copying him again is refused in the modal at the people field; nothing is written.
    const again = await ccViaModal(rid, 'song.tao@qingyun.example', '再次抄送');
    expect(JSON.parse(again.body)).toEqual({
      response_action: 'errors',
      errors: { people: '你选择的人都已在抄送名单中。' },
    });
    expect((await decisions(rid)).map((d) => d.kind)).toEqual(['submit', 'cc']);
  });
});
