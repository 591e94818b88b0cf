// Shared steps of the mini-app browser tests: a phone-sized page, signing in through the sandbox persona
// picker (which also proves the page comes back to where it was sent from), and answering and closing a
// survey wave through the domain (results exist only once a wave is closed).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type AxeCore from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { inTransaction } from '../../src/db/connection.js';
import { surveySealKey } from '../../src/db/seal-key.js';
import { closeWave, submitAnswers } from '../../src/domain/surveys/waves.js';
import type { Harness } from '../support/harness.js';

export const PHONE = { viewport: { width: 390, height: 844 }, locale: 'en-US' } as const;

export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext(PHONE);
  // Fail with the locator's name well before the test's own timeout.
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

/** Open an app URL while signed out: the app sends us to sign-in; pick the person; back to the URL. */
export async function openAs(page: Page, url: string, personName: string): Promise<void> {
  await page.goto(url);
  await page.waitForURL(/\/app\/signin\?next=/);
  await page.locator('button.person', { hasText: personName }).click();
  const path = new URL(url).pathname;
  await page.waitForURL((u) => u.pathname === path);
  // On phones the name sits in the header's account menu (closed): present, not necessarily visible.
  await page.locator('header.top .who', { hasText: personName }).waitFor({ state: 'attached' });
}

/** Follow a menu entry by its label at any size: the sidebar on a desktop; on a phone the bottom tab bar,
 *  or the "me" or "manage" tab's page that lists it (issue 19: the sidebar is hidden on phones). */
export async function openMenuEntry(page: Page, name: string): Promise<void> {
  const sidebar = page.locator('nav.sidebar');
  if (await sidebar.isVisible()) return sidebar.getByRole('link', { name, exact: true }).click();
  const bar = page.locator('nav.tabbar');
  const direct = bar.getByRole('link', { name, exact: true });
  if ((await direct.count()) > 0) return direct.click();
  for (const tab of ['me', 'manage']) {
    const entry = bar.locator(`a[data-tab="${tab}"]`);
    if ((await entry.count()) === 0) continue;
    await entry.click();
    await page.waitForURL((u) => u.pathname === `/app/${tab}`);
    const link = page.locator('main').getByRole('link', { name, exact: true });
    if ((await link.count()) > 0) return link.click();
  }
  throw new Error(`no menu entry "${name}"`);
}

/** Answer a wave as a person, as the chat card or the app would (sealed in the wave's pool until close). */
export async function answerAs(
  h: Harness,
  waveId: number,
  employeeId: number,
  values: Record<string, string>,
  now = new Date(),
): Promise<void> {
  const db = h.app.db;
  const r = await inTransaction(
    db,
    async () => await submitAnswers(db, surveySealKey(h.app.config), { waveId, employeeId, values, now }),
  );
  if (!r.ok) throw new Error(`answering wave ${waveId} as ${employeeId}: ${r.code}`);
}

/** The first `count` people asked in a wave (by employee id) answer, as they would from chat or the app:
 *  `value(item, n)` is the n-th of them's answer (n from 0) to each item. Returns who answered. */
export async function firstAnswer(
  h: Harness,
  waveId: number,
  count: number,
  value: (item: { id: number; kind: string }, n: number) => string,
): Promise<number[]> {
  const items = await h.sql.rows<{ id: number; kind: string }>(
    'select i.id, i.kind from survey_items i join survey_waves w on w.template_id = i.template_id where w.id = ? order by i.position',
    waveId,
  );
  const people = await h.sql.rows<{ id: number }>(
    'select employee_id as id from survey_participation where wave_id = ? order by employee_id limit ?',
    waveId,
    count,
  );
  for (const [n, p] of people.entries())
    await answerAs(h, waveId, p.id, Object.fromEntries(items.map((i) => [`i${i.id}`, value(i, n)])));
  return people.map((p) => p.id);
}

/** Close a wave now (as the scheduler does at its close date): its results are computed and published. */
export async function closeWaveNow(h: Harness, waveId: number): Promise<void> {
  const db = h.app.db;
  const r = await inTransaction(
    db,
    async () => await closeWave(db, surveySealKey(h.app.config), waveId, new Date(), { kind: 'system' }),
  );
  if (!r.ok) throw new Error(`closing wave ${waveId}: ${r.code}`);
}

