// The course catalogue as a card: each course with the name of the rating dimension it helps with.
import type { Translate } from '../src/i18n/index.js';
import { card, type CardView } from './view.js';

export function coursesCard(courses: { name: string; dimension: string }[], t: Translate): CardView {
  const rows = courses.map((c) => `- **${c.name}** · ${c.dimension}`);
  return card({
    header: { title: t('course.title'), tone: 'neutral' },
    blocks: [{ type: 'text', markdown: rows.join('\n') || '—' }],
  });
}
