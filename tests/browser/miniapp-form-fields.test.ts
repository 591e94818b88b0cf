// The request form editor and "Other requests" (issue 24) in headless Chromium, on a phone and a desktop, in both
// languages: HR creates the flow "设备申领 / Equipment request" with form fields (a repeated field key is answered
// at the key and nothing is saved), an employee opens it under "Other requests", a number that is not a number is
// answered at its field, the request is submitted, and the approver sees the labelled values.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { getFlow } from '../../src/domain/approvals/requests.js';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { auditedPage, DESKTOP, openAs, PHONE } from './miniapp-support.js';

let h: Harness;
let browser: Browser;

useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
  // Leo Zhao (admin) reads English; Sharon Lin (HR) and Yue Pan Chinese; Sophia Lee and Tom Harris English.
  await h.sql.run("update employees set locale = 'en' where email = 'zhao.lei@qingyun.example'");
});

/** One field of the editor's request form: labels, type, and what the type needs. */
async function addField(
  page: Page,
  i: number,
  f: { zh: string; en: string; type: string; required?: boolean; unit?: string; options?: [string, string][] },
) {
  await page.locator('#add-field').click();
  await page.locator(`#field-${i}-labelZh`).fill(f.zh);
  await page.locator(`#field-${i}-labelEn`).fill(f.en);
  await page.locator(`#field-${i}-type`).selectOption(f.type);
  if (f.required) await page.locator(`#field-${i}-required`).check();
  if (f.unit) await page.locator(`#field-${i}-unit`).fill(f.unit);
  for (const [j, [zh, en]] of (f.options ?? []).entries()) {
    // A new choice starts with one empty option.
    if (j > 0) await page.locator(`[data-field-index="${i}"] [data-action="option-add"]`).click();
    await page.locator(`#field-${i}-option-${j}-zh`).fill(zh);
    await page.locator(`#field-${i}-option-${j}-en`).fill(en);
  }
}

const CASES = [
  { size: 'phone', viewport: PHONE, hr: 'Sharon Lin', hrLang: 'zh', employee: 'Sophia Lee', empLang: 'en' },
  { size: 'desktop', viewport: DESKTOP, hr: 'Leo Zhao', hrLang: 'en', employee: 'Yue Pan', empLang: 'zh' },
] as const;

