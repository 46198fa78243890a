import { describe, expect, it } from 'vitest';
import { csvField, digitTable, writeFixed5, writeUint } from './format';

const text = (bytes: Uint8Array, end: number) => Buffer.from(bytes.subarray(0, end)).toString('latin1');

describe('number formatting', () => {
  it('writes unsigned integers like String()', () => {
    const buffer = new Uint8Array(32);
    for (const value of [
      0,
      1,
      9,
      10,
      99,
      100,
      12_345,
      789_609_600,
      1_427_846_399,
      2 ** 32 - 1,
      2 ** 53 - 1,
    ]) {
      expect(text(buffer, writeUint(buffer, 0, value))).toBe(String(value));
    }
  });

  it('writes five-decimal fixed point like toFixed(5)', () => {
    const buffer = new Uint8Array(32);
    for (let units = 0; units <= 100_000; units += 7) {
      expect(text(buffer, writeFixed5(buffer, 0, units))).toBe((units / 100_000).toFixed(5));
    }
    expect(text(buffer, writeFixed5(buffer, 0, 100_000))).toBe('1.00000');
  });

  it('builds a digit table per id', () => {
    const table = digitTable([1, 42, 131_262]);
    const at = (i: number) =>
      Buffer.from(table.bytes.subarray(i * table.stride, i * table.stride + table.length[i]!)).toString();
    expect([at(0), at(1), at(2)]).toEqual(['1', '42', '131262']);
  });

  it('quotes CSV fields only when they need it', () => {
    expect(csvField('Toy Story (1995)')).toBe('Toy Story (1995)');
    expect(csvField('American President, The (1995)')).toBe('"American President, The (1995)"');
    expect(csvField('"Great" Cats')).toBe('"""Great"" Cats"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
});
