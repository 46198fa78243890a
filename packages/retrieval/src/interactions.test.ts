import { describe, expect, it } from 'vitest';
import {
  buildInteractions,
  foldInItems,
  itemDegrees,
  transposeInteractions,
  userItems,
} from './interactions';

const ratings = {
  user: Uint32Array.of(0, 0, 1, 1, 2, 0, 1),
  item: Uint32Array.of(3, 1, 1, 2, 0, 3, 0),
  rating: Float32Array.of(5, 2, 4, 3.5, 1, 4, 5),
  nUsers: 3,
  nItems: 4,
};

describe('buildInteractions', () => {
  it('groups the selected rows by user, items ascending, repeats once', () => {
    const m = buildInteractions(ratings);
    expect(Array.from(m.offsets)).toEqual([0, 2, 5, 6]);
    expect(Array.from(m.items)).toEqual([1, 3, 0, 1, 2, 0]);
    expect(m.likeThreshold).toBeNull();
  });

  it('keeps only ratings >= likeThreshold and only the given rows', () => {
    const m = buildInteractions({ ...ratings, likeThreshold: 3.5, rows: Uint32Array.of(0, 1, 2, 3, 4) });
    // Rows 0 (u0 i3 5), 2 (u1 i1 4), 3 (u1 i2 3.5) pass; rows 5 and 6 are not selected.
    expect(Array.from(m.offsets)).toEqual([0, 1, 3, 3]);
    expect(Array.from(m.items)).toEqual([3, 1, 2]);
    expect(Array.from(itemDegrees(m))).toEqual([0, 1, 1, 1]);
  });

  it('transposes to users per item', () => {
    const t = transposeInteractions(buildInteractions(ratings));
    expect(Array.from(t.offsets)).toEqual([0, 2, 4, 5, 6]);
    expect(Array.from(t.users)).toEqual([1, 2, 0, 1, 1, 0]);
  });

  it('names the field at fault', () => {
    expect(() => buildInteractions({ ...ratings, nItems: 3 })).toThrow(
      expect.objectContaining({ code: 'invalid-input', field: 'item' }),
    );
    expect(() => buildInteractions({ ...ratings, rows: Uint32Array.of(99) })).toThrow(
      expect.objectContaining({ code: 'invalid-input', field: 'rows' }),
    );
    expect(() => buildInteractions({ ...ratings, nItems: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid-option', field: 'nItems' }),
    );
    expect(() => userItems(buildInteractions(ratings), 3)).toThrow(
      expect.objectContaining({ code: 'unknown-user' }),
    );
  });
});

describe('foldInItems', () => {
  it('applies the training rule and sorts without repeats', () => {
    expect(Array.from(foldInItems([3, 1, 3, 0], [5, 2, 4, 4], 4, 3.5))).toEqual([0, 3]);
    expect(Array.from(foldInItems([3, 1, 3], [5, 2, 4], 4, null))).toEqual([1, 3]);
    expect(() => foldInItems([7], [5], 4, null)).toThrow(
      expect.objectContaining({ code: 'invalid-input', field: 'items[0]' }),
    );
  });
});
