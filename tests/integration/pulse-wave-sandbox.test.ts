// Issue 16 items 3, 4 and 10 in the sandbox chat: `/survey threshold 50` is refused; a 2-day and a 3-day
// wave state their planned reminders on the launch card and the scheduler (driven with a clock) sends them
// then, to the people who have not answered; `/survey remind <wave>` reminds exactly them, once a day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../cards/survey.js';
import { tick } from '../../src/bot/scheduler.js';
import { inTransaction } from '../../src/db/connection.js';
import { surveySealKey } from '../../src/db/seal-key.js';
import { getTemplate } from '../../src/domain/surveys/templates.js';
import { getWave, submitAnswers } from '../../src/domain/surveys/waves.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient, textOf } from '../support/sandbox-client.js';

let h: Harness;
let sb: ReturnType<typeof sandboxClient>;
beforeAll(async () => {
  h = await startHarness();
  sb = sandboxClient(h);
});
afterAll(async () => h?.stop());

const HOUR = 3_600_000;
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const hr = async () => await id('lin.xiaowen');
const lastWave = async () => ((await h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;
const participants = async (waveId: number) =>
  (
    (await h.sql.rows(
      'select employee_id as id from survey_participation where wave_id = ? order by employee_id',
      waveId,
    )) as { id: number }[]
  ).map((p) => p.id);
/** Reminder cards of a wave in the outbox, by recipient (sandbox identities are employee ids). */
const remindersTo = async (waveId: number) =>
  (await h.outbox())
    .filter(
      (r) =>
        r.cardKey === `survey:${waveId}` && (r.message.includes('温馨提醒') || r.message.includes('friendly reminder')),
    )
    .map((r) => Number((JSON.parse(r.recipient) as { platformUserId: string }).platformUserId))
    .sort((a, b) => a - b);

async function answer(waveId: number, employeeId: number) {
  const db = h.app.db;
  const template = (await getTemplate(db, (await getWave(db, waveId))!.templateId))!;
  const values = Object.fromEntries(template.items.map((i) => [`i${i.id}`, String(i.kind === 'enps' ? 8 : 4)]));
  const r = await inTransaction(
    db,
    async () => await submitAnswers(db, surveySealKey(h.app.config), { waveId, employeeId, values, now: new Date() }),
  );
  if (!r.ok) throw new Error(r.code);
}

describe('anonymity threshold from chat', () => {
  it('/survey threshold 50 is refused and changes nothing', async () => {
    await sb.send(await hr(), '/survey threshold 50');
    expect(textOf((await sb.lastBot(await hr())).html)).toContain('匿名阈值必须是 3 到 10 之间的整数');
    expect(await h.sql.row("select count(*) as n from settings where key = 'anonymity.k'")).toEqual({ n: 0 });
    expect(
      await h.sql.row("select count(*) as n from audit_log where action = 'settings.anonymity_threshold'"),
    ).toEqual({ n: 0 });
  });
});

describe('short waves: planned reminders, stated and sent', () => {
  const waves: Record<'two' | 'three', { id: number; opened: number; people: number[] }> = {} as never;

  it('the launch card of a 2-day and a 3-day wave states when reminders go out, and links to the wave page', async () => {
    const tz = h.app.config.defaultTimezone;
    for (const [key, command, hours] of [
      ['two', '/survey launch 产品研发部 2', [24, 36]],
      ['three', '/survey launch 财务部 3', [36, 54]],
    ] as const) {
      await sb.send(await hr(), command);
      const card = await sb.lastBot(await hr());
      const text = textOf(card.html);
      const waveId = await lastWave();
      const opened = new Date((await getWave(h.app.db, waveId))!.openedAt).getTime();
      waves[key] = { id: waveId, opened, people: await participants(waveId) };
      expect(text).toContain('调研已发起');
      expect(text).toContain('届时仍未作答的人会在以下时间收到提醒');
      for (const hh of hours) expect(text).toContain(formatDate(new Date(opened + hh * HOUR), 'zh-CN', tz));
      expect(card.html).toContain(`/app/hr/waves/${waveId}`);
    }
    expect(waves.two.people).toHaveLength(8);
    expect(waves.three.people).toHaveLength(4);
  });

  it('/survey remind reminds exactly the people who have not answered; a second one the same day is refused', async () => {
    const { id: waveId, people } = waves.two;
    await answer(waveId, people[0]!);
    await answer(waveId, people[1]!);
    await sb.send(await hr(), `/survey remind ${waveId}`);
    const sent = textOf((await sb.lastBot(await hr())).html);
    expect(sent).toContain('提醒已发送');
    expect(sent).toContain(`已提醒第 ${waveId} 轮中尚未作答的 6 人`);
    expect(await remindersTo(waveId)).toEqual(people.slice(2));
    await h.drainOutbox();
    expect(textOf((await sb.lastBot(people[5]!)).html)).toMatch(/温馨提醒|friendly reminder/);

    await sb.send(await hr(), `/survey remind ${waveId}`);
    const refused = textOf((await sb.lastBot(await hr())).html);
    expect(refused).toContain('未发送提醒');
    expect(refused).toContain(`第 ${waveId} 轮今天已经手动提醒过了`);
    expect(await remindersTo(waveId)).toHaveLength(6);
    expect(
      await h.sql.row(
        "select count(*) as n from audit_log where action = 'survey.remind' and subject = ?",
        String(waveId),
      ),
    ).toEqual({ n: 1 });

    // Not a wave, or no number: a clear answer, nothing sent.
    await sb.send(await hr(), '/survey remind 999');
    expect(textOf((await sb.lastBot(await hr())).html)).toContain('没有这个编号的调研轮次');
    // Only HR may remind.
    await sb.send(people[3]!, `/survey remind ${waveId}`);
    expect(await remindersTo(waveId)).toHaveLength(6);
  });

  it('the scheduler sends the planned reminders of both waves at their times, only to non-respondents', async () => {
    const config = h.app.config;
    const platforms = new Set(h.app.adapters.keys());
    const { two, three } = waves;
    const at = (w: { opened: number }, hours: number, extraMs = 0) => new Date(w.opened + hours * HOUR + extraMs);
    const before2 = (await remindersTo(two.id)).length;

    await tick(h.app.db, config, platforms, at(two, 24, -60_000));
    expect(await remindersTo(two.id)).toHaveLength(before2);
    expect(await remindersTo(three.id)).toHaveLength(0);

    // 2-day wave, half time: the 6 who have not answered.
    await tick(h.app.db, config, platforms, at(two, 24, 1000));
    expect(await remindersTo(two.id)).toHaveLength(before2 + 6);
    expect(await remindersTo(three.id)).toHaveLength(0);

    // 2-day wave's last day, and the 3-day wave's half time (one of Finance answered first). The 2-day wave's 6 had
    // the hand-sent reminder and the half-time one this week: the weekly cap (2 by default) holds back a third.
    await answer(three.id, three.people[0]!);
    await tick(h.app.db, config, platforms, at(three, 36, 1000));
    expect(await remindersTo(two.id)).toHaveLength(before2 + 6);
    expect(await remindersTo(three.id)).toEqual(three.people.slice(1));
    expect((await remindersTo(two.id)).filter((p) => p === two.people[0] || p === two.people[1])).toEqual([]);

    // Nothing more until the 3-day wave's last-day reminder.
    await tick(h.app.db, config, platforms, at(three, 54, -60_000));
    expect(await remindersTo(three.id)).toHaveLength(3);
    await tick(h.app.db, config, platforms, at(three, 54, 1000));
    expect(await remindersTo(three.id)).toHaveLength(6);
    expect(await remindersTo(two.id)).toHaveLength(before2 + 6);
  });
});
