import { describe, expect, it } from 'vitest';
import { buildContentEmbeddings, contentTfidf } from './content';
import { makeCatalog, makeTags } from './test-fixtures';

const movies = makeCatalog([
  { movieId: 1, title: 'Star Wars', year: 1977, genres: ['Sci-Fi', 'Action'] },
  { movieId: 2, title: 'Star Trek', year: 1979, genres: ['Sci-Fi'] },
  { movieId: 3, title: 'The Notebook', year: 2004, genres: ['Romance', 'Drama'] },
  { movieId: 4, title: 'Trek of the Lost', year: 2001, genres: ['Drama'] },
]);
// Movie 0 gets "space" twice, so its tf is 1 + ln 2.
const tags = makeTags([
  [0, 'space'],
  [0, 'Space'],
  [1, 'space'],
  [2, 'tearjerker'],
]);

describe('contentTfidf', () => {
  const { terms, matrix } = contentTfidf({ movies, tags, minDocumentFrequency: 2 });

  it('keeps the terms found in at least two movies, namespaced and sorted', () => {
    // "tearjerker", "notebook", "wars", "lost", Action and Romance occur once; "the"/"of" are stop words.
    expect(terms).toEqual(['genre:Drama', 'genre:Sci-Fi', 'tag:space', 'title:star', 'title:trek']);
  });

  it('weighs tf-idf with the smoothed idf and unit-length rows', () => {
    const idf2 = Math.log((1 + 4) / (1 + 2)) + 1; // every kept term occurs in 2 of 4 movies
    const dense = (m: number) => {
      const row = new Array(terms.length).fill(0);
      for (let k = matrix.indptr[m]!; k < matrix.indptr[m + 1]!; k++)
        row[matrix.indices[k]!] = matrix.data[k]!;
      return row;
    };
    // Star Wars: Sci-Fi (tf 1), space (tf 1 + ln 2), star (tf 1), all with the same idf.
    const raw0 = [0, idf2, (1 + Math.log(2)) * idf2, idf2, 0];
    const norm0 = Math.hypot(...raw0);
    dense(0).forEach((v, j) => {
      expect(v).toBeCloseTo(raw0[j]! / norm0, 6);
    });
    // Star Trek: Sci-Fi, space, star, trek, all tf 1: each 1/2 after normalising.
    dense(1).forEach((v, j) => {
      expect(v).toBeCloseTo(j === 0 ? 0 : 0.5, 6);
    });
    // The Notebook: only Drama survives the filter.
    dense(2).forEach((v, j) => {
      expect(v).toBeCloseTo(j === 0 ? 1 : 0, 6);
    });
  });
});

describe('buildContentEmbeddings', () => {
  it('preserves the dot products of the TF-IDF rows when the rank allows it', () => {
    const { matrix } = contentTfidf({ movies, tags, minDocumentFrequency: 1 });
    const embeddings = buildContentEmbeddings({ movies, tags, minDocumentFrequency: 1, dims: 8, seed: 1 });
    const dense = (m: number) => {
      const row = new Array(matrix.nCols).fill(0);
      for (let k = matrix.indptr[m]!; k < matrix.indptr[m + 1]!; k++)
        row[matrix.indices[k]!] = matrix.data[k]!;
      return row;
    };
    const { vectors, dims } = embeddings;
    // 4 movies: rank 4 captures X exactly, so E·Eᵀ = X·Xᵀ; trailing columns stay zero.
    for (let a = 0; a < 4; a++) {
      for (let b = 0; b < 4; b++) {
        const xa = dense(a);
        const xb = dense(b);
        const expected = xa.reduce((s, v, j) => s + v * xb[j]!, 0);
        let actual = 0;
        for (let d = 0; d < dims; d++) actual += vectors[a * dims + d]! * vectors[b * dims + d]!;
        expect(actual).toBeCloseTo(expected, 4);
      }
      for (let d = 4; d < dims; d++) expect(vectors[a * dims + d]).toBe(0);
    }
  });

  it('is deterministic per seed and gives an empty document a zero vector', () => {
    const withEmpty = makeCatalog([
      { movieId: 1, title: 'Star Wars', year: 1977, genres: ['Sci-Fi'] },
      { movieId: 2, title: 'Star Trek', year: 1979, genres: ['Sci-Fi'] },
      { movieId: 3, title: 'Q', year: null, genres: [] },
    ]);
    const a = buildContentEmbeddings({ movies: withEmpty, dims: 2, seed: 9 });
    const b = buildContentEmbeddings({ movies: withEmpty, dims: 2, seed: 9 });
    expect(Array.from(a.vectors)).toEqual(Array.from(b.vectors));
    expect(Array.from(a.vectors.subarray(4, 6))).toEqual([0, 0]);
    expect(Array.from(a.movieIds)).toEqual([1, 2, 3]);
  });
});
