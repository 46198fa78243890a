import { readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataError } from './errors';
import { isCode, makeTempDirBeside, moveIntoPlace } from './generate/atomic-dir';
import { calibrateThresholds } from './generate/calibrate';
import { buildCatalog } from './generate/catalog';
import { buildLatent } from './generate/latent';
import {
  GENERATOR_VERSION,
  MANIFEST_FILE,
  readCompleteManifest,
  SYNTH_FILES,
  type SynthFileName,
  type SynthManifest,
} from './generate/manifest';
import { type GeneratedNetflix, type GenerateNetflixOptions, generateNetflix } from './generate/netflix';
import { resolveSynthParams, type SynthParams, type SynthSizeOptions } from './generate/params';
import { buildTagVocabulary } from './generate/tag-vocabulary';
import { UserSimulator } from './generate/user-simulator';
import { writeLinks, writeMovies } from './generate/write-catalog';
import { type FileSummary, writeGenomeScores, writeGenomeTags } from './generate/write-genome';
import { writeRatings } from './generate/write-ratings';
import { writeTags } from './generate/write-tags';
import type { OnProgress } from './types';

export type { SynthFileName, SynthManifest } from './generate/manifest';
export {
  type GeneratedNetflix,
  type GenerateNetflixOptions,
  generateNetflix,
  NETFLIX_SHAPE,
} from './generate/netflix';
export { createSynthOracle, type SynthOracle } from './generate/oracle';
export type { SynthParams } from './generate/params';

export interface GenerateMovieLensOptions extends SynthSizeOptions {
  /** Folder to create (its parent is created when missing). */
  out: string;
  /**
   * Exact number of ratings. Default: 144.4 per user when `users` is given (the ml-20m ratio),
   * otherwise 1,000,000.
   */
  ratings?: number;
  /** Default: ratings / 144.4, the ml-20m ratio (138,493 users at 20M ratings). */
  users?: number;
  /** Default: 27,278 x (ratings / 20M)^0.6, so ml-20m's 27,278 movies at 20M ratings. */
  movies?: number;
  /** PRNG seed; the same seed and sizes give byte-identical files. Default 1. */
  seed?: number;
  /** Genome tags (at most 1,128, ml-20m's count). Default: 1,128 x sqrt(ratings / 20M), 32 to 1,128. */
  genomeTags?: number;
  /** Movies in the genome, the most popular ones. Default: 38% of the movies, as in ml-20m. */
  genomeMovies?: number;
  /** Regenerate even when `out` already holds this exact dataset. Default false. */
  force?: boolean;
  onProgress?: OnProgress;
  /** Aborting stops generation and removes everything written so far. */
  signal?: AbortSignal;
}

export interface GeneratedDataset {
  /** Absolute path of the dataset folder. */
  readonly dir: string;
  /** True when `dir` already held this dataset and nothing was written. */
  readonly reused: boolean;
  /** Wall time of this call. */
  readonly seconds: number;
  readonly params: SynthParams;
  readonly files: SynthManifest['files'];
  readonly ratings: SynthManifest['ratings'];
}

/**
 * Writes a synthetic dataset in the ml-20m CSV layout (ratings, movies, links, tags, genome-tags,
 * genome-scores) plus `synth.json`, with learnable structure: a latent-factor model with user and
 * movie biases and per-user genre affinities, power-law movie popularity, log-normal user activity
 * (>= 20 ratings each), the ml-20m rating histogram, per-user rating sessions, and tags and genome
 * scores that follow the movies' latent traits. The model is documented in generate/latent.ts.
 *
 * The folder appears atomically (written beside `out`, then renamed) and the call is idempotent:
 * when `out` already holds a complete dataset with the same parameters it returns at once.
 *
 * @example
 * const synth = await generateMovieLens({ out: '.bench-data/synth-1m', ratings: 1_000_000, seed: 7 });
 */
export async function generateMovieLens(options: GenerateMovieLensOptions): Promise<GeneratedDataset> {
  const started = performance.now();
  const params = resolveSynthParams(options);
  const dir = resolve(options.out);
  const seconds = () => (performance.now() - started) / 1000;

  if (!options.force) {
    const existing = await readCompleteManifest(dir, params);
    if (existing) return { dir, reused: true, seconds: seconds(), ...pick(existing) };
  }

  const { onProgress, signal } = options;
  signal?.throwIfAborted();
  await refuseForeignFolder(dir);
  const temp = await makeTempDirBeside(dir).catch((error: unknown) => {
    throw new DataError('write-failed', `cannot create a folder beside ${dir}: ${messageOf(error)}`, {
      cause: error,
    });
  });
  try {
    const manifest = await writeDataset(temp, params, onProgress, signal);
    signal?.throwIfAborted();
    await moveIntoPlace(temp, dir);
    return { dir, reused: false, seconds: seconds(), ...pick(manifest) };
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (error instanceof DataError) throw error;
    if (signal?.aborted) {
      throw new DataError('aborted', `generation of ${dir} was aborted; nothing was left behind`, {
        cause: error,
      });
    }
    throw new DataError(
      'write-failed',
      `could not write the synthetic dataset to ${dir}: ${messageOf(error)}`,
      { cause: error },
    );
  }
}

