/** A saved model, ready to score rows. Plain TypeScript or WebAssembly: never native code. */
export interface Scorer {
  readonly kind: 'xgboost' | 'random-forest' | 'logistic';
  readonly nFeatures: number;
  readonly featureNames: readonly string[] | null;
  /** P(class 1) per row of a row-major nRows x nFeatures matrix (NaN = missing). */
  predictProba(X: Float32Array, nRows: number): Float32Array;
}

/** How a tree model is walked: the WebAssembly kernel, or the plain-TypeScript walk. */
export type TreeEngine = 'wasm' | 'typescript';

/** A tree model's scorer, saying which engine it runs on and why when that is not `wasm`. */
export interface TreeScorer extends Scorer {
  readonly kind: 'xgboost' | 'random-forest';
  readonly engine: TreeEngine;
  /** Why the kernel does not take this model (null when `engine` is `wasm`). */
  readonly engineReason: string | null;
}

export interface TreeScorerOptions {
  /** `auto` (default): the kernel when it takes the model, else the TypeScript walk. */
  readonly engine?: 'auto' | TreeEngine;
}
