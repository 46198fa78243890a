import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from './errors';
import { type GeneratedDataset, generateMovieLens } from './generate';

/**
 * The tests read the files back with their own RFC 4180 reader (below) and check the generator's
 * promises with independent computations: invariants by direct counting, learnability by fitting
 * baselines on a random split, determinism by comparing bytes.
 */

const RATINGS = 150_000;
const SEED = 7;
const FILES = ['ratings.csv', 'movies.csv', 'links.csv', 'tags.csv', 'genome-tags.csv', 'genome-scores.csv'];
const GENRE_VOCABULARY = new Set([
  'Action',
  'Adventure',
  'Animation',
  'Children',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'IMAX',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
]);

let root: string;
let dataset: GeneratedDataset;
let tables: Record<string, string[][]>;
let ratings: { user: Int32Array; movie: Int32Array; rating: Float64Array; time: Int32Array };
let movieGenres: Map<number, string[]>;
let movieYear: Map<number, number | null>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'reco-generate-'));
  dataset = await generateMovieLens({ out: join(root, 'synth'), ratings: RATINGS, seed: SEED });
  tables = {};
  for (const name of FILES) tables[name] = parseCsv(await readFile(join(dataset.dir, name), 'utf8'));
  const rows = body('ratings.csv');
  ratings = {
    user: Int32Array.from(rows, (r) => Number(r[0])),
    movie: Int32Array.from(rows, (r) => Number(r[1])),
    rating: Float64Array.from(rows, (r) => Number(r[2])),
    time: Int32Array.from(rows, (r) => Number(r[3])),
  };
  movieGenres = new Map();
  movieYear = new Map();
  for (const [id, title, genres] of body('movies.csv')) {
    movieGenres.set(Number(id), genres === '(no genres listed)' ? [] : genres!.split('|'));
    const year = /\((\d{4})\)$/.exec(title!);
    movieYear.set(Number(id), year ? Number(year[1]) : null);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function body(name: string): string[][] {
  return tables[name]!.slice(1);
}

describe('files and layout', () => {
  it('writes the six ml-20m CSV files with their headers, plus synth.json', async () => {
    expect(tables['ratings.csv']![0]).toEqual(['userId', 'movieId', 'rating', 'timestamp']);
    expect(tables['movies.csv']![0]).toEqual(['movieId', 'title', 'genres']);
    expect(tables['links.csv']![0]).toEqual(['movieId', 'imdbId', 'tmdbId']);
    expect(tables['tags.csv']![0]).toEqual(['userId', 'movieId', 'tag', 'timestamp']);
    expect(tables['genome-tags.csv']![0]).toEqual(['tagId', 'tag']);
    expect(tables['genome-scores.csv']![0]).toEqual(['movieId', 'tagId', 'relevance']);
    expect((await readdir(dataset.dir)).sort()).toEqual([...FILES, 'synth.json'].sort());
    for (const name of FILES) {
      const size = (await stat(join(dataset.dir, name))).size;
      expect(dataset.files[name as keyof GeneratedDataset['files']].bytes).toBe(size);
      expect(dataset.files[name as keyof GeneratedDataset['files']].rows).toBe(body(name).length);
    }
  });

  it('writes exactly the requested number of ratings, with ml-20m proportions by default', () => {
    expect(ratings.user.length).toBe(RATINGS);
    expect(dataset.params.ratings).toBe(RATINGS);
    // 144.4 ratings per user as in ml-20m (138,493 users for 20,000,263 ratings).
    expect(dataset.params.users).toBe(Math.round(RATINGS / (20_000_263 / 138_493)));
    expect(body('movies.csv').length).toBe(dataset.params.movies);
  });

  it('quotes fields with commas and quotes, and the quoted titles read back whole', async () => {
    const raw = await readFile(join(dataset.dir, 'movies.csv'), 'utf8');
    const quotedLines = raw.split('\n').filter((line) => line.includes('"'));
    expect(quotedLines.length).toBeGreaterThan(10);
    const titles = body('movies.csv').map((r) => r[1]!);
    expect(body('movies.csv').every((r) => r.length === 3)).toBe(true);
    expect(titles.some((t) => t.includes(','))).toBe(true);
    expect(titles.some((t) => t.includes('"'))).toBe(true);
    // The reader above agrees with a raw look: a comma title sits in quotes in the file.
    const commaTitle = titles.find((t) => t.includes(',') && !t.includes('"'))!;
    expect(raw).toContain(`,"${commaTitle}",`);
    expect(body('tags.csv').every((r) => r.length === 4)).toBe(true);
    expect(body('tags.csv').some((r) => r[2]!.includes(','))).toBe(true);
  });

  it('gives movies MovieLens titles, years and genres', () => {
    const movies = body('movies.csv');
    const ids = movies.map((r) => Number(r[0]));
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
    // Ids have gaps, like MovieLens ids, so nobody can treat id - 1 as an index.
    expect(ids[ids.length - 1]!).toBeGreaterThan(ids.length);
    const withYear = movies.filter((r) => /^\S.* \((19|20)\d\d\)$/.test(r[1]!)).length;
    expect(withYear / movies.length).toBeGreaterThan(0.99);
    const genres = movies.map((r) => r[2]!);
    expect(genres.some((g) => g === '(no genres listed)')).toBe(true);
    expect(genres.some((g) => g.split('|').includes('IMAX'))).toBe(true);
    for (const g of genres) {
      if (g === '(no genres listed)') continue;
      const list = g.split('|');
      for (const name of list) expect(GENRE_VOCABULARY.has(name)).toBe(true);
      expect(new Set(list).size).toBe(list.length);
    }
  });

  it('links every movie with a 7-digit imdbId and a mostly present tmdbId', () => {
    const links = body('links.csv');
    expect(links.map((r) => Number(r[0]))).toEqual(body('movies.csv').map((r) => Number(r[0])));
    expect(links.every((r) => /^\d{7}$/.test(r[1]!))).toBe(true);
    const empty = links.filter((r) => r[2] === '').length;
    expect(empty).toBeGreaterThan(0);
    expect(empty / links.length).toBeLessThan(0.05);
    expect(links.every((r) => r[2] === '' || /^[1-9]\d*$/.test(r[2]!))).toBe(true);
  });
});

describe('ratings invariants', () => {
  it('sorts rows by userId then movieId, without duplicate pairs', () => {
    let ordered = true;
    for (let i = 1; i < ratings.user.length; i++) {
      const du = ratings.user[i]! - ratings.user[i - 1]!;
      if (du < 0 || (du === 0 && ratings.movie[i]! <= ratings.movie[i - 1]!)) ordered = false;
    }
    expect(ordered).toBe(true);
  });

  it('gives every user 1..N at least 20 ratings, with a right-skewed activity', () => {
    const counts = countBy(ratings.user);
    expect(counts.size).toBe(dataset.params.users);
    expect(Math.min(...counts.keys())).toBe(1);
    expect(Math.max(...counts.keys())).toBe(dataset.params.users);
    const values = [...counts.values()].sort((a, b) => a - b);
    expect(values[0]).toBeGreaterThanOrEqual(20);
    const median = values[values.length >> 1]!;
    const mean = RATINGS / values.length;
    expect(median).toBeLessThan(0.75 * mean); // log-normal: the mean sits well above the median
    // The heaviest user is capped at 35% of the (here small) catalog, like ml-20m's heaviest.
    expect(values[values.length - 1]!).toBeGreaterThan(4 * median);
  });

  it('uses half stars from 0.5 to 5 with the ml-20m histogram: mean ~3.5, mode 4.0', () => {
    const levels = new Map<number, number>();
    let sum = 0;
    for (const r of ratings.rating) {
      levels.set(r, (levels.get(r) ?? 0) + 1);
      sum += r;
    }
    expect([...levels.keys()].sort((a, b) => a - b)).toEqual([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
    const mean = sum / RATINGS;
    expect(mean).toBeGreaterThan(3.4);
    expect(mean).toBeLessThan(3.65);
    const mode = [...levels].sort((a, b) => b[1] - a[1])[0]![0];
    expect(mode).toBe(4);
    const ml20m = [1.1, 3.3, 1.4, 7.2, 4.4, 21.3, 11.0, 27.8, 7.6, 14.5];
    ml20m.forEach((percent, i) => {
      expect(Math.abs((100 * levels.get((i + 1) / 2)!) / RATINGS - percent)).toBeLessThan(1.5);
    });
    expect(dataset.ratings.mean).toBeCloseTo(mean, 10);
  });

  it('has heavy-tailed movie popularity', () => {
    const counts = [...countBy(ratings.movie).values()];
    while (counts.length < dataset.params.movies) counts.push(0);
    counts.sort((a, b) => b - a);
    const topTenth = counts.slice(0, Math.round(counts.length / 10)).reduce((a, b) => a + b, 0);
    expect(topTenth / RATINGS).toBeGreaterThan(0.4); // uniform popularity would give 0.1
    const median = counts[counts.length >> 1]!;
    expect(counts[0]!).toBeGreaterThan(10 * median);
    // Every rated movie is in the catalog.
    expect([...countBy(ratings.movie).keys()].every((id) => movieGenres.has(id))).toBe(true);
  });

  it('dates ratings inside 1995-2015, never before the release year, in a few sessions per user', () => {
    const first = Date.UTC(1995, 0, 9) / 1000;
    const last = Date.UTC(2015, 2, 31, 23, 59, 59) / 1000;
    let early = 0;
    let outside = 0;
    for (let i = 0; i < RATINGS; i++) {
      const t = ratings.time[i]!;
      if (t < first || t > last) outside++;
      const year = movieYear.get(ratings.movie[i]!);
      if (year != null && new Date(t * 1000).getUTCFullYear() < year) early++;
    }
    expect(outside).toBe(0);
    expect(early).toBe(0);
    // Sessions: the median user rates 60+ movies on only a handful of distinct days.
    const days = new Map<number, Set<number>>();
    for (let i = 0; i < RATINGS; i++) {
      const set = days.get(ratings.user[i]!) ?? new Set<number>();
      set.add(Math.floor(ratings.time[i]! / 86_400));
      days.set(ratings.user[i]!, set);
    }
    const distinctDays = [...days.values()].map((s) => s.size).sort((a, b) => a - b);
    expect(distinctDays[distinctDays.length >> 1]!).toBeLessThanOrEqual(4);
    // ... and many come back for more than one burst.
    expect(distinctDays.filter((d) => d > 1).length / distinctDays.length).toBeGreaterThan(0.3);
  });
});

describe('learnable signal', () => {
  // One random 80/20 split, by a seeded LCG independent of the generator's PRNG.
  const split = () => {
    const isTest = new Uint8Array(RATINGS);
    let state = 12345;
    for (let i = 0; i < RATINGS; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      isTest[i] = state / 2 ** 32 < 0.2 ? 1 : 0;
    }
    return isTest;
  };

  /** Damped user and movie means (the classic baseline predictor), fitted on train rows only. */
  const fitBaseline = (isTest: Uint8Array) => {
    let mu = 0;
    let n = 0;
    for (let i = 0; i < RATINGS; i++) {
      if (isTest[i]) continue;
      mu += ratings.rating[i]!;
      n++;
    }
    mu /= n;
    const userBias = meanResidual(
      isTest,
      (i) => ratings.user[i]!,
      (i) => ratings.rating[i]! - mu,
      5,
    );
    const movieBias = meanResidual(
      isTest,
      (i) => ratings.movie[i]!,
      (i) => ratings.rating[i]! - mu - (userBias.get(ratings.user[i]!) ?? 0),
      5,
    );
    return (i: number) =>
      mu + (userBias.get(ratings.user[i]!) ?? 0) + (movieBias.get(ratings.movie[i]!) ?? 0);
  };

  it('lets user and movie baselines beat the global mean by a clear margin', () => {
    const isTest = split();
    const baseline = fitBaseline(isTest);
    let mu = 0;
    let n = 0;
    for (let i = 0; i < RATINGS; i++) {
      if (isTest[i]) continue;
      mu += ratings.rating[i]!;
      n++;
    }
    mu /= n;
    const global = rmse(isTest, () => mu);
    const fitted = rmse(isTest, baseline);
    expect(global).toBeGreaterThan(0.9); // ratings really vary
    expect(fitted).toBeLessThan(0.9 * global);
  });

  it("shifts a user's ratings of the genres they like, consistently across the split", () => {
    const isTest = split();
    const baseline = fitBaseline(isTest);
    // Mean baseline residual per (user, genre), on train and on test separately.
    const train = new Map<string, { sum: number; n: number }>();
    const test = new Map<string, { sum: number; n: number }>();
    for (let i = 0; i < RATINGS; i++) {
      const residual = ratings.rating[i]! - baseline(i);
      for (const genre of movieGenres.get(ratings.movie[i]!)!) {
        const key = `${ratings.user[i]}|${genre}`;
        const cell = (isTest[i] ? test : train).get(key) ?? { sum: 0, n: 0 };
        cell.sum += residual;
        cell.n++;
        (isTest[i] ? test : train).set(key, cell);
      }
    }
    const pairs: [number, number][] = [];
    for (const [key, a] of train) {
      const b = test.get(key);
      if (a.n >= 8 && b !== undefined && b.n >= 3) pairs.push([a.sum / a.n, b.sum / b.n]);
    }
    expect(pairs.length).toBeGreaterThan(500);
    // Without per-user genre taste the two means would be uncorrelated noise.
    expect(pearson(pairs)).toBeGreaterThan(0.2);

    // And using the train means (shrunk) as a correction lowers the held-out error.
    const correction = new Map<string, number>();
    for (const [key, a] of train) correction.set(key, a.sum / (a.n + 10));
    const corrected = (i: number) => {
      const genres = movieGenres.get(ratings.movie[i]!)!;
      let shift = 0;
      for (const g of genres) shift += correction.get(`${ratings.user[i]}|${g}`) ?? 0;
      return baseline(i) + (genres.length > 0 ? shift / genres.length : 0);
    };
    expect(rmse(isTest, corrected)).toBeLessThan(rmse(isTest, baseline) - 0.01);
  });

  it('picks tags and genome relevance that follow the movie genres', () => {
    // A genre-named tag ("comedy", "horror", ...) lands on movies of that genre far more often
    // than the genre's share of the catalog.
    const genreByTag = new Map(
      [...GENRE_VOCABULARY].map((g) => [g === 'Film-Noir' ? 'film noir' : g.toLowerCase(), g]),
    );
    const catalogShare = (genre: string) =>
      [...movieGenres.values()].filter((list) => list.includes(genre)).length / movieGenres.size;
    let hits = 0;
    let expected = 0;
    let total = 0;
    for (const [, movieId, tag] of body('tags.csv')) {
      const genre = genreByTag.get(tag!.toLowerCase());
      if (genre === undefined) continue;
      total++;
      expected += catalogShare(genre);
      if (movieGenres.get(Number(movieId))!.includes(genre)) hits++;
    }
    expect(total).toBeGreaterThan(50);
    expect(hits / total).toBeGreaterThan(0.6);
    expect(hits / expected).toBeGreaterThan(2);

    // Genome: a genre tag is more relevant to movies of its genre than to the others.
    const tagIds = new Map(body('genome-tags.csv').map(([id, tag]) => [Number(id), tag!]));
    const withGenre: number[] = [];
    const without: number[] = [];
    for (const [movieId, tagId, relevance] of body('genome-scores.csv')) {
      const genre = genreByTag.get(tagIds.get(Number(tagId))!);
      if (genre === undefined) continue;
      (movieGenres.get(Number(movieId))!.includes(genre) ? withGenre : without).push(Number(relevance));
    }
    expect(withGenre.length).toBeGreaterThan(100);
    expect(average(withGenre) - average(without)).toBeGreaterThan(0.25);
  });
});

describe('tags and genome files', () => {
  it('writes tags by existing users on existing movies, sorted like ml-20m', () => {
    const tags = body('tags.csv');
    expect(tags.length).toBeGreaterThan(RATINGS * 0.015);
    let previous: string[] | undefined;
    for (const row of tags) {
      const user = Number(row[0]);
      expect(user >= 1 && user <= dataset.params.users).toBe(true);
      expect(movieGenres.has(Number(row[1]))).toBe(true);
      expect(row[2]!.length).toBeGreaterThan(0);
      const release = movieYear.get(Number(row[1]));
      if (release != null)
        expect(new Date(Number(row[3]) * 1000).getUTCFullYear()).toBeGreaterThanOrEqual(release);
      if (previous) {
        const order = Number(previous[0]) - user || Number(previous[1]) - Number(row[1]);
        expect(order).toBeLessThanOrEqual(0);
      }
      previous = row;
    }
  });

  it('writes a complete movies x tags genome grid with five-decimal relevances', async () => {
    const genomeTags = body('genome-tags.csv');
    expect(genomeTags.map((r) => Number(r[0]))).toEqual(genomeTags.map((_, i) => i + 1));
    const names = genomeTags.map((r) => r[1]!);
    expect([...names].sort()).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBe(dataset.params.genomeTags);

    const scores = body('genome-scores.csv');
    const movies = new Set(scores.map((r) => r[0]));
    expect(movies.size).toBe(dataset.params.genomeMovies);
    expect(scores.length).toBe(movies.size * names.length);
    const misplaced = scores.filter((row, i) => Number(row[1]) !== (i % names.length) + 1);
    expect(misplaced).toEqual([]);
    const malformed = scores.filter((row) => !/^(0\.\d{5}|1\.00000)$/.test(row[2]!));
    expect(malformed).toEqual([]);
    // The genome covers popular movies: they hold most of the ratings.
    let covered = 0;
    for (const m of ratings.movie) if (movies.has(String(m))) covered++;
    expect(covered / RATINGS).toBeGreaterThan(0.7);
  });
});

describe('determinism, atomicity and idempotence', () => {
  it('writes byte-identical files for the same seed and different ones for another seed', async () => {
    const again = await generateMovieLens({ out: join(root, 'again'), ratings: RATINGS, seed: SEED });
    for (const name of [...FILES, 'synth.json']) {
      const a = await readFile(join(dataset.dir, name));
      const b = await readFile(join(again.dir, name));
      expect(a.equals(b)).toBe(true);
    }
    const other = await generateMovieLens({ out: join(root, 'other'), ratings: RATINGS, seed: SEED + 1 });
    // (genome-tags.csv can coincide: a small genome uses the same leading tag names for any seed.)
    for (const name of FILES.filter((f) => f !== 'genome-tags.csv')) {
      const a = await readFile(join(dataset.dir, name));
      const b = await readFile(join(other.dir, name));
      expect(a.equals(b)).toBe(false);
    }
  });

  it('returns at once when the folder already holds the same dataset, and regenerates on force', async () => {
    const out = join(root, 'idempotent');
    const first = await generateMovieLens({ out, ratings: 20_000, seed: 3 });
    expect(first.reused).toBe(false);
    const mtime = (await stat(join(out, 'ratings.csv'))).mtimeMs;
    const second = await generateMovieLens({ out, ratings: 20_000, seed: 3 });
    expect(second.reused).toBe(true);
    expect(second.files).toEqual(first.files);
    expect((await stat(join(out, 'ratings.csv'))).mtimeMs).toBe(mtime);

    const forced = await generateMovieLens({ out, ratings: 20_000, seed: 3, force: true });
    expect(forced.reused).toBe(false);
    const changed = await generateMovieLens({ out, ratings: 20_000, seed: 4 });
    expect(changed.reused).toBe(false);
    expect(changed.params.seed).toBe(4);
    // Only the dataset folder is left: no temp or old folders beside it.
    expect((await readdir(root)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('rebuilds a dataset whose files were cut short', async () => {
    const out = join(root, 'truncated');
    await generateMovieLens({ out, ratings: 20_000, seed: 3 });
    await truncate(join(out, 'ratings.csv'), 1000);
    const rebuilt = await generateMovieLens({ out, ratings: 20_000, seed: 3 });
    expect(rebuilt.reused).toBe(false);
    expect((await stat(join(out, 'ratings.csv'))).size).toBe(rebuilt.files['ratings.csv'].bytes);
  });

  it('leaves nothing behind when aborted half-way', async () => {
    const parent = await mkdtemp(join(root, 'abort-'));
    const out = join(parent, 'synth');
    const controller = new AbortController();
    const run = generateMovieLens({
      out,
      ratings: 100_000,
      seed: 3,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === 'ratings' && p.done > 0) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(DataError);
    await expect(run).rejects.toThrow(expect.objectContaining({ code: 'aborted' }));
    expect(await readdir(parent)).toEqual([]);
  });

  it('refuses to replace a folder that holds other data', async () => {
    const out = await mkdtemp(join(root, 'foreign-'));
    await writeFile(join(out, 'notes.txt'), 'mine');
    await expect(generateMovieLens({ out, ratings: 20_000, seed: 3 })).rejects.toThrow(
      expect.objectContaining({ code: 'not-empty' }),
    );
    expect(await readdir(out)).toEqual(['notes.txt']);
  });

  it('rejects sizes that cannot hold 20 ratings per user', async () => {
    await expect(generateMovieLens({ out: join(root, 'bad'), users: 100, ratings: 1000 })).rejects.toThrow(
      expect.objectContaining({ code: 'bad-option' }),
    );
    await expect(generateMovieLens({ out: join(root, 'bad'), ratings: 1000, seed: -1 })).rejects.toThrow(
      DataError,
    );
  });
});

// --- helpers -------------------------------------------------------------------------------

/** A minimal RFC 4180 reader: quoted fields, doubled quotes, LF or CRLF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

function countBy(values: ArrayLike<number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) counts.set(values[i]!, (counts.get(values[i]!) ?? 0) + 1);
  return counts;
}

function meanResidual(
  isTest: Uint8Array,
  key: (i: number) => number,
  residual: (i: number) => number,
  damping: number,
): Map<number, number> {
  const sums = new Map<number, { sum: number; n: number }>();
  for (let i = 0; i < RATINGS; i++) {
    if (isTest[i]) continue;
    const cell = sums.get(key(i)) ?? { sum: 0, n: 0 };
    cell.sum += residual(i);
    cell.n++;
    sums.set(key(i), cell);
  }
  return new Map([...sums].map(([k, { sum, n }]) => [k, sum / (n + damping)]));
}

function rmse(isTest: Uint8Array, predict: (i: number) => number): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < RATINGS; i++) {
    if (!isTest[i]) continue;
    sum += (ratings.rating[i]! - predict(i)) ** 2;
    n++;
  }
  return Math.sqrt(sum / n);
}

function pearson(pairs: [number, number][]): number {
  const mx = average(pairs.map((p) => p[0]));
  const my = average(pairs.map((p) => p[1]));
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

function average(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
