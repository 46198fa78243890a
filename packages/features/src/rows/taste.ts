import { decodeFloat32, encodeArray } from '../codec';
import type { MovieGenres } from '../genres';
import { excludedSlot, type NewUserRows, type RowFamily, type RowFamilyInput, sumSlots } from './family';

/** Virtual ratings at the user's mean added to each genre, and to the content profile. */
const GENRE_SHRINK = 5;
const PROFILE_SHRINK = 5;

export const TASTE_COLUMNS = [
  'taste_genre_deviation',
  'taste_content_residual',
  'taste_content_like_dislike',
] as const;

/** Per-slice user tables of the 'taste' family (FULL alone after `toJSON`). */
export interface TasteTables {
  readonly slices: number;
  /** slices x nUsers x nGenres: shrunk genre mean minus the user's mean. */
  readonly genreDeviation: Float32Array;
  /** slices x nUsers x dims: Σ (r − r̄_u)·e_i / (n_u + λ), a content regression of the user's taste. */
  readonly residual: Float32Array;
  /** slices x nUsers x dims: centroid of liked movies minus centroid of disliked ones. */
  readonly likeDislike: Float32Array;
}

/** Sums of one user, one block per slot: count, sum, likes, dislikes, genres, Σr·e, Σe liked/disliked. */
class TasteAccumulator {
  readonly width: number;
  readonly sums: Float64Array;
  private readonly slice: Float64Array;

  constructor(
    readonly slots: number,
    readonly nGenres: number,
    readonly dims: number,
  ) {
    this.width = 4 + 2 * nGenres + 3 * dims;
    this.sums = new Float64Array(slots * this.width);
    this.slice = new Float64Array(this.width);
  }

  add(slot: number, rating: number, liked: boolean, genres: MovieGenres, m: number, e: Float32Array): void {
    const { nGenres, dims } = this;
    const b = slot * this.width;
    const s = this.sums;
    s[b]!++;
    s[b + 1]! += rating;
    s[b + (liked ? 2 : 3)]!++;
    for (let k = genres.start[m]!; k < genres.start[m + 1]!; k++) {
      const g = b + 4 + 2 * genres.index[k]!;
      s[g]!++;
      s[g + 1]! += rating;
    }
    const rAt = b + 4 + 2 * nGenres;
    const likedAt = rAt + dims + (liked ? 0 : dims);
    const eAt = m * dims;
    for (let j = 0; j < dims; j++) {
      const x = e[eAt + j]!;
      s[rAt + j]! += rating * x;
      s[likedAt + j]! += x;
    }
  }

  /** Writes the user's row of each table from every slot but `excluded`. */
  write(t: TasteTables, s: number, u: number, nUsers: number, excluded: number): void {
    const { nGenres, dims } = this;
    const x = this.slice;
    sumSlots(this.sums, this.slots, this.width, excluded, x);
    const n = x[0]!;
    const mean = n > 0 ? x[1]! / n : 0;
    const gAt = (s * nUsers + u) * nGenres;
    for (let g = 0; g < nGenres; g++) {
      const gn = x[4 + 2 * g]!;
      const gs = x[5 + 2 * g]!;
      t.genreDeviation[gAt + g] = (gs + GENRE_SHRINK * mean) / (gn + GENRE_SHRINK) - mean;
    }
    const rAt = 4 + 2 * nGenres;
    const vAt = (s * nUsers + u) * dims;
    const likes = x[2]!;
    const dislikes = x[3]!;
    for (let j = 0; j < dims; j++) {
      const liked = x[rAt + dims + j]!;
      const disliked = x[rAt + 2 * dims + j]!;
      // Σ (r − r̄)·e = Σ r·e − r̄·Σ e.
      t.residual[vAt + j] = (x[rAt + j]! - mean * (liked + disliked)) / (n + PROFILE_SHRINK);
      t.likeDislike[vAt + j] = liked / (likes + 1) - disliked / (dislikes + 1);
    }
  }

  reset(): void {
    this.sums.fill(0);
  }
}

