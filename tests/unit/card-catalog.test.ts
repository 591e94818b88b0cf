// The card catalogue of issue 18's conformance suite (tests/fixtures/cards): it covers every card function of
// cards/*.ts in both languages, its extreme fixtures really are as big as the issue says, it does not depend
// on the clock or on randomness, and its content check finds a lost line while tolerating a split one.
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cardViewSchema, type Block, type CardView, type FormField } from '../../cards/view.js';
import {
  APP_URL,
  CARD_KINDS,
  LANGS,
  badInputCards,
  bigPulseReport,
  buildCardFixtures,
  cardFixtures,
  claimForm,
  fixtureNamed,
  hugeComment,
  longSurvey,
  longTimelineApproval,
  raterForm,
  rewardsCard,
  type CardFixture,
} from '../fixtures/cards/catalog.js';
import { contentOf, contentOfAll, missingContent, missingInText, stripMarkdown } from '../fixtures/cards/content.js';
import { fitCard } from '../../cards/fit.js';
import { translator } from '../../src/i18n/index.js';

/** Exported functions of cards/*.ts that do not build a card: helpers the cards and renderers share. */
const NON_CARD_EXPORTS = new Set([
  'appButton', // app-link.ts: one button
  'openInApp', // app-link.ts: blocks for a card
  'reasonText', // delivery.ts: a sentence
  'usageLines', // notice.ts: lines of a usage string
  'bar', // pulse-report.ts: a text bar
  'sparkline', // trend-text.ts: a text sparkline
  'lastAndChange', // trend-text.ts: two numbers
  'importProblemText', // rating.ts: sentences
  'importProblemLines',
  'formatDate', // survey.ts: a date
  'duration', // turnaround.ts: a duration
  'card', // view.ts: the normaliser every card function calls
  'releaseHoursText', // conversation-notice.ts: the batch hours as a phrase
  'hasSecretLinks', // secret-links.ts: a test on a card
  'withoutSecretLinks', // secret-links.ts: cards in, cards out
]);

/** Modules of cards/ that hold no card function: the fitter (cards in, cards out) and the glyph icons. */
const NON_CARD_MODULES = new Set(['fit.ts', 'glyphs.ts']);

