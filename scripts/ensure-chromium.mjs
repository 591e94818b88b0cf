// Browser tests drive Debian's Chromium through playwright-core (a test tool's own browser download does
// not work on our machines). Install it when missing; fail loudly rather than let a test skip. The CJK
// fonts only make the zh-CN screenshots legible (no test reads pixels), so missing them is a warning.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const canInstall = isRoot && existsSync('/usr/bin/apt-get');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };

if (!existsSync(CJK_FONT)) {
  if (canInstall) {
    try {
      console.log('Installing CJK fonts for legible zh-CN screenshots (apt-get install -y fonts-noto-cjk)…');
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
      execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'fonts-noto-cjk'], {
        stdio: 'inherit',
        env,
      });
    } catch {
      console.warn(
        'Could not install fonts-noto-cjk: zh-CN screenshots will show boxes for Chinese (the tests still run).',
      );
    }
  } else {
    console.warn(
      'fonts-noto-cjk is not installed: zh-CN screenshots will show boxes for Chinese (the tests still run).',
    );
  }
}
if (existsSync(path)) process.exit(0);

if (!canInstall) {
  console.error(
    `Chromium is needed for the browser tests and was not found at ${path}.\nInstall it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.`,
  );
  process.exit(1);
}
console.log('Installing Chromium for the browser tests (apt-get install -y chromium)…');
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
if (!existsSync(path)) {
  console.error(`apt-get finished but ${path} is still missing.`);
  process.exit(1);
}
