// A throwaway PostgreSQL cluster for a test file: initdb into a temp folder, pg_ctl start on a free port of
// 127.0.0.1 (its unix socket in the same folder, so nothing is shared with a system cluster), one database,
// and stop() removes it all. initdb refuses to run as root, so as root the server runs as the `postgres` system
// user (Debian's package creates it; created here when missing). The programs are found by
// scripts/postgres-bin.mjs, which scripts/ensure-postgres.mjs (run by `npm test`) also uses to install them.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findPostgresBin } from '../../scripts/postgres-bin.mjs';
import { freePort } from './free-port.js';

const run = promisify(execFile);
const DATABASE = 'vitality';
const SUPERUSER = 'postgres';

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:<port>/vitality (trust authentication). */
  url: string;
  /** Stops the server (fast shutdown) and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
  /** Stops the server but keeps its data, for tests of the database going away: 'immediate' is a crash (no
   *  shutdown checkpoint, connections cut), 'fast' an orderly shutdown that ends every session. */
  stopServer(mode?: 'immediate' | 'fast'): Promise<void>;
  /** Starts the stopped server again on the same port, with the same data. */
  startServer(): Promise<void>;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** The uid and gid of the `postgres` system user, created when missing (root only). */
function postgresUser(): { uid: number; gid: number } {
  const ids = (): { uid: number; gid: number } => ({
    uid: Number(execFileSync('id', ['-u', SUPERUSER], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', SUPERUSER], { encoding: 'utf8' }).trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      SUPERUSER,
    ]);
    return ids();
  }
}

function readLog(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '(no server log)';
}

/** Start a throwaway cluster with one empty database; call stop() when done (e.g. in afterAll). */
export async function startPostgres(): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  if (bin === null) {
    throw new Error(
      "PostgreSQL's server programs (initdb, pg_ctl, postgres) were not found: run `node scripts/ensure-postgres.mjs` (Debian: apt-get install postgresql) or set POSTGRES_BIN.",
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'vitality-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const asRoot = isRoot();
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  // As root, every PostgreSQL program runs as the postgres user; from the temp folder, which that user owns.
  const pgRun = (program: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', SUPERUSER, '--', join(bin, program), ...args], { cwd: dir })
      : run(join(bin, program), args, { cwd: dir });

  let stopped = false;
  const removeFolder = (): void => rmSync(dir, { recursive: true, force: true });
  // If the test process ends without stop() (a crash, a killed worker), take the server down with it.
  const onExit = (): void => {
    if (stopped) return;
    try {
      const args = ['stop', '-D', data, '-m', 'immediate', '-w'];
      if (asRoot) execFileSync('runuser', ['-u', SUPERUSER, '--', join(bin, 'pg_ctl'), ...args], { cwd: dir });
      else execFileSync(join(bin, 'pg_ctl'), args, { cwd: dir });
    } catch {
      // Not running.
    }
    removeFolder();
  };
  process.once('exit', onExit);

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', onExit);
    try {
      await pgRun('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '60']);
    } catch {
      // Already stopped (or never started): removing the folder is all that is left.
    }
    removeFolder();
  };

  try {
    await pgRun('initdb', ['-D', data, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
    let port = 0;
    let options = '';
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      options = [
        `-p ${port}`,
        "-c listen_addresses='127.0.0.1'",
        `-c unix_socket_directories='${dir}'`,
        // A test cluster: losing it in a power cut costs nothing, so don't wait for the disk.
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        // A test run makes a database per harness, each server with its own pool.
        '-c max_connections=400',
      ].join(' ');
      try {
        await pgRun('pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', options]);
        break;
      } catch (error) {
        // Another process took the port between freePort() and the server's bind: try another one.
        if (attempt < 3 && /could not (bind|create listen)/i.test(readLog(log))) continue;
        throw error;
      }
    }
    const admin = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, database: 'postgres' });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await admin.end();
    }
    const stopServer = async (mode: 'immediate' | 'fast' = 'immediate'): Promise<void> => {
      if (mode === 'immediate') {
        // This cluster runs with synchronous_commit=off: a crash would lose the last commits, which a server with
        // the default setting keeps. Write them out first, so the test sees what a production server would.
        const admin = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, database: 'postgres' });
        await admin.connect();
        try {
          await admin.query('CHECKPOINT');
        } finally {
          await admin.end();
        }
      }
      await pgRun('pg_ctl', ['stop', '-D', data, '-m', mode, '-w', '-t', '60']);
    };
    const startServer = async (): Promise<void> => {
      await pgRun('pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', options]);
    };
    return { url: `postgres://${SUPERUSER}@127.0.0.1:${port}/${DATABASE}`, stop, stopServer, startServer };
  } catch (error) {
    const detail = readLog(log);
    await stop();
    throw new Error(`Could not start a throwaway PostgreSQL cluster: ${String(error)}\n--- server log ---\n${detail}`, {
      cause: error,
    });
  }
}

let databases = 0;

/** A new empty database on the cluster `url` points at (any database of it); returns its URL. */
export async function createDatabase(url: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `t${process.pid}_${++databases}_${Date.now().toString(36)}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}
