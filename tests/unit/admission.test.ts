// The bound on events worked on at once (src/bot/admission.ts): places are handed out first come, first served;
// a place given back goes straight to the next in line; a waiter past its wait is refused and leaves the line.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Admission } from '../../src/bot/admission.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('Admission', () => {
  it('admits up to the limit at once, then queues in order and hands each freed place to the next', async () => {
    const a = new Admission({ limit: 2, maxWaitMs: 1000 });
    const r1 = await a.enter();
    const r2 = await a.enter();
    expect(r1 && r2).toBeTruthy();
    const order: number[] = [];
    const w3 = a.enter().then((r) => (order.push(3), r));
    const w4 = a.enter().then((r) => (order.push(4), r));
    expect(a.stats).toEqual({ active: 2, waiting: 2, refused: 0 });
    r2!();
    r2!(); // a second call gives back nothing more
    const r3 = await w3;
    expect(r3).toBeTypeOf('function');
    expect(a.stats).toEqual({ active: 2, waiting: 1, refused: 0 });
    r1!();
    const r4 = await w4;
    expect(order).toEqual([3, 4]);
    r3!();
    r4!();
    expect(a.stats).toEqual({ active: 0, waiting: 0, refused: 0 });
  });

  it('refuses a waiter that gets no place within maxWaitMs, and the line goes on without it', async () => {
    vi.useFakeTimers();
    const a = new Admission({ limit: 1, maxWaitMs: 500 });
    const held = await a.enter();
    const late = a.enter();
    await vi.advanceTimersByTimeAsync(499);
    expect(a.stats.waiting).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await late).toBeUndefined();
    expect(a.stats).toEqual({ active: 1, waiting: 0, refused: 1 });
    const next = a.enter();
    held!();
    expect(await next).toBeTypeOf('function');
  });

  it('run: the work in a place (given back even when it throws), or the refusal when none came free', async () => {
    vi.useFakeTimers();
    const a = new Admission({ limit: 1, maxWaitMs: 100 });
    await expect(
      a.run(
        () => Promise.reject(new Error('boom')),
        () => Promise.resolve('refused'),
      ),
    ).rejects.toThrow('boom');
    expect(a.stats.active).toBe(0);
    let finish = () => {};
    const long = a.run(
      () => new Promise<string>((r) => (finish = () => r('done'))),
      () => Promise.resolve('refused'),
    );
    const refused = a.run(
      () => Promise.resolve('worked'),
      () => Promise.resolve('refused'),
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(await refused).toBe('refused');
    finish();
    expect(await long).toBe('done');
    expect(a.stats).toEqual({ active: 0, waiting: 0, refused: 1 });
  });
});
