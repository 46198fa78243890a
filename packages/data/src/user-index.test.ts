import { describe, expect, it } from 'vitest';
import { indexUsersInPlace } from './user-index';

describe('indexUsersInPlace', () => {
  it('numbers distinct ids in ascending order, extra ids included, and rewrites the column', () => {
    const userIds = Uint32Array.of(70_000_000 / 100, 5, 700_000, 5);
    const movies = Uint32Array.of(0, 1, 2, 3);
    const { users, scan } = indexUsersInPlace(userIds, movies, [6]);
    expect([...users.ids]).toEqual([5, 6, 700_000]);
    expect([...userIds]).toEqual([2, 0, 2, 0]);
    expect(users.indexOf(700_000)).toBe(2);
    expect(scan.sorted).toBe(false);
  });

  it('finds sorted order, duplicates and per-user offsets in the same pass', () => {
    const { scan } = indexUsersInPlace(Uint32Array.of(3, 3, 3, 9), Uint32Array.of(1, 4, 4, 0), []);
    expect(scan).toEqual({ sorted: true, hasDuplicates: true, userOffsets: Uint32Array.of(0, 3, 4) });
  });

  it('falls back to sorting for ids too large for a presence table', () => {
    const userIds = Uint32Array.of(2_000_000_000, 3, 2_000_000_000);
    const { users } = indexUsersInPlace(userIds, Uint32Array.of(0, 0, 1), []);
    expect([...users.ids]).toEqual([3, 2_000_000_000]);
    expect([...userIds]).toEqual([1, 0, 1]);
  });
});
