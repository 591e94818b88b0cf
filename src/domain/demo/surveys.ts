// Four monthly pulse waves closed with answers above the anonymity threshold, one open now, and the follow-ups
// HR and the managers took from the results. Everything goes through the survey domain: each answer is
// sealed in the pool by submitAnswers and published at close by closeWave, so the published groups, the
// suppression and the shuffled, person-free response rows are exactly what real answers would produce.
// The generator draws each answer from the respondent's unit's mood, never stores who gave it, and the
// seeded randomness decides only the story — not response ids or write order, which stay cryptographic.
import { allUnits } from '../org/units.js';
import { createFollowUp, setFollowUpStatus, type FollowUpStatus } from '../surveys/follow-ups.js';
import { ensureDefaultTemplate, getTemplate, type SurveyTemplate } from '../surveys/templates.js';
import {
  closeWave,
  itemField,
  launchWave,
  submitAnswers,
  waveAudience,
  type SurveyMessenger,
} from '../surveys/waves.js';
import { must, ymd, type DemoContext } from './context.js';
import type { Rng } from './prng.js';

const DAY = 24 * 60 * 60 * 1000;

/** Cards are not sent for history: the people answered long ago (and the open wave is on their home page). */
const silent: SurveyMessenger = { invite: () => Promise.resolve(), remind: () => Promise.resolve() };

// How each unit feels on the 1–5 scale, above or below the company's 3.55; the Xuhui store starts low and
// climbs wave after wave as its follow-ups land (the story the trend chart tells).
const UNIT_MOOD: Record<string, number> = {
  青云科技: 0.2,
  人力资源部: 0.3,
  信息技术部: 0.2,
  财务部: 0,
  产品研发部: 0.35,
  运营部: -0.15,
  上海徐汇店: -0.7,
  杭州西湖店: 0.25,
  深圳南山店: -0.05,
};
const CLIMBING = '上海徐汇店';
const DIMENSION_MOOD: Record<string, number> = { attitude: 0.3, collaboration: 0, expression: -0.35 };

const COMMENTS = {
  low: [
    '晚班连着排太多了，大家都很累。',
    '高峰期人手不够，出餐压力很大。',
    '提的问题很久没有回音。',
    'Shift handovers are rushed and things get lost.',
    '跨部门要个数据要等好几天。',
  ],
  mid: [
    '整体还可以，希望流程再简化一些。',
    '新系统上手有点慢，培训可以再多一点。',
    '希望多一些和其他门店交流的机会。',
    'More clarity on priorities each month would help.',
    '例会可以再短一点。',
  ],
  high: [
    '团队氛围很好，遇到问题大家都愿意帮忙。',
    '这个月的改进大家都看得到，谢谢！',
    '新品研发的讨论很有意思。',
    'Great support from my lead this month.',
    '带教很用心，新人成长很快。',
  ],
};

/** Waves: days before today they opened; each ran a week. The last one is still open. */
const CLOSED_WAVES = [112, 84, 56, 28];
const RESPONSE_RATE = [0.82, 0.86, 0.9, 0.92];
const OPEN_WAVE = { openedDaysAgo: 2, lengthDays: 7, rate: 0.45 };

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(v)));

function answerValues(template: SurveyTemplate, mood: number, rng: Rng): Record<string, string> {
  const values: Record<string, string> = {};
  for (const item of template.items) {
    if (item.kind === 'enps')
      values[itemField(item.id)] = String(clamp((mood - 1) * 2.6 + rng.noise(1.3), item.min, item.max));
    else {
      const dim = template.dimensions.find((d) => d.id === item.dimensionId);
      values[itemField(item.id)] = String(
        clamp(mood + (DIMENSION_MOOD[dim?.key ?? ''] ?? 0) + rng.noise(0.55), item.min, item.max),
      );
    }
  }
  return values;
}

function commentFor(mood: number, rng: Rng): string {
  if (!rng.chance(0.3)) return '';
  return rng.pick(mood < 3.3 ? COMMENTS.low : mood > 3.9 ? COMMENTS.high : COMMENTS.mid);
}

/** Launch a company-wide wave at `openedAt` and have a share of people answer over its first days. */
function runWave(
  ctx: DemoContext,
  rng: Rng,
  input: {
    index: number;
    openedAt: Date;
    closesAt: Date;
    rate: number;
    answerDays: number;
    onLaunched?: (waveId: number) => void;
  },
): void {
  const { db } = ctx;
  ctx.at(input.openedAt, `launch wave ${input.index + 1}`, async () => {
    const templateId = await ensureDefaultTemplate(db);
    const hr = await ctx.person('lin.xiaowen');
    const launched = must(
      await launchWave(db, silent, {
        templateId,
        audienceUnitId: null,
        closesAt: input.closesAt,
        reminderDays: [4],
        now: input.openedAt,
        actor: { kind: 'employee', employeeId: hr.id },
      }),
      `launching wave ${input.index + 1}`,
    );
    const waveId = launched.wave.id;
    input.onLaunched?.(waveId);
    const template = (await getTemplate(db, templateId))!;
    const unitName = new Map((await allUnits(db)).map((u) => [u.id, u.name]));
    // The audience as the wave fixed it; in id order, so the same seed picks the same respondents.
    // The CEO reads the results rather than answering: a lone answer at the top of the tree would make the
    // suppression hide a whole branch (the stores) to keep that one answer from being worked out.
    const ceo = (await ctx.person('chen.zhiyuan')).id;
    for (const p of (await waveAudience(db, null))!.sort((a, b) => a.id - b.id)) {
      if (p.id === ceo || !rng.chance(input.rate)) continue;
      const name = unitName.get(p.unitId ?? -1) ?? '';
      const mood =
        3.55 +
        (UNIT_MOOD[name] ?? 0) +
        input.index * 0.07 +
        (name === CLIMBING ? input.index * 0.2 : 0) +
        rng.noise(0.3);
      const values = { ...answerValues(template, mood, rng), comment: commentFor(mood, rng) };
      const answeredAt = new Date(
        input.openedAt.getTime() + rng.int(0, input.answerDays) * DAY + rng.int(1, 9) * 60 * 60 * 1000,
      );
      ctx.at(answeredAt, `an answer to wave ${input.index + 1}`, async () => {
        must(
          await submitAnswers(db, ctx.key, { waveId, employeeId: p.id, values, now: answeredAt }),
          `answering wave ${input.index + 1}`,
        );
      });
    }
  });
}

