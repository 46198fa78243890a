import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('evicts the least recently used entry, where a get counts as a use', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now younger than b
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('overwriting a key keeps one entry and refreshes it', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(10);
    expect(cache.get('b')).toBeUndefined();
  });

  it('counts hits and misses', () => {
    const cache = new LruCache<number, string>(4);
    cache.get(1);
    cache.set(1, 'x');
    cache.get(1);
    cache.get(1);
    cache.get(2);
    expect(cache.stats).toEqual({ hits: 2, misses: 2 });
  });

  it('computes once per key and does not cache a failure', () => {
    const cache = new LruCache<string, number>(4);
    let calls = 0;
    const compute = () => ++calls;
    expect(cache.getOrCompute('k', compute)).toBe(1);
    expect(cache.getOrCompute('k', compute)).toBe(1);
    expect(calls).toBe(1);
    expect(() =>
      cache.getOrCompute('bad', () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(cache.getOrCompute('bad', () => 7)).toBe(7);
  });

  it('with capacity 0 keeps nothing', () => {
    const cache = new LruCache<string, number>(0);
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('rejects a bad capacity', () => {
    expect(() => new LruCache(-1)).toThrow(RangeError);
    expect(() => new LruCache(1.5)).toThrow(/whole number/);
  });
});
