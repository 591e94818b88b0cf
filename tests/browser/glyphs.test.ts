// Status glyphs (✅ ❌ ⏳ …) must be visible where no emoji font is installed — this machine has none, so a
// raw emoji would be drawn as an empty box or nothing. In the sandbox chat and the mini-app, on a phone and
// a desktop, every glyph of HR's turnaround report is an SVG icon with ink on screen, no raw emoji is left
// in the text, and every page's icon (favicon) is served instead of a 404.
import { describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { GLYPH_ICONS } from '../../cards/glyphs.js';
import { useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { decodePng, inkPixels } from '../support/png.js';
import { timedClaim } from '../support/timed-claims.js';
import { openAs } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
  // Two claims for the report to count: one approved, one still open.
  await timedClaim(h, 'zhang.wei', 0, 0);
  await timedClaim(h, 'liu.yang', 0);
});

const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1440, height: 900 } } as const;
const RAW_GLYPH = new RegExp(`[${Object.keys(GLYPH_ICONS).join('')}]`, 'u');

async function pageAt(viewport: { width: number; height: number }): Promise<{ page: Page; failed: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  return { page, failed };
}

/** Each glyph icon in `scope` is an SVG with visible ink, and the text holds no raw emoji. */
async function expectInkedGlyphs(scope: Locator, icon: string, atLeast: number): Promise<void> {
  const icons = scope.locator(icon);
  expect(await icons.count()).toBeGreaterThanOrEqual(atLeast);
  for (let i = 0; i < (await icons.count()); i++) {
    const shot = decodePng(await icons.nth(i).screenshot());
    expect(inkPixels(shot), `icon ${i} of ${icon} has ink`).toBeGreaterThan(8);
  }
  expect(await scope.innerText()).not.toMatch(RAW_GLYPH);
}

async function expectFavicon(page: Page): Promise<void> {
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toBeTruthy();
  const r = await page.evaluate(async (u) => {
    const res = await fetch(u!);
    return { status: res.status, type: res.headers.get('content-type') ?? '' };
  }, href);
  expect(r).toEqual({ status: 200, type: expect.stringContaining('image/svg+xml') });
  expect((await page.request.get(`${h.url}/favicon.ico`)).status()).toBe(200);
}

describe('status glyphs and page icons without an emoji font', () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`sandbox chat (${name}): the turnaround card's ✅ ❌ ⏳ are drawn icons`, async () => {
      const { page, failed } = await pageAt(viewport);
      const sharon = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!;
      // Typed before the page has signed in, the send would be answered 401 and retried (the page's design);
      // wait for the sign-in so that the only requests that fail are real failures.
      const signedIn = page.waitForResponse((r) => r.url().endsWith('/api/auth/sandbox'));
      await page.goto(`${h.url}/sandbox?person=${sharon.id}&lang=zh-CN`);
      expect((await signedIn).ok()).toBe(true);
      await page.getByTestId('composer').fill('/report approvals');
      await page.getByTestId('composer').press('Enter');
      const card = page.locator('.msg.bot article.card').last();
      await card.locator('svg.glyph').first().waitFor();
      await expectInkedGlyphs(card, 'svg.glyph', 3);
      await expectFavicon(page);
      expect(failed).toEqual([]);
      await page.context().close();
    });

    it(`mini-app (${name}): HR's turnaround page draws its glyphs as icons`, async () => {
      const { page, failed } = await pageAt(viewport);
      await openAs(page, `${h.url}/app/hr/turnaround`, 'Sharon Lin');
      const flow = page.locator('article.flow-turnaround').first();
      await flow.waitFor();
      await expectInkedGlyphs(flow, '.glyph-icon svg', 3);
      await expectFavicon(page);
      // The sign-in step answers 401 to the first /api/me by design; nothing else may fail.
      expect(failed.filter((f) => !/\/api\/me$/.test(f))).toEqual([]);
      await page.context().close();
    });
  }
});
