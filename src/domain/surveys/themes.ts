// Comment themes: published comments grouped by topic with counts, in zh-CN and en, by a small kept lexicon —
// no external service. Words come from Intl.Segmenter (Chinese has no spaces; 'word' granularity splits
// "加班太多" into 加班|太多); a word matches a keyword when it starts with it (加班费 → 加班, promoted → promot).
// Only ever run over a comment list that is already published (≥ the comment threshold): the counts say no
// more than the list shown beside them.

export const THEMES = [
  'workload',
  'schedule',
  'pay',
  'management',
  'communication',
  'teamwork',
  'growth',
  'recognition',
  'tools',
] as const;
export type Theme = (typeof THEMES)[number];

/** Keywords per theme: Chinese words and English stems, lower case. */
export const LEXICON: Record<Theme, readonly string[]> = {
  workload: [
    '加班',
    '工作量',
    '忙',
    '累',
    '压力',
    '人手',
    'overtime',
    'workload',
    'busy',
    'tired',
    'stress',
    'pressure',
    'understaff',
  ],
  schedule: [
    '排班',
    '轮班',
    '休息',
    '假期',
    '调休',
    '班次',
    'schedul',
    'shift',
    'rota',
    'roster',
    'holiday',
    'day off',
  ],
  pay: [
    '工资',
    '薪资',
    '薪酬',
    '薪水',
    '奖金',
    '福利',
    '补贴',
    'salary',
    'pay',
    'wage',
    'bonus',
    'benefit',
    'allowance',
  ],
  management: ['领导', '经理', '店长', '上级', '主管', '管理', 'manager', 'boss', 'leader', 'supervisor', 'management'],
  communication: [
    '沟通',
    '信息',
    '透明',
    '会议',
    '反馈',
    'communicat',
    'information',
    'transparen',
    'meeting',
    'feedback',
  ],
  teamwork: ['团队', '同事', '协作', '配合', '合作', 'team', 'colleague', 'collaborat', 'cooperat', 'coworker'],
  growth: ['培训', '成长', '晋升', '学习', '发展', '职业', 'training', 'train', 'growth', 'promot', 'learn', 'career'],
  recognition: ['认可', '表扬', '感谢', '鼓励', '肯定', 'recogni', 'praise', 'appreciat', 'thank', 'acknowledg'],
  tools: [
    '流程',
    '系统',
    '工具',
    '设备',
    '软件',
    '审批',
    'process',
    'system',
    'tool',
    'equipment',
    'software',
    'approval',
  ],
};

const segmenters = {
  zh: new Intl.Segmenter('zh', { granularity: 'word' }),
  en: new Intl.Segmenter('en', { granularity: 'word' }),
};

/** The words of a comment, lower case: Chinese and English segmented by their own rules. */
export function wordsOf(text: string): string[] {
  const seg = /\p{Script=Han}/u.test(text) ? segmenters.zh : segmenters.en;
  return [...seg.segment(text.toLowerCase())].filter((s) => s.isWordLike).map((s) => s.segment);
}

/** The themes one comment touches (each at most once). Multi-word keywords ("day off") match the text. */
export function themesOfComment(text: string): Theme[] {
  const words = wordsOf(text);
  const lower = text.toLowerCase();
  return THEMES.filter((theme) =>
    LEXICON[theme].some((k) => (k.includes(' ') ? lower.includes(k) : words.some((w) => w.startsWith(k)))),
  );
}

/** Per theme, how many comments touch it; themes no comment touches are left out; most frequent first. */
export function commentThemes(comments: readonly string[]): { theme: Theme; count: number }[] {
  const counts = new Map<Theme, number>();
  for (const c of comments) for (const t of themesOfComment(c)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts]
    .map(([theme, count]) => ({ theme, count }))
    .sort((a, b) => b.count - a.count || THEMES.indexOf(a.theme) - THEMES.indexOf(b.theme));
}
