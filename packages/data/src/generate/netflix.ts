import { readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataError } from '../errors';
import { daysFromCivil } from '../netflix/kernel';
import type { OnProgress } from '../types';
import { allocateActivity } from './activity';
import { buildAliasTable, sampleAlias } from './alias';
import { makeTempDirBeside, moveIntoPlace } from './atomic-dir';
import { ByteSink } from './byte-sink';
import { COMMA, NEWLINE, writeUint } from './format';
import { Rng } from './rng';

/** The real Netflix Prize training set's shape. */
export const NETFLIX_SHAPE = { ratings: 100_480_507, users: 480_189, movies: 17_770 } as const;
const FIRST_DAY = daysFromCivil(1999, 11, 11);
const LAST_DAY = daysFromCivil(2005, 12, 31);
const FACTORS = 4;
/** `CustomerID,R,YYYY-MM-DD\n` with a 10-digit id. */
const MAX_LINE = 10 + 1 + 1 + 1 + 10 + 1;

export interface GenerateNetflixOptions {
  readonly out: string;
  /** Default 100,480,507 (the real set); at most 100M-odd is what the format is meant for. */
  readonly ratings?: number;
  /** Default: 480,189 scaled by ratings / 100,480,507 (at least 100). */
  readonly users?: number;
  /** Default 17,770. */
  readonly movies?: number;
  /** Default 1; the same seed and sizes give byte-identical files. */
  readonly seed?: number;
  /** Share of each movie's ratings also listed in probe.txt. Default 0.014 (1.4M of 100M). */
  readonly probeShare?: number;
  readonly onProgress?: OnProgress;
}

export interface GeneratedNetflix {
  readonly dir: string;
  readonly ratings: number;
  readonly users: number;
  readonly movies: number;
  readonly probe: number;
  readonly files: readonly string[];
}

/**
 * Writes a synthetic Netflix Prize folder: `movie_titles.csv` (ISO-8859-1, commas in titles, NULL
 * years), `combined_data_1..4.txt` (movie blocks split into four files of similar size) and
 * `probe.txt`. Ratings are whole stars from a small latent model (biases + 4 factors + noise),
 * popularity and activity are heavy-tailed, dates run 1999-11-11 to 2005-12-31. Rows stream to
 * disk one movie at a time; memory is O(users + movies). The folder appears atomically.
 */
export async function generateNetflix(options: GenerateNetflixOptions): Promise<GeneratedNetflix> {
  const shape = resolveShape(options);
  const dir = resolve(options.out);
  await refuseNonEmpty(dir);
  const temp = await makeTempDirBeside(dir);
  try {
    const written = await writeNetflix(temp, shape, options.onProgress);
    await moveIntoPlace(temp, dir);
    return { dir, ...written };
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (error instanceof DataError) throw error;
    throw new DataError('write-failed', `could not write the Netflix dataset to ${dir}: ${String(error)}`, {
      cause: error,
    });
  }
}

interface Shape {
  readonly ratings: number;
  readonly users: number;
  readonly movies: number;
  readonly seed: number;
  readonly probeShare: number;
}

function resolveShape(options: GenerateNetflixOptions): Shape {
  const ratings = options.ratings ?? NETFLIX_SHAPE.ratings;
  const scaled = Math.round(
    (NETFLIX_SHAPE.users * Math.min(ratings, NETFLIX_SHAPE.ratings)) / NETFLIX_SHAPE.ratings,
  );
  const users = options.users ?? Math.max(100, scaled);
  const movies = options.movies ?? NETFLIX_SHAPE.movies;
  const seed = options.seed ?? 1;
  const probeShare = options.probeShare ?? 0.014;
  const integer = (name: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new DataError(
        'bad-option',
        `option ${name} must be an integer from ${min} to ${max}, got ${value}`,
        {
          field: name,
        },
      );
    }
  };
  integer('ratings', ratings, 1, 2 ** 31 - 1);
  integer('users', users, 1, 999_999_999);
  integer('movies', movies, 1, 999_999);
  integer('seed', seed, 0, 2 ** 32 - 1);
  if (!(probeShare >= 0 && probeShare <= 1)) {
    throw new DataError('bad-option', `option probeShare must be in [0, 1], got ${probeShare}`, {
      field: 'probeShare',
    });
  }
  // Each movie may take at most 60% of the users, so distinct users are quick to draw.
  if (ratings > movies * Math.floor(users * 0.6) || ratings < movies) {
    throw new DataError(
      'bad-option',
      `${ratings} ratings do not fit ${movies} movies and ${users} users (each movie needs 1 to 60% of the users)`,
      { field: 'ratings' },
    );
  }
  return { ratings, users, movies, seed, probeShare };
}

