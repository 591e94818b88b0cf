// The real entry point, as `npm start` runs it: a fresh database gets the migrations and the demo org,
// /healthz and /sandbox answer, /help gets a card through the outbox, and SIGTERM shuts down cleanly.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { sandboxSignIn } from '../support/sandbox-client.js';
import { runMainUntilExit } from '../support/main-process.js';
import { freePort } from '../support/free-port.js';
import { ownDatabase } from '../support/own-database.js';

describe('src/main.ts', () => {
  it('starts on a fresh database with the demo org and shuts down gracefully on SIGTERM', async () => {
    const port = await freePort();
    const db = join(mkdtempSync(join(tmpdir(), 'vitality-start-')), 'data', 'vitality.db');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        // A database of its own on a PostgreSQL run too: "a fresh database" is what this test is about.
        ...(await ownDatabase(db)),
        LOG_LEVEL: 'warn',
        SCHEDULER_ENABLED: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    try {
      await vi.waitFor(async () => expect((await fetch(`${base}/healthz`)).status).toBe(200), {
        timeout: 90_000, // a new PostgreSQL database: migrations, then the demo org and its history
        interval: 100,
      });
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const page = await fetch(`${base}/sandbox`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('data-testid="composer"');
      const people = (await (await fetch(`${base}/sandbox/api/people`)).json()) as { people: { id: number }[] };
      expect(people.people.length).toBeGreaterThanOrEqual(30);
      const personId = people.people[0]!.id;
      // The chat API answers only a session signed in as the person, as the page does when they are picked.
      const cookie = await sandboxSignIn(base, personId);
      await fetch(`${base}/sandbox/api/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ personId, text: '/help', eventId: randomUUID() }),
      });
      await vi.waitFor(
        async () => {
          const m = (await (
            await fetch(`${base}/sandbox/api/messages?personId=${personId}&since=0`, { headers: { cookie } })
          ).json()) as { messages: { from: string; html?: string }[] };
          expect(m.messages.find((x) => x.from === 'bot')?.html).toContain('/whoami');
        },
        { timeout: 10_000, interval: 100 },
      );
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/Error/);
  }, 150_000);

  it('links to the port it listens on when PUBLIC_BASE_URL is not set (PORT=44000 must not link to 3000)', async () => {
    const port = await freePort();
    const db = join(mkdtempSync(join(tmpdir(), 'vitality-port-')), 'vitality.db');
    const env: Record<string, string | undefined> = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      // Its own database on a PostgreSQL run: the sandbox chat is in the database, and another server's /help
      // answer there links to that server's port.
      ...(await ownDatabase(db)),
      LOG_LEVEL: 'info',
      SCHEDULER_ENABLED: 'false',
    };
    delete env.PUBLIC_BASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    try {
      await vi.waitFor(() => expect(stdout).toContain(`Vitality is up: ${base}/sandbox`), {
        timeout: 90_000, // a new PostgreSQL database: migrations, then the demo org and its history
        interval: 100,
      });
      const people = (await (await fetch(`${base}/sandbox/api/people`)).json()) as { people: { id: number }[] };
      const personId = people.people[0]!.id;
      const cookie = await sandboxSignIn(base, personId);
      await fetch(`${base}/sandbox/api/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ personId, text: '/help', eventId: randomUUID() }),
      });
      // The help card's "Open in app" button links to this server, not to the default port.
      const html = await vi.waitFor(
        async () => {
          const m = (await (
            await fetch(`${base}/sandbox/api/messages?personId=${personId}&since=0`, { headers: { cookie } })
          ).json()) as { messages: { from: string; html?: string }[] };
          const h = m.messages.find((x) => x.from === 'bot')?.html;
          expect(h).toContain('/app');
          return h!;
        },
        { timeout: 10_000, interval: 100 },
      );
      const links = [...html.matchAll(/href="([^"]+)"/g)].map((x) => x[1]!).filter((u) => u.startsWith('http'));
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) expect(link.startsWith(`${base}/`)).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 150_000);

  it('refuses to start with a bad variable and says which', async () => {
    const { code, stderr } = await runMainUntilExit({ PORT: 'eighty' });
    expect(code).toBe(1);
    expect(stderr).toContain('PORT: expected a whole number from 1 to 65535, got "eighty"');
  });
});
