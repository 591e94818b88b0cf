// "No copies in chat" (DESIGN §6): what the platform receives after a survey submission — the recorded card,
// a toast, any message sent or updated for the person — must not carry their answers back into their chat.
// The card this replaced listed every question with its value ("我对自己的工作充满热情。: 4 / 5"), so a
// payload is checked for scores ("4 / 5", "9/10"), for the questions' texts (a card that pairs a question
// with anything is an echo) and for the comment the person typed.
import { expect } from 'vitest';
import type { Harness } from '../support/harness.js';
import { getTemplate } from '../../src/domain/surveys/templates.js';
import { getWave } from '../../src/domain/surveys/waves.js';

/** A score out of the scale's or eNPS's maximum, with or without spaces: "4 / 5", "9/10". */
export const SCORE = /\d+\s*\/\s*(?:5|10)(?!\d)/;

/** Every question text of the wave's template, in both languages. */
export async function questionTexts(h: Harness, waveId: number): Promise<string[]> {
  const wave = await getWave(h.app.db, waveId);
  expect(wave, `wave ${waveId}`).toBeDefined();
  const items = (await getTemplate(h.app.db, wave!.templateId))!.items;
  expect(items.length).toBeGreaterThan(0);
  return items.flatMap((i) => Object.values(i.text));
}

/**
 * Assert that nothing in `payload` (a string, or anything JSON-serialisable: a card, a recorded API call)
 * carries an answer: no score, no question text, not the comment that was submitted.
 */
export function expectNoAnswers(payload: unknown, o: { what: string; questions: string[]; comment?: string }): void {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  expect(text.length, `${o.what}: something to check`).toBeGreaterThan(0);
  // JSON escapes quotes and backslashes: look for each text as it would appear in this payload.
  const asIn = (s: string) => (typeof payload === 'string' ? s : JSON.stringify(s).slice(1, -1));
  expect(text, `${o.what}: carries a score`).not.toMatch(SCORE);
  for (const q of o.questions) expect(text.includes(asIn(q)), `${o.what}: repeats the question "${q}"`).toBe(false);
  if (o.comment) expect(text.includes(asIn(o.comment)), `${o.what}: repeats the comment`).toBe(false);
}
