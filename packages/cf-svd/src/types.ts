/** Progress of long work. Structurally identical to `@reco/data`'s `Progress`, so callers share one bar. */
export interface CfProgress {
  readonly stage: string;
  readonly done: number;
  readonly total: number;
  readonly unit?: string;
}
export type OnCfProgress = (progress: CfProgress) => void;

/**
 * Ratings in columnar form, as `@reco/data`'s `RatingsStore` holds them (pass `store.movie` as
 * `item`). `rows` selects the rows to use (e.g. `split.train`) without copying; default all rows.
 */
export interface RatingsInput {
  /** Dense user index per row, in 0..nUsers-1. */
  readonly user: Uint32Array;
  /** Dense item (movie) index per row, in 0..nItems-1. */
  readonly item: Uint32Array;
  readonly rating: Float32Array;
  /** Row indices to train on; default every row. */
  readonly rows?: Uint32Array;
  readonly nUsers: number;
  readonly nItems: number;
}

/** Inclusive bounds of the rating scale; predictions are clipped to it. */
export interface RatingScale {
  readonly min: number;
  readonly max: number;
}