for (const c of CASES)
  describe(`mini-app request form fields (${c.size})`, () => {
    it(`HR (${c.hrLang}) defines "设备申领 / Equipment request"; an employee (${c.empLang}) submits it; the approver sees the values`, async () => {
      const key = `equipment-${c.size}`;
      const zh = c.hrLang === 'zh';
      const hr = await auditedPage(browser, c.viewport);
      await openAs(hr, `${h.url}/app/hr/flows`, c.hr);
      await hr.locator('#new-flow').click();
      await hr.waitForURL((u) => u.pathname === '/app/hr/flows/new');
      await hr.locator('#flow-nameZh').fill('设备申领');
      await hr.locator('#flow-nameEn').fill('Equipment request');
      await hr.locator('#flow-key').fill(key);
      await hr.locator('#step-0-nameZh').fill('直属上级');
      await hr.locator('#step-0-nameEn').fill('Manager');
      await addField(hr, 0, { zh: '设备', en: 'Item', type: 'text', required: true });
      await addField(hr, 1, { zh: '金额', en: 'Cost', type: 'number', required: true, unit: '¥' });
      await addField(hr, 2, {
        zh: '类别',
        en: 'Kind',
        type: 'choice',
        required: true,
        options: [
          ['笔记本', 'Laptop'],
          ['手机', 'Phone'],
        ],
      });
      // Reorder: the kind before the cost, and back.
      await hr.locator('[data-field-index="2"] [data-action="field-up"]').click();
      expect(await hr.locator('#field-1-labelEn').inputValue()).toBe('Kind');
      await hr.locator('[data-field-index="1"] [data-action="field-down"]').click();
      expect(await hr.locator('#field-1-labelEn').inputValue()).toBe('Cost');
      // A repeated key is answered at that field's key, and nothing is saved.
      await hr.locator('[data-field-index="1"] details.advanced summary').click();
      await hr.locator('#field-1-key').fill('field_1');
      await hr.locator('form#flow-editor button[type="submit"]').click();
      const keyField = hr.locator('[data-field="field-1-key"] .ferr');
      await keyField.waitFor();
      expect(await keyField.innerText()).toBe(
        zh
          ? '有两个字段（或一个选择题的两个选项）的标识相同。'
          : 'Two fields (or two options of a choice) have the same key.',
      );
      expect(await getFlow(h.app.db, key)).toBeUndefined();
      await hr.screenshot({ path: `${ARTIFACTS}/miniapp-form-fields-${c.size}-editor-error.png`, fullPage: true });
      await hr.locator('#field-1-key').fill('cost');
      await hr.locator('form#flow-editor button[type="submit"]').click();
      await hr.waitForURL((u) => u.pathname === `/app/hr/flows/${key}`);
      await hr
        .getByText(zh ? '已创建' : 'Created.', { exact: false })
        .first()
        .waitFor();
      // The saved flow shows its form again, in order.
      expect(await hr.locator('#field-2-labelEn').inputValue()).toBe('Kind');
      const saved = (await getFlow(h.app.db, key))!.flow;
      expect(saved.fields?.map((f) => [f.key, f.type, f.required])).toEqual([
        ['field_1', 'text', true],
        ['cost', 'number', true],
        ['field_3', 'choice', true],
      ]);
      expect(saved.fields?.[1]?.unit).toBe('¥');
      await hr.screenshot({
        path: `${ARTIFACTS}/miniapp-form-fields-${c.size}-editor-${c.hrLang}.png`,
        fullPage: true,
      });
      await hr.context().close();

      // The employee finds it under "Other requests" and fills in the form.
      const en = c.empLang === 'en';
      const emp = await auditedPage(browser, c.viewport);
      await openAs(emp, `${h.url}/app/apply`, c.employee);
      await emp.locator(`#request-kinds li[data-kind="${key}"] a`).click();
      await emp.waitForURL((u) => u.pathname === `/app/apply/${key}`);
      const form = emp.locator('form#request-form');
      await form.locator('#ff-field_1').fill('ThinkPad X1');
      await form.locator('#ff-cost').fill(en ? 'six thousand' : '六千');
      await form.locator('#ff-field_3').selectOption('option_1');
      await form.locator('button[type="submit"]').click();
      const costError = form.locator('[data-field="ff-cost"] .ferr');
      await costError.waitFor();
      expect(await costError.innerText()).toBe(en ? '"Cost" must be a number.' : '“金额”应为数字。');
      await emp.screenshot({
        path: `${ARTIFACTS}/miniapp-form-fields-${c.size}-request-error-${c.empLang}.png`,
        fullPage: true,
      });
      await form.locator('#ff-cost').fill('6800');
      await form.locator('button[type="submit"]').click();
      await emp.waitForURL((u) => /^\/app\/requests\/\d+$/.test(u.pathname));
      const id = Number(new URL(emp.url()).pathname.split('/').pop());
      await emp.getByText('6800 ¥').first().waitFor();
      await emp.screenshot({
        path: `${ARTIFACTS}/miniapp-form-fields-${c.size}-request-${c.empLang}.png`,
        fullPage: true,
      });
      await emp.context().close();

      // The approver (the employee's manager, Tom Harris) sees the labelled values.
      const mgr = await auditedPage(browser, c.viewport);
      await openAs(mgr, `${h.url}/app/requests/${id}`, 'Tom Harris');
      const request = mgr.locator(`article.request[data-request="${id}"]`);
      await request.getByText('Equipment request').first().waitFor();
      for (const text of ['ThinkPad X1', '6800 ¥', 'Laptop']) await request.getByText(text).first().waitFor();
      await mgr.screenshot({ path: `${ARTIFACTS}/miniapp-form-fields-${c.size}-approver.png`, fullPage: true });
      await mgr.context().close();
    });
  });
