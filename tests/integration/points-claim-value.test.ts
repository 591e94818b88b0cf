// A claim's value in the sandbox: "15%, ¥100000" reaches the approver as 15% and ¥100,000 (not 15,100,000),
// an ambiguous value is refused with what was understood, an old one-number claim still loads, and the tags
// card names categories in the reader's language.
import { describe, expect, it } from 'vitest';
import { loadRequest } from '../../src/domain/approvals/requests.js';
import { useHarness, type Harness } from '../support/harness.js';
import { readsOf } from '../support/harness-reads.js';
import { actionOf, command, lastCard, press, textOfCard } from '../support/cards.js';
import { sandboxClient } from '../support/sandbox-client.js';

let h: Harness;
useHarness((started) => (h = started));

const { id, tagId, latestRequest } = readsOf(() => h);
const storedPayload = async (rid: number) =>
  JSON.parse(
    ((await h.sql.row('select payload from approval_requests where id = ?', rid)) as { payload: string }).payload,
  ) as Record<string, unknown>;

describe('a claim with several quantities', () => {
  it('/claim 成本控制 ; 采购成本降低 ; 15%, ¥100000 reaches the approver as 15% and ¥100,000', async () => {
    const jun = await id('he.jun');
    const fiona = await id('wang.fang');
    const sandbox = sandboxClient(h);
    await sandbox.send(jun, '/claim 成本控制 ; 采购成本降低 ; 15%, ¥100000');
    const rid = await latestRequest();
    expect(await storedPayload(rid)).toMatchObject({
      kind: 'point_claim',
      quantities: [
        { amount: 15, unit: 'percent', text: '15%' },
        { amount: 100000, unit: 'cny', text: '¥100000' },
      ],
    });
    const approverCard = textOfCard(await lastCard(h, fiona, `approval:${rid}`));
    expect(approverCard).toContain('15% · ¥100,000');
    // What the sandbox shows the approver, rendered.
    const shown = (await sandbox.messages(fiona))
      .filter((m) => m.from === 'bot')
      .map((m) => m.html ?? m.text ?? '')
      .join('\n');
    expect(shown).toContain('15% · ¥100,000');
    for (const text of [approverCard, shown]) {
      expect(text).not.toContain('15,100,000');
      expect(text).not.toContain('15100000');
    }
  });

  it('the form keeps a % typed with ¥ selected, and each reader sees the quantities in their language', async () => {
    const olivia = await id('olivia.brown');
    await command(h, olivia, 'claim');
    const r = await press(h, olivia, actionOf(await lastCard(h, olivia), 'claim.submit'), {
      tag: String(await tagId('成本控制')),
      description: 'Renegotiated the card fees',
      amount: '12%; 10万元 and 2.5 hours',
      unit: 'cny',
    });
    expect(r.outcome).toBe('handled');
    const rid = await latestRequest();
    expect((await loadRequest(h.app.db, rid))!.payload).toMatchObject({
      quantities: [
        { amount: 12, unit: 'percent' },
        { amount: 100000, unit: 'cny', text: '10万元' },
        { amount: 2.5, unit: 'hours' },
      ],
    });
    expect(textOfCard(await lastCard(h, olivia, `approval:${rid}`))).toContain('12% · ¥100,000 · 2.5 hours');
    expect(textOfCard(await lastCard(h, await id('wang.fang'), `approval:${rid}`))).toContain(
      '12% · ¥100,000 · 2.5 小时',
    );
  });

  it('an ambiguous value is refused, quoting what was understood, and nothing is submitted', async () => {
    const jun = await id('he.jun');
    const before = await latestRequest();
    await command(h, jun, 'claim', '成本控制 ; 采购成本降低 ; 15%, 1,50');
    const error = textOfCard(await lastCard(h, jun));
    expect(error).toContain('已识别：15%。');
    expect(error).toContain('“1,50”有歧义');
    await command(h, jun, 'claim');
    const r = await press(h, jun, actionOf(await lastCard(h, jun), 'claim.submit'), {
      tag: String(await tagId('成本控制')),
      description: '采购成本降低',
      amount: '15%, ¥100000, 以及更多',
      unit: 'cny',
    });
    expect(r.outcome).toBe('invalid');
    expect(r.fieldErrors).toEqual({
      amount:
        '已识别：15%和¥100,000。无法识别“以及更多”。每个数值请带上单位，例如 15%、¥100,000 或 2.5 小时，多个数值用逗号分开。',
    });
    expect(await latestRequest()).toBe(before);
  });

  it('a claim stored before quantities (one amount, one unit) still loads, shows and can be decided', async () => {
    const jun = await id('he.jun');
    const fiona = await id('wang.fang');
    await command(h, jun, 'claim', '成本控制 ; 包装费用下降 ; ¥1');
    const rid = await latestRequest();
    const { quantities: _, ...rest } = await storedPayload(rid);
    await h.sql.run(
      'update approval_requests set payload = ? where id = ?',
      JSON.stringify({ ...rest, amount: 30000, unit: 'cny' }),
      rid,
    );
    expect((await loadRequest(h.app.db, rid))!.payload).toMatchObject({
      quantities: [{ amount: 30000, unit: 'cny', text: '30000' }],
    });
    const approve = actionOf(await lastCard(h, fiona, `approval:${rid}`), 'approval.approve');
    expect((await press(h, fiona, approve)).outcome).toBe('handled');
    expect(textOfCard(await lastCard(h, fiona, `approval:${rid}`))).toContain('¥30,000');
  });
});

describe('the tags card', () => {
  const KEYS = ['efficiency', 'collaboration', 'impact', 'innovation', 'people'];
  // Category headings: a bold line of its own in the card's markdown (as JSON: after a quote or a \n).
  const headings = (card: string) => [...card.matchAll(/(?:"|\\n)\*\*([^*#]+)\*\*(?=\\n)/g)].map((m) => m[1]);

  it("names each category in the reader's language, never by its key", async () => {
    const jun = await id('he.jun');
    await command(h, jun, 'tags');
    const zh = textOfCard(await lastCard(h, jun));
    expect(headings(zh)).toEqual(['效率', '协作', '业务影响', '创新', '人才']);
    for (const key of KEYS) expect(zh).not.toContain(key);
    expect(zh).toContain('成本控制** · 100 积分（审批人可调整为 50–150）');

    const olivia = await id('olivia.brown');
    await command(h, olivia, 'tags');
    const en = textOfCard(await lastCard(h, olivia));
    expect(headings(en)).toEqual(['Efficiency', 'Collaboration', 'Business impact', 'Innovation', 'People']);
    for (const key of KEYS) expect(en).not.toMatch(new RegExp(`[·(] ?${key}\\b`));
    expect(en).toContain('Cost control** · 100 points (approvers may give 50–150)');
  });
});
