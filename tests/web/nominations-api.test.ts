// Peer nomination in the mini-app API (issue 24): POST /api/nominations goes to the nominee's manager; oneself,
// an ambiguous or unknown name are refused at the colleague's field with nothing written; a person turns their
// announcements off (audited); HR reads and saves the announced tags and channels (refused whole when wrong,
// audited), others get 403.
import { describe, expect, it } from 'vitest';
import { useHarness, type Harness } from '../support/harness.js';
import { readsOf } from '../support/harness-reads.js';
import { call, sandboxSession } from './client.js';

let h: Harness;
useHarness((started) => (h = started));
const { id, tagId, latestRequest } = readsOf(() => h);
const as = async (user: string) => await sandboxSession(h, await id(user));
const count = async (q: string) => Number((await h.sql.row<{ n: number }>(`select count(*) as n from ${q}`))!.n);

describe('nominations in the mini-app', () => {
  it('nominates a colleague by e-mail: the nominee is the applicant and their manager decides', async () => {
    const jun = await as('he.jun');
    const tag = String(await tagId('跨部门支持'));
    const r = await call(h, 'POST', '/api/nominations', {
      session: jun,
      body: { nominee: 'zhang.wei@qingyun.example', tag, description: '帮财务部重做了报销导入脚本', amount: '3 天' },
    });
    expect(r.status).toBe(200);
    const row = (await h.sql.row<{ applicant_id: number; approvers: string; payload: string }>(
      'select applicant_id, approvers, payload from approval_requests where id = ?',
      r.body.id,
    ))!;
    expect(Number(row.applicant_id)).toBe(await id('zhang.wei'));
    expect(JSON.parse(row.approvers)).toEqual([await id('li.ming')]);
    expect(JSON.parse(row.payload)).toMatchObject({ nominatorId: await id('he.jun') });
    // The nominator may open its page (their outcome card links there); another colleague may not.
    expect((await call(h, 'GET', `/api/requests/${r.body.id}`, { session: jun })).status).toBe(200);
    expect((await call(h, 'GET', `/api/requests/${r.body.id}`, { session: await as('liu.yang') })).status).toBe(403);
  });

  it('refuses oneself, an ambiguous and an unknown name at the colleague field; nothing written', async () => {
    const jun = await as('he.jun');
    const before = await latestRequest();
    const tag = String(await tagId('跨部门支持'));
    const post = async (nominee: string) =>
      await call(h, 'POST', '/api/nominations', { session: jun, body: { nominee, tag, description: 'x' } });
    const self = await post('何俊');
    expect(self.status).toBe(400);
    expect(self.body.fields).toEqual({ nominee: '不能提名自己。为自己的工作申请积分请用 /claim。' });
    const ambiguous = await post('刘');
    expect((ambiguous.body.fields as Record<string, string>).nominee).toContain('“刘”匹配到 2 个人');
    const nobody = await post('nobody');
    expect(nobody.body.fields).toEqual({ nominee: '找不到“nobody”。请用姓名或工作邮箱。' });
    // A missing tag and description are reported with the colleague's problem, together.
    const empty = await call(h, 'POST', '/api/nominations', {
      session: jun,
      body: { nominee: '', tag: '', description: '' },
    });
    expect(Object.keys(empty.body.fields as object).sort()).toEqual(['description', 'nominee', 'tag']);
    expect(await latestRequest()).toBe(before);
  });

  it('a person turns their announcements off and on (audited)', async () => {
    const wei = await as('zhang.wei');
    expect((await call(h, 'GET', '/api/recognition/me', { session: wei })).body).toEqual({ announce: true, tags: [] });
    const off = await call(h, 'PUT', '/api/recognition/me', { session: wei, body: { announce: false } });
    expect(off.body).toEqual({ announce: false });
    expect((await call(h, 'GET', '/api/recognition/me', { session: wei })).body.announce).toBe(false);
    expect(await count("audit_log where action = 'points.recognition.preference'")).toBe(1);
  });

  it('HR saves the announced tags and channels; a bad channel or tag is refused whole; others get 403', async () => {
    const hr = await as('lin.xiaowen');
    const tag = await tagId('跨部门支持');
    const bad = await call(h, 'PUT', '/api/hr/settings/recognition', {
      session: hr,
      body: { channels: [{ platform: 'slack', chatId: '', locale: 'en' }], tags: [{ tagId: tag }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({ 'channels.0.chatId': '请检查此项：群需要平台、群 ID 和语言（zh-CN 或 en）。' });
    const unknown = await call(h, 'PUT', '/api/hr/settings/recognition', {
      session: hr,
      body: { channels: [], tags: [{ tagId: 99_999 }] },
    });
    expect(unknown.body.fields).toEqual({ 'tags.0.tagId': '没有这个价值标签。' });
    expect(await count("audit_log where action = 'settings.recognition'")).toBe(0);

    const settings = {
      channels: [
        { platform: 'slack', chatId: 'CGENERAL', locale: 'en' },
        { platform: 'feishu', chatId: 'oc_all', locale: 'zh-CN' },
      ],
      tags: [{ tagId: tag }],
    };
    const ok = await call(h, 'PUT', '/api/hr/settings/recognition', { session: hr, body: settings });
    expect(ok.status).toBe(200);
    expect((await call(h, 'GET', '/api/hr/settings/recognition', { session: hr })).body.settings).toEqual(settings);
    expect(await count("audit_log where action = 'settings.recognition'")).toBe(1);
    // Everyone sees which tags are announced.
    const wei = await as('zhang.wei');
    expect((await call(h, 'GET', '/api/recognition/me', { session: wei })).body.tags).toEqual([
      { id: tag, name: '跨部门支持' },
    ]);
    expect((await call(h, 'PUT', '/api/hr/settings/recognition', { session: wei, body: settings })).status).toBe(403);
    expect((await call(h, 'GET', '/api/hr/settings/recognition', { session: wei })).status).toBe(403);
  });
});
