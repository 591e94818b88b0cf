// The conversation on a comment from both sides, in headless Chromium (issue 23 item 1): an employee answers with
// a comment, the wave closes, the team replies from the report, the clock passes the batch, the author opens their
// conversation (no sign-in: the key is all it sends), sees the reply and answers; after the next batch the team
// sees it; the author closes; after its batch the team's reply box is gone, the page says closed.
// In English on a desktop (HR, the author answering in the app) and in zh-CN on a phone (the unit's head from the
// team page, the author opening the chat link with the key in its address). Screenshots in test-artifacts/.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Request } from 'playwright-core';
import { inTransaction } from '../../src/db/connection.js';
import { conversationSealKey, surveySealKey } from '../../src/db/seal-key.js';
import { releaseDue } from '../../src/domain/surveys/conversations.js';
import { submitAnswers } from '../../src/domain/surveys/waves.js';
import { ARTIFACTS, launchBrowser } from '../support/browser.js';
import { startHarness, type Harness } from '../support/harness.js';
import { closeNow, launchTo } from '../support/pulse.js';
import { axeFindings, DESKTOP, openAs, PHONE, setLocaleOf } from './miniapp-support.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let clock = new Date('2026-12-01T01:00:00Z');
let h: Harness;
let browser: Browser;

beforeAll(async () => {
  h = await startHarness({ now: () => clock, env: { SESSION_IDLE_MINUTES: '1440', SESSION_MAX_HOURS: '720' } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
/** The scheduler's minute tick, at the test's clock: the batches whose time has come are delivered. */
const tick = async () =>
  await inTransaction(h.app.db, async () => await releaseDue(h.app.db, conversationSealKey(h.app.config), clock));

async function pageOf(size: typeof PHONE | typeof DESKTOP, locale: string): Promise<Page> {
  // The company's zone, so the batch labels read as the people there see them (10:00 and 16:00).
  const context = await browser.newContext({ ...size, locale, timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(10_000);
  await context.addInitScript({ content: AXE });
  const page = await context.newPage();
  // The author's close asks first.
  page.on('dialog', (d) => void d.accept());
  return page;
}

/** A wave to 产品研发部 launched at `at`; everyone but `except` answers with a comment, as from the chat card. */
async function waveWithComments(at: Date, except: number[]) {
  clock = at;
  const w = await launchTo(h.app.db, '产品研发部', at);
  let n = 0;
  for (const person of w.people.filter((p) => !except.includes(p))) {
    n++;
    const r = await inTransaction(
      h.app.db,
      async () =>
        await submitAnswers(h.app.db, surveySealKey(h.app.config), {
          waveId: w.wave.id,
          employeeId: person,
          values: { ...w.values(3), comment: `note ${n} about planning` },
          now: new Date(at.getTime() + n * 60_000),
        }),
    );
    expect(r.ok).toBe(true);
  }
  return w;
}

const close = async (waveId: number, at: Date) => {
  clock = at;
  await closeNow(h.app.db, waveId, surveySealKey(h.app.config), at);
};

/** axe-core's serious and critical WCAG 2.1 A/AA findings on the page as it is (the other a11y tests' bar). */
const seriousFindings = async (page: Page) =>
  (await axeFindings(page))
    .filter((f) => f.impact === 'serious' || f.impact === 'critical')
    .map((f) => `${f.rule}: ${f.targets.slice(0, 3).join(' | ')}`);

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${ARTIFACTS}/miniapp-conversation-${name}.png`, fullPage: true });

/** The thread page's messages as [side, pending, text]. */
const messagesOf = async (page: Page) =>
  await page
    .locator('.conv-msg')
    .evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-side'), e.getAttribute('data-pending'), e.lastChild?.textContent ?? '']),
    );

describe('mini-app: the conversation thread from both sides', () => {
  it('desktop, English: the author answers in the app, HR replies from the report', async () => {
    const authorId = await id('emily.carter');
    const w = await waveWithComments(new Date('2026-12-01T01:00:00Z'), [authorId]);
    const COMMENT = 'Friday releases leave no time to test';

    // The author answers in the app, with a comment: the page keeps their conversation on this device.
    clock = new Date('2026-12-01T02:00:00Z');
    const author = await pageOf(DESKTOP, 'en-US');
    await openAs(author, `${h.url}/app/survey/${w.wave.id}`, 'Emily Carter');
    // The form arrives after the page: wait for it before listing its questions.
    await author.locator('fieldset.question').first().waitFor();
    const questions = await author.locator('fieldset.question').all();
    expect(questions.length).toBeGreaterThan(1);
    for (const q of questions) await q.locator('label.rate').nth(3).click();
    await author.locator('#comment').fill(COMMENT);
    await author.locator('form.survey button[type="submit"]').click();
    const link = author.getByRole('link', { name: 'Open my conversation' });
    await link.waitFor();
    const kept = await author.evaluate(() => localStorage.getItem('vitality.conversations'));
    expect(JSON.parse(kept ?? '[]')).toEqual([{ key: expect.stringMatching(/^[\w-]{32}$/), preview: COMMENT }]);
    await shot(author, 'answered-desktop-en');
    await close(w.wave.id, new Date('2026-12-01T06:00:00Z'));

    // 2026-12-02 11:00 in Shanghai: HR replies from the report; the message waits for the 16:00 batch.
    clock = new Date('2026-12-02T03:00:00Z');
    const hr = await pageOf(DESKTOP, 'en-US');
    await openAs(hr, `${h.url}/app/hr/report?wave=${w.wave.id}`, '林晓雯 Sharon Lin');
    await setLocaleOf(hr, 'en');
    await hr.reload();
    const comment = hr.locator('ul.comments li[data-comment]', { hasText: COMMENT });
    await comment.getByRole('button', { name: 'Reply' }).click();
    await shot(hr, 'report-reply-desktop-en');
    // An empty reply: the server's message at the field, nothing sent.
    await comment.getByRole('button', { name: 'Send' }).click();
    await comment.getByText('Write between 1 and 1000 characters.').waitFor();
    await comment.getByLabel('Reply to this comment').fill('Thank you. Which Friday step hurts most?');
    await comment.getByRole('button', { name: 'Send' }).click();
    await hr.waitForURL(/\/app\/hr\/conversations\/\d+$/);
    const threadUrl = hr.url();
    await hr.locator('.conv-comment', { hasText: COMMENT }).waitFor();
    await hr.locator('.conv-batch[data-pending="true"]').waitFor();
    expect(await hr.locator('.conv-batch').textContent()).toMatch(/^Will be delivered at .*4:00/);
    expect(await messagesOf(hr)).toEqual([['team', 'true', 'Thank you. Which Friday step hurts most?']]);
    await shot(hr, 'team-sent-desktop-en');
    expect(await seriousFindings(hr)).toEqual([]);

    // Past the batch: the author opens their conversation (from this device's list), sees the reply and answers.
    clock = new Date('2026-12-02T08:30:00Z');
    await tick();
    await link.click();
    await author.locator('.conv-msg[data-side="team"]').waitFor();
    expect(await messagesOf(author)).toEqual([['team', 'false', 'Thank you. Which Friday step hurts most?']]);
    expect(await author.locator('.conv-msg .who').first().textContent()).toBe('Team');
    await author.getByLabel('Your message').fill('The code freeze at 15:00.');
    await author.getByRole('button', { name: 'Send' }).click();
    await author.locator('.conv-msg[data-side="author"][data-pending="true"]').waitFor();
    expect(await author.locator('.conv-batch[data-pending="true"]').textContent()).toMatch(
      /^Will be delivered at .*10:00/,
    );
    await shot(author, 'author-replied-desktop-en');
    expect(await seriousFindings(author)).toEqual([]);

    // HR does not see it before the next batch (10:00), then does.
    await hr.reload();
    await hr.locator('.conv-msg').first().waitFor();
    expect(await messagesOf(hr)).toHaveLength(1);
    clock = new Date('2026-12-03T02:01:00Z');
    await tick();
    await hr.reload();
    await hr.locator('.conv-msg[data-side="author"]').waitFor();
    expect(await messagesOf(hr)).toEqual([
      ['team', 'false', 'Thank you. Which Friday step hurts most?'],
      ['author', 'false', 'The code freeze at 15:00.'],
    ]);
    await shot(hr, 'team-sees-answer-desktop-en');
    // HR's list of conversations marks it as waiting for an answer.
    await hr.getByRole('link', { name: 'All conversations' }).click();
    const listed = hr.locator('.conv-list li[data-awaiting="true"]', { hasText: COMMENT });
    await listed.getByText('The author wrote last: waiting for your answer').waitFor();
    expect(await hr.locator('.conv-list li').count()).toBe(1);
    expect(await seriousFindings(hr)).toEqual([]);
    await shot(hr, 'team-list-desktop-en');

    // The author closes; HR can still write until the close's batch, then sees it closed, with no reply box.
    await author.reload();
    await author.getByRole('button', { name: 'Close the conversation' }).click();
    await author.locator('[data-closed="true"]').waitFor();
    expect(await author.getByLabel('Your message').count()).toBe(0);
    await shot(author, 'author-closed-desktop-en');
    await hr.goto(threadUrl);
    await hr.getByLabel('Your message').waitFor();
    clock = new Date('2026-12-03T08:00:01Z');
    await tick();
    await hr.goto(threadUrl);
    await hr.locator('[data-closed="true"]').waitFor();
    expect(await hr.locator('[data-closed="true"]').textContent()).toMatch(/^The author closed this conversation on/);
    expect(await hr.getByLabel('Your message').count()).toBe(0);
    await shot(hr, 'team-closed-desktop-en');
    await author.context().close();
    await hr.context().close();
  });

  it('phone, zh-CN: the author opens the chat link, the unit head replies from the team page', async () => {
    const authorId = await id('liu.yang');
    const w = await waveWithComments(new Date('2026-12-08T01:00:00Z'), [authorId]);
    const COMMENT = '周五发布太赶,测试时间不够';
    // The author answers from chat: the key is what the chat delivers to them, and only to them.
    clock = new Date('2026-12-08T02:00:00Z');
    const answered = await inTransaction(
      h.app.db,
      async () =>
        await submitAnswers(h.app.db, surveySealKey(h.app.config), {
          waveId: w.wave.id,
          employeeId: authorId,
          values: { ...w.values(2), comment: COMMENT },
          now: clock,
        }),
    );
    if (!answered.ok || !answered.replyKey) throw new Error('no reply key');
    const key = answered.replyKey;
    await close(w.wave.id, new Date('2026-12-08T06:00:00Z'));

    // 2026-12-09 11:00: the head of 产品研发部 answers from their team page.
    clock = new Date('2026-12-09T03:00:00Z');
    const head = await pageOf(PHONE, 'zh-CN');
    await openAs(head, `${h.url}/app/team`, '李明 Ming Li');
    const comment = head.locator('ul.comments li[data-comment]', { hasText: COMMENT });
    await comment.getByRole('button', { name: '回复' }).click();
    await comment.getByLabel('回复这条评论').fill('谢谢反馈,哪一步最赶?');
    await comment.getByRole('button', { name: '发送' }).click();
    await head.waitForURL(/\/app\/hr\/conversations\/\d+$/);
    await head.locator('.conv-batch[data-pending="true"]').waitFor();
    expect(await head.locator('.conv-batch').textContent()).toMatch(/^将于 .*16:00 送达$/);
    await shot(head, 'team-sent-phone-zh');
    expect(await seriousFindings(head)).toEqual([]);

    // Past the batch: the author opens the link from chat on their phone. No sign-in, no /api/me; the key leaves
    // the address bar for this device's storage and travels only in a POST body.
    clock = new Date('2026-12-09T08:30:00Z');
    await tick();
    const author = await pageOf(PHONE, 'zh-CN');
    const requests: Request[] = [];
    author.on('request', (r) => requests.push(r));
    await author.goto(`${h.url}/app/conversation#k=${key}`);
    await author.locator('.conv-msg[data-side="team"]').waitFor();
    expect(new URL(author.url()).hash).toBe('');
    expect(JSON.parse((await author.evaluate(() => localStorage.getItem('vitality.conversations'))) ?? '[]')).toEqual([
      { key, preview: COMMENT },
    ]);
    expect(await messagesOf(author)).toEqual([['team', 'false', '谢谢反馈,哪一步最赶?']]);
    expect(await author.locator('.conv-batch').textContent()).toMatch(/^已于 .*16:00 送达$/);
    await shot(author, 'author-opened-phone-zh');
    await author.getByLabel('你的消息').fill('下午三点的代码冻结。');
    await author.getByRole('button', { name: '发送' }).click();
    await author.locator('.conv-msg[data-side="author"][data-pending="true"]').waitFor();
    expect(await author.locator('.conv-batch[data-pending="true"]').textContent()).toMatch(/^将于 .*10:00 送达$/);
    await shot(author, 'author-replied-phone-zh');
    expect(await seriousFindings(author)).toEqual([]);

    // The team sees it after the next batch.
    clock = new Date('2026-12-10T02:01:00Z');
    await tick();
    await head.reload();
    await head.locator('.conv-msg[data-side="author"]').waitFor();
    expect((await messagesOf(head)).map((m) => m[2])).toEqual(['谢谢反馈,哪一步最赶?', '下午三点的代码冻结。']);
    await shot(head, 'team-sees-answer-phone-zh');

    // The author closes; after its batch the head's page says closed and offers no reply box.
    await author.getByRole('button', { name: '关闭对话' }).click();
    await author.locator('[data-closed="true"]').waitFor();
    await shot(author, 'author-closed-phone-zh');
    clock = new Date('2026-12-10T08:00:01Z');
    await tick();
    await head.reload();
    await head.locator('[data-closed="true"]').waitFor();
    expect(await head.locator('[data-closed="true"]').textContent()).toMatch(/^作者已于 .* 关闭此对话/);
    expect(await head.getByLabel('你的消息').count()).toBe(0);
    await shot(head, 'team-closed-phone-zh');

    // Nothing the author's page sent named them: no session request, and the key never in an address.
    const api = requests.filter((r) => new URL(r.url()).pathname.startsWith('/api/'));
    expect(api.map((r) => `${r.method()} ${new URL(r.url()).pathname}`)).toEqual(
      expect.arrayContaining(['POST /api/conversation/author', 'POST /api/conversation/author/reply']),
    );
    expect(api.every((r) => r.method() === 'POST' && r.url().startsWith(`${h.url}/api/conversation/author`))).toBe(
      true,
    );
    expect(requests.filter((r) => r.url().includes(key))).toEqual([]);
    await author.context().close();
    await head.context().close();
  });
});
