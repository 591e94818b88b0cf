// The mini-app's catalogues: the same keys and placeholders in both languages, and every key the pages
// use (literally or by a known family) exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { zhCN } from '../../web/src/i18n/zh-CN.js';
import { QUANTITY_UNITS } from '../../src/domain/points/claim-value.js';
import { LEDGER_KINDS } from '../../src/db/schema.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? sources(join(dir, d.name))
      : /\.tsx?$/.test(d.name)
        ? [readFileSync(join(dir, d.name), 'utf8')]
        : [],
  );
}

describe('mini-app catalogues', () => {
  it('have exactly the same keys, the same placeholders, and no empty string', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect({ key, p: placeholders(zhCN[key]) }).toEqual({ key, p: placeholders(en[key]) });
      expect({ key, empty: en[key].trim() === '' || zhCN[key].trim() === '' }).toEqual({ key, empty: false });
    }
  });

  it('contain every key the pages use', () => {
    const used = new Set(sources('web/src').flatMap((src) => [...src.matchAll(/\bt\('([\w.]+)'/g)].map((m) => m[1]!)));
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !(k in en));
    expect(missing).toEqual([]);
    // Keys built from data: one per value the server can send.
    const families = [
      ...QUANTITY_UNITS.map((u) => `claim.unit.${u}`),
      ...LEDGER_KINDS.map((k) => `ledger.${k}`),
      ...['pending', 'returned', 'approved', 'rejected', 'cancelled'].map((s) => `status.${s}`),
      ...['week', 'month', 'quarter', 'year', 'all'].map((p) => `period.${p}`),
      ...['bonus', 'leave', 'training', 'other'].map((c) => `rewardsAdmin.category.${c}`),
    ];
    expect(families.filter((k) => !(k in en))).toEqual([]);
  });
});