async function cardModuleFunctions(): Promise<{ module: string; name: string }[]> {
  const files = readdirSync(new URL('../../cards/', import.meta.url)).filter(
    (f) => f.endsWith('.ts') && !NON_CARD_MODULES.has(f),
  );
  const out: { module: string; name: string }[] = [];
  for (const file of files) {
    const mod = (await import(`../../cards/${file.replace(/\.ts$/, '.js')}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) if (typeof value === 'function') out.push({ module: file, name });
  }
  return out;
}

const han = /\p{Script=Han}/gu;
const hasHan = /\p{Script=Han}/u;
const emoji = /\p{Extended_Pictographic}/u;
const codePoints = (s: string) => [...s].length;
const formOf = (v: CardView) => v.blocks.find((b): b is Extract<Block, { type: 'form' }> => b.type === 'form');
const textBlocks = (v: CardView) => v.blocks.filter((b): b is Extract<Block, { type: 'text' }> => b.type === 'text');
const buttonsOf = (v: CardView) => v.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));

describe('the card catalogue covers every card function', () => {
  it('every exported function of cards/*.ts is a catalogued card kind or a listed helper, and every kind exists', async () => {
    const fns = await cardModuleFunctions();
    const names = fns.map((f) => f.name);
    const uncovered = fns.filter((f) => !NON_CARD_EXPORTS.has(f.name) && !CARD_KINDS.includes(f.name));
    expect(uncovered).toEqual([]);
    expect(CARD_KINDS.filter((k) => !names.includes(k))).toEqual([]);
    expect([...NON_CARD_EXPORTS].filter((k) => !names.includes(k))).toEqual([]);
    expect(CARD_KINDS.length).toBeGreaterThanOrEqual(38);
  });

  it('every kind has fixtures in both languages, with the same sizes in each', () => {
    const fixtures = cardFixtures();
    for (const kind of CARD_KINDS) {
      const sizes = (lang: string) =>
        fixtures.filter((f) => f.kind === kind && f.lang === lang).map((f) => f.name.split('/').slice(2).join('/'));
      expect(sizes('zh-CN').length, kind).toBeGreaterThan(0);
      expect(sizes('en'), kind).toEqual(sizes('zh-CN'));
    }
    expect(new Set(fixtures.map((f) => f.name)).size).toBe(fixtures.length);
    expect(new Set(fixtures.map((f) => f.lang))).toEqual(new Set(LANGS));
  });

  it('every fixture is a valid card view with content a reader can find', () => {
    for (const f of cardFixtures()) {
      expect(cardViewSchema.parse(f.view), f.name).toEqual(f.view);
      expect(contentOf(f.view).length, f.name).toBeGreaterThan(0);
    }
  });

  it('zh-CN fixtures are in Chinese and en fixtures in English', () => {
    for (const f of cardFixtures()) {
      const text = contentOfAll([f.view]);
      const hanCount = text.match(han)?.length ?? 0;
      if (f.lang === 'zh-CN') expect(hanCount, f.name).toBeGreaterThan(0);
      // The English help card offers "中文" as the other language: a word here and there, never the text.
      else expect(hanCount, f.name).toBeLessThanOrEqual(Math.max(4, text.length / 100));
    }
  });

  it('every kind has a typical or extreme fixture, and the catalogue has small, typical and extreme ones', () => {
    const fixtures = cardFixtures();
    expect(new Set(fixtures.map((f) => f.size))).toEqual(new Set(['small', 'typical', 'extreme']));
    const bigger = new Set(fixtures.filter((f) => f.size !== 'small').map((f) => f.kind));
    // Cards with no variable content: a fixed sentence, or one link.
    const fixed = ['expiredCard', 'csvReadyCard'];
    expect(CARD_KINDS.filter((k) => !bigger.has(k) && !fixed.includes(k))).toEqual([]);
  });
});

describe('the extreme fixtures are as big as the issue says', () => {
  it.each(LANGS)('a pulse report with 200 units (%s): 200 heatmap rows, over 12,000 characters of text', (lang) => {
    const view = fixtureNamed(`pulseReportCard/${lang}/extreme/units-200`).view;
    expect(view).toEqual(bigPulseReport(lang, 200));
    const heatmap = textBlocks(view).find((b) => b.markdown.split('\n').length > 200);
    expect(heatmap?.markdown.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(200);
    expect(contentOfAll([view]).length).toBeGreaterThan(12_000);
    const huge = fixtureNamed(`pulseReportCard/${lang}/extreme/units-500`).view;
    expect(textBlocks(huge).some((b) => b.markdown.split('\n').filter((l) => l.startsWith('- ')).length === 500)).toBe(
      true,
    );
  });

  it.each(LANGS)('an approval with an 80-entry timeline (%s), each entry with a comment', (lang) => {
    const view = longTimelineApproval(lang, 80);
    const timeline = textBlocks(view).find((b) => b.markdown.split('\n').length > 80);
    const entries = timeline?.markdown.split('\n').filter((l) => l.startsWith('- ')) ?? [];
    expect(entries).toHaveLength(80);
    expect(entries.every((e) => e.includes('“'))).toBe(true);
    expect(contentOfAll([view]).length).toBeGreaterThan(lang === 'en' ? 12_000 : 6_000);
  });

  it.each(LANGS)('surveys with 10 and 40 items (%s)', (lang) => {
    const ratings = (v: CardView) =>
      formOf(v)?.fields.filter(
        (f): f is Extract<FormField, { type: 'rating' }> => f.type === 'rating' && f.id !== 'enps',
      ) ?? [];
    expect(ratings(fixtureNamed(`surveyCard/${lang}/typical`).view)).toHaveLength(10);
    expect(ratings(fixtureNamed(`surveyCard/${lang}/extreme/items-40`).view)).toHaveLength(40);
    expect(ratings(longSurvey(lang, 21))).toHaveLength(21);
    // Every question is different, so a lost one cannot hide behind its twin.
    const labels = ratings(longSurvey(lang, 40)).map((f) => f.label);
    expect(new Set(labels).size).toBe(40);
  });

  it.each(LANGS)('rater forms of 3 × 4 and 15 × 5 (%s): a comment box per person, distinct names', (lang) => {
    const count = (v: CardView, type: string) => formOf(v)?.fields.filter((f) => f.type === type).length;
    expect(count(fixtureNamed(`raterCard/${lang}/typical`).view, 'rating')).toBe(12);
    const big = fixtureNamed(`raterCard/${lang}/extreme/15x5`).view;
    expect(big).toEqual(raterForm(lang, 15, 5));
    expect(count(big, 'rating')).toBe(75);
    expect(count(big, 'input')).toBe(15);
    const names = formOf(big)
      ?.fields.filter((f) => f.type === 'text')
      .map((f) => (f.type === 'text' ? f.markdown : ''));
    expect(new Set(names).size).toBe(15);
  });

  it.each(LANGS)('claim forms with 120 and 300 tags, rewards with 30 redeem buttons (%s)', (lang) => {
    const options = (v: CardView) => formOf(v)?.fields.find((f) => f.type === 'choice' && f.id === 'tag');
    const typical = options(fixtureNamed(`claimFormCard/${lang}/typical`).view);
    const extreme = options(claimForm(lang, 300));
    expect(typical?.type === 'choice' && typical.options.length).toBe(120);
    expect(extreme?.type === 'choice' && extreme.options.length).toBe(300);
    expect(extreme?.type === 'choice' && new Set(extreme.options.map((o) => o.label)).size).toBe(300);
    const redeem = buttonsOf(rewardsCard(lang, 30)).filter((b) => b.action?.k === 'reward.redeem');
    expect(redeem).toHaveLength(30);
    expect(fixtureNamed(`rewardsCard/${lang}/extreme`).view).toEqual(rewardsCard(lang, 30));
  });

  it.each(LANGS)('a 50,000-character comment on one line, with emoji that must not be split (%s)', (lang) => {
    const view = fixtureNamed(`approvalCard/${lang}/extreme/comment-50000`).view;
    expect(view).toEqual(hugeComment(lang, 50_000));
    const longest = Math.max(...contentOf(view).map(codePoints));
    expect(longest).toBeGreaterThanOrEqual(50_000);
    expect(contentOf(view).find((a) => codePoints(a) === longest)).toMatch(emoji);
  });

  it('very long names and titles, and emoji in labels', () => {
    const fixtures = cardFixtures();
    const titles = fixtures.map((f) => f.view.header?.title ?? '');
    expect(titles.some((s) => codePoints(s) >= 60)).toBe(true);
    const labels = fixtures.flatMap((f) => [
      ...buttonsOf(f.view).map((b) => b.label),
      ...(formOf(f.view)?.fields.flatMap((x) => (x.type === 'choice' ? x.options.map((o) => o.label) : [])) ?? []),
    ]);
    expect(labels.some((l) => emoji.test(l))).toBe(true);
    expect(labels.some((l) => codePoints(l) > 40 && hasHan.test(l))).toBe(true);
    expect(labels.some((l) => codePoints(l) > 60 && !hasHan.test(l))).toBe(true);
  });
});

describe('the catalogue is deterministic', () => {
  afterEach(() => vi.useRealTimers());

  it('builds the same cards at two different times, without Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2020-01-01T00:00:00Z'));
    const first = JSON.stringify(buildCardFixtures());
    vi.setSystemTime(new Date('2031-07-15T13:37:00Z'));
    const second = JSON.stringify(buildCardFixtures());
    expect(second).toBe(first);
    expect(random).not.toHaveBeenCalled();
    random.mockRestore();
  });
});

describe('contentOf', () => {
  const view = cardViewSchema.parse({
    header: { title: 'Points claim #7', subtitle: 'In review' },
    blocks: [
      {
        type: 'text',
        markdown:
          '**Timeline**\n- 2026-03-02 · Sharon Lin · `Approved`\n\n---\n> see [the policy](https://x.example/p) _now_',
      },
      { type: 'fields', fields: [{ label: 'Applicant', value: 'Sharon Lin' }] },
      { type: 'note', text: 'Only HR sees this.' },
      {
        type: 'actions',
        buttons: [
          { label: 'Approve', action: { k: 'a' } },
          { label: 'Open in app', url: 'https://x.example/app' },
        ],
      },
      { type: 'divider' },
      {
        type: 'form',
        id: 'f',
        fields: [
          { type: 'text', markdown: '**Wei Chen**' },
          { type: 'rating', id: 'r', label: 'Teamwork', min: 1, max: 5 },
          {
            type: 'choice',
            id: 'c',
            label: 'Tag',
            options: [
              { value: '1', label: '🌟 Customer first' },
              { value: '2', label: 'Teamwork #002' },
            ],
          },
          { type: 'input', id: 'i', label: 'Comment', value: 'Great week\nThanks' },
        ],
        submit: { label: 'Save', action: { k: 's' } },
      },
    ],
  });

  it('lists the header, each line without markup, fields, buttons, form labels, options, values and submit', () => {
    expect(contentOf(view)).toEqual([
      'Points claim #7',
      'In review',
      'Timeline',
      '2026-03-02 · Sharon Lin · Approved',
      'see the policy now',
      'Applicant: Sharon Lin',
      'Only HR sees this.',
      'Approve',
      'Open in app',
      'Wei Chen',
      'Teamwork',
      'Tag',
      '🌟 Customer first',
      'Teamwork #002',
      'Comment',
      'Great week',
      'Thanks',
      'Save',
    ]);
  });

  it('strips markers but keeps ids, underscores inside words and numbered list numbers', () => {
    expect(stripMarkdown('- **#12 Wei** · ou_3f2a_b1')).toBe('#12 Wei · ou_3f2a_b1');
    expect(stripMarkdown('3. Sharon `██░░` **4210**')).toBe('3. Sharon ██░░ 4210');
  });
});

describe('missingContent', () => {
  const original = (): CardFixture => structuredClone(fixtureNamed('approvalCard/en/typical'));
  const timelineTitles = LANGS.map((l) => `**${translator(l)('approval.timeline')}**`);
  const timelineIndex = (v: CardView) =>
    v.blocks.findIndex((b) => b.type === 'text' && timelineTitles.some((title) => b.markdown.startsWith(title)));
  const replaceTimeline = (v: CardView, markdown: string): CardView => ({
    ...v,
    blocks: v.blocks.map((b, i) => (i === timelineIndex(v) ? { type: 'text', markdown } : b)),
  });
  const timelineOf = (v: CardView) => {
    const b = v.blocks[timelineIndex(v)];
    return b?.type === 'text' ? b.markdown : '';
  };

  it('finds nothing missing in the card itself', () => {
    for (const f of cardFixtures()) expect(missingContent(f.view, [f.view]), f.name).toEqual([]);
  });

  it('finds a removed line, and only that line', () => {
    const { view } = original();
    const lines = timelineOf(view).split('\n');
    const removed = lines[3]!;
    const fitted = replaceTimeline(view, lines.filter((_, i) => i !== 3).join('\n'));
    expect(missingContent(view, [fitted])).toEqual([stripMarkdown(removed)]);
  });

  it('finds a clipped line and a lost button', () => {
    const { view } = original();
    const lines = timelineOf(view).split('\n');
    const clipped = replaceTimeline(
      view,
      lines.map((l, i) => (i === 2 ? `${[...l].slice(0, 30).join('')}…` : l)).join('\n'),
    );
    const noButtons: CardView = { ...clipped, blocks: clipped.blocks.filter((b) => b.type !== 'actions') };
    const missing = missingContent(view, [noButtons]);
    expect(missing).toContain(stripMarkdown(lines[2]!));
    expect(missing).toEqual(expect.arrayContaining(buttonsOf(view).map((b) => b.label)));
  });

  it('tolerates a line split across two cards, with a continuation note and a "(2/2)" title between the pieces', () => {
    const { view } = original();
    const lines = timelineOf(view).split('\n');
    const line = lines[2]!;
    const cut = line.indexOf(' ', 40); // a word boundary: the space itself is lost in the split
    const first = replaceTimeline(view, [...lines.slice(0, 2), line.slice(0, cut)].join('\n'));
    const firstCard: CardView = {
      ...first,
      blocks: [
        ...first.blocks.slice(0, timelineIndex(view) + 1),
        { type: 'note', text: 'Continued in 1 more message ↓' },
      ],
    };
    const secondCard: CardView = {
      header: { title: `${view.header?.title ?? ''} (2/2)`, tone: 'neutral' },
      blocks: [
        { type: 'text', markdown: [line.slice(cut + 1), ...lines.slice(3)].join('\n') },
        ...view.blocks.slice(timelineIndex(view) + 1),
      ],
    };
    expect(missingContent(view, [firstCard, secondCard])).toEqual([]);
    // The same pieces out of order do not make the line.
    const swapped: CardView = {
      ...secondCard,
      blocks: [{ type: 'text', markdown: [...lines.slice(3), line.slice(cut + 1)].join('\n') }],
    };
    expect(missingContent(view, [firstCard, swapped])).toContain(stripMarkdown(line));
  });

  it.each(LANGS)(
    'tolerates the 50,000-character comment split into 21 cards (%s), and finds one piece lost',
    (lang) => {
      const view = hugeComment(lang, 50_000);
      const at = timelineIndex(view);
      expect(at).toBeGreaterThan(0);
      const points = [...timelineOf(view)];
      const pieces: string[] = [];
      for (let i = 0; i < points.length; i += 2_400) pieces.push(points.slice(i, i + 2_400).join(''));
      // As a fitter would: what comes before in the first card with a "continued" note, what comes after in the last.
      const cards = pieces.map((p, i): CardView => ({
        header:
          i === 0 ? view.header : { title: `${view.header?.title ?? ''} (${i + 1}/${pieces.length})`, tone: 'neutral' },
        blocks: [
          ...(i === 0 ? view.blocks.slice(0, at) : []),
          { type: 'text', markdown: p },
          ...(i === 0 ? [{ type: 'note' as const, text: `Continued in ${pieces.length - 1} more messages ↓` }] : []),
          ...(i === pieces.length - 1 ? view.blocks.slice(at + 1) : []),
        ],
      }));
      expect(cards).toHaveLength(21);
      expect(missingContent(view, cards)).toEqual([]);
      const lost = missingContent(
        view,
        cards.filter((_, i) => i !== 10),
      );
      expect(lost).toHaveLength(1);
      expect(codePoints(lost[0]!)).toBeGreaterThanOrEqual(50_000);
    },
  );

  it('an atom found only in a fitted header still counts (a fitter may move a long title)', () => {
    const { view } = original();
    const moved: CardView = {
      header: { title: `${view.header?.title ?? ''} (1/2)`, subtitle: view.header?.subtitle, tone: 'info' },
      blocks: view.blocks,
    };
    expect(missingContent(view, [moved])).toEqual([]);
  });
});

describe('missingContent on what the real fitter makes (cards/fit.ts)', () => {
  // A small made-up platform: at most 4,000 characters of card JSON and 20 blocks per message. Small, so every
  // extreme card is split in many places — inside lines, between buttons and continuation notes.
  const fits = (v: CardView) => JSON.stringify(v).length <= 4_000 && v.blocks.length <= 20;
  const cases = LANGS.flatMap((lang) => [
    ...[
      'approvalCard/extreme/timeline-80',
      'pulseReportCard/extreme/units-200',
      'tagsCard/extreme',
      'waveLaunchedCard/extreme',
      'requestListCard/extreme',
      'resultCard/extreme',
    ].map((n) => {
      const [kind, ...rest] = n.split('/');
      return fixtureNamed([kind, lang, ...rest].join('/'));
    }),
    ...badInputCards(lang)
      .filter((b) => b.name !== 'tags-300') // a form is never split: too big, it becomes the "open in app" note
      .map((b) => ({ name: `${b.name}/${lang}`, view: b.view })),
  ]);

  it.each(cases.map((c) => [c.name, c.view] as const))(
    'finds nothing missing in %s sent as continuation cards',
    (_name, view) => {
      const cards = fitCard(view, { fits, mode: 'send', appUrl: APP_URL });
      expect(cards.length).toBeGreaterThan(1);
      expect(missingContent(view, cards)).toEqual([]);
    },
  );

  it.each(LANGS)('finds what an update in place leaves out to the app (%s)', (lang) => {
    const view = longTimelineApproval(lang, 80);
    const [updated] = fitCard(view, { fits, mode: 'update', appUrl: APP_URL });
    const missing = missingContent(view, [updated!]);
    expect(missing.length).toBeGreaterThan(10);
    expect(missing.every((m) => contentOf(view).includes(m))).toBe(true);
  });
});

describe('missingInText (what a platform shows, as text)', () => {
  // A Slack-like rendering: *bold*, &amp; escapes, <url|label> links, fields as a bold label over the value,
  // "• " bullets, and a long line cut in two messages.
  const mrkdwn = (md: string) =>
    md
      .replace(/\*\*(.+?)\*\*/g, '*$1*')
      .replace(/&/g, '&amp;')
      .replace(/^- /gm, '• ');
  const render = (v: CardView): string[] => [
    v.header?.title ?? '',
    v.header?.subtitle ?? '',
    ...v.blocks.flatMap((b) =>
      b.type === 'text'
        ? [mrkdwn(b.markdown)]
        : b.type === 'note'
          ? [mrkdwn(b.text)]
          : b.type === 'fields'
            ? b.fields.map((f) => `*${f.label}*\n${mrkdwn(f.value)}`)
            : b.type === 'actions'
              ? b.buttons.map((x) => (x.url ? `<${x.url}|${x.label}>` : x.label))
              : [],
    ),
  ];

  it.each(LANGS)('finds everything of a rendered card, and the one line a renderer dropped (%s)', (lang) => {
    const { view } = fixtureNamed(`ratingsReportCard/${lang}/extreme`);
    const texts = render(view);
    expect(texts.some((x) => x.includes('&amp;'))).toBe(lang === 'en'); // "Safety & compliance"
    expect(texts.some((x) => x.includes('<https://'))).toBe(true);
    expect(missingInText(view, texts)).toEqual([]);
    const lines = texts.join('\n').split('\n');
    const dropped = lines.findIndex((l) => l.startsWith('• ') && l.length > 12);
    expect(missingInText(view, [lines.filter((_, i) => i !== dropped).join('\n')])).toEqual([
      stripMarkdown(lines[dropped]!.replace(/^• /, '').replace(/\*/g, '')),
    ]);
  });

  it('joins a line cut across two messages with a "(2/2)" title between them', () => {
    const view = hugeComment('en', 6_000);
    const texts = render(view);
    const at = texts.findIndex((x) => [...x].length > 5_000);
    const cut = texts[at]!.lastIndexOf(' ', 3_000);
    const split = [
      ...texts.slice(0, at),
      texts[at]!.slice(0, cut),
      'Continued in the next message ↓',
      `${view.header?.title ?? ''} (2/2)`,
      texts[at]!.slice(cut + 1),
      ...texts.slice(at + 1),
    ];
    expect(missingInText(view, split)).toEqual([]);
    expect(
      missingInText(
        view,
        split.filter((_, i) => i !== at + 3),
      ),
    ).toHaveLength(1);
  });
});
