import { describe, expect, it } from 'vitest';
import { buildAliasTable, sampleAlias } from './alias';
import { Rng } from './rng';

describe('alias table', () => {
  it('draws each index in proportion to its weight', () => {
    const weights = [1, 2, 3, 4, 0, 10];
    const table = buildAliasTable(weights);
    const rng = new Rng(11);
    const draws = 200_000;
    const counts = new Array<number>(weights.length).fill(0);
    for (let i = 0; i < draws; i++) counts[sampleAlias(table, rng)]!++;
    const total = weights.reduce((a, b) => a + b, 0);
    weights.forEach((w, i) => {
      expect(Math.abs(counts[i]! / draws - w / total)).toBeLessThan(0.005);
    });
    expect(counts[4]).toBe(0);
  });

  it('handles a single weight and rejects unusable weights', () => {
    const rng = new Rng(1);
    expect(sampleAlias(buildAliasTable([5]), rng)).toBe(0);
    expect(() => buildAliasTable([])).toThrow(RangeError);
    expect(() => buildAliasTable([0, 0])).toThrow(/sum to 0/);
    expect(() => buildAliasTable([1, -1])).toThrow(/>= 0/);
    expect(() => buildAliasTable([1, Number.NaN])).toThrow(RangeError);
  });
});
