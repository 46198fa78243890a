import { calibrateThresholds } from './calibrate';
import { buildCatalog } from './catalog';
import { buildLatent, NOISE } from './latent';
import type { SynthParams } from './params';
import { UserSimulator } from './user-simulator';

/**
 * The generator's own answer to "which unrated movies will this user rate and like?", rebuilt from
 * a dataset's `synth.json` parameters: the ceiling a top-N model can reach on synthetic data.
 */
export interface SynthOracle {
  /** Movie ids in the generator's dense order (ascending movieId). */
  readonly movieIds: Int32Array;
  /**
   * For user `userId` (1-based, as in ratings.csv), writes into `out` (one entry per movie of
   * `movieIds`) a score proportional to P(rates m) x P(rating >= likeThreshold | rates m).
   */
  scoreUser(userId: number, out: Float64Array): void;
}

/** Rebuilds the hidden truth of a dataset written by `generateMovieLens` with `params`. */
export function createSynthOracle(params: SynthParams, likeThreshold = 3.5): SynthOracle {
  const { seed } = params;
  const catalog = buildCatalog(params, seed);
  const latent = buildLatent(params, catalog, seed);
  const simulator = new UserSimulator(catalog, latent, seed);
  const thresholds = calibrateThresholds(simulator, latent.activity, params.ratings);
  // Ratings are 0.5 x (1 + the number of thresholds below the score).
  const level = Math.min(thresholds.length, Math.max(0, Math.round(likeThreshold / 0.5) - 1));
  const cut = level === 0 ? Number.NEGATIVE_INFINITY : thresholds[level - 1]!;
  return {
    movieIds: catalog.movieId,
    scoreUser(userId, out) {
      const u = userId - 1;
      const bias = latent.userBias[u]!;
      // Users rate movies released before their last session (later ones only once those run out).
      simulator.planSessions(u, latent.activity[u]!);
      const lastStart = simulator.sessionStart[simulator.sessionCount - 1]!;
      for (let m = 0; m < catalog.size; m++) {
        const taste = simulator.taste(u, m);
        const mean = bias + latent.movieBias[m]! + taste;
        const era = catalog.release[m]! <= lastStart ? 1 : 1e-3;
        out[m] =
          era * catalog.popularity[m]! * simulator.selectionWeight(u, m) * upperTail((cut - mean) / NOISE);
      }
    },
  };
}

/** P(Z > x) for a standard normal Z (Abramowitz-Stegun 7.1.26 through erfc; error < 1.5e-7). */
function upperTail(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erfc = poly * Math.exp(-z * z);
  return x >= 0 ? erfc / 2 : 1 - erfc / 2;
}
