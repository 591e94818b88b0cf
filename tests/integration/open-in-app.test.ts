// Every card that leads somewhere carries an "Open in app" link to the mini-app page about the same thing:
// points and rewards, the approvals list, follow-ups, pulse reports (HR: the full report of that wave and
// unit; managers: their team page), ratings (a person's own result, the team report). Someone else's result
// gets no link (their page is not the reader's).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardView } from '../../cards/view.js';
import { startHarness, type Harness } from '../support/harness.js';
import { actionOf, command, lastCard, press } from '../support/cards.js';

let h: Harness;
let base: string;
beforeAll(async () => {
  h = await startHarness();
  base = `${h.app.config.publicBaseUrl}/app`;
});
afterAll(async () => h?.stop());

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
/** The URL buttons of a card labelled "Open in app" (either language). */
const appLinks = (c: CardView) =>
  c.blocks
    .flatMap((b) => (b.type === 'actions' ? b.buttons : []))
    .filter((b) => b.url && ['Open in app', '在应用中打开'].includes(b.label))
    .map((b) => b.url);

async function replyTo(user: string, name: string, args = ''): Promise<CardView> {
  await command(h, await id(user), name, args);
  await h.drainOutbox();
  return lastCard(h, await id(user));
}

describe('open-in-app links on cards', () => {
  it('points and rewards link to the rewards page', async () => {
    expect(appLinks(await replyTo('zhang.wei', 'points'))).toEqual([`${base}/rewards`]);
    expect(appLinks(await replyTo('zhang.wei', 'redeem'))).toEqual([`${base}/rewards`]);
  });

  it('the approvals list links to the approvals inbox', async () => {
    expect(appLinks(await replyTo('li.ming', 'approvals'))).toEqual([`${base}/approvals`]);
  });

  it('follow-ups link to the follow-ups page, the list and each follow-up card', async () => {
    expect(appLinks(await replyTo('li.ming', 'followup'))).toEqual([`${base}/followups`]);
    await command(
      h,
      await id('li.ming'),
      'followup',
      'add Fewer meetings on Fridays ; zhang.wei@qingyun.example ; 2099-01-31',
    );
    await h.drainOutbox();
    const owner = await lastCard(h, await id('zhang.wei'));
    expect(JSON.stringify(owner)).toContain('Fewer meetings on Fridays');
    expect(appLinks(owner)).toEqual([`${base}/followups`]);
  });

  it('a pulse report links HR to that wave and unit, and a manager to the team page', async () => {
    await command(h, await id('lin.xiaowen'), 'survey', 'launch 产品研发部 7');
    await h.drainOutbox();
    const hr = await replyTo('lin.xiaowen', 'report', 'pulse 产品研发部');
    const [link] = appLinks(hr);
    expect(link).toMatch(new RegExp(`^${base}/hr/report\\?wave=\\d+&unit=\\d+$`));
    expect(appLinks(await replyTo('li.ming', 'report', 'pulse'))).toEqual([`${base}/team`]);
  });

  it("a person's own rating result links to their ratings page; someone else's does not", async () => {
    await command(h, await id('lin.xiaowen'), 'rating', 'open store 深圳南山店 14');
    await h.drainOutbox();
    const cycle = ((await h.sql.row('select max(id) as id from rating_cycles')) as { id: number }).id;
    await command(h, await id('lin.xiaowen'), 'rating', `close ${cycle}`);
    // Nothing is rated: closing shows what is missing, and HR confirms.
    await press(h, await id('lin.xiaowen'), actionOf(await lastCard(h, await id('lin.xiaowen')), 'rating.close'));
    await h.drainOutbox();
    expect(appLinks(await lastCard(h, await id('ye.qing')))).toEqual([`${base}/ratings`]);
    expect(appLinks(await replyTo('ye.qing', 'ratings'))).toEqual([`${base}/ratings`]);
    expect(appLinks(await replyTo('lin.xiaowen', 'ratings', 'ye.qing@qingyun.example'))).toEqual([]);
    expect(appLinks(await replyTo('tom.harris', 'report', 'ratings'))).toEqual([`${base}/team/ratings`]);
  });
});