async function refuseNonEmpty(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  if (entries.some((e) => !e.startsWith('.'))) {
    throw new DataError('not-empty', `${dir} is not empty; generate into a new or empty folder`, {
      file: dir,
    });
  }
}

/** Per-user and per-movie model parameters, drawn from their own streams of the seed. */
function buildModel(shape: Shape) {
  const { users, movies, seed, ratings } = shape;
  const rng = new Rng(seed, 0);
  const userBias = new Float32Array(users);
  const userFactors = new Float32Array(users * FACTORS);
  const activity = new Float64Array(users);
  for (let u = 0; u < users; u++) {
    userBias[u] = 0.4 * rng.normal();
    for (let k = 0; k < FACTORS; k++) userFactors[u * FACTORS + k] = 0.35 * rng.normal();
    activity[u] = Math.exp(1.3 * rng.normal());
  }
  const popularity = new Float64Array(movies);
  for (let m = 0; m < movies; m++) popularity[m] = Math.exp(1.6 * rng.normal());
  const counts = allocateActivity(popularity, ratings, 1, Math.floor(users * 0.6));
  // Customer ids are sparse in the real set (1 to 2,649,429): spread ours the same way.
  const customerId = new Uint32Array(users);
  let id = 0;
  for (let u = 0; u < users; u++) {
    id += 1 + rng.int(10);
    customerId[u] = id;
  }
  return { userBias, userFactors, users: buildAliasTable(activity), counts, customerId };
}

