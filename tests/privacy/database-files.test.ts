// Attack 5: someone holding copies of the database files (a backup, a DBA, a stolen disk) — without the
// sealing secret, which is not in the files. They copy `.db` and `-wal` after every single submission,
// replay the WAL commit by commit, and read the physical layout of the response tables. They learn who
// answered (participation is not secret) but cannot tell which answers or comment are whose.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, openDatabase, runMigrations, type Db } from '../../src/db/connection.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { deriveSealKey, openSubmission, SEALED_PLAINTEXT_BYTES } from '../../src/domain/surveys/seal.js';
import { ensureDefaultTemplate, getTemplate } from '../../src/domain/surveys/templates.js';
import { closeWave, launchWave, submitAnswers } from '../../src/domain/surveys/waves.js';
import { TEST_SEAL } from '../support/pulse.js';
import { cellsInWriteOrder, openCopy, replayWal, rootPageOf } from '../support/sqlite-files.js';

const T0 = new Date('2026-03-02T01:00:00Z');

interface Copy {
  after: number;
  db: Buffer;
  wal: Buffer;
}

let db: Db;
let dir: string;
let waveId: number;
let respondents: number[];
/** Respondent i's answers spell i in base 5 (1..5 per item), so the test can tell whose row is whose. */
const vectorOf = (i: number, itemCount: number) =>
  Array.from({ length: itemCount }, (_, j) => 1 + (Math.floor(i / 5 ** j) % 5));
const authorOf = (v: number[]) => v.reduce((n, x, j) => n + (x - 1) * 5 ** j, 0);
const commentOf = (i: number) => `distinctive-comment-${i}-q7x`;
const copies: Copy[] = [];
let itemIds: number[];
let enpsId: number;

/** The newest state a copy holds: its file with every committed WAL frame applied. */
const latest = (c: Copy) => replayWal(c.db, c.wal).at(-1) ?? c.db;

function snapshot(after: number): Copy {
  const file = join(dir, 'test.db');
  return {
    after,
    db: readFileSync(file),
    wal: existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0),
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vitality-files-'));
  db = openDatabase(join(dir, 'test.db'));
  runMigrations(db);
  await seedDemoOrg(db);
  const templateId = await inTransaction(db, async () => await ensureDefaultTemplate(db));
  const r = await inTransaction(
    db,
    async () =>
      await launchWave(
        db,
        { invite: async () => {}, remind: async () => {} },
        {
          templateId,
          audienceUnitId: null,
          closesAt: new Date(T0.getTime() + 3 * 86_400_000),
          reminderDays: [],
          now: T0,
          actor: { kind: 'system' },
        },
      ),
  );
  if (!r.ok) throw new Error(r.code);
  waveId = r.wave.id;
  const template = (await getTemplate(db, templateId))!;
  itemIds = template.items.filter((i) => i.kind === 'scale').map((i) => i.id);
  enpsId = template.items.find((i) => i.kind === 'enps')!.id;
  respondents = (
    db.$client
      .prepare('select employee_id as id from survey_participation where wave_id = ? order by employee_id')
      .all(waveId) as { id: number }[]
  ).map((p) => p.id);
  // Everyone in the demo organisation: with 39 rows, a layout matching arrival order by chance is out of reach.
  expect(respondents.length).toBeGreaterThanOrEqual(30);
  copies.push(snapshot(-1));
  for (const [i, employeeId] of respondents.entries()) {
    const values: Record<string, string> = Object.fromEntries(
      vectorOf(i, itemIds.length).map((v, j) => [`i${itemIds[j]}`, String(v)]),
    );
    values[`i${enpsId}`] = String(i % 11);
    values.comment = commentOf(i);
    const s = await inTransaction(
      db,
      async () =>
        await submitAnswers(db, TEST_SEAL, {
          waveId,
          employeeId,
          values,
          now: new Date(T0.getTime() + (i + 1) * 60_000),
        }),
    );
    expect(s.ok).toBe(true);
    copies.push(snapshot(i));
  }
});

