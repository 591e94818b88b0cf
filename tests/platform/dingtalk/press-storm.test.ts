// Issue 17 item 4 on DingTalk, end to end through the real adapter and stream client against the emulator:
// 50 taps of Approve on one interactive card arrive at once. One decision is taken; the stale taps are
// refused to the presser alone and change no card; the card instance is updated (PUT /v1.0/card/instances)
// a bounded number of times — never once per tap (DingTalk allows 20 such calls a second).
import { describe, expect, it, vi } from 'vitest';
import type { Harness } from '../../support/harness.js';
import { readsOf } from '../../support/harness-reads.js';
import {
  approvalCardOf,
  buttonParams,
  dingId,
  sayAs,
  robotTextsTo,
  useLinkedDingTalkE2E,
  wait,
  type DingTalkE2E,
} from './e2e-kit.js';
import { cardCallback, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import { t } from '../../../src/i18n/index.js';

let emu: DingTalkEmulator;
let h: Harness;
let kit: DingTalkE2E | undefined;
const people = ['zhang.wei', 'li.ming'];
const TAPS = 50;

useLinkedDingTalkE2E(people, (started) => {
  kit = started;
  ({ emu, h } = started);
});

const { latestRequest } = readsOf(() => h);
const textsTo = (user: string) => robotTextsTo(kit!, user);

describe('DingTalk: a throttled redraw of the tapped card', () => {
  it('is waited out and drawn (two QPS refusals), or the person is told it could not be (a longer run, which the outbox waits out for its own update)', async () => {
    await sayAs(kit!, 'zhang.wei', '/claim 流程优化 ; Shorter stand-ups ; 2 hours');
    const first = await approvalCardOf(kit!, 'li.ming', await latestRequest());
    const before = first.updates;
    emu.api.throttleNext('/v1.0/card/instances', 'qps', 2);
    const f1 = emu.pushCardCallback(
      cardCallback({
        userId: dingId('li.ming'),
        outTrackId: first.outTrackId,
        params: buttonParams(first, 'approval.approve'),
      }),
    );
    await vi.waitFor(() => expect(kit!.outcomes.get(`card:${f1}`)).toEqual(['handled']), wait);
    await vi.waitFor(() => expect(emu.api.cards.get(first.outTrackId)!.updates).toBeGreaterThan(before), {
      ...wait,
      timeout: 10_000,
    });

    await sayAs(kit!, 'zhang.wei', '/claim 流程优化 ; Shorter hand-overs ; 1 hours');
    const second = await approvalCardOf(kit!, 'li.ming', await latestRequest());
    const told = textsTo('li.ming').length;
    emu.api.throttleNext('/v1.0/card/instances', 'qps', 12);
    const f2 = emu.pushCardCallback(
      cardCallback({
        userId: dingId('li.ming'),
        outTrackId: second.outTrackId,
        params: buttonParams(second, 'approval.approve'),
      }),
    );
    await vi.waitFor(() => expect(kit!.outcomes.get(`card:${f2}`)).toEqual(['handled']), wait);
    const notice = [t('en', 'card.redrawFailed'), t('zh-CN', 'card.redrawFailed')];
    await vi.waitFor(
      () =>
        expect(
          textsTo('li.ming')
            .slice(told)
            .some((m) => notice.some((n) => m.includes(n))),
        ).toBe(true),
      { ...wait, timeout: 10_000 },
    );
    // The outbox's update of the same card waits the throttling out: nothing is lost.
    await h.drainOutbox();
    expect((await h.outbox()).filter((r) => r.status === 'dead')).toEqual([]);
  });
});

describe('DingTalk: 50 simultaneous taps on one approval card', () => {
  it('take one decision and update the card instance a bounded number of times', async () => {
    await sayAs(kit!, 'zhang.wei', '/claim 流程优化 ; Renegotiated the produce contract ; 15%');
    const rid = ((await h.sql.row('select max(id) as id from approval_requests')) as { id: number }).id;
    const c = await approvalCardOf(kit!, 'li.ming', rid);
    const params = buttonParams(c, 'approval.approve');
    const before = c.updates;

    const frames = Array.from({ length: TAPS }, () =>
      emu.pushCardCallback(cardCallback({ userId: dingId('li.ming'), outTrackId: c.outTrackId, params })),
    );
    await vi.waitFor(() => expect(frames.every((f) => kit!.outcomes.has(`card:${f}`))).toBe(true), {
      ...wait,
      timeout: 20_000,
    });
    expect(frames.filter((f) => kit!.outcomes.get(`card:${f}`)?.[0] === 'handled')).toHaveLength(1);
    await h.drainOutbox();

    expect(
      await h.sql.row("select count(*) as n from approval_decisions where request_id = ? and kind = 'approve'", rid),
    ).toEqual({ n: 1 });
    expect(
      ((await h.sql.row('select status from approval_requests where id = ?', rid)) as { status: string }).status,
    ).toBe('approved');
    const updates = emu.api.cards.get(c.outTrackId)!.updates - before;
    expect(updates).toBeGreaterThanOrEqual(1);
    expect(updates).toBeLessThanOrEqual(2);
  });
});
