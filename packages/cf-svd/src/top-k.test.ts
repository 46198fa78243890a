import { describe, expect, it } from 'vitest';
import { lcg } from './test-fixtures';
import { topKItems } from './top-k';

/** Reference: full sort by (score desc, index asc). */
function sortedTop(scores: Float32Array, k: number, keep: (i: number) => boolean): number[] {
  return Array.from(scores.keys())
    .filter(keep)
    .sort((a, b) => scores[b]! - scores[a]! || a - b)
    .slice(0, k);
}

describe('topKItems', () => {
  it('matches a full sort, including ties broken by lower index', () => {
    const next = lcg(1);
    // Scores on a coarse grid, so ties are common.
    const scores = Float32Array.from({ length: 500 }, () => Math.floor(next() * 20));
    for (const k of [0, 1, 7, 50, 500, 600]) {
      const top = topKItems(scores, { k });
      expect(Array.from(top.items)).toEqual(sortedTop(scores, k, () => true));
      expect(Array.from(top.scores)).toEqual(Array.from(top.items, (i) => scores[i]!));
    }
  });

  it('skips excluded items, NaN scores and items outside the candidates', () => {
    const next = lcg(2);
    const scores = Float32Array.from({ length: 200 }, () => next());
    scores[3] = Number.NaN;
    const exclude = [0, 5, 9, 17, 42];
    const top = topKItems(scores, { k: 10, exclude });
    expect(Array.from(top.items)).toEqual(sortedTop(scores, 10, (i) => !exclude.includes(i) && i !== 3));

    const candidates = Uint32Array.from([3, 10, 20, 30, 40, 42]);
    const fromCandidates = topKItems(scores, { k: 3, candidates, exclude });
    expect(Array.from(fromCandidates.items)).toEqual(
      sortedTop(scores, 3, (i) => [10, 20, 30, 40].includes(i)),
    );
  });
});
