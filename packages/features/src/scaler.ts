/**
 * A StandardScaler as parameters per output column: z = (x - mean) / std, with the population std
 * over the training rows, and std 1 where a column is constant (as scikit-learn does). Columns that
 * are not scaled (flags, one-hots) keep mean 0 and std 1, so one formula serves every column and
 * NaN stays NaN.
 */
export interface ScalerParams {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/** The one scaling formula; fit-time tables, serving rows and deserialized pipelines all use it. */
export function scaleValue(x: number, mean: number, std: number): number {
  return (x - mean) / std;
}

export function identityScaler(nCols: number): ScalerParams {
  return { mean: new Float64Array(nCols), std: new Float64Array(nCols).fill(1) };
}

/**
 * Fits scaler columns without materialising the training feature matrix. Each output column comes
 * from one source: a statistic table (each entry weighted by how many training rows copy it) or a
 * per-row value (fed one at a time). NaN values (the 'nan' missing mode) are skipped.
 */
export class ScalerFitter {
  readonly mean: Float64Array;
  readonly std: Float64Array;

  constructor(
    readonly nCols: number,
    private readonly scaled: readonly boolean[],
  ) {
    this.mean = new Float64Array(nCols);
    this.std = new Float64Array(nCols).fill(1);
  }

  /**
   * Output columns `[outCol, outCol + width)` hold table columns `[tableCol, ...)` of a row-major
   * table (entities x tableWidth); entity e appears in `weights[e]` training rows. Two passes (mean,
   * then centred squares) keep the variance of columns such as `movie_year` (values near 2000) exact.
   */
  fitTable(
    table: Float32Array,
    tableWidth: number,
    tableCol: number,
    width: number,
    weights: Uint32Array,
    outCol: number,
  ): void {
    const entities = weights.length;
    for (let j = 0; j < width; j++) {
      if (!this.scaled[outCol + j]) continue;
      let w = 0;
      let s = 0;
      for (let e = 0; e < entities; e++) {
        const we = weights[e]!;
        const x = table[e * tableWidth + tableCol + j]!;
        if (we === 0 || Number.isNaN(x)) continue;
        w += we;
        s += we * x;
      }
      const mean = w > 0 ? s / w : 0;
      let q = 0;
      for (let e = 0; e < entities; e++) {
        const we = weights[e]!;
        const x = table[e * tableWidth + tableCol + j]!;
        if (we === 0 || Number.isNaN(x)) continue;
        q += we * (x - mean) * (x - mean);
      }
      this.set(outCol + j, mean, w > 0 ? Math.sqrt(q / w) : 0);
    }
  }

  /** Sets a per-row column from moments gathered over the training rows. */
  setMoments(col: number, moments: RunningMoments): void {
    if (!this.scaled[col]) return;
    this.set(col, moments.mean(), moments.std());
  }

  result(): ScalerParams {
    for (let j = 0; j < this.nCols; j++) {
      if (!this.scaled[j]) {
        this.mean[j] = 0;
        this.std[j] = 1;
      }
    }
    return { mean: this.mean, std: this.std };
  }

  private set(col: number, mean: number, std: number): void {
    this.mean[col] = mean;
    this.std[col] = std > 1e-12 ? std : 1;
  }
}

/**
 * Mean and population std of a stream of values, NaN skipped. Sums are taken around the first
 * value (a shifted-data variance), so columns far from zero keep their precision; plain numeric
 * fields keep `add` cheap enough for one call per training row.
 */
export class RunningMoments {
  private n = 0;
  private pivot = 0;
  private sum = 0;
  private sumSquares = 0;

  add(x: number): void {
    if (Number.isNaN(x)) return;
    if (this.n === 0) this.pivot = x;
    const d = x - this.pivot;
    this.n++;
    this.sum += d;
    this.sumSquares += d * d;
  }

  mean(): number {
    return this.n === 0 ? 0 : this.pivot + this.sum / this.n;
  }

  std(): number {
    if (this.n === 0) return 0;
    const m = this.sum / this.n;
    return Math.sqrt(Math.max(0, this.sumSquares / this.n - m * m));
  }
}