// ---- Accessibility checks (issue 19): axe-core in the page, the visible focus ring, the reader's language.

export const DESKTOP = { viewport: { width: 1440, height: 900 }, locale: 'en-US' } as const;

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A page of the given size whose every document carries axe-core (injected before the app's scripts). */
export async function auditedPage(
  browser: Browser,
  size: { viewport: { width: number; height: number }; locale: string },
): Promise<Page> {
  const context = await browser.newContext(size);
  context.setDefaultTimeout(10_000);
  await context.addInitScript({ content: AXE_SOURCE });
  return context.newPage();
}

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The WCAG 2.0/2.1 level A and AA rules of axe-core on the current document. */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof AxeCore }).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}

/** The person's language, as the app's language switch sets it (the next load renders in it). */
export async function setLocaleOf(page: Page, locale: 'en' | 'zh-CN'): Promise<void> {
  const status = await page.evaluate(async (l) => {
    const me = (await (await fetch('/api/me')).json()) as { csrf: string };
    const r = await fetch('/api/me/locale', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf },
      body: JSON.stringify({ locale: l }),
    });
    return r.status;
  }, locale);
  if (status !== 200) throw new Error(`setting the locale to ${locale}: HTTP ${status}`);
}

export interface FocusRing {
  /** The focused element: tag, id, name and text, to say which one it was. */
  element: string;
  /** The element that draws the ring (a visually hidden radio's label, otherwise the element itself). */
  drawnBy: string;
  outline: string;
  boxShadow: string;
  /** Contrast between the ring's colour and the background behind it (1 = invisible). */
  contrast: number;
}

/** How the focused element shows its focus (computed styles). A ring is visible when it is drawn (outline
 *  style other than none, width ≥ 2px, or a box-shadow) and its colour stands out from what is behind it. */
export async function focusRing(page: Page): Promise<FocusRing> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement))
      return { element: 'none', drawnBy: 'none', outline: 'none', boxShadow: 'none', contrast: 1 };
    const rgb = (c: string): [number, number, number, number] => {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : [0, 0, 0, 0];
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const hiddenControl = el instanceof HTMLInputElement && Number(getComputedStyle(el).opacity) === 0;
    const ring = hiddenControl ? (el.closest('label') ?? el) : el;
    const s = getComputedStyle(ring);
    // What is behind the ring: the first ancestor with an opaque background (the ring is drawn outside).
    let bg: [number, number, number, number] = [255, 255, 255, 1];
    for (let p = ring.parentElement; p; p = p.parentElement) {
      const c = rgb(getComputedStyle(p).backgroundColor);
      if (c[3] >= 0.99) {
        bg = c;
        break;
      }
    }
    const drawn = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    const color = drawn
      ? rgb(s.outlineColor)
      : s.boxShadow !== 'none'
        ? rgb(s.boxShadow)
        : ([0, 0, 0, 0] as [number, number, number, number]);
    const [a, b] = [lum(color), lum(bg)];
    const contrast = color[3] === 0 ? 1 : (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const name = (x: HTMLElement) =>
      `${x.tagName.toLowerCase()}${x.id ? `#${x.id}` : ''}${x.getAttribute('name') ? `[name=${x.getAttribute('name')}]` : ''} "${(x.textContent ?? '').trim().slice(0, 30)}"`;
    return {
      element: name(el),
      drawnBy: name(ring),
      outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
      boxShadow: s.boxShadow,
      contrast: Math.round(contrast * 100) / 100,
    };
  });
}

/** openAs, without depending on where the layout shows the name (a phone may keep it in a menu): waits for
 *  the signed-in shell (the element carrying data-me) instead of a visible name in the header. */
export async function signInAs(page: Page, url: string, personName: string): Promise<void> {
  await page.goto(url);
  await page.waitForURL(/\/app\/signin\?next=/);
  await page.locator('button.person', { hasText: personName }).click();
  const path = new URL(url).pathname;
  await page.waitForURL((u) => u.pathname === path);
  await page.locator('[data-me]').first().waitFor({ state: 'attached' });
}
