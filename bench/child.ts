// What the benches that run each database in a child process share: the child (this same file, forked with
// `child <dialect> <target>`) and its messages in order, and the median of a round's samples.
import { fork, type ChildProcess } from 'node:child_process';
import type { z } from 'zod';

export type Dialect = 'sqlite' | 'postgres';

/** Fork `file` as the child for one database; `next()` answers its messages in order, throwing on `error`. */
export function spawnChild<M extends { type: string }>(
  file: string,
  schema: z.ZodType<M>,
  dialect: Dialect,
  target: string,
): { proc: ChildProcess; next(): Promise<M> } {
  const env = { ...process.env };
  if (dialect === 'postgres') env.DATABASE_URL = target;
  else delete env.DATABASE_URL;
  const proc = fork(file, ['child', dialect, target], { env, stdio: 'inherit' });
  const queue: M[] = [];
  const waiting: ((m: M) => void)[] = [];
  proc.on('message', (raw) => {
    const m = schema.parse(raw);
    const w = waiting.shift();
    if (w) w(m);
    else queue.push(m);
  });
  proc.on('exit', (code) => {
    if (code !== 0) {
      console.error(`${dialect} child exited with ${code}`);
      process.exit(1);
    }
  });
  return {
    proc,
    next: async () => {
      const m = queue.shift() ?? (await new Promise<M>((resolve) => waiting.push(resolve)));
      if (m.type === 'error') throw new Error(`${dialect}: ${'message' in m ? String(m.message) : 'failed'}`);
      return m;
    },
  };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
