// Many fresh databases with the same starting rows, for property tests that open one per run. On SQLite a new
// file is migrated and seeded each time (a few milliseconds). On PostgreSQL migrating and seeding a database
// takes about a second, so the first call prepares a template database and each call after that copies it
// (CREATE DATABASE … TEMPLATE): the same rows, sequences and triggers, without running the migrations again.
import pg from 'pg';
import { closeDatabase, openConfiguredDatabase, type Db } from '../../src/db/connection.js';
import { freshDb } from './db.js';
import { createDatabase } from './postgres.js';

/** Returns a function that opens a new database holding what `seed` wrote; close each with closeDatabase. */
export function seededDbs(seed: (db: Db) => Promise<void>): () => Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (!url)
    return async () => {
      const db = await freshDb();
      await seed(db);
      return db;
    };
  let template: Promise<string> | undefined;
  let copies = 0;
  return async () => {
    template ??= (async () => {
      const templateUrl = await createDatabase(url);
      const db = await openConfiguredDatabase({ databasePath: '', databaseUrl: templateUrl });
      try {
        await seed(db);
      } finally {
        // A template must have no open connection while it is copied.
        await closeDatabase(db);
      }
      return templateUrl;
    })();
    const from = new URL(await template);
    const name = `${from.pathname.slice(1)}_${++copies}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${from.pathname.slice(1)}`);
    } finally {
      await admin.end();
    }
    const copy = new URL(from);
    copy.pathname = `/${name}`;
    return openConfiguredDatabase({ databasePath: '', databaseUrl: copy.toString() });
  };
}
