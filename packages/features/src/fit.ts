import type { OnProgress } from '@reco/core';
import type { Catalog, RatingsStore } from '@reco/data';
import { fitCf, type MfScorer } from './cf';
import { buildContentEmbeddings } from './content';
import { FeatureError } from './errors';
import { assignFolds, checkFoldAssignment, deriveSeed } from './folds';
import { mapMovieGenres } from './genres';
import { ageAtRating, genreAffinity, NOT_TRAIN, type RowBlock } from './kernel';
import { buildLayout, M } from './layout';
import { type ResolvedFeatureOptions, resolveOptions } from './options';
import type { FitFeaturePipelineOptions } from './pipeline';
import { fitRowBlocks } from './rows/blocks';
import { identityScaler, RunningMoments, ScalerFitter, type ScalerParams } from './scaler';
import type { PipelineState } from './state';
import { fitStatistics } from './statistics';
import { buildTables, type RawTables } from './tables';
import { yearOfDayTable } from './time';
import { assertSortedRows } from './validate';

const DECK_WARNING =
  "@reco/features: protocol 'deck' computes user and movie statistics on ALL ratings, validation and " +
  'test included. Its scores are inflated by that leak; use it only to reproduce the deck beside honest numbers.';

/** Everything `fitFeaturePipeline` learns, as the state behind a `FeaturePipeline`. */
export async function fitPipelineState(options: FitFeaturePipelineOptions): Promise<PipelineState> {
  const o = resolveOptions(options);
  const { dataset, trainRows, onProgress } = options;
  const { ratings, movies } = dataset;
  checkFitInput(options, o);
  if (o.protocol === 'deck') (options.logger ?? console).warn(DECK_WARNING);
  const genres = mapMovieGenres(movies);
  if (genres.names.length > 32) {
    throw new FeatureError(
      'bad-input',
      `${WHERE}: the catalog has ${genres.names.length} genres; at most 32 are supported`,
    );
  }
  const clock = stageClock(onProgress);
  const slots = assignSlots(options, o);
  clock.stage('folds');
  const layout = buildLayout(genres.names, o.families, o.contentDims);
  const { stats, content, cf, raw } = await fitRawTables({ options, o, slots, genres, layout, clock });
  const scaler = o.scale
    ? fitScaler(raw, ratings, trainRows, slots.rowSlice)
    : identityScaler(layout.columns.length);
  const tables = buildTables(raw, scaler);
  clock.stage('scaler');

  const globals = stats.globals[slots.nFolds]!;
  return {
    options: o,
    layout,
    tables,
    genres,
    globals,
    countGlobals: stats.countGlobals,
    nUsers: raw.nUsers,
    movieIds: Int32Array.from(movies.ids.ids),
    userIds: dataset.users === undefined ? null : Int32Array.from(dataset.users.ids),
    content,
    cf,
    fit: { ratings, rowSlice: slots.rowSlice, folds: slots.folds },
    report: {
      protocol: o.protocol,
      trainRows: trainRows.length,
      statisticRows: slots.statRows.length,
      folds: slots.nFolds,
      globalMean: globals.mean,
      contentTerms: content.terms,
      seconds: clock.seconds,
    },
  };
}

interface RawTablesInput {
  readonly options: FitFeaturePipelineOptions;
  readonly o: ResolvedFeatureOptions;
  readonly slots: Slots;
  readonly genres: ReturnType<typeof mapMovieGenres>;
  readonly layout: ReturnType<typeof buildLayout>;
  readonly clock: StageClock;
}

/** The unscaled tables, in stages: statistics, content embeddings, the CF model, row families. */
async function fitRawTables(input: RawTablesInput) {
  const { options, o, slots, genres, layout, clock } = input;
  const { ratings, movies } = options.dataset;
  const { statRows, slotOf, nFolds } = slots;
  const nMovies = movies.movies.length;
  const nUsers = ratings.userOffsets.length - 1;
  const { years, medianYear } = catalogYears(movies);
  const stats = fitStatistics({
    ratings,
    statRows,
    slotOf,
    folds: nFolds,
    genres,
    years,
    medianYear,
    settings: o,
    userCols: layout.userCols,
    movieCols: layout.movieCols,
    onPass: clock.pass,
  });
  clock.stage('statistics');
  const content = fitContent(options.dataset, o);
  clock.stage('content');
  const cf = o.families.cf ? await fitCfFamily(options, o, nFolds, clock) : null;
  const rowBlocks = fitRowBlocks(
    {
      ratings,
      statRows,
      slotOf,
      folds: nFolds,
      nUsers,
      nMovies,
      genres,
      likeThreshold: o.likeThreshold,
      rawContent: content.vectors,
      contentDims: o.contentDims,
      recentFrom: stats.countGlobals.recentFrom,
    },
    layout,
    clock.pass,
  );
  if (rowBlocks.length > 0) clock.stage('row families');
  const raw: RawTables = {
    layout,
    slices: stats.slices,
    nUsers,
    nMovies,
    userRaw: stats.userTable,
    movieRaw: stats.movieTable,
    content: content.vectors,
    genres,
    cf,
    rowBlocks,
  };
  return { stats, content, cf, raw };
}

