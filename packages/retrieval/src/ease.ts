import { checkInteger, checkNumber, RetrievalError } from './errors';
import { type InteractionMatrix, itemDegrees } from './interactions';
import { invertSpdInPlace } from './internal/invert';

/**
 * Default item cap of EASE. The Gram inverse is a dense m x m float64 matrix (8 m² bytes) and
 * costs m³ multiply-adds. Measured on this project's shared 2-core machine (bench/ease-cap.bench.ts;
 * figures in the README, "EASE item cap"): m = 1,000 fits in 5 s, 2,000 in 45 s and 3,000 in
 * 136 s at a load average of 4, so 2,000 (48 MB while fitting) is the largest cap that keeps a fit
 * under a minute there. On ml-latest-small the most-rated 2,000 of 9,724 rated items carry 78% of
 * the ratings (1,000: 61%, 3,000: 86%).
 */
export const EASE_DEFAULT_MAX_ITEMS = 2000;

export interface EaseOptions {
  /** L2 penalty λ on B (added to the Gram diagonal). Default 200. */
  readonly lambda?: number;
  /** Item cap: only the `maxItems` most-rated items are modelled. Default {@link EASE_DEFAULT_MAX_ITEMS}. */
  readonly maxItems?: number;
  /**
   * What to do when more items have interactions than `maxItems`: `'truncate'` (default) keeps the
   * most-rated ones and records it in `model.note`; `'error'` throws `item-cap-exceeded`.
   */
  readonly overCap?: 'truncate' | 'error';
}

export interface EaseModel {
  readonly kind: 'ease';
  /** The interaction rule of the training matrix, replayed on fold-in. */
  readonly likeThreshold: number | null;
  readonly nItems: number;
  readonly lambda: number;
  /** Modelled items, ascending (catalogue indices); every other item scores NaN (never ranked). */
  readonly kept: Uint32Array;
  /** B over the kept items, m x m row-major float32, zero diagonal. */
  readonly weights: Float32Array;
  /** Set when the cap dropped items: says how many, and which option raises the cap. */
  readonly note: string | null;
}

/**
 * EASE^R (Steck 2019): the closed-form item-item model
 *   P = (XᵀX + λI)⁻¹,  B = I − P · diag(1 / diag(P))   (so B_ij = −P_ij / P_jj, B_jj = 0),
 * over the most-rated `maxItems` items. A user's score for j is Σ_{i ∈ items(u)} B_ij, which is
 * also the fold-in for a new user. Memory: 8 m² bytes while fitting, 4 m² bytes for the model.
 */
export function fitEase(matrix: InteractionMatrix, options: EaseOptions = {}): EaseModel {
  const { lambda = 200, maxItems = EASE_DEFAULT_MAX_ITEMS, overCap = 'truncate' } = options;
  checkNumber(lambda, 'lambda', Number.MIN_VALUE);
  checkInteger(maxItems, 'maxItems', 1);
  const { kept, active } = selectItems(matrix, maxItems);
  let note: string | null = null;
  if (active > kept.length) {
    const message = `EASE models at most maxItems = ${maxItems} items, but ${active} items have interactions; raise the cap with the maxItems option (it needs about ${gigabytes(active)} GB while fitting) or accept the most-rated ${maxItems}`;
    if (overCap === 'error') throw new RetrievalError('item-cap-exceeded', message, { field: 'maxItems' });
    note = `kept the ${kept.length} most-rated of ${active} items (option maxItems); the other ${active - kept.length} are never recommended`;
  }
  const m = kept.length;
  const gram = gramMatrix(matrix, kept);
  for (let d = 0; d < m; d++) gram[d * m + d]! += lambda;
  if (!invertSpdInPlace(gram, m)) {
    throw new RetrievalError('invalid-option', `EASE's Gram matrix is not positive definite; raise lambda`, {
      field: 'lambda',
    });
  }
  const weights = new Float32Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) weights[i * m + j] = i === j ? 0 : -gram[i * m + j]! / gram[j * m + j]!;
  }
  return {
    kind: 'ease',
    likeThreshold: matrix.likeThreshold,
    nItems: matrix.nItems,
    lambda,
    kept,
    weights,
    note,
  };
}

/** The most-rated `maxItems` items with at least one interaction (ties to the lower index), ascending. */
function selectItems(matrix: InteractionMatrix, maxItems: number): { kept: Uint32Array; active: number } {
  const degrees = itemDegrees(matrix);
  const active: number[] = [];
  for (let i = 0; i < degrees.length; i++) if (degrees[i]! > 0) active.push(i);
  if (active.length <= maxItems) return { kept: Uint32Array.from(active), active: active.length };
  active.sort((a, b) => degrees[b]! - degrees[a]! || a - b);
  return { kept: Uint32Array.from(active.slice(0, maxItems)).sort(), active: active.length };
}

/** XᵀX over the kept items, dense float64: each user adds 1 for every pair of their kept items. */
function gramMatrix(matrix: InteractionMatrix, kept: Uint32Array): Float64Array {
  const m = kept.length;
  const slot = new Int32Array(matrix.nItems).fill(-1);
  for (let s = 0; s < m; s++) slot[kept[s]!] = s;
  const gram = new Float64Array(m * m);
  const local = new Int32Array(matrix.nItems);
  for (let u = 0; u < matrix.nUsers; u++) {
    let count = 0;
    for (let j = matrix.offsets[u]!; j < matrix.offsets[u + 1]!; j++) {
      const s = slot[matrix.items[j]!]!;
      if (s >= 0) local[count++] = s;
    }
    for (let a = 0; a < count; a++) {
      const row = local[a]! * m;
      for (let b = 0; b < count; b++) gram[row + local[b]!]!++;
    }
  }
  return gram;
}

/** s_j = Σ_{i ∈ items, kept} B_ij for kept j, NaN for the rest, into `out`. */
export function scoreEase(model: EaseModel, items: ArrayLike<number>, out: Float32Array): void {
  const { kept, weights } = model;
  const m = kept.length;
  out.fill(Number.NaN);
  const sums = new Float64Array(m);
  for (let t = 0; t < items.length; t++) {
    const s = indexOfSorted(kept, items[t]!);
    if (s < 0) continue;
    const row = s * m;
    for (let j = 0; j < m; j++) sums[j]! += weights[row + j]!;
  }
  for (let j = 0; j < m; j++) out[kept[j]!] = sums[j]!;
}

function indexOfSorted(values: Uint32Array, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low < values.length && values[low] === value ? low : -1;
}

function gigabytes(items: number): string {
  return ((8 * items * items) / 1e9).toFixed(1);
}
