// Every action the code writes to the audit log has words in both languages (src/i18n/parts/audit.*), so
// the audit page never falls back to "other action" for something we wrote ourselves.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/index.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? sources(join(dir, d.name))
      : d.name.endsWith('.ts')
        ? [readFileSync(join(dir, d.name), 'utf8')]
        : [],
  );
}

describe('audit actions in words', () => {
  it('each action written by audit(…) has a label and a sentence in en and zh-CN', () => {
    const actions = new Set<string>();
    for (const src of sources('src')) {
      // The first quoted key after `audit(` is the action (a ternary's first branch included).
      for (const m of src.matchAll(/\baudit\([^;]*?'([a-z_]+(?:\.[a-z_]+)+)'/g)) actions.add(m[1]!);
      // `approval.${kind}`: the decision kinds.
      if (src.includes('`approval.${kind}`'))
        for (const k of ['approve', 'reject', 'return', 'resubmit', 'cancel']) actions.add(`approval.${k}`);
    }
    expect(actions.size).toBeGreaterThan(40);
    const missing = [...actions].flatMap((a) =>
      (['en', 'zh-CN'] as const).flatMap((l) =>
        [`audit.kind.${a}`, `audit.did.${a}`].filter((k) => !(k in catalogues[l])).map((k) => `${l} ${k}`),
      ),
    );
    expect(missing).toEqual([]);
  });
});
