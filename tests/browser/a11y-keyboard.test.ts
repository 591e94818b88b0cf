// Keyboard only, in headless Chromium on a phone-sized page (issue 19): a survey and a claim completed with
// Tab, arrows, Space and Enter. Every element that takes focus on the way shows a ring that stands out from
// what is behind it (computed outline or box-shadow, colour contrast ≥ 3:1 — WCAG 2.1 SC 1.4.11 for
// non-text contrast), the skip link is the first stop and moves focus to the content, and after a submit
// with mistakes focus is on the first invalid field, which is marked invalid and described by its error.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import { command } from '../support/cards.js';
import type { Harness } from '../support/harness.js';
import { focusRing, PHONE, signInAs, type FocusRing } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
let page: Page;

const one = async <T>(sql: string, ...args: unknown[]) => (await h.sql.row(sql, ...args)) as T;

useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
  const context = await browser.newContext(PHONE);
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
});

/** Rings that were missing or too faint, by element. */
const faint = (r: FocusRing) =>
  r.contrast >= 3 && (r.outline.split(' ')[0] !== 'none' || r.boxShadow !== 'none')
    ? []
    : [`${r.element}: ${r.outline} / ${r.boxShadow} (contrast ${r.contrast})`];

const active = (p: Page) =>
  p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      name: el?.getAttribute('name') ?? '',
      type: el?.getAttribute('type') ?? '',
      cls: el?.className ?? '',
      invalid: el?.getAttribute('aria-invalid') ?? '',
      describedBy: el?.getAttribute('aria-describedby') ?? '',
      inHeader: !!el?.closest('header'),
    };
  });

/** Tab until the focused element is the form's submit button, checking the ring of every stop. */
async function tabToSubmit(p: Page, problems: string[]): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await p.keyboard.press('Tab');
    problems.push(...faint(await focusRing(p)));
    const a = await active(p);
    if (a.tag === 'button' && a.type === 'submit') return;
  }
  throw new Error('the submit button was never reached with Tab');
}

/** From a fresh load: Tab lands on the skip link, the next Tab in the header (a white ring on the brand
 *  colour), and Enter on the skip link puts focus on the main content. */
async function skipToContent(p: Page, problems: string[]): Promise<void> {
  await p.keyboard.press('Tab');
  expect((await active(p)).cls).toContain('skip-link');
  await p.locator('.skip-link').waitFor({ state: 'visible' });
  problems.push(...faint(await focusRing(p)));
  await p.keyboard.press('Tab');
  expect((await active(p)).inHeader).toBe(true);
  problems.push(...faint(await focusRing(p)));
  await p.keyboard.press('Shift+Tab');
  await p.keyboard.press('Enter');
  expect((await active(p)).id).toBe('main');
}

