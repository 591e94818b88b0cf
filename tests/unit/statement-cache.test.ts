// The SQLite statement cache (src/db/sqlite/statement-cache.ts): a statement is compiled once per SQL text, and
// a kept statement behaves as a freshly prepared one whatever mode its last user left it in.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheStatements } from '../../src/db/sqlite/statement-cache.js';

let db: Database.Database;
const open = (max?: number) => {
  db = new Database(':memory:');
  cacheStatements(db, max);
  db.exec("create table t (id integer primary key, name text); insert into t (name) values ('a'), ('b'), ('c')");
  return db;
};
afterEach(() => db?.close());

describe('the SQLite statement cache', () => {
  it('gives the same compiled statement back for the same SQL, a different one for other SQL', () => {
    open();
    const a = db.prepare('select name from t where id = ?');
    expect(db.prepare('select name from t where id = ?')).toBe(a);
    expect(db.prepare('select id from t where id = ?')).not.toBe(a);
  });

  it('hands a kept statement back in the default mode (rows as objects), whatever the last user set', () => {
    open();
    expect(db.prepare('select id, name from t where id = ?').raw().get(1)).toEqual([1, 'a']);
    expect(db.prepare('select id, name from t where id = ?').get(1)).toEqual({ id: 1, name: 'a' });
    expect(db.prepare('select name from t order by id').pluck().all()).toEqual(['a', 'b', 'c']);
    expect(db.prepare('select name from t order by id').all()).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    expect(db.prepare('select id, name from t where id = ?').expand().get(2)).toEqual({ t: { id: 2, name: 'b' } });
    expect(db.prepare('select id, name from t where id = ?').get(2)).toEqual({ id: 2, name: 'b' });
  });

  it('gives a fresh statement while the kept one is still being iterated', () => {
    open();
    const sql = 'select id from t order by id';
    const names: number[] = [];
    for (const row of db.prepare(sql).iterate() as Iterable<{ id: number }>)
      names.push(...(db.prepare(sql).all() as { id: number }[]).map((r) => r.id * 10 + row.id));
    expect(names).toEqual([11, 21, 31, 12, 22, 32, 13, 23, 33]);
  });

  it('keeps at most the bound, dropping the least recently used', () => {
    open(2);
    const one = db.prepare('select 1');
    const two = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(one); // used: now the most recent
    db.prepare('select 3'); // drops "select 2"
    expect(db.prepare('select 1')).toBe(one);
    expect(db.prepare('select 2')).not.toBe(two);
  });

  it('writes still run and report their changes', () => {
    open();
    const ins = db.prepare('insert into t (name) values (?)');
    expect(ins.run('d').changes).toBe(1);
    expect(db.prepare('insert into t (name) values (?)').run('e').changes).toBe(1);
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 5 });
  });
});
