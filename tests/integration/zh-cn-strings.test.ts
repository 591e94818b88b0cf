// Chinese for Chinese readers (issue 16, item 14): a zh-CN session — HR, a manager, an employee — drives
// every command with missing and wrong arguments, is refused, submits forms empty, and sends invalid bodies
// to every mini-app route that takes one. Every text a person would read (card titles, texts, fields,
// notes, buttons, toasts, field errors, API error messages) is collected, and none may hold an English
// sentence (tests/support/english-sentences.ts says what counts). The zh-CN catalogues are scanned too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, CardView } from '../../cards/view.js';
import type { CoreResponse } from '../../src/bot/port.js';
import { zhCN } from '../../src/i18n/zh-CN.js';
import { zhCN as webZhCN } from '../../web/src/i18n/zh-CN.js';
import { cardsOf, command, lastCard, press } from '../support/cards.js';
import { englishSentences } from '../support/english-sentences.js';
import { startHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession, type Session } from '../web/client.js';

let h: Harness;
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
/** Where each text was seen → the text. */
const seen: { where: string; text: string }[] = [];
const see = (where: string, text: string | undefined) => void (text && seen.push({ where, text }));

function blockTexts(b: Block): string[] {
  switch (b.type) {
    case 'text':
      return [b.markdown];
    case 'fields':
      return b.fields.flatMap((f) => [f.label, f.value]);
    case 'rating':
      return [b.label, b.minLabel ?? '', b.maxLabel ?? ''];
    case 'choice':
      return [b.label, ...b.options.map((o) => o.label)];
    case 'input':
      return [b.label, b.placeholder ?? '', b.value ?? ''];
    case 'actions':
      return b.buttons.map((x) => x.label);
    case 'image':
      return [b.alt];
    case 'note':
      return [b.text];
    case 'form':
      return [...b.fields.flatMap(blockTexts), b.submit.label, b.openLabel ?? ''];
    default:
      return [];
  }
}
const cardTexts = (c: CardView) => [c.header?.title ?? '', c.header?.subtitle ?? '', ...c.blocks.flatMap(blockTexts)];

function seeResponse(where: string, r: CoreResponse) {
  see(`${where} toast`, r.toast?.text);
  for (const [f, m] of Object.entries(r.fieldErrors ?? {})) see(`${where} field ${f}`, m);
  for (const c of [r.card, r.form]) if (c) for (const s of cardTexts(c)) see(`${where} card`, s);
  see(`${where} text`, r.text);
}

/** Each command with nothing, with a wrong subcommand, and with wrong values. */
const COMMANDS: string[] = [
  '/help',
  '/whoami',
  '/lang',
  '/lang klingon',
  '/hepl',
  '/nosuchthing',
  '/survey',
  '/survey frobnicate',
  '/survey launch nowhere',
  '/survey launch all 999',
  '/survey schedule 1 2',
  '/survey schedule a b c d e',
  '/survey close 999',
  '/survey close',
  '/survey threshold 1',
  '/survey threshold comments 1',
  '/survey template {oops',
  '/survey template {"x":1}',
  '/report',
  '/report frobnicate',
  '/report pulse #999',
  '/report ratings #999',
  '/report approvals 0',
  '/report pulse nowhere',
  '/followup add x',
  '/followup add a ; b ; c',
  '/followup frobnicate',
  '/claim nope ; ; ',
  '/claim ; ; ',
  '/points top nowhere',
  '/points top 上海徐汇店',
  '/points frobnicate',
  '/redeem frobnicate',
  '/redeem 999',
  '/rewards',
  '/rewards add {oops',
  '/rewards add {"x":1}',
  '/rewards retire 999',
  '/tags add {"x":1}',
  '/tags add {oops',
  '/tags add {"nameZh":"测","nameEn":"T","category":"other","points":100,"minPoints":200}',
  '/tags retire 999',
  '/approvals frobnicate',
  '/transfer',
  '/transfer nowhere ; x',
  '/transfer 产品研发部 ; 原因',
  '/delegate',
  '/delegate nobody@example.com 2020-01-01',
  '/approve 999',
  '/approve',
  '/reject 999 原因',
  '/reject',
  '/return 999 原因',
  '/return',
  '/org',
  '/org frobnicate',
  '/org sync',
  '/org signout nobody@example.com',
  '/rating',
  '/rating frobnicate',
  '/rating open',
  '/rating open nope 产品研发部',
  '/rating open default 产品研发部 999',
  '/rating close 999',
  '/rating import 999',
  '/rating scheme {oops',
  '/rating scheme {"x":1}',
  '/rating scheme {"key":"s1","name":{"zh-CN":"测","en":"T"},"dimensions":[{"key":"a","name":{"zh-CN":"甲","en":"A"},"weight":60,"rater":{"type":"manager"}}]}',
  '/ratings nobody@example.com',
  '/ratings',
  '/courses add {"x":1}',
  '/courses add {oops',
  '/flow',
  '/flow frobnicate',
  '/flow show nope',
  '/flow set point-claim 1 {oops',
  '/flow set point-claim 1 {"key":"point-claim"}',
  '/flow set point-claim 999 {"key":"point-claim","steps":[]}',
  '/privacy',
  '/privacy export nobody',
  '/privacy erase nobody',
];

