import { expect, expectTypeOf, it } from 'vitest';
import { runStudy } from './run-study';
import type { Stage } from './study-stages';

const small = {
  models: ['lr'] as const,
  tune: 'none' as const,
  cf: 'off' as const,
  als: false,
  trainSample: 5_000,
};

it('runs a prefix and returns what the stages so far produced', async () => {
  const prefix = await runStudy(small, { until: 'features' });
  expectTypeOf(prefix).toHaveProperty('features');
  expect(prefix.load.dataset.ratings.length).toBe(100_836);
  expect(prefix.features.train.nRows).toBe(prefix.split.modelRows.length);
  expect(prefix.features.train.nCols).toBe(prefix.features.pipeline.nFeatures);
  expect(Object.keys(prefix.timings)).toEqual(['load', 'split', 'features']);
  expect('train' in prefix).toBe(false);
}, 300_000);

it('replaces one stage, which gets the earlier stages typed outputs', async () => {
  let seenRows = -1;
  const train: Stage<'train'> = (input) => {
    seenRows = input['cf-feature'].train.nRows;
    return { trained: [] };
  };
  const prefix = await runStudy(small, { until: 'train', stages: { train } });
  expect(seenRows).toBe(5_000);
  expect(prefix.train.trained).toEqual([]);
}, 300_000);

it('fits ALS once: the ranking stage serves its ALS retriever as the parts ALS, or fits the defaults', async () => {
  const prefix = await runStudy(
    { ...small, als: true, rankingUsers: 100, top10: false },
    { until: 'ranking' },
  );
  // serving-cf leaves ALS to the ranking stage, which fits it on the same training rows.
  expect(prefix['serving-cf'].als).toBeNull();
  const { served } = prefix.ranking;
  expect(served.als?.kind).toBe('als');
  const retriever = served.retrievers?.find((r) => r.kind === 'als');
  if (served.defaultStrategy === 'als') expect(served.als).toBe(retriever);
  else expect(retriever).toBeUndefined();
  expect(served.als?.userFactors.length).toBe(prefix.load.dataset.users.size * served.als!.factors);
}, 300_000);
