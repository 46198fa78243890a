import { checkInteger, checkNumber } from './errors';
import { type InteractionMatrix, itemDegrees, transposeInteractions } from './interactions';
import { type ItemWeights, ItemWeightsBuilder } from './item-weights';

export interface ItemKnnOptions {
  /** Neighbours kept per item. Default 100. */
  readonly k?: number;
  /** Shrinkage h in the cosine's denominator; damps similarities built on few co-raters. Default 10. */
  readonly shrink?: number;
}

export interface ItemKnnModel extends ItemWeights {
  readonly kind: 'item-knn';
  /** The interaction rule of the training matrix, replayed on fold-in. */
  readonly likeThreshold: number | null;
  readonly k: number;
  readonly shrink: number;
}

/**
 * Item-kNN with the shrunk cosine (Dacrema et al. 2019): for binary interaction columns x_i,
 *   sim(i, j) = (x_i · x_j) / (‖x_i‖ ‖x_j‖ + shrink),
 * each item keeping its k most similar items. A user's score for j is Σ_{i ∈ items(u)} sim(i, j)
 * over the items whose neighbour lists hold j. Cost O(Σ_u |items(u)|²) time, O(nItems x k) memory.
 */
export function fitItemKnn(matrix: InteractionMatrix, options: ItemKnnOptions = {}): ItemKnnModel {
  const { k = 100, shrink = 10 } = options;
  checkInteger(k, 'k', 1);
  checkNumber(shrink, 'shrink', 0);
  const { nItems, offsets, items } = matrix;
  const byItem = transposeInteractions(matrix);
  const norm = new Float64Array(nItems);
  const degrees = itemDegrees(matrix);
  for (let i = 0; i < nItems; i++) norm[i] = Math.sqrt(degrees[i]!);
  const builder = new ItemWeightsBuilder(nItems, Math.min(k, Math.max(1, nItems - 1)));
  const scale = new Float64Array(nItems);
  for (let i = 0; i < nItems; i++) {
    // Co-occurrence counts of i with every item, through the users of i.
    for (let t = byItem.offsets[i]!; t < byItem.offsets[i + 1]!; t++) {
      const u = byItem.users[t]!;
      for (let j = offsets[u]!; j < offsets[u + 1]!; j++) builder.add(items[j]!, 1);
    }
    for (let t = 0; t < builder.touchedCount; t++) {
      const j = builder.touched[t]!;
      scale[j] = 1 / (norm[i]! * norm[j]! + shrink);
    }
    builder.harvest(i, scale);
  }
  return { kind: 'item-knn', likeThreshold: matrix.likeThreshold, k, shrink, ...builder.finish() };
}
