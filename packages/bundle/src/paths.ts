/** Where each part of a study lives inside the bundle (relative POSIX paths). */
export const BUNDLE_PATHS = {
  pipeline: 'features/pipeline.json',
  catalog: 'data/catalog.json',
  /** Most-applied user tags per movie (display only); bundles before 2026-12 lack it. */
  movieTags: 'data/movie-tags.json',
  ratings: 'data/ratings.bin',
  ratingsHeader: 'data/ratings.json',
  split: 'split/rows.bin',
  splitHeader: 'split/rows.json',
  predictions: 'predictions/scores.bin',
  predictionsHeader: 'predictions/scores.json',
  mf: 'cf/mf.bin',
  mfHeader: 'cf/mf.json',
  als: 'cf/als.bin',
  alsHeader: 'cf/als.json',
  comparisonJson: 'metrics/comparison.json',
  comparisonMarkdown: 'metrics/comparison.md',
  comparisonCsv: 'metrics/comparison.csv',
  cfComparison: 'metrics/cf.json',
  rankingJson: 'metrics/ranking.json',
  rankingMarkdown: 'metrics/ranking.md',
  top10: 'recommendations/top10.csv',
} as const;

/** The web page's report files, written by `reco train` (older bundles may lack them). */
export const REPORT_PATHS = {
  datasetSummary: 'reports/dataset-summary.json',
  modelReport: 'reports/model-report.json',
} as const;

/** `models/<model>-<variant>.json`: XGBoost's JSON model format, or the versioned logistic format. */
export function modelPath(model: string, variant: string): string {
  return `models/${model}-${variant}.json`;
}

/** The column name of one variant's saved probabilities in `predictions/scores.bin`. */
export function predictionKey(model: string, variant: string, split: 'val' | 'test'): string {
  return `${model}-${variant}/${split}`;
}

/**
 * `retrieval/<kind>.json` (the `@reco/retrieval` header) and `retrieval/<kind>.bin` (its typed
 * arrays): a retrieval model the bundle serves as the strategy of that kind (bundle v2, optional).
 */
export function retrieverPaths(kind: string): { readonly header: string; readonly data: string } {
  return { header: `retrieval/${kind}.json`, data: `retrieval/${kind}.bin` };
}
