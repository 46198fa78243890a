import { describe, expect, it } from 'vitest';
import { buildCatalog } from './catalog';
import { buildLatent } from './latent';
import { MAX_GENOME_TAGS, resolveSynthParams } from './params';
import { buildTagVocabulary, relevanceLogit } from './tag-vocabulary';

describe('tag vocabulary', () => {
  const params = resolveSynthParams({ ratings: 20_000, seed: 2 });
  const catalog = buildCatalog(params, 2);
  const latent = buildLatent(params, catalog, 2);

  it('has enough distinct names for a full-size genome, sorted for tagIds', () => {
    const vocabulary = buildTagVocabulary(MAX_GENOME_TAGS, latent, 2);
    expect(vocabulary.genomeOrder.length).toBe(MAX_GENOME_TAGS);
    const names = Array.from(vocabulary.genomeOrder, (t) => vocabulary.names[t]!);
    expect(new Set(names).size).toBe(MAX_GENOME_TAGS);
    expect([...names].sort()).toEqual(names);
  });

  it('makes genre tags more relevant to movies of their genre', () => {
    const vocabulary = buildTagVocabulary(64, latent, 2);
    const horror = vocabulary.names.indexOf('horror');
    const horrorGenre = vocabulary.genre[horror]!;
    let withGenre = 0;
    let withCount = 0;
    let without = 0;
    let withoutCount = 0;
    for (let m = 0; m < catalog.size; m++) {
      const genres = catalog.genreIds.subarray(catalog.genreStart[m]!, catalog.genreStart[m + 1]!);
      const logit = relevanceLogit(vocabulary, horror, catalog, latent, m);
      if (genres.includes(horrorGenre)) {
        withGenre += logit;
        withCount++;
      } else {
        without += logit;
        withoutCount++;
      }
    }
    expect(withCount).toBeGreaterThan(0);
    expect(withGenre / withCount - without / withoutCount).toBeGreaterThan(2);
  });
});
