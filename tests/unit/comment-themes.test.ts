// Comment themes: Chinese segmented with Intl.Segmenter, English by word stems, each comment counted once per theme.
import { describe, expect, it } from 'vitest';
import { commentThemes, themesOfComment, wordsOf } from '../../src/domain/surveys/themes.js';

describe('comment themes', () => {
  it('segments Chinese into words (no spaces to split on)', () => {
    expect(wordsOf('门店加班太多，排班不合理')).toEqual(['门', '店', '加班', '太多', '排班', '不合理']);
  });

  it('finds the themes of a Chinese comment, and of an English one by stem', () => {
    expect(themesOfComment('门店加班太多，排班不合理，工资也低')).toEqual(['workload', 'schedule', 'pay']);
    expect(themesOfComment('My manager never communicates; no training or promotion in sight.')).toEqual([
      'management',
      'communication',
      'growth',
    ]);
    expect(themesOfComment('I would like a day off after the busy weekend')).toEqual(['workload', 'schedule']);
    expect(themesOfComment('一切都好')).toEqual([]);
  });

  it('a word that merely contains a keyword in the middle is not a match (paying → pay, but not "repay")', () => {
    expect(themesOfComment('They are paying late')).toEqual(['pay']);
    expect(themesOfComment('Hard to repay the favour')).toEqual([]);
    // A restaurant company: "restaurant" is not rest, a developer is not career growth.
    expect(themesOfComment('The restaurant developer')).toEqual([]);
  });

  it('counts comments per theme across both languages, most frequent first, each comment once per theme', () => {
    expect(
      commentThemes([
        '加班加班再加班',
        'Too much overtime and stress',
        '同事之间配合很好',
        'Great team, thanks to everyone',
        '工资太低',
      ]),
    ).toEqual([
      { theme: 'workload', count: 2 },
      { theme: 'teamwork', count: 2 },
      { theme: 'pay', count: 1 },
      { theme: 'recognition', count: 1 },
    ]);
    expect(commentThemes([])).toEqual([]);
  });
});