async function fitCfFamily(
  options: FitFeaturePipelineOptions,
  o: ResolvedFeatureOptions,
  nFolds: number,
  clock: StageClock,
): Promise<MfScorer> {
  const { ratings, movies } = options.dataset;
  clock.pass('cf');
  const cf = await fitCf({
    ratings,
    nMovies: movies.movies.length,
    trainRows: options.trainRows,
    folds: o.folds,
    deck: o.protocol === 'deck',
    options: o.cf,
    seed: deriveSeed(o.seed, 0xcf),
    full: nFolds,
  });
  clock.stage('cf');
  return cf;
}

const WHERE = 'fitFeaturePipeline';

/** Seconds per fit stage: `stage(name)` ends one and reports it done; `pass(name)` reports one started. */
interface StageClock {
  readonly seconds: Record<string, number>;
  stage(name: string): void;
  pass(name: string): void;
}

function stageClock(onProgress: OnProgress | undefined): StageClock {
  const seconds: Record<string, number> = {};
  let clock = performance.now();
  return {
    seconds,
    stage(name) {
      const now = performance.now();
      seconds[name] = (now - clock) / 1000;
      clock = now;
      onProgress?.({ stage: `features: ${name}`, done: 1, total: 1 });
    },
    pass: (name) => onProgress?.({ stage: `features: ${name}`, done: 0, total: 1 }),
  };
}

/** Refuses an empty or unsorted training set, rows naming movies outside the catalog, too few rows for the folds. */
function checkFitInput(options: FitFeaturePipelineOptions, o: ResolvedFeatureOptions): void {
  const { trainRows, dataset } = options;
  const { ratings, movies } = dataset;
  if (trainRows.length === 0) {
    throw new FeatureError(
      'empty-data',
      `${WHERE}: the training set is empty; pass split.train with at least one row`,
    );
  }
  assertSortedRows(WHERE, 'trainRows', trainRows, ratings.length);
  const nMovies = movies.movies.length;
  for (let r = 0; r < ratings.length; r++) {
    if (ratings.movie[r]! >= nMovies) {
      throw new FeatureError(
        'bad-input',
        `${WHERE}: ratings row ${r} refers to movie index ${ratings.movie[r]}, but the catalog has ${nMovies} movies`,
      );
    }
  }
  if (o.protocol !== 'deck' && trainRows.length < o.folds) {
    throw new FeatureError(
      'bad-input',
      `${WHERE}: ${trainRows.length} training rows cannot fill ${o.folds} folds`,
    );
  }
}

/** Which statistics slot each row reads and which rows the statistics are counted from. */
interface Slots {
  /** Fold of each training row (aligned with trainRows). */
  readonly folds: Uint8Array;
  /** Per store row: its fold, or NOT_TRAIN. */
  readonly rowSlice: Uint8Array;
  readonly statRows: Uint32Array;
  readonly slotOf: Uint8Array;
  /** Folds of out-of-fold statistics; slot `nFolds` holds the full ones. */
  readonly nFolds: number;
}

/**
 * Folds: honest training rows get a fold each; under 'deck' every row feeds one slot and the
 * training rows use the (leaky) full statistics like any other row.
 */
function assignSlots(options: FitFeaturePipelineOptions, o: ResolvedFeatureOptions): Slots {
  const { trainRows, foldAssignment } = options;
  const { ratings } = options.dataset;
  const deck = o.protocol === 'deck';
  let folds: Uint8Array;
  if (deck) folds = new Uint8Array(trainRows.length);
  else if (foldAssignment !== undefined) {
    checkFoldAssignment(foldAssignment, trainRows.length, o.folds);
    folds = foldAssignment.slice();
  } else folds = assignFolds(trainRows.length, o.folds, deriveSeed(o.seed, 0xf01d));
  const rowSlice = new Uint8Array(ratings.length).fill(NOT_TRAIN);
  for (let p = 0; p < trainRows.length; p++) rowSlice[trainRows[p]!] = folds[p]!;
  if (!deck) return { folds, rowSlice, statRows: trainRows, slotOf: folds, nFolds: o.folds };
  const statRows = new Uint32Array(ratings.length);
  for (let r = 0; r < statRows.length; r++) statRows[r] = r;
  return { folds, rowSlice, statRows, slotOf: new Uint8Array(ratings.length), nFolds: 0 };
}

function fitContent(dataset: FitFeaturePipelineOptions['dataset'], o: ResolvedFeatureOptions) {
  return buildContentEmbeddings({
    movies: dataset.movies,
    ...(dataset.tags === undefined ? {} : { tags: dataset.tags }),
    ...(dataset.genome === undefined ? {} : { genome: dataset.genome }),
    dims: o.contentDims,
    minDocumentFrequency: o.minDocumentFrequency,
    genomeMinRelevance: o.genomeMinRelevance,
    seed: deriveSeed(o.seed, 0xc0de),
  });
}

