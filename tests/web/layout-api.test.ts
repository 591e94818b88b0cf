// Issue 19 item 5, server side: the approvals centre's tabs with their counts (waiting on me, decided by me,
// sent by me) and the audit log a page at a time — "1–50 of 126" with next and previous, pinned to the rows
// that existed when it was opened (viewing the log writes a row itself and must not shift the pages).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient } from '../support/sandbox-client.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
let hr: Session;
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const latestRequest = async () =>
  ((await h.sql.row('select coalesce(max(id), 0) as id from approval_requests')) as { id: number }).id;

beforeAll(async () => {
  h = await startHarness();
  hr = await sandboxSession(h, await id('lin.xiaowen'));
});
afterAll(async () => h?.stop());

type Listed = { id: number; version: number; status: string };

describe('approvals tabs', () => {
  it('waiting, decided by me and sent by me, each with its count', async () => {
    const ming = await sandboxSession(h, await id('li.ming'));
    const wei = await sandboxSession(h, await id('zhang.wei'));
    const claims: number[] = [];
    for (const what of ['Shorter stand-ups', 'Fixed the till', 'Trained two new staff']) {
      await sandboxClient(h).send(await id('zhang.wei'), `/claim 流程优化 ; ${what}`);
      claims.push(await latestRequest());
    }
    const before = await call(h, 'GET', '/api/approvals', { session: ming });
    expect(before.status).toBe(200);
    expect(before.body.tab).toBe('waiting');
    const waiting = before.body.requests as Listed[];
    expect(waiting.map((r) => r.id)).toEqual([...claims].reverse());
    // Older clients read `waiting`; it is the same list.
    expect((before.body.waiting as Listed[]).map((r) => r.id)).toEqual(waiting.map((r) => r.id));
    const counts0 = before.body.counts as { waiting: number; done: number; mine: number };
    expect(counts0.waiting).toBe(3);

    const first = waiting.find((r) => r.id === claims[0])!;
    expect(
      (
        await call(h, 'POST', `/api/approvals/${first.id}/decision`, {
          session: ming,
          body: { decision: 'approve', version: first.version },
        })
      ).status,
    ).toBe(200);
    const second = waiting.find((r) => r.id === claims[1])!;
    expect(
      (
        await call(h, 'POST', `/api/approvals/${second.id}/decision`, {
          session: ming,
          body: { decision: 'reject', version: second.version, reason: 'Not ours' },
        })
      ).status,
    ).toBe(200);

    const after = await call(h, 'GET', '/api/approvals', { session: ming });
    expect(after.body.counts).toEqual({ waiting: 1, done: counts0.done + 2, mine: counts0.mine });
    expect((after.body.requests as Listed[]).map((r) => r.id)).toEqual([claims[2]]);

    const done = await call(h, 'GET', '/api/approvals?tab=done', { session: ming });
    expect(done.body.tab).toBe('done');
    expect(done.body).not.toHaveProperty('waiting');
    const decided = done.body.requests as Listed[];
    expect(decided.slice(0, 2).map((r) => [r.id, r.status])).toEqual([
      [claims[1], 'rejected'],
      [claims[0], expect.not.stringMatching(/^rejected$/)],
    ]);

    const mine = await call(h, 'GET', '/api/approvals?tab=mine', { session: wei });
    const sent = mine.body.requests as Listed[];
    expect(sent.slice(0, 3).map((r) => r.id)).toEqual([...claims].reverse());
    expect((mine.body.counts as { mine: number }).mine).toBe(sent.length);
  });

  it('an unknown tab is a 400 naming the field', async () => {
    const ming = await sandboxSession(h, await id('li.ming'));
    const bad = await call(h, 'GET', '/api/approvals?tab=cc', { session: ming });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('tab');
  });
});

