// src/db/table-checksum.ts: one spelling per value, rows hashed in key order whatever order a database returns
// them in, and any changed value (a boolean read as 1, bytes read as text) changes the checksum.
import { describe, expect, it } from 'vitest';
import { canonicalRow, canonicalValue, sortRows, tableChecksum } from '../../src/db/table-checksum.js';

describe('canonicalValue', () => {
  it('spells each kind of value one way', () => {
    expect(canonicalValue(null)).toBe('null');
    expect(canonicalValue(true)).toBe('true');
    expect(canonicalValue(false)).toBe('false');
    expect(canonicalValue(42)).toBe('42');
    expect(canonicalValue(0.1)).toBe('0.1');
    expect(canonicalValue(-0)).toBe('0');
    expect(canonicalValue(42n)).toBe(canonicalValue(42));
    expect(canonicalValue(Number.POSITIVE_INFINITY)).toBe('{"$number":"Infinity"}');
    expect(canonicalValue('a "quoted"\nline, 你好')).toBe('"a \\"quoted\\"\\nline, 你好"');
    expect(canonicalValue(Buffer.from([0, 255, 16]))).toBe('{"$hex":"00ff10"}');
    expect(canonicalValue(new Uint8Array([1, 2]))).toBe('{"$hex":"0102"}');
  });

  it('writes object keys sorted, at every depth', () => {
    expect(canonicalValue({ b: 1, a: [{ d: null, c: 'x' }] })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    expect(canonicalValue({ a: 1, b: 2 })).toBe(canonicalValue({ b: 2, a: 1 }));
  });

  it('refuses what it cannot spell, a missing column included', () => {
    expect(() => canonicalValue(undefined)).toThrow(TypeError);
    expect(() => canonicalValue(() => 1)).toThrow(TypeError);
    expect(() => canonicalValue(new Map())).toThrow(TypeError);
  });
});

describe('canonicalRow', () => {
  it('follows the column list, not the order of the row object', () => {
    expect(canonicalRow({ id: 1, name: 'x' }, ['id', 'name'])).toBe('[1,"x"]');
    expect(canonicalRow({ name: 'x', id: 1 }, ['id', 'name'])).toBe('[1,"x"]');
  });
});

describe('tableChecksum', () => {
  const shape = { columns: ['id', 'name', 'active', 'sealed'], key: ['id'] };
  const rows = [
    { id: 2, name: 'Wang Fang', active: true, sealed: Buffer.from('b') },
    { id: 10, name: 'Li Wei', active: false, sealed: Buffer.from('a') },
    { id: 1, name: null, active: true, sealed: Buffer.from('') },
  ];

  it('is the same whatever order the rows and the columns come in', () => {
    const sum = tableChecksum(rows, shape);
    expect(sum.rows).toBe(3);
    expect(sum.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(tableChecksum([...rows].reverse(), shape)).toEqual(sum);
    expect(tableChecksum(rows, { ...shape, columns: [...shape.columns].reverse() })).toEqual(sum);
  });

  it('changes with any value, a value of another type, or a missing row', () => {
    const sum = tableChecksum(rows, shape).sha256;
    const changed = (i: number, patch: Record<string, unknown>) =>
      tableChecksum(
        rows.map((row, j) => (j === i ? { ...row, ...patch } : row)),
        shape,
      ).sha256;
    expect(changed(0, { name: 'Wang Fang ' })).not.toBe(sum);
    expect(changed(0, { active: 1 })).not.toBe(sum);
    expect(changed(1, { sealed: 'a' })).not.toBe(sum);
    expect(changed(2, { name: 'null' })).not.toBe(sum);
    expect(tableChecksum(rows.slice(1), shape).sha256).not.toBe(sum);
  });

  it('orders by the key: numbers numerically, text by code unit (not a locale), composite keys column by column', () => {
    expect(sortRows(rows, shape).map((row) => row.id)).toEqual([1, 2, 10]);
    const text = [{ k: 'b' }, { k: 'B' }, { k: 'a' }, { k: 'é' }];
    expect(sortRows(text, { columns: ['k'], key: ['k'] }).map((row) => row.k)).toEqual(['B', 'a', 'b', 'é']);
    const pairs = [
      { a: 2, b: 'x' },
      { a: 1, b: 'y' },
      { a: 1, b: 'x' },
    ];
    expect(sortRows(pairs, { columns: ['a', 'b'], key: ['a', 'b'] })).toEqual([
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 2, b: 'x' },
    ]);
  });

  it('orders rows of a table without a key by the whole row', () => {
    const loose = [{ v: 2 }, { v: 1 }, { v: 1 }];
    expect(sortRows(loose, { columns: ['v'], key: [] })).toEqual([{ v: 1 }, { v: 1 }, { v: 2 }]);
    expect(tableChecksum(loose, { columns: ['v'], key: [] })).toEqual(
      tableChecksum([...loose].reverse(), { columns: ['v'], key: [] }),
    );
  });
});
