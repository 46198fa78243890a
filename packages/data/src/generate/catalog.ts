import { type AliasTable, buildAliasTable } from './alias';
import type { SynthParams } from './params';
import { Rng } from './rng';
import { FIRST_YEAR, LAST_YEAR, startOfYear } from './timeline';
import {
  FOREIGN_TITLES,
  GENRES,
  GENRES_PER_MOVIE,
  NO_GENRES_SHARE,
  TITLE_ADJECTIVES,
  TITLE_NOUNS,
} from './vocabulary';

/**
 * The synthetic movie catalog in dense index order (= ascending movieId), columnar like the rest
 * of the package. Titles are strings because movies.csv is small (27k rows at ml-20m scale).
 */
export interface SynthCatalog {
  readonly size: number;
  readonly movieId: Int32Array;
  /** Release year, or 0 when the title carries none. */
  readonly year: Int16Array;
  /** Unix seconds of January 1 of the release year (0 when unknown): ratings come later. */
  readonly release: Float64Array;
  /** CSR genre lists: movie m has genres genreIds[genreStart[m] .. genreStart[m+1]-1], ascending. */
  readonly genreStart: Uint32Array;
  readonly genreIds: Uint8Array;
  /** Title without the year, e.g. `Silent River` or `Iron Kingdom, The`. */
  readonly title: readonly string[];
  readonly imdbId: Int32Array;
  /** TMDb id, or 0 when links.csv leaves it empty. */
  readonly tmdbId: Int32Array;
  /** Relative popularity; a power law of a random rank. */
  readonly popularity: Float64Array;
  readonly popularityTable: AliasTable;
  /** Movie indices from most to least popular. */
  readonly byPopularity: Uint32Array;
}

/**
 * Popularity by rank r (0 = most popular) of M movies: (r/M + POPULARITY_OFFSET)^-POPULARITY_EXPONENT.
 * A function of the rank *fraction*, so the head/tail balance is the same at every catalog size.
 * Tuned on the realised counts (users sample without replacement, so heavy users push ratings
 * into the tail): at ml-20m scale the top movie gets ~68k ratings from 49% of users and the median
 * movie ~21 ratings, against 67k, 49% and 18 in ml-20m. Movies without any rating are more common
 * than in ml-20m (about 9% against 2%).
 */
const POPULARITY_EXPONENT = 2.8;
const POPULARITY_OFFSET = 0.016;
/** Share of titles written without a year (ml-20m has a handful). */
const NO_YEAR_SHARE = 0.002;
/** Mean age of a movie at the end of the timeline, in years (exponential). */
const MEAN_AGE_YEARS = 18;
/** Share of links.csv rows with an empty tmdbId (252 of 27,278 in ml-20m). */
const MISSING_TMDB_SHARE = 0.01;

export function buildCatalog(params: SynthParams, seed: number): SynthCatalog {
  const rng = new Rng(seed, 1);
  const size = params.movies;

  const movieId = new Int32Array(size);
  // Ids are ascending with gaps, like MovieLens ids, so loaders cannot assume id = index + 1.
  let id = 0;
  for (let m = 0; m < size; m++) {
    id += m === 0 ? 1 : 1 + (rng.float() < 0.2 ? Math.floor(rng.exponential() * 4) : 0);
    movieId[m] = id;
  }

  const year = new Int16Array(size);
  const release = new Float64Array(size);
  for (let m = 0; m < size; m++) {
    if (rng.float() < NO_YEAR_SHARE) continue;
    const age = Math.floor(rng.exponential() * MEAN_AGE_YEARS);
    year[m] = Math.max(FIRST_YEAR, LAST_YEAR - age);
    release[m] = startOfYear(year[m]!);
  }

  const { genreStart, genreIds } = drawGenres(size, rng);
  const title = Array.from({ length: size }, () => drawTitle(rng));

  const imdbId = drawUniqueIds(size, 10_000, 4_999_999, rng);
  const tmdbId = drawUniqueIds(size, 2, 450_000, rng);
  for (let m = 0; m < size; m++) if (rng.float() < MISSING_TMDB_SHARE) tmdbId[m] = 0;

  // A random permutation decides which movie gets which popularity rank.
  const byPopularity = new Uint32Array(size);
  for (let i = 0; i < size; i++) byPopularity[i] = i;
  shuffle(byPopularity, rng);
  const popularity = new Float64Array(size);
  for (let rank = 0; rank < size; rank++) {
    popularity[byPopularity[rank]!] = (rank / size + POPULARITY_OFFSET) ** -POPULARITY_EXPONENT;
  }

  return {
    size,
    movieId,
    year,
    release,
    genreStart,
    genreIds,
    title,
    imdbId,
    tmdbId,
    popularity,
    popularityTable: buildAliasTable(popularity),
    byPopularity,
  };
}

