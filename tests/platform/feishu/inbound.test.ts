import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { cardProblems } from '../../../adapters/feishu/conformance.js';
import { callbackAnswer as answer } from '../../../adapters/feishu/inbound.js';
import { pageCodec } from '../../../adapters/feishu/page-seal.js';
import type { CoreResponse } from '../../../src/bot/port.js';
import { card } from '../../../cards/view.js';

const log = pino({ level: 'silent' });
const ctx = { codec: pageCodec('inbound-test'), appUrl: 'https://vitality.example.com/app' };
const callbackAnswer = (res: CoreResponse, l: typeof log) => answer(res, l, ctx);

describe('feishu card-callback answer', () => {
  it('toast + raw card 2.0', () => {
    expect(
      callbackAnswer(
        {
          outcome: 'handled',
          toast: { text: 'Saved', tone: 'success' },
          card: card({ blocks: [{ type: 'divider' }] }),
        },
        log,
      ),
    ).toEqual({
      toast: { type: 'success', content: 'Saved' },
      card: {
        type: 'raw',
        data: {
          schema: '2.0',
          config: { update_multi: true, width_mode: 'fill' },
          body: { elements: [{ tag: 'hr' }] },
        },
      },
    });
  });

  it('field errors ride in the toast (deduplicated); without a toast they make an error toast', () => {
    expect(
      callbackAnswer(
        {
          outcome: 'invalid',
          toast: { text: 'Check your answers.', tone: 'error' },
          fieldErrors: { a: 'Please choose.', b: 'Please choose.', c: 'Too long.' },
        },
        log,
      ),
    ).toEqual({ toast: { type: 'error', content: 'Check your answers. Please choose. Too long.' } });
    expect(callbackAnswer({ outcome: 'invalid', fieldErrors: { a: 'Please choose.' } }, log)).toEqual({
      toast: { type: 'error', content: 'Please choose.' },
    });
    // A field error that repeats the toast text is not shown twice.
    expect(
      callbackAnswer(
        {
          outcome: 'invalid',
          toast: { text: 'A reason is required.', tone: 'error' },
          fieldErrors: { reason: 'A reason is required.' },
        },
        log,
      ),
    ).toEqual({ toast: { type: 'error', content: 'A reason is required.' } });
  });

  it('unknown users get the text as an info toast; duplicates get an empty answer; toasts are cut', () => {
    expect(callbackAnswer({ outcome: 'unknown_user', text: 'Not in the directory.' }, log)).toEqual({
      toast: { type: 'info', content: 'Not in the directory.' },
    });
    expect(callbackAnswer({ outcome: 'duplicate' }, log)).toEqual({});
    const long = callbackAnswer({ outcome: 'handled', toast: { text: 'x'.repeat(500), tone: 'info' } }, log);
    expect(Array.from(long.toast!.content)).toHaveLength(120);
  });

  it('a card too big for one answer is fitted as an update: accepted by Feishu, the rest behind an app link', () => {
    const huge = card({
      blocks: Array.from({ length: 60 }, (_, i) => ({
        type: 'actions' as const,
        buttons: [1, 2, 3].map((j) => ({ label: `b${i}-${j}`, action: { k: 'x', id: String(i), v: 'v'.repeat(200) } })),
      })),
    });
    const out = callbackAnswer({ outcome: 'handled', toast: { text: 'ok', tone: 'success' }, card: huge }, log);
    expect(out.toast).toEqual({ type: 'success', content: 'ok' });
    expect(out.card?.type).toBe('raw');
    expect(cardProblems(out.card!.data, 'callback', { toast: out.toast })).toEqual([]);
    expect(JSON.stringify(out.card!.data)).toContain('https://vitality.example.com/app');
    expect(JSON.stringify(out.card!.data)).toContain('b0-1');
  });
});
