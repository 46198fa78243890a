import { CfError } from './errors';
import { allocateArena, paddedFactors } from './simd/arena';
import { kernelsFor } from './simd/kernels';

/**
 * Scores users against every item with the f32x4 `scoreBlock` kernel: the item factors are copied
 * once into WebAssembly memory (rows padded to whole lanes), then each call scores up to
 * `blockUsers` users, four at a time per pass over the items. Results are views into that memory,
 * valid until the next call: copy what you keep.
 */
export interface BlockScorer {
  readonly nItems: number;
  readonly factors: number;
  /** Users one call can score. */
  readonly blockUsers: number;
  /**
   * Scores of `nUsers` users, their vectors row after row in `userFactors` (nUsers x factors):
   * row u of the result (nItems floats) holds x_u·y_i for every item i.
   */
  score(userFactors: Float32Array, nUsers: number): Float32Array;
}

/** Default block: 64 users x 64 factors is 16 KiB of user rows, which stay in L1 while items stream past. */
export const DEFAULT_BLOCK_USERS = 64;

export function createBlockScorer(
  itemFactors: Float32Array,
  factors: number,
  blockUsers: number = DEFAULT_BLOCK_USERS,
): BlockScorer {
  const nItems = itemFactors.length / factors;
  const stride = paddedFactors(factors);
  const { memory, views } = allocateArena('createBlockScorer', {
    y: { type: 'f32', length: nItems * stride },
    x: { type: 'f32', length: blockUsers * stride },
    out: { type: 'f32', length: blockUsers * nItems },
  });
  copyRows(itemFactors, views.y, nItems, factors, stride);
  const kernels = kernelsFor(memory);
  return {
    nItems,
    factors,
    blockUsers,
    score(userFactors, nUsers) {
      if (!(nUsers >= 0 && nUsers <= blockUsers) || userFactors.length < nUsers * factors) {
        throw new CfError(
          'invalid-input',
          `BlockScorer.score: ${nUsers} users of ${factors} factors do not fit a block of ${blockUsers} (userFactors has ${userFactors.length} floats)`,
          { field: 'nUsers' },
        );
      }
      copyRows(userFactors, views.x, nUsers, factors, stride);
      kernels.scoreBlock(
        views.out.byteOffset,
        views.x.byteOffset,
        nUsers,
        views.y.byteOffset,
        nItems,
        stride * 4,
      );
      return views.out.subarray(0, nUsers * nItems);
    },
  };
}

/** Rows of `factors` floats into rows of `stride` (the padding lanes stay zero). */
export function copyRows(
  source: Float32Array,
  target: Float32Array,
  rows: number,
  factors: number,
  stride: number,
): void {
  if (stride === factors) {
    target.set(source.subarray(0, rows * factors));
    return;
  }
  for (let r = 0; r < rows; r++) target.set(source.subarray(r * factors, (r + 1) * factors), r * stride);
}