/** Genre count from the ml-latest-small shares, then genres without replacement by ml-20m frequency. */
function drawGenres(size: number, rng: Rng): { genreStart: Uint32Array; genreIds: Uint8Array } {
  const genreStart = new Uint32Array(size + 1);
  const ids: number[] = [];
  const picked = new Array<boolean>(GENRES.length);
  let totalShare = 0;
  for (const g of GENRES) totalShare += g.share;
  for (let m = 0; m < size; m++) {
    genreStart[m] = ids.length;
    if (rng.float() < NO_GENRES_SHARE) continue;
    let count = 1;
    let u = rng.float();
    for (let k = 0; k < GENRES_PER_MOVIE.length; k++) {
      u -= GENRES_PER_MOVIE[k]!;
      if (u < 0) {
        count = k + 1;
        break;
      }
    }
    picked.fill(false);
    let remaining = totalShare;
    for (let k = 0; k < count; k++) {
      let x = rng.float() * remaining;
      let g = 0;
      for (; g < GENRES.length - 1; g++) {
        if (picked[g]) continue;
        x -= GENRES[g]!.share;
        if (x < 0) break;
      }
      while (picked[g]) g--; // rounding can land on a picked last genre; step back to a free one
      picked[g] = true;
      remaining -= GENRES[g]!.share;
    }
    for (let g = 0; g < GENRES.length; g++) if (picked[g]) ids.push(g);
  }
  genreStart[size] = ids.length;
  return { genreStart, genreIds: Uint8Array.from(ids) };
}

/**
 * Titles in MovieLens style: "Adjective Noun", articles moved to the end ("Noun, The", which needs
 * CSV quoting), sequels, foreign alternative titles in parentheses, and a few embedded quotes.
 */
function drawTitle(rng: Rng): string {
  const adjective = pick(TITLE_ADJECTIVES, rng);
  const noun = pick(TITLE_NOUNS, rng);
  const u = rng.float();
  if (u < 0.55) return `${adjective} ${noun}`;
  if (u < 0.72) return `${adjective} ${noun}, The`;
  if (u < 0.8) return `${noun} of the ${pick(TITLE_NOUNS, rng)}`;
  if (u < 0.86) return `${adjective} ${noun} ${2 + rng.int(4)}`;
  if (u < 0.9) return `${noun}, ${pick(TITLE_NOUNS, rng)} and ${pick(TITLE_NOUNS, rng)}`;
  if (u < 0.95) return `${adjective} ${noun}: The ${pick(TITLE_NOUNS, rng)}`;
  if (u < 0.985) return `${adjective} ${noun} (${pick(FOREIGN_TITLES, rng)})`;
  return `"${adjective}" ${noun}`;
}

function drawUniqueIds(size: number, min: number, max: number, rng: Rng): Int32Array {
  const out = new Int32Array(size);
  const seen = new Set<number>();
  for (let m = 0; m < size; m++) {
    let id: number;
    do id = min + rng.int(max - min + 1);
    while (seen.has(id));
    seen.add(id);
    out[m] = id;
  }
  return out;
}

function pick<T>(list: readonly T[], rng: Rng): T {
  return list[rng.int(list.length)]!;
}

function shuffle(values: Uint32Array, rng: Rng): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = values[i]!;
    values[i] = values[j]!;
    values[j] = t;
  }
}
