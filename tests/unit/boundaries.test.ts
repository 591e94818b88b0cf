// The import-boundary lint rule, run with the project's real ESLint config on fixtures placed (virtually)
// where they would break the architecture.
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
async function lintAs(fixture: string, filePath: string) {
  const code = readFileSync(`tests/fixtures/boundary/${fixture}`, 'utf8');
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('fail when the domain imports a platform SDK', async () => {
    expect(await lintAs('domain-imports-sdk.ts', 'src/domain/surveys/bad.ts')).toEqual([
      expect.stringContaining('no platform SDK or fastify'),
    ]);
  });
  it('fail when a card imports an adapter', async () => {
    expect(await lintAs('cards-import-adapter.ts', 'cards/bad.ts')).toEqual([
      expect.stringContaining('never import an adapter'),
    ]);
  });
  it('fail when an adapter touches the database', async () => {
    const messages = await lintAs('adapter-imports-db.ts', 'adapters/slack/bad.ts');
    expect(messages).toHaveLength(2);
    expect(messages.every((m) => m.includes('never touch the database'))).toBe(true);
  });
  it('pass for platform-neutral code', async () => {
    expect(await lintAs('domain-clean.ts', 'src/domain/clean.ts')).toEqual([]);
  });
  it('the same SDK import is fine inside an adapter', async () => {
    expect(await lintAs('domain-imports-sdk.ts', 'adapters/slack/ok.ts')).toEqual([]);
  });
});