interface FollowUpStory {
  /** Which closed wave it came from (0-based). */
  wave: number;
  title: string;
  owner: string;
  unit: string | null;
  dueInDays: number;
  /** Status changes, days after the follow-up was created. */
  moves: [number, FollowUpStatus][];
}

const FOLLOW_UPS: FollowUpStory[] = [
  {
    wave: 0,
    title: '调整门店排班，避免连续三个以上晚班',
    owner: 'liu.qiang',
    unit: '青云科技/门店/上海徐汇店',
    dueInDays: 30,
    moves: [
      [3, 'in_progress'],
      [24, 'done'],
    ],
  },
  {
    wave: 0,
    title: '每月一次跨部门数据需求对接会',
    owner: 'li.ming',
    unit: '青云科技/总部',
    dueInDays: 21,
    moves: [
      [2, 'in_progress'],
      [15, 'done'],
    ],
  },
  {
    wave: 1,
    title: 'Weekly tasting session so the kitchen hears what guests say about new dishes',
    owner: 'tom.harris',
    unit: '青云科技/门店/深圳南山店',
    dueInDays: 35,
    moves: [
      [4, 'in_progress'],
      [30, 'done'],
    ],
  },
  {
    wave: 1,
    title: '高峰时段增派一名兼职服务员',
    owner: 'liu.qiang',
    unit: '青云科技/门店/上海徐汇店',
    dueInDays: 28,
    moves: [
      [5, 'in_progress'],
      [20, 'done'],
    ],
  },
  {
    wave: 2,
    title: '完善新人带教手册并指定带教人',
    owner: 'sun.li',
    unit: '青云科技/总部/运营部',
    dueInDays: 40,
    moves: [[6, 'in_progress']],
  },
  {
    wave: 3,
    title: '建立"问题反馈 — 处理进度"公示看板',
    owner: 'lin.xiaowen',
    unit: null,
    dueInDays: 30,
    moves: [[2, 'in_progress']],
  },
  {
    wave: 3,
    title: '交接班清单电子化，减少遗漏',
    owner: 'huang.jing',
    unit: '青云科技/门店/杭州西湖店',
    dueInDays: 21,
    moves: [],
  },
];

export function seedSurveys(ctx: DemoContext, rng: Rng): void {
  const waveIds: number[] = [];
  CLOSED_WAVES.forEach((daysAgo, index) => {
    const openedAt = ctx.ago(daysAgo);
    const closesAt = new Date(openedAt.getTime() + 7 * DAY);
    runWave(ctx, rng, {
      index,
      openedAt,
      closesAt,
      rate: RESPONSE_RATE[index]!,
      answerDays: 5,
      onLaunched: (id) => (waveIds[index] = id),
    });
    ctx.at(closesAt, `close wave ${index + 1}`, async () => {
      must(
        await closeWave(ctx.db, ctx.key, waveIds[index]!, closesAt, { kind: 'system' }),
        `closing wave ${index + 1}`,
      );
    });
  });
  const openedAt = ctx.ago(OPEN_WAVE.openedDaysAgo);
  runWave(ctx, rng, {
    index: CLOSED_WAVES.length,
    openedAt,
    closesAt: new Date(openedAt.getTime() + OPEN_WAVE.lengthDays * DAY),
    rate: OPEN_WAVE.rate,
    answerDays: OPEN_WAVE.openedDaysAgo - 1,
  });

  for (const f of FOLLOW_UPS) {
    // Two days after the wave closed HR has read the report and agreed the action with its owner.
    const createdAt = ctx.ago(CLOSED_WAVES[f.wave]! - 7 - 2, 1);
    let id = 0;
    ctx.at(createdAt, `follow-up "${f.title}"`, async () => {
      const r = must(
        await createFollowUp(ctx.db, {
          title: f.title,
          ownerId: (await ctx.person(f.owner)).id,
          dueDate: ymd(new Date(createdAt.getTime() + f.dueInDays * DAY)),
          waveId: waveIds[f.wave]!,
          unitId: f.unit === null ? null : await ctx.unitId(f.unit),
          creator: await ctx.person('lin.xiaowen'),
          today: ymd(createdAt),
        }),
        `creating follow-up "${f.title}"`,
      );
      id = r.followUp.id;
    });
    for (const [after, status] of f.moves) {
      ctx.at(new Date(createdAt.getTime() + after * DAY), `follow-up "${f.title}" ${status}`, async () => {
        must(await setFollowUpStatus(ctx.db, id, status, await ctx.person(f.owner)), `moving follow-up "${f.title}"`);
      });
    }
  }
}
