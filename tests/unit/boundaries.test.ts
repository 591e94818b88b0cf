// The import-boundary lint rule, run with the project's real ESLint config on fixtures placed (virtually)
// where they would break the architecture.
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The fixtures are placed at paths no tsconfig holds, so the type-aware rules (which need the program) are off.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: [tseslint.configs.disableTypeChecked] });
async function lintAs(fixture: string, filePath: string) {
  const code = readFileSync(`tests/fixtures/boundary/${fixture}`, 'utf8');
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}
async function syntaxAs(fixture: string, filePath: string) {
  const code = readFileSync(`tests/fixtures/boundary/${fixture}`, 'utf8');
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => `${m.line}: ${m.message}`);
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
  describe('one door to the data', () => {
    for (const where of ['src/web/routes/bad.ts', 'src/bot/features/bad.ts']) {
      it(`fails when ${where} imports the schema, the connection or drizzle`, async () => {
        const messages = await lintAs('web-touches-tables.ts', where);
        expect(messages).toHaveLength(3);
        expect(messages.every((m) => m.includes('never touch tables'))).toBe(true);
      });
      it(`fails when ${where} builds a query or runs SQL on the handle`, async () => {
        expect(await syntaxAs('web-touches-tables.ts', where)).toEqual([
          expect.stringMatching(/^7: .*never touch tables/),
          expect.stringMatching(/^8: .*never touch tables/),
          expect.stringMatching(/^13: .*never touch tables/),
        ]);
      });
    }
    it('passes when a route calls a use case in a unit of work', async () => {
      expect(await lintAs('web-calls-domain.ts', 'src/web/routes/good.ts')).toEqual([]);
      expect(await syntaxAs('web-calls-domain.ts', 'src/web/routes/good.ts')).toEqual([]);
    });
    it('the same code is fine inside the domain', async () => {
      expect(await lintAs('web-touches-tables.ts', 'src/domain/org/ok.ts')).toEqual([]);
      expect(await syntaxAs('web-touches-tables.ts', 'src/domain/org/ok.ts')).toEqual([]);
    });
  });
  describe('no arrow points up', () => {
    for (const where of [
      'src/domain/org/bad.ts',
      'cards/bad.ts',
      'src/i18n/bad.ts',
      'src/vocabulary.ts',
      'src/contract/bad.ts',
    ]) {
      it(`fails when ${where} imports the bot port or the web API`, async () => {
        const messages = await lintAs('points-up.ts', where);
        expect(messages).toHaveLength(2);
        expect(messages.every((m) => m.includes('never imports them'))).toBe(true);
      });
    }
    it('the bot core never imports the web API', async () => {
      expect(await lintAs('points-up.ts', 'src/bot/features/bad.ts')).toEqual([
        expect.stringContaining('The bot core never imports the web API'),
      ]);
    });
    it('an adapter never calls the domain or the web API itself', async () => {
      expect(await lintAs('adapter-imports-domain.ts', 'adapters/feishu/bad.ts')).toEqual([
        expect.stringContaining('never touch the database'),
        expect.stringContaining('never import the web API'),
      ]);
    });
    it("a card names the domain's types at most, never calls it", async () => {
      const code = readFileSync('tests/fixtures/boundary/card-calls-domain.ts', 'utf8');
      const [result] = await eslint.lintText(code, { filePath: 'cards/bad.ts' });
      const lines = result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line);
      expect(lines).toEqual([3]);
    });
    it('the front end imports only types, and only from the contract', async () => {
      const code = readFileSync('tests/fixtures/boundary/front-end-imports.ts', 'utf8');
      const [result] = await eslint.lintText(code, { filePath: 'web/src/pages/bad.tsx' });
      const lines = result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line);
      expect(lines).toEqual([4, 5]);
    });
  });
});
