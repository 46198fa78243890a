import type { Dataset, ReleaseLayout } from './types';

/** The overview `reco info` prints: plain, JSON-ready numbers. */
export interface DatasetSummary {
  readonly source: string;
  readonly layout: ReleaseLayout;
  readonly users: number;
  /** Movies in the catalog. */
  readonly movies: number;
  /** Movies with at least one rating. */
  readonly ratedMovies: number;
  readonly ratings: number;
  /** Mean rating; null without ratings. */
  readonly meanRating: number | null;
  /** Count per rating value, ascending; every value of the scale is listed, even at 0. */
  readonly histogram: readonly { readonly rating: number; readonly count: number }[];
  /** First and last rating time (ISO 8601, UTC); null without ratings. */
  readonly dateRange: { readonly from: string; readonly to: string } | null;
  /** Share of the users x movies matrix without a rating: 1 - ratings / (users * movies). */
  readonly sparsity: number;
  /** Tag applications; null when no tags were loaded. */
  readonly tags: number | null;
  /** Distinct tag strings; null when no tags were loaded. */
  readonly distinctTags: number | null;
  /** Tag genome size; null when no genome was loaded. */
  readonly genome: { readonly movies: number; readonly tags: number } | null;
}

/**
 * Summarises a dataset in one pass over the ratings.
 *
 * Histogram bins are half stars (every MovieLens rating is a whole or half star); any other value
 * gets a bin of its own, so nothing is hidden.
 */
export function describeDataset(dataset: Dataset): DatasetSummary {
  const { ratings, users, movies } = dataset;
  const n = ratings.length;
  const halfStars = new Float64Array(11);
  const others = new Map<number, number>();
  const rated = new Uint8Array(movies.ids.size);
  let sum = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const r = ratings.rating[i]!;
    sum += r;
    const h = r * 2;
    if (h === Math.floor(h) && h >= 0 && h <= 10) halfStars[h]!++;
    else others.set(r, (others.get(r) ?? 0) + 1);
    rated[ratings.movie[i]!] = 1;
    const t = ratings.timestamp[i]!;
    if (t < first) first = t;
    if (t > last) last = t;
  }

  const counts = new Map(others);
  const { min, max, step } = dataset.report.ratingScale;
  for (let v = min; v <= max + 1e-9; v += step) counts.set(Math.round(v * 2) / 2, 0);
  halfStars.forEach((count, h) => {
    if (count > 0 || counts.has(h / 2)) counts.set(h / 2, count);
  });
  let ratedMovies = 0;
  for (let m = 0; m < rated.length; m++) ratedMovies += rated[m]!;
  const cells = users.size * movies.ids.size;

  return {
    source: dataset.source,
    layout: dataset.layout,
    users: users.size,
    movies: movies.ids.size,
    ratedMovies,
    ratings: n,
    meanRating: n > 0 ? sum / n : null,
    histogram: [...counts].sort((a, b) => a[0] - b[0]).map(([rating, count]) => ({ rating, count })),
    dateRange:
      n > 0 ? { from: new Date(first * 1000).toISOString(), to: new Date(last * 1000).toISOString() } : null,
    sparsity: cells > 0 ? 1 - n / cells : 1,
    tags: dataset.tags?.length ?? null,
    distinctTags: dataset.tags?.vocabulary.length ?? null,
    genome: dataset.genome ? { movies: dataset.genome.movie.length, tags: dataset.genome.tags.length } : null,
  };
}
