/**
 * The SGD inner loop of biased matrix factorisation, shared by the single-thread path and the
 * worker threads. Plain typed arrays and indices only: no closures, objects or allocation per
 * rating, because this runs 20M x 20 times.
 */
import { deriveSeed, Random } from './random';

/**
 * Training ratings rearranged into strata (`strataStart[s] .. strataStart[s+1]-1`), plus the
 * model arrays. Any of them may live on a SharedArrayBuffer so workers see the same memory.
 */
export interface SgdArrays {
  readonly user: Uint32Array;
  readonly item: Uint32Array;
  readonly rating: Float32Array;
  readonly strataStart: Uint32Array;
  readonly userFactors: Float32Array;
  readonly itemFactors: Float32Array;
  readonly userBias: Float32Array;
  readonly itemBias: Float32Array;
}

export interface SgdStep {
  readonly factors: number;
  readonly globalMean: number;
  readonly learningRate: number;
  readonly regularization: number;
  readonly biasRegularization: number;
}

/**
 * One sub-epoch: the strata listed in `strata`, which share no user and no item, claimed one at a
 * time through `cursor[0]`.
 */
export interface SgdSubEpochTask {
  readonly arrays: SgdArrays;
  readonly step: SgdStep;
  readonly strata: Uint32Array;
  /** Shared claim counter (Int32Array of length 1, starting at 0). */
  readonly cursor: Int32Array;
  readonly seed: number;
  readonly epoch: number;
}

/**
 * Runs strata until none are left; returns the sum of squared training errors it saw. The strata
 * of a sub-epoch touch disjoint users and items, so whichever thread runs whichever stratum, in
 * whatever order, every update reads exactly the values it would in a sequential run: the result
 * is the same bytes for any number of threads. The order inside a stratum depends only on (seed,
 * epoch, stratum).
 */
export function runSgdSubEpoch(task: SgdSubEpochTask): number {
  const { arrays, step, strata, cursor, seed, epoch } = task;
  let squaredError = 0;
  for (;;) {
    const claimed = Atomics.add(cursor, 0, 1);
    if (claimed >= strata.length) return squaredError;
    const stratum = strata[claimed]!;
    const start = arrays.strataStart[stratum]!;
    const end = arrays.strataStart[stratum + 1]!;
    shuffleRange(arrays, start, end, new Random(deriveSeed(seed, epoch, stratum)));
    squaredError += sgdPass(arrays, step, start, end);
  }
}

/**
 * Fisher-Yates over one stratum's rows, moving the rating columns themselves, so the SGD pass that
 * follows reads memory sequentially instead of chasing a 20M-entry permutation (about twice as
 * fast: the random accesses stay inside one stratum, a few MB).
 */
function shuffleRange(arrays: SgdArrays, start: number, end: number, random: Random): void {
  const { user, item, rating } = arrays;
  for (let t = end - 1; t > start; t--) {
    const s = start + random.nextInt(t - start + 1);
    const u = user[t]!;
    user[t] = user[s]!;
    user[s] = u;
    const i = item[t]!;
    item[t] = item[s]!;
    item[s] = i;
    const r = rating[t]!;
    rating[t] = rating[s]!;
    rating[s] = r;
  }
}

/**
 * One pass over rows start..end-1, updating in place. Per rating r_ui with
 * e = r_ui - (μ + b_u + b_i + p_u·q_i):
 *   b_u += lr (e - λ_b b_u),  b_i += lr (e - λ_b b_i),
 *   p_u += lr (e q_i - λ p_u), q_i += lr (e p_u - λ q_i)   (both from the old p_u, q_i).
 * The dot product keeps four partial sums so the adds do not wait on each other.
 */
export function sgdPass(arrays: SgdArrays, step: SgdStep, start: number, end: number): number {
  const { user, item, rating, userFactors: p, itemFactors: q, userBias, itemBias } = arrays;
  const { factors: f, globalMean, learningRate: lr, regularization: reg, biasRegularization: regB } = step;
  const shrink = 1 - lr * reg;
  const f4 = f - (f % 4);
  let squaredError = 0;
  for (let t = start; t < end; t++) {
    const u = user[t]!;
    const i = item[t]!;
    const pu = u * f;
    const qi = i * f;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    let k = 0;
    for (; k < f4; k += 4) {
      d0 += p[pu + k]! * q[qi + k]!;
      d1 += p[pu + k + 1]! * q[qi + k + 1]!;
      d2 += p[pu + k + 2]! * q[qi + k + 2]!;
      d3 += p[pu + k + 3]! * q[qi + k + 3]!;
    }
    for (; k < f; k++) d0 += p[pu + k]! * q[qi + k]!;
    const bu = userBias[u]!;
    const bi = itemBias[i]!;
    const e = rating[t]! - (globalMean + bu + bi + (d0 + d1 + (d2 + d3)));
    squaredError += e * e;
    userBias[u] = bu + lr * (e - regB * bu);
    itemBias[i] = bi + lr * (e - regB * bi);
    const le = lr * e;
    for (k = 0; k < f4; k += 4) {
      const p0 = p[pu + k]!;
      const p1 = p[pu + k + 1]!;
      const p2 = p[pu + k + 2]!;
      const p3 = p[pu + k + 3]!;
      const q0 = q[qi + k]!;
      const q1 = q[qi + k + 1]!;
      const q2 = q[qi + k + 2]!;
      const q3 = q[qi + k + 3]!;
      p[pu + k] = shrink * p0 + le * q0;
      p[pu + k + 1] = shrink * p1 + le * q1;
      p[pu + k + 2] = shrink * p2 + le * q2;
      p[pu + k + 3] = shrink * p3 + le * q3;
      q[qi + k] = shrink * q0 + le * p0;
      q[qi + k + 1] = shrink * q1 + le * p1;
      q[qi + k + 2] = shrink * q2 + le * p2;
      q[qi + k + 3] = shrink * q3 + le * p3;
    }
    for (; k < f; k++) {
      const pk = p[pu + k]!;
      const qk = q[qi + k]!;
      p[pu + k] = shrink * pk + le * qk;
      q[qi + k] = shrink * qk + le * pk;
    }
  }
  return squaredError;
}