describe('adjusting points from the app, as in chat', () => {
  it('the list says what may be adjusted; out of range or without a reason is refused at the field; a good one approves with the new figure', async () => {
    const ming = await sandboxSession(h, await id('li.ming'));
    await sandboxClient(h).send(await id('zhang.wei'), '/claim 流程优化 ; Cut the release checklist in half');
    const rid = await latestRequest();
    const tag = (await h.sql.row(
      "select min_points as min, max_points as max from value_tags where name_zh = '流程优化'",
    )) as { min: number; max: number };
    const listed = (
      (await call(h, 'GET', '/api/approvals', { session: ming })).body.requests as (Listed & {
        adjust?: { points: number; min: number; max: number };
      })[]
    ).find((r) => r.id === rid)!;
    expect(listed.adjust).toMatchObject({ min: tag.min, max: tag.max });
    const claimed = listed.adjust!.points;
    const decide = (body: Record<string, unknown>) =>
      call(h, 'POST', `/api/approvals/${rid}/decision`, {
        session: ming,
        body: { decision: 'approve', version: listed.version, ...body },
      });

    const tooMany = await decide({ points: tag.max + 1, reason: 'More' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.fields).toHaveProperty('points');
    const noReason = await decide({ points: tag.min });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields).toEqual({ reason: expect.any(String) });
    expect(
      ((await h.sql.row('select status from approval_requests where id = ?', rid)) as { status: string }).status,
    ).toBe('pending');

    const points = claimed === tag.min ? tag.min + 1 : tag.min;
    const ok = await decide({ points, reason: 'Half of it was already planned' });
    expect(ok.status).toBe(200);
    const payload = JSON.parse(
      ((await h.sql.row('select payload from approval_requests where id = ?', rid)) as { payload: string }).payload,
    ) as { points: number; adjustment?: { from: number; reason: string } };
    expect(payload).toMatchObject({ points, adjustment: { from: claimed, reason: 'Half of it was already planned' } });
    // Someone who is not asked cannot adjust, and the answer carries no form data for them.
    const wei = await sandboxSession(h, await id('zhang.wei'));
    const mine = (await call(h, 'GET', '/api/approvals?tab=mine', { session: wei })).body.requests as {
      id: number;
      adjust?: unknown;
    }[];
    expect(mine.find((r) => r.id === rid)).not.toHaveProperty('adjust');
  });
});

describe('audit log paging', () => {
  it('pages through 126 entries, 50 at a time, none seen twice or missed', async () => {
    await command(h, await id('lin.xiaowen'), 'survey', 'launch all');
    const waveId = ((await h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;
    const seen = async () =>
      (
        (await h.sql.row("select count(*) as n from audit_log where action = 'survey.report.view'")) as {
          n: number;
        }
      ).n;
    const start = await seen();
    for (let i = start; i < 126; i++)
      expect((await call(h, 'GET', `/api/hr/report?waveId=${waveId}`, { session: hr })).status).toBe(200);
    expect(await seen()).toBe(126);

    const ids: number[] = [];
    let until: number | undefined;
    for (const offset of [0, 50, 100]) {
      const page = await call(
        h,
        'GET',
        `/api/hr/audit?action=survey.report.view&offset=${offset}${until ? `&until=${until}` : ''}`,
        { session: hr },
      );
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ total: 126, offset, limit: 50 });
      until ??= page.body.until as number;
      expect(page.body.until).toBe(until);
      const rows = page.body.rows as { id: number; text: { summary: string } }[];
      expect(rows).toHaveLength(offset === 100 ? 26 : 50);
      // The humanised sentence, not the key (audit-describe).
      expect(rows[0]!.text.summary).not.toContain('survey.report.view');
      ids.push(...rows.map((r) => r.id));
    }
    expect(new Set(ids).size).toBe(126);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    // Each page view wrote an audit.view row; a page pinned with `until` does not show them, a fresh one does.
    const all = await call(h, 'GET', `/api/hr/audit?until=${until}`, { session: hr });
    const fresh = await call(h, 'GET', '/api/hr/audit', { session: hr });
    expect(fresh.body.total as number).toBeGreaterThan(all.body.total as number);
  });

  it('refuses a negative offset and a limit over 200, naming the field', async () => {
    for (const [qs, field] of [
      ['offset=-1', 'offset'],
      ['limit=500', 'limit'],
      ['until=abc', 'until'],
    ] as const) {
      const r = await call(h, 'GET', `/api/hr/audit?${qs}`, { session: hr });
      expect(r.status).toBe(400);
      expect(r.body.fields).toHaveProperty(field);
    }
  });
});