describe('keyboard only', () => {
  it('a survey: the skip link, a submit with nothing chosen puts focus on question 1, then every answer by arrows and Space', async () => {
    const hr = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!;
    const sophia = (await h.employeeByEmail('sophia.lee@qingyun.example'))!;
    await command(h, hr.id, 'survey', 'launch 深圳南山店 5');
    const wave = (await one<{ id: number }>('select max(id) as id from survey_waves')).id;
    await signInAs(page, `${h.url}/app/survey/${wave}`, 'Sophia Lee');
    // Keyboard from a fresh load of the page (the sign-in picker was clicked).
    await page.reload();
    const form = page.locator('form.survey');
    await form.waitFor();
    const questions = form.locator('fieldset.question');
    expect(await questions.count()).toBe(10);
    // The scale says what its ends mean, in the question's own terms, and each end's radio is named by it.
    expect(await form.locator('[data-anchors="agree"]').first().innerText()).toMatch(
      /1 = Strongly disagree\s+5 = Strongly agree/,
    );
    expect(await form.locator('[data-anchors="likely"]').innerText()).toMatch(
      /0 = Not at all likely\s+10 = Extremely likely/,
    );
    expect(await page.getByRole('radio', { name: '1 Strongly disagree' }).count()).toBe(9);
    expect(await page.getByRole('radio', { name: '10 Extremely likely' }).count()).toBe(1);
    await form.locator('.survey-progress', { hasText: 'Answered 0 of 10' }).waitFor();

    const problems: string[] = [];
    await skipToContent(page, problems);
    await tabToSubmit(page, problems);
    await page.keyboard.press('Enter');

    // Nothing chosen: the summary names all ten questions, and focus is on question 1's first choice.
    const summary = form.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.locator('li').count()).toBe(10);
    // The legend reads "Question 1 of 10" (for screen readers), "1/10" (on screen), then the question.
    const firstQuestion = (await questions.first().locator('legend').innerText())
      .split('\n')
      .at(-1)!
      .replace(/^1\/10\s*/, '');
    expect(firstQuestion.length).toBeGreaterThan(10);
    expect(await summary.locator('li a').first().innerText()).toContain(firstQuestion);
    await expect.poll(async () => (await active(page)).type).toBe('radio');
    const first = await active(page);
    const firstField = await questions.first().getAttribute('data-field');
    expect(first).toMatchObject({ name: firstField, invalid: 'true', describedBy: `q-${firstField}-error` });
    expect(await page.locator(`#q-${firstField}-error`).innerText()).toBe('Please choose an answer.');
    const ring = await focusRing(page);
    // The radio is invisible; its label draws the ring.
    expect(ring.drawnBy).toMatch(/^label/);
    expect(faint(ring)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/a11y-keyboard-survey-invalid.png` });

    // Space picks the focused choice, arrows move along the scale, Tab goes to the next question.
    for (let q = 0; q < 10; q++) {
      if (q > 0) await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      for (let k = 0; k < (q === 9 ? 9 : 3); k++) await page.keyboard.press('ArrowRight');
      problems.push(...faint(await focusRing(page)));
    }
    await form.locator('.survey-progress', { hasText: 'Answered 10 of 10' }).waitFor();
    expect((await questions.locator('label.rate.on').allInnerTexts()).map((s) => s.trim())).toEqual([
      ...Array<string>(9).fill('4'),
      '9',
    ]);
    await page.keyboard.press('Tab');
    expect((await active(page)).id).toBe('comment');
    await page.keyboard.type('Rota changes come late.');
    await tabToSubmit(page, problems);
    await page.keyboard.press('Enter');
    await page.getByText('Thank you').first().waitFor();
    expect(problems).toEqual([]);
    // Recorded: sealed in the wave's pool, the person counted as having answered.
    expect((await one<{ n: number }>('select count(*) as n from survey_pool where wave_id = ?', wave)).n).toBe(1);
    expect(
      (
        await one<{ answered: number }>(
          'select answered from survey_participation where wave_id = ? and employee_id = ?',
          wave,
          sophia.id,
        )
      ).answered,
    ).toBe(1);
  });

  it('a claim: a submit with mistakes puts focus on the first invalid field; then filled in and sent by keyboard', async () => {
    const sophia = (await h.employeeByEmail('sophia.lee@qingyun.example'))!;
    const before = (
      await one<{ n: number }>('select count(*) as n from approval_requests where applicant_id = ?', sophia.id)
    ).n;
    await page.goto(`${h.url}/app/claim`);
    await page.locator('#tag').waitFor();
    const problems: string[] = [];
    await skipToContent(page, problems);
    await tabToSubmit(page, problems);
    await page.keyboard.press('Enter');

    const summary = page.locator('.error-summary');
    await summary.waitFor();
    // Focus is on the first field the server refused, in form order — the first one the summary names.
    const firstLink = summary.locator('li a').first();
    const target = (await firstLink.getAttribute('href'))!.slice(1);
    expect(target).toBe('tag');
    await expect.poll(async () => (await active(page)).id).toBe(target);
    const focused = await active(page);
    expect(focused.invalid).toBe('true');
    expect(focused.describedBy.split(' ')).toContain(`${target}-error`);
    const message = await page.locator(`#${target}-error`).innerText();
    expect(await summary.locator('li').first().innerText()).toContain(message);
    expect(await firstLink.innerText()).toBe(await page.locator(`label[for="${target}"]`).innerText());
    expect(faint(await focusRing(page))).toEqual([]);
    // Every invalid field is in the summary, and nothing else is marked invalid.
    const invalid = await page.locator('[aria-invalid="true"]').evaluateAll((els) => els.map((e) => e.id));
    const named = await summary.locator('li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!.slice(1)));
    expect(named).toEqual(invalid);
    await page.screenshot({ path: `${ARTIFACTS}/a11y-keyboard-claim-invalid.png` });

    // Fill in by keyboard from where focus is (the tag): the tag by arrow, then typing, Tab between fields.
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#tag').inputValue()).not.toBe('');
    await page.keyboard.press('Tab');
    expect((await active(page)).id).toBe('description');
    await page.keyboard.type('Renegotiated the produce contract');
    await page.keyboard.press('Tab');
    expect((await active(page)).id).toBe('amount');
    await page.keyboard.type('¥12000');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect((await active(page)).id).toBe('note');
    await page.keyboard.type('Typed by keyboard only');
    await tabToSubmit(page, problems);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app\/requests\/\d+\?submitted=1/);
    // The note (markdown in the chat's view of the request) reads as words, not "_Typed by keyboard only_".
    const description = page.locator('article.request .description');
    await description.locator('em', { hasText: 'Typed by keyboard only' }).waitFor();
    expect(await description.innerText()).not.toContain('_');
    expect(problems).toEqual([]);
    expect(
      (await one<{ n: number }>('select count(*) as n from approval_requests where applicant_id = ?', sophia.id)).n,
    ).toBe(before + 1);
  });
});
