import { describe, expect, it } from 'vitest';
import { buildInteractions } from './interactions';
import { plantedRatings } from './internal/fixtures';
import { fitItemKnn } from './knn';
import { scoreKnownUser } from './retriever';
import { recommendAll } from './top-n';

const data = plantedRatings(30, 25, 3, 11);
const liked = buildInteractions({ ...data, likeThreshold: 3.5 });
const rated = buildInteractions(data);
const model = fitItemKnn(liked, { k: 10 });

describe('recommendAll', () => {
  it('equals a full sort of each user scores, rated items left out, ties to the lower index', () => {
    const lists = recommendAll({ model, profile: liked, exclude: rated, n: 5 });
    const buffer = new Float32Array(liked.nItems);
    for (let u = 0; u < liked.nUsers; u++) {
      scoreKnownUser(model, liked, u, buffer);
      const seen = new Set(rated.items.subarray(rated.offsets[u]!, rated.offsets[u + 1]!));
      const expected = Array.from(buffer, (s, i) => ({ i, s }))
        .filter((e) => !seen.has(e.i))
        .sort((a, b) => b.s - a.s || a.i - b.i)
        .slice(0, 5)
        .map((e) => e.i);
      expect(Array.from(lists.items.subarray(lists.offsets[u]!, lists.offsets[u + 1]!))).toEqual(expected);
    }
  });

  it('gives only the chosen users a list and reports progress per block', () => {
    const events: number[] = [];
    const lists = recommendAll({
      model,
      profile: liked,
      n: 3,
      users: Uint32Array.of(2, 7),
      blockSize: 1,
      onProgress: (p) => events.push(p.done),
    });
    expect(lists.offsets[2]).toBe(0);
    expect(lists.offsets[3]! - lists.offsets[2]!).toBe(3);
    expect(lists.offsets[liked.nUsers]).toBe(6);
    expect(events.at(-1)).toBe(2);
    expect(() => recommendAll({ model, profile: liked, n: 0 })).toThrow(
      expect.objectContaining({ field: 'n' }),
    );
  });
});