async function writeDataset(
  dir: string,
  params: SynthParams,
  onProgress: OnProgress | undefined,
  signal: AbortSignal | undefined,
): Promise<SynthManifest> {
  const { seed } = params;
  const catalog = buildCatalog(params, seed);
  const latent = buildLatent(params, catalog, seed);
  const simulator = new UserSimulator(catalog, latent, seed);
  const vocabulary = buildTagVocabulary(params.genomeTags, latent, seed);

  onProgress?.({ stage: 'calibrate', done: 0, total: 1 });
  const thresholds = calibrateThresholds(simulator, latent.activity, params.ratings);
  onProgress?.({ stage: 'calibrate', done: 1, total: 1 });
  signal?.throwIfAborted();

  const ratings = await writeRatings(
    join(dir, 'ratings.csv'),
    catalog,
    latent,
    simulator,
    thresholds,
    onProgress,
    signal,
  );
  const files: Record<SynthFileName, FileSummary> = {
    'ratings.csv': { rows: ratings.rows, bytes: ratings.bytes },
    'movies.csv': await writeMovies(join(dir, 'movies.csv'), catalog),
    'links.csv': await writeLinks(join(dir, 'links.csv'), catalog),
    'tags.csv': await writeTags(join(dir, 'tags.csv'), catalog, latent, vocabulary, simulator, seed),
    'genome-tags.csv': await writeGenomeTags(join(dir, 'genome-tags.csv'), vocabulary),
    'genome-scores.csv': await writeGenomeScores(
      join(dir, 'genome-scores.csv'),
      catalog,
      latent,
      vocabulary,
      params.genomeMovies,
      seed,
      onProgress,
      signal,
    ),
  };
  const manifest: SynthManifest = {
    generator: '@reco/data generateMovieLens',
    version: GENERATOR_VERSION,
    params,
    files,
    ratings: {
      mean: ratings.mean,
      histogram: ratings.histogram,
      firstTimestamp: ratings.firstTimestamp,
      lastTimestamp: ratings.lastTimestamp,
    },
  };
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Regenerating replaces `out` as a whole, so `out` must be new, empty or an earlier synthetic
 * dataset (its files, synth.json and hidden entries such as a loader cache). Anything else is
 * somebody's data, and a mistyped `--out .` must not delete it.
 */
async function refuseForeignFolder(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return;
    if (isCode(error, 'ENOTDIR'))
      throw new DataError('not-a-folder', `cannot generate into ${dir}: it is a file`);
    throw new DataError('unreadable', `cannot read ${dir}: ${messageOf(error)}`, { cause: error });
  }
  const ours = new Set<string>([...SYNTH_FILES, MANIFEST_FILE]);
  const foreign = entries.filter((name) => !ours.has(name) && !name.startsWith('.'));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ', ...' : '');
    throw new DataError(
      'not-empty',
      `${dir} already holds files that are not a synthetic dataset (${shown}); ` +
        'generate into a new or empty folder, or into an earlier synthetic dataset',
    );
  }
}

function pick(manifest: SynthManifest): Pick<GeneratedDataset, 'params' | 'files' | 'ratings'> {
  return { params: manifest.params, files: manifest.files, ratings: manifest.ratings };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Options of {@link generate}: a MovieLens CSV dataset (the default) or the Netflix Prize layout. */
export type GenerateOptions =
  | ({ readonly layout?: 'movielens' } & GenerateMovieLensOptions)
  | ({ readonly layout: 'netflix' } & GenerateNetflixOptions);

/**
 * Writes a synthetic dataset in the layout asked for.
 *
 * @example
 * await generate({ layout: 'netflix', out: 'datasets/nf-1m', ratings: 1_000_000 });
 */
export function generate(
  options: { readonly layout: 'netflix' } & GenerateNetflixOptions,
): Promise<GeneratedNetflix>;
export function generate(
  options: { readonly layout?: 'movielens' } & GenerateMovieLensOptions,
): Promise<GeneratedDataset>;
export function generate(options: GenerateOptions): Promise<GeneratedDataset | GeneratedNetflix> {
  if (options.layout === 'netflix') return generateNetflix(options);
  return generateMovieLens(options);
}
