import { describe, expect, it } from 'vitest';
import { topKMovies, topKOfCandidates } from './top-k';

/** Scores with many ties and a few NaNs, from a fixed LCG (no Math.random). */
function scores(n: number): Float32Array {
  const out = new Float32Array(n);
  let state = 12345;
  for (let i = 0; i < n; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = i % 17 === 0 ? Number.NaN : (state % 50) / 10;
  }
  return out;
}

/** The same selection by a full sort: score descending, then index ascending. */
function bySort(values: Float32Array, keep: (i: number) => boolean, k: number): number[] {
  return Array.from(values, (_, i) => i)
    .filter((i) => keep(i) && !Number.isNaN(values[i]!))
    .sort((a, b) => values[b]! - values[a]! || a - b)
    .slice(0, k);
}

describe('topKMovies', () => {
  it('matches a full sort, ties to the lower index, NaN skipped', () => {
    const values = scores(1000);
    for (const k of [0, 1, 7, 100, 2000]) {
      expect(Array.from(topKMovies(values, null, k).movies)).toEqual(bySort(values, () => true, k));
    }
  });

  it('only considers eligible movies', () => {
    const values = scores(500);
    const eligible = Uint8Array.from({ length: 500 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const top = topKMovies(values, eligible, 25);
    expect(Array.from(top.movies)).toEqual(bySort(values, (i) => i % 3 === 0, 25));
    top.movies.forEach((m, j) => {
      expect(top.scores[j]).toBe(values[m]);
    });
  });
});

describe('topKOfCandidates', () => {
  it('ranks candidates by their aligned scores', () => {
    const candidates = Uint32Array.from([40, 10, 30, 20]);
    const top = topKOfCandidates(candidates, Float32Array.from([0.2, 0.9, 0.9, 0.5]), 3);
    expect(Array.from(top.movies)).toEqual([10, 30, 20]);
  });
});

describe('hybrid rank percentiles', async () => {
  const { hybridScores, rankPercentiles } = await import('./scoring');
  it('maps the best value to 1, the worst to 0, evenly between', () => {
    expect(Array.from(rankPercentiles(Float32Array.from([0.1, 0.9, 0.5])))).toEqual([0, 1, 0.5]);
    expect(Array.from(rankPercentiles(Float32Array.from([3])))).toEqual([1]);
  });
  it('blends the two rank percentiles with the weight', () => {
    // p ranks: [1, 0.5, 0]; cf ranks: [0, 0.5, 1]; w = 0.25 -> 0.25·p + 0.75·cf.
    const out = hybridScores(Float32Array.from([0.9, 0.5, 0.1]), Float32Array.from([1, 2, 3]), 0.25);
    expect(Array.from(out)).toEqual([0.25, 0.5, 0.75]);
  });
});