describe('while the wave is open, the files hold nothing readable about an answer', () => {
  it('every state the WAL can be replayed to has empty response tables and one-size sealed rows', () => {
    let states = 0;
    for (const c of copies) {
      for (const state of [c.db, ...replayWal(c.db, c.wal)]) {
        const copy = openCopy(state);
        try {
          // (Early states replay the migrations: a table that does not exist yet holds nothing either.)
          const tables = new Set(
            (copy.prepare("select name from sqlite_schema where type = 'table'").all() as { name: string }[]).map(
              (t) => t.name,
            ),
          );
          for (const t of ['survey_responses', 'survey_answers', 'survey_comments'])
            if (tables.has(t)) expect(copy.prepare(`select count(*) as n from ${t}`).get()).toEqual({ n: 0 });
          if (!tables.has('survey_pool')) continue;
          const sizes = new Set(
            (copy.prepare('select length(sealed) as n from survey_pool').all() as { n: number }[]).map((r) => r.n),
          );
          expect(sizes.size).toBeLessThanOrEqual(1);
          if (sizes.size === 1) expect([...sizes][0]).toBe(12 + 16 + SEALED_PLAINTEXT_BYTES);
        } finally {
          copy.close();
        }
        states++;
      }
    }
    // One state per copy and at least one per submission replayed from the WAL.
    expect(states).toBeGreaterThan(copies.length + respondents.length);
  });

  it('no comment text and no answer record appears anywhere in the bytes of any copy', () => {
    for (const c of copies) {
      const bytes = Buffer.concat([c.db, c.wal]);
      for (let i = 0; i < respondents.length; i++) expect(bytes.includes(Buffer.from(commentOf(i)))).toBe(false);
      expect(bytes.includes(Buffer.from('"answers":'))).toBe(false);
    }
  });

  it('the sealed rows open only with the secret, which is not in the files', () => {
    const last = openCopy(latest(copies.at(-1)!));
    const rows = last.prepare('select sealed from survey_pool').all() as { sealed: Buffer }[];
    last.close();
    expect(rows).toHaveLength(respondents.length);
    const guessed = deriveSealKey('a guess at the secret, 32 characters long');
    for (const r of rows) {
      expect(openSubmission(guessed, waveId, r.sealed)).toBeUndefined();
      // Sealed to this wave: the right key opens it only as this wave's.
      expect(openSubmission(TEST_SEAL, waveId + 1, r.sealed)).toBeUndefined();
      expect(openSubmission(TEST_SEAL, waveId, r.sealed)?.comment).toMatch(/^distinctive-comment-\d+-q7x$/);
    }
  });
});

describe('after close, the layout does not follow the order of answering', () => {
  let closed: Buffer;
  let sealedBefore: Buffer[];

  beforeAll(async () => {
    const before = openCopy(latest(copies.at(-1)!));
    sealedBefore = (before.prepare('select sealed from survey_pool').all() as { sealed: Buffer }[]).map(
      (r) => r.sealed,
    );
    before.close();
    const r = await inTransaction(
      db,
      async () => await closeWave(db, TEST_SEAL, waveId, new Date(T0.getTime() + 3 * 86_400_000), { kind: 'system' }),
    );
    expect(r.ok).toBe(true);
    const file = join(dir, 'test.db');
    // The WAL was checkpointed into the file and truncated: no history of commits is left in it.
    expect(statSync(`${file}-wal`).size).toBe(0);
    copyFileSync(file, join(dir, 'closed.db'));
    closed = readFileSync(join(dir, 'closed.db'));
  });

  it('the response and comment rows are written in an order unrelated to arrival', () => {
    const copy = openCopy(closed);
    const vectorById = new Map<string, number[]>();
    for (const r of copy
      .prepare('select response_id as id, item_id as item, value from survey_answers order by item_id')
      .all() as { id: string; item: number; value: number }[]) {
      if (r.item !== enpsId) vectorById.set(r.id, [...(vectorById.get(r.id) ?? []), r.value]);
    }
    const responseOrder = cellsInWriteOrder(closed, rootPageOf(copy, 'survey_responses')).map((c) =>
      authorOf(vectorById.get(c.key!)!),
    );
    const commentText = new Map(
      (copy.prepare('select id, text from survey_comments').all() as { id: string; text: string }[]).map((c) => [
        c.id,
        c.text,
      ]),
    );
    const commentOrder = cellsInWriteOrder(closed, rootPageOf(copy, 'survey_comments')).map((c) =>
      Number(/-(\d+)-/.exec(commentText.get(c.key!)!)![1]),
    );
    copy.close();
    const arrival = respondents.map((_, i) => i);
    // Every response is there, each once.
    expect([...responseOrder].sort((a, b) => a - b)).toEqual(arrival);
    expect([...commentOrder].sort((a, b) => a - b)).toEqual(arrival);
    // The attacker's best guess from the layout is not the order people answered in (nor its reverse).
    for (const order of [responseOrder, commentOrder]) {
      expect(order).not.toEqual(arrival);
      expect(order).not.toEqual([...arrival].reverse());
    }
  });

  it('the sealed rows are gone from the file, not left in free pages (secure_delete)', () => {
    expect(sealedBefore).toHaveLength(respondents.length);
    for (const s of sealedBefore) expect(closed.includes(s.subarray(40, 72))).toBe(false);
    const copy = openCopy(closed);
    expect(copy.prepare('select count(*) as n from survey_pool').get()).toEqual({ n: 0 });
    copy.close();
  });
});

describe('the attacker tool works: on rows written in a known order, it recovers that order', () => {
  it('reads write order from the layout of a WITHOUT ROWID table', () => {
    const control = openDatabase(join(mkdtempSync(join(tmpdir(), 'vitality-control-')), 'c.db'));
    control.$client.exec('create table t (id text primary key, v integer) without rowid');
    const ids = Array.from({ length: 12 }, (_, i) => `${((i * 7919) % 97).toString(16).padStart(2, '0')}-${i}`);
    for (const id of ids) control.$client.prepare('insert into t values (?, 1)').run(id);
    control.$client.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(control.$client.name);
    expect(cellsInWriteOrder(bytes, rootPageOf(control.$client, 't')).map((c) => c.key)).toEqual(ids);
    control.$client.close();
  });
});
