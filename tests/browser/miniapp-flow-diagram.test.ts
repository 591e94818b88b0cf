// The flow editor's diagram (issue 24), in headless Chromium on a phone and a desktop, in both languages:
// the transfer flow drawn as start → its steps → approved; a step added with a condition appears at once with
// a dashed way past it; a `next` that jumps flags the step it leaves unreached; axe finds nothing serious.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { getFlow } from '../../src/domain/approvals/requests.js';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { auditedPage, axeFindings, DESKTOP, openAs, PHONE } from './miniapp-support.js';

let h: Harness;
let browser: Browser;

useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
  // Leo Zhao (admin) reads English; Sharon Lin (HR) Chinese.
  await h.sql.run("update employees set locale = 'en' where email = 'zhao.lei@qingyun.example'");
});

const diagramTexts = async (page: Page) =>
  await page
    .locator('#flow-diagram ol.fd-nodes > li')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText));

for (const [size, viewport] of [
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const)
  describe(`mini-app flow diagram (${size})`, () => {
    it('en: the transfer flow as boxes in order; a conditional step added appears with a dashed way past it', async () => {
      const { flow } = (await getFlow(h.app.db, 'transfer'))!;
      const page = await auditedPage(browser, viewport);
      await openAs(page, `${h.url}/app/hr/flows/transfer`, 'Leo Zhao');
      const diagram = page.locator('#flow-diagram');
      await diagram.getByText('The flow at a glance').waitFor();
      const texts = await diagramTexts(page);
      // Start, every step by its English name in order, approved.
      expect(texts).toHaveLength(flow.steps.length + 2);
      expect(texts[0]).toContain('The applicant submits');
      flow.steps.forEach((s, i) => expect(texts[i + 1]).toContain(s.name.en));
      expect(texts.at(-1)).toContain('Approved');
      expect(await diagram.locator('path.fd-skip').count()).toBe(flow.steps.filter((s) => s.when).length);

      const form = page.locator('form#flow-editor');
      await form.locator('#add-step').click();
      const i = flow.steps.length;
      await form.locator(`#step-${i}-nameEn`).fill('Finance check');
      await form.locator(`#step-${i}-conditional`).check();
      await form.locator(`#step-${i}-field`).selectOption('cost');
      await form.locator(`#step-${i}-value`).fill('5000');
      const added = diagram.locator(`li.fd-node[data-step="${i}"]`);
      await added.getByText('Finance check').waitFor();
      await added.getByText('Only when cost ≥ 5000; otherwise skipped').waitFor();
      expect(await added.getAttribute('class')).toContain('fd-conditional');
      expect(await diagram.locator('path.fd-skip').count()).toBe(flow.steps.filter((s) => s.when).length + 1);
      expect(await diagramTexts(page)).toHaveLength(flow.steps.length + 3);
      await page.screenshot({ path: `${ARTIFACTS}/miniapp-flow-diagram-${size}-en.png`, fullPage: true });
      expect((await axeFindings(page)).filter((f) => f.impact === 'serious' || f.impact === 'critical')).toEqual([]);
      await page.context().close();
    });

    it('zh-CN: a first step that jumps to the last leaves the steps between flagged as never reached', async () => {
      const { flow } = (await getFlow(h.app.db, 'transfer'))!;
      expect(flow.steps.length).toBeGreaterThanOrEqual(3);
      const page = await auditedPage(browser, { ...viewport, locale: 'zh-CN' });
      await openAs(page, `${h.url}/app/hr/flows/transfer`, 'Sharon Lin');
      const diagram = page.locator('#flow-diagram');
      await diagram.getByText('流程一览').waitFor();
      expect(await diagram.locator('.fd-unreachable').count()).toBe(0);
      const last = flow.steps.at(-1)!;
      await page.locator('#step-0-next').selectOption(last.id);
      await diagram.locator(`li.fd-node[data-step="0"]`).getByText(`之后：${last.name['zh-CN']}`).waitFor();
      const unreached = diagram.locator('.fd-unreachable');
      await unreached.first().waitFor();
      expect(await unreached.count()).toBe(flow.steps.length - 2);
      await unreached.first().getByText('永远不会到达：上面的步骤跳过了它').waitFor();
      // Nothing is saved by drawing.
      expect((await getFlow(h.app.db, 'transfer'))!.flow).toEqual(flow);
      await page.screenshot({ path: `${ARTIFACTS}/miniapp-flow-diagram-${size}-zh.png`, fullPage: true });
      await page.context().close();
    });

    it(`en: a parallel step (all must approve), CC to HR and a branch on cost are drawn and saved (${size})`, async () => {
      // A flow of its own per size: each run starts from the shipped version.
      const key = size === 'phone' ? 'point-claim' : 'redemption';
      const before = (await getFlow(h.app.db, key))!;
      const page = await auditedPage(browser, viewport);
      await openAs(page, `${h.url}/app/hr/flows/${key}`, 'Leo Zhao');
      const form = page.locator(`form#flow-editor[data-version="${before.version}"]`);
      await form.waitFor();
      const i = before.flow.steps.length;
      await form.locator('#add-step').click();
      await form.locator(`#step-${i}-nameZh`).fill('主管会签');
      await form.locator(`#step-${i}-nameEn`).fill('Leads together');
      await form.locator(`#step-${i}-type`).selectOption('people');
      const leads = ['chen.zhiyuan', 'lin.xiaowen'];
      const ids = await Promise.all(leads.map(async (u) => (await h.employeeByEmail(`${u}@qingyun.example`))!.id));
      await form.locator(`#step-${i}-people`).selectOption(ids.map(String));
      await form.locator(`#step-${i}-mode`).selectOption('all');
      await form.locator(`#step-${i}-cchr`).check();
      // The first step branches to the new one when the claimed points are 200 or more.
      await form.locator('fieldset.step[data-step="0"] [data-action="add-branch"]').click();
      await form.locator('#step-0-branch-0-field').selectOption('points');
      await form.locator('#step-0-branch-0-value').fill('200');
      await form.locator('#step-0-branch-0-next').selectOption(`step-${i + 1}`);
      const diagram = page.locator('#flow-diagram');
      const added = diagram.locator(`li.fd-node[data-step="${i}"]`);
      await added.getByText('All of them must approve (会签)').waitFor();
      await added.getByText('Informed: HR').waitFor();
      await diagram.locator('li.fd-node[data-step="0"]').getByText('If points ≥ 200: Leads together').waitFor();
      expect(await diagram.locator('path.fd-branch').count()).toBe(1);
      await page.screenshot({ path: `${ARTIFACTS}/miniapp-flow-branches-${size}-en.png`, fullPage: true });
      await form.getByRole('button', { name: 'Save flow' }).click();
      await page.locator('.notice.success', { hasText: `the flow is now version ${before.version + 1}` }).waitFor();
      const saved = (await getFlow(h.app.db, key))!.flow;
      expect(saved.steps[0]!.branches).toEqual([
        { when: { field: 'points', op: 'gte', value: 200 }, next: `step-${i + 1}` },
      ]);
      expect(saved.steps[i]).toMatchObject({
        id: `step-${i + 1}`,
        approver: { type: 'people', employeeIds: expect.arrayContaining(ids) },
        mode: 'all',
        cc: [{ type: 'role', role: 'hr' }],
      });
      // Reloaded, the form shows what was saved (nothing dropped on the way back).
      await page.reload();
      await page.locator(`form#flow-editor[data-version="${before.version + 1}"]`).waitFor();
      expect(await page.locator(`#step-${i}-mode`).inputValue()).toBe('all');
      expect(await page.locator('#step-0-branch-0-value').inputValue()).toBe('200');
      await page.context().close();
    });
  });
