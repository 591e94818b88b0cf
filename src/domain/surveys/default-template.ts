// The built-in "team vitality pulse": three dimensions of three 1–5 items, each worded positively (so a
// higher score is always better), an eNPS item and an optional anonymous comment.
import { z } from 'zod';

/** A template as data: its names, scale, comment and eNPS choices, dimensions and items in both languages
 *  (what the builder sends, what the app shows of a stored template, and the built-in pulse below). */
export const templateSpecViewSchema = z.strictObject({
  /** The built-in template's key; HR's own templates have none. */
  key: z.string().optional(),
  nameZh: z.string(),
  nameEn: z.string(),
  scaleMin: z.number(),
  scaleMax: z.number(),
  commentEnabled: z.boolean(),
  enps: z.boolean(),
  dimensions: z.array(
    z.strictObject({
      key: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      items: z.array(z.strictObject({ key: z.string(), zh: z.string(), en: z.string() })),
    }),
  ),
});
export type TemplateSpec = z.infer<typeof templateSpecViewSchema>;

export const TEAM_PULSE: TemplateSpec = {
  key: 'team-pulse',
  nameZh: '团队活力脉搏',
  nameEn: 'Team vitality pulse',
  scaleMin: 1,
  scaleMax: 5,
  commentEnabled: true,
  enps: true,
  dimensions: [
    {
      key: 'attitude',
      nameZh: '工作态度',
      nameEn: 'Work attitude',
      items: [
        {
          key: 'initiative',
          zh: '我会主动改进工作方式，而不需要别人提醒。',
          en: 'I take the initiative to improve how we work without being asked.',
        },
        {
          key: 'responsibility',
          zh: '我对自己承诺的事负责到底，即使遇到困难。',
          en: 'I follow through on what I commit to, even when it gets hard.',
        },
        {
          key: 'resilience',
          zh: '压力大的时候，我依然能保持冷静并高效工作。',
          en: 'I stay composed and effective when the pressure is high.',
        },
      ],
    },
    {
      key: 'collaboration',
      nameZh: '团队协作',
      nameEn: 'Team collaboration',
      items: [
        {
          key: 'communication',
          zh: '我需要的其他同事或团队的信息，能清晰、及时地传达给我。',
          en: 'The information I need from colleagues and other teams reaches me clearly and in time.',
        },
        {
          key: 'mutual-help',
          zh: '当我需要帮助时，同事会乐意伸出援手。',
          en: 'When I need help, colleagues step in willingly.',
        },
        {
          key: 'conflict',
          zh: '团队中的分歧能被公开讨论并公平解决。',
          en: 'Disagreements in my team are discussed openly and resolved fairly.',
        },
      ],
    },
    {
      key: 'expression',
      nameZh: '情绪表达',
      nameEn: 'Emotional expression',
      items: [
        {
          key: 'frustration',
          zh: '工作中让我感到挫败的时刻很少。',
          en: 'Frustrating moments at work are rare for me.',
        },
        {
          key: 'solve',
          zh: '遇到让我不满的事，我愿意推动解决，而不是放弃。',
          en: 'When something bothers me at work, I want to help fix it rather than give up.',
        },
        {
          key: 'trust',
          zh: '我相信自己提出的问题会被认真对待并得到解决。',
          en: 'I trust that the problems I raise will be taken seriously and fixed.',
        },
      ],
    },
  ],
};

export const ENPS_ITEM = {
  key: 'enps',
  zh: '你有多大可能向朋友推荐来这里工作？（0 = 完全不可能，10 = 非常可能）',
  en: 'How likely are you to recommend working here to a friend? (0 = not at all, 10 = extremely likely)',
};
