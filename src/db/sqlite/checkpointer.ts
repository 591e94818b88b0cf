// SQLite copies the write-ahead log back into the database file (a checkpoint) when the log passes 1000 pages,
// inside the COMMIT that crossed the mark: on the server's one thread, with an fsync. Under a burst of writes
// (a catch-up minute tick enqueueing a thousand reminder cards, a wave of presses) that is a block of 50 ms and
// more every few megabytes — half of the tick's longest block in issue 22's bench. Here a worker thread with a
// connection of its own runs PASSIVE checkpoints every second (a PASSIVE checkpoint never waits for, nor
// blocks, the server's readers and its writer: https://sqlite.org/c3ref/wal_checkpoint_v2.html), and the
// server's connection checkpoints nothing itself. The log is reused from its start by the next write once it has
// been copied back in full — but only if a checkpoint catches up with the last frame, which under writes that
// never pause (a wave of presses) it never does: the press bench's log grew to 427 MB in a minute. So once the log
// holds `limitFrames` after a round, the worker runs a RESTART checkpoint: it waits for the server's writer to end
// its transaction, copies the frames the PASSIVE round left, and makes the next write start the log from its
// beginning. The server's writer waits for it (its busy timeout) for the copy of those frames and an fsync, once
// per `limitFrames` written.
// The explicit TRUNCATE checkpoints that empty the log for anonymity (checkpointTruncate) still run on the
// server's connection, as before.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

const require = createRequire(import.meta.url);

// A CommonJS script (eval workers are): opens the same file, checkpoints on a timer, and on 'stop' closes its
// connection and says so through the shared flag — so the server's connection closes last and removes the log.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const flag = new Int32Array(workerData.flag);
const db = new Database(workerData.path, { fileMustExist: true });
// How long RESTART may wait for the server's writer to end its transaction (it blocks nobody while it waits).
db.pragma('busy_timeout = 2000');
const checkpoint = () => {
  try {
    const [copied] = db.pragma('wal_checkpoint(PASSIVE)');
    if (!copied || copied.log < workerData.limitFrames) return;
    // Copy what was written during that round too (without blocking anyone), so that RESTART, which holds the
    // server's writer back while it copies, has only the frames of a few milliseconds left.
    db.pragma('wal_checkpoint(PASSIVE)');
    db.pragma('wal_checkpoint(RESTART)');
  } catch {
    // Busy or locked by a TRUNCATE in progress: the next round copies what is left.
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
  parentPort.close();
});
Atomics.store(flag, 0, 2);
Atomics.notify(flag, 0);
`;

const OPEN = 2;
const CLOSED = 1;
/** The worker failed (set by this thread): there is no connection of its to wait for. */
const FAILED = 3;
/** How long close() waits for the worker's connection to close (it is closing a file handle: milliseconds). */
const CLOSE_WAIT_MS = 2000;
/** Frames (pages of 4 KB) the log may hold after a round before it is started again: about 64 MB. High enough
 *  that a burst (a catch-up tick's thousand reminders) never meets a RESTART, whose hold on the writer lasts an
 *  fsync — on this shared test machine sometimes tens of ms (the tick bench's worst rounds at 16 MB). */
export const LOG_LIMIT_FRAMES = 16_384;

/**
 * Checkpoint `sqlite` (a file database in WAL mode) from a worker thread from now on. The connection's own
 * automatic checkpoints are turned off, and come back on if the worker fails. Closing the connection stops the
 * worker first.
 */
export function checkpointInBackground(
  sqlite: Database.Database,
  path: string,
  { everyMs = 1000, limitFrames = LOG_LIMIT_FRAMES }: { everyMs?: number; limitFrames?: number } = {},
): void {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { path, everyMs, limitFrames, driver: require.resolve('better-sqlite3'), flag: flag.buffer },
  });
  // The worker never keeps the process alive: a process that forgets to close its database still exits.
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  worker.on('error', () => {
    Atomics.store(flag, 0, FAILED);
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  });
  const close = sqlite.close.bind(sqlite);
  sqlite.close = () => {
    // Wait (a few milliseconds) for the worker to close its connection if it opened one: the last connection to
    // close copies the log back and removes it, and that must be this one, now — callers check the files after.
    if (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0, CLOSE_WAIT_MS);
    if (Atomics.load(flag, 0) === OPEN) {
      worker.postMessage('stop');
      Atomics.wait(flag, 0, OPEN, CLOSE_WAIT_MS);
    }
    const state = Atomics.load(flag, 0);
    if (state !== CLOSED && state !== FAILED) void worker.terminate();
    return close();
  };
}
