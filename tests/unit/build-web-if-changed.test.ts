// scripts/build-web-if-changed.mjs (npm start's prestart) against a temp project and a fake build that
// records each run, so the test never runs vite.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/build-web-if-changed.mjs', import.meta.url));

// Writes dist/web, counts its runs in builds.log, and reports reading web/src/main.ts and src/shared.ts
// (the latter standing for a module outside web/ that the bundle imports). FAIL_BUILD makes it fail
// after emptying the output, as vite's emptyOutDir would.
const fakeBuild = `
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
export default async function build({ root }) {
  appendFileSync(join(root, 'builds.log'), 'x');
  const out = join(root, 'dist', 'web');
  rmSync(out, { recursive: true, force: true });
  if (process.env.FAIL_BUILD === '1') throw new Error('build failed');
  mkdirSync(join(out, 'assets'), { recursive: true });
  const main = readFileSync(join(root, 'web', 'src', 'main.ts'), 'utf8');
  writeFileSync(join(out, 'index.html'), '<script src="/app/assets/main.js"></script>');
  writeFileSync(join(out, 'assets', 'main.js'), main);
  return [join(root, 'web', 'src', 'main.ts'), join(root, 'src', 'shared.ts'), '\\0vite/preload-helper.js'];
}
`;

let root: string;

function write(file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

function run(env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, [script, '--root', root, '--build-module', join(root, 'fake-build.mjs')], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function builds(): number {
  try {
    return readFileSync(join(root, 'builds.log'), 'utf8').length;
  } catch {
    return 0;
  }
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vitality-web-stamp-'));
  write('fake-build.mjs', fakeBuild);
  write('package.json', '{"name":"x"}');
  write('package-lock.json', '{"lockfileVersion":3}');
  write('tsconfig.json', '{}');
  write('web/index.html', '<div id="app"></div>');
  write('web/vite.config.ts', 'export default {};');
  write('web/src/main.ts', 'console.log(1);');
  write('src/shared.ts', 'export const shared = 1;');
  write('src/server-only.ts', 'export const serverOnly = 1;');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('build-web-if-changed', () => {
  it('builds the first time and not again while nothing changed', () => {
    expect(run()).toContain('Building');
    expect(builds()).toBe(1);
    expect(run()).toContain('not rebuilding');
    expect(run()).toContain('not rebuilding');
    expect(builds()).toBe(1);
  });

  it('rebuilds when a web source changes, and the output follows it', () => {
    run();
    write('web/src/main.ts', 'console.log(2);');
    run();
    expect(builds()).toBe(2);
    expect(readFileSync(join(root, 'dist/web/assets/main.js'), 'utf8')).toBe('console.log(2);');
  });

  it('rebuilds when a new file appears under web/ or the vite config changes', () => {
    run();
    write('web/src/extra.css', 'body{}');
    run();
    write('web/vite.config.ts', 'export default { base: "/x/" };');
    run();
    expect(builds()).toBe(3);
  });

  it('rebuilds when a module outside web/ that the build read changes, not for server-only files', () => {
    run();
    write('src/server-only.ts', 'export const serverOnly = 2;');
    run();
    expect(builds()).toBe(1);
    write('src/shared.ts', 'export const shared = 2;');
    run();
    expect(builds()).toBe(2);
  });

  it('rebuilds when the dependencies change', () => {
    run();
    write('package-lock.json', '{"lockfileVersion":3,"packages":{}}');
    run();
    expect(builds()).toBe(2);
  });

  it('rebuilds when the output is missing or was replaced', () => {
    run();
    rmSync(join(root, 'dist/web'), { recursive: true });
    run();
    expect(builds()).toBe(2);
    write('dist/web/assets/main.js', 'stale');
    run();
    expect(builds()).toBe(3);
    expect(readFileSync(join(root, 'dist/web/assets/main.js'), 'utf8')).toBe('console.log(1);');
  });

  it('keeps no stamp after a failed build, so the next start builds again', () => {
    run();
    write('web/src/main.ts', 'console.log(3);');
    expect(() => run({ FAIL_BUILD: '1' })).toThrow();
    run();
    expect(builds()).toBe(3);
    expect(run()).toContain('not rebuilding');
  });
});