/** One pass over the statistic rows, user by user (their rows are contiguous). Linear in ratings. */
export function fitTaste(input: RowFamilyInput): TasteTables {
  const { ratings, statRows, slotOf, folds, nUsers, genres, content, contentDims: dims } = input;
  const nGenres = genres.names.length;
  const slices = folds + 1;
  const tables: TasteTables = {
    slices,
    genreDeviation: new Float32Array(slices * nUsers * nGenres),
    residual: new Float32Array(slices * nUsers * dims),
    likeDislike: new Float32Array(slices * nUsers * dims),
  };
  const acc = new TasteAccumulator(Math.max(folds, 1), nGenres, dims);
  const { user, movie, rating } = ratings;
  let i = 0;
  for (let u = 0; u < nUsers; u++) {
    acc.reset();
    while (i < statRows.length && user[statRows[i]!] === u) {
      const r = statRows[i]!;
      const x = rating[r]!;
      acc.add(slotOf[i]!, x, x >= input.likeThreshold, genres, movie[r]!, content);
      i++;
    }
    for (let s = 0; s < slices; s++) acc.write(tables, s, u, nUsers, excludedSlot(s, folds));
  }
  return tables;
}

/**
 * The 'taste' family: how this user's ratings depart from their own mean on this movie's genres,
 * and how close the movie's content is to what they rated above their mean and to what they liked
 * rather than disliked (cosines with unit content embeddings).
 */
export class TasteFamily implements RowFamily {
  readonly names = TASTE_COLUMNS;
  private readonly nGenres: number;

  constructor(
    readonly tables: TasteTables,
    private readonly nUsers: number,
    private readonly genres: MovieGenres,
    /** Unit content embeddings, nMovies x dims. */
    private readonly content: Float32Array,
    private readonly dims: number,
    private readonly likeThreshold: number,
  ) {
    this.nGenres = genres.names.length;
  }

  write(out: Float64Array, at: number, u: number, m: number, slice: number): void {
    // A one-slice family (read from JSON, or one new user) serves every slice from FULL.
    const s = slice < this.tables.slices ? slice : this.tables.slices - 1;
    const { genreDeviation, residual, likeDislike } = this.tables;
    const { start, index } = this.genres;
    const from = start[m]!;
    const to = start[m + 1]!;
    let deviation = 0;
    const gAt = (s * this.nUsers + u) * this.nGenres;
    for (let k = from; k < to; k++) deviation += genreDeviation[gAt + index[k]!]!;
    out[at] = to > from ? deviation / (to - from) : 0;
    const dims = this.dims;
    const vAt = (s * this.nUsers + u) * dims;
    const eAt = m * dims;
    let a = 0;
    let b = 0;
    for (let j = 0; j < dims; j++) {
      const e = this.content[eAt + j]!;
      a += residual[vAt + j]! * e;
      b += likeDislike[vAt + j]! * e;
    }
    out[at + 1] = a;
    out[at + 2] = b;
  }

  forNewUser(rows: NewUserRows): TasteFamily {
    const acc = new TasteAccumulator(1, this.nGenres, this.dims);
    for (let k = 0; k < rows.movies.length; k++) {
      const x = rows.ratings[k]!;
      acc.add(0, x, x >= this.likeThreshold, this.genres, rows.movies[k]!, this.content);
    }
    const tables = emptyTables(1, this.nGenres, this.dims);
    acc.write(tables, 0, 0, 1, -1);
    return new TasteFamily(tables, 1, this.genres, this.content, this.dims, this.likeThreshold);
  }

  toJSON(): Record<string, unknown> {
    const s = this.tables.slices - 1;
    const { nUsers, nGenres, dims } = this;
    const { genreDeviation, residual, likeDislike } = this.tables;
    return {
      genreDeviation: encodeArray(genreDeviation.subarray(s * nUsers * nGenres, (s + 1) * nUsers * nGenres)),
      residual: encodeArray(residual.subarray(s * nUsers * dims, (s + 1) * nUsers * dims)),
      likeDislike: encodeArray(likeDislike.subarray(s * nUsers * dims, (s + 1) * nUsers * dims)),
    };
  }

  static fromJSON(
    json: Record<string, unknown>,
    nUsers: number,
    genres: MovieGenres,
    content: Float32Array,
    dims: number,
    likeThreshold: number,
  ): TasteFamily {
    const nGenres = genres.names.length;
    const tables: TasteTables = {
      slices: 1,
      genreDeviation: decodeFloat32('rows.taste.genreDeviation', json.genreDeviation, nUsers * nGenres),
      residual: decodeFloat32('rows.taste.residual', json.residual, nUsers * dims),
      likeDislike: decodeFloat32('rows.taste.likeDislike', json.likeDislike, nUsers * dims),
    };
    return new TasteFamily(tables, nUsers, genres, content, dims, likeThreshold);
  }
}

function emptyTables(nUsers: number, nGenres: number, dims: number): TasteTables {
  return {
    slices: 1,
    genreDeviation: new Float32Array(nUsers * nGenres),
    residual: new Float32Array(nUsers * dims),
    likeDislike: new Float32Array(nUsers * dims),
  };
}
