// better-sqlite3 compiles SQL on every prepare(), and drizzle calls prepare() for every query it runs: a card
// press compiled the same few dozen statements again each time (issue 22: about a sixth of a press's CPU).
// Compiled statements are kept by their SQL text, most recently used last, up to a bound; SQLite itself
// recompiles a kept statement when the schema changes under it (sqlite3_prepare_v2).
import type Database from 'better-sqlite3';

export const STATEMENT_CACHE_SIZE = 500;

export function cacheStatements(sqlite: Database.Database, max = STATEMENT_CACHE_SIZE): void {
  const compile = sqlite.prepare.bind(sqlite);
  const kept = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    const hit = kept.get(source);
    // A statement still being iterated cannot run twice at once: that caller gets a fresh one.
    if (hit && !hit.busy) {
      kept.delete(source);
      kept.set(source, hit);
      // Modes stick to a statement (drizzle switches selects to raw rows): give it back as a fresh one is.
      if (hit.reader) hit.raw(false).pluck(false).expand(false);
      return hit;
    }
    const stmt = compile(source);
    if (hit) return stmt;
    kept.set(source, stmt);
    if (kept.size > max) kept.delete(kept.keys().next().value!);
    return stmt;
  };
  // Sound: `prepare` has compile's signature except for the generic result types, which only annotate.
  sqlite.prepare = prepare as typeof sqlite.prepare;
}
