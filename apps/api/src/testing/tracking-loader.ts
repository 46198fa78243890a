import { loadRecommender, type Recommender } from '@reco/serving';

export interface LoadedModel {
  /** Calls made into this model. */
  calls: number;
  /** `warmUp()` calls (not counted in `calls`). */
  warmUps: number;
  disposed: boolean;
}

/**
 * The real `loadRecommender`, instrumented for reload tests: it records every model it loads,
 * counts the calls into each, fails any call into a disposed model (so a request served by a
 * freed model cannot pass unnoticed), and can hold loads at a gate to widen the reload window.
 */
export function trackingLoader() {
  const loaded: LoadedModel[] = [];
  let gate: Promise<void> = Promise.resolve();

  const load = async (dir: string): Promise<Recommender> => {
    await gate;
    const real = await loadRecommender(dir);
    const model: LoadedModel = { calls: 0, warmUps: 0, disposed: false };
    loaded.push(model);
    const use = <T>(call: () => T): T => {
      if (model.disposed) throw new Error('a request used a disposed model');
      model.calls++;
      return call();
    };
    return {
      recommend: (userId, options) => use(() => real.recommend(userId, options)),
      recommendMany: (userIds, options) => use(() => real.recommendMany(userIds, options)),
      recommendForRatings: (ratings, options) => use(() => real.recommendForRatings(ratings, options)),
      similar: (movieId, options) => use(() => real.similar(movieId, options)),
      predict: (userId, movieIds) => use(() => real.predict(userId, movieIds)),
      searchMovies: (query, options) => use(() => real.searchMovies(query, options)),
      movie: (movieId) => use(() => real.movie(movieId)),
      userHistory: (userId, options) => use(() => real.userHistory(userId, options)),
      warmUp() {
        if (model.disposed) throw new Error('a disposed model was warmed up');
        model.warmUps++;
        real.warmUp();
      },
      get info() {
        return real.info;
      },
      get serving() {
        return real.serving;
      },
      dispose() {
        model.disposed = true;
        real.dispose();
      },
    };
  };

  /** Holds every later load until the returned function is called. */
  const hold = (): (() => void) => {
    let release = () => {};
    gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    return release;
  };

  return { load, loaded, hold };
}
