import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@reco/core/testing';
import { expect, it } from 'vitest';
import type { TopNLists } from './top-n';

it('runs the README example as a user would import it', async () => {
  const exports = await runReadmeExample(fileURLToPath(new URL('..', import.meta.url)));
  const lists = exports.lists as TopNLists;
  expect(Array.from(lists.items.subarray(lists.offsets[0]!, lists.offsets[1]!))).toEqual([2]);
  const scores = exports.newUserScores as Float32Array;
  expect(scores[1]!).toBeGreaterThan(0);
});
