import { checkInteger, checkNumber } from './errors';
import { type InteractionMatrix, itemDegrees, transposeInteractions } from './interactions';
import { type ItemWeights, ItemWeightsBuilder } from './item-weights';

export interface Rp3betaOptions {
  /** Exponent on the random-walk transition probabilities. Default 1 (plain P3). */
  readonly alpha?: number;
  /** Popularity penalty: W[i, j] is divided by deg(j)^beta. Default 0.5. */
  readonly beta?: number;
  /** Neighbours kept per item. Default 100. */
  readonly k?: number;
}

export interface Rp3betaModel extends ItemWeights {
  readonly kind: 'rp3beta';
  /** The interaction rule of the training matrix, replayed on fold-in. */
  readonly likeThreshold: number | null;
  readonly alpha: number;
  readonly beta: number;
  readonly k: number;
}

/**
 * RP3beta (Paudel et al. 2017; a strong baseline in Dacrema et al. 2019): the three-step random
 * walk item -> user -> item on the bipartite graph, with transition probabilities raised to alpha
 * and the destination divided by its popularity to the beta:
 *   W[i, j] = (Σ_u (1/deg(i))^α (1/deg(u))^α [u rated i and j]) / deg(j)^β,
 * each item keeping its k largest weights. Scores are Σ_{i ∈ items(u)} W[i, j].
 */
export function fitRp3beta(matrix: InteractionMatrix, options: Rp3betaOptions = {}): Rp3betaModel {
  const { alpha = 1, beta = 0.5, k = 100 } = options;
  checkNumber(alpha, 'alpha', 0);
  checkNumber(beta, 'beta', 0);
  checkInteger(k, 'k', 1);
  const { nUsers, nItems, offsets, items } = matrix;
  const byItem = transposeInteractions(matrix);
  const degrees = itemDegrees(matrix);
  const userStep = new Float64Array(nUsers);
  for (let u = 0; u < nUsers; u++) {
    const d = offsets[u + 1]! - offsets[u]!;
    userStep[u] = d === 0 ? 0 : (1 / d) ** alpha;
  }
  const popularityPenalty = new Float64Array(nItems);
  for (let j = 0; j < nItems; j++) popularityPenalty[j] = degrees[j] === 0 ? 0 : 1 / degrees[j]! ** beta;
  const builder = new ItemWeightsBuilder(nItems, Math.min(k, Math.max(1, nItems - 1)));
  for (let i = 0; i < nItems; i++) {
    if (degrees[i] === 0) {
      builder.harvest(i);
      continue;
    }
    const itemStep = (1 / degrees[i]!) ** alpha;
    for (let t = byItem.offsets[i]!; t < byItem.offsets[i + 1]!; t++) {
      const u = byItem.users[t]!;
      const w = itemStep * userStep[u]!;
      for (let j = offsets[u]!; j < offsets[u + 1]!; j++) builder.add(items[j]!, w);
    }
    builder.harvest(i, popularityPenalty);
  }
  return { kind: 'rp3beta', likeThreshold: matrix.likeThreshold, alpha, beta, k, ...builder.finish() };
}
