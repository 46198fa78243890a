import { createCatalog } from '@reco/data';
import { describe, expect, it } from 'vitest';
import {
  buildTitleIndex,
  displayTitle,
  normalizeText,
  prepareTitleIndex,
  searchTitles,
  titleVariants,
} from './title-search';

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

describe('normalizeText on ASCII', () => {
  /** The Unicode path every title took before the ASCII shortcut: the oracle. */
  const unicodePath = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();

  it('gives what the Unicode path gives, for every ASCII character and random ASCII titles', () => {
    for (let c = 0; c < 128; c++) {
      const text = `a${String.fromCharCode(c)}B`;
      expect(normalizeText(text)).toBe(unicodePath(text));
    }
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let t = 0; t < 500; t++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 40) }, () =>
        String.fromCharCode(Math.floor(next() * 128)),
      ).join('');
      expect(normalizeText(text)).toBe(unicodePath(text));
    }
  });
});

describe('prepareTitleIndex', () => {
  const catalog = () =>
    createCatalog(
      Array.from({ length: 3500 }, (_, i) => ({
        movieId: i + 1,
        title: `Movie ${i}, The (${1950 + (i % 70)})`,
        genres: ['Drama'],
      })),
    );

  it('builds the index across event-loop turns, and buildTitleIndex then reuses it', async () => {
    const movies = catalog();
    let turns = 0;
    let counting = true;
    const tick = () => {
      turns++;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);
    await prepareTitleIndex(movies);
    counting = false;
    // 3,500 movies at 1,000 per phase: other callbacks ran between the phases.
    expect(turns).toBeGreaterThanOrEqual(3);
    const index = buildTitleIndex(movies);
    expect(buildTitleIndex(movies)).toBe(index);
    const fresh = buildTitleIndex(catalog());
    expect(index.variants).toEqual(fresh.variants);
    expect(index.words).toEqual(fresh.words);
    expect(index.variants[7]).toEqual(['movie 7 the', 'the movie 7']);
  });
});
