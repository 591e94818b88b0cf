// The privacy notice: the first survey card a person gets says what is stored, who sees what, and the
// thresholds of that wave; later cards keep the short note. The mini-app's survey page has it too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient, textOf } from '../support/sandbox-client.js';
import { call, sandboxSession } from '../web/client.js';

let h: Harness;
let sb: ReturnType<typeof sandboxClient>;
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
beforeAll(async () => {
  h = await startHarness();
  sb = sandboxClient(h);
});
afterAll(async () => h?.stop());

describe('privacy notice', () => {
  it('is on the first survey card only, with the wave’s K and comment threshold, in the person’s language', async () => {
    const hr = await id('lin.xiaowen');
    await sb.send(hr, '/survey threshold comments 7');
    await sb.send(hr, '/survey launch 上海徐汇店 5');
    const first = textOf((await sb.lastBot(await id('guo.na'))).html);
    expect(first).toContain('你的回答如何处理');
    expect(first).toContain('至少 5 人的群体');
    expect(first).toContain('至少 7 人留言');
    await sb.send(hr, '/survey launch 上海徐汇店 5');
    const second = textOf((await sb.lastBot(await id('guo.na'))).html);
    expect(second).not.toContain('你的回答如何处理');
    expect(second).toContain('至少 5 人的群体'); // the short note stays
    // The mini-app form carries the thresholds the page's notice quotes.
    const wave = ((await h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;
    const s = await sandboxSession(h, await id('guo.na'));
    expect(
      (await call(h, 'GET', `/api/surveys/${wave}`, { session: s })).body.form as { k: number; commentK: number },
    ).toMatchObject({ k: 5, commentK: 7 });
  });
});
