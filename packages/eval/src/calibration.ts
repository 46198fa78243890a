import { EvaluationError } from './errors';
import { sortedCopy } from './internal/sort';
import { assertPaired, assertProbabilities, countPositives } from './internal/validate';
import type { Labels, Scores } from './types';

export type CalibrationStrategy = 'uniform' | 'quantile';

export interface CalibrationOptions {
  /** Number of bins. Default 10. */
  readonly bins?: number;
  /**
   * `'uniform'` (default): bins of equal width on [0, 1], bin = min(floor(p * bins), bins - 1).
   * `'quantile'`: bins of (about) equal count; the edges are the scores at ranks
   * floor(b * n / bins), and a score goes to the last bin whose lower edge is <= it, so tied
   * scores share a bin and some bins may be empty.
   */
  readonly strategy?: CalibrationStrategy;
}

export interface CalibrationBin {
  /** Lower edge (inclusive). */
  readonly lower: number;
  /** Upper edge (exclusive, except for the last bin). */
  readonly upper: number;
  readonly count: number;
  readonly positives: number;
  /** Mean score in the bin; NaN when the bin is empty. */
  readonly meanPredicted: number;
  /** Share of positives in the bin; NaN when the bin is empty. */
  readonly observedRate: number;
}

export interface CalibrationTable {
  readonly strategy: CalibrationStrategy;
  /** Every bin, empty ones included, lowest first. */
  readonly bins: readonly CalibrationBin[];
  /** ECE = sum over bins of (count / n) * |meanPredicted - observedRate|. 0 is perfect. */
  readonly expectedCalibrationError: number;
  /** MCE = max over non-empty bins of |meanPredicted - observedRate|. */
  readonly maxCalibrationError: number;
}

/**
 * Reliability table: bins the predicted probabilities and compares each bin's mean prediction
 * with the observed rate of positives. A calibrated model has meanPredicted ~ observedRate in
 * every bin. Scores must be probabilities in [0, 1].
 */
export function calibrationTable(
  labels: Labels,
  scores: Scores,
  options: CalibrationOptions = {},
): CalibrationTable {
  const { bins = 10, strategy = 'uniform' } = options;
  if (!Number.isInteger(bins) || bins < 1) {
    throw new EvaluationError('invalid-option', `bins must be a whole number >= 1, got ${bins}`);
  }
  if (strategy !== 'uniform' && strategy !== 'quantile') {
    throw new EvaluationError(
      'invalid-option',
      `strategy must be 'uniform' or 'quantile', got '${String(strategy)}'`,
    );
  }
  assertPaired(labels, scores);
  countPositives(labels);
  assertProbabilities(scores, 'the calibration table');

  const n = labels.length;
  const counts = new Float64Array(bins);
  const positives = new Float64Array(bins);
  const sums = new Float64Array(bins);
  const lowers = new Float64Array(bins);
  const uppers = new Float64Array(bins);

  if (strategy === 'uniform') {
    for (let b = 0; b < bins; b++) {
      lowers[b] = b / bins;
      uppers[b] = (b + 1) / bins;
    }
    for (let i = 0; i < n; i++) {
      const p = scores[i]!;
      const b = Math.min(Math.floor(p * bins), bins - 1);
      counts[b]!++;
      positives[b]! += labels[i]!;
      sums[b]! += p;
    }
  } else {
    const sorted = sortedCopy(scores);
    // edges[b] is the lower edge of bin b + 1.
    const edges = new Float64Array(bins - 1);
    for (let b = 1; b < bins; b++) edges[b - 1] = sorted[Math.floor((b * n) / bins)]!;
    for (let b = 0; b < bins; b++) {
      lowers[b] = b === 0 ? sorted[0]! : edges[b - 1]!;
      uppers[b] = b === bins - 1 ? sorted[n - 1]! : edges[b]!;
    }
    for (let i = 0; i < n; i++) {
      const p = scores[i]!;
      const b = countAtMost(edges, p);
      counts[b]!++;
      positives[b]! += labels[i]!;
      sums[b]! += p;
    }
  }

  const rows: CalibrationBin[] = [];
  let ece = 0;
  let mce = 0;
  for (let b = 0; b < bins; b++) {
    const count = counts[b]!;
    const meanPredicted = count === 0 ? Number.NaN : sums[b]! / count;
    const observedRate = count === 0 ? Number.NaN : positives[b]! / count;
    if (count > 0) {
      const gap = Math.abs(meanPredicted - observedRate);
      ece += (count / n) * gap;
      mce = Math.max(mce, gap);
    }
    rows.push({
      lower: lowers[b]!,
      upper: uppers[b]!,
      count,
      positives: positives[b]!,
      meanPredicted,
      observedRate,
    });
  }
  return { strategy, bins: rows, expectedCalibrationError: ece, maxCalibrationError: mce };
}

/** Number of ascending `edges` that are <= value (binary search). */
function countAtMost(edges: Float64Array, value: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (edges[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