async function chat(user: string) {
  let before = (await cardsOf(h, await id(user))).length;
  for (const line of COMMANDS) {
    const [, name = '', args = ''] = /^\/(\S+)\s*([\s\S]*)$/.exec(line)!;
    seeResponse(`${user} ${line}`, await command(h, await id(user), name, args));
    const cards = await cardsOf(h, await id(user));
    for (const c of cards.slice(before)) for (const s of cardTexts(c)) see(`${user} ${line} card`, s);
    before = cards.length;
  }
  // Whatever else reached them meanwhile (a survey invitation).
  for (const c of await cardsOf(h, await id(user))) for (const s of cardTexts(c)) see(`${user} chat`, s);
}

/** Every mini-app route that takes a body; `:id` is tried as a real-looking and as an unknown id. */
const ROUTES: [string, string][] = [
  ['POST', '/api/admin/people/:id/sign-out'],
  ['POST', '/api/approvals/:id/decision'],
  ['POST', '/api/claims'],
  ['POST', '/api/followups'],
  ['POST', '/api/followups/:id/status'],
  ['POST', '/api/hr/courses'],
  ['POST', '/api/hr/org/import'],
  ['POST', '/api/hr/org/sync'],
  ['POST', '/api/hr/people/:id/erase'],
  ['POST', '/api/hr/people/:id/export'],
  ['POST', '/api/hr/ratings/cycles'],
  ['POST', '/api/hr/ratings/cycles/:id/close'],
  ['POST', '/api/hr/ratings/cycles/:id/indicators'],
  ['POST', '/api/hr/rewards'],
  ['POST', '/api/hr/rewards/:id/retire'],
  ['POST', '/api/hr/schedules'],
  ['POST', '/api/hr/schedules/:id/active'],
  ['POST', '/api/hr/schemes'],
  ['POST', '/api/hr/tags'],
  ['POST', '/api/hr/tags/:id/retire'],
  ['POST', '/api/hr/templates'],
  ['POST', '/api/hr/waves'],
  ['POST', '/api/hr/waves/:id/close'],
  ['POST', '/api/hr/waves/:id/remind'],
  ['POST', '/api/ratings/recommendations/:id/enrol'],
  ['POST', '/api/redemptions'],
  ['POST', '/api/surveys/:id/answers'],
  ['POST', '/api/team/ratings/:id'],
  ['POST', '/api/transfers'],
  ['PUT', '/api/hr/flows/point-claim'],
  ['PUT', '/api/hr/settings/anonymity'],
  ['PUT', '/api/hr/settings/retention'],
  ['PUT', '/api/me/locale'],
];
const BODIES: unknown[] = [
  {},
  { junk: true },
  { name: 1, points: 'x', weight: -1, email: 'nope', dimensions: [{}], steps: [{}] },
];

