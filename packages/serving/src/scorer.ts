/**
 * What serving needs of a model: the shape of `@reco/scoring`'s `Scorer` (native-free scoring of
 * saved xgboost, random-forest and logistic models). Declared here until that package lands.
 */
export interface Scorer {
  readonly kind: 'xgboost' | 'random-forest' | 'logistic';
  readonly nFeatures: number;
  readonly featureNames: readonly string[] | null;
  /** P(like) per row of a row-major `nRows x nFeatures` matrix. */
  predictProba(X: Float32Array, nRows: number): Float32Array;
}
