// The request card's further actions in headless Chromium (issue 24), on a phone: a manager adds HR as an
// approver before themselves (the person from the list, a reason); the request then waits on HR; the applicant
// urges the approver from the request page. Screenshots into test-artifacts/.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { sandboxClient } from '../support/sandbox-client.js';
import { openAs, phonePage } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
useHarnessAndBrowser((started) => ({ h, browser } = started));

const row = async (rid: number) =>
  (await h.sql.row('select approvers from approval_requests where id = ?', rid)) as { approvers: string };
const kinds = async (rid: number) =>
  (
    (await h.sql.rows('select kind from approval_decisions where request_id = ? order by id', rid)) as {
      kind: string;
    }[]
  ).map((d) => d.kind);

describe('mini-app: further approval actions', () => {
  it('a manager adds an approver before themselves; the applicant urges from the request page', async () => {
    const sophia = (await h.employeeByEmail('sophia.lee@qingyun.example'))!;
    const sharon = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!;
    await sandboxClient(h).send(sophia.id, '/claim 流程优化 ; Shorter stand-ups');
    const rid = Number(((await h.sql.row('select max(id) as id from approval_requests')) as { id: number }).id);

    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/approvals`, 'Tom Harris');
    const card = page.locator(`article.request[data-request="${rid}"]`);
    await card.getByRole('button', { name: 'Add approver' }).click();
    const panel = card.locator('.more-panel[data-panel="add_sign"]');
    // A reason is required: the server's message shows at the field and nothing changes.
    await panel.getByLabel('Person').selectOption({ label: sharon.name });
    await panel.getByRole('button', { name: 'Add approver' }).click();
    await panel.locator('.ferr', { hasText: 'Give a reason: the timeline keeps it.' }).waitFor();
    expect(await kinds(rid)).toEqual(['submit']);
    await panel.getByLabel('Reason').fill('HR should check the hours');
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-approvals-add-sign.png`, fullPage: true });
    await panel.getByRole('button', { name: 'Add approver' }).click();
    await expect.poll(async () => JSON.parse((await row(rid)).approvers) as number[]).toEqual([sharon.id]);
    expect(await kinds(rid)).toEqual(['submit', 'add_sign']);

    // The applicant nudges the approver (now HR) from the request page, once.
    const mine = await phonePage(browser);
    await openAs(mine, `${h.url}/app/requests/${rid}`, 'Sophia Lee');
    const req = mine.locator(`article.request[data-request="${rid}"]`);
    await req.locator('.timeline li', { hasText: 'HR should check the hours' }).waitFor();
    await req.getByRole('button', { name: 'Urge the approvers' }).click();
    await expect.poll(async () => await kinds(rid)).toEqual(['submit', 'add_sign', 'urge']);
    await mine.screenshot({ path: `${ARTIFACTS}/miniapp-request-urged.png`, fullPage: true });
  });
});