async function writeNetflix(dir: string, shape: Shape, onProgress: OnProgress | undefined) {
  const model = buildModel(shape);
  await writeTitles(join(dir, 'movie_titles.csv'), shape);
  const parts = Math.min(4, shape.movies);
  const files = ['movie_titles.csv'];
  // A buffer holds the largest movie block whole (at most 60% of the users).
  const capacity = Math.max(16 << 20, Math.ceil(shape.users * 0.6) * MAX_LINE + 64);
  const probe = await ByteSink.open(join(dir, 'probe.txt'), capacity);
  const taken = new Int32Array(shape.users).fill(-1);
  const rng = new Rng(shape.seed, 1);
  const q = new Float32Array(FACTORS);
  let movie = 0;
  let done = 0;
  let probeRows = 0;
  for (let part = 1; part <= parts; part++) {
    const file = `combined_data_${part}.txt`;
    files.push(file);
    const sink = await ByteSink.open(join(dir, file), capacity);
    const target = Math.round((shape.ratings * part) / parts);
    // Each file takes whole movies until it holds its quarter of the ratings (the last takes the rest).
    while (movie < shape.movies && (done < target || part === parts)) {
      const count = model.counts[movie]!;
      if (sink.needsFlush(12 + count * MAX_LINE)) await sink.flush();
      if (probe.needsFlush(12 + count * 11)) await probe.flush();
      probeRows += writeMovieBlock(movie, count, { model, shape, rng, taken, q }, sink, probe);
      done += count;
      movie++;
      onProgress?.({ stage: 'ratings', done, total: shape.ratings, unit: 'rows' });
    }
    await sink.close();
  }
  await probe.close();
  files.push('probe.txt');
  const manifest = { format: 'reco-synth-netflix', version: 1, ...shape, probe: probeRows };
  await writeFile(join(dir, 'synth.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { ratings: done, users: shape.users, movies: shape.movies, probe: probeRows, files };
}

/** The model and the scratch state every movie block is drawn with. */
interface BlockContext {
  readonly model: ReturnType<typeof buildModel>;
  readonly shape: Shape;
  readonly rng: Rng;
  /** The last movie each user rated, so no user rates a movie twice. */
  readonly taken: Int32Array;
  /** The movie's factors. */
  readonly q: Float32Array;
}

/**
 * Writes the `MovieID:` block of `movie` (count ratings) into `sink`, and its probe rows into
 * `probe`; both have room. Returns the number of probe rows.
 */
function writeMovieBlock(
  movie: number,
  count: number,
  ctx: BlockContext,
  sink: ByteSink,
  probe: ByteSink,
): number {
  const { model, shape, rng, taken, q } = ctx;
  rng.reseed(shape.seed, movie + 2);
  const bias = 0.5 * rng.normal();
  for (let k = 0; k < FACTORS; k++) q[k] = 0.35 * rng.normal();
  const start = FIRST_DAY + rng.int(Math.floor((LAST_DAY - FIRST_DAY) * 0.8));
  let pos = writeUint(sink.buffer, sink.pos, movie + 1);
  sink.buffer[pos++] = 0x3a;
  sink.buffer[pos++] = NEWLINE;
  let probePos = probe.pos;
  let probeRows = 0;
  for (let i = 0; i < count; i++) {
    const u = drawFreshUser(model.users, taken, movie, rng);
    let score = 3.6 + model.userBias[u]! + bias + 0.9 * rng.normal();
    for (let k = 0; k < FACTORS; k++) score += model.userFactors[u * FACTORS + k]! * q[k]! * 4;
    const rating = Math.min(5, Math.max(1, Math.round(score)));
    const day = start + Math.floor((LAST_DAY - start + 1) * Math.sqrt(rng.float()));
    pos = writeUint(sink.buffer, pos, model.customerId[u]!);
    sink.buffer[pos++] = COMMA;
    sink.buffer[pos++] = 48 + rating;
    sink.buffer[pos++] = COMMA;
    pos = writeIsoDay(sink.buffer, pos, day);
    sink.buffer[pos++] = NEWLINE;
    if (rng.float() < shape.probeShare) {
      if (probeRows === 0) {
        probePos = writeUint(probe.buffer, probePos, movie + 1);
        probe.buffer[probePos++] = 0x3a;
        probe.buffer[probePos++] = NEWLINE;
      }
      probePos = writeUint(probe.buffer, probePos, model.customerId[u]!);
      probe.buffer[probePos++] = NEWLINE;
      probeRows++;
    }
  }
  sink.pos = pos;
  probe.pos = probePos;
  return probeRows;
}

/** A user who has not rated `movie` yet, drawn by activity; falls back to a scan after many repeats. */
function drawFreshUser(
  users: ReturnType<typeof buildAliasTable>,
  taken: Int32Array,
  movie: number,
  rng: Rng,
): number {
  for (let attempt = 0; attempt < 64; attempt++) {
    const u = sampleAlias(users, rng);
    if (taken[u] !== movie) {
      taken[u] = movie;
      return u;
    }
  }
  let u = rng.int(taken.length);
  while (taken[u] === movie) u = (u + 1) % taken.length;
  taken[u] = movie;
  return u;
}

/** `YYYY-MM-DD` of a day number (days since 1970-01-01), Hinnant's civil_from_days. */
function writeIsoDay(buffer: Uint8Array, pos: number, days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  pos = writeUint(buffer, pos, year);
  buffer[pos++] = 0x2d;
  buffer[pos++] = 48 + Math.floor(month / 10);
  buffer[pos++] = 48 + (month % 10);
  buffer[pos++] = 0x2d;
  buffer[pos++] = 48 + Math.floor(day / 10);
  buffer[pos++] = 48 + (day % 10);
  return pos;
}

const WORDS = ['Night', 'River', 'Café', 'Empire', 'Return', 'Garden', 'Señor', 'Winter', 'Signal', 'Dream'];

/** movie_titles.csv in ISO-8859-1: some titles hold commas, some years are NULL, as in the real file. */
async function writeTitles(path: string, shape: Shape): Promise<void> {
  const rng = new Rng(shape.seed, 0x7177);
  const lines: string[] = [];
  for (let m = 1; m <= shape.movies; m++) {
    const year = rng.float() < 0.005 ? 'NULL' : String(1915 + rng.int(91));
    const title = `${WORDS[rng.int(WORDS.length)]} ${WORDS[rng.int(WORDS.length)]} ${m}`;
    lines.push(`${m},${year},${rng.float() < 0.05 ? `${title}, Part ${1 + rng.int(3)}` : title}`);
  }
  await writeFile(path, Buffer.from(`${lines.join('\n')}\n`, 'latin1'));
}
