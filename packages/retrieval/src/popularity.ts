import { type InteractionMatrix, itemDegrees } from './interactions';

/** Most popular first: every user gets the same scores, the item's interaction count. */
export interface PopularityModel {
  readonly kind: 'popularity';
  readonly likeThreshold: number | null;
  readonly nItems: number;
  /** Interactions per item in the training matrix. */
  readonly counts: Float32Array;
}

/** The popularity baseline: score(u, i) = number of training interactions of i. */
export function fitPopularity(matrix: InteractionMatrix): PopularityModel {
  return {
    kind: 'popularity',
    likeThreshold: matrix.likeThreshold,
    nItems: matrix.nItems,
    counts: Float32Array.from(itemDegrees(matrix)),
  };
}
