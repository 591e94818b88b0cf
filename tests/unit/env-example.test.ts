// .env.example documents every variable the config reads, with the default the config uses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envSchema, loadConfig } from '../../src/config.js';

const documented = new Map(
  readFileSync('.env.example', 'utf8')
    .split('\n')
    .filter((l) => /^[A-Z_]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
);

describe('.env.example', () => {
  it('lists every variable of the config schema, and nothing else', () => {
    expect([...documented.keys()].sort()).toEqual(Object.keys(envSchema.shape).sort());
  });
  it('shows the defaults the config really uses', () => {
    const fromExample = loadConfig(Object.fromEntries(documented));
    expect(fromExample).toEqual(loadConfig({}));
  });
});
