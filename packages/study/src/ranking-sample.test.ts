import { describe, expect, it } from 'vitest';
import { rankingUserSample } from './ranking-sample';

/** CSR offsets of users with the given rating counts. */
const offsets = (counts: number[]) =>
  Uint32Array.from([0, ...counts.map((_, i) => counts.slice(0, i + 1).reduce((a, b) => a + b))]);

describe('rankingUserSample', () => {
  it('is null when the data is within the cap', () => {
    expect(rankingUserSample(offsets([3, 4, 5]), 12, 1)).toBeNull();
  });

  it('keeps whole users, at least the cap, ascending, and depends only on the seed', () => {
    const counts = Array.from({ length: 200 }, (_, i) => 1 + (i % 17));
    const o = offsets(counts);
    const rows = rankingUserSample(o, 500, 7)!;
    expect(rows.length).toBeGreaterThanOrEqual(500);
    expect(rows.length).toBeLessThan(500 + 17);
    for (let j = 1; j < rows.length; j++) expect(rows[j]!).toBeGreaterThan(rows[j - 1]!);
    const kept = new Set<number>();
    for (const r of rows)
      for (let u = 0; u < counts.length; u++) if (r >= o[u]! && r < o[u + 1]!) kept.add(u);
    const whole = [...kept].reduce((sum, u) => sum + counts[u]!, 0);
    expect(whole).toBe(rows.length);
    expect([...rankingUserSample(o, 500, 7)!]).toEqual([...rows]);
    expect([...rankingUserSample(o, 500, 8)!]).not.toEqual([...rows]);
  });
});