/**
 * Fits the scaler on the training rows' features without materialising them: table columns are
 * weighted by how many training rows copy each (slice, user) or (slice, movie) entry, and the
 * per-row columns are computed in one pass over the training rows.
 */
function fitScaler(
  raw: RawTables,
  ratings: RatingsStore,
  trainRows: Uint32Array,
  rowSlice: Uint8Array,
): ScalerParams {
  const { layout, slices, nUsers, nMovies, userRaw, movieRaw, content, cf } = raw;
  const fitter = new ScalerFitter(
    layout.columns.length,
    layout.columns.map((c) => c.scaled),
  );
  const userWeight = new Uint32Array(slices * nUsers);
  const movieWeight = new Uint32Array(slices * nMovies);
  const contentWeight = new Uint32Array(nMovies);
  const movieYear = new Float32Array(nMovies);
  const fullMovies = (slices - 1) * nMovies * layout.movieCols;
  for (let m = 0; m < nMovies; m++) movieYear[m] = movieRaw[fullMovies + m * layout.movieCols + M.year]!;
  const yearOfDay = yearOfDayTable();
  const { start: genreStart, index: genreIndex } = raw.genres;
  const { user, movie, timestamp } = ratings;
  const { ageAt, affinityAt, cfAt, userCols } = layout;
  const userStride = nUsers * userCols;
  const age = new RunningMoments();
  const affinity = new RunningMoments();
  const cfScore = new RunningMoments();
  const rowMoments = raw.rowBlocks.map((b) => Array.from({ length: b.width }, () => new RunningMoments()));
  const scratch = new Float64Array(raw.rowBlocks.reduce((w, b) => Math.max(w, b.width), 0));
  // One pass over the training rows: count the table entries they copy and feed the per-row values.
  for (let p = 0; p < trainRows.length; p++) {
    const r = trainRows[p]!;
    const s = rowSlice[r]!;
    const u = user[r]!;
    const m = movie[r]!;
    userWeight[s * nUsers + u]!++;
    movieWeight[s * nMovies + m]!++;
    contentWeight[m]!++;
    if (ageAt >= 0) age.add(ageAtRating(yearOfDay, movieYear, m, timestamp[r]!));
    if (affinityAt >= 0)
      affinity.add(genreAffinity(userRaw, s * userStride + u * userCols, genreStart, genreIndex, m));
    if (cfAt >= 0 && cf !== null) cfScore.add(cf.score(u, m, s, r));
    addRowMoments(raw.rowBlocks, rowMoments, scratch, u, m, s, timestamp[r]!);
  }
  raw.rowBlocks.forEach((b, k) => {
    for (let j = 0; j < b.width; j++) fitter.setMoments(b.at + j, rowMoments[k]![j]!);
  });
  if (ageAt >= 0) fitter.setMoments(ageAt, age);
  if (affinityAt >= 0) fitter.setMoments(affinityAt, affinity);
  if (cfAt >= 0) fitter.setMoments(cfAt, cfScore);
  if (layout.userAt >= 0) fitter.fitTable(userRaw, userCols, 0, userCols, userWeight, layout.userAt);
  if (layout.movieAt >= 0)
    fitter.fitTable(movieRaw, layout.movieCols, 0, layout.movieCols, movieWeight, layout.movieAt);
  if (layout.contentAt >= 0) {
    fitter.fitTable(content, layout.contentDims, 0, layout.contentDims, contentWeight, layout.contentAt);
  }
  return fitter.result();
}

function addRowMoments(
  blocks: readonly RowBlock[],
  moments: readonly (readonly RunningMoments[])[],
  scratch: Float64Array,
  u: number,
  m: number,
  s: number,
  t: number,
): void {
  for (let k = 0; k < blocks.length; k++) {
    const block = blocks[k]!;
    block.family.write(scratch, 0, u, m, s, t);
    const target = moments[k]!;
    for (let j = 0; j < block.width; j++) target[j]!.add(scratch[j]!);
  }
}

/** Release year per movie (NaN when unknown) and the median of the known ones, the imputed year. */
function catalogYears(movies: Catalog): { years: Float64Array; medianYear: number } {
  const years = new Float64Array(movies.movies.length);
  const known: number[] = [];
  movies.movies.forEach((movie, m) => {
    years[m] = movie.year ?? Number.NaN;
    if (movie.year !== null) known.push(movie.year);
  });
  known.sort((a, b) => a - b);
  const half = known.length >> 1;
  if (known.length === 0) return { years, medianYear: 0 };
  return { years, medianYear: known.length % 2 ? known[half]! : (known[half - 1]! + known[half]!) / 2 };
}
