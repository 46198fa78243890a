import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@reco/core/testing';
import { afterEach, expect, it, vi } from 'vitest';
import type { UserRecommendationsBody } from './types';

afterEach(() => {
  vi.unstubAllGlobals();
});

it('runs the README example as a user would import it', async () => {
  // No API in this package's tests: the global fetch answers as the server would, and records
  // the request the example makes.
  const answer: UserRecommendationsBody = {
    userId: 1,
    strategy: 'hybrid',
    fallback: false,
    items: [{ movieId: 260, title: 'Star Wars', year: 1977, genres: ['Sci-Fi'], score: 0.9, reason: 'r' }],
  };
  const fetch = vi.fn(async () => Response.json(answer));
  vi.stubGlobal('fetch', fetch);
  const exports = await runReadmeExample(fileURLToPath(new URL('..', import.meta.url)));
  expect(fetch).toHaveBeenCalledOnce();
  expect(fetch.mock.calls[0]).toEqual([
    'http://127.0.0.1:8080/v1/users/1/recommendations?n=5&strategy=hybrid',
    undefined,
  ]);
  expect(exports.top).toEqual(answer);
});
