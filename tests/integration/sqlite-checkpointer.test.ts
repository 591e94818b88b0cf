// The write-ahead log is copied back into the database file by a worker thread (src/db/sqlite/checkpointer.ts),
// not by the COMMIT that crosses 1000 pages on the server's thread (issue 22: half of the catch-up tick's longest
// block). Played on a real file: the server's connection checkpoints nothing itself, the log is still copied back
// and reused (it does not grow with every write, even when the writes never pause), and closing leaves no log
// behind.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import { closeDatabase, openConfiguredDatabase, type Db } from '../../src/db/connection.js';
import { checkpointInBackground } from '../../src/db/sqlite/checkpointer.js';

const dir = mkdtempSync(join(tmpdir(), 'vitality-checkpointer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const walBytes = (path: string) => (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
/** Write about `mb` megabytes in transactions of 100 KB (1000 pages of 4 KB are 4 MB: the old checkpoint mark). */
function write(db: Db, mb: number): void {
  const insert = db.$client.prepare('insert into scratch (body) values (?)');
  const body = 'x'.repeat(1000);
  for (let t = 0; t < mb * 10; t++)
    db.$client.transaction(() => {
      for (let i = 0; i < 100; i++) insert.run(body);
    })();
}

describe('SQLite checkpoints off the event loop', () => {
  it('the connection does no automatic checkpoint; the worker copies the log back; the log is reused, then removed', async () => {
    const path = join(dir, 'v.db');
    const db = await openConfiguredDatabase({ databasePath: path });
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    db.$client.exec('create table scratch (id integer primary key, body text)');

    write(db, 6);
    // Without the worker the log would now hold every page written (no automatic checkpoint on this connection).
    const grown = walBytes(path);
    expect(grown).toBeGreaterThan(4_000_000);
    // The worker copies it back within a round or two (nothing here checkpoints: a probe would do it itself), and
    // a log copied back in full is written again from its start — so a megabyte more stops making it longer.
    let written = 6;
    let before = grown;
    await vi.waitFor(
      async () => {
        await new Promise((r) => setTimeout(r, 300));
        write(db, 1);
        written += 1;
        const now = walBytes(path);
        const same = now === before;
        before = now;
        expect(same).toBe(true);
      },
      { timeout: 15_000, interval: 0 },
    );
    expect((db.$client.prepare('select count(*) as n from scratch').get() as { n: number }).n).toBe(written * 1000);

    await closeDatabase(db);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('writes that never pause still get the log started again: it stays bounded instead of growing with them', async () => {
    // A PASSIVE checkpoint copies up to the last frame as of its start; with a write landing during every round
    // it never catches up, and the log was never reused (427 MB after a minute of the press bench).
    const path = join(dir, 'busy.db');
    const sqlite = new Database(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.exec('create table scratch (id integer primary key, body text)');
    checkpointInBackground(sqlite, path, { everyMs: 50, limitFrames: 256 });
    const insert = sqlite.prepare('insert into scratch (body) values (?)');
    const body = 'x'.repeat(1000);
    const write10kb = () =>
      sqlite.transaction(() => {
        for (let i = 0; i < 10; i++) insert.run(body);
      })();
    // First with pauses, until the worker is up and the log is being reused (its file stops growing).
    let rows = 0;
    let before = -1;
    await vi.waitFor(
      async () => {
        write10kb();
        rows += 10;
        await new Promise((r) => setTimeout(r, 200));
        const now = walBytes(path);
        const same = now === before;
        before = now;
        expect(same).toBe(true);
      },
      { timeout: 15_000, interval: 0 },
    );
    // Then a write of 10 KB every millisecond or so, 30 MB in all (the press bench wrote about 8 MB a second):
    // the file may grow by a few rounds' writes, not by the 30 MB.
    for (let t = 0; t < 3000; t++) {
      write10kb();
      rows += 10;
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(walBytes(path) - before).toBeLessThan(10_000_000);
    expect((sqlite.prepare('select count(*) as n from scratch').get() as { n: number }).n).toBe(rows);
    sqlite.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('a database opened and closed at once closes cleanly, leaving no log', async () => {
    const path = join(dir, 'quick.db');
    const db = await openConfiguredDatabase({ databasePath: path });
    await closeDatabase(db);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('a worker that cannot open the file gives the checkpoints back to the connection', async () => {
    const path = join(dir, 'fallback.db');
    const sqlite = new Database(path);
    sqlite.pragma('journal_mode = WAL');
    checkpointInBackground(sqlite, join(dir, 'missing', 'no.db'));
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await vi.waitFor(() => expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000), {
      timeout: 10_000,
    });
    sqlite.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });
});
