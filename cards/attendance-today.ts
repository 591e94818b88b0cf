// The store head's "today" card: who is late (longest first, with minutes), on leave, not clocked in, absent or
// gone early, and how many are on time — names, not anonymous data, shown to the unit's heads and HR only.
import type { Translate } from '../src/i18n/index.js';
import { openInApp } from './app-link.js';
import { card, type BlockInput, type CardView } from './view.js';

export interface TodayCardView {
  unit: string;
  day: string;
  people: number;
  onTime: number;
  late: { name: string; minutes: number | null }[];
  onLeave: string[];
  notClockedIn: string[];
  absent: string[];
  earlyLeave: string[];
  noRecord: string[];
  appUrl?: string;
}

/** A list that stays short on a phone: the first 20 names and how many more. */
function names(list: readonly string[]): string {
  return list.length > 20 ? `${list.slice(0, 20).join('、')} … (+${list.length - 20})` : list.join('、');
}

export function attendanceTodayCard(v: TodayCardView, t: Translate): CardView {
  const blocks: BlockInput[] = [
    { type: 'text', markdown: t('attendance.today.summary', { day: v.day, onTime: v.onTime, people: v.people }) },
  ];
  const lines: string[] = [];
  if (v.late.length)
    lines.push(
      t('attendance.today.late', {
        n: v.late.length,
        list: names(
          v.late.map((p) =>
            p.minutes === null ? p.name : t('attendance.today.lateMinutes', { name: p.name, minutes: p.minutes }),
          ),
        ),
      }),
    );
  const group = (key: 'onLeave' | 'notClockedIn' | 'absent' | 'earlyLeave', list: string[]) => {
    if (list.length) lines.push(t(`attendance.today.${key}`, { n: list.length, list: names(list) }));
  };
  group('notClockedIn', v.notClockedIn);
  group('absent', v.absent);
  group('earlyLeave', v.earlyLeave);
  group('onLeave', v.onLeave);
  blocks.push({ type: 'text', markdown: lines.length ? lines.join('\n') : t('attendance.today.allClear') });
  if (v.noRecord.length)
    blocks.push({
      type: 'text',
      markdown: t('attendance.today.noRecord', { n: v.noRecord.length, list: names(v.noRecord) }),
    });
  blocks.push(...openInApp(v.appUrl, t), { type: 'note', text: t('attendance.today.note') });
  const attention = v.late.length + v.notClockedIn.length + v.absent.length > 0;
  return card({
    header: { title: t('attendance.today.title', { unit: v.unit }), tone: attention ? 'warning' : 'info' },
    blocks,
  });
}