async function api(user: string, s: Session) {
  for (const [method, path] of ROUTES) {
    for (const pid of path.includes(':id') ? ['1', '999'] : ['']) {
      for (const body of BODIES) {
        const p = path.replace(':id', pid);
        const a = await call(h, method, p, { session: s, body });
        see(
          `${user} ${method} ${p} ${JSON.stringify(body)} error`,
          typeof a.body.error === 'string' ? a.body.error : undefined,
        );
        for (const [f, m] of Object.entries((a.body.fields as Record<string, string> | undefined) ?? {}))
          see(`${user} ${method} ${p} field ${f}`, m);
      }
    }
  }
  // Bodies fastify itself refuses (not JSON; not a JSON content type), from a Chinese browser.
  for (const [type, body] of [
    ['application/json', '{"oops'],
    ['text/plain', 'hello'],
  ] as const) {
    const res = await fetch(`${h.url}/api/claims`, {
      method: 'POST',
      headers: { 'content-type': type, cookie: s.cookie, 'x-csrf-token': s.csrf, 'accept-language': 'zh-CN' },
      body,
    });
    const answer = (await res.json()) as { error?: string };
    see(`${user} POST /api/claims ${type} error`, answer.error);
  }
  // Domain rules past the schema: weights that do not sum to 100, a tag's range that excludes its points.
  const scheme = {
    key: 'zh-scan',
    name: { 'zh-CN': '测', en: 'T' },
    dimensions: [
      { key: 'a', name: { 'zh-CN': '甲', en: 'A' }, weight: 60, items: [{ key: 'i', 'zh-CN': '题', en: 'Q' }] },
    ],
  };
  for (const [p, body] of [
    ['/api/hr/schemes', scheme],
    ['/api/hr/tags', { nameZh: '测', nameEn: 'T', category: 'other', points: 100, minPoints: 200 }],
  ] as const) {
    const a = await call(h, 'POST', p, { session: s, body });
    see(`${user} POST ${p} domain error`, typeof a.body.error === 'string' ? a.body.error : undefined);
    for (const [f, m] of Object.entries((a.body.fields as Record<string, string> | undefined) ?? {}))
      see(`${user} POST ${p} domain field ${f}`, m);
  }
}

beforeAll(async () => {
  h = await startHarness();
  // Something to act on: an open survey and a claim form for the employee.
  await command(h, await id('lin.xiaowen'), 'survey', 'launch 产品研发部 5');
  for (const user of ['lin.xiaowen', 'li.ming', 'zhang.wei']) {
    await chat(user);
    await api(user, await sandboxSession(h, await id(user)));
  }
  // Forms submitted empty: the claim form and the survey.
  await command(h, await id('zhang.wei'), 'claim', '');
  const claim = await lastCard(h, await id('zhang.wei'));
  const form = claim.blocks.find((b) => b.type === 'form');
  if (form?.type === 'form')
    seeResponse('zhang.wei claim form empty', await press(h, await id('zhang.wei'), form.submit.action, {}));
  const survey = (await cardsOf(h, await id('zhang.wei'))).find((c) =>
    c.blocks.some((b) => b.type === 'form' && b.submit.action.k === 'survey.answer'),
  );
  const sform = survey?.blocks.find((b) => b.type === 'form');
  if (sform?.type === 'form')
    seeResponse('zhang.wei survey form empty', await press(h, await id('zhang.wei'), sform.submit.action, {}));
}, 240_000);
afterAll(async () => h?.stop());

describe('a zh-CN session reads Chinese', () => {
  it('collected a real sample', () => {
    expect(seen.length).toBeGreaterThan(300);
    expect(seen.some((s) => s.where.includes('field'))).toBe(true);
  });

  it('no English sentence in chat cards, toasts, field errors or API messages', () => {
    const english = seen.flatMap((s) =>
      englishSentences(s.text).map((e) => `${s.where}: «${e}» in ${JSON.stringify(s.text.slice(0, 160))}`),
    );
    expect([...new Set(english)]).toEqual([]);
  });

  it('domain rules past the schema are worded in Chinese, in chat and in the mini-app', () => {
    const said = (where: string) =>
      seen
        .filter((s) => s.where.includes(where))
        .map((s) => s.text)
        .join('\n');
    // The tag's range (was "minPoints ≤ points ≤ maxPoints") and the scheme's weights (was "the weights must sum to 100%").
    expect(said('lin.xiaowen /tags add {"nameZh":"测"')).toContain('分值范围必须包含标准分值');
    expect(said('lin.xiaowen POST /api/hr/tags domain')).toContain('分值范围必须包含标准分值');
    expect(said('lin.xiaowen /rating scheme {"key":"s1"')).toContain('各维度的权重加起来必须是 100%');
  });

  it('no English sentence in the zh-CN catalogues (server and mini-app)', () => {
    const english = [
      ...Object.entries(zhCN),
      ...Object.entries(webZhCN).map(([k, v]) => [`web ${k}`, v] as const),
    ].flatMap(([k, v]) => englishSentences(v).map((e) => `${k}: «${e}»`));
    expect(english).toEqual([]);
  });
});
