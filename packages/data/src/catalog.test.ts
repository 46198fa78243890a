import { describe, expect, it } from 'vitest';
import { CANONICAL_GENRES, createCatalog, parseGenres, splitTitle } from './catalog';

describe('splitTitle', () => {
  it.each([
    ['Toy Story (1995)', 'Toy Story', 1995],
    ['American President, The (1995)', 'American President, The', 1995],
    ['1900 (Novecento) (1976)', '1900 (Novecento)', 1976],
    ['Fawlty Towers (1975-1979)', 'Fawlty Towers', 1975],
    ['Big Bang Theory, The (2007-)', 'Big Bang Theory, The', 2007],
    ['Babylon 5 (1994) ', 'Babylon 5', 1994],
    ['Hyena Road', 'Hyena Road', null],
    ['Ready Player One', 'Ready Player One', null],
    ['Blade Runner 2049 (2017)', 'Blade Runner 2049', 2017],
    ['2001: A Space Odyssey (1968)', '2001: A Space Odyssey', 1968],
    ['Movie (12)', 'Movie (12)', null],
  ])('%j -> %j, %j', (raw, title, year) => {
    expect(splitTitle(raw)).toEqual({ title, year });
  });
});

describe('parseGenres', () => {
  it('splits on |, normalises Children\'s, drops "(no genres listed)" and repeats', () => {
    expect(parseGenres("Animation|Children's|Comedy")).toEqual(['Animation', 'Children', 'Comedy']);
    expect(parseGenres('(no genres listed)')).toEqual([]);
    expect(parseGenres('')).toEqual([]);
    expect(parseGenres('Drama|Drama')).toEqual(['Drama']);
  });
});

describe('createCatalog', () => {
  it('sorts movies by id, splits years and sets genre masks', () => {
    const catalog = createCatalog([
      { movieId: 20, title: 'B (2001)', genres: ['Western', 'Kids'] },
      { movieId: 3, title: 'A', year: 1990, genres: ["Children's"], imdbId: '0000001' },
    ]);
    expect([...catalog.ids.ids]).toEqual([3, 20]);
    expect(catalog.ids.indexOf(20)).toBe(1);
    expect(catalog.movies).toEqual([
      { movieId: 3, title: 'A', year: 1990, genres: ['Children'], imdbId: '0000001', tmdbId: null },
      { movieId: 20, title: 'B', year: 2001, genres: ['Western', 'Kids'], imdbId: null, tmdbId: null },
    ]);
    expect(catalog.genreNames).toEqual([...CANONICAL_GENRES, 'Kids']);
    expect(catalog.genreMask[0]).toBe(1 << 3); // Children is canonical genre 3
    expect(catalog.genreMask[1]).toBe((1 << 18) | (1 << 19)); // Western (18) and the extra Kids (19)
  });

  it('rejects a repeated movie id', () => {
    expect(() =>
      createCatalog([
        { movieId: 1, title: 'A' },
        { movieId: 1, title: 'B' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'duplicate-id' }));
  });

  it('uses all 32 bits of the mask and refuses a 33rd genre', () => {
    const extras = Array.from({ length: 32 - CANONICAL_GENRES.length }, (_, i) => `G${i}`);
    const catalog = createCatalog([{ movieId: 1, title: 'A', genres: extras }]);
    expect(catalog.genreMask[0]).toBe(((2 ** 32 - 1) ^ (2 ** CANONICAL_GENRES.length - 1)) >>> 0);
    expect(() => createCatalog([{ movieId: 1, title: 'A', genres: [...extras, 'One too many'] }])).toThrow(
      expect.objectContaining({ code: 'too-many-genres' }),
    );
  });
});
