import type { Catalog, RatingsStore } from '@reco/data';
import { fitCf, type MfScorer } from './cf';
import { buildContentEmbeddings } from './content';
import { FeatureError } from './errors';
import { assignFolds, checkFoldAssignment, deriveSeed } from './folds';
import { mapMovieGenres } from './genres';
import { ageAtRating, genreAffinity, NOT_TRAIN, type RowBlock } from './kernel';
import { buildLayout, M } from './layout';
import { resolveOptions } from './options';
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
  const where = 'fitFeaturePipeline';
  const seconds: Record<string, number> = {};
  let clock = performance.now();
  const stage = (name: string) => {
    const now = performance.now();
    seconds[name] = (now - clock) / 1000;
    clock = now;
    onProgress?.({ stage: `features: ${name}`, done: 1, total: 1 });
  };

  if (trainRows.length === 0) {
    throw new FeatureError(
      'empty-data',
      `${where}: the training set is empty; pass split.train with at least one row`,
    );
  }
  assertSortedRows(where, 'trainRows', trainRows, ratings.length);
  const nMovies = movies.movies.length;
  const nUsers = ratings.userOffsets.length - 1;
  for (let r = 0; r < ratings.length; r++) {
    if (ratings.movie[r]! >= nMovies) {
      throw new FeatureError(
        'bad-input',
        `${where}: ratings row ${r} refers to movie index ${ratings.movie[r]}, but the catalog has ${nMovies} movies`,
      );
    }
  }
  const deck = o.protocol === 'deck';
  if (!deck && trainRows.length < o.folds) {
    throw new FeatureError(
      'bad-input',
      `${where}: ${trainRows.length} training rows cannot fill ${o.folds} folds`,
    );
  }
  if (deck) (options.logger ?? console).warn(DECK_WARNING);

  const genres = mapMovieGenres(movies);
  if (genres.names.length > 32) {
    throw new FeatureError(
      'bad-input',
      `${where}: the catalog has ${genres.names.length} genres; at most 32 are supported`,
    );
  }
  const { years, medianYear } = catalogYears(movies);

  // Folds: honest training rows get a fold each; under 'deck' every row feeds one slot and the
  // training rows use the (leaky) full statistics like any other row.
  let folds: Uint8Array;
  if (deck) folds = new Uint8Array(trainRows.length);
  else if (options.foldAssignment !== undefined) {
    checkFoldAssignment(options.foldAssignment, trainRows.length, o.folds);
    folds = options.foldAssignment.slice();
  } else folds = assignFolds(trainRows.length, o.folds, deriveSeed(o.seed, 0xf01d));
  const rowSlice = new Uint8Array(ratings.length).fill(NOT_TRAIN);
  for (let p = 0; p < trainRows.length; p++) rowSlice[trainRows[p]!] = folds[p]!;
  let statRows = trainRows;
  let slotOf = folds;
  if (deck) {
    statRows = new Uint32Array(ratings.length);
    for (let r = 0; r < statRows.length; r++) statRows[r] = r;
    slotOf = new Uint8Array(ratings.length);
  }
  const nFolds = deck ? 0 : o.folds;
  stage('folds');

  const layout = buildLayout(genres.names, o.families, o.contentDims);
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
    onPass: (name) => onProgress?.({ stage: `features: ${name}`, done: 0, total: 1 }),
  });
  stage('statistics');

  const content = buildContentEmbeddings({
    movies,
    ...(dataset.tags === undefined ? {} : { tags: dataset.tags }),
    ...(dataset.genome === undefined ? {} : { genome: dataset.genome }),
    dims: o.contentDims,
    minDocumentFrequency: o.minDocumentFrequency,
    genomeMinRelevance: o.genomeMinRelevance,
    seed: deriveSeed(o.seed, 0xc0de),
  });
  stage('content');

  let cf: MfScorer | null = null;
  if (o.families.cf) {
    onProgress?.({ stage: 'features: cf', done: 0, total: 1 });
    cf = await fitCf({
      ratings,
      nMovies,
      trainRows,
      folds: o.folds,
      deck,
      options: o.cf,
      seed: deriveSeed(o.seed, 0xcf),
      full: nFolds,
    });
    stage('cf');
  }

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
    (name) => onProgress?.({ stage: `features: ${name}`, done: 0, total: 1 }),
  );
  if (rowBlocks.length > 0) stage('row families');

  const full = nFolds;
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
  const scaler = o.scale
    ? fitScaler(raw, ratings, trainRows, rowSlice)
    : identityScaler(layout.columns.length);
  const tables = buildTables(raw, scaler);
  stage('scaler');

  return {
    options: o,
    layout,
    tables,
    genres,
    globals: stats.globals[full]!,
    countGlobals: stats.countGlobals,
    nUsers,
    movieIds: Int32Array.from(movies.ids.ids),
    userIds: dataset.users === undefined ? null : Int32Array.from(dataset.users.ids),
    content,
    cf,
    fit: { ratings, rowSlice, folds },
    report: {
      protocol: o.protocol,
      trainRows: trainRows.length,
      statisticRows: statRows.length,
      folds: nFolds,
      globalMean: stats.globals[full]!.mean,
      contentTerms: content.terms,
      seconds,
    },
  };
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
