// HR-defined survey templates: created from chat, validated, launched like the built-in pulse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient, textOf } from '../support/sandbox-client.js';

let h: Harness;
let sb: ReturnType<typeof sandboxClient>;
beforeAll(async () => {
  h = await startHarness();
  sb = sandboxClient(h);
});
afterAll(async () => h?.stop());

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const spec = {
  nameZh: '门店协作快测',
  nameEn: 'Store collaboration check',
  commentEnabled: false,
  dimensions: [
    {
      key: 'handover',
      nameZh: '交接',
      nameEn: 'Handover',
      items: [
        { key: 'shift', zh: '交接班信息完整。', en: 'Shift handovers are complete.' },
        { key: 'tools', zh: '需要的工具随手可得。', en: 'The tools I need are at hand.' },
      ],
    },
  ],
};

describe('survey templates', () => {
  it('HR creates a template and launches it; the card asks exactly its items', async () => {
    const hr = await id('lin.xiaowen');
    await sb.send(hr, `/survey template ${JSON.stringify(spec)}`);
    const created = textOf((await sb.lastBot(hr)).html);
    expect(created).toContain('模板已创建');
    const templateId = Number(/模板 #(\d+)/.exec(created)![1]);
    await sb.send(hr, '/survey templates');
    expect(textOf((await sb.lastBot(hr)).html)).toContain(`#${templateId} 门店协作快测`);

    await sb.send(hr, `/survey launch template=${templateId} 深圳南山店 3`);
    expect(textOf((await sb.lastBot(hr)).html)).toContain('6 人');
    const card = await sb.lastBot(await id('ye.qing'));
    const form = sb.form(card.html!);
    expect(form.fields).toHaveLength(2);
    expect(textOf(card.html)).toContain('交接班信息完整。');
    expect(card.html).not.toContain('name="comment"');
    const r = await sb.act(await id('ye.qing'), card.id, form.action, {
      [form.fields[0]!]: '5',
      [form.fields[1]!]: '4',
    });
    expect(r.body.outcome).toBe('handled');
  });

  it.each([
    ['/survey template {not json', '模板必须是 JSON'],
    [`/survey template ${JSON.stringify({ ...spec, dimensions: [] })}`, '`dimensions`'],
    [`/survey template ${JSON.stringify({ ...spec, scaleMax: 42 })}`, '`scaleMax`'],
    ['/survey launch template=999 all 3', '该调研模板不存在'],
  ])('%s is refused', async (command, message) => {
    const hr = await id('lin.xiaowen');
    const templates = await h.sql.row('select count(*) as n from survey_templates');
    const waves = await h.sql.row('select count(*) as n from survey_waves');
    await sb.send(hr, command);
    expect((await sb.lastBot(hr)).html).toContain(message.replace(/`/g, ''));
    expect(await h.sql.row('select count(*) as n from survey_templates')).toEqual(templates);
    expect(await h.sql.row('select count(*) as n from survey_waves')).toEqual(waves);
  });
});
