import { fileURLToPath } from 'node:url';
import { loadMovieLens } from '@reco/data';
import { describe, expect, it } from 'vitest';
import { netflixProbeSplit } from './netflix-probe-split';

const netflix = fileURLToPath(new URL('../../data/fixtures/netflix-combined', import.meta.url));

describe('netflixProbeSplit', () => {
  it('puts exactly the probe rows in test and the rest in train', async () => {
    const dataset = await loadMovieLens(netflix);
    const split = netflixProbeSplit(dataset);
    expect([...split.test]).toEqual([...dataset.predefinedSplit!.test]);
    expect(split.train.length + split.test.length).toBe(dataset.ratings.length);
    expect(split.validation.length).toBe(0);
    expect(split.report.method).toBe('netflix-probe');
    expect(split.report.likeThreshold).toBe(4);
    const inTest = new Set(split.test);
    expect([...split.train].some((r) => inTest.has(r))).toBe(false);
  });

  it('draws the same validation rows from the same seed, never from the probe', async () => {
    const dataset = await loadMovieLens(netflix);
    const a = netflixProbeSplit(dataset, { validation: 0.5, seed: 7 });
    const b = netflixProbeSplit(dataset, { validation: 0.5, seed: 7 });
    expect([...a.validation]).toEqual([...b.validation]);
    const probe = new Set(dataset.predefinedSplit!.test);
    expect([...a.validation].some((r) => probe.has(r))).toBe(false);
  });

  it('says when the dataset has no probe split, and rejects bad options', async () => {
    const dataset = await loadMovieLens(netflix);
    const { predefinedSplit: _none, ...plain } = dataset;
    expect(() => netflixProbeSplit(plain)).toThrow(expect.objectContaining({ code: 'missing-split' }));
    expect(() => netflixProbeSplit(dataset, { validation: 1 })).toThrow(
      expect.objectContaining({ code: 'bad-option', field: 'validation' }),
    );
  });
});
