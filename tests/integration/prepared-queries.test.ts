// Queries built once (src/db/prepared.ts) run where the caller is: inside a unit of work, on its transaction —
// on PostgreSQL the query is built on one connection and must not run on it (nor on the pool) when called from
// another unit — and with each call's own values.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { closeDatabase, isPostgres } from '../../src/db/connection.js';
import { prepared } from '../../src/db/prepared.js';
import { settings } from '../../src/db/schema.js';
import { unitOfWork } from '../../src/domain/unit-of-work.js';
import { freshDb } from '../support/db.js';

const read = prepared((db) =>
  db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, sql.placeholder('key'))),
);
const write = prepared((db) =>
  db.insert(settings).values({ key: sql.placeholder('key'), value: sql.placeholder('value') }),
);

describe('prepared queries', () => {
  it("run in the caller's unit of work: they see its writes, and their writes roll back with it", async () => {
    const db = await freshDb();
    await expect(
      unitOfWork(db, async (tx) => {
        await write(tx, { key: 'a', value: 'kept?' });
        expect(await read(tx, { key: 'a' })).toEqual([{ value: 'kept?' }]);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await read(db, { key: 'a' })).toEqual([]);

    await unitOfWork(db, async (tx) => await write(tx, { key: 'a', value: 'one' }));
    await write(db, { key: 'b', value: 'two' });
    expect(await read(db, { key: 'a' })).toEqual([{ value: 'one' }]);
    expect(await read(db, { key: 'b' })).toEqual([{ value: 'two' }]);
    expect(await read(db, { key: 'c' })).toEqual([]);
    await closeDatabase(db);
  });

  it('two units of work at once each run on their own transaction', async () => {
    const db = await freshDb();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    // The first unit builds the queries on its connection, writes, and stays open until told.
    const first = unitOfWork(db, async (tx) => {
      await write(tx, { key: 'first', value: '1' });
      expect(await read(tx, { key: 'first' })).toEqual([{ value: '1' }]);
      wrote();
      await held;
      throw new Error('undo the first');
    });
    await written;
    const second = async () =>
      await unitOfWork(db, async (tx) => {
        await write(tx, { key: 'second', value: '2' });
        expect(await read(tx, { key: 'first' })).toEqual([]);
        expect(await read(tx, { key: 'second' })).toEqual([{ value: '2' }]);
      });
    if (isPostgres(db)) {
      // While the first is still open, on a connection of its own.
      await second();
      release();
      await expect(first).rejects.toThrow('undo the first');
    } else {
      // SQLite runs one unit at a time: the second after the first.
      release();
      await expect(first).rejects.toThrow('undo the first');
      await second();
    }
    expect(await read(db, { key: 'first' })).toEqual([]);
    expect(await read(db, { key: 'second' })).toEqual([{ value: '2' }]);
    await closeDatabase(db);
  });
});
