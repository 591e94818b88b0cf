// Headless Debian Chromium via playwright-core. The flags keep Chromium off the network it cannot reach
// (background services, component updates) so only our 127.0.0.1 server is contacted. `useHarnessAndBrowser`:
// the real server and the browser around a file's tests.
import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startHarness, type Harness } from './harness.js';

export const ARTIFACTS = 'test-artifacts';

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface HarnessAndBrowser {
  h: Harness;
  browser: Browser;
}

/** The real server and headless Chromium for the tests of a file: started before the first (`started` hands
 *  them to the file's variables and may prepare data), closed after the last (the browser, then the server). */
export function useHarnessAndBrowser(started: (s: HarnessAndBrowser) => unknown): void {
  let h: Harness | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    h = await startHarness();
    browser = await launchBrowser();
    await started({ h, browser });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });
}
