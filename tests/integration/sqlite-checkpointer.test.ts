// The write-ahead log is copied back into the database file by a worker thread (src/db/sqlite/checkpointer.ts),
// not by the COMMIT that crosses 1000 pages on the server's thread (issue 22: half of the catch-up tick's longest
// block). Played on a real file: the server's connection checkpoints nothing itself, the log is still copied back
// and reused (it does not grow with every write), and closing leaves no log behind.
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
