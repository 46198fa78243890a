import { createCatalog } from '@reco/data';
import { describe, expect, it } from 'vitest';
import { buildTitleIndex, displayTitle, normalizeText, searchTitles, titleVariants } from './title-search';

describe('normalizeText', () => {
  it('lower-cases, strips accents and collapses punctuation', () => {
    expect(normalizeText('  Amélie  ')).toBe('amelie');
    expect(normalizeText('Léon: The Professional')).toBe('leon the professional');
    expect(normalizeText('WALL·E')).toBe('wall e');
    expect(normalizeText('Crouching Tiger, Hidden Dragon (Wo hu cang long)')).toBe(
      'crouching tiger hidden dragon wo hu cang long',
    );
  });
});

describe('titleVariants', () => {
  it('moves a trailing article to the front and adds alternative titles', () => {
    const variants = titleVariants("Amelie (Fabuleux destin d'Amélie Poulain, Le)");
    expect(variants).toContain('amelie');
    expect(variants).toContain('le fabuleux destin d amelie poulain');
    expect(titleVariants('Matrix, The')).toEqual(expect.arrayContaining(['matrix the', 'the matrix']));
    expect(titleVariants('Shawshank Redemption, The')).toContain('the shawshank redemption');
  });
});

describe('displayTitle', () => {
  it('drops alternative titles and moves an English article back to the front', () => {
    expect(displayTitle('Usual Suspects, The')).toBe('The Usual Suspects');
    expect(displayTitle("Amelie (Fabuleux destin d'Amélie Poulain, Le)")).toBe('Amelie');
    expect(displayTitle('Ghostbusters (a.k.a. Ghost Busters)')).toBe('Ghostbusters');
    expect(displayTitle('Grande illusion, La')).toBe('Grande illusion, La');
    expect(displayTitle('Alien')).toBe('Alien');
  });
});

describe('searchTitles', () => {
  const catalog = createCatalog([
    { movieId: 1, title: 'Alien (1979)', genres: ['Horror', 'Sci-Fi'] },
    { movieId: 2, title: 'Aliens (1986)', genres: ['Action', 'Sci-Fi'] },
    { movieId: 3, title: 'Amélie (2001)', genres: ['Comedy', 'Romance'] },
    { movieId: 4, title: 'Heat (1995)', genres: ['Action', 'Crime'] },
  ]);
  const index = buildTitleIndex(catalog);
  const popularity = Uint32Array.from([10, 40, 40, 5]);

  it('finds accents and years, best match first', () => {
    expect(Array.from(searchTitles(index, 'amelie', { popularity }))).toEqual([2]);
    expect(Array.from(searchTitles(index, 'alien 1979', { popularity }))[0]).toBe(0);
  });

  it('browses every eligible movie, most rated first, for an empty query', () => {
    // 40, 40 (tie: catalogue order), 10, 5.
    expect(Array.from(searchTitles(index, '   ', { popularity }))).toEqual([1, 2, 0, 3]);
    const action = Uint8Array.from([0, 1, 0, 1]);
    expect(Array.from(searchTitles(index, '', { popularity, eligible: action }))).toEqual([1, 3]);
  });
});
