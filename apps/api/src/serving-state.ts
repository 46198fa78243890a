import type { RecommendationItem, Recommendations, Recommender } from '@reco/serving';
import { LruCache } from './lru-cache';
import type { LoadRecommender } from './options';

/** What the routes use: a model and the cache of its answers, always swapped together. */
export interface Served {
  readonly recommender: Recommender;
  /** Answers of this model only: unfiltered recommendations by user, and similar lists by movie. */
  readonly cache: {
    readonly recommendations: LruCache<string, Recommendations>;
    readonly similar: LruCache<string, readonly RecommendationItem[]>;
  };
  readonly loadedAt: Date;
  /** 1 for the model loaded at start, +1 per successful reload. */
  readonly generation: number;
}

export interface ServingState {
  /** The model serving right now. Read it once per request and use it synchronously. */
  readonly current: Served;
  readonly artifactsDir: string;
  /** True while a reload is loading the new bundle. */
  readonly reloading: boolean;
  /**
   * Loads the bundle again beside the serving one and swaps on success. On failure the old model
   * keeps serving and the error is rethrown. Rejects with `ReloadInProgressError` if a reload is
   * already running.
   */
  reload(): Promise<Served>;
  /** Frees the serving model; the state must not be used afterwards. */
  dispose(): void;
}

export class ReloadInProgressError extends Error {
  override readonly name = 'ReloadInProgressError';
  constructor() {
    super('a reload is already in progress; retry when it has finished');
  }
}

/** Loads the bundle at `artifactsDir` (throwing on bad artifacts) and returns the state serving it. */
export async function createServingState(options: {
  readonly artifactsDir: string;
  readonly loadRecommender: LoadRecommender;
  readonly cacheSize: number;
}): Promise<ServingState> {
  const { artifactsDir, loadRecommender, cacheSize } = options;
  const serve = (recommender: Recommender, generation: number): Served => ({
    recommender,
    cache: { recommendations: new LruCache(cacheSize), similar: new LruCache(cacheSize) },
    loadedAt: new Date(),
    generation,
  });

  let current = serve(await loadRecommender(artifactsDir), 1);
  // Before the server reports ready, so the first people asking do not pay for lazy indexes and
  // cold code (on the 100k bundle the first list took 170 ms cold, under 10 ms warm).
  current.recommender.warmUp();
  let reloading: Promise<Served> | null = null;

  return {
    get current() {
      return current;
    },
    artifactsDir,
    get reloading() {
      return reloading !== null;
    },
    reload() {
      if (reloading !== null) return Promise.reject(new ReloadInProgressError());
      reloading = (async () => {
        try {
          const next = serve(await loadRecommender(artifactsDir), current.generation + 1);
          const previous = current;
          // One assignment swaps model and cache together. Every `Recommender` method is
          // synchronous and handlers read `current` once, so no request can still be inside the
          // old model once this runs: freeing it right away is safe.
          current = next;
          previous.recommender.dispose();
          return next;
        } finally {
          reloading = null;
        }
      })();
      return reloading;
    },
    dispose() {
      current.recommender.dispose();
    },
  };
}
